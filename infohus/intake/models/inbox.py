"""The history of a unit inbox: who a concern was assigned to, where it was transferred,
and who stands in for an absent colleague."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from infohus.intake.models.concern import Concern
from infohus.organisations.models import PoliceDistrict, Unit


class InboxDeputy(models.Model):
    """A colleague who stands in for an absent user of a unit for a period (DOMAIN §11:
    absence must never block a concern): what is assigned to the absent user shows up
    in the deputy's "assigned to me" view from ``starts_on`` to ``ends_on``."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="inbox_deputies")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inbox_deputies"
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inbox_deputy_for"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="inboxdeputy_period_in_order", condition=Q(ends_on__gte=F("starts_on"))
            ),
            models.CheckConstraint(name="inboxdeputy_not_self", condition=~Q(deputy=F("user"))),
        ]

    def __str__(self) -> str:
        return f"{self.deputy_id} for {self.user_id} ({self.starts_on}–{self.ends_on})"

    def audit_label(self) -> str:
        return f"stedfortræder #{self.pk}"


class ConcernAssignment(models.Model):
    """One line in a concern's assignment history: who assigned it to whom (or took the
    assignment away), and when."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="assignments")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    previous_assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField()

    class Meta:
        ordering = ["assigned_at", "id"]

    def __str__(self) -> str:
        return f"{self.concern_id} → {self.assigned_to_id}"


class TransferKind(models.TextChoices):
    DISTRICT = "district", _("Overført til anden politikreds")
    PET_TO_DISTRICT = "pet_to_district", _("Sendt fra PET til politikreds")


class ConcernTransfer(models.Model):
    """A concern moved from one inbox to another district's Infohus: the person moved, or
    PET passed on a concern outside its target group. The old district keeps this line
    ("overført til X") but no longer sees the concern."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField(max_length=20, choices=TransferKind.choices)
    from_district = models.ForeignKey(
        PoliceDistrict, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    to_district = models.ForeignKey(PoliceDistrict, on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    transferred_at = models.DateTimeField()
    transferred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["transferred_at", "id"]

    def __str__(self) -> str:
        return f"{self.concern_id}: {self.from_unit_id} → {self.to_unit_id}"
