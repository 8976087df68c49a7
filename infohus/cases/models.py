"""Screenings of concerns and the cases they become (issue 4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from infohus.cases.choices import (
    CaseStatus,
    ConsultationAnswer,
    ConversationOutcome,
    HandoverStatus,
    Responsibility,
    ScreeningOutcome,
    Severity,
)
from infohus.core.fields import EncryptedTextField
from infohus.disclosures.legal import LegalBasis, Regime
from infohus.disclosures.models import Disclosure
from infohus.intake.models import Concern
from infohus.organisations.models import Municipality, Organisation, PoliceDistrict
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
    # The next fixed follow-up (DOMAIN §3.6); overdue follow-ups need an explicit reason
    # before the case can be closed.
    next_follow_up_on = models.DateField(null=True, blank=True)

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


class CaseSeverityChange(models.Model):
    """A new position on the welfare ↔ security continuum, with its reason."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="severity_changes")
    from_severity = models.CharField(max_length=20, choices=Severity.choices)
    to_severity = models.CharField(max_length=20, choices=Severity.choices)
    reason = models.TextField()
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.from_severity} → {self.to_severity}"


class Handover(models.Model):
    """A change of who handles a case (DOMAIN §4): explicit, with a reason, a sender, a
    recipient organisation that accepts or declines, and the minimal packet of
    information that goes with it (a ``Disclosure`` with its legal basis). The case's
    responsibility changes only when the recipient accepts."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="handovers")
    from_responsibility = models.CharField(max_length=20, choices=Responsibility.choices)
    to_responsibility = models.CharField(max_length=20, choices=Responsibility.choices)
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    legal_basis = models.CharField(max_length=20, choices=LegalBasis.choices)
    disclosure = models.OneToOneField(Disclosure, on_delete=models.PROTECT, related_name="handover")
    status = models.CharField(
        max_length=20, choices=HandoverStatus.choices, default=HandoverStatus.PENDING
    )
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="pending"),
                name="handover_one_pending_per_case",
            ),
        ]
        indexes = [models.Index(fields=["to_organisation", "status"])]

    def __str__(self) -> str:
        return f"Overlevering #{self.pk}"

    def audit_label(self) -> str:
        return f"overlevering #{self.pk} ({self.case_id})"


class PetConsultation(models.Model):
    """A district asks PET whether it already handles a person or whether the district
    should (DOMAIN §3.3). PET answers can be slow: the request has a due date, the
    waiting time is visible and overdue requests are flagged."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="consultations")
    question = models.TextField()
    due_on = models.DateField(db_index=True)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    request_disclosure = models.OneToOneField(
        Disclosure, on_delete=models.PROTECT, related_name="consultation_request"
    )
    answer = models.CharField(max_length=20, choices=ConsultationAnswer.choices, blank=True)
    answer_note = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer_disclosure = models.OneToOneField(
        Disclosure,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consultation_answer",
    )

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"PET-forespørgsel #{self.pk}"

    def audit_label(self) -> str:
        return f"PET-forespørgsel #{self.pk} ({self.case_id})"

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)


class PreTrialDetention(models.Model):
    """A recorded period of pre-trial detention (varetægtsfængsling): no preventive
    conversations while it lasts (DOMAIN §5). Open-ended until an end date is set."""

    person = models.ForeignKey(
        FocusPerson, on_delete=models.PROTECT, related_name="pre_trial_detentions"
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="detentions", null=True, blank=True
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="detention_ends_after_start",
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"Varetægt {self.starts_on}–{self.ends_on or ''}"

    def audit_label(self) -> str:
        return f"varetægt #{self.pk}"


class ConcernConversation(models.Model):
    """A concern conversation (bekymringssamtale) held by the police (DOMAIN §3.5)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="conversations")
    held_on = models.DateField()
    participants = models.CharField(max_length=300)
    summary = EncryptedTextField(context="conversation")
    outcome = models.CharField(max_length=20, choices=ConversationOutcome.choices)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"Bekymringssamtale {self.held_on}"

    def audit_label(self) -> str:
        return f"bekymringssamtale #{self.pk}"
