"""GET /api/v1/cases and /api/v1/cases/{case_id}: a token reads the cases its membership
sees in the UI, in that audience's slice; any other case is a 404 like a missing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from infohus.cases.actions import screen_concern
from infohus.cases.choices import Responsibility
from infohus.cases.handovers import request_consultation, send_handover
from infohus.cases.models import Case, Handover
from infohus.core.models import AuditEvent
from tests.api.conftest import Integration
from tests.intake.test_inbox import make_concern
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

URL = "/api/v1/cases"
PROBLEM = "application/problem+json"
MISSING_ID = 999999

# The fields every audience gets, and what only the district's Infohus gets on top.
COMMON = {"id", "reference", "status", "opened_at", "closed_at"}
DISTRICT_ONLY = {"severity", "responsibility", "municipality"}

SEES = ["coordinator", "prevention_officer", "analyst"]
DOES_NOT_SEE = sorted(set(PERSONAS) - set(SEES))


def open_case(persona: Callable[[str], Any], cpr: str = "010190-1234") -> Case:
    """A prevention case in Østjylland (Aarhus), screened by the coordinator."""
    screening = screen_concern(
        actor=persona("coordinator"),
        concern=make_concern("751", cpr=cpr),
        outcome="prevention",
        reason="x",
        participants=[],
    )
    assert screening.case is not None
    return screening.case


def hand_over_to_municipality(persona: Callable[[str], Any], case: Case) -> Handover:
    return send_handover(
        actor=persona("coordinator"),
        case=case,
        to_responsibility=Responsibility.MUNICIPALITY,
        reason="Fiktiv begrundelse.",
        legal_basis="rpl_115",
        items=["person"],
    )


def assert_not_found(response: Any) -> None:
    assert response.status_code == 404, response.content
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"].endswith("not-found")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", SEES)
def test_district_staff_read_the_whole_case(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any], who: str
) -> None:
    case = open_case(persona)
    api = integration_for(who)
    response = api.get(f"{URL}/{case.pk}")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert set(body) == COMMON | DISTRICT_ONLY | {"handovers"}
    assert body["id"] == case.pk and body["reference"] == case.reference
    assert body["status"] == "qualification" and body["closed_at"] is None
    assert body["responsibility"] == "district" and body["municipality"] == "751"
    assert body["severity"] == "welfare" and body["handovers"] == []
    read = AuditEvent.objects.get(verb="CASE_VIEWED")
    assert read.object_id == str(case.pk) and read.membership_id == api.membership.pk
    listing = api.get(URL)
    assert listing.status_code == 200 and "no-store" in listing["Cache-Control"]
    assert listing.json()["count"] == 1
    (item,) = listing.json()["items"]
    assert set(item) == COMMON | DISTRICT_ONLY  # hand-overs on the detail only
    assert item["reference"] == case.reference


@pytest.mark.parametrize("who", DOES_NOT_SEE)
def test_everyone_else_gets_404_and_an_empty_list(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any], who: str
) -> None:
    # Before any hand-over: not even Aarhus' municipal contact, nor PET, sees the case.
    case = open_case(persona)
    api = integration_for(who)
    theirs = api.get(f"{URL}/{case.pk}")
    missing = api.get(f"{URL}/{MISSING_ID}")
    assert_not_found(theirs)
    assert theirs.content == missing.content
    denials = AuditEvent.objects.filter(verb="ACCESS_DENIED", object_type="cases.case")
    assert [e.changes["_details"]["reason"] for e in denials.order_by("id")] == [
        "not_visible",
        "absent",
    ]
    assert not AuditEvent.objects.filter(verb="CASE_VIEWED").exists()
    listing = api.get(URL)
    assert listing.status_code == 200
    assert listing.json() == {"items": [], "count": 0, "limit": 50, "offset": 0}


def test_municipal_contact_sees_a_handed_over_case_without_responsibility_or_severity(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any]
) -> None:
    case = open_case(persona)
    hand_over_to_municipality(persona, case)
    aarhus = integration_for("municipal_contact")
    response = aarhus.get(f"{URL}/{case.pk}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == COMMON
    assert body["status"] == "qualification"
    assert AuditEvent.objects.get(verb="CASE_VIEWED").membership_id == aarhus.membership.pk
    (item,) = aarhus.get(URL).json()["items"]
    assert set(item) == COMMON
    # Another municipality's contact still gets nothing.
    odense = integration_for("municipal_contact_odense")
    assert_not_found(odense.get(f"{URL}/{case.pk}"))
    assert odense.get(URL).json()["count"] == 0


def test_municipal_contact_is_not_told_the_status_while_the_police_alone_handle_it(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any]
) -> None:
    case = open_case(persona)
    hand_over_to_municipality(persona, case)
    Case.objects.filter(pk=case.pk).update(responsibility=Responsibility.PET)
    aarhus = integration_for("municipal_contact")
    response = aarhus.get(f"{URL}/{case.pk}")
    assert response.status_code == 200
    assert set(response.json()) == {"id", "reference", "opened_at"}
    assert b"pet" not in response.content.lower()
    (item,) = aarhus.get(URL).json()["items"]
    assert set(item) == {"id", "reference", "opened_at"}


def test_district_detail_lists_the_handovers(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any]
) -> None:
    case = open_case(persona)
    handover = hand_over_to_municipality(persona, case)
    body = integration_for("coordinator").get(f"{URL}/{case.pk}").json()
    (row,) = body["handovers"]
    assert row == {
        "id": handover.pk,
        "status": "pending",
        "from_responsibility": "district",
        "to_responsibility": "municipality",
        "sent_at": row["sent_at"],
        "to_organisation": "kommune-751",
    }
    assert row["sent_at"].startswith(handover.sent_at.date().isoformat())


@pytest.mark.parametrize("who", ["pet_triage", "pet_exit_worker"])
def test_pet_sees_a_case_it_was_consulted_on_without_the_districts_fields(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any], who: str
) -> None:
    case = open_case(persona)
    request_consultation(actor=persona("coordinator"), case=case, question="Kender I personen?")
    pet = integration_for(who)
    response = pet.get(f"{URL}/{case.pk}")
    assert response.status_code == 200, response.content
    assert set(response.json()) == COMMON
    assert [c["id"] for c in pet.get(URL).json()["items"]] == [case.pk]


def test_another_districts_case_is_404_for_this_district(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any]
) -> None:
    case = open_case(persona)
    assert_not_found(integration_for("coordinator_fyn").get(f"{URL}/{case.pk}"))


def test_list_is_newest_first_and_paged(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any]
) -> None:
    first = open_case(persona, cpr="010190-1234")
    second = open_case(persona, cpr="020280-4321")
    api = integration_for("coordinator")
    listing = api.get(URL).json()
    assert [c["id"] for c in listing["items"]] == [second.pk, first.pk]
    page = api.get(URL, limit=1, offset=1).json()
    assert [c["id"] for c in page["items"]] == [first.pk]
    assert page["count"] == 2 and page["limit"] == 1 and page["offset"] == 1
    bad = api.get(URL, limit=0)
    assert bad.status_code == 422 and bad["Content-Type"] == PROBLEM
    assert {e["field"] for e in bad.json()["errors"]} == {"limit"}


def test_list_query_count_does_not_grow_with_rows(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any]
) -> None:
    open_case(persona, cpr="010190-1234")
    api = integration_for("coordinator")
    api.get(URL)  # last_used_at written; later calls within a minute do not
    with CaptureQueriesContext(connection) as one:
        api.get(URL)
    open_case(persona, cpr="020280-4321")
    open_case(persona, cpr="030370-5678")
    with CaptureQueriesContext(connection) as three:
        response = api.get(URL)
    assert len(response.json()["items"]) == 3
    assert len(three.captured_queries) == len(one.captured_queries)


@pytest.mark.parametrize("path", [URL, f"{URL}/1"])
def test_no_token_is_401(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
