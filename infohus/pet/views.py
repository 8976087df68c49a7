"""PET's exit programme: its courses, their notes, and disclosures to districts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.cases import permissions as case_perms
from infohus.cases.views import form_page
from infohus.core import audit
from infohus.core.permissions import deny, get_visible_or_404
from infohus.intake.inbox import get_pet_concern_for_user
from infohus.organisations.forms import ActionForm
from infohus.organisations.views import ALLOWED_GET, breadcrumbs, paginate
from infohus.pet import actions
from infohus.pet.forms import DiscloseForm, NoteForm, ReferForm, StartCourseForm
from infohus.pet.models import ExitCourse, ExitReferral
from infohus.pet.permissions import (
    can_use_exit_programme,
    exit_courses_visible_to,
    exit_staff,
    get_course_for_user,
)


def _require_exit(request: HttpRequest) -> None:
    if not can_use_exit_programme(request.user):
        audit.record_denied(
            request.user, object_type="pet.exitcourse", object_id="", reason="no_exit_programme"
        )
        raise Http404


def _crumb() -> tuple[str, str]:
    return (_("Exitforløb"), reverse("exit:course_list"))


def course_list(request: HttpRequest) -> HttpResponse:
    _require_exit(request)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    courses = exit_courses_visible_to(request.user).select_related("case")
    return render(
        request,
        "pet/course_list.html",
        {
            **paginate(request, courses, per_page=25),
            "referrals": list(actions.open_referrals_for(request.user)),
            "breadcrumbs": breadcrumbs((_("Exitforløb"), "")),
        },
    )


def _simple_form(
    request: HttpRequest,
    *,
    form: ActionForm,
    title: str,
    intro: str,
    cancel: str,
    crumbs: list[tuple[Any, str]],
) -> HttpResponse:
    return render(
        request,
        "pet/form.html",
        {
            "form": form,
            "title": title,
            "intro": intro,
            "cancel": cancel,
            "breadcrumbs": breadcrumbs(*crumbs, (title, "")),
        },
    )


def refer_concern(request: HttpRequest, concern_pk: int) -> HttpResponse:
    """PET's triage refers a concern's person to the exit programme."""
    concern = get_pet_concern_for_user(request.user, concern_pk)
    detail = reverse("pet:concern_detail", args=[concern.pk])
    if request.method == "POST":
        form = ReferForm(request.POST)
        if form.is_valid():
            try:
                actions.refer_to_exit_programme(
                    actor=request.user, concern=concern, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _("%(ref)s er henvist til exitindsatsen.") % {"ref": concern.reference},
                )
                return redirect("pet:inbox")
    elif request.method in ALLOWED_GET:
        form = ReferForm()
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return _simple_form(
        request,
        form=form,
        title=_("Henvis til exitindsatsen"),
        intro=_(
            "Henvendelsen ligger inden for PET's målgruppe. Exitindsatsen modtager henvisningen "
            "og vurderer, om et forløb kan starte; ingen politikreds ser henvendelsen."
        ),
        cancel=detail,
        crumbs=[(_("Visitation"), reverse("pet:inbox")), (concern.reference, detail)],
    )


def start_from_referral(request: HttpRequest, pk: int) -> HttpResponse:
    _require_exit(request)
    referral: ExitReferral = get_visible_or_404(
        actions.open_referrals_for(request.user), pk, actor=request.user, log_read=True
    )
    staff = exit_staff()
    if request.method == "POST":
        form = StartCourseForm(request.POST, staff=staff)
        if form.is_valid():
            try:
                course = actions.start_course_from_referral(
                    actor=request.user,
                    referral=referral,
                    reason=form.cleaned_data["reason"],
                    team=form.cleaned_data["team"],
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(request, _("Exitforløbet er startet."))
                return redirect("exit:course_detail", pk=course.pk)
    elif request.method in ALLOWED_GET:
        form = StartCourseForm(staff=staff)
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return _simple_form(
        request,
        form=form,
        title=_("Start exitforløb"),
        intro=_("Henvist fra visitationen %(date)s: %(reason)s")
        % {
            "date": referral.referred_at.strftime("%d.%m.%Y"),
            "reason": referral.reason,
        },
        cancel=reverse("exit:course_list"),
        crumbs=[_crumb()],
    )


def start_course(request: HttpRequest, case_pk: int) -> HttpResponse:
    _require_exit(request)
    case = case_perms.get_case_for_user(request.user, case_pk)
    if not actions.can_start_course(request.user, case):
        raise deny(request.user, case, reason="not_allowed_to_start_exit_course")
    staff = exit_staff()
    created: list[ExitCourse] = []

    def run(data: dict[str, object]) -> object:
        course = actions.start_course(
            actor=request.user,
            case=case,
            reason=str(data["reason"]),
            team=data["team"],  # type: ignore[arg-type]
        )
        created.append(course)
        return course

    response = form_page(
        request,
        case,
        make_form=lambda data: StartCourseForm(data, staff=staff),
        run=run,
        title=_("Start exitforløb"),
        done=_("Exitforløbet er startet."),
        intro=_("Exitforløb er frivillige og varetages af mindst to exitmedarbejdere."),
    )
    if created:
        return redirect("exit:course_detail", pk=created[0].pk)
    return response


def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_exit(request)
    course = get_course_for_user(request.user, pk)
    note_form = NoteForm(prefix="note")
    disclose_form = DiscloseForm(prefix="disclose")
    if request.method == "POST":
        if "note-text" in request.POST:
            note_form = NoteForm(request.POST, prefix="note")
            if note_form.is_valid():
                try:
                    actions.add_note(
                        actor=request.user,
                        course=course,
                        text=note_form.cleaned_data["text"],
                        conversation_on=note_form.cleaned_data["conversation_on"],
                    )
                except ValidationError as error:
                    note_form.add_action_error(error)
                else:
                    messages.success(request, _("Noten er gemt."))
                    return redirect("exit:course_detail", pk=course.pk)
        else:
            disclose_form = DiscloseForm(request.POST, prefix="disclose")
            if disclose_form.is_valid():
                try:
                    actions.disclose_to_district(
                        actor=request.user,
                        course=course,
                        items=disclose_form.cleaned_data["items"],
                        message=disclose_form.cleaned_data["message"],
                        purpose=disclose_form.cleaned_data["purpose"],
                    )
                except ValidationError as error:
                    disclose_form.add_action_error(error)
                else:
                    messages.success(request, _("Oplysningerne er videregivet til politikredsen."))
                    return redirect("exit:course_detail", pk=course.pk)
    elif request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "pet/course_detail.html",
        {
            "course": course,
            "notes": course.notes.select_related("written_by"),
            "team": course.team.all(),
            "note_form": note_form,
            "disclose_form": disclose_form,
            "breadcrumbs": breadcrumbs(_crumb(), (str(course), "")),
        },
    )
