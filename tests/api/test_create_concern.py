"""POST /api/v1/concerns: the same create_concern as the UI, strict validation,
idempotency keys, nothing half-saved."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from infohus.api import idempotency
from infohus.api.models import IdempotencyRecord
from infohus.core.models import AuditEvent
from infohus.intake.choices import Channel
from infohus.intake.models import Concern
from infohus.persons.models import FocusPerson
from tests.api.conftest import CONCERNS_URL, Integration, concern_body

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


def fields(response: Any) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


def test_creates_a_concern_routed_to_the_persons_district(prison: Integration) -> None:
    response = prison.post(CONCERNS_URL, concern_body())
    assert response.status_code == 201, response.content
    body = response.json()
    concern = Concern.objects.get()
    assert body["reference"] == concern.reference
    assert body["district"] == "Østjyllands Politi"
    assert body["status"] == "received"
    assert body["persons"] == 1
    assert concern.channel == Channel.API
    assert concern.received_by == prison.user
    assert concern.district is not None and concern.district.slug == "oestjyllands-politi"
    assert concern.inbox_unit is not None and concern.inbox_unit.kind == "infohus"
    person = FocusPerson.objects.get()
    assert person.cpr == "0101901234"
    assert person.municipality is not None and person.municipality.code == "751"


def test_a_concern_in_odense_goes_to_fyns_politi(prison: Integration) -> None:
    response = prison.post(CONCERNS_URL, concern_body(municipality="461"))
    assert response.status_code == 201
    assert Concern.objects.get().district.slug == "fyns-politi"  # type: ignore[union-attr]


def test_response_carries_no_personal_data(prison: Integration) -> None:
    response = prison.post(CONCERNS_URL, concern_body())
    text = response.content.decode()
    assert "Fiktiv" not in text and "010190" not in text and "0101901234" not in text


def test_audit_entries_name_the_integrations_membership(prison: Integration) -> None:
    response = prison.post(CONCERNS_URL, concern_body(), key="audit-1")
    assert response.status_code == 201
    received = AuditEvent.objects.get(verb="CONCERN_RECEIVED")
    assert received.actor == prison.user
    assert received.membership_id == prison.membership.pk
    assert received.membership_label == prison.membership.audit_label()
    assert received.ip_address == "127.0.0.1"
    person_created = AuditEvent.objects.get(verb="FOCUS_PERSON_CREATED")
    assert person_created.membership_id == prison.membership.pk


def test_same_key_and_body_twice_creates_one_concern_and_the_same_answer(
    prison: Integration,
) -> None:
    first = prison.post(CONCERNS_URL, concern_body(), key="retry-123")
    second = prison.post(CONCERNS_URL, concern_body(), key="retry-123")
    assert first.status_code == second.status_code == 201
    assert first.content == second.content
    assert second["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Concern.objects.count() == 1
    assert FocusPerson.objects.count() == 1
    assert AuditEvent.objects.filter(verb="CONCERN_RECEIVED").count() == 1


def test_same_key_with_another_body_is_refused_and_creates_nothing(prison: Integration) -> None:
    prison.post(CONCERNS_URL, concern_body(), key="k-1")
    other = prison.post(CONCERNS_URL, concern_body(description="Noget helt andet."), key="k-1")
    assert other.status_code == 422
    assert other["Content-Type"] == PROBLEM
    assert other.json()["type"].endswith("idempotency-key-reused")
    assert fields(other) == {"Idempotency-Key"}
    assert Concern.objects.count() == 1


def test_keys_are_per_token(prison: Integration, integration_for: Any) -> None:
    hotline = integration_for("hotline_adviser")
    prison.post(CONCERNS_URL, concern_body(), key="shared-key")
    response = hotline.post(CONCERNS_URL, concern_body(), key="shared-key")
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert Concern.objects.count() == 2


def test_a_concurrent_duplicate_replays_the_winner_and_rolls_back(
    prison: Integration, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = prison.post(CONCERNS_URL, concern_body(), key="race")
    # The second request checks for a record before the first has committed one: it
    # runs the action, then meets the unique (token, key) constraint.
    monkeypatch.setattr(idempotency, "_fresh_record", _absent_once(idempotency._fresh_record))
    second = prison.post(CONCERNS_URL, concern_body(), key="race")
    assert second.status_code == 201
    assert second.content == first.content
    assert second["Idempotent-Replayed"] == "true"
    assert Concern.objects.count() == 1
    assert FocusPerson.objects.count() == 1
    assert AuditEvent.objects.filter(verb="CONCERN_RECEIVED").count() == 1


def _absent_once(real: Any) -> Any:
    calls = {"n": 0}

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        return None if calls["n"] == 1 else real(*args, **kwargs)

    return fake


def test_a_key_older_than_24_hours_is_a_new_request(prison: Integration) -> None:
    prison.post(CONCERNS_URL, concern_body(), key="old")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    again = prison.post(CONCERNS_URL, concern_body(), key="old")
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert Concern.objects.count() == 2
    assert IdempotencyRecord.objects.count() == 1


def test_purge_removes_only_expired_records(prison: Integration) -> None:
    from infohus.api.actions import purge_idempotency_records

    prison.post(CONCERNS_URL, concern_body(), key="a")
    prison.post(CONCERNS_URL, concern_body(), key="b")
    IdempotencyRecord.objects.filter(key="a").update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    assert purge_idempotency_records() == 1
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["b"]


def test_a_post_without_an_idempotency_key_is_refused(prison: Integration) -> None:
    response = prison.client.post(
        CONCERNS_URL,
        data=json.dumps(concern_body()),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {prison.secret}",
    )
    assert response.status_code == 422
    assert fields(response) == {"Idempotency-Key"}
    assert not Concern.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"colour": "blue"}, "colour"),
        ({"source_type": "martian"}, "source_type"),
        ({"ideology": "islamism-ish"}, "ideology"),
        ({"description": ""}, "description"),
        ({"description": "   "}, "description"),
        ({"municipality": "75"}, "municipality"),
        ({"municipality": "999"}, "municipality"),
        ({"is_acute": "yes"}, "is_acute"),
        ({"persons": [{"cpr": "321390-1234"}]}, "persons.0.cpr"),
        ({"persons": [{"cpr": "abc"}]}, "persons.0.cpr"),
        ({"persons": [{"full_name": "X", "shoe_size": 44}]}, "persons.0.shoe_size"),
        ({"persons": [{"municipality": "998"}]}, "persons.0.municipality"),
        ({"reporter": {"is_anonymous": True, "phone": "12345678"}}, "reporter"),
    ],
)
def test_malformed_request_gets_field_errors_and_creates_nothing(
    prison: Integration, change: dict[str, Any], field: str
) -> None:
    response = prison.post(CONCERNS_URL, concern_body(**change))
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 422
    assert problem["title"] and problem["detail"] and problem["type"].startswith("tag:")
    assert field in fields(response)
    assert all(e["message"] for e in problem["errors"])
    assert not Concern.objects.exists()
    assert not FocusPerson.objects.exists()
    assert not IdempotencyRecord.objects.exists()


def test_missing_required_fields_are_each_named(prison: Integration) -> None:
    response = prison.post(CONCERNS_URL, {"persons": []})
    assert response.status_code == 422
    assert {"source_type", "description", "municipality"} <= fields(response)


def test_a_rejected_cpr_number_is_not_echoed(prison: Integration) -> None:
    response = prison.post(CONCERNS_URL, concern_body(persons=[{"cpr": "321390-1234"}]))
    assert response.status_code == 422
    assert "321390" not in response.content.decode()


def test_a_body_that_is_not_json_is_a_400_problem(prison: Integration) -> None:
    response = prison.post(CONCERNS_URL, None, raw=b"source_type=citizen&description=x")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"].endswith("malformed-request")
    assert not Concern.objects.exists()


def test_nothing_is_half_saved_when_the_action_fails(
    prison: Integration, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infohus.core import audit

    def broken_audit(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("audit store down")

    monkeypatch.setattr(audit, "record", broken_audit)
    prison.client.raise_request_exception = False
    response = prison.post(CONCERNS_URL, concern_body(), key="fails")
    assert response.status_code == 500
    assert not Concern.objects.exists()
    assert not FocusPerson.objects.exists()
    assert not IdempotencyRecord.objects.exists()


def test_the_rate_limit_answers_429_with_retry_after(prison: Integration, settings: Any) -> None:
    settings.INFOHUS_API_RATE_LIMIT = 2
    assert prison.get(CONCERNS_URL).status_code == 200
    assert prison.get(CONCERNS_URL).status_code == 200
    response = prison.post(CONCERNS_URL, concern_body())
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM
    assert int(response["Retry-After"]) >= 1
    assert response.json()["type"].endswith("rate-limited")
    assert not Concern.objects.exists()


def test_the_rate_limit_is_per_token(
    prison: Integration, integration_for: Any, settings: Any
) -> None:
    settings.INFOHUS_API_RATE_LIMIT = 1
    assert prison.get(CONCERNS_URL).status_code == 200
    assert prison.get(CONCERNS_URL).status_code == 429
    assert integration_for("hotline_adviser").get(CONCERNS_URL).status_code == 200
