"""Audit entries for authentication events raised by Django and allauth.

These are the only signal receivers in Infohus: the events happen inside the
authentication libraries, which offer no other hook. Domain state changes
never use signals (STYLE.md).
"""

from __future__ import annotations

from typing import Any

from allauth.account.signals import password_changed
from allauth.mfa.signals import authentication_failed, authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from infohus.accounts import lockout
from infohus.core import audit


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record("LOGOUT", actor=user, obj=user)


@receiver(authentication_failed)
def _mfa_failed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    # Wrong second-factor codes count towards the same lockout as wrong passwords.
    lockout.register_failure(user, stage="mfa")
    user.refresh_from_db(fields=["locked_until"])
    if user.is_locked() and request is not None:
        # End the half-finished login: the next try must start again from the password,
        # which the backend refuses while the lock lasts.
        request.session.flush()


@receiver(authenticator_added)
def _mfa_added(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    audit.record(
        "MFA_AUTHENTICATOR_ADDED", actor=user, obj=user, details={"type": authenticator.type}
    )


@receiver(authenticator_removed)
def _mfa_removed(sender: Any, request: Any, user: Any, authenticator: Any, **kwargs: Any) -> None:
    audit.record(
        "MFA_AUTHENTICATOR_REMOVED", actor=user, obj=user, details={"type": authenticator.type}
    )


@receiver(password_changed)
def _password_changed(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit.record("PASSWORD_CHANGED", actor=user, obj=user)
