"""The public reporting form at /bekymring/: anyone may report a concern, without logging in.

Plain HTML forms (no JavaScript needed): GET shows the form, POST validates it and
either shows it again with everything entered and an error summary, or stores the
concern and redirects (post/redirect/get) to the receipt. The receipt code travels
in the session only, for that one redirect: the receipt URL carries nothing and
shows nothing to anyone else. Once ``create_concern`` has committed, nothing that
goes wrong afterwards can undo it (no request-wide transaction).

Anti-automation without third-party services (docs/security.md, "Public reporting
form"): a per-client rate limit in the cache, a honeypot field and a signed
timestamp token (public_forms.py).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from infohus.core.middleware import client_ip
from infohus.intake import ratelimit
from infohus.intake.actions import create_concern
from infohus.intake.models import Concern
from infohus.intake.public_forms import PublicConcernForm, new_token

logger = logging.getLogger(__name__)

RECEIPT_SESSION_KEY = "intake.public_receipt"
RATE_SCOPE = "public_concern"
# Stored concerns and refused automated attempts per client: 5 in 10 minutes, 50 a day.
DEFAULT_RATE_LIMITS = ((5, 10 * 60), (50, 24 * 60 * 60))


def rate_limits() -> list[ratelimit.Limit]:
    configured = getattr(settings, "INFOHUS_PUBLIC_FORM_RATE_LIMITS", DEFAULT_RATE_LIMITS)
    return [ratelimit.Limit(count, seconds) for count, seconds in configured]


def _client(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


def _render_form(
    request: HttpRequest, form: PublicConcernForm, *, status: int = 200, rate_limited: bool = False
) -> HttpResponse:
    # A fresh token on every rendering: a refused form can be sent again as it stands.
    return render(
        request,
        "intake/public/report_concern.html",
        {"form": form, "form_token": new_token(), "rate_limited": rate_limited},
        status=status,
    )


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def report_concern(request: HttpRequest) -> HttpResponse:
    """Show the form; on POST store the concern and send the reporter to the receipt."""
    if request.method != "POST":
        return _render_form(request, PublicConcernForm())
    client = _client(request)
    limits = rate_limits()
    if ratelimit.is_limited(RATE_SCOPE, client, limits):
        logger.warning("public concern form: rate limit reached")
        # Unbound, with what was entered as initial values: kept, and no error messages.
        kept = PublicConcernForm(initial=request.POST.dict())
        return _render_form(request, kept, status=429, rate_limited=True)
    form = PublicConcernForm(request.POST)
    if form.is_valid():
        try:
            concern = create_concern(actor=None, data=form.to_input())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            ratelimit.record(RATE_SCOPE, client, limits)
            return _stored(request, concern)
    elif form.refusal is not None:
        ratelimit.record(RATE_SCOPE, client, limits)
        logger.info("public concern form refused: %s", form.refusal)
    return _render_form(request, form)


def _stored(request: HttpRequest, concern: Concern) -> HttpResponse:
    """The concern is committed. Hand the receipt over through the session; should that
    fail, show the receipt at once rather than an error page."""
    receipt = _receipt_of(concern)
    try:
        request.session[RECEIPT_SESSION_KEY] = receipt
        return redirect("bekymring:receipt")
    except Exception:  # the reporter must see their receipt, whatever failed
        logger.exception("public concern form: receipt not stored in the session")
        return render_receipt(request, receipt)


def _receipt_of(concern: Concern) -> dict[str, Any]:
    return {
        "code": concern.receipt_code,
        "is_acute": concern.is_acute,
        "district": concern.district.name if concern.district else "",
        "is_anonymous": concern.reporter_is_anonymous,
    }


def render_receipt(request: HttpRequest, receipt: dict[str, Any]) -> HttpResponse:
    return render(request, "intake/public/receipt.html", {"receipt": receipt})


@login_not_required
@require_GET
def receipt(request: HttpRequest) -> HttpResponse:
    """The receipt code and what happens next, shown once, right after the redirect."""
    stored = request.session.pop(RECEIPT_SESSION_KEY, None)
    if not isinstance(stored, dict):
        return render(request, "intake/public/no_receipt.html", status=404)
    return render_receipt(request, stored)
