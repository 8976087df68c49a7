"""Screening a concern and the district's cases: list, page with timeline, status flow.

Every view starts with its access helper (404 for anyone outside the audience, denial
audited); a case the user may see but not change is a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.cases import actions, permissions
from infohus.cases.forms import CaseFilterForm, CaseReasonForm, CaseStatusForm, ScreeningForm
from infohus.cases.models import Case
from infohus.cases.timeline import case_timeline
from infohus.core import audit
from infohus.core.permissions import deny
from infohus.intake.inbox import district_staff
from infohus.intake.models import ConcernSubject
from infohus.intake.permissions import get_concern_for_user
from infohus.organisations.views import ALLOWED_GET, breadcrumbs

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
    page = Paginator(cases.order_by("-opened_at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "page": page,
            "page_range": list(
                page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            ),
            "ellipsis": Paginator.ELLIPSIS,
            "breadcrumbs": breadcrumbs((_("Sager"), "")),
        },
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_cases(request)
    case = permissions.get_case_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    links = case.concern_links.select_related("concern")
    names = sorted(
        {
            link.reported_name
            for link in ConcernSubject.objects.filter(
                person=case.person, concern__in=links.values("concern_id")
            )
            if link.reported_name
        }
    )
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "names": names,
            "concerns": [link.concern for link in links],
            "timeline": case_timeline(case),
            "can_manage": permissions.can_manage_case(request.user, case),
            "breadcrumbs": breadcrumbs(_cases_crumb(), (case.reference, "")),
        },
    )


def _case_form_view(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[CaseStatusForm] | type[CaseReasonForm],
    run: Callable[[Any, Case, dict[str, Any]], Case],
    template: str,
    title: str,
    done: str,
) -> HttpResponse:
    _require_cases(request)
    case = permissions.get_case_for_user(request.user, pk)
    if not permissions.can_manage_case(request.user, case):
        raise deny(request.user, case, reason="not_allowed_to_manage_case")
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                run(request.user, case, form.cleaned_data)
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(request, done)
                return redirect("cases:case_detail", pk=case.pk)
    elif request.method in ALLOWED_GET:
        form = form_class()
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        template,
        {
            "case": case,
            "form": form,
            "title": title,
            "breadcrumbs": breadcrumbs(
                _cases_crumb(),
                (case.reference, reverse("cases:case_detail", args=[case.pk])),
                (title, ""),
            ),
        },
    )


def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=CaseStatusForm,
        run=lambda actor, case, data: actions.change_case_status(
            actor=actor, case=case, to_status=data["status"], reason=data["reason"]
        ),
        template="cases/case_form.html",
        title=_("Skift status"),
        done=_("Sagens status er ændret."),
    )


def close_case(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=CaseReasonForm,
        run=lambda actor, case, data: actions.close_case(
            actor=actor, case=case, reason=data["reason"]
        ),
        template="cases/case_form.html",
        title=_("Afslut sag"),
        done=_("Sagen er afsluttet."),
    )


def reopen_case(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_form_view(
        request,
        pk,
        form_class=CaseReasonForm,
        run=lambda actor, case, data: actions.reopen_case(
            actor=actor, case=case, reason=data["reason"]
        ),
        template="cases/case_form.html",
        title=_("Genåbn sag"),
        done=_("Sagen er genåbnet."),
    )
