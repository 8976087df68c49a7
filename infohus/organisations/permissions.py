"""Access policy for organisations, users and memberships.

Every capability is decided here from the user's *active* membership (the role
they act in now), never in views or templates.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from infohus.accounts.models import User
from infohus.core.permissions import get_visible_or_404
from infohus.organisations.models import Membership, Organisation
from infohus.organisations.roles import CASE_DATA_ROLES, Role

SESSION_KEY = "infohus_active_membership"
_CACHE_ATTR = "_infohus_active_membership"


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


# --- row scope ----------------------------------------------------------------


def organisations_visible_to(user: Any) -> models.QuerySet[Organisation]:
    if not can_view_directory(user):
        return Organisation.objects.none()
    return Organisation.objects.all()


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


def get_user_for_user(viewer: Any, pk: Any, *, for_write: bool = False) -> User:
    user: User = get_visible_or_404(users_visible_to(viewer), pk, actor=viewer, log_read=True)
    if for_write and not can_manage_users(viewer):
        from infohus.core.permissions import deny

        raise deny(viewer, user, reason="not_user_admin")
    return user


def get_organisation_for_user(viewer: Any, pk: Any) -> Organisation:
    return get_visible_or_404(organisations_visible_to(viewer), pk, actor=viewer)
