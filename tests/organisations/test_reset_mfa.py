"""Resetting a user's second factors (lost phone)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from tests.organisations.support import events, form_errors, messages_of, only_event, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled(staff: User) -> User:
    actions.enrol_totp(actor=None, user=staff, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return staff


def test_action_removes_every_authenticator(admin: User, enrolled: User) -> None:
    assert actions.reset_mfa(actor=admin, user=enrolled, reason="Mistet telefon") == 1
    assert not Authenticator.objects.filter(user=enrolled).exists()
    event = only_event("MFA_RESET", enrolled)
    assert (event.actor, event.purpose) == (admin, "Mistet telefon")
    assert event.changes["_details"] == {"authenticators_removed": 1}


def test_admin_resets_mfa(client_for: Callable[[str], Client], admin: User, enrolled: User) -> None:
    client = client_for("system_admin")
    assert (
        "Totrinsbekræftelse sat op" in client.get(url("user_detail", enrolled.pk)).content.decode()
    )
    response = client.post(url("reset_mfa", enrolled.pk), {"reason": "Ny telefon"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=enrolled).exists()
    assert only_event("MFA_RESET", enrolled).actor == admin
    assert "er nulstillet" in messages_of(response)[0]


def test_a_reason_is_required(client_for: Callable[[str], Client], enrolled: User) -> None:
    response = client_for("system_admin").post(url("reset_mfa", enrolled.pk), {"reason": ""})
    assert "reason" in form_errors(response)
    assert Authenticator.objects.filter(user=enrolled).exists()
    assert events("MFA_RESET", enrolled) == []
