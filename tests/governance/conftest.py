"""Helpers for the audit-log tests: entries written through the real write path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from unittest import mock

import pytest

from infohus.core import audit
from infohus.core.models import AuditEvent


@contextmanager
def frozen_now(when: datetime) -> Iterator[None]:
    """Make audit.record() stamp entries with ``when``."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        yield


@pytest.fixture
def write_event(db: Any) -> Callable[..., AuditEvent]:
    """write_event(verb, **record kwargs) → a new entry; ``at=`` fixes its time."""

    def write(
        verb: str = "THING_CHANGED", *, at: datetime | None = None, **kwargs: Any
    ) -> AuditEvent:
        kwargs.setdefault("actor", None)
        if at is None:
            return audit.record(verb, **kwargs)
        with frozen_now(at):
            return audit.record(verb, **kwargs)

    return write
