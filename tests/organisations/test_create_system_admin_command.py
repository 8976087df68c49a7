"""The first system administrator of a deployment is made from the command line."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.organisations.roles import Role

pytestmark = pytest.mark.django_db
GOOD = "Lang-og-Sikker-Kode-2026"


def run(*passwords: str, username: str = "drift.admin") -> None:
    with mock.patch("getpass.getpass", side_effect=list(passwords)):
        call_command("create_system_admin", username=username, full_name="Drift Admin")


def test_creates_a_system_administrator_with_the_given_password() -> None:
    run(GOOD, GOOD)
    user = User.objects.get(username="drift.admin")
    assert user.check_password(GOOD)
    assert user.memberships.get().role == Role.SYSTEM_ADMIN
    assert AuditEvent.objects.filter(verb="USER_CREATED", object_id=str(user.pk)).exists()


def test_differing_passwords_create_nothing() -> None:
    with pytest.raises(CommandError, match="differ"):
        run(GOOD, GOOD + "x")
    assert not User.objects.filter(username="drift.admin").exists()


def test_weak_password_is_refused() -> None:
    with pytest.raises(CommandError):
        run("kort", "kort")
    assert not User.objects.filter(username="drift.admin").exists()
