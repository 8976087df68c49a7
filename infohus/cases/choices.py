"""The vocabulary of screening and cases (GLOSSARY.md names)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ScreeningOutcome(models.TextChoices):
    PREVENTION = "prevention", _("Forebyggelsessag")
    INVESTIGATION = "investigation", _("Efterforskningssag (uden for Infohus)")
    NO_ACTION = "no_action", _("Ingen videre handling")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("case status", "Modtaget")
    SCREENING = "screening", pgettext_lazy("case status", "Screening")
    QUALIFICATION = "qualification", pgettext_lazy("case status", "Kvalificering")
    ASSESSMENT = "assessment", pgettext_lazy("case status", "Vurdering")
    INTERVENTION = "intervention", pgettext_lazy("case status", "Indsats")
    FOLLOW_UP = "follow_up", pgettext_lazy("case status", "Opfølgning")
    ON_HOLD = "on_hold", pgettext_lazy("case status", "I bero")
    CLOSED = "closed", pgettext_lazy("case status", "Afsluttet")


OPEN_CASE_STATUSES = tuple(s for s in CaseStatus if s != CaseStatus.CLOSED)


class Severity(models.TextChoices):
    """The case's position on the welfare ↔ security continuum (DOMAIN §4); a human's
    judgement, recorded with a reason, never computed."""

    WELFARE = "welfare", _("Trivselssag")
    IN_BETWEEN = "in_between", _("Mellem trivsel og sikkerhed")
    SECURITY = "security", _("Væsentligt sikkerhedselement")


class Responsibility(models.TextChoices):
    MUNICIPALITY = "municipality", _("Kommunen alene")
    DISTRICT = "district", _("Politikredsens Infohus")
    JOINT_PET = "joint_pet", _("Politikreds og PET sammen (forebyggende sagsarbejde)")
    PET = "pet", _("PET alene (operativt sagsarbejde)")


class HandoverStatus(models.TextChoices):
    PENDING = "pending", _("Afventer modtagelse")
    ACCEPTED = "accepted", pgettext_lazy("handover status", "Accepteret")
    DECLINED = "declined", pgettext_lazy("handover status", "Afvist")
    CANCELLED = "cancelled", _("Trukket tilbage")


class ConsultationAnswer(models.TextChoices):
    """PET's answer to a district's question (DOMAIN §3.3)."""

    HANDLED_BY_PET = "handled_by_pet", _("PET håndterer allerede personen")
    DISTRICT_PROCEEDS = "district_proceeds", _("Politikredsen går videre med sagen")
    JOINT = "joint", _("Politikreds og PET sammen")


class ConversationOutcome(models.TextChoices):
    """The outcomes of a concern conversation (DOMAIN §3.5)."""

    NO_CONCERN = "no_concern", _("Ingen bekymring")
    TO_MUNICIPALITY = "to_municipality", _("Overgives til kommunen med viden om behov")
    FOLLOW_UP = "follow_up", _("Opfølgende samtale eller opgave")
    OTHER_EFFORT = "other_effort", _("Videre til anden politi- eller PET-indsats")
