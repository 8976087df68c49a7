"""Staff user accounts."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """A person who logs in to Infohus: police, municipal, PET, prison, hotline or NCFE staff.

    What a user may do comes from their memberships (organisations.Membership),
    never from Django's is_staff/is_superuser flags, which stay False.
    """

    full_name = models.CharField(max_length=200, blank=True)
    is_demo = models.BooleanField(
        default=False, help_text="Fictional demo account (never present in production)."
    )
    # Lockout after repeated failed logins (ASVS 6.3): consecutive failures and the lock.
    failed_login_count = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # Failures since the last successful login, shown to the user when they next log in.
    failures_since_login = models.PositiveIntegerField(default=0)
    last_failure_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def audit_label(self) -> str:
        return self.username

    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()
