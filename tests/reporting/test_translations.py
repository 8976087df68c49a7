"""The English catalogue is complete, and the language a page is shown in follows the user."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.reporting.pages import Page

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    msgid: str = ""
    msgstrs: list[str] = field(default_factory=list)
    obsolete: bool = False


def read_catalogue(path: Path) -> list[Entry]:
    """The entries of a PO file (only what these tests need: flags, msgid, translations)."""
    entries: list[Entry] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = Entry()
        current: list[str] | None = None
        parts: dict[str, list[str]] = {}
        for line in block.splitlines():
            if line.startswith("#~"):
                entry.obsolete = True
            elif line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith(("msgid", "msgstr", "msgctxt")):
                keyword, _, literal = line.partition(" ")
                current = parts.setdefault(keyword, [])
                current.append(ast.literal_eval(literal))
            elif line.startswith('"') and current is not None:
                current.append(ast.literal_eval(line))
        if "msgid" not in parts:
            continue
        entry.msgid = "".join(parts["msgid"])
        entry.msgstrs = ["".join(v) for k, v in parts.items() if k.startswith("msgstr")]
        entries.append(entry)
    return entries


def test_english_catalogue_is_complete() -> None:
    entries = [e for e in read_catalogue(CATALOGUE) if not e.obsolete]
    assert len(entries) > 100
    untranslated = [e.msgid for e in entries if e.msgid and not all(e.msgstrs)]
    fuzzy = [e.msgid or "(header)" for e in entries if "fuzzy" in e.flags]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


def test_english_catalogue_is_compiled() -> None:
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists()
    with translation.override("en"):
        assert translation.gettext("Log ind i Infohus") == "Log in to Infohus"


@pytest.mark.django_db
def test_pages_are_danish_by_default() -> None:
    response = Client().get(reverse("account_login"))
    page = Page(response.content.decode())
    assert page.find("html", lang="da")
    assert "Log ind i Infohus" in page.text


@pytest.mark.django_db
def test_an_english_browser_still_gets_danish_until_the_user_switches() -> None:
    response = Client().get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en")
    page = Page(response.content.decode())
    assert page.find("html", lang="da")
    assert "Log ind i Infohus" in page.text


@pytest.mark.django_db
def test_the_chosen_language_shows_english() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = Page(client.get(reverse("account_login")).content.decode())
    assert page.find("html", lang="en")
    assert "Log in to Infohus" in page.text
    assert "After 5 failed attempts the account is locked for 15 minutes." in page.text


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_danish() -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    page = Page(client.get(reverse("account_login")).content.decode())
    assert page.find("html", lang="da")


@pytest.mark.django_db
def test_the_language_switch_sticks() -> None:
    client = Client()
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("account_login")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    page = Page(client.get(reverse("account_login")).content.decode())
    assert page.find("html", lang="en")
    assert "Log in to Infohus" in page.text
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    assert "Log ind i Infohus" in Page(client.get(reverse("account_login")).content.decode()).text


@pytest.mark.django_db
def test_start_page_in_english(client_for: Callable[[str], Client]) -> None:
    client = client_for("auditor")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    text = Page(client.get("/").content.decode()).text
    assert "Welcome, Test Revisor" in text
    assert "As auditor you check how Infohus is used" in text
    assert "Audit log" in text


def test_every_source_string_is_in_the_english_catalogue(tmp_path: Path) -> None:
    """Re-extract the strings from a scratch copy of the source: a new Danish string
    that nobody added to the English catalogue fails here, not in front of a user."""
    base = Path(settings.BASE_DIR)
    for name in ("config", "infohus", "templates", "locale"):
        shutil.copytree(base / name, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(base / "manage.py", tmp_path / "manage.py")
    env = {**os.environ, "INFOHUS_ENV": "test", "PYTHONPATH": str(tmp_path)}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        env=env,
        check=True,
    )
    fresh = read_catalogue(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")
    missing = [e.msgid for e in fresh if e.msgid and (not all(e.msgstrs) or "fuzzy" in e.flags)]
    assert not missing, f"run `make messages-update` and translate: {missing}"
