"""Assigning and reassigning a concern: only the district's coordinator, only to the
district's Infohus staff; history and audit; errors land on the form."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.intake import inbox_actions
from infohus.intake.choices import ConcernStatus
from infohus.intake.models import Concern, ConcernAssignment
from tests.intake.test_inbox import make_concern, url
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db


def assign_url(concern: Concern) -> str:
    return url("assign_concern", pk=concern.pk)


def test_persona_matrix(client_for: Callable[[str], Client]) -> None:
    """The coordinator may assign (200); colleagues who may see the concern but not assign
    get a 403; everyone else a 404, like a concern that does not exist."""
    concern = make_concern()
    expected = {"coordinator": 200, "prevention_officer": 403, "analyst": 403}
    for key in sorted(PERSONAS):
        client = client_for(key)
        assert client.get(assign_url(concern)).status_code == expected.get(key, 404), key
        assert client.post(assign_url(concern)).status_code == expected.get(key, 404), key
    response = client_for("anonymous").get(assign_url(concern))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_coordinator_assigns_through_the_page(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    analyst = persona("analyst")
    page = client_for("coordinator").get(assign_url(concern)).content.decode()
    assert "Test Analytiker Østjylland" in page and "Test Tovholder Fyn" not in page
    response = client_for("coordinator").post(assign_url(concern), {"assignee": analyst.pk})
    assert response.status_code == 302 and response["Location"] == url()
    concern.refresh_from_db()
    assert concern.assigned_to == analyst
    assert concern.status == ConcernStatus.ASSIGNED
    event = AuditEvent.objects.get(verb="CONCERN_ASSIGNED", object_id=str(concern.pk))
    assert event.changes["assigned_to"] == {"from": None, "to": analyst.username}


def test_reassign_and_unassign(persona: Callable[[str], User]) -> None:
    coordinator, analyst, officer = (
        persona("coordinator"),
        persona("analyst"),
        persona("prevention_officer"),
    )
    concern = make_concern()
    with pytest.raises(ValidationError) as error:
        inbox_actions.reassign_concern(actor=coordinator, concern=concern, assignee=analyst)
    assert error.value.code == "not_assigned"
    inbox_actions.assign_concern(actor=coordinator, concern=concern, assignee=analyst)
    inbox_actions.reassign_concern(actor=coordinator, concern=concern, assignee=officer)
    concern = inbox_actions.assign_concern(actor=coordinator, concern=concern, assignee=None)
    assert concern.assigned_to is None and concern.status == ConcernStatus.RECEIVED
    rows = list(ConcernAssignment.objects.filter(concern=concern).order_by("id"))
    assert [(r.previous_assignee, r.assigned_to) for r in rows] == [
        (None, analyst),
        (analyst, officer),
        (officer, None),
    ]
    assert AuditEvent.objects.filter(verb="CONCERN_UNASSIGNED").count() == 1


def test_only_district_staff_can_be_assigned(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    for key in ("coordinator_fyn", "municipal_contact", "pet_triage"):
        with pytest.raises(ValidationError) as error:
            inbox_actions.assign_concern(
                actor=persona("coordinator"), concern=concern, assignee=persona(key)
            )
        assert error.value.code == "not_district_staff", key
    concern.refresh_from_db()
    assert concern.assigned_to is None


@pytest.mark.parametrize("key", ["prevention_officer", "analyst", "coordinator_fyn"])
def test_only_the_districts_coordinator_may_assign(
    key: str, persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    with pytest.raises(PermissionDenied):
        inbox_actions.assign_concern(
            actor=persona(key), concern=concern, assignee=persona("analyst")
        )
    assert not ConcernAssignment.objects.exists()


def test_closed_concerns_cannot_be_assigned(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    Concern.objects.filter(pk=concern.pk).update(status=ConcernStatus.CLOSED)
    with pytest.raises(ValidationError) as error:
        inbox_actions.assign_concern(
            actor=persona("coordinator"), concern=concern, assignee=persona("analyst")
        )
    assert error.value.code == "not_open"


def test_action_errors_land_on_the_form(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    analyst = persona("analyst")
    client = client_for("coordinator")
    client.post(assign_url(concern), {"assignee": analyst.pk})
    response = client.post(assign_url(concern), {"assignee": analyst.pk, "next": "detail"})
    assert response.status_code == 200
    assert response.context["form"].errors["assignee"] == [
        "Henvendelsen er allerede fordelt sådan."
    ]
    assert "Der er fejl i formularen" in response.content.decode()
    # Someone outside the district is not even offered.
    response = client.post(assign_url(concern), {"assignee": persona("coordinator_fyn").pk})
    assert "assignee" in response.context["form"].errors
    concern.refresh_from_db()
    assert concern.assigned_to == analyst


def test_next_detail_returns_to_the_concern(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    response = client_for("coordinator").post(
        assign_url(concern), {"assignee": persona("analyst").pk, "next": "detail"}
    )
    assert response["Location"] == url("concern_detail", pk=concern.pk)
