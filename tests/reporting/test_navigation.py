"""Which navigation item is the current page."""

from __future__ import annotations

import pytest

from infohus.reporting.navigation import NavItem, current_key

ITEMS = [
    NavItem("Forside", "/", "start"),
    NavItem("Organisationer", "/organisationer/", "organisations"),
    NavItem("Brugere", "/organisationer/brugere/", "users"),
    NavItem("Min konto", "/accounts/2fa/", "account", match="/accounts/"),
]


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/", "start"),
        ("/organisationer/", "organisations"),
        ("/organisationer/42/", "organisations"),
        ("/organisationer/brugere/7/", "users"),  # the longest prefix wins
        ("/accounts/password/change/", "account"),  # matched by its prefix, not its url
        ("/revision/", None),  # the start page is current only on itself
    ],
)
def test_current_key(path: str, key: str | None) -> None:
    assert current_key(ITEMS, path) == key
