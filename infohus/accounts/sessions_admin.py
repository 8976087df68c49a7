"""Ending a user's sessions server-side (deactivation, lockout by an administrator)."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.utils import timezone

from infohus.accounts.models import User


def end_sessions_of(user: User) -> int:
    """Delete every unexpired session that belongs to ``user``; return how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended
