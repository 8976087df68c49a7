"""The public reporting form in a real browser: a citizen reports a concern in Danish and
gets a receipt code; it works without JavaScript; no CSP violations; no serious
accessibility faults."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from infohus.intake.models import Concern
from tests.e2e.conftest import BrowserProblems

pytestmark = pytest.mark.e2e

RECEIPT_CODE = re.compile(r"^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$")


@pytest.fixture(autouse=True)
def _no_minimum_time(settings: Any) -> None:
    """A browser fills the form faster than a person; the live server runs in this process,
    so the override applies to it (the check itself is tested in tests/intake)."""
    settings.INFOHUS_PUBLIC_FORM_MIN_SECONDS = 0


def fill_citizen_report(page: Page) -> None:
    page.get_by_label("Borger – fx nabo").check()
    page.get_by_label("Hvad er din relation til personen?").fill("Nabo")
    page.get_by_label("Nej – jeg vil være anonym").check()
    page.get_by_role("group", name="Er nogen i akut fare lige nu?").get_by_label("Nej").check()
    page.get_by_label("Hvad har du set eller hørt, som gør dig bekymret?").fill(
        "Min nabo deler videoer, der hylder terrorangreb (fiktivt eksempel)."
    )
    page.get_by_label("Hvornår skete det?").fill("Sidste uge")
    page.get_by_role("group", name=re.compile("adgang til våben")).get_by_label("Ved ikke").check()
    page.get_by_label("Højreekstremisme").check()
    page.get_by_label("Personens navn").fill("Fiktiv Fokusperson")
    page.get_by_label("Hvilken kommune bor personen i?").select_option(label="Aarhus")


def test_citizen_reports_a_concern_in_danish_and_gets_a_receipt_code(
    page: Page,
    live_server: Any,
    browser_problems: BrowserProblems,
    screenshot: Callable[[Page, str], None],
) -> None:
    page.goto(f"{live_server.url}/bekymring/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    first = page.get_by_role("main").locator(".alert").first
    expect(first).to_contain_text("Er nogen i akut fare? Ring 112.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Indberet en bekymring for ekstremisme"
    )
    expect(page.get_by_label("Lad dette felt være tomt")).to_be_hidden()
    screenshot(page, "public-form")

    # Sent empty: the error summary takes focus and links to the description.
    page.get_by_role("button", name="Send bekymringen").click()
    summary = page.locator("[data-module='error-summary']")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile("Hvad har du set"))).to_be_visible()
    assert not Concern.objects.exists()

    fill_citizen_report(page)
    page.get_by_role("button", name="Send bekymringen").click()

    expect(page).to_have_url(f"{live_server.url}/bekymring/kvittering/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tak – din bekymring er modtaget")
    code = page.locator("#receipt-code").inner_text().strip()
    assert RECEIPT_CODE.match(code)
    concern = Concern.objects.get()
    assert concern.receipt_code == code
    assert concern.inbox_unit is not None
    assert concern.inbox_unit.organisation.slug == "oestjyllands-politi"
    expect(page.get_by_role("main")).to_contain_text("Infohus i Østjyllands Politi")
    screenshot(page, "public-receipt")
    assert browser_problems.all() == []


def test_the_form_works_without_javascript(browser: Browser, live_server: Any) -> None:
    context = browser.new_context(locale="da-DK", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/bekymring/")
        fill_citizen_report(page)
        page.get_by_label("Personens CPR-nummer").fill("123")  # invalid: the page comes back
        page.get_by_role("button", name="Send bekymringen").click()
        expect(page.get_by_text("Der er fejl i formularen")).to_be_visible()
        expect(page.get_by_label("Personens navn")).to_have_value("Fiktiv Fokusperson")
        expect(page.get_by_label("Hvornår skete det?")).to_have_value("Sidste uge")
        page.get_by_label("Personens CPR-nummer").fill("")
        page.get_by_role("button", name="Send bekymringen").click()
        expect(page).to_have_url(f"{live_server.url}/bekymring/kvittering/")
        expect(page.locator("#receipt-code")).to_have_text(Concern.objects.get().receipt_code)
    finally:
        context.close()


def test_public_form_and_receipt_have_no_serious_accessibility_violations(
    axe_page: Page, live_server: Any, axe_violations: Callable[[Page], list[dict[str, Any]]]
) -> None:
    page = axe_page
    found: dict[str, list[dict[str, Any]]] = {}
    page.goto(f"{live_server.url}/bekymring/")
    found["form"] = axe_violations(page)
    page.get_by_role("button", name="Send bekymringen").click()
    expect(page.locator("[data-module='error-summary']")).to_be_visible()
    found["form with errors"] = axe_violations(page)
    fill_citizen_report(page)
    page.get_by_role("button", name="Send bekymringen").click()
    expect(page.locator("#receipt-code")).to_be_visible()
    found["receipt"] = axe_violations(page)
    assert {name: v for name, v in found.items() if v} == {}
