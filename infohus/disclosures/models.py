"""Disclosures: each time information is made visible to another organisation."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models

from infohus.core.fields import EncryptedTextField
from infohus.disclosures.legal import DisclosureKind, LegalBasis, Regime
from infohus.organisations.models import Organisation, Unit
from infohus.persons.models import FocusPerson


class Disclosure(models.Model):
    """A record that information left one organisation for another: what, about whom,
    to whom, why and under which legal basis (issue 4 item 6; GDPR art. 30 and the
    law-enforcement act's logging duty). Written in the same transaction as the share,
    hand-over or notice that made the information visible; never changed afterwards
    except to note that the recipient's access was withdrawn."""

    kind = models.CharField(max_length=30, choices=DisclosureKind.choices)
    disclosed_at = models.DateTimeField(db_index=True)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="disclosures_sent"
    )
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="disclosures_received"
    )
    to_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures_received"
    )
    regime = models.CharField(max_length=20, choices=Regime.choices)
    legal_basis = models.CharField(max_length=20, choices=LegalBasis.choices)
    purpose = models.TextField()
    # The record disclosed (e.g. "intake.concern" #12, label B-2026-000012) and the items
    # of it that were shared: [{"code": "description", "label": "Bekymringen"}, …].
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=200)
    items = models.JSONField(default=list)
    # A snapshot of what the recipient was given, where the recipient cannot read the
    # source record (PET's compartment, a hand-over packet): {code: text}, encrypted.
    values = EncryptedTextField(context="disclosure")
    # Information exchanged for prevention (§ 115) may not be used in an investigation.
    prevention_only = models.BooleanField(default=False)
    persons = models.ManyToManyField(FocusPerson, blank=True, related_name="disclosures")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-disclosed_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"Videregivelse #{self.pk}"

    def audit_label(self) -> str:
        return f"videregivelse #{self.pk} ({self.object_label} → {self.to_organisation.slug})"

    @property
    def entries(self) -> list[tuple[str, str]]:
        """(label, disclosed text) for each item, in the order disclosed."""
        values: dict[str, str] = json.loads(self.values) if self.values else {}
        return [
            (str(item.get("label", item.get("code", ""))), values.get(str(item.get("code")), ""))
            for item in self.items
        ]

    @property
    def item_labels(self) -> list[str]:
        return [str(item.get("label", item.get("code", ""))) for item in self.items]
