"""Access policy for organisations, users and memberships.

Every capability is decided here from the user's *active* membership (the role
they act in now), never in views or templates.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.http import Http404

from infohus.accounts.models import User
from infohus.core import audit
from infohus.core.permissions import deny, get_visible_or_404
from infohus.organisations.models import Membership, Organisation
from infohus.organisations.roles import CASE_DATA_ROLES, Role

SESSION_KEY = "infohus_active_membership"
_CACHE_ATTR = "_infohus_active_membership"
# Object types named in denials of pages that are not about one record.
USER_OBJECT_TYPE = "accounts.user"
ORGANISATION_OBJECT_TYPE = "organisations.organisation"
REFERENCE_DATA_OBJECT_TYPE = "organisations.refdata"


def memberships_of(user: Any) -> models.QuerySet[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Membership.objects.none()
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("unit__organisation__police_district", "unit__organisation__municipality")
        .order_by("id")
    )


def set_active_membership(user: Any, membership: Membership | None) -> None:
    setattr(user, _CACHE_ATTR, membership)


def active_membership(user: Any) -> Membership | None:
    """The membership the user is acting in: set per request by the middleware from the
    session; otherwise (tests, commands) the user's first active membership."""
    if not getattr(user, "is_authenticated", False):
        return None
    if hasattr(user, _CACHE_ATTR):
        cached: Membership | None = getattr(user, _CACHE_ATTR)
        return cached
    membership = memberships_of(user).first()
    set_active_membership(user, membership)
    return membership


def active_role(user: Any) -> str | None:
    membership = active_membership(user)
    return membership.role if membership is not None else None


def has_role(user: Any, *roles: str) -> bool:
    return active_role(user) in roles


def organisation_of(user: Any) -> Organisation | None:
    """The organisation the active membership belongs to."""
    membership = active_membership(user)
    return membership.organisation if membership is not None else None


def district_id_of(user: Any) -> int | None:
    """The police district the active membership belongs to (directly or via its municipality)."""
    membership = active_membership(user)
    return membership.organisation.home_district_id if membership is not None else None


# --- capabilities -------------------------------------------------------------


def can_see_case_data(user: Any) -> bool:
    """Whether the active role is ever shown personal case data (need-to-know still applies)."""
    return active_role(user) in CASE_DATA_ROLES


def can_manage_users(user: Any) -> bool:
    return has_role(user, Role.SYSTEM_ADMIN)


def can_manage_reference_data(user: Any) -> bool:
    return has_role(user, Role.SYSTEM_ADMIN)


def can_view_audit_log(user: Any) -> bool:
    return has_role(user, Role.AUDITOR)


def can_view_directory(user: Any) -> bool:
    """The directory of organisations and units holds no personal data, but auditors'
    access is the audit trail alone."""
    role = active_role(user)
    return role is not None and role != Role.AUDITOR


def can_see_member_counts(user: Any) -> bool:
    """How many people sit in each unit. The directory names no staff (need-to-know);
    only those who administer the accounts see even the counts."""
    return can_manage_users(user)


# --- row scope ----------------------------------------------------------------


def organisations_visible_to(user: Any) -> models.QuerySet[Organisation]:
    if not can_view_directory(user):
        return Organisation.objects.none()
    return Organisation.objects.all()


def memberships_visible_to(viewer: Any) -> models.QuerySet[Membership]:
    """The memberships of the accounts the viewer may see (users_visible_to)."""
    if not getattr(viewer, "is_authenticated", False):
        return Membership.objects.none()
    if can_manage_users(viewer):
        return Membership.objects.all()
    return Membership.objects.filter(user__in=users_visible_to(viewer))


def users_visible_to(viewer: Any) -> models.QuerySet[User]:
    """System administrators see every account; a coordinator sees the staff of their own
    district's Infohus and municipalities; everyone else sees only themselves."""
    user_model = get_user_model()
    if not getattr(viewer, "is_authenticated", False):
        return user_model.objects.none()
    if can_manage_users(viewer):
        return user_model.objects.all()
    if has_role(viewer, Role.COORDINATOR):
        district = district_id_of(viewer)
        return user_model.objects.filter(
            Q(pk=viewer.pk)
            | Q(
                memberships__is_active=True,
                memberships__unit__organisation__police_district_id=district,
            )
            | Q(
                memberships__is_active=True,
                memberships__unit__organisation__municipality__police_district_id=district,
            )
        ).distinct()
    return user_model.objects.filter(pk=viewer.pk)


# --- entry points ---------------------------------------------------------------
# The require_* helpers guard pages that are not about one record (lists, forms):
# anyone without the capability gets a 404, exactly like a page that does not exist,
# and the denial is written to the audit trail with the real reason.


def _require(allowed: bool, viewer: Any, *, object_type: str, object_id: str, reason: str) -> None:
    if not allowed:
        audit.record_denied(
            viewer, object_type=object_type, object_id=object_id[:64], reason=reason
        )
        raise Http404


def require_user_admin(viewer: Any, *, object_id: str = "") -> None:
    """Raise Http404 (and log the denial) unless ``viewer`` administers user accounts."""
    _require(
        can_manage_users(viewer),
        viewer,
        object_type=USER_OBJECT_TYPE,
        object_id=object_id,
        reason="not_user_admin",
    )


def require_reference_data_admin(viewer: Any) -> None:
    """Raise Http404 (and log the denial) unless ``viewer`` manages reference data."""
    _require(
        can_manage_reference_data(viewer),
        viewer,
        object_type=REFERENCE_DATA_OBJECT_TYPE,
        object_id="",
        reason="not_reference_data_admin",
    )


def require_directory_access(viewer: Any) -> None:
    """Raise Http404 (and log the denial) unless ``viewer`` may read the directory."""
    _require(
        can_view_directory(viewer),
        viewer,
        object_type=ORGANISATION_OBJECT_TYPE,
        object_id="",
        reason="no_directory_access",
    )


def get_user_for_user(viewer: Any, pk: Any, *, for_write: bool = False) -> User:
    user: User = get_visible_or_404(users_visible_to(viewer), pk, actor=viewer, log_read=True)
    if for_write and not can_manage_users(viewer):
        raise deny(viewer, user, reason="not_user_admin")
    return user


def get_membership_for_user(viewer: Any, pk: Any, *, for_write: bool = False) -> Membership:
    """One membership (with its user and unit) the viewer may see; 404 otherwise, 403 for a
    write by someone who may see it but not administer accounts."""
    membership: Membership = get_visible_or_404(
        memberships_visible_to(viewer).select_related("user", "unit__organisation"),
        pk,
        actor=viewer,
        log_read=True,
    )
    if for_write and not can_manage_users(viewer):
        raise deny(viewer, membership, reason="not_user_admin")
    return membership


def get_organisation_for_user(viewer: Any, pk: Any) -> Organisation:
    return get_visible_or_404(organisations_visible_to(viewer), pk, actor=viewer)
