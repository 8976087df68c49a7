"""Refusing automated submissions of the public form without third-party services:
honeypot, signed timestamp (too fast, too old, forged) and a per-client rate limit.
Every refusal stores nothing and keeps what was entered."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core import signing
from django.test import Client

from infohus.intake.models import Concern
from infohus.intake.public_forms import TOKEN_SALT
from tests.intake.test_public_form import FORM_URL, submit, valid_data

pytestmark = pytest.mark.django_db

KEPT_TEXT = "Min nabo deler videoer, der hylder terrorangreb (fiktivt eksempel).</textarea>"


def token_shown_at(moment: float) -> str:
    return signing.dumps({"at": moment}, salt=TOKEN_SALT)


def assert_refused_and_kept(response: Any, message: str) -> None:
    html = response.content.decode()
    assert message in html
    assert KEPT_TEXT in html
    assert 'value="Fiktiv Nabo"' in html
    assert not Concern.objects.exists()


def test_honeypot_filled_is_refused(client: Client) -> None:
    response = submit(client, website="https://spam.example")
    assert response.status_code == 200
    assert_refused_and_kept(response, "Formularen kunne ikke sendes. Prøv igen senere.")


def test_honeypot_is_not_offered_to_people(client: Client) -> None:
    html = client.get(FORM_URL).content.decode()
    start = html.index('<div class="public-hp" aria-hidden="true">')
    assert 'name="website"' in html[start : start + 400]
    assert 'tabindex="-1"' in html[start : start + 400]


def test_too_fast_is_refused_and_can_be_sent_again(client: Client) -> None:
    fresh = signing.dumps({"at": time.time()}, salt=TOKEN_SALT)
    response = submit(client, form_token=fresh)
    assert_refused_and_kept(
        response, "Formularen blev sendt meget hurtigt, efter at den blev vist."
    )
    # The page carries a new token; sent again a little later, the concern is stored.
    html = response.content.decode()
    start = html.index('name="form_token" value="') + len('name="form_token" value="')
    token = html[start : html.index('"', start)]
    assert token != fresh
    payload = signing.loads(token, salt=TOKEN_SALT)
    renewed = signing.dumps({"at": payload["at"] - 5}, salt=TOKEN_SALT)
    assert submit(client, form_token=renewed).status_code == 302
    assert Concern.objects.count() == 1


def test_minimum_time_is_a_setting(client: Client, settings: Any) -> None:
    settings.INFOHUS_PUBLIC_FORM_MIN_SECONDS = 0
    fresh = signing.dumps({"at": time.time()}, salt=TOKEN_SALT)
    assert submit(client, form_token=fresh).status_code == 302


def test_token_older_than_two_hours_is_refused(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = signing.dumps({"at": time.time()}, salt=TOKEN_SALT)
    later = time.time() + 2 * 60 * 60 + 5
    monkeypatch.setattr(time, "time", lambda: later)
    response = submit(client, form_token=token)
    assert_refused_and_kept(response, "Formularen har været åben i lang tid")


@pytest.mark.parametrize("token", ["", "forged", signing.dumps({"at": 0}, salt="other")])
def test_missing_or_forged_token_is_refused(client: Client, token: str) -> None:
    response = submit(client, form_token=token)
    assert_refused_and_kept(response, "Formularen kunne ikke sendes. Send den igen")


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> float:
    """A clock that stands still early in a ten-minute window, so no window ends mid-test."""
    now = 1_900_000_000.0 - 1_900_000_000.0 % 600 + 5
    monkeypatch.setattr(time, "time", lambda: now)
    return now


def test_rate_limit_five_in_ten_minutes_per_client(client: Client, frozen_clock: float) -> None:
    for _ in range(5):
        assert submit(client).status_code == 302
    response = submit(client, reporter_name="Sjette Forsøg")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Der er sendt for mange henvendelser fra din forbindelse" in html
    assert "114" in html
    assert KEPT_TEXT in html and 'value="Sjette Forsøg"' in html
    assert Concern.objects.count() == 5
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert other.post(FORM_URL, valid_data()).status_code == 302
    assert Concern.objects.count() == 6


def test_rate_limit_fifty_a_day(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    start = 1_900_000_000.0 - 1_900_000_000.0 % 86400 + 60  # early in a day window
    for i in range(50):
        now = start + i * 601  # a new ten-minute window each time
        monkeypatch.setattr(time, "time", lambda now=now: now)
        assert submit(client, form_token=token_shown_at(now - 30)).status_code == 302
    now = start + 50 * 601
    monkeypatch.setattr(time, "time", lambda: now)
    response = submit(client, form_token=token_shown_at(now - 30))
    assert response.status_code == 429
    assert Concern.objects.count() == 50


def test_refused_automated_attempts_count_towards_the_limit(
    client: Client, frozen_clock: float
) -> None:
    for _ in range(5):
        submit(client, website="spam")
    assert submit(client).status_code == 429
    assert not Concern.objects.exists()


def test_validation_errors_do_not_count_towards_the_limit(
    client: Client, frozen_clock: float
) -> None:
    for _ in range(8):
        assert submit(client, what="").status_code == 200
    assert submit(client).status_code == 302


def test_rate_limit_stores_no_ip_address_in_the_cache(client: Client) -> None:
    from django.core.cache import cache

    submit(client)
    keys = list(cache._cache.keys())  # type: ignore[attr-defined]  # LocMemCache in tests
    assert keys and not any("127.0.0.1" in str(key) for key in keys)
