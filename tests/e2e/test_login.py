"""Logging in through a real browser: Danish first, keyboard only, no CSP violations,
English on request, and no serious accessibility faults on the way."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations.roles import Role
from tests.e2e.conftest import BrowserProblems
from tests.personas import PASSWORD, current_totp, make_persona, totp_secret_for, unit

pytestmark = pytest.mark.e2e


@pytest.fixture
def coordinator() -> User:
    return make_persona("coordinator")


def code_for(user: User) -> str:
    """The user's current TOTP code, valid for a few seconds more: typing it into the
    browser takes longer than a test client's post."""
    return current_totp(totp_secret_for(user.username), valid_for=5)


def log_in(page: Page, base_url: str, user: User) -> None:
    """Username and password, then the TOTP code; ends on the start page."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(f"{base_url}/accounts/2fa/authenticate/")
    page.get_by_label("Kode").fill(code_for(user))
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(f"{base_url}/")


def test_coordinator_logs_in_with_password_and_code_and_lands_on_the_start_page(
    page: Page, live_server: Any, coordinator: User, screenshot: Callable[[Page, str], None]
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind i Infohus")
    expect(
        page.get_by_text("Efter 5 forkerte forsøg spærres kontoen i 15 minutter.")
    ).to_be_visible()
    screenshot(page, "login")

    log_in(page, live_server.url, coordinator)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Velkommen, Test Tovholder Østjylland"
    )
    main = page.get_by_role("main")
    expect(main).to_contain_text("Du arbejder som Infohus-tovholder i Infohus, Østjyllands Politi.")
    expect(main).to_contain_text("Som tovholder modtager du bekymringshenvendelser")
    banner = page.get_by_role("banner")
    expect(banner).to_contain_text("Test Tovholder Østjylland")
    expect(banner.get_by_role("button", name="Log af")).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Forside")
    ).to_have_attribute("aria-current", "page")
    screenshot(page, "start")


def test_login_mfa_and_start_pages_have_no_csp_violations_or_console_errors(
    page: Page, live_server: Any, coordinator: User, browser_problems: BrowserProblems
) -> None:
    log_in(page, live_server.url, coordinator)
    # Exercise the scripts: the language menu (DKFDS overflow menu) and an account page.
    page.get_by_role("button", name=re.compile("Dansk")).click()
    expect(page.get_by_role("button", name="English")).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Min konto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Totrinsbekræftelse")
    # DKFDS and our own script loaded and initialised (the "more" menu is DKFDS' work).
    assert page.evaluate(
        "() => typeof window.DKFDS === 'object' && typeof window.htmx === 'object'"
    )
    assert page.locator(".navigation-menu .more-option").count() == 1
    assert browser_problems.all() == []


def test_csp_is_enforced_in_the_browser(
    page: Page, live_server: Any, browser_problems: BrowserProblems
) -> None:
    """The violation listener works: an inline style set by script is blocked and reported."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.evaluate("() => document.body.setAttribute('style', 'color: red')")
    page.wait_for_timeout(200)
    assert any("style-src" in v for v in browser_problems.csp_violations)


def test_language_switch_to_english(page: Page, live_server: Any, coordinator: User) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name=re.compile("Dansk")).click()
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to Infohus")
    expect(
        page.get_by_text("After 5 failed attempts the account is locked for 15 minutes.")
    ).to_be_visible()

    page.get_by_label("Username").fill(coordinator.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(code_for(coordinator))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Test Tovholder Østjylland")
    expect(page.get_by_role("main")).to_contain_text("As coordinator you receive concerns")

    page.get_by_role("button", name=re.compile("English")).click()
    page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Velkommen, Test Tovholder Østjylland"
    )


def focus_by_tabbing(page: Page, element_id: str, *, limit: int = 25) -> None:
    """Press Tab until the element with ``element_id`` has focus; fail after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
    pytest.fail(f"#{element_id} was not reached with Tab")


def focus_outline(page: Page) -> str:
    style: str = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return `${s.outlineStyle} ${s.outlineWidth}`; }"
    )
    return style


def test_login_with_the_keyboard_only(page: Page, live_server: Any, coordinator: User) -> None:
    page.goto(f"{live_server.url}/accounts/login/")

    # The first Tab reaches the skip link, which becomes visible and jumps to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Gå til sidens indhold")
    expect(skip).to_be_focused()
    # DKFDS slides it into view (a 0.2 s transition).
    page.wait_for_function("() => document.activeElement.getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()

    # From the start of the content, the username is the first stop.
    page.keyboard.press("Tab")
    expect(page.locator("#id_login")).to_be_focused()
    assert not focus_outline(page).startswith("none")
    page.keyboard.type(coordinator.username)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    focus_by_tabbing(page, "id_code")
    page.keyboard.type(code_for(coordinator))
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")


def test_wrong_password_moves_focus_to_the_error_summary(
    page: Page, live_server: Any, coordinator: User
) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Brugernavn").fill(coordinator.username)
    page.get_by_label("Adgangskode").fill("forkert-adgangskode")
    page.keyboard.press("Enter")
    summary = page.locator("[data-module='error-summary']")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Der er fejl i formularen")


def test_mobile_menu_works_with_the_keyboard(
    page: Page, live_server: Any, coordinator: User, browser_problems: BrowserProblems
) -> None:
    log_in(page, live_server.url, coordinator)
    page.set_viewport_size({"width": 390, "height": 844})
    menu = page.get_by_role("button", name="Menu")
    menu.focus()
    page.keyboard.press("Enter")
    drawer = page.get_by_role("dialog", name="Menu")
    expect(drawer).to_be_visible()
    expect(drawer.get_by_role("link", name="Organisationer")).to_be_visible()
    expect(drawer.get_by_role("button", name="Log af")).to_be_visible()
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    assert browser_problems.all() == []


def test_no_serious_accessibility_violations(
    axe_page: Page,
    live_server: Any,
    coordinator: User,
    axe_violations: Callable[[Page], list[dict[str, Any]]],
) -> None:
    page = axe_page
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto(f"{live_server.url}/accounts/login/")
    found["login"] = axe_violations(page)
    page.get_by_label("Brugernavn").fill(coordinator.username)
    page.get_by_label("Adgangskode").fill("forkert-adgangskode")
    page.get_by_role("button", name="Log ind").click()
    found["login with errors"] = axe_violations(page)
    page.get_by_label("Brugernavn").fill(coordinator.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    found["second factor"] = axe_violations(page)
    page.get_by_label("Kode").fill(code_for(coordinator))
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(f"{live_server.url}/")
    found["start"] = axe_violations(page)
    page.goto(f"{live_server.url}/accounts/2fa/")
    found["account"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}


def test_totp_enrolment_page_is_accessible(
    axe_page: Page, live_server: Any, axe_violations: Callable[[Page], list[dict[str, Any]]]
) -> None:
    user = make_persona("coordinator", with_mfa=False)
    page = axe_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Brugernavn").fill(user.username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    expect(page.get_by_role("img", name=re.compile("QR-kode"))).to_be_visible()
    assert axe_violations(page) == []


def test_switch_role_from_the_header(
    page: Page, live_server: Any, coordinator: User, browser_problems: BrowserProblems
) -> None:
    actions.add_membership(
        actor=None,
        user=coordinator,
        unit=unit("oestjyllands-politi", "forebyggelse"),
        role=Role.PREVENTION_OFFICER,
    )
    log_in(page, live_server.url, coordinator)
    expect(page.get_by_role("main")).to_contain_text("Som tovholder")
    banner = page.get_by_role("banner")
    banner.get_by_role("button", name="Skift rolle").click()
    banner.get_by_role("button", name=re.compile("^Forebyggelsesmedarbejder")).click()
    expect(page.get_by_role("main")).to_contain_text(
        "Du arbejder som Forebyggelsesmedarbejder i Forebyggelsesenheden, Østjyllands Politi."
    )
    expect(banner).to_contain_text("Forebyggelsesmedarbejder, Forebyggelsesenheden")
    assert browser_problems.all() == []


def test_account_pages_have_no_csp_violations_or_console_errors(
    page: Page, live_server: Any, coordinator: User, browser_problems: BrowserProblems
) -> None:
    log_in(page, live_server.url, coordinator)
    page.goto(f"{live_server.url}/accounts/2fa/recovery-codes/generate/")
    expect(page).to_have_url(re.compile("/accounts/reauthenticate/"))
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Bekræft").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/recovery-codes/generate/")
    page.get_by_role("main").get_by_role("button").click()
    recovery_codes = page.get_by_label("Ubrugte koder")
    expect(recovery_codes).to_be_visible()
    recovery_codes.click()  # allauth's recovery-code script selects the codes on click
    for path in [
        "/accounts/2fa/webauthn/",
        "/accounts/2fa/webauthn/add/",
        "/accounts/password/change/",
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert browser_problems.all() == []
