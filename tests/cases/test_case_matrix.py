"""Persona matrix over every case and exit endpoint, at each step of a case's life:
who gets 200, who 403 (may see, may not do), who 404 (may not know it exists)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from infohus.accounts.models import User
from infohus.cases import conduct, handovers
from infohus.cases.choices import Responsibility
from infohus.persons.models import FocusPerson
from infohus.pet import actions as exit_actions
from tests.cases.test_work_division import open_case
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

DISTRICT = {"coordinator", "prevention_officer", "analyst"}
MANAGERS = {"coordinator", "prevention_officer"}
PET = {"pet_triage", "pet_exit_worker", "pet_exit_worker_2"}
EXIT = {"pet_exit_worker", "pet_exit_worker_2"}


def expect(client_for: Callable[[str], Client], path: str, table: dict[int, set[str]]) -> None:
    """GET ``path`` as every persona; the table maps status → personas (rest: 404)."""
    for key in sorted(PERSONAS):
        wanted = next((code for code, who in table.items() if key in who), 404)
        got = client_for(key).get(path).status_code
        assert got == wanted, (key, path, got, wanted)


def test_matrix_while_the_district_handles_the_case(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    case = open_case(persona)
    detention = conduct.record_detention(
        actor=persona("coordinator"), case=case, starts_on=date(2020, 1, 1)
    )
    consultation = handovers.request_consultation(
        actor=persona("coordinator"), case=case, question="Fiktivt spørgsmål."
    )
    handover = handovers.send_handover(
        actor=persona("coordinator"),
        case=case,
        to_responsibility=Responsibility.MUNICIPALITY,
        reason="Fiktiv.",
        legal_basis="rpl_115",
        items=["person"],
    )
    pk = case.pk
    # Parties that may see the case but not change it get 403; everyone else 404.
    district_write = {200: MANAGERS, 403: {"analyst", "municipal_contact"} | PET}
    expect(
        client_for,
        reverse("cases:case_detail", args=[pk]),
        {200: DISTRICT | PET | {"municipal_contact"}},
    )
    for name in (
        "change_status",
        "change_severity",
        "close_case",
        "record_conversation",
        "record_detention",
        "investigation",
    ):
        expect(client_for, reverse(f"cases:{name}", args=[pk]), district_write)
    # One open question at a time: asking again is not offered (form page still opens).
    expect(client_for, reverse("cases:request_consultation", args=[pk]), district_write)
    expect(client_for, reverse("cases:end_detention", args=[detention.pk]), district_write)
    # The pending hand-over: the district and the municipality see it; PET does not.
    expect(
        client_for,
        reverse("cases:handover_detail", args=[handover.pk]),
        {200: DISTRICT | {"municipal_contact"}},
    )
    expect(
        client_for,
        reverse("cases:decide_handover", args=[handover.pk]),
        {200: {"municipal_contact"}, 403: DISTRICT},
    )
    expect(
        client_for,
        reverse("cases:cancel_handover", args=[handover.pk]),
        {200: MANAGERS, 403: {"analyst", "municipal_contact"}},
    )
    # PET answers the question; the district cannot.
    expect(
        client_for,
        reverse("cases:answer_consultation", args=[consultation.pk]),
        {200: PET},
    )
    # Only the sender's party may hand over now (and the pending one blocks a second).
    expect(
        client_for,
        reverse("cases:send_handover", args=[pk]),
        {200: MANAGERS, 403: {"analyst", "municipal_contact"} | PET},
    )
    # Exit: nobody may start a course on a case PET does not handle.
    expect(client_for, reverse("exit:start_course", args=[pk]), {403: EXIT})
    expect(client_for, reverse("exit:course_list"), {200: EXIT})


def test_matrix_while_pet_handles_the_case_alone(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    case = open_case(persona)
    FocusPerson.objects.filter(pk=case.person_id).update(birth_date=date(1990, 1, 1))
    to_pet = handovers.send_handover(
        actor=persona("coordinator"),
        case=case,
        to_responsibility=Responsibility.PET,
        reason="Fiktiv.",
        legal_basis="police_to_police",
        items=[],
    )
    handovers.accept_handover(actor=persona("pet_triage"), handover=to_pet)
    case.refresh_from_db()
    course = exit_actions.start_course(
        actor=persona("pet_exit_worker"),
        case=case,
        reason="Fiktiv.",
        team=[persona("pet_exit_worker_2")],
    )
    pk = case.pk
    # The municipality was never involved: 404. The district reads, no longer writes.
    expect(client_for, reverse("cases:case_detail", args=[pk]), {200: DISTRICT | PET})
    for name in (
        "change_status",
        "change_severity",
        "close_case",
        "record_conversation",
        "investigation",
    ):
        expect(client_for, reverse(f"cases:{name}", args=[pk]), {403: DISTRICT | PET})
    expect(client_for, reverse("cases:send_handover", args=[pk]), {200: PET, 403: DISTRICT})
    expect(client_for, reverse("exit:course_detail", args=[course.pk]), {200: EXIT})
    expect(client_for, reverse("exit:start_course", args=[pk]), {200: EXIT})
    expect(
        client_for,
        reverse("cases:work_queue"),
        {
            200: DISTRICT
            | PET
            | {"coordinator_fyn", "municipal_contact", "municipal_contact_odense"}
        },
    )
