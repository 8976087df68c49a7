"""The start page each role lands on: who you act as, what you can do now, what is coming."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from infohus.accounts.models import User
from infohus.organisations.roles import Role
from infohus.reporting.start_page import ROLE_INTRODUCTIONS
from tests.personas import PERSONAS, login
from tests.reporting.pages import Page

pytestmark = pytest.mark.django_db


def start_page(client: Client) -> Page:
    response = client.get(reverse("reporting:start"))
    assert response.status_code == 200
    return Page(response.content.decode())


def test_every_role_has_an_introduction() -> None:
    assert set(ROLE_INTRODUCTIONS) == set(Role.values)


def test_introductions_differ_between_roles() -> None:
    summaries = [str(intro.summary) for intro in ROLE_INTRODUCTIONS.values()]
    assert len(set(summaries)) == len(summaries)


@pytest.mark.parametrize("key", list(PERSONAS))
def test_start_page_names_the_user_role_unit_and_introduction(
    key: str, persona: Callable[[str], User]
) -> None:
    user = persona(key)
    membership = user.memberships.get()
    page = start_page(login(Client(), user))
    assert user.display_name() in page.text
    assert str(Role(membership.role).label) in page.text
    assert membership.unit.name in page.text
    assert " ".join(str(ROLE_INTRODUCTIONS[membership.role].summary).split()) in page.text


def test_auditor_gets_the_audit_log_and_not_the_directory(
    client_for: Callable[[str], Client],
) -> None:
    page = start_page(client_for("auditor"))
    assert reverse("governance:audit_log") in page.main_links
    assert reverse("organisations:directory") not in page.main_links
    assert "Organisationer" not in page.text


def test_system_admin_gets_user_administration(client_for: Callable[[str], Client]) -> None:
    page = start_page(client_for("system_admin"))
    assert "Brugere" in page.text
    assert reverse("organisations:user_list") in page.main_links
    assert reverse("governance:audit_log") not in page.main_links


def test_coordinator_is_told_what_is_coming_without_links(
    client_for: Callable[[str], Client],
) -> None:
    page = start_page(client_for("coordinator"))
    assert "Kommer snart" in page.text
    assert "Sager, screening og alvorlighedsvurdering" in page.text
    assert reverse("organisations:user_list") not in page.main_links


@pytest.mark.parametrize("key", ["coordinator", "auditor", "system_admin", "ncfe_analyst"])
def test_every_link_on_the_start_page_works(key: str, client_for: Callable[[str], Client]) -> None:
    client = client_for(key)
    page = start_page(client)
    assert page.main_links
    for url in page.main_links:
        assert client.get(url).status_code == 200, url


def test_start_pages_of_two_roles_differ(client_for: Callable[[str], Client]) -> None:
    assert start_page(client_for("auditor")).text != start_page(client_for("mentor")).text
