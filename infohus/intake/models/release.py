"""Release notices from the prison service (Kriminalforsorgen) and the alerts they raise."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from infohus.core.fields import EncryptedTextField
from infohus.organisations.models import Municipality, PoliceDistrict, Unit
from infohus.persons.models import FocusPerson


class SeverityCategory(models.TextChoices):
    """The prison service's severity category: the only part of the concern report the
    police district may be told (POLICE-PET 3.2.1, 3.6)."""

    CATEGORY_1 = "1", _("Kategori 1 – lav")
    CATEGORY_2 = "2", _("Kategori 2 – middel")
    CATEGORY_3 = "3", _("Kategori 3 – høj")


class AlertParty(models.TextChoices):
    """Who must acknowledge a release notice: the district's Infohus and PET, both."""

    DISTRICT = "district", _("Politikredsens Infohus")
    PET = "pet", _("PET")


class ReleaseNotice(models.Model):
    """The prison service's notice that a person with a concern report is to be released.

    The district's Infohus gets the release date, institution and severity category;
    PET gets the full notice with the report's content (DOMAIN §1, §6). Both get it at
    once and each acknowledges it.
    """

    person = models.ForeignKey(
        FocusPerson, on_delete=models.PROTECT, related_name="release_notices"
    )
    release_on = models.DateField(db_index=True)
    institution = models.CharField(max_length=200)
    severity_category = models.CharField(max_length=2, choices=SeverityCategory.choices)
    # The concern report: PET only, never the district. Encrypted at rest.
    report_content = EncryptedTextField(context="release_report")
    registered_at = models.DateTimeField()
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Registered after the release date: stored, since it is a fact about the registration.
    is_late = models.BooleanField(default=False)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(PoliceDistrict, on_delete=models.PROTECT, related_name="+")
    inbox_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    district_acknowledged_at = models.DateTimeField(null=True, blank=True)
    district_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pet_acknowledged_at = models.DateTimeField(null=True, blank=True)
    pet_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["release_on", "pk"]
        indexes = [models.Index(fields=["district", "release_on"])]
        constraints = [
            models.CheckConstraint(
                name="releasenotice_district_ack_complete",
                condition=Q(district_acknowledged_at__isnull=True, district_acknowledged_by=None)
                | Q(district_acknowledged_at__isnull=False, district_acknowledged_by__isnull=False),
            ),
            models.CheckConstraint(
                name="releasenotice_pet_ack_complete",
                condition=Q(pet_acknowledged_at__isnull=True, pet_acknowledged_by=None)
                | Q(pet_acknowledged_at__isnull=False, pet_acknowledged_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Løsladelse #{self.pk}"

    def audit_label(self) -> str:
        # Never a name in the audit trail's labels.
        return f"løsladelse #{self.pk}"

    def is_acknowledged_by(self, party: str) -> bool:
        if party == AlertParty.DISTRICT:
            return self.district_acknowledged_at is not None
        return self.pet_acknowledged_at is not None


class ReleaseAlert(models.Model):
    """A warning that a release is near and one party has not acknowledged the notice.

    Raised by the daily ``release_alerts`` job, at most once per notice, party and day;
    resolved when that party acknowledges.
    """

    notice = models.ForeignKey(ReleaseNotice, on_delete=models.CASCADE, related_name="alerts")
    raised_for = models.CharField(max_length=10, choices=AlertParty.choices)
    raised_on = models.DateField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["notice__release_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "raised_for", "raised_on"], name="one_release_alert_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notice_id}/{self.raised_for}/{self.raised_on}"

    def audit_label(self) -> str:
        return f"løsladelsesadvarsel #{self.pk}"
