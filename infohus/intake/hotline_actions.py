"""Registering calls to the national hotline.

    register_call(*, actor: User, data: CallInput) -> HotlineCall

A referred call becomes a concern (source: hotline, channel: phone) routed to the
Infohus of the district of the municipality where the focus person — or, when that
is unknown, the caller — lives; call and concern commit together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from infohus.core import audit
from infohus.intake.actions import ConcernInput, ReporterInput, create_concern
from infohus.intake.choices import Channel, Ideology, Sector, SourceType
from infohus.intake.models import CallerType, HotlineAdvice, HotlineCall
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput


@dataclass(frozen=True)
class CallInput:
    """What the adviser registers about one call; the referral fields only when referred."""

    called_at: datetime
    caller_type: str
    advice: str
    is_answered_immediately: bool = True
    caller_sector: str = ""
    is_anonymous: bool = False
    ideology: str = Ideology.UNCLEAR
    advice_notes: str = ""
    municipality: Municipality | None = None
    is_caller_municipality: bool = False
    is_referred: bool = False
    # For the concern a referral creates: the concern in the caller's words, the caller's
    # contact details (not kept on the call itself) and the focus person, if known.
    concern_description: str = ""
    caller_name: str = ""
    caller_phone: str = ""
    person: PersonInput | None = None


def _validate(data: CallInput) -> None:
    errors: list[ValidationError] = []
    if data.caller_type not in CallerType.values:
        errors.append(ValidationError(_("Vælg hvem der ringede."), code="invalid_caller_type"))
    if data.caller_sector and data.caller_sector not in Sector.values:
        errors.append(ValidationError(_("Ukendt sektor."), code="invalid_sector"))
    if data.advice not in HotlineAdvice.values:
        errors.append(
            ValidationError(_("Vælg den rådgivning, der blev givet."), code="invalid_advice")
        )
    if data.ideology not in Ideology.values:
        errors.append(ValidationError(_("Ukendt kategori."), code="invalid_ideology"))
    if data.is_referred:
        if data.municipality is None:
            errors.append(
                ValidationError(
                    _("En henvisning kræver den kommune, personen eller den, der ringede, bor i."),
                    code="no_municipality",
                )
            )
        if not data.concern_description.strip():
            errors.append(
                ValidationError(_("Beskriv bekymringen, der henvises."), code="empty_concern")
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_call(*, actor: Any, data: CallInput) -> HotlineCall:
    """Register a call the actor took; a referred call also becomes a concern in the
    Infohus of the municipality's district (the hotline refers founded concerns to the
    relevant Infohus — DOMAIN §1, §7)."""
    _validate(data)
    is_professional = data.caller_type == CallerType.PROFESSIONAL
    concern = None
    if data.is_referred:
        assert data.municipality is not None  # validated
        concern = create_concern(
            actor=actor,
            data=ConcernInput(
                source_type=SourceType.HOTLINE,
                channel=Channel.PHONE,
                description=data.concern_description,
                municipality=data.municipality,
                reporter=ReporterInput(
                    is_anonymous=data.is_anonymous,
                    name=data.caller_name,
                    phone=data.caller_phone,
                    relation=str(CallerType(data.caller_type).label),
                ),
                persons=(data.person,) if data.person is not None else (),
                sector=data.caller_sector if is_professional else "",
                ideology=data.ideology,
            ),
        )
    call = HotlineCall.objects.create(
        adviser=actor,
        called_at=data.called_at,
        is_answered_immediately=data.is_answered_immediately,
        caller_type=data.caller_type,
        caller_sector=data.caller_sector if is_professional else "",
        is_anonymous=data.is_anonymous,
        ideology=data.ideology,
        advice=data.advice,
        advice_notes=data.advice_notes.strip(),
        is_referred=data.is_referred,
        concern=concern,
        municipality=data.municipality,
        is_caller_municipality=data.is_caller_municipality,
    )
    audit.record(
        "HOTLINE_CALL_REGISTERED",
        actor=actor,
        obj=call,
        details={
            "is_referred": data.is_referred,
            "concern": concern.reference if concern is not None else None,
        },
    )
    return call
