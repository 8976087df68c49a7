"""Creating a staff account with its first membership: no password, audited, validated."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.organisations import actions
from infohus.organisations.models import Membership, Unit
from infohus.organisations.roles import Role
from tests.organisations.support import form_errors, messages_of, only_event, url
from tests.personas import unit

pytestmark = pytest.mark.django_db


def form_data(target: Unit, role: str = Role.ANALYST, **overrides: str) -> dict[str, str]:
    data = {
        "username": "bo.berg",
        "full_name": "Bo Berg",
        "email": "bo@example.dk",
        "organisation": str(target.organisation_id),
        "unit": str(target.pk),
        "role": role,
    }
    data.update(overrides)
    return data


# --- the action ---------------------------------------------------------------------------


def test_action_creates_account_without_usable_password_and_first_membership(
    admin: User,
) -> None:
    eae = unit("oestjyllands-politi", "eae")
    user = actions.create_user(
        actor=admin,
        username="bo.berg",
        full_name="Bo Berg",
        email="bo@example.dk",
        unit=eae,
        role=Role.ANALYST,
    )
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert (membership.unit, membership.role, membership.is_active) == (eae, Role.ANALYST, True)
    created = only_event("USER_CREATED", user)
    assert created.actor == admin
    assert created.changes["username"] == {"from": None, "to": "bo.berg"}
    assert only_event("MEMBERSHIP_ADDED", membership).actor == admin


def test_action_refuses_a_role_that_does_not_fit_the_unit(admin: User) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_user(
            actor=admin,
            username="bo.berg",
            full_name="Bo Berg",
            unit=unit("oestjyllands-politi", "infohus"),
            role=Role.ANALYST,
        )
    assert caught.value.code == "role_unit_mismatch"
    assert not User.objects.filter(username="bo.berg").exists()
    assert not AuditEvent.objects.filter(verb="USER_CREATED", actor=admin).exists()


def test_action_refuses_a_taken_username_whatever_the_case(admin: User, staff: User) -> None:
    with pytest.raises(ValidationError) as caught:
        actions.create_user(
            actor=admin,
            username=staff.username.upper(),
            full_name="Anden",
            unit=unit("oestjyllands-politi", "eae"),
            role=Role.ANALYST,
        )
    assert caught.value.code == "username_taken"
    assert User.objects.filter(username__iexact=staff.username).count() == 1


# --- the view -----------------------------------------------------------------------------


def test_admin_creates_a_user_and_is_told_how_the_password_is_set(
    client_for: Callable[[str], Client], admin: User
) -> None:
    eae = unit("oestjyllands-politi", "eae")
    response = client_for("system_admin").post(url("create_user"), form_data(eae))
    user = User.objects.get(username="bo.berg")
    assert response.status_code == 302
    assert response["Location"] == url("user_detail", user.pk)
    assert (user.full_name, user.email, user.is_active) == ("Bo Berg", "bo@example.dk", True)
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).role == Role.ANALYST
    (message,) = messages_of(response)
    assert "uden adgangskode" in message
    assert "/accounts/password/reset/" in message
    assert "bo@example.dk" in message
    assert only_event("USER_CREATED", user).actor == admin


def test_the_new_user_can_get_a_password_reset_link(
    client_for: Callable[[str], Client],
) -> None:
    """The instructions the admin passes on must work: the reset mail reaches the user."""
    client_for("system_admin").post(url("create_user"), form_data(unit("fyns-politi", "eae")))
    response = Client().post("/accounts/password/reset/", {"email": "bo@example.dk"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bo@example.dk"]


def test_the_user_detail_page_repeats_the_instructions(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("system_admin")
    client.post(url("create_user"), form_data(unit("fyns-politi", "eae")))
    user = User.objects.get(username="bo.berg")
    page = client.get(url("user_detail", user.pk)).content.decode()
    assert "Brugeren har ikke valgt en adgangskode endnu" in page
    assert "http://testserver/accounts/password/reset/" in page


def test_role_not_fitting_the_unit_is_a_form_error_and_saves_nothing(
    client_for: Callable[[str], Client],
) -> None:
    client = client_for("system_admin")
    before = AuditEvent.objects.filter(verb__in=["USER_CREATED", "MEMBERSHIP_ADDED"]).count()
    infohus = unit("oestjyllands-politi", "infohus")
    response = client.post(url("create_user"), form_data(infohus))
    assert response.status_code == 200
    errors = form_errors(response)
    assert errors["role"] == [
        "Rollen Analytiker (EAE) kan ikke have en plads i en enhed af typen Infohus."
    ]
    assert not User.objects.filter(username="bo.berg").exists()
    after = AuditEvent.objects.filter(verb__in=["USER_CREATED", "MEMBERSHIP_ADDED"]).count()
    assert after == before
    # Everything entered is still there.
    body = response.content.decode()
    assert 'value="bo.berg"' in body
    assert 'value="bo@example.dk"' in body
    assert f'<option value="{infohus.pk}" selected>' in body
    assert "Der er fejl i formularen" in body


def test_duplicate_username_is_a_form_error_and_saves_nothing(
    client_for: Callable[[str], Client], staff: User
) -> None:
    count = User.objects.count()
    response = client_for("system_admin").post(
        url("create_user"),
        form_data(unit("oestjyllands-politi", "eae"), username="Anne.Hansen"),
    )
    assert response.status_code == 200
    assert form_errors(response)["username"] == ["Brugernavnet er allerede i brug."]
    assert User.objects.count() == count
    assert not Membership.objects.filter(user__username="Anne.Hansen").exists()


def test_missing_fields_are_reported_per_field(client_for: Callable[[str], Client]) -> None:
    response = client_for("system_admin").post(url("create_user"), {"username": "bo berg"})
    assert response.status_code == 200
    errors = form_errors(response)
    assert set(errors) == {"username", "full_name", "email", "organisation", "unit", "role"}
    assert not User.objects.filter(username__startswith="bo").exists()


def test_a_unit_of_another_organisation_is_refused(client_for: Callable[[str], Client]) -> None:
    data = form_data(unit("fyns-politi", "eae"))
    data["organisation"] = str(unit("oestjyllands-politi", "eae").organisation_id)
    response = client_for("system_admin").post(url("create_user"), data)
    assert form_errors(response)["unit"] == ["Vælg en enhed i den valgte organisation."]
    assert not User.objects.filter(username="bo.berg").exists()


def test_choosing_an_organisation_shows_its_units_keeps_values_and_creates_nothing(
    client_for: Callable[[str], Client],
) -> None:
    aarhus = unit("kommune-751", "infohus-kontakt")
    response = client_for("system_admin").post(
        url("create_user"),
        {
            "username": "bo.berg",
            "full_name": "Bo Berg",
            "organisation": str(aarhus.organisation_id),
            "choose_organisation": "1",
        },
    )
    assert response.status_code == 200
    assert not response.context["form"].is_bound  # no errors shown for what is not filled in yet
    units = list(response.context["form"].fields["unit"].queryset)
    assert {u.organisation_id for u in units} == {aarhus.organisation_id}
    assert aarhus in units
    body = response.content.decode()
    assert 'value="bo.berg"' in body
    assert f'<option value="{aarhus.organisation_id}" selected>' in body
    assert not User.objects.filter(username="bo.berg").exists()


def test_the_unit_list_is_empty_until_an_organisation_is_chosen(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("system_admin").get(url("create_user"))
    assert list(response.context["form"].fields["unit"].queryset) == []
    assert "Vælg først en organisation." in response.content.decode()
