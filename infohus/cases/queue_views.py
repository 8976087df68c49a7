"""The work queue page: every section the user's role has, or one, sorted."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from infohus.cases import queue
from infohus.cases.views import _require_cases
from infohus.organisations.views import ALLOWED_GET, breadcrumbs, paginate

# Everything at once shows the first few of each section; one section is paginated.
PREVIEW_SIZE = 10
PAGE_SIZE = 50


def work_queue(request: HttpRequest) -> HttpResponse:
    _require_cases(request)
    if request.method not in ALLOWED_GET:
        return HttpResponseNotAllowed(ALLOWED_GET)
    keys = queue.sections_for(request.user)
    chosen = request.GET.get("vis", "")
    shown = [chosen] if chosen in keys else keys
    sort = request.GET.get("sort", "due")
    if sort not in queue.SORTS:
        sort = "due"
    counts = queue.queue_counts(request.user)
    sections = []
    pagination: dict[str, object] = {}
    for key in shown:
        rows = queue.queue_rows(request.user, key, sort=sort)
        if chosen in keys:
            pagination = paginate(request, rows, per_page=PAGE_SIZE)
            shown_rows = list(pagination["page"])  # type: ignore[call-overload]
        else:
            shown_rows = list(rows[:PREVIEW_SIZE])
        sections.append(
            {
                "section": queue.SECTIONS[key],
                "count": counts[key],
                "rows": shown_rows,
                "more": counts[key] > len(shown_rows) and chosen not in keys,
            }
        )
    return render(
        request,
        "cases/work_queue.html",
        {
            "sections": sections,
            "all_sections": [(queue.SECTIONS[key], counts[key]) for key in keys],
            "chosen": chosen if chosen in keys else "",
            "sort": sort,
            **pagination,
            "today": timezone.localdate(),
            "breadcrumbs": breadcrumbs((_("Arbejdsliste"), "")),
        },
    )
