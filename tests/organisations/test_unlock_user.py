"""Lifting a lockout after failed logins before it expires."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from tests.organisations.support import events, lock, messages_of, only_event, url

pytestmark = pytest.mark.django_db


def test_action_unlocks_and_audits(admin: User, staff: User) -> None:
    lock(staff)
    actions.unlock_user(actor=admin, user=staff)
    staff.refresh_from_db()
    assert not staff.is_locked()
    assert staff.failed_login_count == 0
    assert only_event("ACCOUNT_UNLOCKED", staff).actor == admin


def test_detail_page_shows_the_lock_and_the_button(
    client_for: Callable[[str], Client], staff: User
) -> None:
    lock(staff)
    body = client_for("system_admin").get(url("user_detail", staff.pk)).content.decode()
    assert "Ja, indtil" in body
    assert url("unlock_user", staff.pk) in body


def test_admin_unlocks_a_locked_account(
    client_for: Callable[[str], Client], admin: User, staff: User
) -> None:
    lock(staff)
    response = client_for("system_admin").post(url("unlock_user", staff.pk))
    assert response.status_code == 302
    assert response["Location"] == url("user_detail", staff.pk)
    staff.refresh_from_db()
    assert not staff.is_locked()
    assert only_event("ACCOUNT_UNLOCKED", staff).actor == admin
    assert messages_of(response) == ["Spærringen af anne.hansen er ophævet."]


def test_an_account_that_is_not_locked_is_left_alone(
    client_for: Callable[[str], Client], staff: User
) -> None:
    response = client_for("system_admin").post(url("unlock_user", staff.pk))
    assert response.status_code == 302
    assert messages_of(response) == ["Kontoen er ikke spærret."]
    assert events("ACCOUNT_UNLOCKED", staff) == []
