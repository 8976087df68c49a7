"""Release notices through the API: the prison service's integration registers a release
with the same register_release_notice (and the same registration policy) as the
prison liaison's form, and reads back its own notices."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from infohus.api import idempotency
from infohus.api.auth import acting_user, request_token
from infohus.api.concerns import IdempotencyKey, Page, person_input
from infohus.api.idempotency import json_response
from infohus.api.permissions import (
    get_release_submission_for_user,
    release_submissions_visible_to,
)
from infohus.api.problems import field_errors, validation_problem
from infohus.api.schemas import (
    ProblemOut,
    ReleaseNoticeIn,
    ReleaseNoticeList,
    ReleaseNoticeOut,
    release_notice_out,
)
from infohus.intake.release_actions import register_release_notice
from infohus.intake.release_permissions import require_release_registration
from infohus.organisations.models import Municipality

router = Router(tags=["release notices"])

# register_release_notice's error codes → the request field they are about.
ERROR_FIELDS = {
    "invalid_severity": "severity_category",
    "no_municipality": "person.municipality",
    "empty_institution": "institution",
    "empty_report": "report_content",
}


@router.post(
    "/release-notices",
    url_name="create_release_notice",
    response={
        201: ReleaseNoticeOut,
        400: ProblemOut,
        401: ProblemOut,
        404: ProblemOut,
        422: ProblemOut,
        429: ProblemOut,
    },
    summary="Register a release notice",
)
def create_release_notice(
    request: HttpRequest, payload: ReleaseNoticeIn, idempotency_key: IdempotencyKey
) -> HttpResponse:
    """Register a release. The district's Infohus and PET get it at once; one registered
    after the release date is marked late. Only a prison-service membership may
    register (any other token gets 404, as in the UI)."""
    actor = acting_user(request)
    require_release_registration(actor)
    municipality = Municipality.objects.filter(code=payload.person.municipality).first()
    if municipality is None:
        raise validation_problem(
            field_errors(("person.municipality", "No municipality has this code."))
        )
    # Released to a municipality, whatever their residence was before.
    person = replace(
        person_input(payload.person, home=municipality, municipalities={}),
        municipality=municipality,
    )

    def produce() -> tuple[int, dict[str, Any]]:
        try:
            notice = register_release_notice(
                actor=actor,
                person=person,
                release_on=payload.release_on,
                institution=payload.institution,
                severity_category=payload.severity_category,
                report_content=payload.report_content,
            )
        except ValidationError as exc:
            raise validation_problem(
                field_errors(
                    *((ERROR_FIELDS.get(str(e.code)), e.messages[0]) for e in exc.error_list)
                )
            ) from None
        return 201, release_notice_out(notice)

    return idempotency.run_once(
        request, token=request_token(request), key=idempotency_key, produce=produce
    )


@router.get(
    "/release-notices",
    url_name="list_release_notices",
    response={200: ReleaseNoticeList, 401: ProblemOut, 422: ProblemOut, 429: ProblemOut},
    summary="List this integration's own release notices, newest first",
)
def list_release_notices(request: HttpRequest, page: Query[Page]) -> HttpResponse:
    visible = release_submissions_visible_to(acting_user(request))
    rows = visible.select_related("district", "municipality").order_by("-registered_at", "-id")
    return json_response(
        200,
        {
            "items": [release_notice_out(n) for n in rows[page.offset : page.offset + page.limit]],
            "count": visible.count(),
            "limit": page.limit,
            "offset": page.offset,
        },
    )


@router.get(
    "/release-notices/{notice_id}",
    url_name="release_notice_detail",
    response={200: ReleaseNoticeOut, 401: ProblemOut, 404: ProblemOut, 429: ProblemOut},
    summary="One of this integration's own release notices",
)
def release_notice_detail(request: HttpRequest, notice_id: int) -> HttpResponse:
    notice = get_release_submission_for_user(acting_user(request), notice_id)
    return json_response(200, release_notice_out(notice))
