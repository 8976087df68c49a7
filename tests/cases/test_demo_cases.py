"""The demo's fictional cases: screenings of every outcome, hand-overs and a PET
consultation, made through the public actions and loaded idempotently."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from infohus.accounts.models import User
from infohus.cases import permissions
from infohus.cases.choices import HandoverStatus, Responsibility, ScreeningOutcome
from infohus.cases.models import Case, Handover, PetConsultation, Screening
from infohus.cases.queue import HANDOVERS, PET_ANSWERS, queue_counts
from infohus.core.models import AuditEvent
from infohus.disclosures.models import Disclosure
from infohus.pet.models import ExitCourse, ExitReferral

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        Case.objects.count(),
        Screening.objects.count(),
        Handover.objects.count(),
        PetConsultation.objects.count(),
        Disclosure.objects.count(),
        AuditEvent.objects.count(),
    )


def test_demo_has_cases_handovers_and_a_consultation() -> None:
    out = StringIO()
    call_command("load_demo", "--quiet", stdout=out)
    assert "4 new cases" in out.getvalue() and "1 new exit courses" in out.getvalue()
    assert Case.objects.count() == 4
    assert set(Screening.objects.values_list("outcome", flat=True)) == set(ScreeningOutcome.values)
    no_action = Screening.objects.get(outcome=ScreeningOutcome.NO_ACTION)
    assert no_action.unfounded and no_action.municipality_informed
    assert all("fiktiv" in s.reason for s in Screening.objects.all())

    accepted = Handover.objects.get(
        status=HandoverStatus.ACCEPTED, to_responsibility=Responsibility.MUNICIPALITY
    )
    assert accepted.to_responsibility == Responsibility.MUNICIPALITY
    assert accepted.decided_by == User.objects.get(username="aarhus-kontakt")
    assert accepted.case.responsibility == Responsibility.MUNICIPALITY
    pending = Handover.objects.get(status=HandoverStatus.PENDING)
    assert pending.to_responsibility == Responsibility.JOINT_PET
    assert Handover.objects.count() == 3
    # PET alone handles one case, with an exit course the district never sees.
    pet_case = Case.objects.get(responsibility=Responsibility.PET)
    course = ExitCourse.objects.get(case=pet_case)
    assert course.team.count() == 2 and course.notes.count() == 1
    assert Disclosure.objects.filter(kind="pet_to_district", object_id=str(pet_case.pk)).exists()
    referral = ExitReferral.objects.get()
    assert referral.course is None and referral.concern.district is None

    consultation = PetConsultation.objects.get()
    assert consultation.answer == ""

    pet = User.objects.get(username="pet-visitator")
    visible = permissions.cases_visible_to(pet)
    assert visible.filter(pk=pending.case_id).exists()
    assert visible.filter(pk=consultation.case_id).exists()
    counts = queue_counts(pet)
    assert counts[HANDOVERS] == 1
    assert counts[PET_ANSWERS] == 1


def test_loading_the_demo_twice_adds_no_cases() -> None:
    call_command("load_demo", "--quiet", stdout=StringIO())
    counts = _counts()
    out = StringIO()
    call_command("load_demo", "--quiet", stdout=out)
    assert "0 new cases" in out.getvalue() and "0 new exit courses" in out.getvalue()
    assert _counts() == counts
