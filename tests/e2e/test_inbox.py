"""A coordinator assigns a concern from the unit inbox to a colleague, in a real browser."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from infohus.intake.models import Concern
from tests.e2e.conftest import BrowserProblems
from tests.e2e.test_login import log_in
from tests.intake.test_inbox import make_concern, make_overdue
from tests.personas import make_persona

pytestmark = pytest.mark.e2e


def test_coordinator_assigns_a_concern_from_the_unit_inbox(
    page: Page,
    live_server: Any,
    browser_problems: BrowserProblems,
    screenshot: Callable[[Page, str], None],
) -> None:
    coordinator = make_persona("coordinator")
    analyst = make_persona("analyst")
    concern = make_overdue(make_concern(is_acute=True))

    log_in(page, live_server.url, coordinator)
    nav = page.get_by_role("navigation", name="Hovedmenu")
    nav.get_by_role("link", name="Indbakke (1)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Indbakke")
    row = page.get_by_role("row").filter(has_text=concern.reference)
    expect(row).to_contain_text("Ikke fordelt")
    expect(row).to_contain_text("Over fristen")
    expect(row).to_contain_text("AKUT")
    screenshot(page, "inbox")

    row.get_by_role("link", name=re.compile("^Fordel")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Fordel {concern.reference}")
    page.get_by_label("Fordel til").select_option(label=analyst.display_name())
    page.get_by_role("button", name="Fordel").click()

    expect(page).to_have_url(f"{live_server.url}/henvendelser/")
    expect(page.get_by_role("main")).to_contain_text(
        f"{concern.reference} er fordelt til Test Analytiker Østjylland."
    )
    row = page.get_by_role("row").filter(has_text=concern.reference)
    expect(row).to_contain_text("Test Analytiker Østjylland")
    expect(row).to_contain_text("Fordelt")
    concern.refresh_from_db()
    assert concern.assigned_to == analyst
    assert Concern.objects.get(pk=concern.pk).status == "assigned"

    row.get_by_role("link", name=concern.reference, exact=True).click()
    expect(page.get_by_role("main")).to_contain_text("Fordelt til Test Analytiker Østjylland")
    expect(page.get_by_role("alert")).to_contain_text("Akut fare: ring 112")
    assert browser_problems.all() == []
