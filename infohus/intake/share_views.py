"""Sharing a concern with a municipality's Infohus contact unit (district side), and the
contact unit's view of what was shared with it (only the shared items)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.core import audit
from infohus.core.permissions import deny, get_visible_or_404
from infohus.intake import sharing
from infohus.intake.models import ConcernShare, ConcernSubject
from infohus.intake.permissions import get_concern_for_user
from infohus.intake.share_forms import ShareConcernForm, WithdrawShareForm
from infohus.intake.views import interview_lines
from infohus.organisations.views import ALLOWED_GET, breadcrumbs
from infohus.persons.cpr import format_cpr


def _crumbs(concern: Any, last: str) -> list[Any]:
    return breadcrumbs(
        (_("Indbakke"), reverse("intake:inbox")),
        (concern.reference, reverse("intake:concern_detail", args=[concern.pk])),
        (last, ""),
    )


def share_concern(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_user(request.user, pk, for_write=True)
    if not sharing.can_share_concern(request.user, concern):
        raise deny(request.user, concern, reason="not_allowed_to_share")
    units = sharing.share_targets_for(concern)
    if request.method == "POST":
        form = ShareConcernForm(request.POST, units=units)
        if form.is_valid():
            try:
                share = sharing.share_concern(
                    actor=request.user,
                    concern=concern,
                    unit=form.cleaned_data["unit"],
                    legal_basis=form.cleaned_data["legal_basis"],
                    purpose=form.cleaned_data["purpose"],
                    items=form.cleaned_data["items"],
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _("%(ref)s er delt med %(unit)s.")
                    % {"ref": concern.reference, "unit": share.unit.organisation.name},
                )
                return redirect("intake:concern_detail", pk=concern.pk)
    elif request.method in ALLOWED_GET:
        first = units.first()
        form = ShareConcernForm(
            units=units, initial={"unit": first.pk if first else None, "items": ["description"]}
        )
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/staff/share_concern.html",
        {"concern": concern, "form": form, "breadcrumbs": _crumbs(concern, _("Del med kommunen"))},
    )


def withdraw_share(request: HttpRequest, pk: int, share_pk: int) -> HttpResponse:
    concern = get_concern_for_user(request.user, pk, for_write=True)
    active = ConcernShare.objects.filter(concern=concern, disclosure__withdrawn_at__isnull=True)
    share = get_visible_or_404(
        active.select_related("disclosure", "unit__organisation"), share_pk, actor=request.user
    )
    if not sharing.can_share_concern(request.user, concern):
        raise deny(request.user, share, reason="not_allowed_to_share")
    if request.method == "POST":
        form = WithdrawShareForm(request.POST)
        if form.is_valid():
            try:
                sharing.withdraw_share(
                    actor=request.user, share=share, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(request, _("Delingen er trukket tilbage."))
                return redirect("intake:concern_detail", pk=concern.pk)
    elif request.method in ALLOWED_GET:
        form = WithdrawShareForm()
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/staff/withdraw_share.html",
        {
            "concern": concern,
            "share": share,
            "form": form,
            "breadcrumbs": _crumbs(concern, _("Træk deling tilbage")),
        },
    )


# --- the municipal contact unit -----------------------------------------------------------


def _require_contact(request: HttpRequest) -> None:
    if not sharing.can_use_shared_inbox(request.user):
        audit.record_denied(
            request.user, object_type="intake.shared_inbox", object_id="", reason="not_contact"
        )
        raise Http404


def shared_list(request: HttpRequest) -> HttpResponse:
    _require_contact(request)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    shares = sharing.shares_visible_to(request.user).order_by("-disclosure__disclosed_at")
    return render(
        request,
        "intake/shared/list.html",
        {"shares": shares[:200], "breadcrumbs": breadcrumbs((_("Delte henvendelser"), ""))},
    )


def shared_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_contact(request)
    share = sharing.get_share_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    items = {item["code"] for item in share.disclosure.items}
    concern = share.concern
    persons = []
    if items & {"persons", "cpr"}:
        for link in ConcernSubject.objects.filter(concern=concern).select_related(
            "person", "reported_municipality"
        ):
            persons.append(
                {
                    "name": link.reported_name if "persons" in items else "",
                    "birth_date": link.reported_birth_date if "persons" in items else None,
                    "municipality": link.reported_municipality if "persons" in items else None,
                    "cpr": format_cpr(link.person.cpr) if "cpr" in items else "",
                }
            )
    return render(
        request,
        "intake/shared/detail.html",
        {
            "share": share,
            "concern": concern,
            "items": items,
            "persons": persons,
            "interview": interview_lines(concern) if "interview" in items else [],
            "breadcrumbs": breadcrumbs(
                (_("Delte henvendelser"), reverse("shared_concerns:list")),
                (concern.reference, ""),
            ),
        },
    )
