"""Hand-overs between municipality, police district and PET, and PET consultations.

A hand-over changes who handles a case (DOMAIN §4). It is sent by a party that handles
the case now, names the responsibility it proposes, a reason, the legal basis and the
minimal packet of information the recipient gets; the packet is a ``Disclosure`` written
in the same transaction. The recipient organisation accepts (the responsibility changes
and access follows, see ``cases.permissions``) or declines with a note; the sender may
withdraw a pending hand-over (the disclosure is marked withdrawn). Hand-overs go both
ways and may repeat; one may be pending per case at a time.

Which hand-overs exist (sender audience, responsibility now → proposed: recipient):

* district, district → municipality: the municipality; → joint with PET or PET alone: PET;
* district, joint → district or PET alone: PET;
* district, municipality → district (the district takes the case back): the municipality;
* PET, joint or PET alone → district, joint ↔ PET alone: the district;
* municipality, municipality → district: the district.

PET never hands a case directly to a municipality (DOMAIN §6): it hands it to the
district, whose coordinator involves the municipality.

A PET consultation asks PET whether it already handles the person or whether the
district should (DOMAIN §3.3): request and answer are each a disclosure.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infohus.cases import permissions
from infohus.cases.actions import clean_reason, locked_open_case, record_status_change
from infohus.cases.choices import (
    CaseStatus,
    ConsultationAnswer,
    HandoverStatus,
    Responsibility,
)
from infohus.cases.models import Case, Handover, PetConsultation, Screening
from infohus.core import audit
from infohus.disclosures import actions as disclosure_actions
from infohus.disclosures.actions import Item
from infohus.disclosures.legal import DisclosureKind, LegalBasis, Regime
from infohus.intake.models import ConcernSubject
from infohus.organisations import permissions as org_perms
from infohus.organisations.models import Organisation
from infohus.organisations.roles import Role

DISTRICT, MUNICIPALITY, PET = permissions.DISTRICT, permissions.MUNICIPALITY, permissions.PET

# (sender audience, responsibility now) → {proposed responsibility: recipient party}
ROUTES: dict[tuple[str, str], dict[str, str]] = {
    (DISTRICT, Responsibility.DISTRICT): {
        Responsibility.MUNICIPALITY: MUNICIPALITY,
        Responsibility.JOINT_PET: PET,
        Responsibility.PET: PET,
    },
    (DISTRICT, Responsibility.JOINT_PET): {
        Responsibility.DISTRICT: PET,
        Responsibility.PET: PET,
    },
    (DISTRICT, Responsibility.MUNICIPALITY): {Responsibility.DISTRICT: MUNICIPALITY},
    (PET, Responsibility.JOINT_PET): {
        Responsibility.DISTRICT: DISTRICT,
        Responsibility.PET: DISTRICT,
    },
    (PET, Responsibility.PET): {
        Responsibility.DISTRICT: DISTRICT,
        Responsibility.JOINT_PET: DISTRICT,
    },
    (MUNICIPALITY, Responsibility.MUNICIPALITY): {Responsibility.DISTRICT: DISTRICT},
}

SENDER_ROLES: dict[str, tuple[str, ...]] = {
    DISTRICT: permissions.CASE_MANAGER_ROLES,
    MUNICIPALITY: (Role.MUNICIPAL_CONTACT,),
    PET: permissions.PET_CASE_ROLES,
}

REGIME_OF: dict[str, str] = {
    DISTRICT: Regime.LAW_ENFORCEMENT,
    MUNICIPALITY: Regime.MUNICIPAL,
    PET: Regime.PET,
}

# The legal bases a packet may travel under, per (sender, recipient).
BASES: dict[tuple[str, str], tuple[str, ...]] = {
    (DISTRICT, MUNICIPALITY): (
        LegalBasis.RPL_115,
        LegalBasis.RPL_115A,
        LegalBasis.SERVICE_ACT,
        LegalBasis.CONSENT,
    ),
    (MUNICIPALITY, DISTRICT): (
        LegalBasis.RPL_115,
        LegalBasis.RPL_115A,
        LegalBasis.SERVICE_ACT,
        LegalBasis.CONSENT,
    ),
    (DISTRICT, PET): (LegalBasis.POLICE_TO_POLICE,),
    (PET, DISTRICT): (LegalBasis.PET_ACT,),
}

# What a sender may put in the packet, per sender audience. "summary" is the sender's
# own words for the recipient and always goes with it.
PACKET_ITEMS: dict[str, dict[str, Promise]] = {
    DISTRICT: {
        "person": gettext_lazy("Personens navn og fødselsdato"),
        "cpr": gettext_lazy("CPR-nummer"),
        "concerns": gettext_lazy("Bekymringerne (beskrivelse)"),
        "screening": gettext_lazy("Screeningens begrundelse"),
        "severity": gettext_lazy("Placering mellem trivsel og sikkerhed"),
    },
    PET: {
        "person": gettext_lazy("Personens navn og fødselsdato"),
        "severity": gettext_lazy("Placering mellem trivsel og sikkerhed"),
    },
    MUNICIPALITY: {
        "person": gettext_lazy("Personens navn og fødselsdato"),
    },
}
SUMMARY_LABEL = gettext_lazy("Resumé til modtageren")
REASON_LABEL = gettext_lazy("Begrundelse for overleveringen")


def party_organisation(case: Case, party: str) -> Organisation | None:
    if party == DISTRICT:
        return Organisation.objects.filter(police_district_id=case.district_id).first()
    if party == MUNICIPALITY:
        if case.municipality_id is None:
            return None
        return Organisation.objects.filter(municipality_id=case.municipality_id).first()
    return permissions.pet_organisation()


def sender_audience(user: Any, case: Case) -> str | None:
    """The party the user may send hand-overs for on this case, if any."""
    audience = permissions.audience_of(user)
    if audience is None or not takes_part_in_handovers(user):
        return None
    if audience == DISTRICT and case.district_id != org_perms.district_id_of(user):
        return None
    if audience == MUNICIPALITY:
        organisation = org_perms.organisation_of(user)
        if organisation is None or organisation.municipality_id != case.municipality_id:
            return None
    return audience


def handover_targets(user: Any, case: Case) -> dict[str, str]:
    """{proposed responsibility: recipient party} the user may propose now."""
    audience = sender_audience(user, case)
    if audience is None or case.is_closed:
        return {}
    return ROUTES.get((audience, case.responsibility), {})


def pending_handover(case: Case) -> Handover | None:
    return case.handovers.filter(status=HandoverStatus.PENDING).first()


def reported_names(case: Case) -> list[str]:
    """The names the case's own concerns gave the person, sorted."""
    return sorted(
        {
            link.reported_name
            for link in ConcernSubject.objects.filter(
                person=case.person, concern__case_links__case=case
            )
            if link.reported_name
        }
    )


def person_label(case: Case) -> str:
    person = case.person
    names = [person.full_name] if person.full_name else reported_names(case)
    born = person.birth_date.strftime("%d.%m.%Y") if person.birth_date else _("ukendt")
    return _("%(names)s, født %(born)s") % {
        "names": " / ".join(names) or _("navn ukendt"),
        "born": born,
    }


def packet_value(case: Case, code: str) -> str:
    """The text of one packet item, taken from the case at the moment it is sent."""
    if code == "person":
        return person_label(case)
    if code == "cpr":
        return case.person.cpr or _("ukendt")
    if code == "concerns":
        return "\n\n".join(
            f"{link.concern.reference}: {link.concern.description}"
            for link in case.concern_links.select_related("concern")
        )
    if code == "screening":
        return "\n\n".join(
            f"{s.concern.reference}: {s.reason}"
            for s in Screening.objects.filter(case=case).select_related("concern")
        )
    if code == "severity":
        return str(case.get_severity_display())
    raise ValueError(code)


@transaction.atomic
def send_handover(
    *,
    actor: Any,
    case: Case,
    to_responsibility: str,
    reason: str,
    legal_basis: str,
    items: list[str],
    summary: str = "",
) -> Handover:
    case = Case.objects.select_for_update().get(pk=case.pk)
    audience = sender_audience(actor, case)
    if audience is None:
        raise PermissionDenied("not_allowed_to_hand_over")
    if case.is_closed:
        raise ValidationError(_("Sagen er afsluttet. Genåbn den først."), code="case_closed")
    routes = ROUTES.get((audience, case.responsibility), {})
    if to_responsibility not in routes:
        if audience == PET and to_responsibility == Responsibility.MUNICIPALITY:
            raise ValidationError(
                _(
                    "PET overdrager ikke sager direkte til en kommune. Overdrag sagen til "
                    "politikredsens Infohus; koordinatoren inddrager kommunen."
                ),
                code="pet_to_municipality",
            )
        raise ValidationError(
            _("Den overlevering kan du ikke foreslå for sagen, som den står nu."),
            code="route_invalid",
        )
    if pending_handover(case) is not None:
        raise ValidationError(
            _("Sagen har allerede en overlevering, der afventer modtagelse."),
            code="handover_pending",
        )
    recipient_party = routes[to_responsibility]
    sender_org = org_perms.organisation_of(actor)
    recipient_org = party_organisation(case, recipient_party)
    if sender_org is None or recipient_org is None:
        raise ValidationError(
            _("Sagen har ingen kommune at overdrage til. Registrer personens bopælskommune."),
            code="no_recipient",
        )
    disclosure_actions.check_legal_basis(legal_basis, allowed=BASES[(audience, recipient_party)])
    cleaned = clean_reason(reason)
    offered = PACKET_ITEMS[audience]
    unknown = [code for code in items if code not in offered]
    if unknown:
        raise ValidationError(_("Vælg kun oplysninger fra listen."), code="items_invalid")
    # The reason always travels: the recipient reads it to decide.
    packet = [Item("reason", REASON_LABEL, cleaned)] + [
        Item(code, offered[code], packet_value(case, code)) for code in offered if code in items
    ]
    summary = summary.strip()
    if summary:
        packet.append(Item("summary", SUMMARY_LABEL, clean_reason(summary)))
    disclosure = disclosure_actions.record_disclosure(
        actor=actor,
        kind=DisclosureKind.HANDOVER,
        obj=case,
        from_organisation=sender_org,
        to_organisation=recipient_org,
        regime=REGIME_OF[audience],
        legal_basis=legal_basis,
        purpose=cleaned,
        items=packet,
        persons=[case.person],
    )
    handover = Handover.objects.create(
        case=case,
        from_responsibility=case.responsibility,
        to_responsibility=to_responsibility,
        from_organisation=sender_org,
        to_organisation=recipient_org,
        reason=cleaned,
        legal_basis=legal_basis,
        disclosure=disclosure,
        sent_at=timezone.now(),
        sent_by=actor,
    )
    audit.record(
        "HANDOVER_SENT",
        actor=actor,
        obj=handover,
        changes={"responsibility": (case.responsibility, to_responsibility)},
        details={"case": case.reference, "to": recipient_org.slug},
    )
    return handover


def takes_part_in_handovers(user: Any) -> bool:
    """Whether the user's role sends and decides hand-overs for its organisation (the
    district's case managers, the municipal contact, PET's staff)."""
    audience = permissions.audience_of(user)
    return audience is not None and org_perms.has_role(user, *SENDER_ROLES[audience])


def can_decide_handover(user: Any, handover: Handover) -> bool:
    if handover.status != HandoverStatus.PENDING:
        return False
    organisation = org_perms.organisation_of(user)
    if organisation is None or organisation.pk != handover.to_organisation_id:
        return False
    return takes_part_in_handovers(user)


def _locked_pending(handover: Handover) -> Handover:
    locked = Handover.objects.select_for_update().select_related("case").get(pk=handover.pk)
    if locked.status != HandoverStatus.PENDING:
        raise ValidationError(
            _("Overleveringen er allerede afgjort eller trukket tilbage."), code="not_pending"
        )
    return locked


def _settle(
    handover: Handover,
    *,
    actor: Any,
    status: str,
    note: str,
    verb: str,
    changes: dict[str, Any] | None = None,
) -> Handover:
    """End a pending hand-over (accepted, declined or withdrawn), with its audit entry."""
    handover.status = status
    handover.decided_at = timezone.now()
    handover.decided_by = actor
    handover.decision_note = note
    handover.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    audit.record(
        verb,
        actor=actor,
        obj=handover,
        changes={"status": (HandoverStatus.PENDING, status), **(changes or {})},
        details={"case": handover.case.reference, "note": note},
    )
    return handover


@transaction.atomic
def accept_handover(*, actor: Any, handover: Handover, note: str = "") -> Handover:
    """The recipient takes over: the responsibility changes and access follows. When the
    municipality takes over, the police case is put on hold (DOMAIN §3.6); when it comes
    back from hold, it is qualified again."""
    handover = _locked_pending(handover)
    if not can_decide_handover(actor, handover):
        raise PermissionDenied("not_handover_recipient")
    case = Case.objects.select_for_update().get(pk=handover.case_id)
    old = case.responsibility
    case.responsibility = handover.to_responsibility
    case.save(update_fields=["responsibility"])
    _settle(
        handover,
        actor=actor,
        status=HandoverStatus.ACCEPTED,
        note=note.strip()[:2000],
        verb="HANDOVER_ACCEPTED",
        changes={"responsibility": (old, case.responsibility)},
    )
    if case.responsibility == Responsibility.MUNICIPALITY and case.status != CaseStatus.ON_HOLD:
        record_status_change(
            actor=actor,
            case=case,
            to_status=CaseStatus.ON_HOLD,
            reason=_("Kommunen har overtaget sagen; politiets sag er i bero."),
            verb="CASE_STATUS_CHANGED",
        )
    elif old == Responsibility.MUNICIPALITY and case.status == CaseStatus.ON_HOLD:
        record_status_change(
            actor=actor,
            case=case,
            to_status=CaseStatus.QUALIFICATION,
            reason=_("Sagen er overdraget tilbage til politikredsen."),
            verb="CASE_STATUS_CHANGED",
        )
    return handover


@transaction.atomic
def decline_handover(*, actor: Any, handover: Handover, note: str) -> Handover:
    handover = _locked_pending(handover)
    if not can_decide_handover(actor, handover):
        raise PermissionDenied("not_handover_recipient")
    return _settle(
        handover,
        actor=actor,
        status=HandoverStatus.DECLINED,
        note=clean_reason(note),
        verb="HANDOVER_DECLINED",
    )


def can_cancel_handover(user: Any, handover: Handover) -> bool:
    if handover.status != HandoverStatus.PENDING:
        return False
    organisation = org_perms.organisation_of(user)
    return (
        organisation is not None
        and organisation.pk == handover.from_organisation_id
        and sender_audience(user, handover.case) is not None
    )


@transaction.atomic
def cancel_handover(*, actor: Any, handover: Handover, reason: str) -> Handover:
    """The sender withdraws a pending hand-over; the recipient's access to the packet ends
    (the disclosure stays on record, marked withdrawn)."""
    handover = _locked_pending(handover)
    if not can_cancel_handover(actor, handover):
        raise PermissionDenied("not_handover_sender")
    cleaned = clean_reason(reason)
    disclosure_actions.withdraw_disclosure(
        actor=actor, disclosure=handover.disclosure, reason=cleaned
    )
    return _settle(
        handover,
        actor=actor,
        status=HandoverStatus.CANCELLED,
        note=cleaned,
        verb="HANDOVER_CANCELLED",
    )


# --- PET consultations ------------------------------------------------------------


def open_consultation(case: Case) -> PetConsultation | None:
    return case.consultations.filter(answer="").first()


@transaction.atomic
def request_consultation(*, actor: Any, case: Case, question: str) -> PetConsultation:
    """The district asks PET; the person's identity and the question go to PET as a
    police-to-police disclosure; PET's answer is due after the deployment's period."""
    case = locked_open_case(actor, case)
    if open_consultation(case) is not None:
        raise ValidationError(
            _("Der er allerede en ubesvaret forespørgsel til PET på sagen."),
            code="consultation_open",
        )
    cleaned = clean_reason(question)
    sender_org = org_perms.organisation_of(actor)
    pet_org = permissions.pet_organisation()
    if sender_org is None or pet_org is None:
        raise ValidationError(_("PET er ikke oprettet som organisation."), code="no_pet")
    now = timezone.now()
    disclosure = disclosure_actions.record_disclosure(
        actor=actor,
        kind=DisclosureKind.PET_CONSULTATION,
        obj=case,
        from_organisation=sender_org,
        to_organisation=pet_org,
        regime=Regime.LAW_ENFORCEMENT,
        legal_basis=LegalBasis.POLICE_TO_POLICE,
        purpose=_("Forespørgsel: håndterer PET allerede personen, eller skal kredsen?"),
        items=[
            Item("person", PACKET_ITEMS[DISTRICT]["person"], person_label(case)),
            Item("question", gettext_lazy("Spørgsmålet"), cleaned),
        ],
        persons=[case.person],
    )
    consultation = PetConsultation.objects.create(
        case=case,
        question=cleaned,
        due_on=timezone.localdate(now) + timedelta(days=settings.INFOHUS_PET_CONSULTATION_DAYS),
        requested_at=now,
        requested_by=actor,
        request_disclosure=disclosure,
    )
    audit.record(
        "PET_CONSULTATION_REQUESTED",
        actor=actor,
        obj=consultation,
        changes={"due_on": (None, consultation.due_on)},
        details={"case": case.reference},
    )
    return consultation


def can_answer_consultation(user: Any, consultation: PetConsultation) -> bool:
    return not consultation.is_answered and org_perms.has_role(user, *permissions.PET_CASE_ROLES)


@transaction.atomic
def answer_consultation(
    *, actor: Any, consultation: PetConsultation, answer: str, note: str
) -> PetConsultation:
    """PET answers; the answer and PET's note are what the district gets (PET → district,
    PET act). Taking the case over is a separate hand-over."""
    consultation = PetConsultation.objects.select_for_update().get(pk=consultation.pk)
    if not can_answer_consultation(actor, consultation):
        if consultation.is_answered:
            raise ValidationError(_("Forespørgslen er allerede besvaret."), code="answered")
        raise PermissionDenied("not_pet")
    if answer not in ConsultationAnswer.values:
        raise ValidationError(_("Vælg et svar."), code="answer_invalid")
    cleaned = clean_reason(note)
    case = consultation.case
    pet_org = org_perms.organisation_of(actor)
    district_org = party_organisation(case, DISTRICT)
    assert pet_org is not None and district_org is not None
    disclosure = disclosure_actions.record_disclosure(
        actor=actor,
        kind=DisclosureKind.PET_TO_DISTRICT,
        obj=case,
        from_organisation=pet_org,
        to_organisation=district_org,
        regime=Regime.PET,
        legal_basis=LegalBasis.PET_ACT,
        purpose=_("Svar på kredsens forespørgsel"),
        items=[
            Item("answer", gettext_lazy("PET's svar"), str(ConsultationAnswer(answer).label)),
            Item("note", gettext_lazy("PET's bemærkning"), cleaned),
        ],
        persons=[case.person],
    )
    consultation.answer = answer
    consultation.answer_note = cleaned
    consultation.answered_at = timezone.now()
    consultation.answered_by = actor
    consultation.answer_disclosure = disclosure
    consultation.save(
        update_fields=["answer", "answer_note", "answered_at", "answered_by", "answer_disclosure"]
    )
    audit.record(
        "PET_CONSULTATION_ANSWERED",
        actor=actor,
        obj=consultation,
        changes={"answer": ("", answer)},
        details={"case": case.reference},
    )
    return consultation
