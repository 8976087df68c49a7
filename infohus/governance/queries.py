"""Searching the audit trail: the cleaned filter values turned into a queryset."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone

from infohus.core.models import AuditEvent

# The columns the result table shows; the rest (changes, user agent, hashes) stay on
# the detail page, so a page of 50 rows does not drag 50 JSON documents along.
LIST_FIELDS = (
    "id",
    "occurred_at",
    "verb",
    "outcome",
    "actor_label",
    "membership_label",
    "object_type",
    "object_id",
    "object_label",
    "ip_address",
)


def start_of_day(day: date) -> datetime:
    """Midnight at the start of ``day`` in the site's time zone (Europe/Copenhagen)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def filter_audit_events(
    events: models.QuerySet[AuditEvent],
    *,
    user: str = "",
    verb: str = "",
    object_type: str = "",
    object_id: str = "",
    text: str = "",
    outcome: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> models.QuerySet[AuditEvent]:
    """Narrow ``events`` (already scoped to what the viewer may see) by the search form's
    values, newest first. Empty values do not filter.

    The user is matched on the username snapshot taken when the entry was written, so
    entries stay findable under the name the person had then. ``verb`` matches a prefix
    (LOGIN finds LOGIN_FAILED and LOGIN_SUCCEEDED). Dates are whole local days.
    """
    if user:
        events = events.filter(actor_label__iexact=user)
    if verb:
        events = events.filter(verb__startswith=verb)
    if object_type:
        events = events.filter(object_type=object_type)
    if object_id:
        events = events.filter(object_id=object_id)
    if text:
        events = events.filter(object_label__icontains=text)
    if outcome:
        events = events.filter(outcome=outcome)
    if date_from is not None:
        events = events.filter(occurred_at__gte=start_of_day(date_from))
    if date_to is not None:
        events = events.filter(occurred_at__lt=start_of_day(date_to + timedelta(days=1)))
    # The id is the chain's order: newest first even when two entries share a timestamp.
    return events.order_by("-id")
