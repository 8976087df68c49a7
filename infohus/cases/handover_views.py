"""Hand-overs and PET consultations: send, decide, withdraw; ask and answer."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from infohus.cases import handovers, permissions, presentation
from infohus.cases.choices import Responsibility
from infohus.cases.forms import (
    ConsultationAnswerForm,
    ConsultationForm,
    DecisionForm,
    HandoverForm,
)
from infohus.cases.models import PetConsultation
from infohus.cases.views import _require_cases, form_page, managed_case
from infohus.core.permissions import deny, get_visible_or_404
from infohus.disclosures.legal import LegalBasis
from infohus.organisations.views import ALLOWED_GET, breadcrumbs


def send_handover(request: HttpRequest, pk: int) -> HttpResponse:
    _require_cases(request)
    case = permissions.get_case_for_user(request.user, pk)
    targets = handovers.handover_targets(request.user, case)
    audience = handovers.sender_audience(request.user, case)
    if not targets or audience is None:
        raise deny(request.user, case, reason="not_allowed_to_hand_over")
    bases = sorted(
        {basis for party in targets.values() for basis in handovers.BASES[(audience, party)]}
    )
    return form_page(
        request,
        case,
        make_form=lambda data: HandoverForm(
            data,
            targets=[(value, Responsibility(value).label) for value in targets],
            bases=[(value, LegalBasis(value).label) for value in bases],
            items=list(handovers.PACKET_ITEMS[audience].items()),
        ),
        run=lambda data: handovers.send_handover(
            actor=request.user,
            case=case,
            to_responsibility=data["to_responsibility"],
            reason=data["reason"],
            legal_basis=data["legal_basis"],
            items=data["items"],
            summary=data["summary"],
        ),
        title=_("Overdrag sag"),
        done=_("Overleveringen er sendt og afventer modtagerens accept."),
        intro=_(
            "Modtageren ser begrundelsen og de oplysninger, du vælger. Ansvaret skifter, "
            "når modtageren accepterer."
        ),
    )


def decide_handover(request: HttpRequest, pk: int) -> HttpResponse:
    _require_cases(request)
    handover = presentation.handover_for_user(request.user, pk)
    if not handovers.can_decide_handover(request.user, handover):
        raise deny(request.user, handover, reason="not_handover_recipient")
    decision = request.POST.get("decision", "accept")

    def run(data: dict[str, str]) -> object:
        if decision == "decline":
            return handovers.decline_handover(
                actor=request.user, handover=handover, note=data["note"]
            )
        return handovers.accept_handover(actor=request.user, handover=handover, note=data["note"])

    return form_page(
        request,
        handover.case,
        make_form=lambda data: DecisionForm(data),
        run=run,
        title=_("Modtag overlevering"),
        done=_("Overleveringen er afvist.")
        if decision == "decline"
        else _("Du har overtaget sagen."),
        extra={"handover": handover, "decision_buttons": True},
    )


def cancel_handover(request: HttpRequest, pk: int) -> HttpResponse:
    _require_cases(request)
    handover = presentation.handover_for_user(request.user, pk)
    if not handovers.can_cancel_handover(request.user, handover):
        raise deny(request.user, handover, reason="not_handover_sender")
    return form_page(
        request,
        handover.case,
        make_form=lambda data: DecisionForm(data),
        run=lambda data: handovers.cancel_handover(
            actor=request.user, handover=handover, reason=data["note"]
        ),
        title=_("Træk overlevering tilbage"),
        done=_("Overleveringen er trukket tilbage; modtageren ser den ikke længere."),
        extra={"handover": handover},
    )


def request_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    case = managed_case(request, pk)
    return form_page(
        request,
        case,
        make_form=lambda data: ConsultationForm(data),
        run=lambda data: handovers.request_consultation(
            actor=request.user, case=case, question=data["question"]
        ),
        title=_("Spørg PET"),
        done=_("Forespørgslen er sendt til PET."),
        intro=_("PET får personens navn og fødselsdato og dit spørgsmål, intet andet."),
    )


def answer_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    _require_cases(request)
    if permissions.audience_of(request.user) != permissions.PET:
        raise Http404
    consultation: PetConsultation = get_visible_or_404(
        PetConsultation.objects.filter(case__in=permissions.cases_visible_to(request.user)),
        pk,
        actor=request.user,
        log_read=True,
    )
    if not handovers.can_answer_consultation(request.user, consultation):
        raise deny(request.user, consultation, reason="not_allowed_to_answer")
    return form_page(
        request,
        consultation.case,
        make_form=lambda data: ConsultationAnswerForm(data),
        run=lambda data: handovers.answer_consultation(
            actor=request.user,
            consultation=consultation,
            answer=data["answer"],
            note=data["note"],
        ),
        title=_("Besvar forespørgsel"),
        done=_("Svaret er sendt til politikredsen."),
        intro=consultation.question,
    )


def handover_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_cases(request)
    handover = presentation.handover_for_user(request.user, pk)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    return render(
        request,
        "cases/handover_detail.html",
        {
            "handover": handover,
            "can_decide": handovers.can_decide_handover(request.user, handover),
            "can_cancel": handovers.can_cancel_handover(request.user, handover),
            "breadcrumbs": breadcrumbs(
                (_("Sager"), reverse("cases:case_list")),
                (handover.case.reference, reverse("cases:case_detail", args=[handover.case.pk])),
                (_("Overlevering"), ""),
            ),
        },
    )
