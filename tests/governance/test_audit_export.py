"""Exporting an audit-log search as CSV or JSON Lines: streamed, safe in a spreadsheet, logged."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import Client

from infohus.core.models import AuditEvent
from infohus.governance import exports

pytestmark = pytest.mark.django_db
EXPORT = "/revision/auditlog/eksport/"
WriteEvent = Callable[..., AuditEvent]


@pytest.fixture
def auditor(client_for: Callable[[str], Client]) -> Client:
    return client_for("auditor")


def body_of(response: Any) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)  # type: ignore[arg-type]


def csv_rows(response: Any) -> list[list[str]]:
    raw = body_of(response)
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_csv_is_streamed_utf8_with_bom_and_a_header(
    auditor: Client, write_event: WriteEvent
) -> None:
    write_event(object_type="tests.thing", object_label="Ærø Øster Åby")
    response = auditor.get(EXPORT, {"format": "csv", "object_type": "tests.thing"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="auditlog-')
    assert response["Content-Disposition"].endswith('.csv"')
    rows = csv_rows(response)
    assert rows[0][:4] == ["Id", "Tidspunkt", "Handling", "Udfald"]
    assert len(rows) == 2
    assert "Ærø Øster Åby" in rows[1]


def test_csv_has_the_filtered_rows_newest_first_in_local_time(
    auditor: Client, write_event: WriteEvent
) -> None:
    old = write_event(object_type="tests.thing", at=datetime(2024, 1, 5, 9, tzinfo=UTC))
    new = write_event(object_type="tests.thing", at=datetime(2024, 8, 5, 9, tzinfo=UTC))
    write_event(object_type="tests.other")
    rows = csv_rows(auditor.get(EXPORT, {"format": "csv", "object_type": "tests.thing"}))
    assert [r[0] for r in rows[1:]] == [str(new.pk), str(old.pk)]
    assert rows[1][1] == "2024-08-05T11:00:00.000000+02:00"
    assert rows[2][1] == "2024-01-05T10:00:00.000000+01:00"


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_csv_cells_that_a_spreadsheet_would_evaluate_are_neutralised(
    auditor: Client, write_event: WriteEvent, dangerous: str
) -> None:
    write_event(object_type="tests.thing", object_label=dangerous, purpose=dangerous)
    rows = csv_rows(auditor.get(EXPORT, {"format": "csv", "object_type": "tests.thing"}))
    header = rows[0]
    row = rows[1]
    assert row[header.index("Objekt")] == "'" + dangerous
    assert row[header.index("Formål")] == "'" + dangerous
    assert not any(cell.startswith(exports.FORMULA_TRIGGERS) for cell in row)


def test_harmless_cells_are_left_alone() -> None:
    assert exports.neutralise_formula("Sag 12") == "Sag 12"
    assert exports.neutralise_formula("a=b") == "a=b"
    assert exports.neutralise_formula("") == ""


def test_jsonl_has_one_object_per_line_with_everything(
    auditor: Client, write_event: WriteEvent
) -> None:
    event = write_event(
        "THING_CHANGED",
        object_type="tests.thing",
        object_id="5",
        changes={"status": ("åben", "lukket"), "token": ("a", "b")},
        purpose="Kontrol",
    )
    response = auditor.get(EXPORT, {"format": "jsonl", "object_type": "tests.thing"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Content-Disposition"].endswith('.jsonl"')
    lines = body_of(response).decode("utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["id"] == event.pk
    assert record["verb"] == "THING_CHANGED"
    assert record["changes"]["status"] == {"from": "åben", "to": "lukket"}
    assert record["changes"]["token"] == {"changed": True, "value": "[skjult]"}
    assert record["purpose"] == "Kontrol"
    assert record["entry_hash"] == event.entry_hash
    assert record["previous_hash"] == event.previous_hash


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_is_logged_with_format_row_count_and_filters(
    auditor: Client, write_event: WriteEvent, fmt: str
) -> None:
    for _ in range(3):
        write_event(object_type="tests.thing")
    body_of(auditor.get(EXPORT, {"format": fmt, "object_type": "tests.thing"}))
    entry = AuditEvent.objects.filter(verb="AUDIT_LOG_EXPORTED").latest("id")
    assert entry.actor_label == "t-auditor"
    assert entry.outcome == AuditEvent.Outcome.OK
    assert entry.changes["_details"] == {
        "format": fmt,
        "rows": 3,
        "filters": {"object_type": "tests.thing"},
    }


def test_logged_row_count_matches_what_is_streamed_even_with_no_filter(
    auditor: Client, write_event: WriteEvent
) -> None:
    write_event()
    response = auditor.get(EXPORT, {"format": "jsonl"})
    streamed = len(body_of(response).splitlines())
    entry = AuditEvent.objects.filter(verb="AUDIT_LOG_EXPORTED").latest("id")
    # The export's own entry is written after the bound is fixed, so it is not in it.
    assert entry.changes["_details"]["rows"] == streamed
    assert streamed == AuditEvent.objects.filter(id__lt=entry.pk).count()


def test_too_large_an_export_is_refused_and_logged_as_failed(
    auditor: Client, write_event: WriteEvent, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "MAX_EXPORT_ROWS", 2)
    for _ in range(3):
        write_event(object_type="tests.thing")
    response = auditor.get(EXPORT, {"format": "csv", "object_type": "tests.thing"})
    assert response.status_code == 400
    assert "Indsnævr søgningen" in response.content.decode()
    entry = AuditEvent.objects.filter(verb="AUDIT_LOG_EXPORTED").latest("id")
    assert entry.outcome == AuditEvent.Outcome.FAILED
    assert entry.changes["_details"]["reason"] == "too_many_rows"


@pytest.mark.parametrize("query", [{"format": "xlsx"}, {}, {"format": "csv", "date_to": "nej"}])
def test_bad_export_request_shows_the_search_form_with_errors(
    auditor: Client, query: dict[str, str]
) -> None:
    before = AuditEvent.objects.filter(verb="AUDIT_LOG_EXPORTED").count()
    response = auditor.get(EXPORT, query)
    assert response.status_code == 400
    assert 'class="alert alert-error error-summary"' in response.content.decode()
    assert AuditEvent.objects.filter(verb="AUDIT_LOG_EXPORTED").count() == before


def test_list_links_to_both_exports_with_the_current_filter(
    auditor: Client, write_event: WriteEvent
) -> None:
    write_event(object_type="tests.thing")
    body = auditor.get(
        "/revision/auditlog/", {"object_type": "tests.thing", "page": "1"}
    ).content.decode()
    assert f'href="{EXPORT}?object_type=tests.thing&amp;format=csv"' in body
    assert f'href="{EXPORT}?object_type=tests.thing&amp;format=jsonl"' in body
