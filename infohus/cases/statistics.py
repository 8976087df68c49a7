"""Counts of screening outcomes: each concern counted once, whatever became of its
personal data (unfounded concerns stay in statistics after erasure)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count

from infohus.cases.choices import ScreeningOutcome
from infohus.cases.models import Screening


def screening_outcome_counts(
    *, district_id: int | None = None, since: date | None = None, until: date | None = None
) -> dict[str, int]:
    rows = Screening.objects.all()
    if district_id is not None:
        rows = rows.filter(concern__district_id=district_id)
    if since is not None:
        rows = rows.filter(screened_at__date__gte=since)
    if until is not None:
        rows = rows.filter(screened_at__date__lte=until)
    counts = {outcome.value: 0 for outcome in ScreeningOutcome}
    for row in rows.values("outcome").annotate(n=Count("concern_id", distinct=True)):
        counts[row["outcome"]] = row["n"]
    return counts
