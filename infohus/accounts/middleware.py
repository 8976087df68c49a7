"""Session lifetime and mandatory MFA."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from infohus.accounts import sessions
from infohus.core import audit

# Paths a logged-in user without a second factor may still reach: the MFA set-up
# itself, logout, language switch, health check and static files.
MFA_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/healthz", "/static/")


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class SessionLifetimeMiddleware:
    """Log the user out after the idle timeout or the absolute session lifetime."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            reason = sessions.expiry_reason(request)
            if reason is not None:
                audit.record("SESSION_EXPIRED", actor=user, obj=user, details={"reason": reason})
                logout(request)
                messages.info(
                    request,
                    _("Du er blevet logget ud, fordi du har været inaktiv for længe.")
                    if reason == "idle"
                    else _("Din session er udløbet. Log ind igen."),
                )
                login_url = reverse(settings.LOGIN_URL)
                if request.method == "GET" and not getattr(request, "htmx", False):
                    login_url += "?" + urlencode({"next": request.get_full_path()})
                return _redirect(request, login_url)
            sessions.touch(request)
        return self.get_response(request)


class RequireMFAMiddleware:
    """Every staff account must have a second factor before it can do anything (ASVS 6.3.3)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and not get_mfa_adapter().is_mfa_enabled(user, types=["totp", "webauthn"])
        ):
            return _redirect(request, reverse("mfa_activate_totp"))
        return self.get_response(request)
