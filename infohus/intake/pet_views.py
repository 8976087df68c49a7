"""PET's triage inbox (Visitationscenter): the concerns PET received and holds, registering
one, a concern's page, and passing one outside PET's target group to a police district
(POLICE-PET 3.2, 4.3; DOMAIN §3.1, §5).

A concern in PET's triage inbox lies with no district: no district's staff see it until
PET passes it on, and then PET no longer does. Every view starts with its access helper,
so anyone but PET's triage staff gets a 404 before the method or anything else is looked
at (a POST from someone else is a 404, not a 405 that gives the URL away).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.intake import inbox, inbox_actions
from infohus.intake.models import Concern, ConcernSubject
from infohus.intake.pet_forms import PassToDistrictForm, PetConcernForm, PetInboxFilterForm
from infohus.intake.views import PAGE_SIZE, interview_lines
from infohus.organisations.models import PoliceDistrict
from infohus.organisations.views import ALLOWED_GET, breadcrumbs, paginate, run_action_form


def _inbox_crumb() -> tuple[Any, str]:
    return (_("Visitation"), reverse("pet:inbox"))


def _concern_crumb(concern: Concern) -> tuple[Any, str]:
    return (concern.reference, reverse("pet:concern_detail", args=[concern.pk]))


# --- the triage inbox -------------------------------------------------------------------


def inbox_list(request: HttpRequest) -> HttpResponse:
    """PET's triage inbox: open concerns by default, with age and screening deadline."""
    inbox.require_pet_triage_inbox(request.user)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    form = PetInboxFilterForm(request.GET)
    concerns = inbox.pet_triage_inbox_for(request.user, form.criteria())
    pagination = paginate(request, concerns, per_page=PAGE_SIZE)
    rows = inbox.inbox_rows(pagination["page"].object_list)
    return render(
        request,
        "intake/pet/inbox.html",
        {
            "form": form,
            "rows": rows,
            "counts": inbox.pet_triage_counts(request.user),
            "passed_on": inbox.passed_on_by_pet(request.user)[:10],
            "breadcrumbs": breadcrumbs((_("Visitation"), "")),
            **pagination,
        },
    )


# --- registering a concern PET received --------------------------------------------------


def register_concern(request: HttpRequest) -> HttpResponse:
    """A concern PET received, registered by its triage staff following the interview
    guide. It stays in PET's triage inbox: no district sees it until PET passes it on."""
    inbox.require_pet_triage_inbox(request.user)
    if request.method == "POST":
        form = PetConcernForm(request.POST)
        if form.is_valid():
            try:
                concern = inbox_actions.receive_concern_for_pet_triage(
                    actor=request.user, data=form.concern_input()
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    _("Henvendelsen er registreret i PET's visitation som %(ref)s.")
                    % {"ref": concern.reference},
                )
                return redirect("pet:concern_detail", pk=concern.pk)
    elif request.method in ALLOWED_GET:
        form = PetConcernForm()
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "intake/pet/register.html",
        {
            "form": form,
            "interview_fields": [form[name] for name in form.interview_field_names],
            "breadcrumbs": breadcrumbs(_inbox_crumb(), (_("Registrer henvendelse"), "")),
        },
    )


# --- one concern ------------------------------------------------------------------------


def concern_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything the reporter said, the persons (CPR masked), the reporter's contact
    details (PET's triage staff may call back) and the history."""
    concern = inbox.get_pet_concern_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    subjects = ConcernSubject.objects.filter(concern=concern).select_related(
        "person", "reported_municipality"
    )
    persons = [
        {
            "name": link.reported_name,
            "birth_date": link.reported_birth_date,
            "municipality": link.reported_municipality,
            "masked_cpr": inbox.mask_cpr(link.person.cpr),
        }
        for link in subjects
    ]
    return render(
        request,
        "intake/pet/concern_detail.html",
        {
            "concern": concern,
            "persons": persons,
            "interview": interview_lines(concern),
            "age": inbox.age_in_days(concern),
            "overdue": inbox.is_overdue(concern),
            "show_reporter_contact": inbox.can_see_reporter_contact(request.user, concern),
            "history": inbox.concern_history(concern, hide_pet_staff=False),
            "breadcrumbs": breadcrumbs(_inbox_crumb(), (concern.reference, "")),
        },
    )


# --- passing a concern to a police district ---------------------------------------------


def pass_concern_to_district(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a concern outside PET's target group to a police district's Infohus with a
    reason; the district it is proposed to is the one the person's municipality lies in."""
    concern = inbox.get_pet_concern_for_user(request.user, pk)
    if request.method != "POST" and request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(["GET", "POST"])
    districts = PoliceDistrict.objects.order_by("name")
    proposed = concern.municipality.police_district_id if concern.municipality else None
    form, passed = run_action_form(
        request.POST if request.method == "POST" else None,
        lambda data: PassToDistrictForm(data, initial={"district": proposed}, districts=districts),
        lambda data: inbox_actions.pass_concern_to_district(
            actor=request.user,
            concern=concern,
            to_district=data["district"],
            reason=data["reason"],
        ),
    )
    if passed is not None:
        messages.success(
            request,
            _("%(ref)s er sendt til Infohuset i %(district)s.")
            % {"ref": concern.reference, "district": passed.district},
        )
        return redirect("pet:inbox")
    return render(
        request,
        "intake/pet/pass_to_district.html",
        {
            "concern": concern,
            "form": form,
            "breadcrumbs": breadcrumbs(
                _inbox_crumb(), _concern_crumb(concern), (_("Send til politikreds"), "")
            ),
        },
    )
