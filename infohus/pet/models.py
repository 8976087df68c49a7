"""PET's compartment: the exit programme's own records (DOMAIN §5).

Classified: never visible to police districts or municipalities, whatever their role.
What PET passes on goes through an explicit, minimal ``Disclosure`` to a district's
Infohus, never directly to a municipality. The compartment reaches the shared model in
three places — the focus person, the case a course belongs to and the triage concern a
referral came from — so that a deployment can later run it as a separate instance with
those as remote references (docs/architecture.md, "PET's compartment").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from infohus.cases.models import Case
from infohus.core.fields import EncryptedTextField
from infohus.intake.models import Concern
from infohus.persons.models import FocusPerson


class ExitCourseStatus(models.TextChoices):
    ACTIVE = "active", _("Aktivt forløb")
    PAUSED = "paused", _("Sat på pause")
    ENDED = "ended", _("Afsluttet")


class ExitCourse(models.Model):
    """One exit course (exitforløb) with a focus person; voluntary, run by a team of two
    or more; may pause and resume after long breaks."""

    person = models.ForeignKey(FocusPerson, on_delete=models.PROTECT, related_name="+")
    # The district case PET handles (jointly or alone), or none when the course came
    # straight from PET's own triage (an ``ExitReferral``).
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=ExitCourseStatus.choices, default=ExitCourseStatus.ACTIVE
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = models.TextField()
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"Exitforløb #{self.pk}"

    def audit_label(self) -> str:
        return f"exitforløb #{self.pk}"


class ExitReferral(models.Model):
    """PET's triage refers a concern's focus person to the exit programme (DOMAIN §5):
    the concern never reaches a district; the exit programme starts the course."""

    concern = models.OneToOneField(Concern, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(FocusPerson, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    referred_at = models.DateTimeField()
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    course = models.OneToOneField(
        ExitCourse, null=True, blank=True, on_delete=models.PROTECT, related_name="referral"
    )

    class Meta:
        ordering = ["referred_at", "id"]

    def __str__(self) -> str:
        return f"Henvisning #{self.pk}"

    def audit_label(self) -> str:
        return f"exithenvisning #{self.pk}"


class ExitNote(models.Model):
    """A note on an exit course; a conversation note carries the date it was held."""

    course = models.ForeignKey(ExitCourse, on_delete=models.PROTECT, related_name="notes")
    text = EncryptedTextField(context="exit-note")
    conversation_on = models.DateField(null=True, blank=True)
    written_at = models.DateTimeField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["written_at", "id"]

    def __str__(self) -> str:
        return f"Note #{self.pk}"

    def audit_label(self) -> str:
        return f"exitnote #{self.pk}"
