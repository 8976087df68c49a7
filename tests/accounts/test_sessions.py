"""Idle timeout and absolute session lifetime (ASVS 7.3)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.test import Client

from infohus.accounts.models import User
from infohus.accounts.sessions import SEEN_KEY, STARTED_KEY
from infohus.core.models import AuditEvent
from tests.personas import login

pytestmark = pytest.mark.django_db


def age_session(client: Client, *, seen_ago: timedelta, started_ago: timedelta) -> None:
    session = client.session
    now = datetime.now(tz=UTC)
    session[SEEN_KEY] = (now - seen_ago).isoformat()
    session[STARTED_KEY] = (now - started_ago).isoformat()
    session.save()


def test_active_session_is_kept(persona: Callable[[str], User]) -> None:
    client = login(Client(), persona("coordinator"))
    age_session(client, seen_ago=timedelta(minutes=29), started_ago=timedelta(hours=1))
    assert client.get("/").status_code == 200


def test_session_expires_after_idle_timeout(persona: Callable[[str], User]) -> None:
    user = persona("coordinator")
    client = login(Client(), user)
    idle = settings.INFOHUS_IDLE_TIMEOUT + timedelta(seconds=5)
    age_session(client, seen_ago=idle, started_ago=idle)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert AuditEvent.objects.filter(verb="SESSION_EXPIRED", actor=user).exists()
    # Logged out for good: the next request is anonymous too.
    assert client.get("/").status_code == 302
    assert client.get("/accounts/login/").wsgi_request.user.is_anonymous


def test_default_idle_timeout_is_thirty_minutes() -> None:
    assert timedelta(minutes=30) == settings.INFOHUS_IDLE_TIMEOUT


def test_session_expires_after_absolute_lifetime(persona: Callable[[str], User]) -> None:
    client = login(Client(), persona("coordinator"))
    age_session(
        client,
        seen_ago=timedelta(minutes=1),
        started_ago=settings.INFOHUS_SESSION_LIFETIME + timedelta(minutes=1),
    )
    assert client.get("/").status_code == 302


def test_htmx_request_on_expired_session_gets_hx_redirect(persona: Callable[[str], User]) -> None:
    client = login(Client(), persona("coordinator"))
    idle = settings.INFOHUS_IDLE_TIMEOUT + timedelta(minutes=1)
    age_session(client, seen_ago=idle, started_ago=idle)
    response = client.get("/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith("/accounts/login/")


def test_authenticated_pages_are_not_cached(persona: Callable[[str], User]) -> None:
    client = login(Client(), persona("coordinator"))
    response = client.get("/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
