"""Streaming exports of an audit-log search: CSV for spreadsheets, JSON Lines for tools."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.core.models import AuditEvent

# Excel cannot open more rows than this (1,048,576 including the header); a bigger
# export is refused with a request to narrow the search rather than silently cut.
MAX_EXPORT_ROWS = 1_000_000
CHUNK_SIZE = 2000
BOM = "\ufeff"
# A cell starting with one of these is read by spreadsheets as a formula
# (CSV injection, OWASP): such cells get a leading apostrophe.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Danish Excel expects semicolons: its list separator is ";" because "," is the
# decimal comma. A "sep=;" line would make Excel ignore the BOM, so none is written.
CSV_DELIMITER = ";"


def neutralise_formula(value: str) -> str:
    """Prefix a cell a spreadsheet would evaluate with a single quote."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


def _local_iso(event: AuditEvent) -> str:
    return timezone.localtime(event.occurred_at).isoformat(timespec="microseconds")


def event_record(event: AuditEvent) -> dict[str, Any]:
    """Everything an entry holds, in a stable machine-readable shape."""
    return {
        "id": event.pk,
        "occurred_at": _local_iso(event),
        "verb": event.verb,
        "outcome": event.outcome,
        "actor_id": event.actor_id,
        "actor": event.actor_label,
        "membership_id": event.membership_id,
        "membership": event.membership_label,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "changes": event.changes,
        "purpose": event.purpose,
        "ip_address": event.ip_address,
        "user_agent": event.user_agent,
        "request_id": event.request_id,
        "previous_hash": event.previous_hash,
        "entry_hash": event.entry_hash,
    }


def csv_header() -> list[str]:
    return [
        _("Id"),
        _("Tidspunkt"),
        _("Handling"),
        _("Udfald"),
        _("Bruger-id"),
        _("Bruger"),
        _("Medlemskab-id"),
        _("Medlemskab"),
        _("Objekttype"),
        _("Objekt-id"),
        _("Objekt"),
        _("Ændringer"),
        _("Formål"),
        _("IP-adresse"),
        _("Browser"),
        _("Request-id"),
        _("Forrige hash"),
        _("Hash"),
    ]


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    return neutralise_formula(text)


class _Echo:
    """A file-like object whose write() hands the line back (for csv.writer)."""

    def write(self, value: str) -> str:
        return value


def _rows(events: models.QuerySet[AuditEvent]) -> Iterator[AuditEvent]:
    return events.iterator(chunk_size=CHUNK_SIZE)


def stream_csv(events: models.QuerySet[AuditEvent]) -> Iterator[str]:
    """The rows as CSV text, line by line, starting with a BOM so Excel reads UTF-8."""
    writer = csv.writer(_Echo(), delimiter=CSV_DELIMITER)
    yield BOM + str(writer.writerow([_csv_cell(h) for h in csv_header()]))
    for event in _rows(events):
        yield str(writer.writerow([_csv_cell(v) for v in event_record(event).values()]))


def stream_jsonl(events: models.QuerySet[AuditEvent]) -> Iterator[str]:
    """The rows as JSON Lines: one JSON object per line, UTF-8, no BOM."""
    for event in _rows(events):
        yield json.dumps(event_record(event), ensure_ascii=False, sort_keys=False) + "\n"


def encode(lines: Iterable[str]) -> Iterator[bytes]:
    for line in lines:
        yield line.encode("utf-8")
