"""Screening a concern and moving a case along its status flow. Each action is atomic,
keyword-only with an explicit actor, and writes its audit entry in the same transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.accounts.models import User
from infohus.cases.choices import CaseStatus, HandoverStatus, ScreeningOutcome, Severity
from infohus.cases.models import (
    Case,
    CaseConcern,
    CaseSeverityChange,
    CaseStatusChange,
    Screening,
)
from infohus.cases.permissions import can_manage_case, can_screen_concern
from infohus.core import audit, validation
from infohus.intake.choices import ConcernStatus
from infohus.intake.inbox import OPEN_STATUSES, district_staff
from infohus.intake.models import Concern, ConcernSubject
from infohus.persons.models import FocusPerson

REASON_MAX_LENGTH = 2000


def clean_reason(reason: str) -> str:
    return validation.clean_reason(reason, max_length=REASON_MAX_LENGTH)


def _current(person: FocusPerson) -> FocusPerson:
    """Follow merges to the record that now stands for the person."""
    seen = set()
    while person.merged_into_id is not None and person.pk not in seen:
        seen.add(person.pk)
        person = FocusPerson.objects.get(pk=person.merged_into_id)
    return person


def _open_or_join_case(*, actor: Any, concern: Concern, person: FocusPerson) -> Case:
    """The person's open case in the concern's district, or a new one."""
    assert concern.district_id is not None
    existing = (
        Case.objects.select_for_update()
        .filter(person=person, district_id=concern.district_id)
        .exclude(status=CaseStatus.CLOSED)
        .first()
    )
    now = timezone.now()
    if existing is not None:
        case = existing
    else:
        case = Case.objects.create(
            reference=f"tmp-{secrets.token_hex(6)}",
            person=person,
            district_id=concern.district_id,
            municipality=concern.municipality,
            status=CaseStatus.QUALIFICATION,
            opened_at=now,
            opened_by=actor,
        )
        case.reference = f"S-{timezone.localdate(now).year}-{case.pk:06d}"
        case.save(update_fields=["reference"])
        CaseStatusChange.objects.create(
            case=case,
            from_status="",
            to_status=CaseStatus.QUALIFICATION,
            reason=_("Oprettet ved screening af %(ref)s") % {"ref": concern.reference},
            changed_at=now,
            changed_by=actor,
        )
        audit.record(
            "CASE_OPENED",
            actor=actor,
            obj=case,
            changes={"status": (None, case.status)},
            details={"concern": concern.reference},
        )
    CaseConcern.objects.get_or_create(case=case, concern=concern, defaults={"added_at": now})
    return case


@transaction.atomic
def screen_concern(
    *,
    actor: Any,
    concern: Concern,
    outcome: str,
    reason: str,
    participants: Iterable[User],
    unfounded: bool = False,
    municipality_informed: bool = False,
) -> Screening:
    """Record the first screening of a concern (DOMAIN §3.2).

    * prevention: every focus person of the concern gets (or joins) their open case in
      the district; a concern about a group with no named person cannot become a case;
    * investigation: recorded as handed out of Infohus' scope;
    * no further action: the reason is required; the personal data fall under the
      deployment's short retention period (``INFOHUS_NO_ACTION_RETENTION_DAYS``).
    """
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if not can_screen_concern(actor, concern):
        raise PermissionDenied("not_allowed_to_screen")
    if Screening.objects.filter(concern=concern).exists():
        raise ValidationError(_("Henvendelsen er allerede screenet."), code="already_screened")
    if concern.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Henvendelsen er ikke længere åben og kan ikke screenes."), code="not_open"
        )
    if outcome not in ScreeningOutcome.values:
        raise ValidationError(_("Vælg et udfald."), code="outcome_invalid")
    cleaned = clean_reason(reason)
    staff = district_staff(concern.district_id)
    chosen = {user.pk for user in participants} | {actor.pk}
    if staff.filter(pk__in=chosen).count() != len(chosen):
        raise ValidationError(
            _("Deltagerne skal være ansat i kredsens Infohus, forebyggelsesenhed eller EAE."),
            code="participants_invalid",
        )
    persons = [
        _current(link.person)
        for link in ConcernSubject.objects.filter(concern=concern).select_related("person")
    ]
    if outcome == ScreeningOutcome.PREVENTION and not persons:
        raise ValidationError(
            _(
                "En forebyggelsessag kræver en navngiven fokusperson. Registrer personen på "
                "henvendelsen først, eller vælg et andet udfald."
            ),
            code="no_person",
        )
    now = timezone.now()
    cases = (
        [_open_or_join_case(actor=actor, concern=concern, person=p) for p in persons]
        if outcome == ScreeningOutcome.PREVENTION
        else []
    )
    expires = None
    if outcome == ScreeningOutcome.NO_ACTION:
        expires = timezone.localdate(now) + timedelta(
            days=settings.INFOHUS_NO_ACTION_RETENTION_DAYS
        )
    screening = Screening.objects.create(
        concern=concern,
        outcome=outcome,
        reason=cleaned,
        unfounded=unfounded and outcome == ScreeningOutcome.NO_ACTION,
        municipality_informed=municipality_informed and outcome == ScreeningOutcome.NO_ACTION,
        personal_data_expires_on=expires,
        case=cases[0] if cases else None,
        screened_at=now,
        screened_by=actor,
    )
    screening.participants.set(sorted(chosen))
    old_status = concern.status
    concern.status = ConcernStatus.SCREENED
    concern.save(update_fields=["status"])
    audit.record(
        "CONCERN_SCREENED",
        actor=actor,
        obj=concern,
        changes={"status": (old_status, concern.status)},
        details={
            "outcome": outcome,
            "participants": len(chosen),
            "cases": [case.reference for case in cases],
            "unfounded": screening.unfounded,
            "municipality_informed": screening.municipality_informed,
        },
    )
    return screening


def record_status_change(*, actor: Any, case: Case, to_status: str, reason: str, verb: str) -> Case:
    now = timezone.now()
    old = case.status
    case.status = to_status
    case.closed_at = now if to_status == CaseStatus.CLOSED else None
    case.save(update_fields=["status", "closed_at"])
    CaseStatusChange.objects.create(
        case=case,
        from_status=old,
        to_status=to_status,
        reason=reason,
        changed_at=now,
        changed_by=actor,
    )
    audit.record(
        verb,
        actor=actor,
        obj=case,
        changes={"status": (old, to_status)},
        details={"reason": reason},
    )
    return case


def _locked_case(actor: Any, case: Case) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if not can_manage_case(actor, locked):
        raise PermissionDenied("not_allowed_to_manage_case")
    return locked


def locked_open_case(actor: Any, case: Case) -> Case:
    """The case, locked for the actor's change: 403 unless they manage it, and a
    translated refusal when it is closed (every change but reopening needs it open)."""
    locked = _locked_case(actor, case)
    if locked.is_closed:
        raise ValidationError(_("Sagen er afsluttet. Genåbn den først."), code="case_closed")
    return locked


@transaction.atomic
def change_case_status(
    *,
    actor: Any,
    case: Case,
    to_status: str,
    reason: str,
    next_follow_up_on: date | None = None,
) -> Case:
    """Move an open case to another open status (the flow is a guide, not a cage: a case
    may go back to qualification when something new turns up). Closing and reopening
    have their own actions."""
    case = locked_open_case(actor, case)
    if to_status not in CaseStatus.values or to_status == CaseStatus.CLOSED:
        raise ValidationError(_("Vælg en gyldig status."), code="status_invalid")
    if to_status == case.status:
        raise ValidationError(_("Sagen har allerede den status."), code="status_unchanged")
    if next_follow_up_on is not None:
        if next_follow_up_on < timezone.localdate():
            raise ValidationError(
                _("Næste opfølgning kan ikke ligge i fortiden."), code="follow_up_past"
            )
        case.next_follow_up_on = next_follow_up_on
        case.save(update_fields=["next_follow_up_on"])
    return record_status_change(
        actor=actor,
        case=case,
        to_status=to_status,
        reason=clean_reason(reason),
        verb="CASE_STATUS_CHANGED",
    )


@transaction.atomic
def change_severity(*, actor: Any, case: Case, severity: str, reason: str) -> Case:
    """Record the case's new position on the welfare ↔ security continuum: a human
    judgement with its reason (DOMAIN §4), never computed."""
    case = locked_open_case(actor, case)
    if severity not in Severity.values:
        raise ValidationError(_("Vælg en placering."), code="severity_invalid")
    if severity == case.severity:
        raise ValidationError(_("Sagen har allerede den placering."), code="severity_unchanged")
    cleaned = clean_reason(reason)
    old = case.severity
    case.severity = severity
    case.save(update_fields=["severity"])
    CaseSeverityChange.objects.create(
        case=case,
        from_severity=old,
        to_severity=severity,
        reason=cleaned,
        changed_at=timezone.now(),
        changed_by=actor,
    )
    audit.record(
        "CASE_SEVERITY_CHANGED",
        actor=actor,
        obj=case,
        changes={"severity": (old, severity)},
        details={"reason": cleaned},
    )
    return case


def open_items(case: Case) -> list[str]:
    """What still hangs on a case: pending hand-overs, unanswered PET consultations and
    an overdue follow-up. Closing over them takes an explicit reason."""
    found: list[str] = []
    if case.handovers.filter(status=HandoverStatus.PENDING).exists():
        found.append(_("en overlevering afventer modtagelse"))
    if case.consultations.filter(answer="").exists():
        found.append(_("en forespørgsel til PET er ubesvaret"))
    if case.next_follow_up_on is not None and case.next_follow_up_on < timezone.localdate():
        found.append(
            _("opfølgningen den %(date)s er overskredet")
            % {"date": case.next_follow_up_on.strftime("%d.%m.%Y")}
        )
    return found


@transaction.atomic
def close_case(*, actor: Any, case: Case, reason: str, open_items_reason: str = "") -> Case:
    """Close a case. With open hand-overs, unanswered PET questions or an overdue
    follow-up it closes only with an explicit reason for closing over them (DOMAIN
    rule, issue 4 item 7); that reason is recorded with the status change."""
    case = _locked_case(actor, case)
    if case.is_closed:
        raise ValidationError(_("Sagen er allerede afsluttet."), code="case_closed")
    cleaned = clean_reason(reason)
    pending = open_items(case)
    if pending:
        if not open_items_reason.strip():
            raise ValidationError(
                _(
                    "Sagen kan ikke afsluttes uden en udtrykkelig begrundelse, fordi %(items)s. "
                    "Afslut de åbne punkter først, eller begrund hvorfor sagen afsluttes alligevel."
                )
                % {"items": ", ".join(pending)},
                code="open_items",
            )
        cleaned = _("%(reason)s\n\nAfsluttet trods åbne punkter (%(items)s): %(why)s") % {
            "reason": cleaned,
            "items": ", ".join(pending),
            "why": clean_reason(open_items_reason),
        }
    return record_status_change(
        actor=actor,
        case=case,
        to_status=CaseStatus.CLOSED,
        reason=cleaned,
        verb="CASE_CLOSED",
    )


@transaction.atomic
def reopen_case(*, actor: Any, case: Case, reason: str) -> Case:
    """Reopen a closed case in qualification, unless the person already has another open
    case in the district (then new concerns belong there)."""
    case = _locked_case(actor, case)
    if not case.is_closed:
        raise ValidationError(_("Sagen er ikke afsluttet."), code="case_open")
    cleaned = clean_reason(reason)
    other = (
        Case.objects.filter(person=case.person, district=case.district)
        .exclude(pk=case.pk)
        .exclude(status=CaseStatus.CLOSED)
        .first()
    )
    if other is not None:
        raise ValidationError(
            _("Personen har allerede en åben sag i kredsen (%(ref)s).") % {"ref": other.reference},
            code="other_case_open",
        )
    return record_status_change(
        actor=actor,
        case=case,
        to_status=CaseStatus.QUALIFICATION,
        reason=cleaned,
        verb="CASE_REOPENED",
    )
