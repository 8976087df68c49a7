"""Registering a concern received by phone, e-mail, function mailbox or the police
reporting system, following the interview guide."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from infohus.core.models import AuditEvent
from infohus.intake.choices import Channel, SourceType
from infohus.intake.models import Concern
from infohus.organisations.models import Municipality
from infohus.persons.models import FocusPerson
from tests.intake.test_inbox import url

pytestmark = pytest.mark.django_db


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "channel": Channel.PHONE,
        "source_type": SourceType.PROFESSIONAL,
        "sector": "school",
        "municipality": Municipality.objects.get(code="751").pk,
        "acute_danger": "no",
        "what": "Eleven viser IS-videoer i frikvarteret (fiktivt).",
        "when": "I sidste uge",
        "where": "Skolen",
        "frequency": "Tre gange",
        "weapons": "unknown",
        "relation": "Lærer",
        "ideology": "islamism",
        "person_name": "Fiktiv Elev",
        "person_cpr": "010190-1234",
        "reporter_name": "Fiktiv Lærer",
        "reporter_phone": "87654321",
        "reporter_organisation": "Fiktiv Skole",
    }
    data.update(overrides)
    return data


def test_the_form_follows_the_interview_guide_and_shows_the_112_instruction(
    client_for: Callable[[str], Client],
) -> None:
    body = client_for("prevention_officer").get(url("register_concern")).content.decode()
    assert "Akut fare: ring 112 / kontakt vagtcentralen" in body
    assert body.index("Akut fare: ring 112") < body.index("<h1>")
    assert "Hvad har du set eller hørt, som gør dig bekymret?" in body
    assert "Har personen adgang til våben" in body
    for label in ("Telefon", "E-mail", "Funktionspostkasse", "Politiets anmeldelsessystem"):
        assert label in body
    assert "Offentlig webformular" not in body


def test_registering_a_phone_call(client_for: Callable[[str], Client]) -> None:
    response = client_for("prevention_officer").post(url("register_concern"), form_data())
    concern = Concern.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("concern_detail", pk=concern.pk)
    assert concern.channel == Channel.PHONE
    assert concern.source_type == SourceType.PROFESSIONAL
    assert (
        concern.received_by is not None and concern.received_by.username == "t-prevention-officer"
    )
    assert concern.description.startswith("Eleven viser")
    assert (concern.observed_on, concern.observed_where) == ("I sidste uge", "Skolen")
    assert concern.interview["frequency"] == "Tre gange"
    assert concern.interview["weapons"] == "unknown"
    assert concern.reporter_relation == "Lærer"
    assert concern.reporter_phone == "87654321"
    assert concern.is_acute is False
    assert concern.district is not None and concern.district.slug == "oestjyllands-politi"
    assert FocusPerson.objects.get().cpr == "0101901234"
    assert AuditEvent.objects.filter(verb="CONCERN_RECEIVED", object_id=str(concern.pk)).exists()


def test_acute_answer_flags_the_concern(client_for: Callable[[str], Client]) -> None:
    client_for("coordinator").post(url("register_concern"), form_data(acute_danger="yes"))
    assert Concern.objects.get().is_acute is True


def test_a_concern_for_another_district_goes_there(client_for: Callable[[str], Client]) -> None:
    odense = Municipality.objects.get(code="461")
    response = client_for("analyst").post(
        url("register_concern"), form_data(municipality=odense.pk, channel=Channel.POLICE_SYSTEM)
    )
    concern = Concern.objects.get()
    assert response["Location"] == url()
    assert concern.district is not None and concern.district.slug == "fyns-politi"


def test_invalid_input_keeps_everything_and_saves_nothing(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("coordinator").post(
        url("register_concern"), form_data(what="", person_cpr="321390-1234")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "what" in form.errors and "person_cpr" in form.errors
    assert form["where"].value() == "Skolen" and form["reporter_name"].value() == "Fiktiv Lærer"
    assert "Der er fejl i formularen" in response.content.decode()
    assert not Concern.objects.exists()


def test_public_form_channel_is_refused(client_for: Callable[[str], Client]) -> None:
    response = client_for("coordinator").post(
        url("register_concern"), form_data(channel=Channel.PUBLIC_FORM)
    )
    assert "channel" in response.context["form"].errors
    assert not Concern.objects.exists()


@pytest.mark.parametrize("key", ["system_admin", "auditor", "hotline_adviser", "pet_triage"])
def test_post_is_404_for_others(key: str, client_for: Callable[[str], Client]) -> None:
    assert client_for(key).post(url("register_concern"), form_data()).status_code == 404
    assert not Concern.objects.exists()
