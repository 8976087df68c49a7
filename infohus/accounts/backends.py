"""Authentication backend that refuses locked accounts and counts failures."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.http import HttpRequest

from infohus.accounts import lockout
from infohus.accounts.models import User


class LockoutAuthenticationBackend(AuthenticationBackend):  # type: ignore[misc]
    """allauth's backend, plus the per-account lockout.

    A locked account is refused even with the right password, and the user sees
    the same message as for a wrong password (no account enumeration).
    """

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> User | None:
        username = credentials.get("username")
        account = (
            User.objects.filter(username__iexact=username).first()
            if isinstance(username, str) and username
            else None
        )
        if account is not None and account.is_locked():
            lockout.register_locked_attempt(account)
            return None
        user: User | None = super().authenticate(request, **credentials)
        if user is None and account is not None and credentials.get("password") is not None:
            lockout.register_failure(account, stage="password")
        return user
