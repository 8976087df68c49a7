"""The hotline register: an adviser registers each call and sees their own calls.

The hotline does no case work (DOMAIN §6): no page here opens a concern. Anyone
not acting as a hotline adviser gets a 404 before anything else is looked at.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.intake import hotline_permissions as perms
from infohus.intake.hotline_actions import register_call as register_call_action
from infohus.intake.hotline_forms import HotlineCallForm
from infohus.organisations.views import paginate

ALLOWED_GET = ("GET", "HEAD")
CALLS_PER_PAGE = 50


def _crumbs(*crumbs: tuple[Any, str]) -> list[tuple[Any, str]]:
    return [
        (_("Forside"), reverse("reporting:start")),
        (_("Hotline-opkald"), reverse("hotline:call_list")),
        *crumbs,
    ]


def call_list(request: HttpRequest) -> HttpResponse:
    """The adviser's own calls, newest first."""
    perms.require_hotline_adviser(request.user)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    calls = perms.calls_visible_to(request.user).select_related("municipality", "concern")
    pagination = paginate(request, calls, per_page=CALLS_PER_PAGE)
    return render(
        request,
        "intake/hotline/call_list.html",
        {
            **pagination,
            "breadcrumbs": [(_("Forside"), reverse("reporting:start")), (_("Hotline-opkald"), "")],
        },
    )


def register_call(request: HttpRequest) -> HttpResponse:
    """Register one call; a referred call becomes a concern in the right Infohus."""
    perms.require_hotline_adviser(request.user)
    if request.method == "POST":
        form = HotlineCallForm(request.POST)
        if form.is_valid():
            try:
                call = register_call_action(actor=request.user, data=form.to_input())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if call.concern is not None:
                    messages.success(
                        request,
                        _("Opkaldet er registreret og henvist som bekymring %(reference)s.")
                        % {"reference": call.concern.reference},
                    )
                else:
                    messages.success(request, _("Opkaldet er registreret."))
                return redirect("hotline:call_detail", call.pk)
    else:
        form = HotlineCallForm()
    return render(
        request,
        "intake/hotline/register_call.html",
        {"form": form, "breadcrumbs": _crumbs((_("Registrer opkald"), ""))},
    )


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One of the adviser's own calls (a colleague's call is a 404)."""
    perms.require_hotline_adviser(request.user)
    call = perms.get_call_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    inbox = call.concern.inbox_unit if call.concern is not None else None
    return render(
        request,
        "intake/hotline/call_detail.html",
        {
            "call": call,
            "inbox_name": str(inbox) if inbox is not None else "",
            "breadcrumbs": _crumbs((str(call), "")),
        },
    )
