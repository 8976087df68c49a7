"""Who may see and change cases, per audience and per responsibility.

A case belongs to the district that opened it; who else sees it follows from who
handles it (DOMAIN §4, §6). Three audiences, each with its own page and its own slice:

=====================  ==========================================================
audience               sees
=====================  ==========================================================
district Infohus       the whole case record (its own concerns, screenings, status,
                       hand-overs, PET consultations, conversations) and, from PET,
                       only what PET disclosed. Manages the case unless PET alone
                       handles it (then read-only: PET hands it back).
municipal contact      only once a hand-over has involved its municipality: the
                       hand-overs with the municipality and their packets; the status
                       while the municipality or the district handles the case. PET's
                       involvement is never shown (PET → municipality only through
                       the coordinator): joint cases read "Politikredsens Infohus",
                       PET-alone cases only "handled by the police" and the packets
                       the municipality already received for its own measures.
PET (triage, exit)     cases PET handles (jointly or alone) or has been asked about or
                       sent: the hand-overs, consultations and packets involving PET;
                       never the district's own notes.
=====================  ==========================================================

Everyone else, and every case outside these rules: 404, denial audited.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from infohus.cases.choices import HandoverStatus, Responsibility
from infohus.cases.models import Case, Handover
from infohus.core.permissions import get_visible_or_404
from infohus.intake.models import Concern
from infohus.intake.permissions import DISTRICT_INTAKE_ROLES, concerns_visible_to
from infohus.organisations import permissions as org_perms
from infohus.organisations.models import Organisation
from infohus.organisations.roles import OrganisationKind, Role

CASE_MANAGER_ROLES = (Role.COORDINATOR, Role.PREVENTION_OFFICER)
PET_CASE_ROLES = (Role.PET_TRIAGE, Role.PET_EXIT_WORKER)

DISTRICT = "district"
MUNICIPALITY = "municipality"
PET = "pet"


def pet_organisation() -> Organisation | None:
    return Organisation.national(OrganisationKind.SECURITY_SERVICE)


def audience_of(user: Any) -> str | None:
    if org_perms.has_role(user, *DISTRICT_INTAKE_ROLES):
        return DISTRICT if org_perms.district_id_of(user) is not None else None
    if org_perms.has_role(user, Role.MUNICIPAL_CONTACT):
        return MUNICIPALITY
    if org_perms.has_role(user, *PET_CASE_ROLES):
        return PET
    return None


def _involving(organisation: Organisation) -> Q:
    """Cases where a (not withdrawn) hand-over went to or came from the organisation."""
    return Q(
        pk__in=Handover.objects.exclude(status=HandoverStatus.CANCELLED)
        .filter(Q(to_organisation=organisation) | Q(from_organisation=organisation))
        .values("case_id")
    )


def cases_visible_to(user: Any) -> models.QuerySet[Case]:
    audience = audience_of(user)
    if audience == DISTRICT:
        return Case.objects.filter(district_id=org_perms.district_id_of(user))
    organisation = org_perms.organisation_of(user)
    if audience == MUNICIPALITY and organisation is not None and organisation.municipality_id:
        return Case.objects.filter(municipality_id=organisation.municipality_id).filter(
            Q(responsibility=Responsibility.MUNICIPALITY) | _involving(organisation)
        )
    if audience == PET and organisation is not None:
        return Case.objects.filter(
            Q(responsibility__in=(Responsibility.JOINT_PET, Responsibility.PET))
            | _involving(organisation)
            | Q(consultations__isnull=False)
        ).distinct()
    return Case.objects.none()


def can_use_cases(user: Any) -> bool:
    return audience_of(user) is not None


def can_manage_case(user: Any, case: Case) -> bool:
    """Change status, record conversations and detentions, ask PET: the district's
    coordinator and prevention officers, while PET does not handle the case alone."""
    return (
        org_perms.has_role(user, *CASE_MANAGER_ROLES)
        and case.district_id == org_perms.district_id_of(user)
        and case.responsibility != Responsibility.PET
    )


def can_start_exit_course(user: Any, case: Case) -> bool:
    """PET's exit programme starts courses on cases PET handles, jointly or alone (the
    course itself lives in PET's compartment, ``infohus.pet``)."""
    return org_perms.has_role(user, Role.PET_EXIT_WORKER) and case.responsibility in (
        Responsibility.JOINT_PET,
        Responsibility.PET,
    )


def can_screen_concern(user: Any, concern: Concern) -> bool:
    """The district's prevention unit and EAE screen together: any of its intake staff
    may record the screening (the participants are recorded with it)."""
    return (
        concern.district_id is not None and concerns_visible_to(user).filter(pk=concern.pk).exists()
    )


def get_case_for_user(user: Any, pk: Any) -> Case:
    visible = cases_visible_to(user).select_related("person", "district", "municipality")
    case: Case = get_visible_or_404(visible, pk, actor=user, log_read=True)
    return case
