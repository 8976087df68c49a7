"""Pre-trial detention, concern conversations and investigation hand-outs on a case."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.cases import conduct, packets, permissions
from infohus.cases.forms import ConversationForm, DetentionEndForm, DetentionForm, InvestigationForm
from infohus.cases.models import PreTrialDetention
from infohus.cases.views import _require_cases, form_page, managed_case
from infohus.core.permissions import get_visible_or_404


def record_detention(request: HttpRequest, pk: int) -> HttpResponse:
    case = managed_case(request, pk)
    return form_page(
        request,
        case,
        make_form=lambda data: DetentionForm(data),
        run=lambda data: conduct.record_detention(
            actor=request.user, case=case, starts_on=data["starts_on"], ends_on=data["ends_on"]
        ),
        title=_("Registrér varetægtsfængsling"),
        done=_("Varetægtsfængslingen er registreret."),
        intro=_("Der føres ikke forebyggende samtaler, mens personen er varetægtsfængslet."),
    )


def end_detention(request: HttpRequest, pk: int) -> HttpResponse:
    _require_cases(request)
    detention: PreTrialDetention = get_visible_or_404(
        PreTrialDetention.objects.filter(case__in=permissions.cases_visible_to(request.user)),
        pk,
        actor=request.user,
    )
    assert detention.case is not None
    case = managed_case(request, detention.case.pk)
    return form_page(
        request,
        case,
        make_form=lambda data: DetentionEndForm(data),
        run=lambda data: conduct.end_detention(
            actor=request.user, detention=detention, ends_on=data["ends_on"]
        ),
        title=_("Varetægten er ophørt"),
        done=_("Slutdatoen er registreret."),
    )


def record_conversation(request: HttpRequest, pk: int) -> HttpResponse:
    case = managed_case(request, pk)
    return form_page(
        request,
        case,
        make_form=lambda data: ConversationForm(data, initial={"held_on": timezone.localdate()}),
        run=lambda data: conduct.record_conversation(
            actor=request.user,
            case=case,
            held_on=data["held_on"],
            participants=data["participants"],
            summary=data["summary"],
            outcome=data["outcome"],
        ),
        title=_("Registrér bekymringssamtale"),
        done=_("Samtalen er registreret."),
    )


def hand_out_for_investigation(request: HttpRequest, pk: int) -> HttpResponse:
    case = managed_case(request, pk)
    concerns = [
        (str(link.concern_id), link.concern.reference)
        for link in case.concern_links.select_related("concern")
    ]
    received = [
        (
            str(packet.pk),
            _("%(org)s, %(date)s (%(basis)s)")
            % {
                "org": packet.from_organisation.name,
                "date": timezone.localtime(packet.disclosed_at).strftime("%d.%m.%Y"),
                "basis": packet.get_legal_basis_display(),
            },
        )
        for packet in packets.received_by_district(case)
    ]
    return form_page(
        request,
        case,
        make_form=lambda data: InvestigationForm(data, concerns=concerns, packets=received),
        run=lambda data: conduct.hand_out_for_investigation(
            actor=request.user,
            case=case,
            concern_ids=[int(v) for v in data["concerns"]],
            packet_ids=[int(v) for v in data["packets"]],
            reason=data["reason"],
        ),
        title=_("Udlevér til efterforskning"),
        done=_("Materialet er udleveret til efterforskning og registreret som videregivelse."),
        intro=_(
            "Efterforskningen ligger uden for Infohus. Oplysninger modtaget efter "
            "retsplejelovens § 115 kan ikke udleveres."
        ),
    )
