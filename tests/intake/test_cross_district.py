"""The same person reported in two districts: one record, and a hint to contact the other
district's Infohus — without any of the other district's details (issue 3, Must show)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.http import Http404
from django.test import Client

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.intake.actions import ConcernInput, ReporterInput, create_concern
from infohus.intake.choices import Channel, SourceType
from infohus.intake.crossdistrict import (
    LOOKUP_PURPOSE,
    LOOKUP_VERB,
    CrossDistrictHint,
    cross_district_hints,
)
from infohus.intake.models import Concern
from infohus.intake.permissions import get_concern_for_user
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput
from infohus.persons.models import FocusPerson

pytestmark = pytest.mark.django_db

CPR = "010190-1234"
AARHUS, ODENSE = "751", "461"  # Østjyllands Politi, Fyns Politi
A_DESCRIPTION = "Hemmelig detalje fra Østjylland: taler om at rejse ud (fiktivt)."
A_REPORTER = "Fiktiv Lærer Østjylland"


def concern(
    municipality: str,
    *persons: PersonInput,
    description: str = "Fiktiv bekymring.",
    reporter: str = "Fiktiv Melder",
) -> Concern:
    return create_concern(
        actor=None,
        data=ConcernInput(
            source_type=SourceType.PROFESSIONAL,
            channel=Channel.PUBLIC_FORM,
            description=description,
            municipality=Municipality.objects.get(code=municipality),
            reporter=ReporterInput(
                is_anonymous=False, name=reporter, phone="87654321", organisation="Fiktiv Skole"
            ),
            observed_where="Fiktivt sted i Aarhus",
            persons=persons,
        ),
    )


@pytest.fixture
def reported_twice() -> tuple[Concern, Concern]:
    """District A (Østjylland) received a concern first; district B (Fyn) later, same CPR."""
    in_a = concern(
        AARHUS,
        PersonInput(full_name="Søren Østergård", cpr=CPR),
        description=A_DESCRIPTION,
        reporter=A_REPORTER,
    )
    in_b = concern(ODENSE, PersonInput(full_name="Soeren Oestergaard", cpr="0101901234"))
    return in_a, in_b


def test_the_same_cpr_in_two_districts_is_one_person(
    reported_twice: tuple[Concern, Concern],
) -> None:
    in_a, in_b = reported_twice
    assert FocusPerson.objects.count() == 1
    person = FocusPerson.objects.get()
    assert set(Concern.objects.filter(subject_links__person=person)) == {in_a, in_b}
    assert in_a.district != in_b.district


def test_district_b_is_told_whom_to_contact_in_district_a(
    persona: Callable[[str], User], reported_twice: tuple[Concern, Concern]
) -> None:
    _in_a, in_b = reported_twice
    [hint] = cross_district_hints(persona("coordinator_fyn"), in_b)
    assert hint.district_name == "Østjyllands Politi"
    assert hint.contact_name == "Infohus"
    assert hint.person_id == FocusPerson.objects.get().pk
    assert hint.message == "Mulig tidligere bekymring — kontakt Infohus i Østjyllands Politi"


def test_the_hint_holds_nothing_of_district_as_concern(
    persona: Callable[[str], User], reported_twice: tuple[Concern, Concern]
) -> None:
    in_a, in_b = reported_twice
    hints = cross_district_hints(persona("coordinator_fyn"), in_b)
    assert {f.name for f in dataclasses.fields(CrossDistrictHint)} == {
        "person_id",
        "district_name",
        "contact_unit_id",
        "contact_name",
        "contact_organisation_id",  # the directory entry the hint links to
    }
    shown = json.dumps(
        [{**dataclasses.asdict(h), "message": h.message, "str": str(h)} for h in hints],
        ensure_ascii=False,
    )
    for secret in (
        in_a.reference,
        in_a.receipt_code,
        A_DESCRIPTION,
        "Hemmelig",
        A_REPORTER,
        "87654321",
        "Fiktiv Skole",
        "Fiktivt sted",
        in_a.received_at.date().isoformat(),
        in_a.get_status_display(),
    ):
        assert secret not in shown, secret
    # …and the concern itself stays a 404 for district B.
    with pytest.raises(Http404):
        get_concern_for_user(persona("coordinator_fyn"), in_a.pk)


def test_the_look_up_is_audited_with_its_purpose(
    persona: Callable[[str], User], reported_twice: tuple[Concern, Concern]
) -> None:
    in_a, in_b = reported_twice
    user = persona("coordinator_fyn")
    cross_district_hints(user, in_b)
    event = AuditEvent.objects.get(verb=LOOKUP_VERB)
    assert event.actor == user
    assert event.object_type == "intake.concern" and event.object_id == str(in_b.pk)
    assert event.purpose == LOOKUP_PURPOSE and "politikredse" in event.purpose
    person = FocusPerson.objects.get()
    assert event.changes["_details"]["hints"] == [
        {"person": person.pk, "contact": "oestjyllands-politi/infohus"}
    ]
    assert in_a.reference not in json.dumps(event.changes)


def test_district_a_is_told_about_district_b_too(
    persona: Callable[[str], User], reported_twice: tuple[Concern, Concern]
) -> None:
    in_a, _in_b = reported_twice
    [hint] = cross_district_hints(persona("coordinator"), in_a)
    assert hint.message == "Mulig tidligere bekymring — kontakt Infohus i Fyns Politi"


def test_concerns_in_the_same_district_give_no_hint_but_the_look_up_is_audited(
    persona: Callable[[str], User],
) -> None:
    concern(AARHUS, PersonInput(full_name="Ali Hassan", cpr=CPR))
    second = concern(AARHUS, PersonInput(full_name="Ali Hassan", cpr=CPR))
    assert cross_district_hints(persona("coordinator"), second) == []
    event = AuditEvent.objects.get(verb=LOOKUP_VERB)
    assert event.changes["_details"]["hints"] == []


def test_a_similar_name_elsewhere_is_not_a_hint(persona: Callable[[str], User]) -> None:
    """Only one shared person record (CPR, or a confirmed merge) links two districts."""
    concern(AARHUS, PersonInput(full_name="Søren Østergård"))
    in_b = concern(ODENSE, PersonInput(full_name="Søren Østergård"))
    assert cross_district_hints(persona("coordinator_fyn"), in_b) == []


def test_one_hint_per_person_and_district(persona: Callable[[str], User]) -> None:
    concern(AARHUS, PersonInput(full_name="A", cpr=CPR))
    concern(AARHUS, PersonInput(full_name="A", cpr=CPR))
    concern(AARHUS, PersonInput(full_name="B", cpr="020290-1234"))
    in_b = concern(
        ODENSE, PersonInput(full_name="A", cpr=CPR), PersonInput(full_name="B", cpr="020290-1234")
    )
    hints = cross_district_hints(persona("coordinator_fyn"), in_b)
    assert len(hints) == 2
    assert {h.district_name for h in hints} == {"Østjyllands Politi"}
    assert len({h.person_id for h in hints}) == 2


@pytest.mark.parametrize("key", ["coordinator", "prevention_officer", "analyst"])
def test_the_districts_intake_staff_see_hints(
    persona: Callable[[str], User], key: str, reported_twice: tuple[Concern, Concern]
) -> None:
    in_a, _in_b = reported_twice
    assert len(cross_district_hints(persona(key), in_a)) == 1
    assert AuditEvent.objects.filter(verb=LOOKUP_VERB).count() == 1


@pytest.mark.parametrize(
    "key",
    [
        "coordinator_fyn",
        "municipal_contact",
        "municipal_contact_odense",
        "municipal_caseworker",
        "pet_triage",
        "pet_exit_worker",
        "prison_liaison",
        "hotline_adviser",
        "ncfe_adviser",
        "ncfe_analyst",
        "auditor",
        "system_admin",
    ],
)
def test_nobody_else_triggers_a_look_up(
    persona: Callable[[str], User], key: str, reported_twice: tuple[Concern, Concern]
) -> None:
    in_a, _in_b = reported_twice
    assert cross_district_hints(persona(key), in_a) == []
    assert not AuditEvent.objects.filter(verb=LOOKUP_VERB).exists()


def test_anonymous_triggers_no_look_up(reported_twice: tuple[Concern, Concern]) -> None:
    from django.contrib.auth.models import AnonymousUser

    in_a, _in_b = reported_twice
    assert cross_district_hints(AnonymousUser(), in_a) == []
    assert not AuditEvent.objects.filter(verb=LOOKUP_VERB).exists()


def test_the_look_up_has_a_fixed_number_of_queries(
    persona: Callable[[str], User], django_assert_num_queries: Any
) -> None:
    cprs = ["010190-1234", "020290-1234", "030390-1234"]
    for cpr in cprs:
        concern(AARHUS, PersonInput(full_name="A", cpr=cpr))
        concern("101", PersonInput(full_name="A", cpr=cpr))  # København: a third district
    in_b = concern(ODENSE, *(PersonInput(full_name="A", cpr=cpr) for cpr in cprs))
    user = persona("coordinator_fyn")
    cross_district_hints(user, in_b)  # warms the user's active membership
    # pairs + Infohus units, then the audit entry: savepoint, (PostgreSQL: advisory lock),
    # last hash, insert, release — the same however many persons, concerns and districts.
    expected = 6 + (connection.vendor == "postgresql")
    with django_assert_num_queries(expected):
        hints = cross_district_hints(user, in_b)
    assert len(hints) == 6


def test_concern_page_shows_the_person_as_this_district_reported_them(
    client_for: Callable[[str], Client],
) -> None:
    """The shared person record may carry another district's entries; district B's page
    shows only what B's reporter said."""

    def report(code: str, name: str, address: str) -> int:
        municipality = Municipality.objects.get(code=code)
        data = ConcernInput(
            source_type=SourceType.CITIZEN,
            channel=Channel.PUBLIC_FORM,
            description="Fiktiv bekymring.",
            municipality=municipality,
            persons=(
                PersonInput(
                    full_name=name, cpr="020290-4321", address=address, municipality=municipality
                ),
            ),
        )
        return create_concern(actor=None, data=data).pk

    report("751", "Østjysk Stavemåde Fiktiv", "Fiktiv Vej 1, Aarhus")
    fyn_pk = report("461", "Fynsk Navn Fiktiv", "")
    html = client_for("coordinator_fyn").get(f"/henvendelser/{fyn_pk}/").content.decode()
    assert "Fynsk Navn Fiktiv" in html
    assert "Østjysk Stavemåde" not in html
    assert "Fiktiv Vej 1" not in html
    assert "Aarhus" not in html
