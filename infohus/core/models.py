"""Core models: the audit trail. No domain models live here."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One entry in the append-only audit trail: who did what, to which record, when, from where and why.

    Entries are chained: ``entry_hash`` covers the entry's own content and the
    previous entry's hash, so changing or removing a row breaks the chain
    (``manage.py verify_audit_chain``). On PostgreSQL a trigger refuses UPDATE
    and DELETE outright (migration 0002).
    """

    class Outcome(models.TextChoices):
        OK = "ok", "ok"
        DENIED = "denied", "denied"
        FAILED = "failed", "failed"

    occurred_at = models.DateTimeField(db_index=True)
    verb = models.CharField(max_length=64, db_index=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.OK)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=True,
    )
    # Snapshots, so an entry stays readable whatever later happens to the user or membership.
    actor_label = models.CharField(max_length=200, blank=True)
    membership_id = models.BigIntegerField(null=True, blank=True)
    membership_label = models.CharField(max_length=300, blank=True)
    object_type = models.CharField(max_length=100, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_label = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    purpose = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=400, blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id", "occurred_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.verb} {self.object_type}:{self.object_id}"

    def hashed_content(self) -> dict[str, Any]:
        """The fields the entry hash covers (everything except the hashes and the row id)."""
        return {
            "occurred_at": self.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "verb": self.verb,
            "outcome": self.outcome,
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "membership_id": self.membership_id,
            "membership_label": self.membership_label,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_label": self.object_label,
            "changes": self.changes,
            "purpose": self.purpose,
            "ip_address": self.ip_address,
            "user_agent": self.user_agent,
            "request_id": self.request_id,
        }
