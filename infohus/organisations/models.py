"""Reference geography, organisations, their units, and users' memberships (roles)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from infohus.organisations.roles import ROLE_UNIT_KINDS, OrganisationKind, Role, UnitKind


class EastWest(models.TextChoices):
    EAST = "east", _("Østdanmark")
    WEST = "west", _("Vestdanmark")


class CityCountry(models.TextChoices):
    CITY = "city", _("By")
    COUNTRY = "country", _("Land")


class Region(models.Model):
    """One of Denmark's five regions."""

    code = models.CharField(max_length=4, unique=True)
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class PoliceDistrict(models.Model):
    """One of the 12 mainland police districts (politikredse); each runs an Infohus."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=100, unique=True)
    dagi_code = models.CharField(max_length=4, unique=True)
    east_west = models.CharField(max_length=4, choices=EastWest.choices)
    city_or_country = models.CharField(max_length=7, choices=CityCountry.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """One of the 98 municipalities (kommuner), in exactly one region and one police district."""

    code = models.CharField(max_length=3, unique=True, help_text="Official 3-digit kommunekode.")
    name = models.CharField(max_length=100, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    police_district = models.ForeignKey(
        PoliceDistrict, on_delete=models.PROTECT, related_name="municipalities"
    )
    east_west = models.CharField(max_length=4, choices=EastWest.choices)
    city_or_country = models.CharField(max_length=7, choices=CityCountry.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "municipalities"

    def __str__(self) -> str:
        return f"{self.name} Kommune"


class Organisation(models.Model):
    """An authority that takes part: a police district, a municipality, PET, the prison
    service, NCFE, the national hotline, or the operator of Infohus itself."""

    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=150)
    police_district = models.OneToOneField(
        PoliceDistrict, null=True, blank=True, on_delete=models.PROTECT, related_name="organisation"
    )
    municipality = models.OneToOneField(
        Municipality, null=True, blank=True, on_delete=models.PROTECT, related_name="organisation"
    )

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                name="organisation_district_iff_kind",
                condition=Q(kind=OrganisationKind.POLICE_DISTRICT, police_district__isnull=False)
                | (~Q(kind=OrganisationKind.POLICE_DISTRICT) & Q(police_district__isnull=True)),
            ),
            models.CheckConstraint(
                name="organisation_municipality_iff_kind",
                condition=Q(kind=OrganisationKind.MUNICIPALITY, municipality__isnull=False)
                | (~Q(kind=OrganisationKind.MUNICIPALITY) & Q(municipality__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_label(self) -> str:
        return self.slug

    @classmethod
    def national(cls, kind: str) -> Organisation | None:
        """The one organisation of a national kind (PET, the prison service, NCFE, …),
        if the deployment has it."""
        return cls.objects.filter(kind=kind).first()

    @property
    def home_district_id(self) -> int | None:
        """The police district whose Infohus this organisation belongs to, if any."""
        if self.police_district_id is not None:
            return self.police_district_id
        if self.municipality is not None:
            return self.municipality.police_district_id
        return None


class Unit(models.Model):
    """A unit inside an organisation: the Infohus, a prevention unit, EAE, a municipal
    contact unit, PET's exit programme … Inboxes and memberships belong to units."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="units")
    kind = models.CharField(max_length=30, choices=UnitKind.choices)
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=150)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "slug"], name="unit_slug_per_org"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation.name}"

    def audit_label(self) -> str:
        return f"{self.organisation.slug}/{self.slug}"


class Membership(models.Model):
    """A user's role in a unit. A user may hold several; one is active per session,
    and every access and audit entry names the membership that was used."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=Q(is_active=True),
                name="one_active_membership_per_user_unit_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.unit}"

    def audit_label(self) -> str:
        return f"{self.role}@{self.unit.audit_label()}"

    def clean(self) -> None:
        allowed = ROLE_UNIT_KINDS.get(self.role, frozenset())
        if self.unit_id is not None and self.unit.kind not in allowed:
            raise ValidationError(
                {
                    "role": _(
                        "Rollen %(role)s kan ikke have en plads i en enhed af typen %(kind)s."
                    )
                    % {"role": Role(self.role).label, "kind": UnitKind(self.unit.kind).label}
                }
            )

    @property
    def organisation(self) -> Organisation:
        return self.unit.organisation
