"""Screenings of concerns and the cases they become (issue 4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from infohus.cases.choices import CaseStatus, Responsibility, ScreeningOutcome, Severity
from infohus.disclosures.legal import Regime
from infohus.intake.models import Concern
from infohus.organisations.models import Municipality, PoliceDistrict
from infohus.persons.models import FocusPerson


class Case(models.Model):
    """The handling of one focus person's concerns by one responsible authority (sag).

    One open case per person and district; every concern about the person that the
    district screens as a prevention case joins it. Status, severity and responsibility
    change only through audited actions with a reason (``cases.actions``).
    """

    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey(FocusPerson, on_delete=models.PROTECT, related_name="cases")
    district = models.ForeignKey(PoliceDistrict, on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.QUALIFICATION
    )
    severity = models.CharField(max_length=20, choices=Severity.choices, default=Severity.WELFARE)
    responsibility = models.CharField(
        max_length=20, choices=Responsibility.choices, default=Responsibility.DISTRICT
    )
    regime = models.CharField(max_length=20, choices=Regime.choices, default=Regime.LAW_ENFORCEMENT)
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "district"],
                condition=~Q(status="closed"),
                name="case_one_open_per_person_and_district",
            ),
        ]
        indexes = [models.Index(fields=["district", "status"])]

    def __str__(self) -> str:
        return self.reference

    def audit_label(self) -> str:
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED


class Screening(models.Model):
    """The first judgement of a concern inside the district (DOMAIN §3.2), ideally the
    prevention unit and EAE together: who took part, the outcome and why."""

    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="screening")
    outcome = models.CharField(max_length=20, choices=ScreeningOutcome.choices)
    reason = models.TextField()
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    # No further action: was the concern found obviously unfounded, and was the
    # municipality informed (it may be, DOMAIN §3.2)?
    unfounded = models.BooleanField(default=False)
    municipality_informed = models.BooleanField(default=False)
    # Unfounded concerns stay in statistics, but their personal data fall under a short
    # retention period set per deployment; the erasure itself is governance's job.
    personal_data_expires_on = models.DateField(null=True, blank=True)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="screenings"
    )
    screened_at = models.DateTimeField(db_index=True)
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-screened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="screening_case_iff_prevention",
                condition=(Q(outcome="prevention") & Q(case__isnull=False))
                | (~Q(outcome="prevention") & Q(case__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return f"Screening af {self.concern_id}"

    def audit_label(self) -> str:
        return f"screening #{self.pk}"


class CaseConcern(models.Model):
    """A concern grouped into a case (each concern in at most one case per person)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="concern_links")
    concern = models.ForeignKey(Concern, on_delete=models.PROTECT, related_name="case_links")
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "concern"], name="case_concern_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} ← {self.concern_id}"


class CaseStatusChange(models.Model):
    """One step of a case's status flow, with its reason."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    reason = models.TextField()
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_status} → {self.to_status}"
