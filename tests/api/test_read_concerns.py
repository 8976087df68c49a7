"""GET /api/v1/concerns and /api/v1/concerns/{reference}: an integration reads back its
own submissions only; anything else is a 404 exactly like a missing reference."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from infohus.core.models import AuditEvent
from infohus.intake.actions import ConcernInput, create_concern
from infohus.intake.choices import Channel, SourceType
from infohus.intake.models import Concern
from infohus.organisations.models import Municipality
from tests.api.conftest import CONCERNS_URL, Integration, concern_body

pytestmark = pytest.mark.django_db


def staff_concern(actor: Any) -> Concern:
    """A concern registered in the UI by someone else (the district's own staff)."""
    return create_concern(
        actor=actor,
        data=ConcernInput(
            source_type=SourceType.POLICE_COLLEAGUE,
            channel=Channel.STAFF_FORM,
            description="Registreret af en kollega (fiktivt).",
            municipality=Municipality.objects.get(code="751"),
        ),
    )


def test_reads_its_own_concern_by_reference(prison: Integration) -> None:
    created = prison.post(CONCERNS_URL, concern_body()).json()
    response = prison.get(f"{CONCERNS_URL}/{created['reference']}")
    assert response.status_code == 200
    assert response.json() == created
    read = AuditEvent.objects.get(verb="CONCERN_VIEWED")
    assert read.membership_id == prison.membership.pk


@pytest.mark.parametrize(
    "other", ["hotline_adviser", "coordinator", "prevention_officer", "coordinator_fyn"]
)
def test_another_integrations_concern_is_404_like_a_missing_one(
    prison: Integration, integration_for: Callable[[str], Integration], other: str
) -> None:
    reference = prison.post(CONCERNS_URL, concern_body()).json()["reference"]
    outsider = integration_for(other)
    theirs = outsider.get(f"{CONCERNS_URL}/{reference}")
    missing = outsider.get(f"{CONCERNS_URL}/B-1999-999999")
    assert theirs.status_code == missing.status_code == 404
    assert theirs["Content-Type"] == "application/problem+json"
    assert theirs.content == missing.content
    reasons = [
        e.changes["_details"]["reason"]
        for e in AuditEvent.objects.filter(verb="ACCESS_DENIED").order_by("id")
    ]
    assert reasons == ["not_visible", "absent"]


def test_a_concern_registered_in_the_ui_is_not_readable_through_the_api(
    integration_for: Callable[[str], Integration], persona: Callable[[str], Any]
) -> None:
    # The coordinator sees every concern of the district in the browser; their token
    # still reads back only what it registered itself.
    coordinator_api = integration_for("coordinator")
    other = staff_concern(persona("prevention_officer"))
    assert coordinator_api.get(f"{CONCERNS_URL}/{other.reference}").status_code == 404
    assert coordinator_api.get(CONCERNS_URL).json()["count"] == 0


def test_list_holds_only_own_submissions_newest_first(
    prison: Integration, integration_for: Callable[[str], Integration]
) -> None:
    first = prison.post(CONCERNS_URL, concern_body()).json()["reference"]
    second = prison.post(CONCERNS_URL, concern_body(municipality="461")).json()["reference"]
    integration_for("hotline_adviser").post(CONCERNS_URL, concern_body())
    listing = prison.get(CONCERNS_URL).json()
    assert [c["reference"] for c in listing["items"]] == [second, first]
    assert listing["count"] == 2
    page = prison.get(CONCERNS_URL, limit=1, offset=1).json()
    assert [c["reference"] for c in page["items"]] == [first]


def test_list_query_count_does_not_grow_with_rows(
    prison: Integration, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        prison.post(CONCERNS_URL, concern_body())
    prison.get(CONCERNS_URL)  # last_used_at written; later calls within a minute do not
    # token lookup, rows (with district, inbox, municipality, person count), count
    with django_assert_num_queries(3):
        response = prison.get(CONCERNS_URL)
    assert len(response.json()["items"]) == 3


def test_bad_paging_is_a_field_error(prison: Integration) -> None:
    response = prison.get(CONCERNS_URL, limit=0)
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"limit"}
