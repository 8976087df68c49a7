"""PET's exit programme: its courses, their notes, and disclosures to districts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
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
from infohus.organisations.views import ALLOWED_GET, breadcrumbs, paginate, run_action_form
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


def _form_page(
    request: HttpRequest,
    *,
    make_form: Callable[[Any], ActionForm],
    run: Callable[[dict[str, Any]], Any],
    title: str,
    intro: str,
    done: str,
    next_url: Callable[[Any], str],
    cancel: str,
    crumbs: list[tuple[Any, str]],
) -> HttpResponse:
    """One form, one action, outside a district case (triage referrals)."""
    if request.method != "POST" and request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(["GET", "POST"])
    data = request.POST if request.method == "POST" else None
    form, result = run_action_form(data, make_form, run)
    if result is not None:
        messages.success(request, done)
        return redirect(next_url(result))
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


def _course_url(course: ExitCourse) -> str:
    return reverse("exit:course_detail", args=[course.pk])


def refer_concern(request: HttpRequest, concern_pk: int) -> HttpResponse:
    """PET's triage refers a concern's person to the exit programme."""
    concern = get_pet_concern_for_user(request.user, concern_pk)
    detail = reverse("pet:concern_detail", args=[concern.pk])
    return _form_page(
        request,
        make_form=lambda data: ReferForm(data),
        run=lambda data: actions.refer_to_exit_programme(
            actor=request.user, concern=concern, reason=data["reason"]
        ),
        title=_("Henvis til exitindsatsen"),
        intro=_(
            "Henvendelsen ligger inden for PET's målgruppe. Exitindsatsen modtager henvisningen "
            "og vurderer, om et forløb kan starte; ingen politikreds ser henvendelsen."
        ),
        done=_("%(ref)s er henvist til exitindsatsen.") % {"ref": concern.reference},
        next_url=lambda _referral: reverse("pet:inbox"),
        cancel=detail,
        crumbs=[(_("Visitation"), reverse("pet:inbox")), (concern.reference, detail)],
    )


def start_from_referral(request: HttpRequest, pk: int) -> HttpResponse:
    _require_exit(request)
    referral: ExitReferral = get_visible_or_404(
        actions.open_referrals_for(request.user), pk, actor=request.user, log_read=True
    )
    staff = exit_staff()
    return _form_page(
        request,
        make_form=lambda data: StartCourseForm(data, staff=staff),
        run=lambda data: actions.start_course_from_referral(
            actor=request.user, referral=referral, reason=data["reason"], team=data["team"]
        ),
        title=_("Start exitforløb"),
        intro=_("Henvist fra visitationen %(date)s: %(reason)s")
        % {
            "date": referral.referred_at.strftime("%d.%m.%Y"),
            "reason": referral.reason,
        },
        done=_("Exitforløbet er startet."),
        next_url=_course_url,
        cancel=reverse("exit:course_list"),
        crumbs=[_crumb()],
    )


def start_course(request: HttpRequest, case_pk: int) -> HttpResponse:
    _require_exit(request)
    case = case_perms.get_case_for_user(request.user, case_pk)
    if not actions.can_start_course(request.user, case):
        raise deny(request.user, case, reason="not_allowed_to_start_exit_course")
    staff = exit_staff()
    return form_page(
        request,
        case,
        make_form=lambda data: StartCourseForm(data, staff=staff),
        run=lambda data: actions.start_course(
            actor=request.user, case=case, reason=data["reason"], team=data["team"]
        ),
        title=_("Start exitforløb"),
        done=_("Exitforløbet er startet."),
        intro=_("Exitforløb er frivillige og varetages af mindst to exitmedarbejdere."),
        next_url=_course_url,
    )


def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The course, its notes, and two forms: a note, and a disclosure to the district."""
    _require_exit(request)
    course = get_course_for_user(request.user, pk)
    if request.method != "POST" and request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(["GET", "POST"])
    posted = request.POST if request.method == "POST" else None
    noting = posted is not None and "note-text" in posted
    note_form, note = run_action_form(
        posted if noting else None,
        lambda data: NoteForm(data, prefix="note"),
        lambda data: actions.add_note(
            actor=request.user,
            course=course,
            text=data["text"],
            conversation_on=data["conversation_on"],
        ),
    )
    disclose_form, disclosure = run_action_form(
        posted if posted is not None and not noting else None,
        lambda data: DiscloseForm(data, prefix="disclose"),
        lambda data: actions.disclose_to_district(
            actor=request.user,
            course=course,
            items=data["items"],
            message=data["message"],
            purpose=data["purpose"],
        ),
    )
    if note is not None or disclosure is not None:
        messages.success(
            request,
            _("Noten er gemt.")
            if note is not None
            else _("Oplysningerne er videregivet til politikredsen."),
        )
        return redirect("exit:course_detail", pk=course.pk)
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
