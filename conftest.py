"""Project-wide pytest fixtures: reference data once per session, personas on demand."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from infohus.accounts.models import User
from infohus.organisations.refdata import load_reference_data
from tests.personas import PERSONAS, login, make_persona


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Rate-limit counters and used-TOTP markers live in the cache: start each test clean."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _reset_language() -> Iterator[None]:
    """LocaleMiddleware leaves the request's language active in the test thread."""
    yield
    translation.deactivate()


@pytest.fixture
def persona(db: Any) -> Callable[[str], User]:
    """persona("coordinator") → that persona's user, created once per test."""
    made: dict[str, User] = {}

    def get(key: str) -> User:
        if key not in made:
            made[key] = make_persona(key)
        return made[key]

    return get


@pytest.fixture
def client_for(persona: Callable[[str], User]) -> Callable[[str], Client]:
    """client_for("auditor") → a test client logged in as that persona (or anonymous)."""

    def get(key: str) -> Client:
        client = Client()
        if key == "anonymous":
            return client
        return login(client, persona(key))

    return get


ALL_PERSONAS = [*PERSONAS, "anonymous"]
