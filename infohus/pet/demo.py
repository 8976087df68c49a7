"""Fictional PET exit data for the demo: one exit course on the demo case PET handles
alone, with a note and a minimal disclosure to the district's Infohus, and one referral
from PET's triage waiting for the exit programme. Through the
public actions, idempotent (a case with a course is left alone)."""

from __future__ import annotations

from django.db import transaction

from infohus.accounts.models import User
from infohus.cases.choices import Responsibility
from infohus.cases.models import Case
from infohus.intake.demo import DEMO_MARK
from infohus.intake.inbox import OPEN_STATUSES
from infohus.intake.models import Concern
from infohus.pet import actions
from infohus.pet.models import ExitCourse, ExitReferral

PERSON = "Demo Mand Aarhus (fiktiv)"


REFERRED = "Demo Indsat Odense (fiktiv)"


def _refer_demo_concern() -> None:
    """PET's triage refers the released inmate to the exit programme (left for the exit
    programme to start, so its list shows a referral)."""
    triage = User.objects.filter(username="pet-visitator", is_demo=True).first()
    concern = Concern.objects.filter(
        description__endswith=DEMO_MARK,
        district__isnull=True,
        subject_links__person__full_name=REFERRED,
    ).first()
    if triage is None or concern is None or ExitReferral.objects.filter(concern=concern).exists():
        return
    if concern.status not in OPEN_STATUSES:
        return
    actions.refer_to_exit_programme(
        actor=triage,
        concern=concern,
        reason=f"Inden for PET's målgruppe; personen har selv bedt om hjælp. {DEMO_MARK}",
    )


@transaction.atomic
def load_demo_exit() -> int:
    """Start the demo exit course once; return how many courses were started."""
    _refer_demo_concern()
    lead = User.objects.filter(username="pet-exit", is_demo=True).first()
    partner = User.objects.filter(username="pet-exit-2", is_demo=True).first()
    case = Case.objects.filter(person__full_name=PERSON, responsibility=Responsibility.PET).first()
    if lead is None or partner is None or case is None:
        return 0
    if ExitCourse.objects.filter(case=case).exists():
        return 0
    course = actions.start_course(
        actor=lead,
        case=case,
        reason=f"Personen ønsker selv at forlade miljøet; frivilligt forløb. {DEMO_MARK}",
        team=[partner],
    )
    actions.add_note(
        actor=lead,
        course=course,
        text=f"Åbningsmøde holdt; aftale om kortlægning næste gang. {DEMO_MARK}",
        conversation_on=course.started_on,
    )
    actions.disclose_to_district(
        actor=lead,
        course=course,
        items=["status"],
        message=f"Kommunal hjælp til bolig kan støtte forløbet. {DEMO_MARK}",
        purpose="Koordinering af kommunale indsatser gennem Infohus-koordinatoren.",
    )
    return 1
