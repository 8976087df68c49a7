"""Concerns (bekymringshenvendelser): the unit of intake, routed to a unit's inbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from infohus.core.fields import EncryptedTextField
from infohus.disclosures.legal import Regime
from infohus.intake.choices import Channel, ConcernStatus, Ideology, Sector, SourceType
from infohus.organisations.models import Municipality, PoliceDistrict, Unit
from infohus.persons.models import FocusPerson


class Concern(models.Model):
    """A report of concern about a person or a group, from any source, and where it now lies.

    Routed by the focus person's municipality to that police district's Infohus
    (``inbox_unit``) and, where relevant, the municipality's contact unit.
    """

    reference = models.CharField(max_length=20, unique=True)
    receipt_code = models.CharField(max_length=16, unique=True)
    source_type = models.CharField(max_length=20, choices=SourceType.choices)
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True, default="")
    channel = models.CharField(max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Reporter: may be anonymous; contact details are encrypted (protected sources).
    reporter_is_anonymous = models.BooleanField(default=False)
    reporter_name = EncryptedTextField(context="reporter")
    reporter_phone = EncryptedTextField(context="reporter")
    reporter_email = EncryptedTextField(context="reporter")
    reporter_organisation = models.CharField(max_length=200, blank=True)
    reporter_relation = models.CharField(max_length=200, blank=True)
    # The concern itself, in the reporter's words, structured by the interview guide.
    description = models.TextField()
    interview = models.JSONField(default=dict, blank=True)
    observed_on = models.CharField(max_length=200, blank=True)
    observed_where = models.CharField(max_length=300, blank=True)
    ideology = models.CharField(max_length=20, choices=Ideology.choices, default=Ideology.UNCLEAR)
    is_acute = models.BooleanField(default=False)
    group_description = models.TextField(blank=True)
    # Routing.
    district = models.ForeignKey(
        PoliceDistrict, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    inbox_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.RECEIVED
    )
    screening_due_on = models.DateField(null=True, blank=True)
    # The legal regime the concern was collected under (DOMAIN §6): a district's Infohus
    # under the law-enforcement act, PET's triage under the PET act. It stays with the
    # record when PET passes the concern on (that passing is a disclosure of its own).
    regime = models.CharField(max_length=20, choices=Regime.choices, default=Regime.LAW_ENFORCEMENT)
    subjects = models.ManyToManyField(FocusPerson, through="ConcernSubject", related_name="+")

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["inbox_unit", "status", "received_at"])]

    def __str__(self) -> str:
        return self.reference

    def audit_label(self) -> str:
        return self.reference


class ConcernSubject(models.Model):
    """A focus person a concern is about (a concern about a group may have several)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="subject_links")
    person = models.ForeignKey(FocusPerson, on_delete=models.PROTECT, related_name="concern_links")
    added_at = models.DateTimeField(auto_now_add=True)
    # The person as *this* concern's reporter described them. The shared person record may
    # hold what another district entered; a concern's page shows only its own account
    # (need to know: one district never learns another's data through the shared record).
    reported_name = models.CharField(max_length=200, blank=True)
    reported_birth_date = models.DateField(null=True, blank=True)
    reported_municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concern", "person"], name="one_link_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.concern_id} → {self.person_id}"
