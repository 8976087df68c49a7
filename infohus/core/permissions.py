"""The entry-point helper every get_<noun>_for_user builds on.

A record the user may not see is a 404, exactly like one that does not exist
(STYLE.md, access control). Both are written to the audit trail with the real
reason, which the user never sees.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404

from infohus.core import audit

M = TypeVar("M", bound=models.Model)


def get_visible_or_404(
    visible: models.QuerySet[M],
    pk: Any,
    *,
    actor: Any,
    log_read: bool = False,
    purpose: str = "",
) -> M:
    """Fetch ``pk`` from the already-scoped ``visible`` queryset or raise Http404.

    ``log_read`` writes a read entry (use it whenever the page shows personal data).
    """
    model = visible.model
    try:
        obj = visible.get(pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        exists = False
        try:
            exists = model._default_manager.filter(pk=pk).exists()
        except (ValueError, TypeError, ValidationError):
            exists = False
        audit.record_denied(
            actor,
            object_type=model._meta.label_lower,
            object_id=str(pk)[:64],
            reason="not_visible" if exists else "absent",
        )
        raise Http404 from None
    if log_read:
        audit.record_read(actor, obj, purpose=purpose)
    return obj


def deny(actor: Any, obj: models.Model, *, reason: str) -> PermissionDenied:
    """Log a 403 (visible but not allowed) and return the exception to raise."""
    audit.record_denied(
        actor, object_type=obj._meta.label_lower, object_id=str(obj.pk), reason=reason
    )
    return PermissionDenied(reason)
