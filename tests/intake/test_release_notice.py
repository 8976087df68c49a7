"""Release notices: routing, the district sees the category but never the content,
PET sees the full notice, late notices are flagged, acknowledgement."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.disclosures.models import Disclosure
from infohus.intake.models import ReleaseNotice, SeverityCategory
from infohus.intake.release_actions import acknowledge_release_notice, register_release_notice
from infohus.intake.release_permissions import (
    can_view_release_report,
    release_notices_visible_to,
)
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput
from infohus.persons.models import FocusPerson
from tests.personas import login

pytestmark = pytest.mark.django_db

SECRET = "Rapporten: fiktiv indsat har forsøgt at hverve medfanger (HEMMELIGT-7Q)."


def notice(
    actor: User | None,
    *,
    release_on: date | None = None,
    municipality_code: str = "751",
    cpr: str = "",
) -> ReleaseNotice:
    return register_release_notice(
        actor=actor,
        person=PersonInput(
            full_name="Fiktiv Indsat",
            cpr=cpr,
            municipality=Municipality.objects.get(code=municipality_code),
        ),
        release_on=release_on or timezone.localdate() + timedelta(days=30),
        institution="Fiktivt Fængsel",
        severity_category=SeverityCategory.CATEGORY_2,
        report_content=SECRET,
    )


def test_a_notice_is_routed_to_the_district_of_the_persons_municipality(
    persona: Callable[[str], User],
) -> None:
    made = notice(persona("prison_liaison"))
    assert made.district.slug == "oestjyllands-politi"
    assert made.inbox_unit.kind == "infohus"
    assert not made.is_late
    assert FocusPerson.objects.get().municipality_id == made.municipality_id
    event = AuditEvent.objects.get(verb="RELEASE_NOTICE_REGISTERED")
    assert SECRET not in str(event.changes)


def test_both_the_district_and_pet_see_it_at_once(persona: Callable[[str], User]) -> None:
    made = notice(persona("prison_liaison"))
    for key in (
        "coordinator",
        "prevention_officer",
        "analyst",
        "pet_triage",
        "pet_exit_worker",
        "prison_liaison",
    ):
        assert list(release_notices_visible_to(persona(key))) == [made], key
    for key in (
        "coordinator_fyn",
        "municipal_contact",
        "hotline_adviser",
        "ncfe_analyst",
        "system_admin",
        "auditor",
    ):
        assert not release_notices_visible_to(persona(key)).exists(), key


def test_only_pet_may_read_the_report(persona: Callable[[str], User]) -> None:
    made = notice(persona("prison_liaison"))
    assert can_view_release_report(persona("pet_triage"), made)
    assert can_view_release_report(persona("pet_exit_worker"), made)
    for key in ("coordinator", "analyst", "prevention_officer", "prison_liaison"):
        assert not can_view_release_report(persona(key), made), key


def test_the_report_is_encrypted_at_rest(persona: Callable[[str], User]) -> None:
    made = notice(persona("prison_liaison"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT report_content FROM intake_releasenotice WHERE id = %s", [made.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("enc1:") and "HEMMELIGT" not in stored


def test_the_district_sees_date_and_category_but_never_the_content(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    made = notice(persona("prison_liaison"))
    for key in ("coordinator", "prevention_officer", "analyst"):
        client = client_for(key)
        for url in (
            reverse("releases:notice_list"),
            reverse("releases:notice_detail", args=[made.pk]),
        ):
            html = client.get(url).content.decode()
            assert "HEMMELIGT-7Q" not in html, (key, url)
            assert "Kategori 2" in html
            assert "Fiktivt Fængsel" in html
            assert reverse("releases:notice_report", args=[made.pk]) not in html
        report = client.get(reverse("releases:notice_report", args=[made.pk]))
        assert report.status_code == 404
        assert "HEMMELIGT-7Q" not in report.content.decode()


def test_pet_sees_the_full_notice_and_the_read_is_logged(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    made = notice(persona("prison_liaison"))
    client = client_for("pet_triage")
    listing = client.get(reverse("releases:notice_list")).content.decode()
    report_url = reverse("releases:notice_report", args=[made.pk])
    assert report_url in listing
    response = client.get(report_url)
    assert response.status_code == 200
    assert "HEMMELIGT-7Q" in response.content.decode()
    assert AuditEvent.objects.filter(
        verb="RELEASE_REPORT_VIEWED", object_id=str(made.pk), actor=persona("pet_triage")
    ).exists()


def test_a_notice_registered_after_the_release_date_is_flagged_late(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    late = notice(persona("prison_liaison"), release_on=timezone.localdate() - timedelta(days=1))
    on_the_day = notice(persona("prison_liaison"), release_on=timezone.localdate())
    assert late.is_late
    assert not on_the_day.is_late
    html = client_for("coordinator").get(reverse("releases:notice_list")).content.decode()
    assert html.count('class="release-late"') == 1
    detail = client_for("coordinator").get(reverse("releases:notice_detail", args=[late.pk]))
    assert "For sen:" in detail.content.decode()


def test_the_same_cpr_makes_one_person(persona: Callable[[str], User]) -> None:
    notice(persona("prison_liaison"), cpr="010190-1234")
    notice(persona("prison_liaison"), cpr="0101901234")
    assert FocusPerson.objects.count() == 1


def test_bad_input_is_refused_and_nothing_is_saved(persona: Callable[[str], User]) -> None:
    with pytest.raises(ValidationError) as caught:
        register_release_notice(
            actor=persona("prison_liaison"),
            person=PersonInput(full_name="X"),
            release_on=timezone.localdate(),
            institution=" ",
            severity_category="9",
            report_content="",
        )
    codes = {error.code for error in caught.value.error_list}
    assert codes == {"invalid_severity", "no_municipality", "empty_institution", "empty_report"}
    assert ReleaseNotice.objects.count() == 0
    assert FocusPerson.objects.count() == 0


def test_the_district_and_pet_each_acknowledge(persona: Callable[[str], User]) -> None:
    made = notice(persona("prison_liaison"))
    acknowledge_release_notice(actor=persona("analyst"), notice=made)
    made.refresh_from_db()
    assert made.district_acknowledged_by == persona("analyst")
    assert made.pet_acknowledged_at is None
    first = made.district_acknowledged_at
    acknowledge_release_notice(actor=persona("coordinator"), notice=made)  # no change
    made.refresh_from_db()
    assert made.district_acknowledged_at == first
    assert made.district_acknowledged_by == persona("analyst")
    acknowledge_release_notice(actor=persona("pet_exit_worker"), notice=made)
    made.refresh_from_db()
    assert made.pet_acknowledged_by == persona("pet_exit_worker")
    assert AuditEvent.objects.filter(verb="RELEASE_NOTICE_ACKNOWLEDGED").count() == 2


@pytest.mark.parametrize("key", ["prison_liaison", "coordinator_fyn", "hotline_adviser"])
def test_others_cannot_acknowledge(key: str, persona: Callable[[str], User]) -> None:
    made = notice(persona("prison_liaison"))
    with pytest.raises(PermissionDenied):
        acknowledge_release_notice(actor=persona(key), notice=made)


def test_acknowledging_through_the_page(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    made = notice(persona("prison_liaison"))
    client = client_for("coordinator")
    detail_url = reverse("releases:notice_detail", args=[made.pk])
    ack_url = reverse("releases:acknowledge_notice", args=[made.pk])
    assert ack_url in client.get(detail_url).content.decode()
    response = client.post(ack_url)
    assert response.status_code == 302
    assert response["Location"] == detail_url
    made.refresh_from_db()
    assert made.district_acknowledged_at is not None
    assert ack_url not in client.get(detail_url).content.decode()


def test_the_liaison_registers_through_the_form(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    client = client_for("prison_liaison")
    response = client.post(
        reverse("releases:register_notice"),
        {
            "full_name": "Fiktiv Indsat",
            "cpr": "010190-1234",
            "municipality": Municipality.objects.get(code="461").pk,
            "release_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
            "institution": "Fiktivt Fængsel",
            "severity_category": SeverityCategory.CATEGORY_3,
            "report_content": SECRET,
        },
    )
    made = ReleaseNotice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("releases:notice_detail", args=[made.pk])
    assert made.district.slug == "fyns-politi"
    assert made.registered_by == persona("prison_liaison")
    # The liaison sees their notice, not the content (once sent, it is PET's).
    assert "HEMMELIGT-7Q" not in client.get(response["Location"]).content.decode()


def test_an_invalid_form_keeps_what_was_entered(client_for: Callable[[str], Client]) -> None:
    response = client_for("prison_liaison").post(
        reverse("releases:register_notice"),
        {"full_name": "Fiktiv Indsat", "cpr": "99", "report_content": SECRET},
    )
    assert response.status_code == 200
    assert "HEMMELIGT-7Q" in response.content.decode()
    assert ReleaseNotice.objects.count() == 0


# Session, user, MFA, membership, the count, the open alerts (district and PET only),
# the navigation (the district's or PET's triage inbox counts), the page of notices with
# person, municipality and district joined: the same for one notice or many.
QUERIES_NOTICE_LIST = {"coordinator": 9, "pet_triage": 9, "prison_liaison": 7}


@pytest.mark.parametrize("key", ["coordinator", "pet_triage", "prison_liaison"])
@pytest.mark.parametrize("notices", [1, 4])
def test_the_notice_list_runs_a_fixed_number_of_queries(
    key: str, notices: int, persona: Callable[[str], User], django_assert_num_queries: Any
) -> None:
    from django.core.management import call_command

    made = [
        notice(persona("prison_liaison"), release_on=timezone.localdate() + timedelta(days=i))
        for i in range(notices)
    ]
    call_command("release_alerts", stdout=None)
    client = login(Client(), persona(key))
    with django_assert_num_queries(QUERIES_NOTICE_LIST[key]):
        response = client.get(reverse("releases:notice_list"))
    assert response.status_code == 200
    html = response.content.decode()
    for item in made:
        assert reverse("releases:notice_detail", args=[item.pk]) in html


def test_a_notice_is_two_disclosures_with_their_bases(persona: Callable[[str], User]) -> None:
    """The district gets the release and the category; PET also the report (issue 4)."""
    made = notice(persona("prison_liaison"))
    to_district, to_pet = sorted(
        Disclosure.objects.filter(object_type="intake.releasenotice", object_id=str(made.pk)),
        key=lambda d: d.to_organisation.kind != "police_district",
    )
    assert to_district.to_organisation.police_district_id == made.district_id
    assert to_district.legal_basis == "prison_release"
    assert "report" not in [item["code"] for item in to_district.items]
    assert to_pet.to_organisation.kind == "security_service"
    assert to_pet.legal_basis == "prison_to_pet"
    assert "report" in [item["code"] for item in to_pet.items]
    assert {to_district.from_organisation.kind, to_pet.from_organisation.kind} == {"prison_service"}
    assert list(to_district.persons.all()) == [made.person]
