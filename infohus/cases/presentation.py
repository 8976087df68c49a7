"""What each audience is shown of a case (the rules are in ``cases.permissions``).

Each function returns the template context for one audience's case page and reads only
what that audience may see: the municipal and PET pages are built from the hand-overs
and packets that involve them, never from the district's own record.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infohus.cases import actions, handovers, packets, permissions, timeline
from infohus.cases.choices import HandoverStatus, Responsibility
from infohus.cases.models import Case, Handover, PetConsultation
from infohus.core.permissions import get_visible_or_404
from infohus.organisations import permissions as org_perms


def consultation_rows(case: Case) -> list[dict[str, Any]]:
    today = timezone.localdate()
    rows = []
    for consultation in case.consultations.select_related("requested_by", "answer_disclosure"):
        rows.append(
            {
                "consultation": consultation,
                "waiting_days": waiting_days(consultation),
                "overdue": not consultation.is_answered and consultation.due_on < today,
            }
        )
    return rows


def waiting_days(consultation: PetConsultation) -> int:
    end = consultation.answered_at or timezone.now()
    return (timezone.localdate(end) - timezone.localdate(consultation.requested_at)).days


def _exchanged_with(org_id: int | None) -> Q:
    """Hand-overs the organisation sent, or received and the sender did not withdraw."""
    return Q(from_organisation_id=org_id) | (
        Q(to_organisation_id=org_id) & ~Q(status=HandoverStatus.CANCELLED)
    )


def _handovers(case: Case) -> Any:
    return case.handovers.select_related(
        "from_organisation", "to_organisation", "sent_by", "decided_by", "disclosure"
    )


def district_context(user: Any, case: Case) -> dict[str, Any]:
    links = case.concern_links.select_related("concern")
    names = handovers.reported_names(case)
    today = timezone.localdate()
    can_manage = permissions.can_manage_case(user, case)
    return {
        "case": case,
        "names": names,
        "concerns": [link.concern for link in links],
        "timeline": timeline.case_timeline(case),
        "can_manage": can_manage,
        "handovers": list(_handovers(case)),
        "handover_targets": handovers.handover_targets(user, case),
        "pending_handover": handovers.pending_handover(case),
        "consultations": consultation_rows(case),
        "can_consult": can_manage and handovers.open_consultation(case) is None,
        "received": list(packets.received_by_district(case)),
        "detentions": list(case.person.pre_trial_detentions.all()),
        "conversations": list(case.conversations.select_related("recorded_by")),
        "open_items": actions.open_items(case) if not case.is_closed else [],
        "follow_up_overdue": case.next_follow_up_on is not None and case.next_follow_up_on < today,
        "today": today,
    }


def municipal_responsibility(case: Case) -> Promise:
    """Who handles the case, as a municipality may be told: PET's part is never shown
    (PET → municipality only through the coordinator, DOMAIN §6)."""
    if case.responsibility == Responsibility.MUNICIPALITY:
        return _("Kommunen")
    if case.responsibility == Responsibility.PET:
        return _("Politiet")
    return _("Politikredsens Infohus")


def municipality_sees_status(case: Case) -> bool:
    """A municipality is not told the case's status while PET alone handles it (it keeps
    only what it needs for its own measures). The page and the API both ask this."""
    return case.responsibility != Responsibility.PET


def municipal_context(user: Any, case: Case) -> dict[str, Any]:
    organisation = org_perms.organisation_of(user)
    org_id = organisation.pk if organisation is not None else None
    exchanged = _handovers(case).filter(_exchanged_with(org_id))
    pet_alone = case.responsibility == Responsibility.PET
    return {
        "case": case,
        "responsible": municipal_responsibility(case),
        "show_status": municipality_sees_status(case),
        "pet_alone": pet_alone,
        "handovers": [] if pet_alone else list(exchanged),
        "packets": packets.sent_to(case, org_id),
        "handover_targets": handovers.handover_targets(user, case),
        "pending_for_me": next(
            (h for h in exchanged if handovers.can_decide_handover(user, h)), None
        ),
    }


def pet_context(user: Any, case: Case) -> dict[str, Any]:
    organisation = org_perms.organisation_of(user)
    org_id = organisation.pk if organisation is not None else None
    exchanged = list(_handovers(case).filter(_exchanged_with(org_id)))
    consultations = consultation_rows(case)
    return {
        "case": case,
        "handovers": exchanged,
        "packets": packets.sent_to(case, org_id),
        "consultations": consultations,
        "handover_targets": handovers.handover_targets(user, case),
        "pending_for_me": next(
            (h for h in exchanged if handovers.can_decide_handover(user, h)), None
        ),
        "can_start_exit": permissions.can_start_exit_course(user, case),
        "can_answer": any(
            handovers.can_answer_consultation(user, row["consultation"]) for row in consultations
        ),
    }


def handover_for_user(user: Any, pk: Any) -> Handover:
    """A hand-over the user's organisation sent or received, or the district's own."""
    visible = Handover.objects.filter(case__in=permissions.cases_visible_to(user))
    audience = permissions.audience_of(user)
    if audience != permissions.DISTRICT:
        organisation = org_perms.organisation_of(user)
        org_id = organisation.pk if organisation is not None else None
        visible = visible.filter(_exchanged_with(org_id))
    handover: Handover = get_visible_or_404(
        visible.select_related("case", "case__person", "disclosure"),
        pk,
        actor=user,
        log_read=True,
    )
    return handover
