"""Benchmarks for the audit trail, the write path every state change goes through.

Targets (2-core machine, SQLite or local PostgreSQL):
- appending an entry costs under 5 ms on average (chain lock + hash + insert);
- verifying the chain runs at over 5,000 entries a second;
- verification memory stays flat (entries are streamed, not loaded at once).
"""

from __future__ import annotations

import time
import tracemalloc

import pytest

from infohus.core import audit
from infohus.core.models import AuditEvent

pytestmark = [pytest.mark.bench, pytest.mark.django_db]
N = 5_000


def _write(n: int) -> float:
    start = time.perf_counter()
    for i in range(n):
        audit.record(
            "BENCH_EVENT",
            actor=None,
            object_type="bench.thing",
            object_id=str(i),
            changes={"status": ("old", "new"), "password": ("a", "b")},
        )
    return time.perf_counter() - start


def test_append_cost() -> None:
    elapsed = _write(N)
    per_entry_ms = elapsed / N * 1000
    print(f"\naudit append: {per_entry_ms:.2f} ms/entry over {N} entries")
    assert per_entry_ms < 5.0


def test_verification_speed_and_memory() -> None:
    _write(N)
    assert AuditEvent.objects.count() >= N
    start = time.perf_counter()
    assert audit.verify_chain() is None
    elapsed = time.perf_counter() - start
    # Memory in a second pass: tracemalloc slows Python down several times.
    tracemalloc.start()
    assert audit.verify_chain() is None
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rate = AuditEvent.objects.count() / elapsed
    print(f"\naudit verify: {rate:,.0f} entries/s, peak {peak / 1e6:.1f} MB")
    assert rate > 5_000
    assert peak < 50e6
