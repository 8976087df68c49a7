"""The user list: search by username or name, filters by organisation and role, pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations.roles import Role
from infohus.organisations.user_views import USERS_PER_PAGE
from tests.organisations.support import url
from tests.personas import unit

pytestmark = pytest.mark.django_db

# Session, user, MFA check, active membership, the role switcher's memberships; then the
# page: organisations for the filter, count, one page of users, their active memberships.
# It does not grow with the number of users.
MAX_QUERIES = 9


def make_users(admin: User, n: int, *, prefix: str = "bruger") -> list[User]:
    fyn, aarhus = unit("fyns-politi", "eae"), unit("kommune-751", "infohus-kontakt")
    users = []
    for i in range(n):
        user = actions.create_user(
            actor=admin,
            username=f"{prefix}{i:03d}",
            full_name=f"Person {i:03d}",
            email=f"{prefix}{i}@example.dk",
            unit=fyn if i % 2 else aarhus,
            role=Role.ANALYST if i % 2 else Role.MUNICIPAL_CONTACT,
        )
        users.append(user)
    return users


def usernames(response: Any) -> list[str]:
    return [u.username for u in response.context["page"].object_list]


def test_lists_users_with_their_active_roles(
    client_for: Callable[[str], Client], staff: User
) -> None:
    response = client_for("system_admin").get(url("user_list"))
    assert response.status_code == 200
    assert "anne.hansen" in usernames(response)
    body = response.content.decode()
    assert "Anne Hansen" in body
    assert "Forebyggelsesmedarbejder, Forebyggelsesenheden, Østjyllands Politi" in body


def test_searches_username_and_name(
    client_for: Callable[[str], Client], admin: User, staff: User
) -> None:
    client = client_for("system_admin")
    make_users(admin, 3)
    assert usernames(client.get(url("user_list"), {"q": "ANNE.h"})) == ["anne.hansen"]
    assert usernames(client.get(url("user_list"), {"q": "person 001"})) == ["bruger001"]


def test_filters_by_organisation_and_role_of_the_same_active_membership(
    client_for: Callable[[str], Client], admin: User
) -> None:
    client = client_for("system_admin")
    users = make_users(admin, 4)
    fyn_org = str(unit("fyns-politi", "eae").organisation_id)
    assert usernames(client.get(url("user_list"), {"organisation": fyn_org})) == [
        "bruger001",
        "bruger003",
    ]
    assert usernames(client.get(url("user_list"), {"role": Role.MUNICIPAL_CONTACT})) == [
        "bruger000",
        "bruger002",
    ]
    # Organisation and role must be one membership: an analyst in Fyn is not a contact there.
    both = {"organisation": fyn_org, "role": Role.MUNICIPAL_CONTACT}
    assert usernames(client.get(url("user_list"), both)) == []
    # An ended membership no longer counts.
    membership = users[1].memberships.get()
    actions.end_membership(actor=admin, membership=membership, reason="Fratrådt")
    assert usernames(client.get(url("user_list"), {"organisation": fyn_org})) == ["bruger003"]


def test_invalid_filter_shows_an_error_and_no_users(
    client_for: Callable[[str], Client], staff: User
) -> None:
    response = client_for("system_admin").get(url("user_list"), {"role": "emperor"})
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert usernames(response) == []


def test_pages_of_fifty_keep_the_filters(client_for: Callable[[str], Client], admin: User) -> None:
    make_users(admin, USERS_PER_PAGE + 5, prefix="side")
    client = client_for("system_admin")
    first = client.get(url("user_list"), {"q": "side"})
    assert len(usernames(first)) == USERS_PER_PAGE
    assert first.context["page"].paginator.count == USERS_PER_PAGE + 5
    assert "?q=side&amp;page=2" in first.content.decode()
    second = client.get(url("user_list"), {"q": "side", "page": "2"})
    assert usernames(second) == [f"side{i:03d}" for i in range(USERS_PER_PAGE, USERS_PER_PAGE + 5)]


@pytest.mark.parametrize("n", [1, 30])
def test_query_count_does_not_grow_with_users(
    n: int,
    client_for: Callable[[str], Client],
    admin: User,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for("system_admin")
    make_users(admin, n)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url("user_list"))
    assert len(usernames(response)) >= n
