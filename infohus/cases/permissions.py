"""Who may see and change cases.

In this first slice a case is the district's: its Infohus staff (coordinator,
prevention officers, EAE analysts) see the district's cases; the coordinator and the
prevention officers change them. Everyone else: 404. Hand-overs (municipality, PET)
extend this with the access each responsibility brings.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from infohus.cases.models import Case
from infohus.core.permissions import get_visible_or_404
from infohus.intake.models import Concern
from infohus.intake.permissions import DISTRICT_INTAKE_ROLES, concerns_visible_to
from infohus.organisations import permissions as org_perms
from infohus.organisations.roles import Role

CASE_MANAGER_ROLES = (Role.COORDINATOR, Role.PREVENTION_OFFICER)


def cases_visible_to(user: Any) -> models.QuerySet[Case]:
    if org_perms.has_role(user, *DISTRICT_INTAKE_ROLES):
        district = org_perms.district_id_of(user)
        if district is not None:
            return Case.objects.filter(district_id=district)
    return Case.objects.none()


def can_use_cases(user: Any) -> bool:
    return (
        org_perms.has_role(user, *DISTRICT_INTAKE_ROLES)
        and org_perms.district_id_of(user) is not None
    )


def can_manage_case(user: Any, case: Case) -> bool:
    return org_perms.has_role(
        user, *CASE_MANAGER_ROLES
    ) and case.district_id == org_perms.district_id_of(user)


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
