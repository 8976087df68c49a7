"""Focus persons: one record per person, whoever reported them and wherever."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from infohus.core.fields import EncryptedTextField
from infohus.organisations.models import Municipality


class Sex(models.TextChoices):
    FEMALE = "female", _("Kvinde")
    MALE = "male", _("Mand")
    OTHER = "other", _("Andet")
    UNKNOWN = "unknown", _("Ukendt")


class Residence(models.TextChoices):
    MUNICIPALITY = "municipality", _("Bor i en kommune")
    NO_FIXED_ADDRESS = "no_fixed_address", _("Uden fast bopæl")
    ABROAD = "abroad", _("Udrejst / i udlandet")
    UNKNOWN = "unknown", _("Ukendt")


class FocusPersonQuerySet(models.QuerySet["FocusPerson"]):
    def current(self) -> FocusPersonQuerySet:
        """Records not merged into another (merged ones survive for undo and history)."""
        return self.filter(merged_into__isnull=True)


class FocusPerson(models.Model):
    """A person a concern is about (fokusperson). Stored once, whatever the number of
    concerns, districts or sources: the CPR number is encrypted and found through a
    keyed blind index; without CPR, look-ups are fuzzy on name, birth date and municipality.
    """

    full_name = models.CharField(max_length=200, blank=True)
    cpr = EncryptedTextField(context="cpr")
    cpr_index = models.CharField(max_length=64, null=True, blank=True, unique=True)
    birth_date = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    citizenship = models.CharField(max_length=100, blank=True)
    address = EncryptedTextField(context="address")
    residence = models.CharField(
        max_length=20, choices=Residence.choices, default=Residence.UNKNOWN
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = FocusPersonQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="focusperson_municipality_iff_residence",
                condition=Q(residence="municipality", municipality__isnull=False)
                | (~Q(residence="municipality") & Q(municipality__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return f"Fokusperson #{self.pk}"

    def audit_label(self) -> str:
        # Never a name or CPR number in the audit trail's labels.
        return f"fokusperson #{self.pk}"


class PersonMergeQuerySet(models.QuerySet["PersonMerge"]):
    def active(self) -> PersonMergeQuerySet:
        return self.filter(undone_at__isnull=True)


class PersonMerge(models.Model):
    """The decision that two focus-person records are the same human being, and what the
    merge moved, so that it can be undone exactly.

    The links other apps hold to the merged record (concerns, later cases) are moved by
    those apps' own workflows (e.g. ``intake.merging``), which hand their snapshot to
    ``persons.actions.merge_persons`` to keep here; this app never imports them.
    """

    survivor = models.ForeignKey(
        FocusPerson, on_delete=models.PROTECT, related_name="merges_survived"
    )
    merged = models.ForeignKey(
        FocusPerson, on_delete=models.PROTECT, related_name="merges_absorbed"
    )
    reason = models.TextField()
    # What the survivor took over from the merged record (restored on undo).
    cpr_moved = models.BooleanField(default=False)
    birth_date_moved = models.BooleanField(default=False)
    survivor_birth_date_before = models.DateField(null=True, blank=True)
    # Rows of other apps that were re-pointed, keyed by model label; opaque to this app.
    links = models.JSONField(default=dict, blank=True)
    merged_at = models.DateTimeField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undo_reason = models.TextField(blank=True)

    objects = PersonMergeQuerySet.as_manager()

    class Meta:
        ordering = ["-merged_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="personmerge_not_into_itself", condition=~Q(survivor=models.F("merged"))
            ),
            models.UniqueConstraint(
                fields=["merged"],
                condition=Q(undone_at__isnull=True),
                name="personmerge_one_active_merge_per_merged_record",
            ),
        ]

    def __str__(self) -> str:
        return f"Sammenlægning #{self.pk}"

    def audit_label(self) -> str:
        return f"sammenlægning #{self.pk} (fokusperson #{self.merged_id} → #{self.survivor_id})"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
