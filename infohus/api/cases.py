"""Cases through the API, read-only: the cases the token's membership may see, each
audience in its own slice, exactly as in the UI (``cases.permissions``,
``cases.presentation``). The district's Infohus sees severity, responsibility,
municipality and hand-overs; a municipality or PET sees the case's reference and
status only, so PET's involvement never reaches a municipality through the API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from infohus.api.auth import acting_user
from infohus.api.concerns import Page
from infohus.api.idempotency import json_response
from infohus.api.permissions import get_case_for_integration
from infohus.api.schemas import CaseDetailOut, CaseList, ProblemOut, case_out
from infohus.cases import permissions, presentation
from infohus.cases.models import Case

router = Router(tags=["cases"])


def _slice(user: Any) -> tuple[bool, bool]:
    """(district audience?, municipal audience?) of the acting membership."""
    audience = permissions.audience_of(user)
    return audience == permissions.DISTRICT, audience == permissions.MUNICIPALITY


def _shows_status(case: Case, *, municipal: bool) -> bool:
    return not municipal or presentation.municipality_sees_status(case)


@router.get(
    "/cases",
    url_name="list_cases",
    response={200: CaseList, 401: ProblemOut, 422: ProblemOut, 429: ProblemOut},
    summary="List the cases this token's membership may see, newest first",
)
def list_cases(request: HttpRequest, page: Query[Page]) -> HttpResponse:
    """The cases the membership sees in the UI: a district's Infohus its district's
    cases; a municipal contact those handed over to (or handled by) its municipality;
    PET those it handles or was consulted on. Everyone else: an empty list."""
    user = acting_user(request)
    district, municipal = _slice(user)
    visible = permissions.cases_visible_to(user)
    rows = visible.select_related("municipality").order_by("-opened_at", "-id")
    return json_response(
        200,
        {
            "items": [
                case_out(c, district=district, show_status=_shows_status(c, municipal=municipal))
                for c in rows[page.offset : page.offset + page.limit]
            ],
            "count": visible.count(),
            "limit": page.limit,
            "offset": page.offset,
        },
    )


@router.get(
    "/cases/{case_id}",
    url_name="case_detail",
    response={200: CaseDetailOut, 401: ProblemOut, 404: ProblemOut, 429: ProblemOut},
    summary="One case this token's membership may see",
)
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """A case in the membership's slice; for a district's Infohus with its hand-overs.
    Any other id is 404, whether the case exists or not."""
    user = acting_user(request)
    case = get_case_for_integration(user, case_id)
    district, municipal = _slice(user)
    handovers = case.handovers.select_related("to_organisation") if district else None
    return json_response(
        200,
        case_out(
            case,
            district=district,
            show_status=_shows_status(case, municipal=municipal),
            handovers=handovers,
        ),
    )
