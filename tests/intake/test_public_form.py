"""Reporting a concern through the public form at /bekymring/ (no login): receipt, routing
to the right district's Infohus and only there, nothing lost, Danish and English."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.intake import public_views
from infohus.intake.choices import Channel, Ideology, Sector, SourceType
from infohus.intake.models import Concern
from infohus.intake.permissions import concerns_visible_to
from infohus.intake.public_forms import TOKEN_SALT
from infohus.persons.models import FocusPerson

pytestmark = pytest.mark.django_db

FORM_URL = "/bekymring/"
RECEIPT_URL = "/bekymring/kvittering/"


def shown_token(seconds_ago: float = 30) -> str:
    """A token as if the form had been shown ``seconds_ago``."""
    from django.core import signing

    return signing.dumps({"at": time.time() - seconds_ago}, salt=TOKEN_SALT)


def valid_data(**overrides: Any) -> dict[str, Any]:
    """A citizen's report about a person in Aarhus (Østjyllands Politi). Fictitious."""
    data: dict[str, Any] = {
        "form_token": shown_token(),
        "website": "",
        "source_type": SourceType.CITIZEN,
        "sector": "",
        "relation": "Nabo",
        "anonymity": "named",
        "reporter_name": "Fiktiv Nabo",
        "reporter_phone": "12 34 56 78",
        "reporter_email": "nabo@example.org",
        "reporter_organisation": "",
        "acute_danger": "no",
        "what": "Min nabo deler videoer, der hylder terrorangreb (fiktivt eksempel).",
        "when": "Sidste uge",
        "where": "På Instagram",
        "frequency": "Flere gange siden sommer",
        "violence_or_travel": "Han har talt om at rejse ud.",
        "weapons": "unknown",
        "others_know": "Hans mor",
        "person_knows": "no",
        "ideology": Ideology.ISLAMISM,
        "person_name": "Fiktiv Fokusperson",
        "person_age": "19",
        "person_birth_date": "",
        "person_cpr": "",
        "person_municipality": "751",
        "reporter_municipality": "",
        "group_description": "",
    }
    data.update(overrides)
    return data


def submit(client: Client, **overrides: Any) -> Any:
    return client.post(FORM_URL, valid_data(**overrides))


def test_form_is_public_and_tells_of_112_before_anything_else(client: Client) -> None:
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    main = html[html.index('id="main-content"') :]
    assert main.index("Er nogen i akut fare? Ring 112.") < main.index("<h1")
    assert main.index("Er nogen i akut fare? Ring 112.") < main.index("<form")
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'class="public-hp"' in html and "style=" not in main
    # The 98 municipalities and "Ved ikke".
    assert html.count('<option value="', html.index('name="person_municipality"')) >= 99
    assert "no-store" in response["Cache-Control"]


def test_citizen_submits_and_gets_a_receipt_code(
    client: Client, persona: Callable[[str], User]
) -> None:
    response = submit(client)
    assert response.status_code == 302
    assert response["Location"] == RECEIPT_URL
    concern = Concern.objects.get()
    receipt = client.get(RECEIPT_URL)
    assert receipt.status_code == 200
    assert "no-store" in receipt["Cache-Control"]
    assert f'id="receipt-code">{concern.receipt_code}<' in receipt.content.decode()
    assert "Infohus i Østjyllands Politi" in receipt.content.decode()
    assert "inden for få arbejdsdage" in receipt.content.decode()

    assert concern.channel == Channel.PUBLIC_FORM
    assert concern.source_type == SourceType.CITIZEN
    assert concern.received_by is None
    assert concern.inbox_unit is not None
    assert concern.inbox_unit.organisation.slug == "oestjyllands-politi"
    assert concern.inbox_unit.kind == "infohus"
    assert concern.description.startswith("Min nabo deler videoer")
    assert (concern.observed_on, concern.observed_where) == ("Sidste uge", "På Instagram")
    assert concern.reporter_relation == "Nabo"
    assert concern.reporter_name == "Fiktiv Nabo"
    assert concern.ideology == Ideology.ISLAMISM
    assert concern.is_acute is False
    assert concern.interview == {
        "acute_danger": "no",
        "frequency": "Flere gange siden sommer",
        "violence_or_travel": "Han har talt om at rejse ud.",
        "weapons": "unknown",
        "others_know": "Hans mor",
        "person_knows": "no",
        "person_age": "19",
    }
    person = FocusPerson.objects.get()
    assert person.full_name == "Fiktiv Fokusperson"
    assert person.municipality is not None and person.municipality.code == "751"
    assert list(concern.subjects.all()) == [person]

    # In the Østjylland Infohus inbox and only there.
    assert list(concerns_visible_to(persona("coordinator"))) == [concern]
    assert not concerns_visible_to(persona("coordinator_fyn")).exists()
    event = AuditEvent.objects.get(verb="CONCERN_RECEIVED")
    assert event.actor_id is None


def test_redirect_carries_no_personal_data(client: Client) -> None:
    response = submit(client, person_cpr="010190-1234")
    location = response["Location"]
    assert location == RECEIPT_URL
    concern = Concern.objects.get()
    for secret in ("Fiktiv", "0101901234", "010190", "12345678", concern.receipt_code):
        assert secret not in location


def test_receipt_is_shown_once_and_never_to_a_stranger(client: Client) -> None:
    submit(client)
    code = Concern.objects.get().receipt_code
    assert code in client.get(RECEIPT_URL).content.decode()
    again = client.get(RECEIPT_URL)
    assert again.status_code == 404
    assert code not in again.content.decode()
    stranger = Client().get(RECEIPT_URL)
    assert stranger.status_code == 404
    assert "Ingen kvittering at vise" in stranger.content.decode()


def test_failed_validation_keeps_every_field_and_saves_nothing(client: Client) -> None:
    response = submit(client, what="   ", person_cpr="311399-1234")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Der er fejl i formularen" in html
    assert 'href="#id_what"' in html
    assert "CPR-nummeret indeholder ikke en gyldig fødselsdato." in html
    for kept in (
        'value="Fiktiv Nabo"',
        'value="12 34 56 78"',
        'value="nabo@example.org"',
        'value="Sidste uge"',
        "Flere gange siden sommer</textarea>",
        'value="311399-1234"',
        'value="Fiktiv Fokusperson"',
    ):
        assert kept in html, kept
    assert re.search(r'value="751"[^>]*selected', html)
    assert re.search(r'value="islamism"[^>]*checked', html)
    assert re.search(r'name="weapons" value="unknown"[^>]*checked', html)
    assert not Concern.objects.exists()
    assert not FocusPerson.objects.exists()


def test_anonymous_reporter_stores_no_contact_details(client: Client) -> None:
    submit(client, anonymity="anonymous", reporter_organisation="Fiktiv Skole")
    concern = Concern.objects.get()
    assert concern.reporter_is_anonymous is True
    assert (concern.reporter_name, concern.reporter_phone, concern.reporter_email) == ("", "", "")
    assert concern.reporter_organisation == ""
    assert "så vi kan ikke kontakte dig" in client.get(RECEIPT_URL).content.decode()


def test_named_reporter_must_give_phone_or_email(client: Client) -> None:
    response = submit(client, reporter_phone="", reporter_email="")
    assert "Skriv et telefonnummer eller en e-mailadresse" in response.content.decode()
    assert not Concern.objects.exists()
    submit(client, reporter_phone="")
    assert Concern.objects.get().reporter_email == "nabo@example.org"


def test_professional_gives_a_sector(client: Client) -> None:
    response = submit(client, source_type=SourceType.PROFESSIONAL)
    assert "Vælg den sektor, du arbejder i." in response.content.decode()
    assert not Concern.objects.exists()
    submit(
        client,
        source_type=SourceType.PROFESSIONAL,
        sector=Sector.SCHOOL,
        reporter_organisation="Fiktiv Skole",
    )
    concern = Concern.objects.get()
    assert (concern.sector, concern.reporter_organisation) == (Sector.SCHOOL, "Fiktiv Skole")


def test_unknown_municipality_is_routed_by_the_reporters_own(
    client: Client, persona: Callable[[str], User]
) -> None:
    response = submit(client, person_municipality="unknown")
    assert "Vælg den kommune, du selv bor i" in response.content.decode()
    assert not Concern.objects.exists()
    submit(client, person_municipality="unknown", reporter_municipality="461")
    concern = Concern.objects.get()
    assert concern.inbox_unit is not None
    assert concern.inbox_unit.organisation.slug == "fyns-politi"
    assert list(concerns_visible_to(persona("coordinator_fyn"))) == [concern]
    assert not concerns_visible_to(persona("coordinator")).exists()
    assert FocusPerson.objects.get().municipality is None


def test_acute_danger_is_flagged_and_the_receipt_says_call_112(client: Client) -> None:
    submit(client, acute_danger="yes")
    assert Concern.objects.get().is_acute is True
    assert "Ring 112 nu" in client.get(RECEIPT_URL).content.decode()


def test_a_report_without_a_named_person_stores_no_person(client: Client) -> None:
    submit(client, person_name="", person_age="", group_description="En gruppe unge ved banegården")
    concern = Concern.objects.get()
    assert not FocusPerson.objects.exists()
    assert concern.group_description == "En gruppe unge ved banegården"


def test_english_on_request(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(FORM_URL).content.decode()
    assert '<html lang="en">' in html
    assert "Is anyone in immediate danger? Call 112." in html
    assert "Report a concern about extremism" in html
    assert "What have you seen or heard that worries you?" in html
    invalid = submit(client, what="").content.decode()
    assert "There are errors in the form" in invalid
    submit(client)
    assert "your concern has been received" in client.get(RECEIPT_URL).content.decode()


def test_csrf_is_required() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(FORM_URL, valid_data())
    assert response.status_code == 403
    assert not Concern.objects.exists()


def test_a_stored_concern_survives_a_failing_redirect(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("session store down")

    monkeypatch.setattr(public_views, "redirect", broken)
    response = submit(client)
    concern = Concern.objects.get()
    assert response.status_code == 200
    assert concern.receipt_code in response.content.decode()


def test_a_stored_concern_survives_a_failing_receipt_page(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("template error")

    monkeypatch.setattr(public_views, "render_receipt", broken)
    client.raise_request_exception = False
    response = client.post(FORM_URL, valid_data(), follow=True)
    assert response.status_code == 500
    assert Concern.objects.count() == 1


def test_staff_who_are_logged_in_report_like_anyone_else(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("municipal_contact")
    assert submit(client).status_code == 302
    assert Concern.objects.get().received_by is None
