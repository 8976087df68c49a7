"""Screening a concern and the case it may become (issue 4, items 1, 2 and 8 in part)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from infohus.accounts.models import User
from infohus.cases import actions
from infohus.cases.choices import CaseStatus
from infohus.cases.models import Case, CaseStatusChange, Screening
from infohus.cases.statistics import screening_outcome_counts
from infohus.core.models import AuditEvent
from infohus.intake.choices import ConcernStatus
from infohus.intake.models import Concern
from tests.intake.test_inbox import make_concern
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

DISTRICT = {"coordinator", "prevention_officer", "analyst"}
MANAGERS = {"coordinator", "prevention_officer"}
CASE_PARTIES = DISTRICT | {
    "coordinator_fyn",
    "municipal_contact",
    "municipal_contact_odense",
    "pet_triage",
    "pet_exit_worker",
    "pet_exit_worker_2",
}


def concern_with_person(cpr: str = "010190-1234", municipality: str = "751") -> Concern:
    return make_concern(municipality, cpr=cpr)


def screen(
    persona: Callable[[str], User], concern: Concern, outcome: str, **extra: object
) -> Screening:
    return actions.screen_concern(
        actor=persona("coordinator"),
        concern=concern,
        outcome=outcome,
        reason="Fiktiv begrundelse.",
        participants=[persona("analyst")],
        **extra,  # type: ignore[arg-type]
    )


def test_three_outcomes_each_counted_once(persona: Callable[[str], User]) -> None:
    unfounded = screen(
        persona, make_concern("751"), "no_action", unfounded=True, municipality_informed=True
    )
    investigation = screen(persona, make_concern("751"), "investigation")
    prevention = screen(persona, concern_with_person(), "prevention")
    assert unfounded.case is None and investigation.case is None
    assert prevention.case is not None
    assert unfounded.unfounded and unfounded.municipality_informed
    assert unfounded.personal_data_expires_on is not None
    assert investigation.personal_data_expires_on is None
    assert screening_outcome_counts() == {"prevention": 1, "investigation": 1, "no_action": 1}
    # The participants are recorded, the screener included.
    names = set(prevention.participants.values_list("username", flat=True))
    assert names == {persona("coordinator").username, persona("analyst").username}
    for screening in (unfounded, investigation, prevention):
        screening.concern.refresh_from_db()
        assert screening.concern.status == ConcernStatus.SCREENED
    assert AuditEvent.objects.filter(verb="CONCERN_SCREENED").count() == 3
    assert AuditEvent.objects.filter(verb="CASE_OPENED").count() == 1


def test_a_second_concern_about_the_person_joins_the_open_case(
    persona: Callable[[str], User],
) -> None:
    first = screen(persona, concern_with_person(), "prevention")
    second = screen(persona, concern_with_person(), "prevention")
    assert first.case == second.case
    assert Case.objects.count() == 1
    assert first.case is not None and first.case.concern_links.count() == 2


def test_a_concern_without_a_person_cannot_become_a_case(persona: Callable[[str], User]) -> None:
    concern = make_concern("751")
    with pytest.raises(ValidationError) as error:
        screen(persona, concern, "prevention")
    assert error.value.error_list[0].code == "no_person"
    assert not Screening.objects.exists() and not Case.objects.exists()
    concern.refresh_from_db()
    assert concern.status == ConcernStatus.RECEIVED


def test_screening_twice_or_by_outsiders_is_refused(persona: Callable[[str], User]) -> None:
    concern = concern_with_person()
    screen(persona, concern, "no_action")
    with pytest.raises(ValidationError):
        screen(persona, concern, "prevention")
    with pytest.raises(PermissionDenied):
        actions.screen_concern(
            actor=persona("coordinator_fyn"),
            concern=make_concern("751"),
            outcome="no_action",
            reason="x",
            participants=[],
        )


def test_participants_from_another_district_are_refused(persona: Callable[[str], User]) -> None:
    with pytest.raises(ValidationError) as error:
        actions.screen_concern(
            actor=persona("coordinator"),
            concern=make_concern("751"),
            outcome="no_action",
            reason="x",
            participants=[persona("coordinator_fyn")],
        )
    assert error.value.error_list[0].code == "participants_invalid"


def test_screening_through_the_ui(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    concern = concern_with_person()
    client = client_for("prevention_officer")
    path = reverse("cases:screen_concern", args=[concern.pk])
    page = client.get(reverse("intake:concern_detail", args=[concern.pk])).content.decode()
    assert path in page
    missing = client.post(path, {"outcome": "prevention", "reason": ""})
    assert missing.status_code == 200 and "påkrævet" in missing.content.decode()
    assert not Screening.objects.exists()
    done = client.post(
        path,
        {
            "outcome": "prevention",
            "reason": "Bekymrende retorik.",
            "participants": [persona("analyst").pk],
        },
    )
    case = Case.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse(
        "cases:case_detail", args=[case.pk]
    )
    detail = client.get(done["Location"]).content.decode()
    assert concern.reference in detail and "Bekymrende retorik." in detail
    assert "Fiktiv Person" in detail


def test_status_flow_with_reasons_close_and_reopen(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    case = screen(persona, concern_with_person(), "prevention").case
    assert case is not None and case.status == CaseStatus.QUALIFICATION
    client = client_for("coordinator")
    status_path = reverse("cases:change_status", args=[case.pk])
    assert client.post(status_path, {"status": "assessment", "reason": ""}).status_code == 200
    assert (
        client.post(status_path, {"status": "assessment", "reason": "Møde aftalt."}).status_code
        == 302
    )
    assert (
        client.post(
            status_path, {"status": "on_hold", "reason": "Kommunen har overtaget."}
        ).status_code
        == 302
    )
    close = reverse("cases:close_case", args=[case.pk])
    assert client.post(close, {"reason": "Ingen bekymring længere."}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_at is not None
    # A closed case cannot change status, only be reopened.
    with pytest.raises(ValidationError):
        actions.change_case_status(
            actor=persona("coordinator"), case=case, to_status="assessment", reason="x"
        )
    reopen = reverse("cases:reopen_case", args=[case.pk])
    assert client.post(reopen, {"reason": "Ny henvendelse."}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.QUALIFICATION
    steps = list(CaseStatusChange.objects.filter(case=case).values_list("to_status", "reason"))
    assert [s for s, _ in steps] == [
        "qualification",
        "assessment",
        "on_hold",
        "closed",
        "qualification",
    ]
    assert all(reason for _, reason in steps)
    verbs = set(AuditEvent.objects.filter(object_type="cases.case").values_list("verb", flat=True))
    assert {"CASE_OPENED", "CASE_STATUS_CHANGED", "CASE_CLOSED", "CASE_REOPENED"} <= verbs
    timeline = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "Kommunen har overtaget." in timeline


def test_reopen_is_refused_while_another_case_is_open(persona: Callable[[str], User]) -> None:
    case = screen(persona, concern_with_person(), "prevention").case
    assert case is not None
    actions.close_case(actor=persona("coordinator"), case=case, reason="Afsluttet.")
    newer = screen(persona, concern_with_person(), "prevention").case
    assert newer is not None and newer != case
    with pytest.raises(ValidationError) as error:
        actions.reopen_case(actor=persona("coordinator"), case=case, reason="x")
    assert error.value.error_list[0].code == "other_case_open"


def test_persona_matrix(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    case = screen(persona, concern_with_person(), "prevention").case
    assert case is not None
    open_concern = concern_with_person(cpr="020290-1234")
    listing = reverse("cases:case_list")
    read = [reverse("cases:case_detail", args=[case.pk])]
    write = [
        reverse("cases:change_status", args=[case.pk]),
        reverse("cases:close_case", args=[case.pk]),
    ]
    screening = reverse("cases:screen_concern", args=[open_concern.pk])
    for key in sorted(PERSONAS):
        client = client_for(key)
        # The list is every case party's (each sees only its own slice, tests below).
        assert client.get(listing).status_code == (200 if key in CASE_PARTIES else 404), key
        for path in read:
            assert client.get(path).status_code == (200 if key in DISTRICT else 404), (key, path)
        for path in write:
            expected = 200 if key in MANAGERS else 403 if key in DISTRICT else 404
            assert client.get(path).status_code == expected, (key, path)
        assert client.get(screening).status_code == (200 if key in DISTRICT else 404), key
    # Fyn's coordinator sees Fyn's (empty) list, never Østjylland's case.
    fyn = client_for("coordinator_fyn")
    assert case.reference not in fyn.get(reverse("cases:case_list")).content.decode()
    assert fyn.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404


def test_case_list_query_count_is_constant(
    persona: Callable[[str], User],
    client_for: Callable[[str], Client],
) -> None:
    screen(persona, concern_with_person(cpr="010190-1234"), "prevention")
    client = client_for("coordinator")
    client.get(reverse("cases:case_list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("cases:case_list"))
    for n in range(2, 8):
        screen(persona, concern_with_person(cpr=f"0{n}0190-1234"), "prevention")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("cases:case_list"))
    assert len(many) == len(one)
