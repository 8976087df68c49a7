"""Giving a user another role in a unit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations.models import Membership, Unit
from infohus.organisations.roles import Role
from tests.organisations.support import events, form_errors, messages_of, only_event, url
from tests.personas import unit

pytestmark = pytest.mark.django_db


def post_data(target: Unit, role: str) -> dict[str, str]:
    return {"organisation": str(target.organisation_id), "unit": str(target.pk), "role": role}


def test_action_adds_an_active_membership_and_audits_it(admin: User, staff: User) -> None:
    infohus = unit("oestjyllands-politi", "infohus")
    membership = actions.add_membership(
        actor=admin, user=staff, unit=infohus, role=Role.COORDINATOR
    )
    assert membership.is_active
    event = only_event("MEMBERSHIP_ADDED", membership)
    assert event.actor == admin
    assert event.changes["role"] == {"from": None, "to": Role.COORDINATOR}


def test_action_refuses_the_same_role_twice(admin: User, staff: User) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.add_membership(
            actor=admin,
            user=staff,
            unit=unit("oestjyllands-politi", "forebyggelse"),
            role=Role.PREVENTION_OFFICER,
        )
    assert caught.value.code == "duplicate"


def test_admin_adds_a_role(client_for: Callable[[str], Client], admin: User, staff: User) -> None:
    infohus = unit("oestjyllands-politi", "infohus")
    response = client_for("system_admin").post(
        url("add_membership", staff.pk), post_data(infohus, Role.COORDINATOR)
    )
    assert response.status_code == 302
    assert response["Location"] == url("user_detail", staff.pk)
    membership = Membership.objects.get(user=staff, role=Role.COORDINATOR)
    assert membership.unit == infohus
    assert only_event("MEMBERSHIP_ADDED", membership).actor == admin
    assert "Infohus-tovholder" in messages_of(response)[0]


def test_role_not_fitting_the_unit_is_a_form_error_and_saves_nothing(
    client_for: Callable[[str], Client], staff: User
) -> None:
    aarhus = unit("kommune-751", "infohus-kontakt")
    response = client_for("system_admin").post(
        url("add_membership", staff.pk), post_data(aarhus, Role.ANALYST)
    )
    assert response.status_code == 200
    assert form_errors(response)["role"] == [
        "Rollen Analytiker (EAE) kan ikke have en plads i en enhed af typen Infohus-kontaktenhed."
    ]
    assert Membership.objects.filter(user=staff).count() == 1
    assert f'<option value="{aarhus.pk}" selected>' in response.content.decode()


def test_same_role_twice_is_a_form_error(client_for: Callable[[str], Client], staff: User) -> None:
    client = client_for("system_admin")
    before = len(events("MEMBERSHIP_ADDED"))
    response = client.post(
        url("add_membership", staff.pk),
        post_data(unit("oestjyllands-politi", "forebyggelse"), Role.PREVENTION_OFFICER),
    )
    assert form_errors(response)["role"] == ["Brugeren har allerede denne rolle i enheden."]
    assert len(events("MEMBERSHIP_ADDED")) == before


def test_choosing_the_organisation_only_reloads_the_form(
    client_for: Callable[[str], Client], staff: User
) -> None:
    pet = unit("pet", "exit")
    response = client_for("system_admin").post(
        url("add_membership", staff.pk),
        {"organisation": str(pet.organisation_id), "choose_organisation": "1"},
    )
    assert response.status_code == 200
    assert pet in response.context["form"].fields["unit"].queryset
    assert Membership.objects.filter(user=staff).count() == 1
