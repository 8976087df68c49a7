"""Rules of conduct on a case (DOMAIN §3.5, §5, §6): pre-trial detention, concern
conversations, and handing material out to a criminal investigation.

* A period of pre-trial detention (varetægtsfængsling) is a recorded state with dates;
  no preventive conversation is recorded for a day inside one.
* Information exchanged for crime prevention under retsplejelovens § 115 (and § 115 a)
  may not be used in a criminal investigation: such packets are marked when received
  (``Disclosure.prevention_only``) and refused in an investigation hand-out, with the
  reason shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infohus.cases.actions import clean_reason, locked_open_case
from infohus.cases.choices import ConversationOutcome
from infohus.cases.models import Case, ConcernConversation, PreTrialDetention
from infohus.cases.packets import received_by_district
from infohus.core import audit
from infohus.core.validation import clean_text
from infohus.disclosures import actions as disclosure_actions
from infohus.disclosures.actions import Item
from infohus.disclosures.legal import DisclosureKind, LegalBasis, Regime
from infohus.disclosures.models import Disclosure
from infohus.organisations import permissions as org_perms
from infohus.persons.models import FocusPerson

SUMMARY_MAX_LENGTH = 10000


def detention_on(person: FocusPerson, day: date) -> PreTrialDetention | None:
    """The recorded pre-trial detention covering the day, if any."""
    return (
        PreTrialDetention.objects.filter(person=person, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .first()
    )


def refuse_conversation_in_detention(person: FocusPerson, day: date) -> None:
    """Raise the domain rule's explanation if the day lies in a pre-trial detention."""
    detention = detention_on(person, day)
    if detention is None:
        return
    period = (
        _("fra %(start)s til %(end)s")
        % {
            "start": detention.starts_on.strftime("%d.%m.%Y"),
            "end": detention.ends_on.strftime("%d.%m.%Y"),
        }
        if detention.ends_on
        else _("fra %(start)s, uden slutdato") % {"start": detention.starts_on.strftime("%d.%m.%Y")}
    )
    raise ValidationError(
        _(
            "Personen er registreret som varetægtsfængslet %(period)s. Der føres ikke "
            "forebyggende samtaler under varetægtsfængsling. Vent til varetægten er ophørt, "
            "eller ret perioden, hvis den er registreret forkert."
        )
        % {"period": period},
        code="in_pre_trial_detention",
    )


@transaction.atomic
def record_detention(
    *, actor: Any, case: Case, starts_on: date, ends_on: date | None = None
) -> PreTrialDetention:
    case = locked_open_case(actor, case)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(
            _("Slutdatoen kan ikke ligge før startdatoen."), code="detention_dates"
        )
    overlapping = PreTrialDetention.objects.filter(person=case.person).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise ValidationError(
            _("Perioden overlapper en allerede registreret varetægtsfængsling."),
            code="detention_overlap",
        )
    detention = PreTrialDetention.objects.create(
        person=case.person,
        case=case,
        starts_on=starts_on,
        ends_on=ends_on,
        recorded_at=timezone.now(),
        recorded_by=actor,
    )
    audit.record(
        "DETENTION_RECORDED",
        actor=actor,
        obj=detention,
        changes={"starts_on": (None, starts_on), "ends_on": (None, ends_on)},
        details={"case": case.reference},
    )
    return detention


@transaction.atomic
def end_detention(*, actor: Any, detention: PreTrialDetention, ends_on: date) -> PreTrialDetention:
    detention = PreTrialDetention.objects.select_for_update().get(pk=detention.pk)
    if detention.case is None:
        raise PermissionDenied("detention_without_case")
    locked_open_case(actor, detention.case)
    if detention.ends_on is not None:
        raise ValidationError(_("Varetægten har allerede en slutdato."), code="detention_ended")
    if ends_on < detention.starts_on:
        raise ValidationError(
            _("Slutdatoen kan ikke ligge før startdatoen."), code="detention_dates"
        )
    detention.ends_on = ends_on
    detention.save(update_fields=["ends_on"])
    audit.record(
        "DETENTION_ENDED", actor=actor, obj=detention, changes={"ends_on": (None, ends_on)}
    )
    return detention


@transaction.atomic
def record_conversation(
    *,
    actor: Any,
    case: Case,
    held_on: date,
    participants: str,
    summary: str,
    outcome: str,
) -> ConcernConversation:
    """Record a concern conversation (bekymringssamtale). Refused for a future day and
    for a day inside a recorded pre-trial detention."""
    case = locked_open_case(actor, case)
    if held_on > timezone.localdate():
        raise ValidationError(
            _("Samtalen kan ikke registreres før den er holdt."), code="conversation_future"
        )
    if outcome not in ConversationOutcome.values:
        raise ValidationError(_("Vælg et udfald."), code="outcome_invalid")
    refuse_conversation_in_detention(case.person, held_on)
    cleaned = clean_summary(summary)
    conversation = ConcernConversation.objects.create(
        case=case,
        held_on=held_on,
        participants=participants.strip()[:300],
        summary=cleaned,
        outcome=outcome,
        recorded_at=timezone.now(),
        recorded_by=actor,
    )
    audit.record(
        "CONVERSATION_RECORDED",
        actor=actor,
        obj=conversation,
        changes={"held_on": (None, held_on), "outcome": (None, outcome)},
        details={"case": case.reference},
    )
    return conversation


def clean_summary(text: str) -> str:
    return clean_text(
        text,
        code="summary",
        empty=_("Skriv et kort referat."),
        too_long=gettext_lazy("Referatet må højst være %(max)d tegn."),
        max_length=SUMMARY_MAX_LENGTH,
    )


@transaction.atomic
def hand_out_for_investigation(
    *,
    actor: Any,
    case: Case,
    concern_ids: Iterable[int],
    packet_ids: Iterable[int],
    reason: str,
) -> Disclosure:
    """Hand material of the case to a criminal investigation (outside Infohus' scope).
    Packets received under § 115 / § 115 a are refused with the reason; nothing is
    handed out unless all selected material may be."""
    case = locked_open_case(actor, case)
    cleaned = clean_reason(reason)
    concern_ids = set(concern_ids)
    packet_ids = set(packet_ids)
    links = list(case.concern_links.filter(concern_id__in=concern_ids).select_related("concern"))
    packets = list(received_by_district(case).filter(pk__in=packet_ids))
    if len(links) != len(concern_ids) or len(packets) != len(packet_ids):
        raise ValidationError(_("Vælg kun materiale fra sagen."), code="items_invalid")
    if not links and not packets:
        raise ValidationError(_("Vælg mindst én oplysning, der udleveres."), code="items_required")
    refused = [p for p in packets if p.prevention_only]
    if refused:
        raise ValidationError(
            _(
                "%(items)s er modtaget efter retsplejelovens § 115 til kriminalitetsforebyggende "
                "formål og må ikke bruges i en efterforskning. Fjern det fra udleveringen; "
                "efterforskningen må bygge på egne oplysninger."
            )
            % {
                "items": ", ".join(
                    _("Oplysninger fra %(org)s (%(date)s)")
                    % {
                        "org": p.from_organisation.name,
                        "date": timezone.localtime(p.disclosed_at).strftime("%d.%m.%Y"),
                    }
                    for p in refused
                )
            },
            code="prevention_only",
        )
    organisation = org_perms.organisation_of(actor)
    assert organisation is not None
    items = [
        Item(f"concern:{link.concern.reference}", link.concern.reference) for link in links
    ] + [
        Item(f"packet:{p.pk}", _("Oplysninger fra %(org)s") % {"org": p.from_organisation.name})
        for p in packets
    ]
    disclosure = disclosure_actions.record_disclosure(
        actor=actor,
        kind=DisclosureKind.INVESTIGATION_HANDOUT,
        obj=case,
        from_organisation=organisation,
        to_organisation=organisation,
        regime=Regime.LAW_ENFORCEMENT,
        legal_basis=LegalBasis.INVESTIGATION,
        purpose=cleaned,
        items=items,
        persons=[case.person],
    )
    audit.record(
        "CASE_HANDED_TO_INVESTIGATION",
        actor=actor,
        obj=case,
        details={"items": [item.code for item in items]},
    )
    return disclosure
