"""allauth adapters: closed sign-up, login bookkeeping, encrypted TOTP secrets."""

from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from infohus.accounts.models import User
from infohus.accounts.sessions import start_session_clock
from infohus.core import audit, crypto

STRONG_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def _recent_password_login(request: HttpRequest) -> bool:
    records = get_authentication_records(request, request.user)
    return any(
        r.get("method") == "password"
        and time.time() - float(r.get("at", 0)) < account_settings.REAUTHENTICATION_TIMEOUT
        for r in records
    )


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are created by system administrators, never by sign-up.
        return False

    def login(self, request: HttpRequest, user: User) -> None:
        """Complete a login: Django rotates the session key; we start the session clocks,
        tell the user about failed attempts since their last login and reset the counters."""
        super().login(request, user)
        start_session_clock(request)
        if user.failures_since_login:
            messages.warning(
                request,
                ngettext(
                    "Der har været %(count)d mislykket loginforsøg på din konto siden dit "
                    "sidste login (senest %(when)s). Kontakt din systemadministrator, hvis "
                    "det ikke var dig.",
                    "Der har været %(count)d mislykkede loginforsøg på din konto siden dit "
                    "sidste login (senest %(when)s). Kontakt din systemadministrator, hvis "
                    "det ikke var dig.",
                    user.failures_since_login,
                )
                % {
                    "count": user.failures_since_login,
                    "when": formats.date_format(
                        timezone.localtime(user.last_failure_at), "DATETIME_FORMAT"
                    )
                    if user.last_failure_at
                    else "?",
                },
            )
        User.objects.filter(pk=user.pk).update(
            failed_login_count=0, failures_since_login=0, locked_until=None
        )
        audit.record("LOGIN_SUCCEEDED", actor=user, obj=user)

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Mandatory first enrolment of a second factor follows the password login at once;
        asking for the password again seconds later adds nothing. Any other sensitive
        operation (and enrolment by a user who already has a factor) still re-authenticates."""
        request = context.request
        user = getattr(request, "user", None)
        if (
            app == "allauth.mfa"
            and user is not None
            and user.is_authenticated
            and not Authenticator.objects.filter(user_id=user.pk, type__in=STRONG_TYPES).exists()
            and _recent_password_login(request)
        ):
            return False
        required: bool = super().is_reauthentication_required(app=app, **kwargs)
        return required

    def add_message(self, request: HttpRequest, *args: object, **kwargs: object) -> None:
        # allauth's own "Successfully signed in as …" adds nothing; keep real notices visible.
        template = args[1] if len(args) > 1 else kwargs.get("message_template", "")
        if isinstance(template, str) and template.endswith("logged_in.txt"):
            return
        super().add_message(request, *args, **kwargs)


class MFAAdapter(DefaultMFAAdapter):  # type: ignore[misc]
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text, context="totp")

    def decrypt(self, encrypted_text: str) -> str:
        if not crypto.is_encrypted(encrypted_text):
            raise crypto.DecryptionError("TOTP secret stored unencrypted")
        return crypto.decrypt(encrypted_text, context="totp")

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """MFA is mandatory: the last TOTP/WebAuthn factor cannot be removed by its owner
        (a system administrator can reset it when a phone is lost)."""
        if authenticator.type not in STRONG_TYPES:
            return True
        others: bool = (
            Authenticator.objects.filter(user_id=authenticator.user_id, type__in=STRONG_TYPES)
            .exclude(pk=authenticator.pk)
            .exists()
        )
        return others

    def get_totp_issuer(self) -> str:
        return "Infohus"

    def _get_site_name(self) -> str:
        return _("Infohus")
