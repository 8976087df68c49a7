"""Cross-cutting request handling: security headers and the audit request context."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

from infohus.core.audit import RequestContext, new_request_id, request_context

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the n-th from the right of X-Forwarded-For
    when the deployment says how many trusted proxies stand in front (INFOHUS_TRUSTED_PROXIES)."""
    proxies = settings.INFOHUS_TRUSTED_PROXIES
    if proxies > 0:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [p.strip() for p in header.split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    remote: str | None = request.META.get("REMOTE_ADDR") or None
    return remote


class SecurityHeadersMiddleware:
    """Headers Django does not set itself; and no caching of anything a view renders.

    Every dynamic response may carry personal data or depend on the session, so all of
    them get ``Cache-Control: no-store`` (ASVS 14.3). Static files are served by WhiteNoise
    before this middleware and keep their long-lived caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if not request.path.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
            response.headers["Pragma"] = "no-cache"
        return response


class AuditContextMiddleware:
    """Make who/where of the current request available to audit writes (core.audit)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        ctx = RequestContext(
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:400],
            request_id=new_request_id(),
        )
        with request_context(ctx):
            response = self.get_response(request)
        response.headers["X-Request-ID"] = ctx.request_id
        return response


class DanishFirstLocaleMiddleware(LocaleMiddleware):
    """Danish unless the user chose English with the language switch.

    Django's LocaleMiddleware follows the browser's Accept-Language; a Danish
    public-sector system is Danish first for everyone, and English is a choice
    (the switch stores it in the language cookie).
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
