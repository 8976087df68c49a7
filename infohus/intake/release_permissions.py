"""Who may see and acknowledge release notices, and who may read the report's content.

The prison service tells the police district only the severity category; the
concern report itself goes to PET alone (POLICE-PET 3.2.1, 3.6; DOMAIN §6). So
the district's Infohus staff (coordinator, prevention officers, EAE analysts of
that district) see the notices for their district without the content; PET's
triage and exit staff see every notice with its content; the prison liaison sees
the notices they registered (without the content: once sent, it is PET's).
Everyone else: 404.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404

from infohus.core import audit
from infohus.core.permissions import deny, get_visible_or_404
from infohus.intake.models import AlertParty, ReleaseAlert, ReleaseNotice
from infohus.organisations import permissions as org_perms
from infohus.organisations.roles import Role

DISTRICT_RELEASE_ROLES = (Role.COORDINATOR, Role.PREVENTION_OFFICER, Role.ANALYST)
PET_RELEASE_ROLES = (Role.PET_TRIAGE, Role.PET_EXIT_WORKER)
RELEASE_OBJECT_TYPE = "intake.releasenotice"


def release_notices_visible_to(user: Any) -> models.QuerySet[ReleaseNotice]:
    if org_perms.has_role(user, *PET_RELEASE_ROLES):
        return ReleaseNotice.objects.all()
    if org_perms.has_role(user, *DISTRICT_RELEASE_ROLES):
        district = org_perms.district_id_of(user)
        if district is not None:
            return ReleaseNotice.objects.filter(district_id=district)
    if org_perms.has_role(user, Role.PRISON_LIAISON):
        return ReleaseNotice.objects.filter(registered_by=user)
    return ReleaseNotice.objects.none()


def party_of(user: Any) -> str | None:
    """The party the user acknowledges for: their district's Infohus, PET, or none."""
    if org_perms.has_role(user, *PET_RELEASE_ROLES):
        return AlertParty.PET
    if org_perms.has_role(user, *DISTRICT_RELEASE_ROLES):
        return AlertParty.DISTRICT if org_perms.district_id_of(user) is not None else None
    return None


def alerts_visible_to(user: Any) -> models.QuerySet[ReleaseAlert]:
    """The open alerts addressed to the user's party, for notices they may see."""
    party = party_of(user)
    if party is None:
        return ReleaseAlert.objects.none()
    return ReleaseAlert.objects.filter(
        raised_for=party,
        resolved_at__isnull=True,
        notice__in=release_notices_visible_to(user),
    )


# --- capabilities -------------------------------------------------------------


def can_view_release_notices(user: Any) -> bool:
    return org_perms.has_role(
        user, *DISTRICT_RELEASE_ROLES, *PET_RELEASE_ROLES, Role.PRISON_LIAISON
    )


def can_register_release_notice(user: Any) -> bool:
    return org_perms.has_role(user, Role.PRISON_LIAISON)


def can_view_release_reports(user: Any) -> bool:
    """The reports' content is for PET alone — never the district (DOMAIN §6)."""
    return org_perms.has_role(user, *PET_RELEASE_ROLES)


def can_view_release_report(user: Any, notice: ReleaseNotice) -> bool:
    return can_view_release_reports(user)


def can_acknowledge_release_notice(user: Any, notice: ReleaseNotice) -> bool:
    party = party_of(user)
    if party == AlertParty.DISTRICT:
        return notice.district_id == org_perms.district_id_of(user)
    return party == AlertParty.PET


# --- entry points ---------------------------------------------------------------


def require_release_notice_access(user: Any) -> None:
    """Raise Http404 (and log the denial) unless the user works with release notices."""
    if not can_view_release_notices(user):
        audit.record_denied(
            user, object_type=RELEASE_OBJECT_TYPE, object_id="", reason="no_release_access"
        )
        raise Http404


def require_release_registration(user: Any) -> None:
    if not can_register_release_notice(user):
        audit.record_denied(
            user, object_type=RELEASE_OBJECT_TYPE, object_id="", reason="not_prison_liaison"
        )
        raise Http404


def get_release_notice_for_user(user: Any, pk: Any, *, for_write: bool = False) -> ReleaseNotice:
    """One notice the user may see (404 otherwise); for_write: 403 unless they may
    acknowledge it."""
    notice: ReleaseNotice = get_visible_or_404(
        release_notices_visible_to(user).select_related("person", "municipality", "district"),
        pk,
        actor=user,
        log_read=not for_write,
    )
    if for_write and not can_acknowledge_release_notice(user, notice):
        raise deny(user, notice, reason="cannot_acknowledge")
    return notice


def get_release_report_for_user(user: Any, pk: Any) -> ReleaseNotice:
    """A notice with its report's content: PET only; for everyone else it does not exist
    (404, logged), so the district cannot even learn the URL works."""
    notice: ReleaseNotice = get_visible_or_404(
        release_notices_visible_to(user), pk, actor=user, log_read=False
    )
    if not can_view_release_report(user, notice):
        audit.record_denied(
            user, object_type=RELEASE_OBJECT_TYPE, object_id=str(notice.pk), reason="not_pet"
        )
        raise Http404
    audit.record_read(user, notice, verb="RELEASE_REPORT_VIEWED")
    return notice
