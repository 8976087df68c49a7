"""A district hands a case to the municipality and the municipality accepts it, in a real
browser; the case pages and forms pass axe's WCAG 2.1 AA checks on the way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from infohus.cases.actions import screen_concern
from infohus.cases.models import Case
from tests.e2e.conftest import BrowserProblems, _new_context, _watch
from tests.e2e.test_login import log_in
from tests.intake.test_inbox import make_concern
from tests.personas import make_persona

pytestmark = pytest.mark.e2e


def test_hand_over_to_the_municipality_and_accept(
    axe_page: Page,
    browser: Browser,
    live_server: Any,
    browser_problems: BrowserProblems,
    axe_violations: Callable[[Page], list[dict[str, Any]]],
    screenshot: Callable[[Page, str], None],
) -> None:
    coordinator = make_persona("coordinator")
    contact = make_persona("municipal_contact")
    screening = screen_concern(
        actor=coordinator,
        concern=make_concern("751", cpr="010190-1234"),
        outcome="prevention",
        reason="Fiktiv begrundelse.",
        participants=[],
    )
    case = screening.case
    assert case is not None
    found: dict[str, list[dict[str, Any]]] = {}

    page = axe_page
    log_in(page, live_server.url, coordinator)
    page.goto(f"{live_server.url}/sager/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Sag {case.reference}")
    found["case page"] = axe_violations(page)
    page.get_by_role("link", name="Overdrag sag").click()
    found["hand-over form"] = axe_violations(page)
    # A missing reason is refused with a message; the choices already made stay.
    page.get_by_label("Kommunen alene").check()
    page.get_by_label("Retsgrundlag for videregivelsen").select_option("rpl_115")
    page.get_by_role("button", name="Overdrag sag").click()
    expect(page.get_by_role("main")).to_contain_text("Dette felt er påkrævet")
    expect(page.get_by_label("Kommunen alene")).to_be_checked()
    found["hand-over form with errors"] = axe_violations(page)
    page.get_by_label("Personens navn og fødselsdato").check()
    page.get_by_label("Resumé til modtageren").fill("Familien ønsker støtte (fiktivt).")
    page.get_by_label("Begrundelse", exact=True).fill("Kommunens indsats (fiktivt).")
    page.get_by_role("button", name="Overdrag sag").click()
    expect(page.get_by_role("main")).to_contain_text("afventer modtagerens accept")
    screenshot(page, "case-after-handover")

    context = _new_context(browser, browser_problems, bypass_csp=True)
    other = _watch(context.new_page(), browser_problems)
    log_in(other, live_server.url, contact)
    other.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Arbejdsliste"
    ).click()
    found["work queue"] = axe_violations(other)
    queue = other.get_by_role("region", name="Overleveringer der venter på accept")
    queue.get_by_role("link", name=case.reference).click()
    expect(other.get_by_role("main")).to_contain_text("Familien ønsker støtte (fiktivt).")
    other.get_by_role("link", name="Modtag overlevering").click()
    found["decide"] = axe_violations(other)
    other.get_by_role("button", name="Acceptér og overtag").click()
    expect(other.get_by_role("main")).to_contain_text("Du har overtaget sagen.")
    expect(other.get_by_role("main")).to_contain_text("Kommunen")
    found["municipal case page"] = axe_violations(other)
    screenshot(other, "municipal-case")
    context.close()

    case = Case.objects.get(pk=case.pk)
    assert case.responsibility == "municipality" and case.status == "on_hold"
    assert {name: v for name, v in found.items() if v} == {}
    assert browser_problems.all() == []
