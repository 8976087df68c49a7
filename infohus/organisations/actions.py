"""State changes to accounts and memberships. Each is atomic and writes its audit entry.

User administration is a system administrator's task; the checks that the actor
may do it sit in the views' access helpers (permissions.can_manage_users), the
rules about the data itself sit here.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.accounts import lockout
from infohus.accounts.models import User
from infohus.accounts.sessions_admin import end_sessions_of
from infohus.core import audit
from infohus.organisations.models import Membership, Unit
from infohus.organisations.roles import ROLE_UNIT_KINDS, Role, UnitKind


def _check_role_fits_unit(role: str, unit: Unit) -> None:
    if unit.kind not in ROLE_UNIT_KINDS.get(role, frozenset()):
        raise ValidationError(
            _("Rollen %(role)s kan ikke have en plads i en enhed af typen %(kind)s.")
            % {"role": Role(role).label, "kind": UnitKind(unit.kind).label},
            code="role_unit_mismatch",
        )


@transaction.atomic
def create_user(
    *,
    actor: Any,
    username: str,
    full_name: str,
    email: str = "",
    password: str | None = None,
    unit: Unit,
    role: str,
    is_demo: bool = False,
) -> User:
    """Create a staff account with its first membership. Without a password the account
    cannot log in until one is set (e.g. through a password-reset link)."""
    _check_role_fits_unit(role, unit)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("Brugernavnet er allerede i brug."), code="username_taken")
    user = User(username=username, full_name=full_name, email=email, is_demo=is_demo)
    if password is not None:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    audit.record(
        "USER_CREATED",
        actor=actor,
        obj=user,
        changes={
            "username": (None, username),
            "full_name": (None, full_name),
            "email": (None, email),
        },
    )
    add_membership(actor=actor, user=user, unit=unit, role=role)
    return user


@transaction.atomic
def update_user(*, actor: Any, user: User, full_name: str, email: str) -> User:
    """Change an account's name and e-mail address (audited only if something changed)."""
    before = {"full_name": user.full_name, "email": user.email}
    user.full_name, user.email = full_name, email
    user.save(update_fields=["full_name", "email"])
    changes = audit.diff_fields(before, {"full_name": full_name, "email": email})
    if changes:
        audit.record("USER_UPDATED", actor=actor, obj=user, changes=changes)
    return user


@transaction.atomic
def add_membership(*, actor: Any, user: User, unit: Unit, role: str) -> Membership:
    """Give a user a role in a unit; the role must fit the kind of unit (roles.ROLE_UNIT_KINDS)."""
    _check_role_fits_unit(role, unit)
    if Membership.objects.filter(user=user, unit=unit, role=role, is_active=True).exists():
        raise ValidationError(_("Brugeren har allerede denne rolle i enheden."), code="duplicate")
    membership = Membership.objects.create(user=user, unit=unit, role=role)
    audit.record(
        "MEMBERSHIP_ADDED",
        actor=actor,
        obj=membership,
        changes={
            "user": (None, user.username),
            "unit": (None, unit.audit_label()),
            "role": (None, role),
        },
    )
    return membership


@transaction.atomic
def end_membership(*, actor: Any, membership: Membership, reason: str) -> Membership:
    """End a membership (the history stays): the user loses that role at their next request.

    An administrator cannot end their own system-administrator membership: like
    deactivating oneself, it could leave nobody able to administer the accounts.
    """
    if not membership.is_active:
        return membership
    if (
        actor is not None
        and getattr(actor, "pk", None) == membership.user_id
        and membership.role == Role.SYSTEM_ADMIN
    ):
        raise ValidationError(
            _("Du kan ikke afslutte dit eget medlemskab som systemadministrator."), code="self"
        )
    membership.is_active = False
    membership.ended_at = timezone.now()
    membership.save(update_fields=["is_active", "ended_at"])
    audit.record(
        "MEMBERSHIP_ENDED",
        actor=actor,
        obj=membership,
        changes={"is_active": (True, False)},
        purpose=reason,
    )
    return membership


@transaction.atomic
def deactivate_user(*, actor: Any, user: User, reason: str) -> User:
    """Block an account from logging in and end its sessions. Accounts are never deleted:
    the audit trail refers to them."""
    if actor is not None and getattr(actor, "pk", None) == user.pk:
        raise ValidationError(_("Du kan ikke deaktivere din egen konto."), code="self")
    if not user.is_active:
        return user
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = end_sessions_of(user)
    audit.record(
        "USER_DEACTIVATED",
        actor=actor,
        obj=user,
        changes={"is_active": (True, False)},
        details={"sessions_ended": ended},
        purpose=reason,
    )
    return user


@transaction.atomic
def reactivate_user(*, actor: Any, user: User, reason: str) -> User:
    """Let a deactivated account log in again; its memberships apply again as they stand."""
    if user.is_active:
        return user
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(
        "USER_REACTIVATED",
        actor=actor,
        obj=user,
        changes={"is_active": (False, True)},
        purpose=reason,
    )
    return user


@transaction.atomic
def reset_mfa(*, actor: Any, user: User, reason: str) -> int:
    """Remove a user's second factors (lost phone): they must enrol again at next login."""
    count: int = Authenticator.objects.filter(user=user).delete()[0]
    audit.record(
        "MFA_RESET",
        actor=actor,
        obj=user,
        details={"authenticators_removed": count},
        purpose=reason,
    )
    return count


@transaction.atomic
def unlock_user(*, actor: Any, user: User) -> User:
    """Lift a lockout after failed logins before it expires (the user has been in touch,
    e.g. by phone). The counter starts again from zero."""
    lockout.unlock_user(user, actor=actor)
    return user


@transaction.atomic
def enrol_totp(*, actor: Any, user: User, secret: str) -> Authenticator:
    """Give a user a TOTP authenticator with a known secret (demo data and tests only;
    real users enrol themselves through the MFA pages)."""
    totp = TOTP.activate(user, secret)
    audit.record("MFA_AUTHENTICATOR_ADDED", actor=actor, obj=user, details={"type": "totp"})
    return totp.instance
