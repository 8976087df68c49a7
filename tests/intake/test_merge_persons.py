"""Merging two records of one person, and undoing it (issue 3, item 7)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from infohus.accounts.models import User
from infohus.core import audit
from infohus.core.models import AuditEvent
from infohus.intake.actions import ConcernInput, ReporterInput, create_concern
from infohus.intake.choices import Channel, SourceType
from infohus.intake.merging import (
    can_merge_persons,
    merge_person_records,
    person_candidates_for,
    undo_person_merge,
)
from infohus.intake.models import Concern, ConcernSubject, SeverityCategory
from infohus.intake.release_actions import register_release_notice
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput, find_by_cpr, merge_persons, undo_merge
from infohus.persons.models import FocusPerson, PersonMerge

pytestmark = pytest.mark.django_db

CPR = "010190-1234"


def aarhus() -> Municipality:
    return Municipality.objects.get(code="751")


def concern(*persons: PersonInput, municipality: str = "751") -> Concern:
    return create_concern(
        actor=None,
        data=ConcernInput(
            source_type=SourceType.PROFESSIONAL,
            channel=Channel.PUBLIC_FORM,
            description="Fiktiv bekymring til test.",
            municipality=Municipality.objects.get(code=municipality),
            reporter=ReporterInput(is_anonymous=True),
            persons=persons,
        ),
    )


def subject_of(c: Concern) -> FocusPerson:
    return FocusPerson.objects.get(concern_links__concern=c)


def links() -> list[tuple[int, int, int, str]]:
    return sorted(
        (link.pk, link.concern_id, link.person_id, link.added_at.isoformat())
        for link in ConcernSubject.objects.all()
    )


@pytest.fixture
def coordinator(persona: Callable[[str], User]) -> User:
    return persona("coordinator")


@pytest.fixture
def two_records() -> tuple[FocusPerson, FocusPerson]:
    """The same person reported twice in Aarhus: once without CPR, once with."""
    first = subject_of(concern(PersonInput(full_name="Søren Østergård")))
    second = subject_of(concern(PersonInput(full_name="Soeren Oestergaard", cpr=CPR)))
    return first, second


def test_merge_moves_the_concerns_and_the_cpr_number_to_the_survivor(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    merge = merge_person_records(
        actor=coordinator, survivor=survivor, merged=merged, reason="Samme person ifølge skole"
    )
    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert merged.merged_into == survivor
    assert ConcernSubject.objects.filter(person=merged).count() == 0
    assert ConcernSubject.objects.filter(person=survivor).count() == 2
    assert survivor.cpr == "0101901234" and survivor.birth_date == date(1990, 1, 1)
    assert merged.cpr_index is None
    assert find_by_cpr(CPR) == survivor
    assert merge.cpr_moved and merge.merged_by == coordinator
    assert list(FocusPerson.objects.current()) == [survivor]


def test_a_later_concern_with_the_cpr_number_joins_the_survivor(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    merge_person_records(actor=coordinator, survivor=survivor, merged=merged, reason="Samme")
    third = concern(PersonInput(full_name="S. Østergård", cpr=CPR))
    assert subject_of(third) == survivor


def test_merge_is_audited_without_the_cpr_number(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    merge = merge_person_records(
        actor=coordinator, survivor=survivor, merged=merged, reason="Samme"
    )
    event = AuditEvent.objects.get(verb="FOCUS_PERSON_MERGED")
    assert event.actor == coordinator
    assert event.object_id == str(merge.pk)
    details = event.changes["_details"]
    assert details["survivor"] == survivor.pk and details["merged"] == merged.pk
    assert details["links"]["intake.concernsubject"] == 1
    assert details["reason"] == "Samme"
    assert "0101901234" not in json.dumps(event.changes) and "010190" not in event.object_label
    assert event.changes["cpr"] == {"changed": True, "value": audit.REDACTED}


def test_undo_restores_exactly_the_previous_state(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    before_links = links()
    before_people = {
        p.pk: (p.cpr, p.cpr_index, p.birth_date, p.merged_into_id)
        for p in FocusPerson.objects.all()
    }
    merge = merge_person_records(
        actor=coordinator, survivor=survivor, merged=merged, reason="Samme"
    )
    undone = undo_person_merge(actor=coordinator, merge=merge, reason="Det var to personer")
    assert links() == before_links
    after_people = {
        p.pk: (p.cpr, p.cpr_index, p.birth_date, p.merged_into_id)
        for p in FocusPerson.objects.all()
    }
    assert after_people == before_people
    assert FocusPerson.objects.current().count() == 2
    assert find_by_cpr(CPR) == merged
    assert undone.undone_by == coordinator and undone.undo_reason == "Det var to personer"
    event = AuditEvent.objects.get(verb="FOCUS_PERSON_MERGE_UNDONE")
    assert event.object_id == str(merge.pk) and event.actor == coordinator
    assert audit.verify_chain() is None


def test_a_concern_about_both_records_keeps_one_link_and_undo_recreates_the_other(
    coordinator: User,
) -> None:
    both = concern(PersonInput(full_name="Ali Hassan"), PersonInput(full_name="Ali H. Hassan"))
    survivor, merged = FocusPerson.objects.filter(concern_links__concern=both).order_by("pk")
    # A second concern about the merged record only (no action links an existing record yet).
    other = concern(PersonInput(full_name="Ali H. Hassan"))
    ConcernSubject.objects.filter(concern=other).update(person=merged)
    before = links()
    merge = merge_person_records(
        actor=coordinator, survivor=survivor, merged=merged, reason="Samme"
    )
    assert ConcernSubject.objects.filter(concern=both).count() == 1
    assert set(ConcernSubject.objects.values_list("person_id", flat=True)) == {survivor.pk}
    undo_person_merge(actor=coordinator, merge=merge, reason="Fejl")
    assert links() == before


def test_release_notices_move_with_the_merge_and_back(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    notice = register_release_notice(
        actor=None,
        person=PersonInput(full_name="Søren Østergård", cpr=CPR, municipality=aarhus()),
        release_on=date(2030, 1, 1),
        institution="Fiktivt Fængsel",
        severity_category=SeverityCategory.CATEGORY_2,
        report_content="Fiktiv rapport.",
    )
    assert notice.person == merged  # found by its CPR number
    merge = merge_person_records(actor=coordinator, survivor=survivor, merged=merged, reason="x")
    notice.refresh_from_db()
    assert notice.person == survivor
    assert merge.links["intake.releasenotice"] == {"moved": [notice.pk]}
    undo_person_merge(actor=coordinator, merge=merge, reason="y")
    notice.refresh_from_db()
    assert notice.person == merged


def test_two_different_cpr_numbers_cannot_be_merged(coordinator: User) -> None:
    a = subject_of(concern(PersonInput(full_name="Søren Østergård", cpr=CPR)))
    b = subject_of(concern(PersonInput(full_name="Søren Østergård", cpr="010190-5678")))
    before = links()
    with pytest.raises(ValidationError) as exc:
        merge_person_records(actor=coordinator, survivor=a, merged=b, reason="Samme navn")
    assert exc.value.code == "different_cpr"
    assert exc.value.messages == ["To personer med forskellige CPR-numre kan ikke lægges sammen."]
    assert links() == before
    assert not PersonMerge.objects.exists()
    assert not AuditEvent.objects.filter(verb="FOCUS_PERSON_MERGED").exists()


def test_a_reason_is_required(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    with pytest.raises(ValidationError) as exc:
        merge_person_records(actor=coordinator, survivor=survivor, merged=merged, reason="  ")
    assert exc.value.code == "reason_required"
    assert ConcernSubject.objects.filter(person=merged).exists()


def test_undo_twice_is_refused(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    merge = merge_person_records(actor=coordinator, survivor=survivor, merged=merged, reason="x")
    undo_person_merge(actor=coordinator, merge=merge, reason="y")
    with pytest.raises(ValidationError) as exc:
        undo_person_merge(actor=coordinator, merge=merge, reason="y")
    assert exc.value.code == "already_undone"


def test_a_chain_of_merges_is_undone_from_the_latest(coordinator: User) -> None:
    a, b, c = (
        subject_of(concern(PersonInput(full_name=f"Ali Hassan {n}"))) for n in ("A", "B", "C")
    )
    first = merge_person_records(actor=coordinator, survivor=b, merged=a, reason="1")
    second = merge_person_records(actor=coordinator, survivor=c, merged=b, reason="2")
    assert set(ConcernSubject.objects.values_list("person_id", flat=True)) == {c.pk}
    with pytest.raises(ValidationError) as exc:
        undo_person_merge(actor=coordinator, merge=first, reason="forkert rækkefølge")
    assert exc.value.code == "survivor_merged_since"
    undo_person_merge(actor=coordinator, merge=second, reason="2")
    undo_person_merge(actor=coordinator, merge=first, reason="1")
    assert sorted(ConcernSubject.objects.values_list("person_id", flat=True)) == sorted(
        [a.pk, b.pk, c.pk]
    )


def test_an_already_merged_record_cannot_be_merged_again(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    third = subject_of(concern(PersonInput(full_name="Tredje")))
    merge_person_records(actor=coordinator, survivor=survivor, merged=merged, reason="x")
    merged.refresh_from_db()
    with pytest.raises((ValidationError, PermissionDenied)):
        merge_person_records(actor=coordinator, survivor=third, merged=merged, reason="x")


def test_persons_refuses_a_merge_that_leaves_links_behind(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    """Every app moves its own links first; persons notices one that did not."""
    survivor, merged = two_records
    with pytest.raises(ValidationError) as exc:
        merge_persons(actor=coordinator, survivor=survivor, merged=merged, reason="x")
    assert exc.value.code == "links_remaining"
    assert "intake.concernsubject" in exc.value.messages[0]
    merged.refresh_from_db()
    assert merged.merged_into is None


def test_persons_undo_requires_a_reason(
    coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    merge = merge_person_records(actor=coordinator, survivor=survivor, merged=merged, reason="x")
    with pytest.raises(ValidationError):
        undo_merge(actor=coordinator, merge=merge, reason="")


# --- who may merge --------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "prevention_officer",
        "analyst",
        "coordinator_fyn",
        "municipal_contact",
        "hotline_adviser",
        "pet_exit_worker",
        "system_admin",
        "auditor",
    ],
)
def test_only_the_districts_coordinator_may_merge(
    persona: Callable[[str], User], key: str, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    user = persona(key)
    assert not can_merge_persons(user, survivor, merged)
    with pytest.raises(PermissionDenied):
        merge_person_records(actor=user, survivor=survivor, merged=merged, reason="x")
    assert ConcernSubject.objects.filter(person=merged).exists()
    denial = AuditEvent.objects.get(verb="ACCESS_DENIED", object_id=str(merged.pk))
    assert denial.changes["_details"]["reason"] == "not_allowed_to_merge"


def test_a_coordinator_cannot_merge_a_record_only_another_district_knows(
    coordinator: User,
) -> None:
    here = subject_of(concern(PersonInput(full_name="Ali Hassan")))
    there = subject_of(concern(PersonInput(full_name="Ali Hassan"), municipality="461"))
    assert not can_merge_persons(coordinator, here, there)
    with pytest.raises(PermissionDenied):
        merge_person_records(actor=coordinator, survivor=here, merged=there, reason="x")


def test_only_the_coordinator_may_undo(
    persona: Callable[[str], User], coordinator: User, two_records: tuple[FocusPerson, FocusPerson]
) -> None:
    survivor, merged = two_records
    merge = merge_person_records(actor=coordinator, survivor=survivor, merged=merged, reason="x")
    for key in ("analyst", "coordinator_fyn"):
        with pytest.raises(PermissionDenied):
            undo_person_merge(actor=persona(key), merge=merge, reason="y")
    merge.refresh_from_db()
    assert merge.undone_at is None


# --- candidates on intake, scoped to the user's district -------------------------------


def test_candidates_on_intake_come_from_the_users_own_district(
    persona: Callable[[str], User],
) -> None:
    known = subject_of(
        concern(PersonInput(full_name="Søren Østergård", birth_date=date(1990, 1, 1)))
    )
    data = PersonInput(full_name="Soren Ostergard", birth_date=date(1990, 1, 1))
    result = person_candidates_for(persona("coordinator"), data)
    assert [c.person for c in result.candidates] == [known]
    # Fyn's Infohus does not learn of a person known only in Østjylland.
    assert person_candidates_for(persona("coordinator_fyn"), data).candidates == ()
    assert person_candidates_for(persona("hotline_adviser"), data).candidates == ()
