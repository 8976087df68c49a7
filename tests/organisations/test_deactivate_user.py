"""Deactivating an account: no login, sessions ended, never oneself."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from tests.organisations.support import events, form_errors, messages_of, only_event, url
from tests.personas import login

pytestmark = pytest.mark.django_db


def test_action_deactivates_and_ends_sessions(admin: User, staff: User) -> None:
    session_client = login(Client(), staff)
    actions.deactivate_user(actor=admin, user=staff, reason="Orlov")
    staff.refresh_from_db()
    assert not staff.is_active
    event = only_event("USER_DEACTIVATED", staff)
    assert (event.actor, event.purpose) == (admin, "Orlov")
    assert event.changes["_details"] == {"sessions_ended": 1}
    # The session the user had is gone: the next request is anonymous.
    assert session_client.get("/").status_code == 302


def test_action_refuses_to_deactivate_oneself(admin: User) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.deactivate_user(actor=admin, user=admin, reason="Prøver")
    assert caught.value.code == "self"


def test_admin_deactivates_a_user(
    client_for: Callable[[str], Client], admin: User, staff: User
) -> None:
    response = client_for("system_admin").post(
        url("deactivate_user", staff.pk), {"reason": "Stoppet"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("user_detail", staff.pk)
    staff.refresh_from_db()
    assert not staff.is_active
    assert only_event("USER_DEACTIVATED", staff).actor == admin
    assert messages_of(response) == ["anne.hansen er deaktiveret og logget ud."]


def test_deactivating_yourself_is_a_form_error_and_changes_nothing(
    client_for: Callable[[str], Client], admin: User
) -> None:
    client = client_for("system_admin")
    response = client.post(url("deactivate_user", admin.pk), {"reason": "Prøver"})
    assert response.status_code == 200
    assert form_errors(response)["__all__"] == ["Du kan ikke deaktivere din egen konto."]
    admin.refresh_from_db()
    assert admin.is_active
    assert events("USER_DEACTIVATED", admin) == []
    assert client.get(url("user_list")).status_code == 200  # still logged in


def test_a_reason_is_required(client_for: Callable[[str], Client], staff: User) -> None:
    response = client_for("system_admin").post(url("deactivate_user", staff.pk), {"reason": ""})
    assert response.status_code == 200
    assert "reason" in form_errors(response)
    staff.refresh_from_db()
    assert staff.is_active


def test_the_detail_page_offers_no_deactivation_of_oneself(
    client_for: Callable[[str], Client], admin: User
) -> None:
    body = client_for("system_admin").get(url("user_detail", admin.pk)).content.decode()
    assert url("deactivate_user", admin.pk) not in body


def test_an_inactive_user_is_not_deactivated_again(
    client_for: Callable[[str], Client], admin: User, staff: User
) -> None:
    actions.deactivate_user(actor=admin, user=staff, reason="Orlov")
    response = client_for("system_admin").post(url("deactivate_user", staff.pk), {"reason": "Igen"})
    assert response.status_code == 302
    assert messages_of(response) == ["Brugeren er allerede deaktiveret."]
    assert len(events("USER_DEACTIVATED", staff)) == 1
