"""Tokens for system integrations and the idempotency records of their POSTs."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from infohus.organisations.models import Membership

# How long a stored response answers a retried POST with the same Idempotency-Key (ADR 0008).
IDEMPOTENCY_TTL = timedelta(hours=24)


class ApiToken(models.Model):
    """A credential a system integration (the prison service's case system, the hotline's
    telephony system) presents to the API; it acts as one staff membership.

    Only a SHA-256 hash of the token is stored. The short ``prefix`` is the start of the
    token itself, so an operator can tell which token a log line or audit entry means.
    """

    name = models.CharField(max_length=100)
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(max_length=16, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def audit_label(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class IdempotencyRecord(models.Model):
    """The stored answer to one POST carrying an Idempotency-Key, replayed when the
    integration retries the same request, so a retry never registers a concern twice."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    # The exact bytes sent the first time (text, not JSON: PostgreSQL's jsonb would
    # reorder the keys, and a replay must be the same body byte for byte).
    response_body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="one_record_per_token_key"),
        ]

    def __str__(self) -> str:
        return f"{self.token_id}:{self.key}"

    def is_expired(self, now: datetime | None = None) -> bool:
        return self.created_at < (now or timezone.now()) - IDEMPOTENCY_TTL
