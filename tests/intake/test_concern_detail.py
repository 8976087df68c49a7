"""A concern's page: who may open it, what it shows (CPR masked, reporter contact only
for those who may call back), its history, cross-district hints, and the logged read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.intake import inbox_actions
from infohus.intake.models import Concern
from infohus.organisations.models import PoliceDistrict
from tests.intake.test_inbox import DISTRICT_STAFF, assert_matrix, make_concern, make_overdue, url

pytestmark = pytest.mark.django_db

# Session, user, MFA, membership; the concern; two audit entries (read, cross-district
# look-up) with their savepoints (and, on PostgreSQL, the audit chain's advisory lock);
# persons, merge candidates, assignments, transfers, attachments, shares, the screening
# link; the shell.
MAX_QUERIES = 26


def detail(concern: Concern) -> str:
    return url("concern_detail", pk=concern.pk)


def test_persona_matrix(client_for: Callable[[str], Client]) -> None:
    concern = make_concern()
    assert_matrix(client_for, detail(concern), DISTRICT_STAFF)


def test_post_is_refused(client_for: Callable[[str], Client]) -> None:
    concern = make_concern()
    assert client_for("coordinator").post(detail(concern)).status_code == 405
    assert client_for("system_admin").post(detail(concern)).status_code == 404


def test_unknown_concern_is_404(client_for: Callable[[str], Client]) -> None:
    assert client_for("coordinator").get(url("concern_detail", pk=999999)).status_code == 404


def test_shows_what_the_reporter_said_and_masks_the_cpr(
    client_for: Callable[[str], Client],
) -> None:
    concern = make_concern(cpr="010190-1234", description="Han deler videoer fra IS.")
    Concern.objects.filter(pk=concern.pk).update(
        interview={"frequency": "Flere gange siden sommer", "weapons": "yes"},
        observed_where="Skolen",
    )
    body = client_for("analyst").get(detail(concern)).content.decode()
    assert "Han deler videoer fra IS." in body
    assert "Hvor ofte, og siden hvornår?" in body and "Flere gange siden sommer" in body
    assert "Har personen adgang til våben" in body and ">Ja<" in body.replace("\n", "")
    assert "Skolen" in body
    assert "Fiktiv Person" in body
    assert "010190-XXXX" in body
    assert "1234" not in body.replace(concern.reference, "")


def test_reporter_contact_only_for_coordinator_and_prevention_officer(
    client_for: Callable[[str], Client],
) -> None:
    concern = make_concern()
    for key in ("coordinator", "prevention_officer"):
        body = client_for(key).get(detail(concern)).content.decode()
        assert "Fiktiv Nabo" in body and "12345678" in body, key
    body = client_for("analyst").get(detail(concern)).content.decode()
    assert "Fiktiv Nabo" not in body and "12345678" not in body
    assert "vises kun for kredsens tovholder" in body


def test_acute_concern_shows_the_112_instruction(client_for: Callable[[str], Client]) -> None:
    concern = make_concern(is_acute=True)
    body = client_for("coordinator").get(detail(concern)).content.decode()
    assert "Akut fare: ring 112 / kontakt vagtcentralen" in body


def test_overdue_is_marked(client_for: Callable[[str], Client]) -> None:
    concern = make_overdue(make_concern())
    response = client_for("coordinator").get(detail(concern))
    assert response.context["overdue"] is True
    assert "Over fristen for screening" in response.content.decode()


def test_history_shows_assignments_and_transfers(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    coordinator = persona("coordinator")
    concern = make_concern()
    inbox_actions.assign_concern(actor=coordinator, concern=concern, assignee=persona("analyst"))
    inbox_actions.assign_concern(actor=coordinator, concern=concern, assignee=None)
    inbox_actions.transfer_concern(
        actor=coordinator,
        concern=concern,
        to_district=PoliceDistrict.objects.get(slug="fyns-politi"),
        reason="Personen er flyttet.",
    )
    # The new district sees the whole history.
    body = client_for("coordinator_fyn").get(detail(concern)).content.decode()
    assert "Modtaget via Offentlig webformular" in body
    history = body[body.index("concern-history") :]
    assert "Fordelt til Test Analytiker Østjylland" in history, history
    assert "Fordeling fjernet" in body
    assert "Overført fra Østjyllands Politi til Fyns Politi. Begrundelse: Personen er flyttet." in (
        body
    )
    # The old district no longer sees it at all.
    assert client_for("coordinator").get(detail(concern)).status_code == 404


def test_reading_is_logged(client_for: Callable[[str], Client]) -> None:
    concern = make_concern()
    client_for("prevention_officer").get(detail(concern))
    assert AuditEvent.objects.filter(verb="CONCERN_VIEWED", object_id=str(concern.pk)).exists()


def test_cross_district_hint(client_for: Callable[[str], Client]) -> None:
    make_concern("461", cpr="010190-1234")  # Fyn had a concern about the same person
    concern = make_concern("751", cpr="010190-1234")
    body = client_for("coordinator").get(detail(concern)).content.decode()
    assert "Mulig tidligere bekymring — kontakt Infohus i Fyns Politi" in body
    assert "cross-district-hint" in body


def test_only_the_coordinator_gets_assign_and_transfer_buttons(
    client_for: Callable[[str], Client],
) -> None:
    concern = make_concern()
    assign, transfer = url("assign_concern", pk=concern.pk), url("transfer_concern", pk=concern.pk)
    body = client_for("coordinator").get(detail(concern)).content.decode()
    assert assign in body and transfer in body
    body = client_for("analyst").get(detail(concern)).content.decode()
    assert assign not in body and transfer not in body


def test_query_count_is_pinned(
    client_for: Callable[[str], Client],
    persona: Callable[[str], User],
    django_assert_max_num_queries: Any,
    django_assert_num_queries: Any,
) -> None:
    concern = make_concern(cpr="010190-1234")
    coordinator = persona("coordinator")
    for assignee in ("analyst", "prevention_officer", "coordinator"):
        inbox_actions.assign_concern(actor=coordinator, concern=concern, assignee=persona(assignee))
    client = client_for("coordinator")
    with django_assert_max_num_queries(MAX_QUERIES) as few:
        assert client.get(detail(concern)).status_code == 200
    for assignee in ("analyst", "prevention_officer", "coordinator"):
        inbox_actions.assign_concern(actor=coordinator, concern=concern, assignee=persona(assignee))
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(detail(concern)).status_code == 200
