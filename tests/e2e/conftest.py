"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright's sync API runs an event loop in the test thread, so Django's guard against
ORM calls from async code must be lifted for these tests. The live server needs a
transactional database, which is flushed after every test: each test loads the
reference data again before it creates its personas.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from infohus.organisations.refdata import load_reference_data

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("INFOHUS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# Set INFOHUS_E2E_SCREENSHOTS=/some/dir to keep screenshots of the pages the tests visit.
SCREENSHOTS = os.environ.get("INFOHUS_E2E_SCREENSHOTS")

# Reports every CSP violation to the test, on every page the context opens. Init scripts
# are injected by the browser itself, so the CSP does not apply to this one.
_REPORT_CSP = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__infohusReportCsp(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
    + ` at ${e.sourceFile || document.location.pathname}:${e.lineNumber}`);
});
"""


@dataclass
class BrowserProblems:
    """What went wrong in the browser while a test ran: console errors, uncaught
    exceptions and CSP violations."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.console_errors, *self.page_errors, *self.csp_violations]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (make chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _reference_data(live_server: Any) -> None:
    """The transactional database is flushed after each test; put the reference data back."""
    load_reference_data()


@pytest.fixture
def browser_problems() -> BrowserProblems:
    return BrowserProblems()


def _new_context(browser: Browser, problems: BrowserProblems, **options: Any) -> BrowserContext:
    context = browser.new_context(
        locale="da-DK", viewport={"width": 1280, "height": 900}, **options
    )
    context.expose_binding(
        "__infohusReportCsp", lambda _source, text: problems.csp_violations.append(str(text))
    )
    context.add_init_script(_REPORT_CSP)
    return context


def _watch(page: Page, problems: BrowserProblems) -> Page:
    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.console_errors.append(f"{message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    return page


@pytest.fixture
def context(browser: Browser, browser_problems: BrowserProblems) -> Iterator[BrowserContext]:
    """A Danish browser (Accept-Language da-DK) with the site's CSP enforced."""
    context = _new_context(browser, browser_problems)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, browser_problems: BrowserProblems) -> Page:
    return _watch(context.new_page(), browser_problems)


@pytest.fixture
def axe_page(browser: Browser, browser_problems: BrowserProblems) -> Iterator[Page]:
    """A page whose context ignores the CSP, so that axe-core can be injected into it."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    context = _new_context(browser, browser_problems, bypass_csp=True)
    yield _watch(context.new_page(), browser_problems)
    context.close()


@pytest.fixture
def axe_violations() -> Callable[[Page], list[dict[str, Any]]]:
    """axe_violations(page) → the serious and critical WCAG 2.1 A/AA violations on the page."""
    source = AXE.read_text(encoding="utf-8")

    def run(page: Page) -> list[dict[str, Any]]:
        page.add_script_tag(content=source)
        result: dict[str, Any] = page.evaluate(
            """async () => await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            })"""
        )
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]],
            }
            for v in result["violations"]
            if v["impact"] in {"serious", "critical"}
        ]

    return run


@pytest.fixture
def screenshot() -> Callable[[Page, str], None]:
    """screenshot(page, name): keep a full-page screenshot if INFOHUS_E2E_SCREENSHOTS is set."""

    def take(page: Page, name: str) -> None:
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)

    return take
