"""Changing an account's name and e-mail address."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from tests.organisations.support import events, form_errors, messages_of, only_event, url

pytestmark = pytest.mark.django_db


def test_action_changes_name_and_email_and_audits_the_difference(admin: User, staff: User) -> None:
    actions.update_user(actor=admin, user=staff, full_name="Anne Berg", email="anne@example.dk")
    staff.refresh_from_db()
    assert staff.full_name == "Anne Berg"
    event = only_event("USER_UPDATED", staff)
    assert event.actor == admin
    assert event.changes == {"full_name": {"from": "Anne Hansen", "to": "Anne Berg"}}


def test_action_writes_nothing_when_nothing_changed(admin: User, staff: User) -> None:
    actions.update_user(actor=admin, user=staff, full_name=staff.full_name, email=staff.email)
    assert events("USER_UPDATED", staff) == []


def test_form_starts_with_the_current_values(
    client_for: Callable[[str], Client], staff: User
) -> None:
    body = client_for("system_admin").get(url("update_user", staff.pk)).content.decode()
    assert 'value="Anne Hansen"' in body
    assert 'value="anne@example.dk"' in body


def test_admin_updates_name_and_email(
    client_for: Callable[[str], Client], admin: User, staff: User
) -> None:
    response = client_for("system_admin").post(
        url("update_user", staff.pk), {"full_name": " Anne Berg ", "email": "ab@example.dk"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("user_detail", staff.pk)
    staff.refresh_from_db()
    assert (staff.full_name, staff.email) == ("Anne Berg", "ab@example.dk")
    assert messages_of(response) == ["Brugerens oplysninger er gemt."]
    assert only_event("USER_UPDATED", staff).actor == admin


def test_invalid_email_is_a_form_error_and_keeps_the_values(
    client_for: Callable[[str], Client], staff: User
) -> None:
    response = client_for("system_admin").post(
        url("update_user", staff.pk), {"full_name": "Anne Berg", "email": "ikke-en-adresse"}
    )
    assert response.status_code == 200
    assert "email" in form_errors(response)
    assert 'value="Anne Berg"' in response.content.decode()
    staff.refresh_from_db()
    assert staff.full_name == "Anne Hansen"
    assert events("USER_UPDATED", staff) == []


def test_unknown_user_is_404(client_for: Callable[[str], Client]) -> None:
    assert client_for("system_admin").get(url("update_user", 999_999)).status_code == 404
