"""Screening a concern and the district's cases: list, page with timeline, status flow.

Every view starts with its access helper (404 for anyone outside the audience, denial
audited); a case the user may see but not change is a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.cases import actions, permissions, presentation
from infohus.cases.forms import (
    CaseFilterForm,
    CaseReasonForm,
    CaseStatusForm,
    CloseCaseForm,
    ScreeningForm,
    SeverityForm,
)
from infohus.cases.models import Case
from infohus.core import audit
from infohus.core.permissions import deny
from infohus.intake.inbox import district_staff
from infohus.intake.models import ConcernSubject
from infohus.intake.permissions import get_concern_for_user
from infohus.organisations.forms import ActionForm
from infohus.organisations.views import ALLOWED_GET, breadcrumbs, paginate, run_action_form

PAGE_SIZE = 25


def _require_cases(request: HttpRequest) -> None:
    if not permissions.can_use_cases(request.user):
        audit.record_denied(request.user, object_type="cases.case", object_id="", reason="no_cases")
        raise Http404


def _cases_crumb() -> tuple[str, str]:
    return (_("Sager"), reverse("cases:case_list"))


def screen_concern(request: HttpRequest, pk: int) -> HttpResponse:
    concern = get_concern_for_user(request.user, pk, for_write=True)
    if not permissions.can_screen_concern(request.user, concern):
        raise deny(request.user, concern, reason="not_allowed_to_screen")
    staff = district_staff(concern.district_id)
    if request.method == "POST":
        form = ScreeningForm(request.POST, staff=staff)
        if form.is_valid():
            try:
                screening = actions.screen_concern(
                    actor=request.user,
                    concern=concern,
                    outcome=form.cleaned_data["outcome"],
                    reason=form.cleaned_data["reason"],
                    participants=form.cleaned_data["participants"],
                    unfounded=form.cleaned_data["unfounded"],
                    municipality_informed=form.cleaned_data["municipality_informed"],
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _("%(ref)s er screenet: %(outcome)s.")
                    % {"ref": concern.reference, "outcome": screening.get_outcome_display()},
                )
                if screening.case is not None:
                    return redirect("cases:case_detail", pk=screening.case.pk)
                return redirect("intake:concern_detail", pk=concern.pk)
    elif request.method in ALLOWED_GET:
        form = ScreeningForm(staff=staff, initial={"participants": [request.user.pk]})
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "cases/screen_concern.html",
        {
            "concern": concern,
            "form": form,
            "has_person": ConcernSubject.objects.filter(concern=concern).exists(),
            "breadcrumbs": breadcrumbs(
                (_("Indbakke"), reverse("intake:inbox")),
                (concern.reference, reverse("intake:concern_detail", args=[concern.pk])),
                (_("Screening"), ""),
            ),
        },
    )


def case_list(request: HttpRequest) -> HttpResponse:
    _require_cases(request)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    form = CaseFilterForm(request.GET)
    cases = permissions.cases_visible_to(request.user).select_related("municipality")
    statuses = form.statuses()
    if statuses is not None:
        cases = cases.filter(status__in=statuses)
    pagination = paginate(request, cases.order_by("-opened_at", "-id"), per_page=PAGE_SIZE)
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            **pagination,
            "breadcrumbs": breadcrumbs((_("Sager"), "")),
        },
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_cases(request)
    case = permissions.get_case_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    audience = permissions.audience_of(request.user)
    crumbs = breadcrumbs(_cases_crumb(), (case.reference, ""))
    if audience == permissions.MUNICIPALITY:
        return render(
            request,
            "cases/case_municipal.html",
            {**presentation.municipal_context(request.user, case), "breadcrumbs": crumbs},
        )
    if audience == permissions.PET:
        return render(
            request,
            "cases/case_pet.html",
            {**presentation.pet_context(request.user, case), "breadcrumbs": crumbs},
        )
    return render(
        request,
        "cases/case_detail.html",
        {**presentation.district_context(request.user, case), "breadcrumbs": crumbs},
    )


def form_page(
    request: HttpRequest,
    case: Case,
    *,
    make_form: Callable[[Any], ActionForm],
    run: Callable[[dict[str, Any]], object],
    title: str,
    done: str,
    intro: str = "",
    extra: dict[str, Any] | None = None,
    next_url: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """A page with one form that runs one action on a case: GET shows it, POST runs the
    action and redirects (to the case, or to ``next_url(result)``); an action's
    ValidationError lands on the form, nothing is lost."""
    if request.method != "POST" and request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(["GET", "POST"])
    data = request.POST if request.method == "POST" else None
    form, result = run_action_form(data, make_form, run)
    if result is not None:
        messages.success(request, done)
        return redirect(
            next_url(result) if next_url else reverse("cases:case_detail", args=[case.pk])
        )
    return render(
        request,
        "cases/case_form.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "intro": intro,
            **(extra or {}),
            "breadcrumbs": breadcrumbs(
                _cases_crumb(),
                (case.reference, reverse("cases:case_detail", args=[case.pk])),
                (title, ""),
            ),
        },
    )


def managed_case(request: HttpRequest, pk: int) -> Case:
    """The case, for a district manager who may change it (404 / 403 otherwise)."""
    _require_cases(request)
    case = permissions.get_case_for_user(request.user, pk)
    if not permissions.can_manage_case(request.user, case):
        raise deny(request.user, case, reason="not_allowed_to_manage_case")
    return case


def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    case = managed_case(request, pk)
    return form_page(
        request,
        case,
        make_form=lambda data: CaseStatusForm(data),
        run=lambda data: actions.change_case_status(
            actor=request.user,
            case=case,
            to_status=data["status"],
            reason=data["reason"],
            next_follow_up_on=data["next_follow_up_on"],
        ),
        title=_("Skift status"),
        done=_("Sagens status er ændret."),
    )


def change_severity(request: HttpRequest, pk: int) -> HttpResponse:
    case = managed_case(request, pk)
    return form_page(
        request,
        case,
        make_form=lambda data: SeverityForm(data, initial={"severity": case.severity}),
        run=lambda data: actions.change_severity(
            actor=request.user, case=case, severity=data["severity"], reason=data["reason"]
        ),
        title=_("Ændr placering"),
        done=_("Sagens placering er ændret."),
    )


def close_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = managed_case(request, pk)
    pending = actions.open_items(case)
    return form_page(
        request,
        case,
        make_form=lambda data: CloseCaseForm(data),
        run=lambda data: actions.close_case(
            actor=request.user,
            case=case,
            reason=data["reason"],
            open_items_reason=data["open_items_reason"],
        ),
        title=_("Afslut sag"),
        done=_("Sagen er afsluttet."),
        intro=(_("Åbne punkter: %(items)s.") % {"items": ", ".join(pending)} if pending else ""),
    )


def reopen_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = managed_case(request, pk)
    return form_page(
        request,
        case,
        make_form=lambda data: CaseReasonForm(data),
        run=lambda data: actions.reopen_case(actor=request.user, case=case, reason=data["reason"]),
        title=_("Genåbn sag"),
        done=_("Sagen er genåbnet."),
    )
