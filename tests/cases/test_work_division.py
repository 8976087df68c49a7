"""Hand-overs, PET consultations, PET's compartment and the domain rules (issue 4 items
3–8): what each persona sees at each step, and what is refused with an explanation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from infohus.accounts.models import User
from infohus.cases import actions, conduct, handovers, queue
from infohus.cases.choices import CaseStatus, HandoverStatus, Responsibility
from infohus.cases.models import Case, Handover, PetConsultation
from infohus.disclosures.models import Disclosure
from infohus.intake.models import Concern
from infohus.intake.release_actions import register_release_notice
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput
from infohus.persons.models import FocusPerson
from infohus.pet import actions as exit_actions
from infohus.pet.models import ExitCourse
from tests.intake.test_inbox import make_concern

pytestmark = pytest.mark.django_db

Persona = Callable[[str], User]
ClientFor = Callable[[str], Client]

DISTRICT_MARK = "DISTRIKTETS-RESUME"
PET_MARK = "PET-RESUME-KUN-TIL-KREDSEN"
EXIT_NOTE = "EXITNOTE-FORLADER-ALDRIG-PET"


def open_case(persona: Persona, *, cpr: str = "010190-1234", municipality: str = "751") -> Case:
    concern = make_concern(municipality, cpr=cpr)
    screener = "coordinator" if municipality == "751" else "coordinator_fyn"
    screening = actions.screen_concern(
        actor=persona(screener),
        concern=concern,
        outcome="prevention",
        reason="Fiktiv begrundelse.",
        participants=[],
    )
    assert screening.case is not None
    return screening.case


def hand_over(
    persona: Persona,
    case: Case,
    sender: str,
    to: str,
    *,
    basis: str,
    accept_as: str,
    summary: str = "",
) -> Handover:
    handover = handovers.send_handover(
        actor=persona(sender),
        case=case,
        to_responsibility=to,
        reason=f"Fiktiv begrundelse for {to}.",
        legal_basis=basis,
        items=["person"],
        summary=summary,
    )
    handovers.accept_handover(actor=persona(accept_as), handover=handover)
    case.refresh_from_db()
    assert case.responsibility == to
    return handover


def page(client: Client, case: Case) -> tuple[int, str]:
    response = client.get(reverse("cases:case_detail", args=[case.pk]))
    return response.status_code, response.content.decode()


# --- hand-overs and what each persona sees -------------------------------------------


def test_case_moves_district_joint_pet_and_back_and_the_municipality_sees_its_slice(
    persona: Persona, client_for: ClientFor
) -> None:
    case = open_case(persona)
    municipal = client_for("municipal_contact")
    coordinator = client_for("coordinator")
    pet = client_for("pet_exit_worker")

    # Not involved yet: the municipality and PET see nothing; another district neither.
    for who in ("municipal_contact", "municipal_contact_odense", "pet_exit_worker"):
        assert page(client_for(who), case)[0] == 404, who

    # District → municipality (§ 115) and back: the municipality is now involved.
    to_municipality = hand_over(
        persona,
        case,
        "coordinator",
        Responsibility.MUNICIPALITY,
        basis="rpl_115",
        accept_as="municipal_contact",
        summary=DISTRICT_MARK,
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.ON_HOLD  # the police case rests while the municipality acts
    status, body = page(municipal, case)
    assert status == 200
    assert "Kommunen" in body and DISTRICT_MARK in body and "I bero" in body
    hand_over(
        persona,
        case,
        "municipal_contact",
        Responsibility.DISTRICT,
        basis="rpl_115a",
        accept_as="coordinator",
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.QUALIFICATION

    # Step 1: district → joint with PET (police to police).
    hand_over(
        persona,
        case,
        "coordinator",
        Responsibility.JOINT_PET,
        basis="police_to_police",
        accept_as="pet_exit_worker",
    )
    status, body = page(municipal, case)
    assert status == 200
    assert "Politikredsens Infohus" in body and "Kvalificering" in body
    assert "PET" not in body  # PET's involvement is not the municipality's to know
    assert page(pet, case)[0] == 200
    assert page(coordinator, case)[0] == 200

    # Step 2: PET takes the case alone (PET proposes, the district accepts).
    hand_over(
        persona,
        case,
        "pet_exit_worker",
        Responsibility.PET,
        basis="pet_act",
        accept_as="coordinator",
        summary=PET_MARK,
    )
    status, body = page(municipal, case)
    assert status == 200
    assert "Sagen håndteres af politiet" in body
    assert "Kvalificering" not in body and "Overleveringer med kommunen" not in body
    assert DISTRICT_MARK in body  # what it received for its own measures, it keeps
    assert PET_MARK not in body and "PET" not in body
    status, body = page(coordinator, case)
    assert status == 200 and PET_MARK in body  # PET → district: the packet, with its basis
    assert "PET-loven" in body
    assert "Skift status" not in body  # read-only for the district while PET handles it

    # Step 3: back to the district.
    hand_over(
        persona,
        case,
        "pet_exit_worker",
        Responsibility.DISTRICT,
        basis="pet_act",
        accept_as="coordinator",
    )
    status, body = page(municipal, case)
    assert status == 200 and "Politikredsens Infohus" in body and PET_MARK not in body
    assert "Skift status" in page(coordinator, case)[1]
    # Another district never sees any of it.
    assert page(client_for("coordinator_fyn"), case)[0] == 404
    assert page(client_for("municipal_contact_odense"), case)[0] == 404
    # Every step is a hand-over with a reason and a disclosure with its basis.
    steps = list(case.handovers.order_by("sent_at", "id"))
    assert [h.to_responsibility for h in steps] == [
        "municipality",
        "district",
        "joint_pet",
        "pet",
        "district",
    ]
    assert all(h.reason and h.status == HandoverStatus.ACCEPTED for h in steps)
    assert [h.disclosure.legal_basis for h in steps] == [
        "rpl_115",
        "rpl_115a",
        "police_to_police",
        "pet_act",
        "pet_act",
    ]
    assert to_municipality.disclosure.prevention_only


def test_pet_never_hands_a_case_to_a_municipality(persona: Persona) -> None:
    case = open_case(persona)
    hand_over(
        persona,
        case,
        "coordinator",
        Responsibility.PET,
        basis="police_to_police",
        accept_as="pet_triage",
    )
    with pytest.raises(ValidationError) as error:
        handovers.send_handover(
            actor=persona("pet_exit_worker"),
            case=case,
            to_responsibility=Responsibility.MUNICIPALITY,
            reason="Fiktiv.",
            legal_basis="pet_act",
            items=[],
        )
    assert error.value.error_list[0].code == "pet_to_municipality"
    assert "koordinatoren" in str(error.value.messages[0])


def test_declined_and_withdrawn_handovers_change_nothing(
    persona: Persona, client_for: ClientFor
) -> None:
    case = open_case(persona)
    sent = handovers.send_handover(
        actor=persona("coordinator"),
        case=case,
        to_responsibility=Responsibility.MUNICIPALITY,
        reason="Fiktiv.",
        legal_basis="rpl_115",
        items=["person", "concerns"],
        summary=DISTRICT_MARK,
    )
    # One pending hand-over at a time.
    with pytest.raises(ValidationError):
        handovers.send_handover(
            actor=persona("coordinator"),
            case=case,
            to_responsibility=Responsibility.JOINT_PET,
            reason="Fiktiv.",
            legal_basis="police_to_police",
            items=[],
        )
    # The municipality sees the pending packet, but must give a reason to decline.
    assert DISTRICT_MARK in page(client_for("municipal_contact"), case)[1]
    with pytest.raises(ValidationError):
        handovers.decline_handover(actor=persona("municipal_contact"), handover=sent, note=" ")
    handovers.decline_handover(
        actor=persona("municipal_contact"), handover=sent, note="Ikke vores sag."
    )
    case.refresh_from_db()
    assert case.responsibility == Responsibility.DISTRICT
    again = handovers.send_handover(
        actor=persona("coordinator"),
        case=case,
        to_responsibility=Responsibility.MUNICIPALITY,
        reason="Fiktiv.",
        legal_basis="rpl_115",
        items=["person"],
    )
    handovers.cancel_handover(actor=persona("coordinator"), handover=again, reason="Fejl.")
    again.disclosure.refresh_from_db()
    assert again.disclosure.withdrawn_at is not None
    assert case.handovers.filter(status=HandoverStatus.PENDING).count() == 0
    # The withdrawn packet is gone for the recipient; the declined one stays (it decided).
    municipal = client_for("municipal_contact")
    assert municipal.get(reverse("cases:handover_detail", args=[again.pk])).status_code == 404
    assert municipal.get(reverse("cases:handover_detail", args=[sent.pk])).status_code == 200
    assert (
        client_for("coordinator").get(reverse("cases:handover_detail", args=[again.pk])).status_code
        == 200
    )


def test_handover_ui_round_trip_keeps_input_on_error(
    persona: Persona, client_for: ClientFor
) -> None:
    case = open_case(persona)
    coordinator = client_for("coordinator")
    url = reverse("cases:send_handover", args=[case.pk])
    response = coordinator.post(
        url,
        {"to_responsibility": "municipality", "legal_basis": "pet_act", "reason": "Behold mig"},
    )
    assert response.status_code == 200
    assert "Behold mig" in response.content.decode()
    assert not Handover.objects.exists()
    response = coordinator.post(
        url,
        {
            "to_responsibility": "municipality",
            "legal_basis": "rpl_115",
            "items": ["person"],
            "reason": "Kommunen har en indsats.",
        },
    )
    assert response.status_code == 302
    handover = Handover.objects.get()
    municipal = client_for("municipal_contact")
    decide = reverse("cases:decide_handover", args=[handover.pk])
    assert municipal.get(decide).status_code == 200
    assert coordinator.get(decide).status_code == 403  # the sender cannot accept its own
    response = municipal.post(decide, {"decision": "accept", "note": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.responsibility == Responsibility.MUNICIPALITY


# --- PET consultation -----------------------------------------------------------------


def test_pet_consultation_due_date_overdue_flag_and_answer(
    persona: Persona, client_for: ClientFor
) -> None:
    case = open_case(persona)
    consultation = handovers.request_consultation(
        actor=persona("coordinator"), case=case, question="Kender PET personen?"
    )
    assert consultation.due_on > timezone.localdate()
    with pytest.raises(ValidationError):  # one open question at a time
        handovers.request_consultation(actor=persona("coordinator"), case=case, question="Igen?")
    # The question makes the case visible to PET, with only what was disclosed.
    status, body = page(client_for("pet_triage"), case)
    assert status == 200 and "Kender PET personen?" in body
    assert "Fiktiv bekymring om radikalisering" not in body  # not the district's concern text
    PetConsultation.objects.filter(pk=consultation.pk).update(
        due_on=timezone.localdate() - timedelta(days=2),
        requested_at=timezone.now() - timedelta(days=16),
    )
    coordinator = client_for("coordinator")
    body = page(coordinator, case)[1]
    assert "Overskredet" in body and "16 dage" in body
    assert queue.queue_counts(persona("coordinator"))[queue.PET_ANSWERS] == 1
    response = client_for("pet_triage").post(
        reverse("cases:answer_consultation", args=[consultation.pk]),
        {"answer": "district_proceeds", "note": "Ikke kendt af PET."},
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.is_answered and consultation.answer_disclosure is not None
    assert consultation.answer_disclosure.legal_basis == "pet_act"
    body = page(coordinator, case)[1]
    assert "Ikke kendt af PET." in body and "Overskredet" not in body
    assert queue.queue_counts(persona("coordinator"))[queue.PET_ANSWERS] == 0
    # Answering again is refused; a district user cannot answer at all.
    assert (
        coordinator.get(reverse("cases:answer_consultation", args=[consultation.pk])).status_code
        == 404
    )


# --- PET's compartment ----------------------------------------------------------------


def pet_case(persona: Persona, *, birth_date: date | None = date(1990, 1, 1)) -> Case:
    case = open_case(persona)
    FocusPerson.objects.filter(pk=case.person_id).update(birth_date=birth_date)
    hand_over(
        persona,
        case,
        "coordinator",
        Responsibility.PET,
        basis="police_to_police",
        accept_as="pet_triage",
    )
    case.refresh_from_db()
    return case


def start(persona: Persona, case: Case) -> ExitCourse:
    colleague = persona("pet_exit_worker_2")
    return exit_actions.start_course(
        actor=persona("pet_exit_worker"), case=case, reason="Frivilligt forløb.", team=[colleague]
    )


def test_exit_record_is_404_for_the_district_and_the_municipality(
    persona: Persona, client_for: ClientFor
) -> None:
    case = pet_case(persona)
    course = start(persona, case)
    exit_actions.add_note(actor=persona("pet_exit_worker"), course=course, text=EXIT_NOTE)
    url = reverse("exit:course_detail", args=[course.pk])
    pet = client_for("pet_exit_worker")
    assert pet.get(url).status_code == 200
    for who in ("coordinator", "prevention_officer", "analyst", "municipal_contact", "pet_triage"):
        assert client_for(who).get(url).status_code == 404, who
        assert client_for(who).get(reverse("exit:course_list")).status_code == 404, who
    # Disclosing to the district: only the chosen items, with the PET act as basis.
    response = pet.post(
        url,
        {
            "disclose-items": ["status"],
            "disclose-message": "Forløbet går godt; kommunal bolig kan hjælpe.",
            "disclose-purpose": "Koordinering af kommunale indsatser.",
        },
    )
    assert response.status_code == 302
    disclosure = Disclosure.objects.get(kind="pet_to_district")
    assert disclosure.legal_basis == "pet_act" and disclosure.regime == "pet"
    assert [code for code, _label in [(i["code"], i["label"]) for i in disclosure.items]] == [
        "status",
        "message",
    ]
    body = page(client_for("coordinator"), case)[1]
    assert "Aktivt forløb" in body and "kommunal bolig" in body
    assert EXIT_NOTE not in body
    assert "Forløbet startede" not in body  # not disclosed, not shown
    assert "PET-loven (videregivelse fra PET til politiet)" in body
    body = page(client_for("municipal_contact"), case)[1]
    assert "kommunal bolig" not in body


def test_no_exit_course_under_15_and_the_path_is_suggested(persona: Persona) -> None:
    today = timezone.localdate()
    case = pet_case(persona, birth_date=today.replace(year=today.year - 14))
    with pytest.raises(ValidationError) as error:
        start(persona, case)
    message = str(error.value.messages[0])
    assert error.value.error_list[0].code == "under_minimum_age"
    assert "14 år" in message and "sociale" in message and "rådgive" in message
    assert not ExitCourse.objects.exists()
    # Without a birth date the rule cannot be checked: refused too.
    FocusPerson.objects.filter(pk=case.person_id).update(birth_date=None)
    case.refresh_from_db()
    with pytest.raises(ValidationError):
        start(persona, case)


def test_exit_course_needs_a_team_of_two(persona: Persona) -> None:
    case = pet_case(persona)
    with pytest.raises(ValidationError) as error:
        exit_actions.start_course(
            actor=persona("pet_exit_worker"), case=case, reason="Fiktiv.", team=[]
        )
    assert error.value.error_list[0].code == "team_invalid"


# --- pre-trial detention --------------------------------------------------------------


def test_no_conversation_during_recorded_pre_trial_detention(
    persona: Persona, client_for: ClientFor
) -> None:
    case = open_case(persona)
    today = timezone.localdate()
    conduct.record_detention(
        actor=persona("coordinator"), case=case, starts_on=today - timedelta(days=10)
    )
    with pytest.raises(ValidationError) as error:
        conduct.record_conversation(
            actor=persona("prevention_officer"),
            case=case,
            held_on=today - timedelta(days=1),
            participants="To forebyggelsesbetjente",
            summary="Fiktiv.",
            outcome="follow_up",
        )
    assert error.value.error_list[0].code == "in_pre_trial_detention"
    # Through the page: the error is shown on the date, the summary is kept.
    response = client_for("prevention_officer").post(
        reverse("cases:record_conversation", args=[case.pk]),
        {
            "held_on": (today - timedelta(days=1)).isoformat(),
            "participants": "To betjente",
            "outcome": "follow_up",
            "summary": "Mit referat",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "varetægtsfængsling" in body and "Mit referat" in body
    # Before the detention, a conversation is fine; so is one after it has ended.
    conduct.record_conversation(
        actor=persona("prevention_officer"),
        case=case,
        held_on=today - timedelta(days=11),
        participants="To forebyggelsesbetjente",
        summary="Fiktiv.",
        outcome="follow_up",
    )
    detention = case.person.pre_trial_detentions.get()
    conduct.end_detention(
        actor=persona("coordinator"), detention=detention, ends_on=today - timedelta(days=1)
    )
    conduct.record_conversation(
        actor=persona("prevention_officer"),
        case=case,
        held_on=today,
        participants="To forebyggelsesbetjente",
        summary="Fiktiv.",
        outcome="no_concern",
    )
    assert case.conversations.count() == 2


def test_exit_conversation_note_refused_in_detention(persona: Persona) -> None:
    case = pet_case(persona)
    course = start(persona, case)
    today = timezone.localdate()
    # The district records the detention on its case before PET took it over alone.
    Case.objects.filter(pk=case.pk).update(responsibility=Responsibility.DISTRICT)
    case.refresh_from_db()
    conduct.record_detention(actor=persona("coordinator"), case=case, starts_on=today)
    with pytest.raises(ValidationError):
        exit_actions.add_note(
            actor=persona("pet_exit_worker"), course=course, text="Samtale.", conversation_on=today
        )
    exit_actions.add_note(
        actor=persona("pet_exit_worker"), course=course, text="Notat uden samtale."
    )


# --- § 115 and investigation hand-outs ------------------------------------------------


def test_section_115_information_is_refused_in_an_investigation_handout(
    persona: Persona, client_for: ClientFor
) -> None:
    case = open_case(persona)
    hand_over(
        persona,
        case,
        "coordinator",
        Responsibility.MUNICIPALITY,
        basis="rpl_115",
        accept_as="municipal_contact",
    )
    back = hand_over(
        persona,
        case,
        "municipal_contact",
        Responsibility.DISTRICT,
        basis="rpl_115",
        accept_as="coordinator",
        summary="Kommunens oplysninger.",
    )
    concern_id = case.concern_links.get().concern_id
    with pytest.raises(ValidationError) as error:
        conduct.hand_out_for_investigation(
            actor=persona("coordinator"),
            case=case,
            concern_ids=[concern_id],
            packet_ids=[back.disclosure.pk],
            reason="Mistanke om strafbart forhold.",
        )
    assert error.value.error_list[0].code == "prevention_only"
    assert "§ 115" in str(error.value.messages[0])
    assert not Disclosure.objects.filter(kind="investigation").exists()
    # The page shows the refusal on the field and keeps the reason.
    response = client_for("coordinator").post(
        reverse("cases:investigation", args=[case.pk]),
        {
            "concerns": [str(concern_id)],
            "packets": [str(back.disclosure.pk)],
            "reason": "Min grund",
        },
    )
    assert response.status_code == 200 and "Min grund" in response.content.decode()
    # The police's own material may go.
    handout = conduct.hand_out_for_investigation(
        actor=persona("coordinator"),
        case=case,
        concern_ids=[concern_id],
        packet_ids=[],
        reason="Mistanke om strafbart forhold.",
    )
    assert handout.legal_basis == "le_investigation" and not handout.prevention_only


# --- closing over open items ----------------------------------------------------------


def test_case_with_open_handover_or_overdue_follow_up_needs_an_explicit_reason(
    persona: Persona,
) -> None:
    case = open_case(persona)
    handovers.send_handover(
        actor=persona("coordinator"),
        case=case,
        to_responsibility=Responsibility.MUNICIPALITY,
        reason="Fiktiv.",
        legal_basis="rpl_115",
        items=["person"],
    )
    with pytest.raises(ValidationError) as error:
        actions.close_case(actor=persona("coordinator"), case=case, reason="Færdig.")
    assert error.value.error_list[0].code == "open_items"
    assert "overlevering" in str(error.value.messages[0])
    closed = actions.close_case(
        actor=persona("coordinator"),
        case=case,
        reason="Færdig.",
        open_items_reason="Personen er flyttet til udlandet.",
    )
    assert closed.is_closed
    assert "flyttet til udlandet" in closed.status_changes.last().reason  # type: ignore[union-attr]

    other = open_case(persona, cpr="020290-2345")
    Case.objects.filter(pk=other.pk).update(
        next_follow_up_on=timezone.localdate() - timedelta(days=1)
    )
    other.refresh_from_db()
    with pytest.raises(ValidationError):
        actions.close_case(actor=persona("coordinator"), case=other, reason="Færdig.")


def test_follow_up_date_cannot_be_in_the_past(persona: Persona) -> None:
    case = open_case(persona)
    with pytest.raises(ValidationError):
        actions.change_case_status(
            actor=persona("coordinator"),
            case=case,
            to_status=CaseStatus.ASSESSMENT,
            reason="Fiktiv.",
            next_follow_up_on=timezone.localdate() - timedelta(days=1),
        )
    actions.change_case_status(
        actor=persona("coordinator"),
        case=case,
        to_status=CaseStatus.ASSESSMENT,
        reason="Fiktiv.",
        next_follow_up_on=timezone.localdate(),
    )
    assert queue.queue_counts(persona("coordinator"))[queue.DECISIONS] == 1


# --- two districts ---------------------------------------------------------------------


def test_a_person_in_two_districts_has_two_cases_each_seen_only_at_home(
    persona: Persona, client_for: ClientFor
) -> None:
    in_aarhus = open_case(persona, municipality="751")
    in_odense = open_case(persona, municipality="461")
    assert in_aarhus.person_id == in_odense.person_id
    assert in_aarhus.pk != in_odense.pk
    east, fyn = client_for("coordinator"), client_for("coordinator_fyn")
    assert page(east, in_aarhus)[0] == 200 and page(east, in_odense)[0] == 404
    assert page(fyn, in_odense)[0] == 200 and page(fyn, in_aarhus)[0] == 404
    listing = east.get(reverse("cases:case_list")).content.decode()
    assert in_aarhus.reference in listing and in_odense.reference not in listing
    # The hint on Fyn's concern names and links a contact in Østjylland, not the case.
    concern = Concern.objects.get(case_links__case=in_odense)
    body = fyn.get(reverse("intake:concern_detail", args=[concern.pk])).content.decode()
    assert "kontakt Infohus i Østjyllands Politi" in body
    assert reverse("organisations:organisation_detail", args=[1]).rsplit("1/", 1)[0] in body
    assert in_aarhus.reference not in body
    assert reverse("cases:case_detail", args=[in_aarhus.pk]) not in body


# --- work queues ----------------------------------------------------------------------


def test_work_queue_sections_counts_filter_and_pinned_queries(
    persona: Persona, client_for: ClientFor
) -> None:
    make_concern("751")  # awaiting screening
    case = open_case(persona)  # in qualification without a date: awaiting a decision
    hand_over(
        persona,
        case,
        "coordinator",
        Responsibility.JOINT_PET,
        basis="police_to_police",
        accept_as="pet_triage",
    )
    handovers.send_handover(
        actor=persona("pet_exit_worker"),
        case=case,
        to_responsibility=Responsibility.DISTRICT,
        reason="Fiktiv.",
        legal_basis="pet_act",
        items=[],
        summary="Tilbage til kredsen.",
    )
    counts = queue.queue_counts(persona("coordinator"))
    assert counts == {
        queue.SCREENING: 1,
        queue.DECISIONS: 1,
        queue.HANDOVERS: 1,
        queue.PET_ANSWERS: 0,
        queue.RELEASES: 0,
    }
    assert queue.queue_counts(persona("analyst"))[queue.SCREENING] == 1
    assert queue.HANDOVERS not in queue.queue_counts(persona("analyst"))
    assert queue.queue_counts(persona("coordinator_fyn"))[queue.SCREENING] == 0
    assert queue.queue_counts(persona("pet_exit_worker")) == {
        queue.HANDOVERS: 0,  # PET sent it; the district accepts
        queue.PET_ANSWERS: 0,
        queue.RELEASES: 0,
    }
    client = client_for("coordinator")
    start = client.get(reverse("reporting:start")).content.decode()
    assert "Arbejdsliste (3)" in start
    url = reverse("cases:work_queue")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(queries) <= MAX_QUEUE_QUERIES, len(queries)
    body = response.content.decode()
    assert case.reference in body
    filtered = client.get(url, {"vis": "handovers", "sort": "newest"}).content.decode()
    assert "Overleveringer der venter på accept" in filtered
    assert "Henvendelser der venter på screening <" not in filtered
    assert client_for("municipal_contact").get(url).status_code == 200
    for who in ("auditor", "system_admin", "hotline_adviser", "prison_liaison"):
        assert client_for(who).get(url).status_code == 404, who


# Pinned: session/user/membership loading, the audit chain, five counts, five sections,
# navigation counts. A new N+1 shows up here.
MAX_QUEUE_QUERIES = 30


def test_severity_is_a_reasoned_human_change(persona: Persona, client_for: ClientFor) -> None:
    case = open_case(persona)
    url = reverse("cases:change_severity", args=[case.pk])
    response = client_for("coordinator").post(url, {"severity": "security", "reason": ""})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.severity == "welfare"
    response = client_for("coordinator").post(
        url, {"severity": "security", "reason": "Udtrykt vilje til vold (fiktivt)."}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.severity == "security"
    with pytest.raises(ValidationError):
        actions.change_severity(
            actor=persona("coordinator"), case=case, severity="security", reason="Igen."
        )


def test_timeline_shows_severity_hand_overs_and_release_notices(
    persona: Persona, client_for: ClientFor
) -> None:
    case = open_case(persona)
    actions.change_severity(
        actor=persona("coordinator"), case=case, severity="in_between", reason="Ny viden."
    )
    register_release_notice(
        actor=persona("prison_liaison"),
        person=PersonInput(
            full_name="Fiktiv Person",
            cpr="010190-1234",
            municipality=Municipality.objects.get(code="751"),
        ),
        release_on=timezone.localdate() + timedelta(days=5),
        institution="Fiktivt Fængsel",
        severity_category="2",
        report_content="HEMMELIG-RAPPORT",
    )
    handovers.request_consultation(actor=persona("coordinator"), case=case, question="Kendt?")
    body = page(client_for("coordinator"), case)[1]
    assert "Placering: Mellem trivsel og sikkerhed" in body and "Ny viden." in body
    assert "Meddelelse om løsladelse" in body and "HEMMELIG-RAPPORT" not in body
    assert "Forespørgsel til PET" in body
    # The upcoming release is in the district's work queue.
    assert queue.queue_counts(persona("coordinator"))[queue.RELEASES] == 1


def test_work_queue_queries_do_not_grow_with_rows(persona: Persona, client_for: ClientFor) -> None:
    client = client_for("coordinator")
    url = reverse("cases:work_queue")
    make_concern("751")
    open_case(persona, cpr="030390-3456")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(12):
        make_concern("751")
        open_case(persona, cpr=f"0404{n:02d}-4567")
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert len(many) == len(few)
    # The overview shows the first ten of a section and links to all of them, paginated.
    assert "Vis alle 13: Sager der venter på en beslutning" in body
    paged = client.get(url, {"vis": "decisions"}).content.decode()
    assert paged.count('href="/sager/') >= 13
