"""Project-wide access guard over every URL Infohus serves.

Each URL name must be classified below by who may use it. A new view that is
not classified fails ``test_every_url_is_classified``, so nobody can add a page
without deciding its audience. The sweeps then check the issue's persona rules
across the whole site: a system administrator reaches no page with personal
data, an auditor reaches the audit trail and nothing else, and anonymous
visitors reach only the public pages.
Per-app matrices (tests/organisations, tests/governance, …) cover every persona.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from infohus.accounts.models import User
from infohus.core import audit
from infohus.organisations.models import Membership, Organisation

PUBLIC = "public"  # no login
ANY_STAFF = "any_staff"  # every logged-in user, own data only (start page, role switch)
DIRECTORY = "directory"  # organisations and units: no personal data; not auditors
USER_ADMIN = "user_admin"  # system administrators: staff accounts, never case data
AUDIT = "audit"  # auditors only

# Every URL name of our own apps, by audience. allauth's account pages are public
# or own-account only and are covered by tests/accounts.
CLASSIFICATION: dict[str, str] = {
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "reporting:start": ANY_STAFF,
    "organisations:switch_membership": ANY_STAFF,
    "organisations:directory": DIRECTORY,
    "organisations:organisation_detail": DIRECTORY,
    "organisations:reference_data": USER_ADMIN,
    "organisations:reload_reference_data": USER_ADMIN,
    "organisations:user_list": USER_ADMIN,
    "organisations:create_user": USER_ADMIN,
    "organisations:user_detail": USER_ADMIN,
    "organisations:update_user": USER_ADMIN,
    "organisations:add_membership": USER_ADMIN,
    "organisations:deactivate_user": USER_ADMIN,
    "organisations:reactivate_user": USER_ADMIN,
    "organisations:reset_mfa": USER_ADMIN,
    "organisations:unlock_user": USER_ADMIN,
    "organisations:end_membership": USER_ADMIN,
    "governance:audit_log": AUDIT,
    "governance:audit_entry": AUDIT,
    "governance:audit_export": AUDIT,
}

# Audiences whose pages show personal data (staff or case data) a role must need to see.
AUDIENCES_FOR = {
    "system_admin": {PUBLIC, ANY_STAFF, DIRECTORY, USER_ADMIN},
    "auditor": {PUBLIC, ANY_STAFF, AUDIT},
    "anonymous": {PUBLIC},
}


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_name, "__name__", str(entry.urlconf_name))
            if module.startswith("allauth"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def our_url_names() -> set[str]:
    return {name for name, _ in _walk(get_resolver().url_patterns)}


def test_every_url_is_classified() -> None:
    names = our_url_names()
    assert names - set(CLASSIFICATION) == set(), "classify these new URLs in CLASSIFICATION"
    assert set(CLASSIFICATION) - names == set(), "these classified URLs no longer exist"


def _url(name: str, sample: dict[str, Any]) -> str:
    pattern = dict(_walk(get_resolver().url_patterns))[name]
    needs_pk = "pk" in pattern.pattern.converters
    if not needs_pk:
        return reverse(name)
    return reverse(name, kwargs={"pk": sample[name.split(":")[0] + ":" + _kind(name)]})


def _kind(name: str) -> str:
    if "membership" in name:
        return "membership"
    if "organisation" in name:
        return "organisation"
    if name.startswith("governance"):
        return "entry"
    return "user"


@pytest.fixture
def sample(persona: Callable[[str], User]) -> dict[str, Any]:
    """A real object for every URL that takes a pk, so a 404 means 'refused', not 'absent'."""
    staff = persona("coordinator")
    return {
        "organisations:user": staff.pk,
        "organisations:membership": Membership.objects.get(user=staff).pk,
        "organisations:organisation": Organisation.objects.get(slug="oestjyllands-politi").pk,
        "governance:entry": audit.record("SAMPLE", actor=staff, obj=staff).pk,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("who", sorted(AUDIENCES_FOR))
def test_sweep_every_url_for_restricted_personas(
    who: str, client_for: Callable[[str], Client], sample: dict[str, Any]
) -> None:
    client = client_for(who)
    allowed = AUDIENCES_FOR[who]
    for name, audience in sorted(CLASSIFICATION.items()):
        if audience in allowed:
            continue
        url = _url(name, sample)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if who == "anonymous":
                assert response.status_code == 302, (name, method)
                assert response["Location"].startswith("/accounts/login/"), (name, method)
            else:
                assert response.status_code == 404, (who, name, method, response.status_code)
