"""Per-client rate limits in the Django cache, without any third-party service.

Fixed windows: a counter per client and window (``count`` events per ``seconds``),
created with ``cache.add`` and raised with ``cache.incr``, so concurrent requests
cannot both pass on the last free slot. The client's address is never stored as
such: the cache key holds a keyed hash of it (the production cache is a database
table, and an IP address is personal data).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.crypto import salted_hmac


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def _keys(scope: str, client: str, limits: Sequence[Limit], now: float) -> list[tuple[str, Limit]]:
    digest = salted_hmac("infohus.ratelimit", f"{scope}:{client}").hexdigest()[:32]
    return [
        (f"rl:{scope}:{digest}:{limit.seconds}:{int(now // limit.seconds)}", limit)
        for limit in limits
    ]


def is_limited(scope: str, client: str, limits: Sequence[Limit]) -> bool:
    """Whether ``client`` has used up any of ``limits`` in the current windows."""
    now = time.time()
    return any(
        int(cache.get(key, 0)) >= limit.count for key, limit in _keys(scope, client, limits, now)
    )


def record(scope: str, client: str, limits: Sequence[Limit]) -> None:
    """Count one event for ``client`` in every window."""
    now = time.time()
    for key, limit in _keys(scope, client, limits, now):
        # The window's remaining life plus a little: the key then expires by itself.
        timeout = int(limit.seconds - now % limit.seconds) + 1
        cache.add(key, 0, timeout)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: start the window again
            cache.set(key, 1, timeout)
