"""Fixtures for the organisation and user-administration tests, built through the real actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations.models import Membership
from infohus.organisations.roles import Role
from tests.personas import unit


@pytest.fixture
def admin(persona: Callable[[str], User]) -> User:
    return persona("system_admin")


@pytest.fixture
def staff(db: Any, admin: User) -> User:
    """An ordinary staff account (a prevention officer in Østjylland) made by the admin."""
    return actions.create_user(
        actor=admin,
        username="anne.hansen",
        full_name="Anne Hansen",
        email="anne@example.dk",
        unit=unit("oestjyllands-politi", "forebyggelse"),
        role=Role.PREVENTION_OFFICER,
    )


@pytest.fixture
def staff_membership(staff: User) -> Membership:
    return Membership.objects.get(user=staff, is_active=True)
