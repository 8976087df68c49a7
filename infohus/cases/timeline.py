"""A case's timeline: everything that happened to it, in order — what the user may see
of it, nothing more (this slice: the district's own concerns, screenings and status
changes; hand-overs, assessments, meetings and interventions join as they are built)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infohus.cases.models import Case, Screening


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    text: str | Promise
    by: str
    reason: str = ""


def case_timeline(case: Case) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for link in case.concern_links.select_related("concern"):
        concern = link.concern
        entries.append(
            TimelineEntry(
                concern.received_at,
                "concern",
                _("Bekymringshenvendelse %(ref)s modtaget (%(source)s)")
                % {"ref": concern.reference, "source": concern.get_source_type_display()},
                "",
            )
        )
    screenings = Screening.objects.filter(
        concern_id__in=case.concern_links.values("concern_id")
    ).select_related("concern", "screened_by")
    for screening in screenings:
        entries.append(
            TimelineEntry(
                screening.screened_at,
                "screening",
                _("%(ref)s screenet: %(outcome)s")
                % {"ref": screening.concern.reference, "outcome": screening.get_outcome_display()},
                screening.screened_by.display_name(),
                screening.reason,
            )
        )
    for change in case.status_changes.select_related("changed_by"):
        entries.append(
            TimelineEntry(
                change.changed_at,
                "status",
                _("Status: %(status)s") % {"status": change.get_to_status_display()},
                change.changed_by.display_name() if change.changed_by else "",
                change.reason,
            )
        )
    return sorted(entries, key=lambda entry: entry.at)
