"""Ending one of a user's memberships, with a reason kept in the audit trail."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations.models import Membership
from infohus.organisations.permissions import memberships_of
from tests.organisations.support import events, form_errors, messages_of, only_event, url

pytestmark = pytest.mark.django_db


def test_action_ends_the_membership_with_the_reason(
    admin: User, staff: User, staff_membership: Membership
) -> None:
    actions.end_membership(actor=admin, membership=staff_membership, reason="Fratrådt")
    staff_membership.refresh_from_db()
    assert not staff_membership.is_active
    assert staff_membership.ended_at is not None
    assert list(memberships_of(staff)) == []
    event = only_event("MEMBERSHIP_ENDED", staff_membership)
    assert (event.actor, event.purpose) == (admin, "Fratrådt")


def test_action_refuses_to_end_ones_own_admin_membership(admin: User) -> None:
    own = Membership.objects.get(user=admin)
    with pytest.raises(ValidationError) as caught:
        actions.end_membership(actor=admin, membership=own, reason="Prøver")
    assert caught.value.code == "self"
    own.refresh_from_db()
    assert own.is_active


def test_admin_ends_a_membership(
    client_for: Callable[[str], Client], admin: User, staff: User, staff_membership: Membership
) -> None:
    response = client_for("system_admin").post(
        url("end_membership", staff_membership.pk), {"reason": "Skiftet job"}
    )
    assert response.status_code == 302
    assert response["Location"] == url("user_detail", staff.pk)
    staff_membership.refresh_from_db()
    assert not staff_membership.is_active
    event = only_event("MEMBERSHIP_ENDED", staff_membership)
    assert (event.actor, event.purpose) == (admin, "Skiftet job")
    assert "er afsluttet" in messages_of(response)[0]


def test_a_reason_is_required(
    client_for: Callable[[str], Client], staff_membership: Membership
) -> None:
    response = client_for("system_admin").post(
        url("end_membership", staff_membership.pk), {"reason": "   "}
    )
    assert response.status_code == 200
    assert form_errors(response)["reason"]
    staff_membership.refresh_from_db()
    assert staff_membership.is_active
    assert events("MEMBERSHIP_ENDED", staff_membership) == []


def test_ending_ones_own_admin_membership_is_a_form_error(
    client_for: Callable[[str], Client], admin: User
) -> None:
    own = Membership.objects.get(user=admin)
    response = client_for("system_admin").post(url("end_membership", own.pk), {"reason": "Prøver"})
    assert response.status_code == 200
    assert form_errors(response)["__all__"] == [
        "Du kan ikke afslutte dit eget medlemskab som systemadministrator."
    ]
    assert "Prøver</textarea>" in response.content.decode()
    own.refresh_from_db()
    assert own.is_active


def test_an_ended_membership_cannot_be_ended_again(
    client_for: Callable[[str], Client], admin: User, staff_membership: Membership
) -> None:
    actions.end_membership(actor=admin, membership=staff_membership, reason="Fratrådt")
    response = client_for("system_admin").post(
        url("end_membership", staff_membership.pk), {"reason": "Igen"}
    )
    assert response.status_code == 302
    assert messages_of(response) == ["Medlemskabet er allerede afsluttet."]
    assert len(events("MEMBERSHIP_ENDED", staff_membership)) == 1


def test_unknown_membership_is_404(client_for: Callable[[str], Client]) -> None:
    assert client_for("system_admin").get(url("end_membership", 999_999)).status_code == 404
