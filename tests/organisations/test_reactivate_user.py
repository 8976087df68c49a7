"""Reactivating a deactivated account."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from tests.organisations.support import events, form_errors, messages_of, only_event, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def inactive(admin: User, staff: User) -> User:
    return actions.deactivate_user(actor=admin, user=staff, reason="Orlov")


def test_action_reactivates_and_audits(admin: User, inactive: User) -> None:
    actions.reactivate_user(actor=admin, user=inactive, reason="Tilbage")
    inactive.refresh_from_db()
    assert inactive.is_active
    event = only_event("USER_REACTIVATED", inactive)
    assert (event.actor, event.purpose) == (admin, "Tilbage")


def test_action_does_nothing_to_an_active_user(admin: User, staff: User) -> None:
    actions.reactivate_user(actor=admin, user=staff, reason="Tilbage")
    assert events("USER_REACTIVATED", staff) == []


def test_admin_reactivates_a_user(
    client_for: Callable[[str], Client], admin: User, inactive: User
) -> None:
    response = client_for("system_admin").post(
        url("reactivate_user", inactive.pk), {"reason": "Tilbage fra orlov"}
    )
    assert response.status_code == 302
    inactive.refresh_from_db()
    assert inactive.is_active
    assert only_event("USER_REACTIVATED", inactive).actor == admin
    assert messages_of(response) == ["anne.hansen er genaktiveret."]


def test_a_reason_is_required(client_for: Callable[[str], Client], inactive: User) -> None:
    response = client_for("system_admin").post(url("reactivate_user", inactive.pk), {})
    assert "reason" in form_errors(response)
    inactive.refresh_from_db()
    assert not inactive.is_active


def test_an_active_user_is_sent_back_to_the_detail_page(
    client_for: Callable[[str], Client], staff: User
) -> None:
    response = client_for("system_admin").get(url("reactivate_user", staff.pk))
    assert response.status_code == 302
    assert messages_of(response) == ["Brugeren er allerede aktiv."]
