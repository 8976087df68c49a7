"""The audit trail for auditors: search, read, export."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from infohus.core import audit
from infohus.core.models import AuditEvent
from infohus.organisations import permissions as org_perms


def audit_log(request: HttpRequest) -> HttpResponse:
    if not org_perms.can_view_audit_log(request.user):
        audit.record_denied(
            request.user, object_type="core.auditevent", object_id="", reason="not_auditor"
        )
        raise Http404
    events = AuditEvent.objects.order_by("-id")[:100]
    audit.record("AUDIT_LOG_SEARCHED", actor=request.user, object_type="core.auditevent")
    return render(request, "governance/audit_log.html", {"events": events})
