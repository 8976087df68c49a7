"""Who may see and handle concerns.

A concern lives in a unit's inbox. The staff of the receiving district's
Infohus (coordinator, prevention officers, EAE analysts of that district) see
it; nobody else does in this issue. The hotline sees its own calls, never the
concerns they became; the prison service its own notices. Everyone else: 404.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from infohus.core.permissions import get_visible_or_404
from infohus.intake.models import Concern
from infohus.organisations import permissions as org_perms
from infohus.organisations.roles import Role

DISTRICT_INTAKE_ROLES = (Role.COORDINATOR, Role.PREVENTION_OFFICER, Role.ANALYST)


def concerns_visible_to(user: Any) -> models.QuerySet[Concern]:
    if org_perms.has_role(user, *DISTRICT_INTAKE_ROLES):
        district = org_perms.district_id_of(user)
        if district is not None:
            return Concern.objects.filter(district_id=district)
    return Concern.objects.none()


def can_assign_concern(user: Any, concern: Concern) -> bool:
    """Coordinators distribute their Infohus' inbox (DOMAIN §11: no single-person bottleneck)."""
    return org_perms.has_role(
        user, Role.COORDINATOR
    ) and concern.district_id == org_perms.district_id_of(user)


def get_concern_for_user(user: Any, pk: Any, *, for_write: bool = False) -> Concern:
    visible = concerns_visible_to(user).select_related(
        "municipality", "received_by", "district", "inbox_unit", "assigned_to"
    )
    concern: Concern = get_visible_or_404(visible, pk, actor=user, log_read=True)
    return concern
