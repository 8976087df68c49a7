"""Every URL in organisations/urls.py against every persona and anonymous.

System administrators reach the user administration and reference data; everyone
else gets a 404 (exactly like a page that does not exist), and the denial is
logged. The directory is for every role except the auditor. Anonymous visitors
are sent to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern

from conftest import ALL_PERSONAS
from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.organisations import actions
from infohus.organisations import urls as organisation_urls
from infohus.organisations.models import Membership, Organisation
from infohus.organisations.roles import Role
from tests.organisations.support import lock, url
from tests.personas import PERSONAS, unit

pytestmark = pytest.mark.django_db

ADMIN = frozenset({"system_admin"})
DIRECTORY = frozenset(PERSONAS) - {"auditor"}
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    # The personas who get ``ok``; every other logged-in persona gets a 404.
    audience: frozenset[str]
    ok: int = 200
    # What a successful POST sends (ignored for GET).
    data: tuple[tuple[str, str], ...] = ()
    # The audit verb a successful POST writes (must not appear after a refused one).
    verb: str = ""


ENDPOINTS = [
    Endpoint("directory", "get", DIRECTORY),
    Endpoint("organisation_detail", "get", DIRECTORY),
    # Posting someone else's membership: a 404 for everyone (test_switch_membership.py
    # covers switching to one's own).
    Endpoint("switch_membership", "post", NOBODY, verb="MEMBERSHIP_SWITCHED"),
    Endpoint("user_list", "get", ADMIN),
    Endpoint("user_detail", "get", ADMIN),
    Endpoint("create_user", "get", ADMIN),
    Endpoint(
        "create_user",
        "post",
        ADMIN,
        302,
        data=(
            ("username", "ny.bruger"),
            ("full_name", "Ny Bruger"),
            ("email", "ny@example.dk"),
            ("role", Role.ANALYST),
        ),
        verb="USER_CREATED",
    ),
    Endpoint("update_user", "get", ADMIN),
    Endpoint(
        "update_user",
        "post",
        ADMIN,
        302,
        data=(("full_name", "Anne B. Hansen"), ("email", "anne@example.dk")),
        verb="USER_UPDATED",
    ),
    Endpoint("add_membership", "get", ADMIN),
    Endpoint(
        "add_membership",
        "post",
        ADMIN,
        302,
        data=(("role", Role.COORDINATOR),),
        verb="MEMBERSHIP_ADDED",
    ),
    Endpoint("end_membership", "get", ADMIN),
    Endpoint(
        "end_membership",
        "post",
        ADMIN,
        302,
        data=(("reason", "Fratrådt"),),
        verb="MEMBERSHIP_ENDED",
    ),
    Endpoint("deactivate_user", "get", ADMIN),
    Endpoint(
        "deactivate_user", "post", ADMIN, 302, data=(("reason", "Orlov"),), verb="USER_DEACTIVATED"
    ),
    Endpoint("reactivate_user", "get", ADMIN),
    Endpoint(
        "reactivate_user",
        "post",
        ADMIN,
        302,
        data=(("reason", "Tilbage"),),
        verb="USER_REACTIVATED",
    ),
    Endpoint("reset_mfa", "get", ADMIN),
    Endpoint(
        "reset_mfa", "post", ADMIN, 302, data=(("reason", "Mistet telefon"),), verb="MFA_RESET"
    ),
    Endpoint("unlock_user", "post", ADMIN, 302, verb="ACCOUNT_UNLOCKED"),
    Endpoint("reference_data", "get", ADMIN),
    Endpoint("reload_reference_data", "post", ADMIN, 302),
]


@dataclass(frozen=True)
class Targets:
    """The records the URLs point at, made through the real actions."""

    staff: User
    inactive: User
    locked: User
    membership: Membership
    organisation: Organisation
    foreign_membership: Membership


@pytest.fixture
def targets(persona: Callable[[str], User]) -> Targets:
    admin = persona("system_admin")
    district = unit("oestjyllands-politi", "eae")

    def make(username: str) -> User:
        user = actions.create_user(
            actor=admin,
            username=username,
            full_name=username.title(),
            email=f"{username}@example.dk",
            unit=district,
            role=Role.ANALYST,
        )
        actions.enrol_totp(actor=None, user=user, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        return user

    staff, inactive, locked = make("staff"), make("inactive"), make("locked")
    actions.deactivate_user(actor=admin, user=inactive, reason="Test")
    lock(locked)
    membership = Membership.objects.get(user=staff)
    return Targets(
        staff=staff,
        inactive=inactive,
        locked=locked,
        membership=membership,
        organisation=Organisation.objects.get(slug="oestjyllands-politi"),
        foreign_membership=membership,
    )


def path_for(endpoint: Endpoint, t: Targets) -> str:
    args: dict[str, tuple[Any, ...]] = {
        "organisation_detail": (t.organisation.pk,),
        "user_detail": (t.staff.pk,),
        "update_user": (t.staff.pk,),
        "add_membership": (t.staff.pk,),
        "end_membership": (t.membership.pk,),
        "deactivate_user": (t.staff.pk,),
        "reactivate_user": (t.inactive.pk,),
        "reset_mfa": (t.staff.pk,),
        "unlock_user": (t.locked.pk,),
    }
    return url(endpoint.name, *args.get(endpoint.name, ()))


def data_for(endpoint: Endpoint, t: Targets) -> dict[str, str]:
    data = dict(endpoint.data)
    if endpoint.name == "create_user":
        eae = unit("oestjyllands-politi", "eae")
        data.update(organisation=str(eae.organisation_id), unit=str(eae.pk))
    if endpoint.name == "add_membership":
        infohus = unit("oestjyllands-politi", "infohus")
        data.update(organisation=str(infohus.organisation_id), unit=str(infohus.pk))
    if endpoint.name == "switch_membership":
        data["membership"] = str(t.foreign_membership.pk)
    return data


def test_every_url_is_in_the_matrix() -> None:
    names = {p.name for p in organisation_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == {e.name for e in ENDPOINTS}


@pytest.mark.parametrize("key", ALL_PERSONAS)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[f"{e.method}-{e.name}" for e in ENDPOINTS])
def test_persona_matrix(
    key: str, endpoint: Endpoint, client_for: Callable[[str], Client], targets: Targets
) -> None:
    client = client_for(key)
    before = AuditEvent.objects.filter(verb=endpoint.verb).count() if endpoint.verb else 0
    path = path_for(endpoint, targets)
    if endpoint.method == "get":
        response = client.get(path)
    else:
        response = client.post(path, data_for(endpoint, targets))
    if key == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    elif key in endpoint.audience:
        assert response.status_code == endpoint.ok, response.content.decode()[-2000:]
    else:
        assert response.status_code == 404
    if endpoint.verb and key not in endpoint.audience:
        # A refused POST changed nothing.
        assert AuditEvent.objects.filter(verb=endpoint.verb).count() == before


@pytest.mark.parametrize("key", sorted(set(PERSONAS) - ADMIN))
def test_refusals_of_admin_pages_are_audited_with_the_reason(
    key: str,
    client_for: Callable[[str], Client],
    persona: Callable[[str], User],
    targets: Targets,
) -> None:
    client = client_for(key)
    user = persona(key)
    assert client.get(url("user_detail", targets.staff.pk)).status_code == 404
    denial = AuditEvent.objects.filter(actor=user, outcome=AuditEvent.Outcome.DENIED).latest("id")
    assert denial.object_type == "accounts.user"
    assert denial.object_id == str(targets.staff.pk)
    assert denial.changes["_details"] == {"reason": "not_user_admin"}


def test_auditor_refusal_of_the_directory_is_audited(client_for: Callable[[str], Client]) -> None:
    client = client_for("auditor")
    assert client.get(url("directory")).status_code == 404
    denial = AuditEvent.objects.filter(outcome=AuditEvent.Outcome.DENIED).latest("id")
    assert denial.actor_label == "t-auditor"
    assert denial.changes["_details"] == {"reason": "no_directory_access"}


@pytest.mark.parametrize(
    "name", ["user_list", "user_detail", "reference_data", "directory", "organisation_detail"]
)
def test_get_pages_refuse_other_methods(
    name: str, client_for: Callable[[str], Client], targets: Targets
) -> None:
    endpoint = next(e for e in ENDPOINTS if e.name == name)
    assert client_for("system_admin").post(path_for(endpoint, targets)).status_code == 405


@pytest.mark.parametrize("name", ["unlock_user", "reload_reference_data"])
def test_post_only_operations_refuse_get_from_an_admin(
    name: str, client_for: Callable[[str], Client], targets: Targets
) -> None:
    endpoint = next(e for e in ENDPOINTS if e.name == name)
    assert client_for("system_admin").get(path_for(endpoint, targets)).status_code == 405
