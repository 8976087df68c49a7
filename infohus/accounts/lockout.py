"""Account lockout after repeated failed logins (ASVS 6.3.1), recorded in the database.

A cache-based rate limit alone forgets on restart and differs between
workers; the lock is a fact about the account, so it lives on the account
and every change to it is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from infohus.accounts.models import User
from infohus.core import audit


@transaction.atomic
def register_failure(user: User, *, stage: str) -> None:
    """Count a failed password or second-factor attempt; lock the account at the threshold."""
    now = timezone.now()
    User.objects.filter(pk=user.pk).update(
        failed_login_count=F("failed_login_count") + 1,
        failures_since_login=F("failures_since_login") + 1,
        last_failure_at=now,
    )
    user.refresh_from_db(
        fields=["failed_login_count", "failures_since_login", "last_failure_at", "locked_until"]
    )
    audit.record("LOGIN_FAILED", actor=None, obj=user, details={"stage": stage}, outcome="failed")
    if user.failed_login_count >= settings.INFOHUS_LOCKOUT_THRESHOLD and not user.is_locked():
        user.locked_until = now + settings.INFOHUS_LOCKOUT_PERIOD
        user.save(update_fields=["locked_until"])
        audit.record(
            "ACCOUNT_LOCKED",
            actor=None,
            obj=user,
            details={"until": user.locked_until, "failures": user.failed_login_count},
        )


@transaction.atomic
def register_locked_attempt(user: User) -> None:
    audit.record("LOGIN_REFUSED_LOCKED", actor=None, obj=user, outcome="denied")


@transaction.atomic
def unlock_user(user: User, *, actor: User) -> None:
    """Lift a lock before it expires (a system administrator's action)."""
    before = user.locked_until
    user.locked_until = None
    user.failed_login_count = 0
    user.save(update_fields=["locked_until", "failed_login_count"])
    audit.record(
        "ACCOUNT_UNLOCKED", actor=actor, obj=user, changes={"locked_until": (before, None)}
    )
