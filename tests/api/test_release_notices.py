"""POST/GET /api/v1/release-notices: the prison service's integration registers releases
through the same register_release_notice and registration policy as the liaison's form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from infohus.core.models import AuditEvent
from infohus.intake.models import ReleaseNotice
from tests.api.conftest import Integration

pytestmark = pytest.mark.django_db

URL = "/api/v1/release-notices"
SECRET = "Rapporten: fiktiv indsat har forsøgt at hverve medfanger (HEMMELIGT-7Q)."


def notice_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "person": {"full_name": "Fiktiv Indsat", "cpr": "010190-1234", "municipality": "751"},
        "release_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "institution": "Fiktivt Fængsel",
        "severity_category": "2",
        "report_content": SECRET,
    }
    body.update(overrides)
    return body


def test_registers_a_notice_routed_to_the_district(prison: Integration) -> None:
    response = prison.post(URL, notice_body())
    assert response.status_code == 201, response.content
    body = response.json()
    notice = ReleaseNotice.objects.get()
    assert body["id"] == notice.pk
    assert body["district"] == "Østjyllands Politi" and body["is_late"] is False
    assert notice.registered_by == prison.user
    assert notice.report_content == SECRET
    assert (
        SECRET not in response.content.decode() and "Fiktiv Indsat" not in response.content.decode()
    )
    registered = AuditEvent.objects.get(verb="RELEASE_NOTICE_REGISTERED")
    assert registered.membership_id == prison.membership.pk


def test_a_notice_after_the_release_date_is_late(prison: Integration) -> None:
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = prison.post(URL, notice_body(release_on=yesterday))
    assert response.json()["is_late"] is True


def test_same_key_twice_registers_one_notice(prison: Integration) -> None:
    first = prison.post(URL, notice_body(), key="release-1")
    second = prison.post(URL, notice_body(), key="release-1")
    assert first.content == second.content and second["Idempotent-Replayed"] == "true"
    assert ReleaseNotice.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"severity_category": "4"}, "severity_category"),
        ({"institution": ""}, "institution"),
        ({"report_content": " "}, "report_content"),
        ({"release_on": "tomorrow"}, "release_on"),
        ({"person": {"full_name": "X"}}, "person.municipality"),
        ({"person": {"municipality": "999"}}, "person.municipality"),
        ({"extra": 1}, "extra"),
    ],
)
def test_malformed_notice_gets_field_errors_and_creates_nothing(
    prison: Integration, change: dict[str, Any], field: str
) -> None:
    response = prison.post(URL, notice_body(**change))
    assert response.status_code == 422, response.content
    assert field in {e["field"] for e in response.json()["errors"]}
    assert not ReleaseNotice.objects.exists()


@pytest.mark.parametrize("who", ["hotline_adviser", "coordinator", "pet_triage"])
def test_only_a_prison_service_membership_may_register(
    integration_for: Callable[[str], Integration], who: str
) -> None:
    response = integration_for(who).post(URL, notice_body())
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert not ReleaseNotice.objects.exists()


def test_reads_back_own_notices_only(
    prison: Integration, integration_for: Callable[[str], Integration]
) -> None:
    notice_id = prison.post(URL, notice_body()).json()["id"]
    assert prison.get(f"{URL}/{notice_id}").status_code == 200
    assert [n["id"] for n in prison.get(URL).json()["items"]] == [notice_id]
    # PET sees every notice in the UI; its token reads back only what it registered.
    pet = integration_for("pet_triage")
    assert pet.get(f"{URL}/{notice_id}").content == pet.get(f"{URL}/999999").content
    assert pet.get(f"{URL}/{notice_id}").status_code == 404
    assert pet.get(URL).json()["count"] == 0
