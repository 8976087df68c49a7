"""Registering a concern: routing to the right Infohus, deadline, persons, audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.http import Http404

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.core.workdays import add_working_days
from infohus.intake.actions import ConcernInput, ReporterInput, create_concern
from infohus.intake.choices import Channel, ConcernStatus, SourceType
from infohus.intake.models import Concern
from infohus.intake.permissions import concerns_visible_to, get_concern_for_user
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput
from infohus.persons.models import FocusPerson

pytestmark = pytest.mark.django_db


def aarhus() -> Municipality:
    return Municipality.objects.get(code="751")


def make(**overrides: object) -> Concern:
    data = ConcernInput(
        source_type=SourceType.CITIZEN,
        channel=Channel.PUBLIC_FORM,
        description="Min nabo taler om at rejse ud for at kæmpe (fiktivt eksempel).",
        municipality=aarhus(),
        reporter=ReporterInput(is_anonymous=False, name="Fiktiv Nabo", phone="12345678"),
        persons=(PersonInput(full_name="Fiktiv Fokusperson", cpr="010190-1234"),),
    )
    for key, value in overrides.items():
        data = ConcernInput(**{**data.__dict__, key: value})
    return create_concern(actor=None, data=data)


def test_concern_is_routed_to_the_infohus_of_the_persons_district() -> None:
    concern = make()
    assert concern.district is not None
    assert concern.district.slug == "oestjyllands-politi"
    assert concern.inbox_unit is not None
    assert concern.inbox_unit.kind == "infohus"
    assert concern.status == ConcernStatus.RECEIVED
    assert concern.reference.startswith("B-")
    assert len(concern.receipt_code) == 14


def test_screening_is_due_five_working_days_after_receipt() -> None:
    concern = make()
    assert concern.screening_due_on == add_working_days(concern.received_at.date(), 5)


def test_working_days_skip_weekends_and_easter() -> None:
    # Thursday 2 April 2026 is Maundy Thursday; Easter Monday is 6 April.
    assert add_working_days(date(2026, 4, 1), 1) == date(2026, 4, 7)
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)


def test_reporter_contact_and_cpr_are_encrypted_at_rest() -> None:
    from django.db import connection

    concern = make()
    person = FocusPerson.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_phone FROM intake_concern WHERE id = %s", [concern.pk]
        )
        name, phone = cursor.fetchone()
        cursor.execute("SELECT cpr FROM persons_focusperson WHERE id = %s", [person.pk])
        (cpr,) = cursor.fetchone()
    assert name.startswith("enc1:") and "Fiktiv" not in name
    assert phone.startswith("enc1:")
    assert cpr.startswith("enc1:") and "010190" not in cpr
    assert person.cpr == "0101901234"


def test_the_same_cpr_twice_makes_one_person() -> None:
    make()
    make(persons=(PersonInput(full_name="Anden Stavemåde", cpr="010190-1234"),))
    assert FocusPerson.objects.count() == 1


def test_anonymous_reporter_keeps_no_contact_details() -> None:
    concern = make(reporter=ReporterInput(is_anonymous=True, name="Skal ikke gemmes"))
    assert concern.reporter_name == ""


def test_only_the_receiving_district_sees_the_concern(persona: Callable[[str], User]) -> None:
    concern = make()
    assert list(concerns_visible_to(persona("coordinator"))) == [concern]
    assert list(concerns_visible_to(persona("analyst"))) == [concern]
    for key in (
        "coordinator_fyn",
        "municipal_contact_odense",
        "hotline_adviser",
        "system_admin",
        "auditor",
        "ncfe_analyst",
    ):
        assert not concerns_visible_to(persona(key)).exists(), key
    with pytest.raises(Http404):
        get_concern_for_user(persona("coordinator_fyn"), concern.pk)
    denial = AuditEvent.objects.filter(verb="ACCESS_DENIED", object_id=str(concern.pk)).get()
    assert denial.changes["_details"]["reason"] == "not_visible"


def test_reading_a_concern_is_logged(persona: Callable[[str], User]) -> None:
    concern = make()
    get_concern_for_user(persona("coordinator"), concern.pk)
    assert AuditEvent.objects.filter(verb="CONCERN_VIEWED", object_id=str(concern.pk)).exists()
