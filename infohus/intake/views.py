"""The staff side of intake: the district's unit inbox, a concern's page, assigning,
transfers, deputies, registering a concern received by phone or e-mail, and PET's
triage inbox.

Every view starts with its access helper, so anyone outside the audience gets a 404
before the method or anything else is looked at (a POST from someone else is a 404,
not a 405 that gives the URL away). A concern the user may see but not change is a 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.core.permissions import deny
from infohus.intake import (
    attachment_views,
    inbox,
    inbox_actions,
    interview_guide,
    merging,
    sharing,
)
from infohus.intake.actions import create_concern
from infohus.intake.crossdistrict import cross_district_hints
from infohus.intake.models import Concern, ConcernSubject
from infohus.intake.permissions import can_assign_concern, get_concern_for_user
from infohus.intake.staff_forms import (
    AssignForm,
    DeputyForm,
    InboxFilterForm,
    StaffConcernForm,
    TransferForm,
)
from infohus.organisations import permissions as org_perms
from infohus.organisations.views import ALLOWED_GET, breadcrumbs, paginate

PAGE_SIZE = 25


def _inbox_crumb() -> tuple[Any, str]:
    return (_("Indbakke"), reverse("intake:inbox"))


def _concern_crumb(concern: Concern) -> tuple[Any, str]:
    return (concern.reference, reverse("intake:concern_detail", args=[concern.pk]))


# --- the unit inbox ---------------------------------------------------------------------


def inbox_list(request: HttpRequest) -> HttpResponse:
    """The district Infohus' inbox: open concerns by default, with age, deadline and assignee."""
    inbox.require_district_inbox(request.user)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    form = InboxFilterForm(request.GET)
    concerns = inbox.inbox_for(request.user, form.criteria())
    pagination = paginate(request, concerns, per_page=PAGE_SIZE)
    rows = inbox.inbox_rows(pagination["page"].object_list)
    unit = inbox.inbox_unit_of(request.user)
    return render(
        request,
        "intake/staff/inbox.html",
        {
            "form": form,
            "rows": rows,
            "unit": unit,
            "counts": inbox.inbox_counts(request.user),
            "transfers_out": inbox.transfers_out_of(request.user)[:10],
            "can_distribute": inbox.can_distribute_inbox(request.user),
            "can_register": inbox.can_register_concern(request.user),
            "breadcrumbs": breadcrumbs((_("Indbakke"), "")),
            **pagination,
        },
    )


# --- one concern ------------------------------------------------------------------------


def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the reporter said, the persons (CPR masked), reporter contact for those
    who may call back, and the history of assignments and transfers."""
    concern = get_concern_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    subjects = ConcernSubject.objects.filter(concern=concern).select_related(
        "person", "reported_municipality"
    )
    # The person as this concern's reporter described them, never the shared record's
    # other entries (another district may have written those).
    persons = [
        {
            "name": link.reported_name,
            "birth_date": link.reported_birth_date,
            "municipality": link.reported_municipality,
            "masked_cpr": inbox.mask_cpr(link.person.cpr),
            "person_pk": link.person_id,
            "candidates": merging.merge_candidates_for(request.user, link),
        }
        for link in subjects
    ]
    return render(
        request,
        "intake/staff/concern_detail.html",
        {
            "concern": concern,
            "persons": persons,
            "interview": interview_lines(concern),
            "age": inbox.age_in_days(concern),
            "overdue": inbox.is_overdue(concern),
            "show_reporter_contact": inbox.can_see_reporter_contact(request.user, concern),
            "history": inbox.concern_history(concern),
            "hints": cross_district_hints(request.user, concern),
            "can_assign": can_assign_concern(request.user, concern)
            and concern.status in inbox.OPEN_STATUSES,
            "can_transfer": inbox.can_transfer_concern(request.user, concern),
            # Screening lives in the cases app (above intake); the page only links to it.
            "can_screen": concern.status in inbox.OPEN_STATUSES,
            **attachment_views.detail_context(request.user, concern),
            "shares": sharing.shares_of(concern),
            "can_share": sharing.can_share_concern(request.user, concern),
            "breadcrumbs": breadcrumbs(_inbox_crumb(), (concern.reference, "")),
        },
    )


def interview_lines(concern: Concern) -> list[tuple[str, str]]:
    """The interview guide's answers as (question, answer), in the guide's order; answers
    to questions the guide no longer asks come last under their id."""
    answers = dict(concern.interview or {})
    lines: list[tuple[str, str]] = []
    for q in interview_guide.QUESTIONS:
        if q.id in answers:
            lines.append((str(q.text), interview_guide.answer_label(q, str(answers.pop(q.id)))))
    lines.extend((str(key), str(value)) for key, value in answers.items())
    return lines


def _concern_for_change(request: HttpRequest, pk: int) -> Concern:
    concern = get_concern_for_user(request.user, pk, for_write=True)
    if not can_assign_concern(request.user, concern):
        raise deny(request.user, concern, reason="not_coordinator")
    return concern


def assign_concern(request: HttpRequest, pk: int) -> HttpResponse:
    """Assign, reassign or un-assign a concern (the district's coordinator only)."""
    concern = _concern_for_change(request, pk)
    staff = inbox.district_staff(concern.district_id)
    if request.method == "POST":
        form = AssignForm(request.POST, staff=staff)
        if form.is_valid():
            assignee = form.cleaned_data["assignee"]
            try:
                inbox_actions.assign_concern(actor=request.user, concern=concern, assignee=assignee)
            except ValidationError as error:
                form.add_action_error(error)
            else:
                if assignee is None:
                    message = _("%(ref)s ligger nu i den fælles indbakke.") % {
                        "ref": concern.reference
                    }
                else:
                    message = _("%(ref)s er fordelt til %(name)s.") % {
                        "ref": concern.reference,
                        "name": assignee.display_name(),
                    }
                messages.success(request, message)
                if request.POST.get("next") == "detail":
                    return redirect("intake:concern_detail", pk=concern.pk)
                return redirect("intake:inbox")
    elif request.method in ALLOWED_GET:
        form = AssignForm(initial={"assignee": concern.assigned_to_id}, staff=staff)
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/staff/assign.html",
        {
            "concern": concern,
            "form": form,
            "next": request.GET.get("next", request.POST.get("next", "")),
            "breadcrumbs": breadcrumbs(_inbox_crumb(), _concern_crumb(concern), (_("Fordel"), "")),
        },
    )


def transfer_concern(request: HttpRequest, pk: int) -> HttpResponse:
    """Transfer a concern to another district's Infohus with a reason (the person moved)."""
    concern = _concern_for_change(request, pk)
    districts = inbox.other_districts(request.user)
    if request.method == "POST":
        form = TransferForm(request.POST, districts=districts)
        if form.is_valid():
            try:
                inbox_actions.transfer_concern(
                    actor=request.user,
                    concern=concern,
                    to_district=form.cleaned_data["district"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _("%(ref)s er overført til %(district)s.")
                    % {"ref": concern.reference, "district": form.cleaned_data["district"]},
                )
                return redirect("intake:inbox")
    elif request.method in ALLOWED_GET:
        form = TransferForm(districts=districts)
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/staff/transfer.html",
        {
            "concern": concern,
            "form": form,
            "breadcrumbs": breadcrumbs(_inbox_crumb(), _concern_crumb(concern), (_("Overfør"), "")),
        },
    )


# --- registering a concern received by phone or e-mail ----------------------------------


def register_concern(request: HttpRequest) -> HttpResponse:
    """A concern received by phone, e-mail, the function mailbox or the police reporting
    system, registered by the member of staff who took it, following the interview guide."""
    inbox.require_district_inbox(request.user)
    if request.method == "POST":
        form = StaffConcernForm(request.POST)
        if form.is_valid():
            try:
                concern = create_concern(actor=request.user, data=form.concern_input())
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _("Henvendelsen er registreret som %(ref)s.") % {"ref": concern.reference},
                )
                if concern.district_id == org_perms.district_id_of(request.user):
                    return redirect("intake:concern_detail", pk=concern.pk)
                messages.info(
                    request,
                    _("Den er sendt til Infohuset i %(district)s, hvor personen bor.")
                    % {"district": concern.district},
                )
                return redirect("intake:inbox")
    elif request.method in ALLOWED_GET:
        form = StaffConcernForm()
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/staff/register.html",
        {
            "form": form,
            "interview_fields": [form[name] for name in form.interview_field_names],
            "breadcrumbs": breadcrumbs(_inbox_crumb(), (_("Registrer henvendelse"), "")),
        },
    )


# --- deputies ---------------------------------------------------------------------------


def deputies(request: HttpRequest) -> HttpResponse:
    """Who stands in for whom in the district now and ahead; the coordinator adds more."""
    inbox.require_district_inbox(request.user)
    can_manage = inbox.can_manage_deputies(request.user)
    district = org_perms.district_id_of(request.user)
    staff = inbox.district_staff(district)
    form = DeputyForm(staff=staff) if can_manage else None
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied("not_coordinator")
        form = DeputyForm(request.POST, staff=staff)
        if form.is_valid():
            try:
                inbox_actions.set_deputy(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(request, _("Stedfortræderen er sat."))
                return redirect("intake:deputies")
    elif request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/staff/deputies.html",
        {
            "form": form,
            "deputies": inbox.deputies_of_district(district),
            "can_manage": can_manage,
            "breadcrumbs": breadcrumbs(_inbox_crumb(), (_("Stedfortrædere"), "")),
        },
    )


def remove_deputy(request: HttpRequest, pk: int) -> HttpResponse:
    inbox.require_district_inbox(request.user)
    record = inbox.get_deputy_for_user(request.user, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not inbox.can_manage_deputies(request.user):
        raise deny(request.user, record, reason="not_coordinator")
    try:
        inbox_actions.remove_deputy(actor=request.user, deputy=record)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Stedfortræderen er fjernet."))
    return redirect("intake:deputies")
