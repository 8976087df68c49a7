"""Calls to the national hotline against radicalisation (DOMAIN §7)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from infohus.core.fields import EncryptedTextField
from infohus.intake.choices import Ideology, Sector
from infohus.intake.models.concern import Concern
from infohus.organisations.models import Municipality


class CallerType(models.TextChoices):
    CITIZEN = "citizen", _("Borger")
    RELATIVE = "relative", _("Pårørende eller forælder")
    PROFESSIONAL = "professional", _("Fagperson")
    OTHER = "other", _("Andet")


class HotlineAdvice(models.TextChoices):
    """What the adviser mainly did; most calls get help to judge the concern (NCFE-2019)."""

    JUDGE_CONCERN = "judge_concern", _("Hjælp til at vurdere, om bekymringen er begrundet")
    REFERRAL = "referral", _("Henvisning")
    INFORMATION = "information", _("Information")
    OTHER = "other", _("Andet")


class HotlineCall(models.Model):
    """One call a hotline adviser took, registered for the hotline's statistics.

    The hotline advises and forwards; it does no case work (DOMAIN §6): a referred call
    becomes a concern in the Infohus of the municipality's district, which the adviser
    cannot open.
    """

    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hotline_calls"
    )
    called_at = models.DateTimeField(db_index=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    is_answered_immediately = models.BooleanField(default=True)
    caller_type = models.CharField(max_length=20, choices=CallerType.choices)
    caller_sector = models.CharField(max_length=20, choices=Sector.choices, blank=True, default="")
    is_anonymous = models.BooleanField(default=False)
    ideology = models.CharField(max_length=20, choices=Ideology.choices, default=Ideology.UNCLEAR)
    advice = models.CharField(max_length=20, choices=HotlineAdvice.choices)
    # The adviser's own words may name people: encrypted at rest.
    advice_notes = EncryptedTextField(context="hotline")
    is_referred = models.BooleanField(default=False)
    concern = models.OneToOneField(
        Concern, null=True, blank=True, on_delete=models.PROTECT, related_name="hotline_call"
    )
    # Where the focus person lives or, when that is unknown, the caller.
    municipality = models.ForeignKey(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_caller_municipality = models.BooleanField(default=False)

    class Meta:
        ordering = ["-called_at"]
        indexes = [models.Index(fields=["adviser", "called_at"])]
        constraints = [
            models.CheckConstraint(
                name="hotlinecall_referred_iff_concern",
                condition=Q(is_referred=True, concern__isnull=False)
                | Q(is_referred=False, concern__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Hotline-opkald #{self.pk}"

    def audit_label(self) -> str:
        return f"hotline-opkald #{self.pk}"
