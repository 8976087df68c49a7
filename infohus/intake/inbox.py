"""Unit inboxes: what a district's Infohus staff see, who may be assigned, who stands in
for whom, and PET's triage inbox.

Inboxes belong to units, not persons (DOMAIN §11): every concern of the district lies
in its Infohus unit's inbox, whoever it is assigned to. Row scope builds on
``permissions.concerns_visible_to``; PET's triage inbox is the one extension, kept here
until routing learns about it (see ``pet_triage_concerns_visible_to``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infohus.accounts.models import User
from infohus.core import audit
from infohus.core.permissions import get_visible_or_404
from infohus.intake.choices import ConcernStatus
from infohus.intake.models import Concern, ConcernTransfer, InboxDeputy
from infohus.intake.models.inbox import TransferKind
from infohus.intake.permissions import (
    DISTRICT_INTAKE_ROLES,
    can_assign_concern,
    concerns_visible_to,
)
from infohus.organisations import permissions as org_perms
from infohus.organisations.models import Membership, PoliceDistrict, Unit
from infohus.organisations.roles import OrganisationKind, Role, UnitKind
from infohus.persons.cpr import format_cpr

# Statuses in which a concern still waits for its first screening.
OPEN_STATUSES = (ConcernStatus.RECEIVED, ConcernStatus.ASSIGNED)
# The units of a district whose staff handle its inbox (POLICE-PET 3.1).
DISTRICT_UNIT_KINDS = (UnitKind.INFOHUS, UnitKind.PREVENTION_UNIT, UnitKind.INTELLIGENCE_UNIT)
# Who sees the reporter's contact details: those who may call the reporter back.
REPORTER_CONTACT_ROLES = (Role.COORDINATOR, Role.PREVENTION_OFFICER)
INBOX_OBJECT_TYPE = "intake.inbox"
PET_INBOX_OBJECT_TYPE = "intake.pet_inbox"
_COUNTS_ATTR = "_infohus_inbox_counts"
_PET_COUNTS_ATTR = "_infohus_pet_triage_counts"


# --- capabilities ----------------------------------------------------------------------


def can_use_district_inbox(user: Any) -> bool:
    """The staff of a district's Infohus (coordinator, prevention officers, EAE analysts)."""
    return (
        org_perms.has_role(user, *DISTRICT_INTAKE_ROLES)
        and org_perms.district_id_of(user) is not None
    )


def can_register_concern(user: Any) -> bool:
    """Staff who receive concerns by phone, e-mail, the function mailbox or the police
    reporting system register them themselves (DOMAIN §3.1)."""
    return can_use_district_inbox(user)


def can_distribute_inbox(user: Any) -> bool:
    """The district's coordinator distributes its Infohus' inbox (every concern in it is of
    the user's district, so this equals ``can_assign_concern`` for each of them)."""
    return org_perms.has_role(user, Role.COORDINATOR) and can_use_district_inbox(user)


def can_transfer_concern(user: Any, concern: Concern) -> bool:
    """Moving a concern out of the district is the coordinator's call, like assigning it."""
    return can_assign_concern(user, concern) and concern.status in OPEN_STATUSES


def can_manage_deputies(user: Any) -> bool:
    """Coordinators arrange who stands in for whom; all the district's staff see it."""
    return can_distribute_inbox(user)


def can_see_reporter_contact(user: Any, concern: Concern) -> bool:
    """Reporters are protected sources: only the coordinator and the prevention officers
    of the receiving district, who may call them back, see who they are. While a concern
    lies in PET's triage inbox (no district yet), PET's triage staff took it and may."""
    if concern.district_id is None:
        return can_use_pet_triage_inbox(user)
    return org_perms.has_role(
        user, *REPORTER_CONTACT_ROLES
    ) and concern.district_id == org_perms.district_id_of(user)


def can_use_pet_triage_inbox(user: Any) -> bool:
    return org_perms.has_role(user, Role.PET_TRIAGE)


# --- entry points (404 for everyone else, denial logged) --------------------------------


def _require(allowed: bool, user: Any, *, object_type: str, reason: str) -> None:
    if not allowed:
        audit.record_denied(user, object_type=object_type, object_id="", reason=reason)
        raise Http404


def require_district_inbox(user: Any) -> None:
    _require(
        can_use_district_inbox(user),
        user,
        object_type=INBOX_OBJECT_TYPE,
        reason="not_district_infohus",
    )


def require_pet_triage_inbox(user: Any) -> None:
    _require(
        can_use_pet_triage_inbox(user),
        user,
        object_type=PET_INBOX_OBJECT_TYPE,
        reason="not_pet_triage",
    )


# --- the district's units and staff -----------------------------------------------------


def inbox_unit_for_district(district_id: int | None) -> Unit | None:
    if district_id is None:
        return None
    return (
        Unit.objects.select_related("organisation")
        .filter(organisation__police_district_id=district_id, kind=UnitKind.INFOHUS)
        .first()
    )


def inbox_unit_of(user: Any) -> Unit | None:
    """The Infohus unit whose inbox the user works in."""
    return inbox_unit_for_district(org_perms.district_id_of(user))


def district_staff(district_id: int | None) -> models.QuerySet[User]:
    """Everyone who may be assigned a concern of the district: active members of its
    Infohus, prevention unit or EAE in one of the district's intake roles."""
    user_model = get_user_model()
    if district_id is None:
        return user_model.objects.none()
    members = Membership.objects.filter(
        is_active=True,
        role__in=DISTRICT_INTAKE_ROLES,
        unit__kind__in=DISTRICT_UNIT_KINDS,
        unit__organisation__police_district_id=district_id,
    )
    return user_model.objects.filter(is_active=True, pk__in=members.values("user_id")).order_by(
        "full_name", "username"
    )


def covered_user_ids(deputy: Any, *, on: date | None = None) -> models.QuerySet[InboxDeputy, Any]:
    """The users ``deputy`` stands in for on ``on`` (today by default), as a subquery."""
    day = on or timezone.localdate()
    return InboxDeputy.objects.filter(
        deputy_id=deputy.pk, removed_at__isnull=True, starts_on__lte=day, ends_on__gte=day
    ).values("user_id")


def deputies_of_district(district_id: int | None) -> models.QuerySet[InboxDeputy]:
    """Current and future deputy periods in the district's units."""
    if district_id is None:
        return InboxDeputy.objects.none()
    return (
        InboxDeputy.objects.filter(
            unit__organisation__police_district_id=district_id,
            removed_at__isnull=True,
            ends_on__gte=timezone.localdate(),
        )
        .select_related("user", "deputy", "unit")
        .order_by("starts_on", "id")
    )


def get_deputy_for_user(user: Any, pk: Any) -> InboxDeputy:
    visible = deputies_of_district(org_perms.district_id_of(user))
    if not can_use_district_inbox(user):
        visible = InboxDeputy.objects.none()
    deputy: InboxDeputy = get_visible_or_404(visible, pk, actor=user)
    return deputy


# --- the inbox list ---------------------------------------------------------------------


class Assigned(models.TextChoices):
    ALL = "all", _("Alle")
    MINE = "mine", _("Fordelt til mig")
    UNASSIGNED = "unassigned", _("Ikke fordelt")


class Sort(models.TextChoices):
    NEWEST = "newest", _("Nyeste først")
    OLDEST = "oldest", _("Ældste først")
    DUE = "due", _("Frist for screening")


SORT_ORDER: dict[str, tuple[str, ...]] = {
    Sort.NEWEST: ("-received_at", "-id"),
    Sort.OLDEST: ("received_at", "id"),
    Sort.DUE: ("screening_due_on", "received_at", "id"),
}
OPEN = "open"


@dataclass(frozen=True)
class InboxFilter:
    status: str = OPEN
    assigned: str = Assigned.ALL
    overdue_only: bool = False
    sort: str = Sort.NEWEST


def inbox_for(user: Any, criteria: InboxFilter | None = None) -> models.QuerySet[Concern]:
    """The concerns in the user's district inbox, filtered and sorted; the assignee is
    fetched along (the list shows it), nothing else per row."""
    concerns = concerns_visible_to(user).select_related("assigned_to")
    return filter_inbox(concerns, user, criteria or InboxFilter())


def filter_inbox(
    concerns: models.QuerySet[Concern], user: Any, criteria: InboxFilter
) -> models.QuerySet[Concern]:
    """``concerns`` (already scoped to what ``user`` may see) filtered and sorted."""
    if criteria.status == OPEN:
        concerns = concerns.filter(status__in=OPEN_STATUSES)
    elif criteria.status in ConcernStatus.values:
        concerns = concerns.filter(status=criteria.status)
    if criteria.assigned == Assigned.MINE:
        concerns = concerns.filter(Q(assigned_to=user) | Q(assigned_to__in=covered_user_ids(user)))
    elif criteria.assigned == Assigned.UNASSIGNED:
        concerns = concerns.filter(assigned_to__isnull=True)
    if criteria.overdue_only:
        concerns = concerns.filter(overdue_q())
    return concerns.order_by(*SORT_ORDER.get(criteria.sort, SORT_ORDER[Sort.NEWEST]))


def overdue_q(today: date | None = None) -> Q:
    return Q(status__in=OPEN_STATUSES, screening_due_on__lt=today or timezone.localdate())


def is_overdue(concern: Concern, today: date | None = None) -> bool:
    return (
        concern.status in OPEN_STATUSES
        and concern.screening_due_on is not None
        and concern.screening_due_on < (today or timezone.localdate())
    )


def age_in_days(concern: Concern, today: date | None = None) -> int:
    received = timezone.localdate(concern.received_at)
    return ((today or timezone.localdate()) - received).days


def inbox_rows(concerns: Any) -> list[dict[str, Any]]:
    """Each concern of an inbox page with its age in days and whether it is overdue, both
    as of one "today" (the district's and PET's inbox show the same columns)."""
    today = timezone.localdate()
    return [
        {
            "concern": concern,
            "age": age_in_days(concern, today),
            "overdue": is_overdue(concern, today),
        }
        for concern in concerns
    ]


@dataclass(frozen=True)
class InboxCounts:
    unassigned: int
    overdue: int


def inbox_counts(user: Any) -> InboxCounts | None:
    """How many open concerns wait unassigned, and how many are past the screening
    deadline, in one query; remembered on the user for the rest of the request (the
    navigation asks on every page)."""
    if not can_use_district_inbox(user):
        return None
    cached: InboxCounts | None = getattr(user, _COUNTS_ATTR, None)
    if cached is not None:
        return cached
    totals = concerns_visible_to(user).aggregate(
        unassigned=Count("pk", filter=Q(status__in=OPEN_STATUSES, assigned_to__isnull=True)),
        overdue=Count("pk", filter=overdue_q()),
    )
    counts = InboxCounts(unassigned=totals["unassigned"], overdue=totals["overdue"])
    setattr(user, _COUNTS_ATTR, counts)
    return counts


def transfers_out_of(user: Any) -> models.QuerySet[ConcernTransfer]:
    """Concerns the user's district passed on: the district keeps the line "overført til X"
    (reference, date, where to) but no longer sees the concern itself."""
    district = org_perms.district_id_of(user)
    if not can_use_district_inbox(user) or district is None:
        return ConcernTransfer.objects.none()
    return (
        ConcernTransfer.objects.filter(from_district_id=district)
        .exclude(concern__district_id=district)
        .select_related("concern", "to_district")
        .order_by("-transferred_at", "-id")
    )


# --- the detail page --------------------------------------------------------------------


def mask_cpr(normalised: str) -> str:
    """The birth-date part only, e.g. 010190-XXXX: enough to tell persons apart on screen,
    never the full number (it is not needed to screen a concern)."""
    if not normalised:
        return ""
    return f"{format_cpr(normalised)[:7]}XXXX"


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    text: str | Promise
    by: str


def _pet_staff_among(user_ids: set[int | None]) -> set[int]:
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return set()
    return set(
        Membership.objects.filter(
            user_id__in=ids, unit__organisation__kind=OrganisationKind.SECURITY_SERVICE
        ).values_list("user_id", flat=True)
    )


def concern_history(concern: Concern, *, hide_pet_staff: bool = True) -> list[HistoryLine]:
    """Received, every assignment, transfer and attachment, oldest first (four queries).

    PET's staff are named to nobody outside PET: on a concern PET received and passed
    on, the district reads "PET" where PET's people acted (``hide_pet_staff``)."""
    transfers = list(
        concern.transfers.select_related(
            "from_district", "to_district", "from_unit__organisation", "transferred_by"
        )
    )
    pet_ids = (
        _pet_staff_among({concern.received_by_id, *(t.transferred_by_id for t in transfers)})
        if hide_pet_staff
        else set()
    )

    def name(user: Any) -> str:
        if user is None:
            return ""
        return str(_("PET")) if user.pk in pet_ids else str(user.display_name())

    lines = [
        HistoryLine(
            concern.received_at,
            _("Modtaget via %(channel)s") % {"channel": concern.get_channel_display()},
            name(concern.received_by),
        )
    ]
    for row in concern.assignments.select_related("assigned_to", "assigned_by"):
        if row.assigned_to is None:
            text: str | Promise = _("Fordeling fjernet – tilbage i fælles indbakke")
        else:
            text = _("Fordelt til %(name)s") % {"name": row.assigned_to.display_name()}
        lines.append(HistoryLine(row.assigned_at, text, row.assigned_by.display_name()))
    for transfer in transfers:
        source = transfer.from_district or transfer.from_unit.organisation
        if transfer.kind == TransferKind.PET_TO_DISTRICT:
            text = _("Sendt fra PET til %(target)s. Begrundelse: %(reason)s") % {
                "target": transfer.to_district,
                "reason": transfer.reason,
            }
        else:
            text = _("Overført fra %(source)s til %(target)s. Begrundelse: %(reason)s") % {
                "source": source,
                "target": transfer.to_district,
                "reason": transfer.reason,
            }
        lines.append(HistoryLine(transfer.transferred_at, text, name(transfer.transferred_by)))
    lines.extend(_attachment_history(concern))
    return sorted(lines, key=lambda line: line.at)


def _attachment_history(concern: Concern) -> list[HistoryLine]:
    """Attachments added and removed (one query, without the files' content)."""
    lines = []
    attachments = concern.attachments.defer("ciphertext").select_related(
        "uploaded_by", "removed_by"
    )
    for attachment in attachments:
        lines.append(
            HistoryLine(
                attachment.uploaded_at,
                _("Bilag tilføjet: %(name)s") % {"name": attachment.filename},
                attachment.uploaded_by.display_name(),
            )
        )
        if attachment.removed_at is not None:
            lines.append(
                HistoryLine(
                    attachment.removed_at,
                    _("Bilag fjernet: %(name)s. Begrundelse: %(reason)s")
                    % {"name": attachment.filename, "reason": attachment.removed_reason},
                    attachment.removed_by.display_name() if attachment.removed_by else "",
                )
            )
    return lines


def other_districts(user: Any) -> models.QuerySet[PoliceDistrict]:
    districts = PoliceDistrict.objects.order_by("name")
    own = org_perms.district_id_of(user)
    return districts.exclude(pk=own) if own is not None else districts


# --- PET's triage inbox ------------------------------------------------------------------


def pet_triage_unit() -> Unit:
    return Unit.objects.select_related("organisation").get(kind=UnitKind.PET_TRIAGE)


def pet_triage_concerns_visible_to(user: Any) -> models.QuerySet[Concern]:
    """Concerns lying in PET's triage inbox (no district yet) for PET's triage staff.

    This extends ``permissions.concerns_visible_to`` from outside; it belongs there
    once routing can place a concern with PET directly."""
    if not can_use_pet_triage_inbox(user):
        return Concern.objects.none()
    return Concern.objects.filter(inbox_unit__kind=UnitKind.PET_TRIAGE, district__isnull=True)


def get_pet_concern_for_user(user: Any, pk: Any) -> Concern:
    visible = pet_triage_concerns_visible_to(user).select_related(
        "municipality__police_district", "received_by", "inbox_unit"
    )
    concern: Concern = get_visible_or_404(visible, pk, actor=user, log_read=True)
    return concern


def pet_triage_inbox_for(
    user: Any, criteria: InboxFilter | None = None
) -> models.QuerySet[Concern]:
    """PET's triage inbox, filtered and sorted like a district's (nobody is assigned in
    it); the municipality is fetched along (the list shows it), nothing else per row."""
    concerns = pet_triage_concerns_visible_to(user).select_related("municipality")
    return filter_inbox(concerns, user, criteria or InboxFilter())


@dataclass(frozen=True)
class PetTriageCounts:
    open: int
    overdue: int


def pet_triage_counts(user: Any) -> PetTriageCounts | None:
    """How many concerns wait in PET's triage inbox and how many are past the screening
    deadline, in one query; remembered on the user for the rest of the request."""
    if not can_use_pet_triage_inbox(user):
        return None
    cached: PetTriageCounts | None = getattr(user, _PET_COUNTS_ATTR, None)
    if cached is not None:
        return cached
    totals = pet_triage_concerns_visible_to(user).aggregate(
        open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue=Count("pk", filter=overdue_q()),
    )
    counts = PetTriageCounts(open=totals["open"], overdue=totals["overdue"])
    setattr(user, _PET_COUNTS_ATTR, counts)
    return counts


def passed_on_by_pet(user: Any) -> models.QuerySet[ConcernTransfer]:
    """Concerns PET's triage inbox passed to a district: PET keeps the line "sendt til X"
    (reference, date, where to) but no longer sees the concern itself."""
    if not can_use_pet_triage_inbox(user):
        return ConcernTransfer.objects.none()
    return (
        ConcernTransfer.objects.filter(
            kind=TransferKind.PET_TO_DISTRICT, from_unit__kind=UnitKind.PET_TRIAGE
        )
        .select_related("concern", "to_district")
        .order_by("-transferred_at", "-id")
    )
