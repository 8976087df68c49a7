"""Who may read the audit trail: auditors, and nobody else.

Every audit URL is a 404 for anyone else, exactly like a page that does not
exist (STYLE.md, access control); the denial is written to the trail with the
real reason.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404

from infohus.core import audit
from infohus.core.models import AuditEvent
from infohus.core.permissions import get_visible_or_404
from infohus.organisations.permissions import can_view_audit_log

AUDIT_OBJECT_TYPE = AuditEvent._meta.label_lower


def audit_events_visible_to(user: Any) -> models.QuerySet[AuditEvent]:
    """Row scope of the audit trail: all of it for an auditor, none of it for anyone else."""
    if not can_view_audit_log(user):
        return AuditEvent.objects.none()
    return AuditEvent.objects.all()


def require_audit_log_access(user: Any, *, object_id: str = "") -> None:
    """Raise Http404 (and log the denial) unless ``user`` may read the audit trail."""
    if not can_view_audit_log(user):
        audit.record_denied(
            user, object_type=AUDIT_OBJECT_TYPE, object_id=object_id[:64], reason="not_auditor"
        )
        raise Http404


def get_audit_event_for_user(user: Any, pk: Any) -> AuditEvent:
    """One audit entry for an auditor (its reading is itself logged), else Http404."""
    require_audit_log_access(user, object_id=str(pk))
    event = get_visible_or_404(audit_events_visible_to(user), pk, actor=user)
    audit.record_read(user, event, verb="AUDIT_ENTRY_VIEWED")
    return event
