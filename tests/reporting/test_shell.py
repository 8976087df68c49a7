"""The page shell (base.html): header, role switcher, navigation, language, footer, CSP."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations.roles import Role
from tests.personas import login, unit
from tests.reporting.pages import Page

pytestmark = pytest.mark.django_db


def get_page(client: Client, url: str, status: int = 200) -> Page:
    response = client.get(url)
    assert response.status_code == status, url
    return Page(response.content.decode())


def test_header_shows_who_and_in_which_role_and_a_logout_form(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("coordinator").get("/")
    html = response.content.decode()
    page = Page(html)
    assert "Test Tovholder Østjylland" in html
    assert "Infohus-tovholder, Infohus, Østjyllands Politi" in html
    logout_forms = page.find("form", action=reverse("account_logout"), method="post")
    assert logout_forms


def test_role_switcher_appears_only_with_other_memberships(
    persona: Callable[[str], User],
) -> None:
    user = persona("coordinator")
    client = login(Client(), user)
    switch_url = reverse("organisations:switch_membership")
    assert not get_page(client, "/").find("form", action=switch_url)

    second = actions.add_membership(
        actor=None,
        user=user,
        unit=unit("oestjyllands-politi", "forebyggelse"),
        role=Role.PREVENTION_OFFICER,
    )
    page = get_page(client, "/")
    assert page.find("form", action=switch_url, method="post")
    assert page.find("input", name="membership", value=str(second.pk))


def test_switching_role_changes_the_start_page(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    second = actions.add_membership(
        actor=None,
        user=user,
        unit=unit("oestjyllands-politi", "forebyggelse"),
        role=Role.PREVENTION_OFFICER,
    )
    client = login(Client(), user)
    assert "Som tovholder" in get_page(client, "/").text
    response = client.post(
        reverse("organisations:switch_membership"), {"membership": second.pk}, follow=True
    )
    assert "Som forebyggelsesmedarbejder" in Page(response.content.decode()).text


def test_navigation_marks_the_current_page(client_for: Callable[[str], Client]) -> None:
    client = client_for("coordinator")
    start = get_page(client, "/")
    current = [a for a in start.find("a", class_="nav-link") if a.get("aria-current") == "page"]
    assert {a["href"] for a in current} == {"/"}
    account = get_page(client, reverse("mfa_index"))
    current = [a for a in account.find("a", class_="nav-link") if a.get("aria-current") == "page"]
    assert {a["href"] for a in current} == {reverse("mfa_index")}


def test_language_forms_post_to_set_language_and_keep_the_page(
    client_for: Callable[[str], Client],
) -> None:
    page = get_page(client_for("coordinator"), reverse("mfa_index"))
    assert page.find("form", action=reverse("set_language"), method="post")
    assert page.find("input", name="language", value="en")
    assert page.find("input", name="next", value=reverse("mfa_index"))


def test_anonymous_pages_have_no_user_header_or_navigation() -> None:
    page = get_page(Client(), reverse("account_login"))
    assert not page.find("form", action=reverse("account_logout"))
    assert not page.find("nav", class_="nav")


@override_settings(INFOHUS_ALLOW_DEMO_DATA=True)
def test_demo_footer_when_demo_data_is_allowed() -> None:
    html = Client().get(reverse("account_login")).content.decode()
    assert "Infohus – demonstrationsudgave, alle data er fiktive" in html


@override_settings(INFOHUS_ALLOW_DEMO_DATA=False)
def test_no_demo_footer_in_production() -> None:
    html = Client().get(reverse("account_login")).content.decode()
    assert "demonstrationsudgave" not in html


def test_landmarks_skip_link_and_language(client_for: Callable[[str], Client]) -> None:
    page = get_page(client_for("coordinator"), "/")
    assert page.find("html", lang="da")
    assert page.find("a", class_="skipnav", href="#main-content")
    assert page.find("main", id="main-content")
    assert page.find("header")
    assert page.find("footer")
    labels = [n.get("aria-label") for n in page.find("nav")]
    assert all(labels) and len(set(labels)) == len(labels)


PAGES_BY_PERSONA = [
    ("anonymous", "/accounts/login/"),
    ("anonymous", "/accounts/password/reset/"),
    ("coordinator", "/"),
    ("coordinator", "/accounts/2fa/"),
    ("coordinator", "/accounts/password/change/"),
    ("coordinator", "/accounts/logout/"),
    ("auditor", "/"),
    ("system_admin", "/"),
]


@pytest.mark.parametrize(("key", "url"), PAGES_BY_PERSONA)
def test_pages_need_no_inline_script_or_style(
    key: str, url: str, client_for: Callable[[str], Client]
) -> None:
    """The CSP allows scripts and styles from our own files only (script-src/style-src 'self')."""
    response = client_for(key).get(url)
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    page = Page(response.content.decode())
    assert not page.find("style")
    for tag, attrs in page.elements:
        assert "style" not in attrs, (tag, attrs)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "script":
            assert attrs.get("src") or attrs.get("type") == "application/json", attrs


def test_htmx_is_configured_without_inline_styles_and_sends_the_csrf_token(
    client_for: Callable[[str], Client],
) -> None:
    page = get_page(client_for("coordinator"), "/")
    (meta,) = page.find("meta", name="htmx-config")
    assert '"includeIndicatorStyles":false' in str(meta["content"])
    (body,) = page.find("body")
    assert '"X-CSRFToken"' in str(body["hx-headers"])
    assert page.find("script", src="/static/vendor/htmx/htmx.min.js")
    assert page.find("script", src="/static/infohus/js/app.js")
