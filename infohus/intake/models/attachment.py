"""Attachments (bilag) to concerns: the files that came with a report, encrypted at rest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise

from infohus.intake import attachment_types
from infohus.intake.models.concern import Concern

# Associated data bound to every attachment's ciphertext (core.crypto.encrypt_bytes).
ATTACHMENT_CRYPTO_CONTEXT = "attachment"


class ConcernAttachment(models.Model):
    """A file that came with a concern (a letter, a screenshot, a forwarded e-mail).

    The content lies encrypted (AES-GCM) in the database beside its concern, so the two
    commit in one transaction and a backup never holds the file in clear. A removed
    attachment keeps its row as history (who added and removed it, and why) but its
    content is wiped.
    """

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    # The type detected from the content (magic bytes), never the one the browser sent.
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    ciphertext = models.BinaryField(default=b"")
    description = models.CharField(max_length=500, blank=True)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="concernattachment_removed_has_who",
                condition=Q(removed_at__isnull=True) | Q(removed_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id}: bilag #{self.pk}"

    def audit_label(self) -> str:
        # Not the file name: it may name a person, and labels are shown in audit lists.
        return f"{self.concern.reference} bilag #{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def type_label(self) -> str | Promise:
        return attachment_types.label_of(self.content_type)
