"""allauth adapters: closed sign-up, login bookkeeping, encrypted TOTP secrets."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib import messages
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from infohus.accounts.models import User
from infohus.accounts.sessions import start_session_clock
from infohus.core import audit, crypto


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

    def get_totp_issuer(self) -> str:
        return "Infohus"

    def _get_site_name(self) -> str:
        return _("Infohus")
