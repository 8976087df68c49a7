"""Organisation kinds, unit kinds and roles, and which role belongs in which kind of unit."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    POLICE_DISTRICT = "police_district", _("Politikreds")
    MUNICIPALITY = "municipality", _("Kommune")
    SECURITY_SERVICE = "security_service", _("PET")
    PRISON_SERVICE = "prison_service", _("Kriminalforsorgen")
    NATIONAL_CENTRE = "national_centre", _("NCFE")
    HOTLINE = "hotline", _("National hotline")
    OPERATOR = "operator", _("Infohus drift")


class UnitKind(models.TextChoices):
    INFOHUS = "infohus", _("Infohus")
    PREVENTION_UNIT = "prevention_unit", _("Forebyggelsesenhed")
    INTELLIGENCE_UNIT = "intelligence_unit", _("Efterretnings- og analyseenhed (EAE)")
    MUNICIPAL_CONTACT_UNIT = "municipal_contact_unit", _("Infohus-kontaktenhed")
    MUNICIPAL_SERVICES = "municipal_services", _("Social- og børneforvaltning")
    PET_PREVENTION_CENTRE = "pet_prevention_centre", _("Center for Forebyggelse")
    PET_TRIAGE = "pet_triage", _("Visitationscenter")
    PET_EXIT_PROGRAMME = "pet_exit_programme", _("Exitindsatsen")
    PRISON_LIAISON = "prison_liaison", _("Radikaliseringsenheden")
    HOTLINE = "hotline", _("Hotline-rådgivningen")
    NCFE_ADVISORY = "ncfe_advisory", _("Rådgivning")
    NCFE_ANALYSIS = "ncfe_analysis", _("Analyse og statistik")
    NCFE_CORPS = "ncfe_corps", _("Mentor- og forældrecoachkorps")
    SYSTEM_ADMINISTRATION = "system_administration", _("Systemadministration")
    AUDIT = "audit", _("Revision og tilsyn")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Infohus-tovholder")
    PREVENTION_OFFICER = "prevention_officer", _("Forebyggelsesmedarbejder")
    ANALYST = "analyst", _("Analytiker (EAE)")
    MUNICIPAL_CONTACT = "municipal_contact", _("Kommunal kontaktperson")
    MUNICIPAL_CASEWORKER = "municipal_caseworker", _("Kommunal sagsbehandler")
    PET_TRIAGE = "pet_triage", _("PET-visitator")
    PET_EXIT_WORKER = "pet_exit_worker", _("PET-exitmedarbejder")
    PRISON_LIAISON = "prison_liaison", _("Kontaktperson i Kriminalforsorgen")
    HOTLINE_ADVISER = "hotline_adviser", _("Hotline-rådgiver")
    NCFE_ADVISER = "ncfe_adviser", _("NCFE-rådgiver")
    NCFE_ANALYST = "ncfe_analyst", _("NCFE-analytiker")
    MENTOR = "mentor", _("Mentor/forældrecoach")
    CORPS_COORDINATOR = "corps_coordinator", _("Korpskoordinator")
    AUDITOR = "auditor", _("Revisor")
    SYSTEM_ADMIN = "system_admin", _("Systemadministrator")


# The kinds of unit each role may be held in. A coordinator sits in the Infohus unit
# or, as in several districts, in the prevention unit or EAE (POLICE-PET 3.1).
ROLE_UNIT_KINDS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        {UnitKind.INFOHUS, UnitKind.PREVENTION_UNIT, UnitKind.INTELLIGENCE_UNIT}
    ),
    Role.PREVENTION_OFFICER: frozenset({UnitKind.PREVENTION_UNIT, UnitKind.INFOHUS}),
    Role.ANALYST: frozenset({UnitKind.INTELLIGENCE_UNIT}),
    Role.MUNICIPAL_CONTACT: frozenset({UnitKind.MUNICIPAL_CONTACT_UNIT}),
    Role.MUNICIPAL_CASEWORKER: frozenset({UnitKind.MUNICIPAL_SERVICES}),
    Role.PET_TRIAGE: frozenset({UnitKind.PET_TRIAGE}),
    Role.PET_EXIT_WORKER: frozenset({UnitKind.PET_EXIT_PROGRAMME}),
    Role.PRISON_LIAISON: frozenset({UnitKind.PRISON_LIAISON}),
    Role.HOTLINE_ADVISER: frozenset({UnitKind.HOTLINE}),
    Role.NCFE_ADVISER: frozenset({UnitKind.NCFE_ADVISORY}),
    Role.NCFE_ANALYST: frozenset({UnitKind.NCFE_ANALYSIS}),
    Role.MENTOR: frozenset({UnitKind.MUNICIPAL_SERVICES}),
    Role.CORPS_COORDINATOR: frozenset({UnitKind.NCFE_CORPS}),
    Role.AUDITOR: frozenset({UnitKind.AUDIT}),
    Role.SYSTEM_ADMIN: frozenset({UnitKind.SYSTEM_ADMINISTRATION}),
}

# Roles that may be shown personal case data at all (subject to need-to-know per record).
# System administrators, auditors and NCFE analysts never are: they see accounts,
# the audit trail, or aggregates respectively.
CASE_DATA_ROLES: frozenset[str] = frozenset(
    {
        Role.COORDINATOR,
        Role.PREVENTION_OFFICER,
        Role.ANALYST,
        Role.MUNICIPAL_CONTACT,
        Role.MUNICIPAL_CASEWORKER,
        Role.PET_TRIAGE,
        Role.PET_EXIT_WORKER,
        Role.PRISON_LIAISON,
        Role.HOTLINE_ADVISER,
        Role.NCFE_ADVISER,
        Role.MENTOR,
        Role.CORPS_COORDINATOR,
    }
)
