"""State changes to concerns. Each is atomic and writes its audit entry."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.core import audit
from infohus.core.workdays import add_working_days
from infohus.intake.choices import Channel, ConcernStatus, Ideology, SourceType
from infohus.intake.models import Concern, ConcernSubject
from infohus.intake.routing import route_for
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput, register_person

# Unambiguous characters for receipt codes read aloud over the phone (no 0/O, 1/I/L).
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_receipt_code() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@dataclass(frozen=True)
class ReporterInput:
    is_anonymous: bool = True
    name: str = ""
    phone: str = ""
    email: str = ""
    organisation: str = ""
    relation: str = ""


@dataclass(frozen=True)
class ConcernInput:
    """Everything an intake channel collected, validated by its form or API schema."""

    source_type: str
    channel: str
    description: str
    municipality: Municipality
    reporter: ReporterInput = field(default_factory=ReporterInput)
    persons: tuple[PersonInput, ...] = ()
    sector: str = ""
    interview: dict[str, str] = field(default_factory=dict)
    observed_on: str = ""
    observed_where: str = ""
    ideology: str = Ideology.UNCLEAR
    is_acute: bool = False
    group_description: str = ""


@transaction.atomic
def create_concern(*, actor: Any, data: ConcernInput) -> Concern:
    """Register a concern from any channel and route it to the Infohus of the district
    where the focus person lives (or, without one, where the reporter placed it).

    Nothing a reporter submits is lost: the concern, its persons and its audit entry
    commit together or not at all.
    """
    if data.source_type not in SourceType.values or data.channel not in Channel.values:
        raise ValidationError(_("Ukendt kilde eller kanal."), code="invalid_source")
    if not data.description.strip():
        raise ValidationError(_("Beskriv bekymringen."), code="empty")
    route = route_for(data.municipality)
    now = timezone.now()
    reporter = data.reporter
    concern = Concern.objects.create(
        reference=f"tmp-{secrets.token_hex(6)}",
        receipt_code=new_receipt_code(),
        source_type=data.source_type,
        sector=data.sector,
        channel=data.channel,
        received_at=now,
        received_by=actor if getattr(actor, "is_authenticated", False) else None,
        reporter_is_anonymous=reporter.is_anonymous,
        reporter_name="" if reporter.is_anonymous else reporter.name,
        reporter_phone="" if reporter.is_anonymous else reporter.phone,
        reporter_email="" if reporter.is_anonymous else reporter.email,
        reporter_organisation=reporter.organisation,
        reporter_relation=reporter.relation,
        description=data.description.strip(),
        interview={k: v for k, v in data.interview.items() if v},
        observed_on=data.observed_on,
        observed_where=data.observed_where,
        ideology=data.ideology,
        is_acute=data.is_acute,
        group_description=data.group_description,
        district=route.district,
        municipality=data.municipality,
        inbox_unit=route.inbox_unit,
        status=ConcernStatus.RECEIVED,
        screening_due_on=add_working_days(
            timezone.localdate(now), settings.INFOHUS_SCREENING_DEADLINE_WORKDAYS
        ),
    )
    concern.reference = f"B-{timezone.localdate(now).year}-{concern.pk:06d}"
    concern.save(update_fields=["reference"])
    for person_data in data.persons:
        person, _created = register_person(actor=actor, data=person_data)
        ConcernSubject.objects.get_or_create(
            concern=concern,
            person=person,
            defaults={
                "reported_name": person_data.full_name.strip(),
                "reported_birth_date": person_data.birth_date,
                "reported_municipality": person_data.municipality,
            },
        )
    audit.record(
        "CONCERN_RECEIVED",
        actor=actor,
        obj=concern,
        details={
            "channel": data.channel,
            "source_type": data.source_type,
            "inbox": route.inbox_unit.audit_label(),
            "persons": len(data.persons),
        },
    )
    return concern
