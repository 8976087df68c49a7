"""Session clocks: idle timeout and absolute lifetime (ASVS 7.3.1, 7.3.2)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

STARTED_KEY = "infohus_auth_started_at"
SEEN_KEY = "infohus_last_seen_at"
# Writing the session on every request is wasteful; a minute's resolution is enough.
TOUCH_INTERVAL_SECONDS = 60


def start_session_clock(request: HttpRequest) -> None:
    now = timezone.now().isoformat()
    request.session[STARTED_KEY] = now
    request.session[SEEN_KEY] = now


def expiry_reason(request: HttpRequest, now: datetime | None = None) -> str | None:
    """'idle' or 'lifetime' if the session has run out, else None."""
    now = now or timezone.now()
    started = request.session.get(STARTED_KEY)
    seen = request.session.get(SEEN_KEY)
    if not started or not seen:
        # A session without clocks was not made by our login: treat as expired.
        return "lifetime"
    if now - datetime.fromisoformat(started) > settings.INFOHUS_SESSION_LIFETIME:
        return "lifetime"
    if now - datetime.fromisoformat(seen) > settings.INFOHUS_IDLE_TIMEOUT:
        return "idle"
    return None


def touch(request: HttpRequest, now: datetime | None = None) -> None:
    now = now or timezone.now()
    seen = datetime.fromisoformat(request.session[SEEN_KEY])
    if (now - seen).total_seconds() >= TOUCH_INTERVAL_SECONDS:
        request.session[SEEN_KEY] = now.isoformat()
