"""Benchmark: the work queue and the start page with a busy district.

Target (2-core machine, SQLite or local PostgreSQL): with 600 concerns awaiting
screening and 600 open cases in the district, the work queue and the start page (which
counts every section) each answer in under 300 ms on average.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from infohus.accounts.models import User
from infohus.cases.actions import screen_concern
from tests.intake.test_inbox import make_concern

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
N = 600
ROUNDS = 10


def _mean_ms(client: Client, url: str) -> float:
    client.get(url)
    start = time.perf_counter()
    for _ in range(ROUNDS):
        assert client.get(url).status_code == 200
    return (time.perf_counter() - start) / ROUNDS * 1000


def test_work_queue_with_a_busy_district(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    coordinator = persona("coordinator")
    for i in range(N):
        make_concern("751")
        screen_concern(
            actor=coordinator,
            concern=make_concern(
                "751", cpr=f"{(i % 28) + 1:02d}{(i // 28) % 12 + 1:02d}80-{i:04d}"
            ),
            outcome="prevention",
            reason="Fiktiv.",
            participants=[],
        )
    client = client_for("coordinator")
    queue_ms = _mean_ms(client, reverse("cases:work_queue"))
    start_ms = _mean_ms(client, reverse("reporting:start"))
    print(f"\nwork queue: {queue_ms:.0f} ms, start page: {start_ms:.0f} ms ({N}+{N} rows)")
    assert queue_ms < 300
    assert start_ms < 300
