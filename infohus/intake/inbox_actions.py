"""State changes in unit inboxes: assigning, deputies, transfers between districts and
PET passing concerns on. Each is atomic, keyword-only with an explicit actor, and writes
its audit entry and history row in the same transaction."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.accounts.models import User
from infohus.core import audit
from infohus.core.validation import clean_reason
from infohus.core.workdays import add_working_days
from infohus.disclosures.actions import Item, record_disclosure
from infohus.disclosures.legal import DisclosureKind, LegalBasis, Regime
from infohus.intake.actions import ConcernInput, create_concern
from infohus.intake.choices import ConcernStatus
from infohus.intake.inbox import (
    OPEN_STATUSES,
    can_manage_deputies,
    can_transfer_concern,
    can_use_pet_triage_inbox,
    district_staff,
    inbox_unit_for_district,
    pet_triage_unit,
)
from infohus.intake.models import Concern, ConcernAssignment, ConcernTransfer, InboxDeputy
from infohus.intake.models.inbox import TransferKind
from infohus.intake.permissions import can_assign_concern
from infohus.organisations import permissions as org_perms
from infohus.organisations.models import PoliceDistrict, Unit

REASON_MAX_LENGTH = 1000


def _locked(concern: Concern) -> Concern:
    """The concern re-read under a row lock, so two coordinators acting at once serialise."""
    return Concern.objects.select_for_update().get(pk=concern.pk)


def _clean_reason(reason: str) -> str:
    return clean_reason(reason, max_length=REASON_MAX_LENGTH)


@transaction.atomic
def assign_concern(*, actor: Any, concern: Concern, assignee: User | None) -> Concern:
    """Assign a concern to a member of its district's Infohus, prevention unit or EAE, or
    (``assignee=None``) put it back in the unit's shared inbox.

    Only the district's coordinator distributes the inbox; assigning never takes the
    concern out of the unit's inbox, so an absent assignee does not block it.
    """
    concern = _locked(concern)
    if not can_assign_concern(actor, concern):
        raise PermissionDenied("not_coordinator")
    if concern.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Henvendelsen er ikke længere åben og kan ikke fordeles."), code="not_open"
        )
    if (
        assignee is not None
        and not district_staff(concern.district_id).filter(pk=assignee.pk).exists()
    ):
        raise ValidationError(
            _("Vælg en medarbejder i kredsens Infohus, forebyggelsesenhed eller EAE."),
            code="not_district_staff",
        )
    previous = concern.assigned_to
    if (previous.pk if previous else None) == (assignee.pk if assignee else None):
        raise ValidationError(
            _("Henvendelsen er allerede fordelt sådan."), code="unchanged_assignee"
        )
    old_status = concern.status
    concern.assigned_to = assignee
    concern.status = ConcernStatus.ASSIGNED if assignee is not None else ConcernStatus.RECEIVED
    concern.save(update_fields=["assigned_to", "status"])
    ConcernAssignment.objects.create(
        concern=concern,
        assigned_to=assignee,
        previous_assignee=previous,
        assigned_by=actor,
        assigned_at=timezone.now(),
    )
    audit.record(
        "CONCERN_ASSIGNED" if assignee is not None else "CONCERN_UNASSIGNED",
        actor=actor,
        obj=concern,
        changes={
            "assigned_to": (
                previous.get_username() if previous else None,
                assignee.get_username() if assignee else None,
            ),
            "status": (old_status, concern.status),
        },
    )
    return concern


@transaction.atomic
def reassign_concern(*, actor: Any, concern: Concern, assignee: User) -> Concern:
    """Move an assigned concern to another colleague (same rules as assigning)."""
    if _locked(concern).assigned_to_id is None:
        raise ValidationError(_("Henvendelsen er ikke fordelt endnu."), code="not_assigned")
    return assign_concern(actor=actor, concern=concern, assignee=assignee)


@transaction.atomic
def set_deputy(
    *, actor: Any, user: User, deputy: User, starts_on: date, ends_on: date
) -> InboxDeputy:
    """Let ``deputy`` stand in for an absent ``user`` from ``starts_on`` to ``ends_on``
    (both included): concerns assigned to ``user`` show up in the deputy's
    "assigned to me". Both must work in the coordinator's district."""
    if not can_manage_deputies(actor):
        raise PermissionDenied("not_coordinator")
    district = org_perms.district_id_of(actor)
    unit = inbox_unit_for_district(district)
    staff = district_staff(district)
    if not staff.filter(pk=user.pk).exists():
        raise ValidationError(
            _("Vælg en medarbejder i kredsens Infohus, forebyggelsesenhed eller EAE."),
            code="user_not_district_staff",
        )
    if not staff.filter(pk=deputy.pk).exists():
        raise ValidationError(
            _("Stedfortræderen skal arbejde i kredsens Infohus, forebyggelsesenhed eller EAE."),
            code="deputy_not_district_staff",
        )
    if deputy.pk == user.pk:
        raise ValidationError(
            _("En medarbejder kan ikke være sin egen stedfortræder."), code="deputy_is_user"
        )
    if ends_on < starts_on:
        raise ValidationError(
            _("Slutdatoen skal ligge på eller efter startdatoen."), code="period_order"
        )
    if ends_on < timezone.localdate():
        raise ValidationError(_("Perioden er allerede slut."), code="period_past")
    assert unit is not None
    record = InboxDeputy.objects.create(
        unit=unit,
        user=user,
        deputy=deputy,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    audit.record(
        "INBOX_DEPUTY_SET",
        actor=actor,
        obj=record,
        changes={
            "user": (None, user.get_username()),
            "deputy": (None, deputy.get_username()),
            "starts_on": (None, starts_on),
            "ends_on": (None, ends_on),
        },
    )
    return record


@transaction.atomic
def remove_deputy(*, actor: Any, deputy: InboxDeputy) -> InboxDeputy:
    """End a deputy arrangement now; the row stays as history."""
    record = InboxDeputy.objects.select_for_update().get(pk=deputy.pk)
    if not can_manage_deputies(actor) or (
        record.unit.organisation.police_district_id != org_perms.district_id_of(actor)
    ):
        raise PermissionDenied("not_coordinator")
    if record.removed_at is not None:
        raise ValidationError(_("Stedfortræderen er allerede fjernet."), code="already_removed")
    record.removed_at = timezone.now()
    record.removed_by = actor
    record.save(update_fields=["removed_at", "removed_by"])
    audit.record(
        "INBOX_DEPUTY_REMOVED",
        actor=actor,
        obj=record,
        changes={"removed_at": (None, record.removed_at)},
    )
    return record


def _move(
    *,
    actor: Any,
    concern: Concern,
    to_district: PoliceDistrict,
    from_unit: Unit,
    kind: str,
    reason: str,
    verb: str,
) -> Concern:
    """Put the concern in ``to_district``'s Infohus inbox as a new, unassigned concern with
    a fresh screening deadline, and keep the move as history."""
    to_unit = inbox_unit_for_district(to_district.pk)
    if to_unit is None:  # reference data guarantees one Infohus per district
        raise ValidationError(_("Politikredsen har intet Infohus."), code="no_infohus")
    now = timezone.now()
    from_district = concern.district
    old = {
        "district": from_district.slug if from_district else None,
        "inbox_unit": from_unit.audit_label(),
        "assigned_to": concern.assigned_to.get_username() if concern.assigned_to else None,
        "status": concern.status,
        "screening_due_on": concern.screening_due_on,
    }
    concern.district = to_district
    concern.inbox_unit = to_unit
    concern.assigned_to = None
    concern.status = ConcernStatus.RECEIVED
    concern.screening_due_on = add_working_days(
        timezone.localdate(now), settings.INFOHUS_SCREENING_DEADLINE_WORKDAYS
    )
    concern.save(
        update_fields=["district", "inbox_unit", "assigned_to", "status", "screening_due_on"]
    )
    ConcernTransfer.objects.create(
        concern=concern,
        kind=kind,
        from_district=from_district,
        from_unit=from_unit,
        to_district=to_district,
        to_unit=to_unit,
        reason=reason,
        transferred_at=now,
        transferred_by=actor,
    )
    new = {
        "district": to_district.slug,
        "inbox_unit": to_unit.audit_label(),
        "assigned_to": None,
        "status": concern.status,
        "screening_due_on": concern.screening_due_on,
    }
    audit.record(
        verb,
        actor=actor,
        obj=concern,
        changes={key: (old[key], new[key]) for key in old if old[key] != new[key]},
        details={"reason": reason},
    )
    return concern


@transaction.atomic
def transfer_concern(
    *, actor: Any, concern: Concern, to_district: PoliceDistrict, reason: str
) -> Concern:
    """Transfer a concern to another police district's Infohus, e.g. because the person
    moved (DOMAIN §3.1). The new district sees it with its whole history; the old one
    keeps only the line "overført til X"."""
    concern = _locked(concern)
    if not can_transfer_concern(actor, concern):
        if concern.status not in OPEN_STATUSES and can_assign_concern(actor, concern):
            raise ValidationError(
                _("Henvendelsen er ikke længere åben og kan ikke overføres."), code="not_open"
            )
        raise PermissionDenied("not_coordinator")
    if to_district.pk == concern.district_id:
        raise ValidationError(
            _("Vælg en anden politikreds end den, henvendelsen ligger i."), code="same_district"
        )
    cleaned = _clean_reason(reason)
    assert concern.inbox_unit is not None
    return _move(
        actor=actor,
        concern=concern,
        to_district=to_district,
        from_unit=concern.inbox_unit,
        kind=TransferKind.DISTRICT,
        reason=cleaned,
        verb="CONCERN_TRANSFERRED",
    )


@transaction.atomic
def receive_concern_for_pet_triage(*, actor: Any, data: ConcernInput) -> Concern:
    """Register a concern PET received and keep it in PET's triage inbox, out of every
    district's sight, until PET decides it is outside its target group.

    Routing (``create_concern``) always places a concern with a district; until it can
    place one with PET, this re-routes it in the same transaction, so no district ever
    sees a concern PET has not passed on.
    """
    if not can_use_pet_triage_inbox(actor):
        raise PermissionDenied("not_pet_triage")
    concern = create_concern(actor=actor, data=data)
    unit = pet_triage_unit()
    routed_from = concern.inbox_unit.audit_label() if concern.inbox_unit else None
    concern.district = None
    concern.inbox_unit = unit
    concern.regime = Regime.PET
    concern.save(update_fields=["district", "inbox_unit", "regime"])
    audit.record(
        "CONCERN_ROUTED_TO_PET_TRIAGE",
        actor=actor,
        obj=concern,
        changes={"inbox_unit": (routed_from, unit.audit_label())},
    )
    return concern


@transaction.atomic
def pass_concern_to_district(
    *, actor: Any, concern: Concern, to_district: PoliceDistrict, reason: str
) -> Concern:
    """PET passes a concern outside its target group to a district's Infohus
    (POLICE-PET 3.2: PET is one of the sources of concerns)."""
    concern = _locked(concern)
    if not can_use_pet_triage_inbox(actor) or concern.district_id is not None:
        raise PermissionDenied("not_pet_triage")
    cleaned = _clean_reason(reason)
    assert concern.inbox_unit is not None
    from_unit = concern.inbox_unit
    moved = _move(
        actor=actor,
        concern=concern,
        to_district=to_district,
        from_unit=from_unit,
        kind=TransferKind.PET_TO_DISTRICT,
        reason=cleaned,
        verb="CONCERN_PASSED_TO_DISTRICT",
    )
    # PET → district is a disclosure between two police authorities (DOMAIN §6): the
    # whole concern as PET received it, never PET's own notes (it has none here).
    assert moved.inbox_unit is not None
    record_disclosure(
        actor=actor,
        kind=DisclosureKind.PET_TO_DISTRICT,
        obj=moved,
        from_organisation=from_unit.organisation,
        to_organisation=moved.inbox_unit.organisation,
        to_unit=moved.inbox_unit,
        regime=Regime.PET,
        legal_basis=LegalBasis.PET_ACT,
        purpose=cleaned,
        items=[Item("concern", _("Bekymringshenvendelsen som modtaget af PET"))],
        persons=[link.person for link in moved.subject_links.select_related("person")],
    )
    return moved
