"""PET's triage inbox (Visitationscenter) in the UI: registering a concern PET received,
the inbox list, a concern's page, passing one to a police district, who may do any of it,
the navigation item and the pinned query count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.intake import inbox_actions
from infohus.intake.actions import ConcernInput, ReporterInput
from infohus.intake.choices import Channel, SourceType
from infohus.intake.inbox import (
    PET_INBOX_OBJECT_TYPE,
    inbox_counts,
    pet_triage_concerns_visible_to,
    pet_triage_counts,
)
from infohus.intake.models import Concern, ConcernSubject, ConcernTransfer
from infohus.intake.permissions import concerns_visible_to
from infohus.organisations import permissions as org_perms
from infohus.organisations.models import Municipality, PoliceDistrict
from infohus.organisations.roles import UnitKind
from infohus.persons.actions import PersonInput, register_person
from tests.intake.test_inbox import assert_matrix, make_concern
from tests.intake.test_inbox import url as district_url
from tests.intake.test_staff_intake import form_data
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

TRIAGE = {"pet_triage"}
OTHERS = sorted(set(PERSONAS) - TRIAGE)
DISTRICT_STAFF = ("coordinator", "prevention_officer", "analyst", "coordinator_fyn")
REASON = "Uden for PET's målgruppe; personen bor i Odense (fiktivt)."
# Session, user, MFA, membership; the navigation's counts; the page's count, rows and
# passed-on lines; the shell.
MAX_QUERIES = 14


def pet_concern(
    actor: User,
    municipality_code: str = "751",
    *,
    description: str = "En fiktiv bekymring, som PET har modtaget.",
    cpr: str = "",
    is_acute: bool = False,
) -> Concern:
    """A concern registered in PET's triage inbox through the real action."""
    municipality = Municipality.objects.get(code=municipality_code)
    persons = (
        (PersonInput(full_name="Fiktiv Person", cpr=cpr, municipality=municipality),) if cpr else ()
    )
    return inbox_actions.receive_concern_for_pet_triage(
        actor=actor,
        data=ConcernInput(
            source_type=SourceType.PROFESSIONAL,
            channel=Channel.PHONE,
            description=description,
            municipality=municipality,
            reporter=ReporterInput(is_anonymous=False, name="Fiktiv Kilde", phone="11223344"),
            persons=persons,
            is_acute=is_acute,
        ),
    )


def url(name: str = "inbox", **kwargs: Any) -> str:
    return reverse(f"pet:{name}", kwargs=kwargs or None)


def fyn() -> PoliceDistrict:
    return PoliceDistrict.objects.get(slug="fyns-politi")


def oestjylland() -> PoliceDistrict:
    return PoliceDistrict.objects.get(slug="oestjyllands-politi")


def make_overdue(concern: Concern, *, days: int = 3) -> Concern:
    Concern.objects.filter(pk=concern.pk).update(
        screening_due_on=timezone.localdate() - timedelta(days=days),
        received_at=timezone.now() - timedelta(days=days + 8),
    )
    concern.refresh_from_db()
    return concern


def all_urls(concern: Concern) -> list[str]:
    return [
        url("inbox"),
        url("register_concern"),
        url("concern_detail", pk=concern.pk),
        url("pass_concern_to_district", pk=concern.pk),
    ]


# --- who may use it ------------------------------------------------------------------------


def test_persona_matrix(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = pet_concern(persona("pet_triage"))
    for path in all_urls(concern):
        assert_matrix(client_for, path, TRIAGE)


@pytest.mark.parametrize("key", OTHERS)
def test_post_is_404_for_everyone_else(
    key: str, client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = pet_concern(persona("pet_triage"))
    client = client_for(key)
    for path in all_urls(concern):
        response = client.post(path, {"district": fyn().pk, "reason": REASON})
        assert response.status_code == 404, path
    concern.refresh_from_db()
    assert concern.district is None and not ConcernTransfer.objects.exists()


def test_anonymous_post_goes_to_login(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = pet_concern(persona("pet_triage"))
    for path in all_urls(concern):
        response = client_for("anonymous").post(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_denials_are_audited(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = pet_concern(persona("pet_triage"))
    client = client_for("coordinator")
    client.get(url())
    client.get(url("concern_detail", pk=concern.pk))
    denied = AuditEvent.objects.filter(
        outcome=AuditEvent.Outcome.DENIED, actor=persona("coordinator")
    )
    assert denied.filter(
        object_type=PET_INBOX_OBJECT_TYPE, changes___details__reason="not_pet_triage"
    ).exists()
    assert denied.filter(
        object_type="intake.concern",
        object_id=str(concern.pk),
        changes___details__reason="not_visible",
    ).exists()


def test_get_and_head_only_on_the_pages(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = pet_concern(persona("pet_triage"))
    client = client_for("pet_triage")
    assert client.post(url()).status_code == 405
    assert client.post(url("concern_detail", pk=concern.pk)).status_code == 405
    assert client.put(url("register_concern")).status_code == 405


def test_unknown_concern_is_404(client_for: Callable[[str], Client]) -> None:
    client = client_for("pet_triage")
    assert client.get(url("concern_detail", pk=999999)).status_code == 404
    assert client.get(url("pass_concern_to_district", pk=999999)).status_code == 404


# --- registering a concern PET received -------------------------------------------------------


def test_pet_registers_a_concern_that_no_district_sees(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    triage = client_for("pet_triage")
    form = triage.get(url("register_concern")).content.decode()
    assert "Akut fare: ring 112 / kontakt vagtcentralen" in form
    assert "Hvad har du set eller hørt, som gør dig bekymret?" in form
    assert "Henvendelsen bliver i PET's visitation. Kommunen bruges" in form

    response = triage.post(url("register_concern"), form_data())
    concern = Concern.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("concern_detail", pk=concern.pk)
    assert concern.district is None
    assert concern.inbox_unit is not None and concern.inbox_unit.kind == UnitKind.PET_TRIAGE
    assert concern.received_by == persona("pet_triage")
    assert concern.interview["frequency"] == "Tre gange"
    assert AuditEvent.objects.filter(
        verb="CONCERN_ROUTED_TO_PET_TRIAGE", object_id=str(concern.pk)
    ).exists()
    # It lies in PET's inbox …
    assert concern.reference in triage.get(url()).content.decode()
    # … and in no district's: Aarhus lies in Østjylland, whose staff neither list nor open it.
    for key in DISTRICT_STAFF:
        assert not concerns_visible_to(persona(key)).exists(), key
        client = client_for(key)
        assert concern.reference not in client.get(district_url()).content.decode(), key
        assert client.get(district_url("concern_detail", pk=concern.pk)).status_code == 404, key
    counts = inbox_counts(persona("coordinator"))
    assert counts is not None and (counts.unassigned, counts.overdue) == (0, 0)


def test_registering_shows_errors_and_saves_nothing(client_for: Callable[[str], Client]) -> None:
    response = client_for("pet_triage").post(
        url("register_concern"), form_data(what="", person_cpr="310299-1234")
    )
    assert response.status_code == 200
    assert {"what", "person_cpr"} <= set(response.context["form"].errors)
    assert not Concern.objects.exists()


# --- the inbox list ------------------------------------------------------------------------------


def test_the_inbox_lists_pets_concerns_with_age_and_deadline(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    triage = persona("pet_triage")
    late = make_overdue(pet_concern(triage, is_acute=True))
    fresh = pet_concern(triage, "461")
    from tests.intake.test_inbox import make_concern

    districts_own = make_concern()  # in Østjylland's inbox: never in PET's
    response = client_for("pet_triage").get(url())
    body = response.content.decode()
    by_ref = {row["concern"].reference: row for row in response.context["rows"]}
    assert set(by_ref) == {late.reference, fresh.reference}
    assert districts_own.reference not in body
    assert (by_ref[late.reference]["age"], by_ref[late.reference]["overdue"]) == (11, True)
    assert (by_ref[fresh.reference]["age"], by_ref[fresh.reference]["overdue"]) == (0, False)
    assert body.count("inbox-row--overdue") == 1
    for text in ("AKUT", "11 dage", "0 dage", "Fagperson", "Telefon", "Odense Kommune"):
        assert text in body, text
    assert "<strong>2</strong> åbne · <strong>1</strong> over fristen for screening" in body
    assert url("pass_concern_to_district", pk=fresh.pk) in body


def test_filters_and_sort(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    triage = persona("pet_triage")
    first = make_overdue(pet_concern(triage), days=1)
    second = pet_concern(triage)
    client = client_for("pet_triage")

    def refs(**params: str) -> list[str]:
        return [row["concern"].reference for row in client.get(url(), params).context["rows"]]

    assert refs() == [second.reference, first.reference]
    assert refs(sort="oldest") == [first.reference, second.reference]
    assert refs(sort="due") == [first.reference, second.reference]
    assert refs(overdue="on") == [first.reference]
    assert refs(status="all") == refs()
    assert refs(status="nonsense", sort="nonsense") == refs()


def test_pagination(client_for: Callable[[str], Client], persona: Callable[[str], User]) -> None:
    triage = persona("pet_triage")
    for _ in range(27):
        pet_concern(triage)
    client = client_for("pet_triage")
    first = client.get(url())
    assert len(first.context["rows"]) == 25 and first.context["page"].paginator.count == 27
    assert len(client.get(url(), {"page": 2}).context["rows"]) == 2


def test_query_count_is_pinned_and_does_not_grow_with_rows(
    client_for: Callable[[str], Client],
    persona: Callable[[str], User],
    django_assert_max_num_queries: Any,
    django_assert_num_queries: Any,
) -> None:
    triage = persona("pet_triage")
    client = client_for("pet_triage")
    passed = pet_concern(triage)
    inbox_actions.pass_concern_to_district(
        actor=triage, concern=passed, to_district=fyn(), reason=REASON
    )
    pet_concern(triage)
    with django_assert_max_num_queries(MAX_QUERIES) as one:
        assert client.get(url()).status_code == 200
    for code in ("751", "461", "101", "746") * 5:
        pet_concern(triage, code)
    other = pet_concern(triage)
    inbox_actions.pass_concern_to_district(
        actor=triage, concern=other, to_district=fyn(), reason=REASON
    )
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url())
    assert len(response.context["rows"]) == 21


# --- a concern's page ----------------------------------------------------------------------------


def test_the_concern_page_shows_everything_with_cpr_masked_and_reporter_contact(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = pet_concern(
        persona("pet_triage"), cpr="010190-1234", description="Han deler videoer fra IS."
    )
    Concern.objects.filter(pk=concern.pk).update(
        interview={"frequency": "Flere gange siden sommer"}, observed_where="Skolen"
    )
    response = client_for("pet_triage").get(url("concern_detail", pk=concern.pk))
    body = response.content.decode()
    for text in (
        "Han deler videoer fra IS.",
        "Hvor ofte, og siden hvornår?",
        "Flere gange siden sommer",
        "Skolen",
        "Fiktiv Person",
        "010190-XXXX",
        "Aarhus Kommune",
        "Fiktiv Kilde",
        "11223344",
        "Modtaget via Telefon",
        url("pass_concern_to_district", pk=concern.pk),
    ):
        assert text in body, text
    assert "1234" not in body.replace(concern.reference, "")
    assert AuditEvent.objects.filter(verb="CONCERN_VIEWED", object_id=str(concern.pk)).exists()


def test_acute_concern_shows_the_112_instruction(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_overdue(pet_concern(persona("pet_triage"), is_acute=True))
    body = client_for("pet_triage").get(url("concern_detail", pk=concern.pk)).content.decode()
    assert "Akut fare: ring 112 / kontakt vagtcentralen" in body
    assert "Over fristen for screening" in body


# --- passing a concern to a police district -------------------------------------------------------


def test_the_form_proposes_the_district_of_the_persons_municipality(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = pet_concern(persona("pet_triage"), "461")  # Odense: Fyns Politi
    response = client_for("pet_triage").get(url("pass_concern_to_district", pk=concern.pk))
    assert response.status_code == 200
    assert response.context["form"]["district"].value() == fyn().pk
    assert f'<option value="{fyn().pk}" selected>' in response.content.decode()


def test_passing_moves_the_concern_to_the_districts_inbox_with_its_history(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    triage_user = persona("pet_triage")
    concern = pet_concern(triage_user)
    triage = client_for("pet_triage")
    response = triage.post(
        url("pass_concern_to_district", pk=concern.pk),
        {"district": fyn().pk, "reason": REASON},
    )
    assert response.status_code == 302 and response["Location"] == url()
    concern.refresh_from_db()
    assert concern.district == fyn()
    assert concern.inbox_unit is not None and concern.inbox_unit.organisation.slug == "fyns-politi"
    # The district has it in its inbox, with the whole history.
    fyn_client = client_for("coordinator_fyn")
    assert concern.reference in fyn_client.get(district_url()).content.decode()
    detail = fyn_client.get(district_url("concern_detail", pk=concern.pk)).content.decode()
    history = detail[detail.index("concern-history") :]
    assert "Modtaget via Telefon" in history
    assert f"Sendt fra PET til Fyns Politi. Begrundelse: {REASON}".replace("'", "&#x27;") in history
    # PET no longer sees it: 404 on its page and its form, gone from the list, one line left.
    assert triage.get(url("concern_detail", pk=concern.pk)).status_code == 404
    assert triage.get(url("pass_concern_to_district", pk=concern.pk)).status_code == 404
    body = triage.get(url()).content.decode()
    assert url("concern_detail", pk=concern.pk) not in body
    assert f"{concern.reference} – sendt til Fyns Politi" in body
    assert not pet_triage_concerns_visible_to(triage_user).exists()
    # Østjylland (the municipality's district) was not chosen: it never saw the concern.
    assert not concerns_visible_to(persona("coordinator")).exists()
    event = AuditEvent.objects.get(verb="CONCERN_PASSED_TO_DISTRICT")
    assert event.actor == triage_user and event.object_id == str(concern.pk)
    assert event.changes["district"] == {"from": None, "to": "fyns-politi"}
    assert event.changes["_details"]["reason"] == REASON
    transfer = ConcernTransfer.objects.get()
    assert transfer.kind == "pet_to_district" and transfer.reason == REASON


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required_and_nothing_changes_without_one(
    reason: str, client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = pet_concern(persona("pet_triage"))
    response = client_for("pet_triage").post(
        url("pass_concern_to_district", pk=concern.pk), {"district": fyn().pk, "reason": reason}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert "error-summary" in response.content.decode()
    concern.refresh_from_db()
    assert concern.district is None
    assert not ConcernTransfer.objects.exists()
    assert not AuditEvent.objects.filter(verb="CONCERN_PASSED_TO_DISTRICT").exists()
    assert not concerns_visible_to(persona("coordinator_fyn")).exists()


def test_a_district_must_be_chosen(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = pet_concern(persona("pet_triage"))
    response = client_for("pet_triage").post(
        url("pass_concern_to_district", pk=concern.pk), {"district": "", "reason": REASON}
    )
    assert response.status_code == 200 and "district" in response.context["form"].errors
    assert not ConcernTransfer.objects.exists()


# --- navigation and start page ---------------------------------------------------------------------


def test_navigation_counts_open_and_overdue_in_one_query(
    client_for: Callable[[str], Client],
    persona: Callable[[str], User],
    django_assert_num_queries: Any,
) -> None:
    triage = persona("pet_triage")
    pet_concern(triage)
    make_overdue(pet_concern(triage))
    org_perms.active_membership(triage)  # the middleware has it before the navigation asks
    with django_assert_num_queries(1):
        counts = pet_triage_counts(triage)
    assert counts is not None and (counts.open, counts.overdue) == (2, 1)
    body = client_for("pet_triage").get(reverse("reporting:start")).content.decode()
    assert "Visitation (2)" in body
    assert "2 åbne henvendelser i PET&#x27;s visitation, 1 over fristen for screening." in body
    assert f'href="{url()}"' in body


@pytest.mark.parametrize("key", OTHERS)
def test_the_navigation_item_is_only_for_pet_triage(
    key: str, client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    pet_concern(persona("pet_triage"))
    body = client_for(key).get(reverse("reporting:start")).content.decode()
    assert url() not in body
    assert "Visitation (" not in body
    assert pet_triage_counts(persona(key)) is None


# Session, user, MFA, membership; the navigation's counts; the concern and its read entry
# (with its savepoint); persons, assignments, transfers; the shell.
MAX_DETAIL_QUERIES = 16  # PostgreSQL: the audit chain's advisory lock


def test_the_concern_page_query_count_is_pinned(
    client_for: Callable[[str], Client],
    persona: Callable[[str], User],
    django_assert_max_num_queries: Any,
    django_assert_num_queries: Any,
) -> None:
    concern = pet_concern(persona("pet_triage"), cpr="010190-1234")
    client = client_for("pet_triage")
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES) as one:
        assert client.get(url("concern_detail", pk=concern.pk)).status_code == 200
    for cpr in ("020290-1234", "030390-1234"):
        person, _new = register_person(actor=None, data=PersonInput(full_name="Fiktiv", cpr=cpr))
        ConcernSubject.objects.create(concern=concern, person=person, reported_name="Fiktiv")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url("concern_detail", pk=concern.pk))
    assert len(response.context["persons"]) == 3


def test_passing_to_a_district_is_recorded_as_a_disclosure_and_hides_pet_staff(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    from infohus.disclosures.models import Disclosure
    from infohus.intake.inbox_actions import pass_concern_to_district

    concern = pet_concern(persona("pet_triage"), cpr="010190-1234")
    district = oestjylland()
    pass_concern_to_district(
        actor=persona("pet_triage"), concern=concern, to_district=district, reason="Uden for PET."
    )
    disclosure = Disclosure.objects.get(object_type="intake.concern", object_id=str(concern.pk))
    assert (disclosure.kind, disclosure.legal_basis, disclosure.regime) == (
        "pet_to_district",
        "pet_act",
        "pet",
    )
    assert disclosure.to_organisation.police_district_id == district.pk
    page = (
        client_for("coordinator")
        .get(reverse("intake:concern_detail", args=[concern.pk]))
        .content.decode()
    )
    assert "Sendt fra PET" in page
    assert persona("pet_triage").display_name() not in page


def test_each_concern_knows_the_regime_it_was_collected_under(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    assert make_concern("751").regime == "law_enforcement"
    at_pet = pet_concern(persona("pet_triage"))
    assert at_pet.regime == "pet"
    passed = inbox_actions.pass_concern_to_district(
        actor=persona("pet_triage"),
        concern=at_pet,
        to_district=PoliceDistrict.objects.get(slug="oestjyllands-politi"),
        reason="Uden for PET's målgruppe.",
    )
    passed.refresh_from_db()
    assert passed.regime == "pet"  # as collected; the passing is a disclosure of its own
    body = client_for("coordinator").get(f"/henvendelser/{passed.pk}/").content.decode()
    assert "PET (PET-loven)" in body
