"""Five wrong passwords lock the account for a period (ASVS 6.3.1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from tests.accounts.test_login import full_login, password_step

pytestmark = pytest.mark.django_db


def fail_times(username: str, n: int) -> Client:
    client = Client()
    for i in range(n):
        password_step(client, username, f"wrong-password-{i}")
    return client


def test_five_wrong_passwords_lock_the_account(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    fail_times(user.username, settings.INFOHUS_LOCKOUT_THRESHOLD)
    user.refresh_from_db()
    assert user.is_locked()
    assert user.locked_until is not None
    expected = timezone.now() + settings.INFOHUS_LOCKOUT_PERIOD
    assert abs((user.locked_until - expected).total_seconds()) < 60
    assert AuditEvent.objects.filter(verb="ACCOUNT_LOCKED", object_id=str(user.pk)).count() == 1


def test_locked_account_refuses_the_right_password(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = fail_times(user.username, settings.INFOHUS_LOCKOUT_THRESHOLD)
    assert password_step(client, user.username) == ""  # stays on the login form
    assert AuditEvent.objects.filter(verb="LOGIN_REFUSED_LOCKED", object_id=str(user.pk)).exists()


def test_four_wrong_passwords_do_not_lock(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    fail_times(user.username, settings.INFOHUS_LOCKOUT_THRESHOLD - 1)
    user.refresh_from_db()
    assert not user.is_locked()


def test_lock_expires_after_the_period(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    fail_times(user.username, settings.INFOHUS_LOCKOUT_THRESHOLD)
    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    client = Client()
    full_login(client, user)
    user.refresh_from_db()
    assert user.failed_login_count == 0 and user.locked_until is None


def test_successful_login_resets_the_consecutive_count(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    fail_times(user.username, settings.INFOHUS_LOCKOUT_THRESHOLD - 1)
    full_login(Client(), user)
    fail_times(user.username, settings.INFOHUS_LOCKOUT_THRESHOLD - 1)
    user.refresh_from_db()
    assert not user.is_locked()


def test_unknown_username_gets_the_same_answer(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    known = Client().post("/accounts/login/", {"login": user.username, "password": "nope-nope-1"})
    unknown = Client().post("/accounts/login/", {"login": "nobody-here", "password": "nope-nope-1"})
    assert known.status_code == unknown.status_code == 200
    # Same error text: no account enumeration.
    assert known.context["form"].errors == unknown.context["form"].errors


def test_wrong_second_factor_codes_also_lock(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = Client()
    password_step(client, user.username)
    for _ in range(settings.INFOHUS_LOCKOUT_THRESHOLD):
        client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    user.refresh_from_db()
    assert user.is_locked()
    # The half-finished login is gone: the MFA page no longer accepts codes.
    response = client.get("/accounts/2fa/authenticate/")
    assert response.status_code == 302
