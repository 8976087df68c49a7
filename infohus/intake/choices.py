"""Choices for intake: sources, channels, ideology as described by the reporter, statuses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceType(models.TextChoices):
    CITIZEN = "citizen", _("Borger")
    RELATIVE = "relative", _("Pårørende")
    PROFESSIONAL = "professional", _("Fagperson")
    POLICE_COLLEAGUE = "police_colleague", _("Politikollega")
    OTHER_DISTRICT = "other_district", _("Anden politikreds")
    PET = "pet", _("PET")
    PRISON_SERVICE = "prison_service", _("Kriminalforsorgen")
    HOTLINE = "hotline", _("National hotline")
    OTHER = "other", _("Andet")


class Sector(models.TextChoices):
    """The reporter's sector when the source is a professional (POLICE-PET 3.2)."""

    NONE = "", _("—")
    SCHOOL = "school", _("Skole, uddannelse eller fritidstilbud")
    SOCIAL = "social", _("Kommunal socialforvaltning")
    EMPLOYMENT = "employment", _("Jobcenter")
    ASYLUM = "asylum", _("Asylcenter")
    PSYCHIATRY = "psychiatry", _("Psykiatri eller sundhed")
    POLICE = "police", _("Politi")
    PRISON = "prison", _("Kriminalforsorg")
    OTHER = "other", _("Andet")


class Channel(models.TextChoices):
    PUBLIC_FORM = "public_form", _("Offentlig webformular")
    STAFF_FORM = "staff_form", _("Registreret af medarbejder")
    PHONE = "phone", _("Telefon")
    EMAIL = "email", _("E-mail")
    FUNCTION_MAILBOX = "function_mailbox", _("Funktionspostkasse")
    POLICE_SYSTEM = "police_system", _("Politiets anmeldelsessystem")
    API = "api", _("Integration (API)")


class Ideology(models.TextChoices):
    """The milieu or ideology *as the reporter describes it* — never a system judgement."""

    ISLAMISM = "islamism", _("Ekstrem islamisme")
    RIGHT_WING = "right_wing", _("Højreekstremisme")
    LEFT_WING = "left_wing", _("Venstreekstremisme")
    OTHER = "other", _("Andet")
    UNCLEAR = "unclear", _("Uklart")


class ConcernStatus(models.TextChoices):
    RECEIVED = "received", _("Modtaget")
    ASSIGNED = "assigned", _("Fordelt")
    TRANSFERRED = "transferred", _("Overført til anden kreds")
    SCREENED = "screened", _("Screenet")
    CLOSED = "closed", _("Afsluttet")
