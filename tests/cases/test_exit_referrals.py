"""PET's triage refers a concern to the exit programme, which starts a course that no
district ever sees (DOMAIN §5: visitation → exit programme receives)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infohus.accounts.models import User
from infohus.intake.models import Concern
from infohus.persons.models import FocusPerson
from infohus.pet import actions
from infohus.pet.models import ExitCourse, ExitReferral
from tests.cases.test_case_matrix import EXIT
from tests.intake.test_pet_triage import pet_concern
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

Persona = Callable[[str], User]
ClientFor = Callable[[str], Client]


def referred(persona: Persona, *, born: date | None = date(1995, 5, 5)) -> ExitReferral:
    concern = pet_concern(persona("pet_triage"), cpr="050595-1234")
    FocusPerson.objects.filter(concern_links__concern=concern).update(birth_date=born)
    return actions.refer_to_exit_programme(
        actor=persona("pet_triage"), concern=concern, reason="Inden for PET's målgruppe."
    )


def test_triage_refers_and_the_exit_programme_starts_a_course(
    persona: Persona, client_for: ClientFor
) -> None:
    triage = client_for("pet_triage")
    concern = pet_concern(persona("pet_triage"), cpr="050595-1234")
    FocusPerson.objects.filter(concern_links__concern=concern).update(birth_date=date(1995, 5, 5))
    url = reverse("exit:refer_concern", args=[concern.pk])
    assert (
        triage.get(reverse("pet:concern_detail", args=[concern.pk])).content.decode().count(url)
        == 1
    )
    # A reason is required; nothing is saved without one.
    assert triage.post(url, {"reason": ""}).status_code == 200
    assert not ExitReferral.objects.exists()
    assert triage.post(url, {"reason": "Inden for målgruppen."}).status_code == 302
    referral = ExitReferral.objects.get()
    assert Concern.objects.get(pk=concern.pk).status == "screened"
    # The exit programme sees the referral and starts the course from it.
    exit_client = client_for("pet_exit_worker")
    listing = exit_client.get(reverse("exit:course_list")).content.decode()
    start = reverse("exit:start_from_referral", args=[referral.pk])
    assert start in listing
    response = exit_client.post(
        start, {"reason": "Frivilligt forløb.", "team": [persona("pet_exit_worker_2").pk]}
    )
    assert response.status_code == 302
    course = ExitCourse.objects.get()
    assert course.case is None and course.person_id == referral.person_id
    referral.refresh_from_db()
    assert referral.course == course
    # No disclosure to a district is offered: there is no district.
    body = exit_client.get(reverse("exit:course_detail", args=[course.pk])).content.decode()
    assert "Videregiv til politikredsen" not in body
    with pytest.raises(ValidationError):
        actions.disclose_to_district(
            actor=persona("pet_exit_worker"),
            course=course,
            items=["status"],
            message="",
            purpose="Fiktiv.",
        )
    # The referral is used: starting again is a 404.
    assert exit_client.get(start).status_code == 404


def test_referral_needs_one_named_person_and_an_open_concern(persona: Persona) -> None:
    nameless = pet_concern(persona("pet_triage"))
    with pytest.raises(ValidationError) as error:
        actions.refer_to_exit_programme(
            actor=persona("pet_triage"), concern=nameless, reason="Fiktiv."
        )
    assert error.value.error_list[0].code == "one_person"
    referral = referred(persona)
    with pytest.raises(ValidationError):
        actions.refer_to_exit_programme(
            actor=persona("pet_triage"), concern=referral.concern, reason="Igen."
        )


def test_the_age_rule_applies_to_referrals_too(persona: Persona) -> None:
    today = timezone.localdate()
    referral = referred(persona, born=today.replace(year=today.year - 14))
    with pytest.raises(ValidationError) as error:
        actions.start_course_from_referral(
            actor=persona("pet_exit_worker"),
            referral=referral,
            reason="Fiktiv.",
            team=[persona("pet_exit_worker_2")],
        )
    assert error.value.error_list[0].code == "under_minimum_age"
    assert "Send henvendelsen til politikredsens Infohus" in str(error.value.messages[0])


def test_referral_pages_by_persona(persona: Persona, client_for: ClientFor) -> None:
    referral = referred(persona)
    open_concern = pet_concern(persona("pet_triage"))
    pages = [
        (reverse("exit:refer_concern", args=[open_concern.pk]), {"pet_triage"}),
        (reverse("exit:start_from_referral", args=[referral.pk]), EXIT),
    ]
    for path, allowed in pages:
        for key in sorted(PERSONAS):
            expected = 200 if key in allowed else 404
            assert client_for(key).get(path).status_code == expected, (key, path)
