"""One staff account: memberships active and ended, MFA, lock and login state."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations.models import Membership
from infohus.organisations.roles import Role
from tests.organisations.support import only_event, url
from tests.personas import unit

pytestmark = pytest.mark.django_db


def test_shows_account_facts_and_both_active_and_ended_memberships(
    client_for: Callable[[str], Client], admin: User, staff: User, staff_membership: Membership
) -> None:
    actions.add_membership(
        actor=admin, user=staff, unit=unit("oestjyllands-politi", "infohus"), role=Role.COORDINATOR
    )
    actions.end_membership(actor=admin, membership=staff_membership, reason="Ny rolle")
    response = client_for("system_admin").get(url("user_detail", staff.pk))
    assert response.status_code == 200
    memberships = list(response.context["memberships"])
    assert [(m.role, m.is_active) for m in memberships] == [
        (Role.COORDINATOR, True),
        (Role.PREVENTION_OFFICER, False),
    ]
    body = response.content.decode()
    for text in ("anne.hansen", "Anne Hansen", "anne@example.dk", "Aldrig"):
        assert text in body
    assert response.context["has_mfa"] is False
    assert response.context["is_locked"] is False
    # The active membership can be ended, the ended one not again.
    assert url("end_membership", memberships[0].pk) in body
    assert url("end_membership", memberships[1].pk) not in body


def test_reports_mfa_enrolment(client_for: Callable[[str], Client], staff: User) -> None:
    client = client_for("system_admin")
    assert client.get(url("user_detail", staff.pk)).context["has_mfa"] is False
    actions.enrol_totp(actor=None, user=staff, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    assert client.get(url("user_detail", staff.pk)).context["has_mfa"] is True


def test_shows_inactive_accounts_with_a_reactivate_link(
    client_for: Callable[[str], Client], admin: User, staff: User
) -> None:
    actions.deactivate_user(actor=admin, user=staff, reason="Orlov")
    body = client_for("system_admin").get(url("user_detail", staff.pk)).content.decode()
    assert "Deaktiveret" in body
    assert url("reactivate_user", staff.pk) in body
    assert url("deactivate_user", staff.pk) not in body


def test_reading_an_account_is_audited(
    client_for: Callable[[str], Client], admin: User, staff: User
) -> None:
    client_for("system_admin").get(url("user_detail", staff.pk))
    assert only_event("USER_VIEWED", staff).actor == admin


def test_unknown_user_is_404(client_for: Callable[[str], Client]) -> None:
    assert client_for("system_admin").get(url("user_detail", 999_999)).status_code == 404


def test_a_coordinator_who_may_see_the_account_still_gets_404(
    client_for: Callable[[str], Client], staff: User
) -> None:
    """A coordinator sees their district's staff elsewhere, but user administration is
    for system administrators alone."""
    assert client_for("coordinator").get(url("user_detail", staff.pk)).status_code == 404
