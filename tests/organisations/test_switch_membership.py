"""Switching the role one acts in, among one's own memberships."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.organisations import actions
from infohus.organisations.models import Membership
from infohus.organisations.permissions import SESSION_KEY
from infohus.organisations.roles import Role
from tests.organisations.support import events, only_event, url
from tests.personas import login, make_persona, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_roles(admin: User) -> tuple[User, Membership, Membership]:
    """An Østjylland coordinator who is also an analyst in the district's EAE."""
    user = make_persona("coordinator", username="to-roller")
    first = Membership.objects.get(user=user)
    second = actions.add_membership(
        actor=admin, user=user, unit=unit("oestjyllands-politi", "eae"), role=Role.ANALYST
    )
    return user, first, second


def test_switches_to_another_own_membership_and_audits_it(
    two_roles: tuple[User, Membership, Membership],
) -> None:
    user, first, second = two_roles
    client = login(Client(), user)
    assert client.get("/").context["active_membership"] == first
    response = client.post(url("switch_membership"), {"membership": str(second.pk)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == second.pk
    assert client.get("/").context["active_membership"] == second
    event = only_event("MEMBERSHIP_SWITCHED", second)
    assert event.actor == user
    assert event.changes["membership"] == {
        "from": first.audit_label(),
        "to": second.audit_label(),
    }
    # The switch itself is done in the old role; entries after it name the new one.
    assert event.membership_id == first.pk
    client.get(url("organisation_detail", 999_999))  # a logged denial
    latest = AuditEvent.objects.filter(actor=user).latest("id")
    assert (latest.outcome, latest.membership_id) == (AuditEvent.Outcome.DENIED, second.pk)


def test_cannot_switch_to_someone_elses_membership(
    two_roles: tuple[User, Membership, Membership], client_for: Callable[[str], Client]
) -> None:
    _, first, _ = two_roles
    client = client_for("analyst")
    response = client.post(url("switch_membership"), {"membership": str(first.pk)})
    assert response.status_code == 404
    assert SESSION_KEY not in client.session
    assert events("MEMBERSHIP_SWITCHED") == []


def test_cannot_switch_to_an_ended_membership(
    admin: User, two_roles: tuple[User, Membership, Membership]
) -> None:
    user, _, second = two_roles
    actions.end_membership(actor=admin, membership=second, reason="Fratrådt")
    client = login(Client(), user)
    response = client.post(url("switch_membership"), {"membership": str(second.pk)})
    assert response.status_code == 404
    assert events("MEMBERSHIP_SWITCHED") == []


def test_get_is_not_allowed(client_for: Callable[[str], Client]) -> None:
    assert client_for("coordinator").get(url("switch_membership")).status_code == 405
