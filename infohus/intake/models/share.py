"""A concern shared with a municipality's Infohus contact unit."""

from __future__ import annotations

from django.db import models

from infohus.disclosures.models import Disclosure
from infohus.intake.models.concern import Concern
from infohus.organisations.models import Unit


class ConcernShare(models.Model):
    """The district made (parts of) a concern visible to a municipal contact unit, "where
    relevant" (issue 3 item 6): which unit, and the disclosure that says what was shared,
    under which legal basis and why. The contact unit sees only the shared items, and
    only while the disclosure is not withdrawn."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="shares")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="concern_shares")
    disclosure = models.OneToOneField(
        Disclosure, on_delete=models.PROTECT, related_name="concern_share"
    )

    class Meta:
        ordering = ["-disclosure__disclosed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.concern_id} → {self.unit_id}"

    def audit_label(self) -> str:
        return f"deling af henvendelse #{self.concern_id}"

    @property
    def is_active(self) -> bool:
        return self.disclosure.withdrawn_at is None
