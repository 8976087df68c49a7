"""The audit trail for auditors: search, read one entry, export.

Every URL here is a 404 for anyone but an auditor (the denial is logged), and
everything an auditor does here is itself written to the trail: each search
(with its filters), each entry opened, each export (format and row count).

The filters travel as GET parameters so a search can be bookmarked, paged and
exported. They hold staff usernames, record types, ids and verbs, not case
content; usernames identify staff, which the request log already records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.core import audit
from infohus.core.models import AuditEvent
from infohus.governance import exports
from infohus.governance import permissions as gov_perms
from infohus.governance.forms import AuditLogFilterForm, ExportFormat
from infohus.governance.queries import LIST_FIELDS, filter_audit_events

PAGE_SIZE = 50
SAFE_METHODS = ("GET", "HEAD")


@dataclass(frozen=True)
class ChangeRow:
    field: str
    old: Any = None
    new: Any = None
    is_hidden: bool = False


def _change_rows(changes: Any) -> list[ChangeRow]:
    """The changed fields of an entry; secret ones show only that they changed."""
    if not isinstance(changes, dict):
        return []
    rows = []
    for field, change in changes.items():
        if field == "_details":
            continue
        if isinstance(change, dict) and ("from" in change or "to" in change):
            rows.append(ChangeRow(field, change.get("from"), change.get("to")))
        elif isinstance(change, dict) and change.get("value") == audit.REDACTED:
            rows.append(ChangeRow(field, is_hidden=True))
        else:
            rows.append(ChangeRow(field, new=change))
    return rows


def _render_list(
    request: HttpRequest,
    form: AuditLogFilterForm,
    *,
    page: Page[AuditEvent] | None = None,
    status: int = 200,
) -> HttpResponse:
    page_range = (
        list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
        if page is not None
        else []
    )
    return render(
        request,
        "governance/audit_log.html",
        {
            "form": form,
            "page": page,
            "page_range": page_range,
            "ellipsis": Paginator.ELLIPSIS,
        },
        status=status,
    )


# The access check comes before the method check in every view, so that even a POST
# from someone who is not an auditor is a 404, not a 405 that gives the URL away.


def audit_log(request: HttpRequest) -> HttpResponse:
    gov_perms.require_audit_log_access(request.user)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    form = AuditLogFilterForm(request.GET)
    if not form.is_valid():
        return _render_list(request, form)
    events = filter_audit_events(
        gov_perms.audit_events_visible_to(request.user), **form.filters()
    ).only(*LIST_FIELDS)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    audit.record(
        "AUDIT_LOG_SEARCHED",
        actor=request.user,
        object_type=gov_perms.AUDIT_OBJECT_TYPE,
        details={
            "filters": form.active_filters(),
            "page": page.number,
            "results": page.paginator.count,
        },
    )
    return _render_list(request, form, page=page)


def audit_entry(request: HttpRequest, pk: int) -> HttpResponse:
    gov_perms.require_audit_log_access(request.user, object_id=str(pk))
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    event = gov_perms.get_audit_event_for_user(request.user, pk)
    details = event.changes.get("_details") if isinstance(event.changes, dict) else None
    return render(
        request,
        "governance/audit_entry.html",
        {
            "event": event,
            "change_rows": _change_rows(event.changes),
            "details": details if isinstance(details, dict) else None,
        },
    )


def audit_export(request: HttpRequest) -> HttpResponseBase:
    gov_perms.require_audit_log_access(request.user)
    if request.method not in SAFE_METHODS:
        return HttpResponseNotAllowed(SAFE_METHODS)
    form = AuditLogFilterForm(request.GET)
    export_format = request.GET.get("format", "")
    if export_format not in ExportFormat.values:
        form.add_error(None, _("Vælg et eksportformat: CSV eller JSON Lines."))
    if not form.is_valid():
        return _render_list(request, form, status=400)
    # Bound the export by the newest entry now, so the row count logged below is exactly
    # what is streamed: the trail is append-only, so nothing below the bound can change.
    visible = gov_perms.audit_events_visible_to(request.user)
    newest = visible.order_by("-id").values_list("id", flat=True).first() or 0
    events = filter_audit_events(visible, **form.filters()).filter(id__lte=newest)
    count = events.count()
    details = {"format": export_format, "rows": count, "filters": form.active_filters()}
    if count > exports.MAX_EXPORT_ROWS:
        audit.record(
            "AUDIT_LOG_EXPORTED",
            actor=request.user,
            object_type=gov_perms.AUDIT_OBJECT_TYPE,
            details={**details, "reason": "too_many_rows"},
            outcome=AuditEvent.Outcome.FAILED,
        )
        form.add_error(
            None,
            _(
                "Udtrækket ville have %(count)s rækker; højst %(max)s kan eksporteres. Indsnævr søgningen."
            )
            % {"count": count, "max": exports.MAX_EXPORT_ROWS},
        )
        return _render_list(request, form, status=400)
    audit.record(
        "AUDIT_LOG_EXPORTED",
        actor=request.user,
        object_type=gov_perms.AUDIT_OBJECT_TYPE,
        details=details,
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    if export_format == ExportFormat.CSV:
        response = StreamingHttpResponse(
            exports.encode(exports.stream_csv(events)), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            exports.encode(exports.stream_jsonl(events)),
            content_type="application/x-ndjson; charset=utf-8",
        )
    response["Content-Disposition"] = f'attachment; filename="auditlog-{stamp}.{export_format}"'
    return response
