"""Bearer-token authentication for integrations, the per-token rate limit, and the
request context every API call runs in.

An authenticated request acts as the token's membership exactly as a staff member
acting in that role would: the membership is made the user's active one (so every
policy function decides from it) and is named in the audit context (so every audit
entry the request writes names the integration).
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone, translation
from ninja.security import HttpBearer

from infohus.api.actions import TOKEN_MARK, hash_token
from infohus.api.models import ApiToken
from infohus.api.problems import ProblemError, TokenRejectedError
from infohus.core import audit
from infohus.core.middleware import client_ip
from infohus.organisations.permissions import set_active_membership

# Defaults; a deployment may set INFOHUS_API_RATE_LIMIT / INFOHUS_API_RATE_PERIOD_SECONDS.
DEFAULT_RATE_LIMIT = 120
DEFAULT_RATE_PERIOD_SECONDS = 60
# last_used_at is for operators ("is this integration still alive?"): minute precision
# is enough, and it spares a write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)
MAX_TOKEN_LENGTH = 200


def rate_limit() -> tuple[int, int]:
    return (
        int(getattr(settings, "INFOHUS_API_RATE_LIMIT", DEFAULT_RATE_LIMIT)),
        int(getattr(settings, "INFOHUS_API_RATE_PERIOD_SECONDS", DEFAULT_RATE_PERIOD_SECONDS)),
    )


def _reject(reason: str, *, token: ApiToken | None = None, prefix: str = "") -> TokenRejectedError:
    """Audit the real reason; the client only learns that the token is not valid."""
    audit.record_denied(
        None,
        verb="API_TOKEN_REJECTED",
        object_type="api.apitoken",
        object_id=str(token.pk) if token is not None else prefix,
        reason=reason,
    )
    return TokenRejectedError(presented=True)


def check_rate_limit(token: ApiToken) -> None:
    """A fixed window per token in the cache; over the limit → 429 with Retry-After."""
    limit, period = rate_limit()
    now = time.time()
    window = int(now // period)
    key = f"infohus:api-rate:{token.pk}:{window}"
    if cache.add(key, 1, timeout=period + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # the window expired between add and incr
            cache.add(key, 1, timeout=period + 1)
            count = 1
    if count > limit:
        retry_after = max(1, math.ceil((window + 1) * period - now))
        raise ProblemError(
            status=429,
            slug="rate-limited",
            title="Too many requests",
            detail=f"This token may make {limit} requests per {period} seconds. "
            f"Try again in {retry_after} seconds.",
            headers={"Retry-After": str(retry_after)},
        )


class IntegrationTokenAuth(HttpBearer):
    """``Authorization: Bearer ihk_…`` → the ApiToken (``request.auth``), acting as its membership."""

    def __call__(self, request: HttpRequest) -> ApiToken | None:
        if not request.headers.get(self.header):
            raise TokenRejectedError(presented=False)
        token: ApiToken | None = super().__call__(request)
        if token is None:  # a scheme other than Bearer
            raise _reject("not_bearer")
        return token

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        token = token.strip()
        prefix = token[:12] if token.startswith(TOKEN_MARK) else ""
        if not prefix or len(token) > MAX_TOKEN_LENGTH:
            raise _reject("malformed")
        found = (
            ApiToken.objects.select_related(
                "membership__user",
                "membership__unit__organisation__police_district",
                "membership__unit__organisation__municipality",
            )
            .filter(token_hash=hash_token(token))
            .first()
        )
        if found is None:
            raise _reject("unknown", prefix=prefix)
        if found.revoked_at is not None:
            raise _reject("revoked", token=found)
        membership = found.membership
        if not membership.is_active or not membership.user.is_active:
            raise _reject("membership_ended", token=found)
        user = membership.user
        set_active_membership(user, membership)
        audit.set_membership(membership)
        check_rate_limit(found)
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
            found.last_used_at = now
        return found


def in_api_context(run: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap every operation (ninja "view" mode: before authentication and validation).

    Opens a fresh audit request context with the client's address, which the
    authentication step then completes with the token's membership; and answers in
    English, the language of the schema and of integrators' logs.
    """

    @functools.wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        outer = audit.current_context()
        ctx = audit.RequestContext(
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:400],
            request_id=outer.request_id or audit.new_request_id(),
        )
        with audit.request_context(ctx), translation.override("en"):
            return run(request, *args, **kwargs)

    return wrapper


def request_token(request: HttpRequest) -> ApiToken:
    """The token this request authenticated with (set by ninja from IntegrationTokenAuth)."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token


def acting_user(request: HttpRequest) -> Any:
    """The user the token acts for (its membership already set as the active one)."""
    return request_token(request).membership.user
