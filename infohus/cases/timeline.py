"""A case's timeline, as the district sees it: everything that happened to it, in order
— concerns, screenings, status changes, hand-overs, PET consultations, concern
conversations, pre-trial detentions and what other organisations disclosed — nothing
of PET's own records (assessments, meetings and interventions join as they are built).
Only the district's page shows it; municipalities and PET see their own slices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infohus.cases import packets
from infohus.cases.models import Case, Screening
from infohus.disclosures.legal import DisclosureKind
from infohus.intake.models import ReleaseNotice


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
    for severity in case.severity_changes.select_related("changed_by"):
        entries.append(
            TimelineEntry(
                severity.changed_at,
                "severity",
                _("Placering: %(severity)s") % {"severity": severity.get_to_severity_display()},
                severity.changed_by.display_name(),
                severity.reason,
            )
        )
    for handover in case.handovers.select_related("sent_by", "to_organisation", "decided_by"):
        entries.append(
            TimelineEntry(
                handover.sent_at,
                "handover",
                _("Overlevering til %(org)s foreslået: %(to)s")
                % {
                    "org": handover.to_organisation.name,
                    "to": handover.get_to_responsibility_display(),
                },
                handover.sent_by.display_name(),
                handover.reason,
            )
        )
        if handover.decided_at is not None:
            entries.append(
                TimelineEntry(
                    handover.decided_at,
                    "handover",
                    _("Overlevering: %(status)s") % {"status": handover.get_status_display()},
                    handover.decided_by.display_name() if handover.decided_by else "",
                    handover.decision_note,
                )
            )
    for consultation in case.consultations.select_related("requested_by"):
        entries.append(
            TimelineEntry(
                consultation.requested_at,
                "consultation",
                _("Forespørgsel til PET (svarfrist %(due)s)")
                % {"due": consultation.due_on.strftime("%d.%m.%Y")},
                consultation.requested_by.display_name(),
                consultation.question,
            )
        )
        if consultation.answered_at is not None:
            entries.append(
                TimelineEntry(
                    consultation.answered_at,
                    "consultation",
                    _("PET har svaret: %(answer)s") % {"answer": consultation.get_answer_display()},
                    "PET",
                    consultation.answer_note,
                )
            )
    for conversation in case.conversations.select_related("recorded_by"):
        entries.append(
            TimelineEntry(
                timezone.make_aware(datetime.combine(conversation.held_on, time(12))),
                "conversation",
                _("Bekymringssamtale: %(outcome)s")
                % {"outcome": conversation.get_outcome_display()},
                conversation.recorded_by.display_name(),
            )
        )
    for detention in case.person.pre_trial_detentions.all():
        entries.append(
            TimelineEntry(
                timezone.make_aware(datetime.combine(detention.starts_on, time(0))),
                "detention",
                _("Varetægtsfængslet fra %(start)s")
                % {"start": detention.starts_on.strftime("%d.%m.%Y")},
                "",
            )
        )
    for disclosure in (
        packets.received_by_district(case)
        .filter(kind=DisclosureKind.PET_TO_DISTRICT)
        .exclude(consultation_answer__isnull=False)
    ):
        entries.append(
            TimelineEntry(
                disclosure.disclosed_at,
                "disclosure",
                _("Oplysninger fra PET modtaget (%(items)s)")
                % {"items": ", ".join(disclosure.item_labels)},
                "PET",
            )
        )
    # Release notices for the person in this district: the district gets the date and
    # severity category only (the report itself is PET's).
    for notice in ReleaseNotice.objects.filter(person=case.person, district_id=case.district_id):
        entries.append(
            TimelineEntry(
                notice.registered_at,
                "notice",
                _("Meddelelse om løsladelse den %(date)s (kategori %(category)s)")
                % {
                    "date": notice.release_on.strftime("%d.%m.%Y"),
                    "category": notice.get_severity_category_display(),
                },
                "",
            )
        )
    return sorted(entries, key=lambda entry: entry.at)
