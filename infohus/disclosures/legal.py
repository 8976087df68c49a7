"""Legal regimes and legal bases: the vocabulary every disclosure is recorded in.

Three regimes meet in Infohus (DOMAIN §6): the municipality's processing under the GDPR
and the Data Protection Act, the police's prevention work on individuals under the
law-enforcement data act (retshåndhævelsesloven), and PET under its own act. Every
record knows the regime it was collected under; every disclosure to another
organisation names its legal basis. The list is deliberately short and closed: a basis
not on it is a question for the data-protection officer, not a free-text field.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Regime(models.TextChoices):
    MUNICIPAL = "municipal", _("Kommunal behandling (databeskyttelsesforordningen og -loven)")
    LAW_ENFORCEMENT = "law_enforcement", _("Politiets forebyggelse (retshåndhævelsesloven)")
    PET = "pet", _("PET (PET-loven)")


class LegalBasis(models.TextChoices):
    RPL_115 = "rpl_115", _("Retsplejelovens § 115 (kriminalitetsforebyggende samarbejde)")
    RPL_115A = "rpl_115a", _("Retsplejelovens § 115 a (kommunens forebyggende indsats)")
    SERVICE_ACT = "service_act", _("Serviceloven (fx underretning om et barn eller en ung)")
    CONSENT = "consent", _("Samtykke fra den registrerede")
    POLICE_TO_POLICE = (
        "police_to_police",
        _("Retshåndhævelsesloven (videregivelse mellem politimyndigheder)"),
    )
    PET_ACT = "pet_act", _("PET-loven (videregivelse fra PET til politiet)")
    PRISON_RELEASE = (
        "prison_release",
        _("Kriminalforsorgens underretning ved løsladelse (kun alvorlighedskategori)"),
    )
    PRISON_TO_PET = (
        "prison_to_pet",
        _("Kriminalforsorgens underretning af PET (bekymringsrapport)"),
    )
    INVESTIGATION = (
        "le_investigation",
        _("Retshåndhævelsesloven (behandling til efterforskningsformål)"),
    )


# Bases under which information may not be used for criminal investigation: what is
# exchanged for crime prevention under § 115 stays with prevention (DOMAIN §6).
PREVENTION_ONLY_BASES: frozenset[str] = frozenset({LegalBasis.RPL_115, LegalBasis.RPL_115A})


class DisclosureKind(models.TextChoices):
    CONCERN_SHARE = "concern_share", _("Deling af bekymringshenvendelse")
    HANDOVER = "handover", _("Sagsoverlevering")
    CASE_CONFERENCE = "case_conference", _("Materiale til Infohus Kommune")
    RELEASE_NOTICE = "release_notice", _("Underretning om løsladelse")
    PET_TO_DISTRICT = "pet_to_district", _("Oplysninger fra PET til politikreds")
    PET_CONSULTATION = "pet_consultation", _("Forespørgsel til PET")
    INVESTIGATION_HANDOUT = "investigation", _("Udlevering til efterforskning")
