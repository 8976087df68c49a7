"""Reading one audit entry: everything it holds, and the reading is itself logged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.core.audit import RequestContext, request_context
from infohus.core.models import AuditEvent
from infohus.organisations.permissions import active_membership

pytestmark = pytest.mark.django_db
WriteEvent = Callable[..., AuditEvent]


@pytest.fixture
def entry(persona: Callable[[str], User], write_event: WriteEvent) -> AuditEvent:
    user = persona("coordinator")
    with request_context(
        RequestContext(
            ip_address="2001:db8::7",
            user_agent="Firefox/128.0",
            request_id="6f1c1a7e-2b1a-4c58-9a57-6c1f1c1d0b11",
            membership=active_membership(user),
        )
    ):
        return write_event(
            "USER_UPDATED",
            actor=user,
            object_type="accounts.user",
            object_id="99",
            object_label="t-someone",
            changes={"full_name": ("Gammelt Navn", "Nyt Navn"), "password": ("x", "y")},
            details={"reason": "navneskift"},
            purpose="Rettelse efter henvendelse",
            at=datetime(2024, 12, 24, 15, 0, 0, 123456, tzinfo=UTC),
        )


def test_shows_everything_including_changes_purpose_and_hashes(
    client_for: Callable[[str], Client], entry: AuditEvent
) -> None:
    response = client_for("auditor").get(f"/revision/auditlog/{entry.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    for expected in (
        "USER_UPDATED",
        "2024-12-24 16:00:00.123456",  # Copenhagen, winter time
        "t-coordinator",
        "coordinator@oestjyllands-politi/infohus",
        "accounts.user",
        "t-someone",
        "Rettelse efter henvendelse",
        "2001:db8::7",
        "Firefox/128.0",
        "6f1c1a7e-2b1a-4c58-9a57-6c1f1c1d0b11",
        "Gammelt Navn",
        "Nyt Navn",
        "navneskift",
        entry.entry_hash,
        entry.previous_hash,
    ):
        assert expected in body, expected


def test_secret_field_shows_only_that_it_changed(
    client_for: Callable[[str], Client], entry: AuditEvent
) -> None:
    body = client_for("auditor").get(f"/revision/auditlog/{entry.pk}/").content.decode()
    assert "Ændret; værdien gemmes ikke i loggen" in body
    assert entry.changes["password"] == {"changed": True, "value": "[skjult]"}


def test_reading_an_entry_is_logged(client_for: Callable[[str], Client], entry: AuditEvent) -> None:
    client_for("auditor").get(f"/revision/auditlog/{entry.pk}/")
    viewed = AuditEvent.objects.filter(verb="AUDIT_ENTRY_VIEWED").latest("id")
    assert viewed.actor_label == "t-auditor"
    assert viewed.object_type == "core.auditevent"
    assert viewed.object_id == str(entry.pk)
    assert viewed.outcome == AuditEvent.Outcome.OK


def test_entry_without_changes_says_so(
    client_for: Callable[[str], Client], write_event: WriteEvent
) -> None:
    plain = write_event("SESSION_EXPIRED")
    body = client_for("auditor").get(f"/revision/auditlog/{plain.pk}/").content.decode()
    assert "Ingen felter blev ændret." in body
