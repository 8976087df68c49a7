"""Work queues: what waits for the user, per role (issue 4 item 8).

Sections, each shown only to the roles it concerns:

* concerns awaiting screening — the district's Infohus staff;
* cases awaiting my decision — the district's case managers: open cases the district
  handles whose follow-up date has come, or that sit in qualification with no date;
* hand-overs awaiting acceptance — addressed to the user's organisation and role;
* PET answers — overdue questions for the district, open questions for PET;
* upcoming releases — release notices due within the next weeks.

``queue_counts`` does one count query per section the user has (the start page uses
it); ``queue_rows`` is one section's rows with their relations, for the page to show
the first few of each section or one section paginated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infohus.cases import handovers, permissions
from infohus.cases.choices import CaseStatus, HandoverStatus, Responsibility
from infohus.cases.models import Case, Handover, PetConsultation
from infohus.intake.inbox import OPEN_STATUSES
from infohus.intake.models import Concern, ReleaseNotice
from infohus.intake.permissions import concerns_visible_to
from infohus.intake.release_permissions import release_notices_visible_to
from infohus.organisations import permissions as org_perms

RELEASE_HORIZON_DAYS = 30

SCREENING = "screening"
DECISIONS = "decisions"
HANDOVERS = "handovers"
PET_ANSWERS = "pet_answers"
RELEASES = "releases"


@dataclass(frozen=True)
class Section:
    key: str
    title: Promise
    empty: Promise


SECTIONS: dict[str, Section] = {
    SCREENING: Section(
        SCREENING, _("Henvendelser der venter på screening"), _("Ingen henvendelser venter.")
    ),
    DECISIONS: Section(DECISIONS, _("Sager der venter på en beslutning"), _("Ingen sager venter.")),
    HANDOVERS: Section(
        HANDOVERS, _("Overleveringer der venter på accept"), _("Ingen overleveringer venter.")
    ),
    PET_ANSWERS: Section(PET_ANSWERS, _("Svar fra PET"), _("Ingen forespørgsler venter.")),
    RELEASES: Section(
        RELEASES, _("Kommende løsladelser"), _("Ingen løsladelser de næste 30 dage.")
    ),
}


def _screening(user: Any) -> models.QuerySet[Concern]:
    return concerns_visible_to(user).filter(
        status__in=OPEN_STATUSES, district__isnull=False, screening__isnull=True
    )


def _decisions(user: Any) -> models.QuerySet[Case]:
    today = timezone.localdate()
    return (
        permissions.cases_visible_to(user)
        .exclude(status=CaseStatus.CLOSED)
        .exclude(responsibility=Responsibility.PET)
        .filter(
            Q(next_follow_up_on__lte=today)
            | Q(status=CaseStatus.QUALIFICATION, next_follow_up_on__isnull=True)
        )
    )


def _handovers(user: Any) -> models.QuerySet[Handover]:
    organisation = org_perms.organisation_of(user)
    if organisation is None or not handovers.takes_part_in_handovers(user):
        return Handover.objects.none()
    return Handover.objects.filter(
        status=HandoverStatus.PENDING,
        to_organisation=organisation,
        case__in=permissions.cases_visible_to(user),
    )


def _pet_answers(user: Any) -> models.QuerySet[PetConsultation]:
    open_questions = PetConsultation.objects.filter(
        answer="", case__in=permissions.cases_visible_to(user)
    )
    if permissions.audience_of(user) == permissions.PET:
        return open_questions
    return open_questions.filter(due_on__lt=timezone.localdate())


def _releases(user: Any) -> models.QuerySet[ReleaseNotice]:
    today = timezone.localdate()
    return release_notices_visible_to(user).filter(
        release_on__gte=today, release_on__lte=today + timedelta(days=RELEASE_HORIZON_DAYS)
    )


def sections_for(user: Any) -> list[str]:
    audience = permissions.audience_of(user)
    if audience == permissions.DISTRICT:
        found = [SCREENING]
        if org_perms.has_role(user, *permissions.CASE_MANAGER_ROLES):
            found += [DECISIONS, HANDOVERS]
        return [*found, PET_ANSWERS, RELEASES]
    if audience == permissions.PET:
        return [HANDOVERS, PET_ANSWERS, RELEASES]
    if audience == permissions.MUNICIPALITY:
        return [HANDOVERS]
    return []


QUERIES = {
    SCREENING: _screening,
    DECISIONS: _decisions,
    HANDOVERS: _handovers,
    PET_ANSWERS: _pet_answers,
    RELEASES: _releases,
}


def queue_counts(user: Any) -> dict[str, int]:
    return {key: QUERIES[key](user).count() for key in sections_for(user)}


SORTS = ("due", "newest")


def queue_rows(user: Any, key: str, *, sort: str = "due") -> models.QuerySet[Any]:
    """One section's rows with their relations, most urgent first (``sort="due"``) or
    newest first; a queryset, so the page slices or paginates it."""
    newest = sort == "newest"
    if key == SCREENING:
        order = ["-received_at"] if newest else ["screening_due_on", "received_at"]
        return _screening(user).order_by(*order, "pk")
    if key == DECISIONS:
        order = ["-opened_at"] if newest else ["next_follow_up_on", "opened_at"]
        return _decisions(user).select_related("municipality").order_by(*order, "pk")
    if key == HANDOVERS:
        return (
            _handovers(user)
            .select_related("case", "from_organisation")
            .order_by("-sent_at" if newest else "sent_at", "pk")
        )
    if key == PET_ANSWERS:
        return (
            _pet_answers(user)
            .select_related("case")
            .order_by("-requested_at" if newest else "due_on", "pk")
        )
    if key == RELEASES:
        return (
            _releases(user)
            .select_related("municipality")
            .order_by("-release_on" if newest else "release_on", "pk")
        )
    raise KeyError(key)
