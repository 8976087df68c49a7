"""Concerns through the API: register one (the same create_concern as every other
channel), and read back the integration's own submissions."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.params import functions as param_functions
from pydantic import Field

from infohus.api import idempotency
from infohus.api.auth import acting_user, request_token
from infohus.api.permissions import get_submission_for_user, submissions_visible_to
from infohus.api.problems import field_errors, validation_problem
from infohus.api.schemas import (
    ConcernIn,
    ConcernList,
    ConcernOut,
    PersonIn,
    ProblemOut,
    concern_out,
)
from infohus.intake.actions import ConcernInput, ReporterInput, create_concern
from infohus.intake.choices import Channel
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput
from infohus.persons.models import Residence

router = Router(tags=["concerns"])

ERRORS: dict[int | str, Any] = {
    400: ProblemOut,  # body is not JSON
    401: ProblemOut,
    422: ProblemOut,
    429: ProblemOut,
}
IdempotencyKey = Annotated[
    str,
    param_functions.Header(
        alias=idempotency.HEADER,
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="A new unique value (e.g. a UUID) per request; the same value when "
        "retrying it. Answers are replayed for 24 hours.",
    ),
]


def _municipalities(payload: ConcernIn) -> dict[str, Municipality]:
    """The municipalities named in the request, by code; unknown codes are field errors."""
    wanted = {payload.municipality} | {p.municipality for p in payload.persons if p.municipality}
    found = {m.code: m for m in Municipality.objects.filter(code__in=wanted)}
    missing: list[tuple[str | None, str]] = []
    if payload.municipality not in found:
        missing.append(("municipality", "No municipality has this code."))
    for i, person in enumerate(payload.persons):
        if person.municipality and person.municipality not in found:
            missing.append((f"persons.{i}.municipality", "No municipality has this code."))
    if missing:
        raise validation_problem(field_errors(*missing))
    return found


def person_input(
    p: PersonIn, *, home: Municipality, municipalities: dict[str, Municipality]
) -> PersonInput:
    """A person as the action takes it; one living "in a municipality" without a code of
    their own lives in ``home`` (the concern's municipality)."""
    lives_in = None
    if p.residence == Residence.MUNICIPALITY:
        lives_in = municipalities.get(p.municipality or "", home)
    return PersonInput(
        full_name=p.full_name,
        cpr=p.cpr,
        birth_date=p.birth_date,
        sex=p.sex,
        citizenship=p.citizenship,
        address=p.address,
        residence=p.residence,
        municipality=lives_in,
    )


def concern_input(payload: ConcernIn) -> ConcernInput:
    """Translate the request into the action's input (what a form's cleaned_data would be)."""
    municipalities = _municipalities(payload)
    home = municipalities[payload.municipality]
    persons = tuple(
        person_input(p, home=home, municipalities=municipalities) for p in payload.persons
    )
    r = payload.reporter
    return ConcernInput(
        source_type=payload.source_type,
        channel=Channel.API,
        description=payload.description,
        municipality=home,
        reporter=ReporterInput(
            is_anonymous=r.is_anonymous,
            name=r.name,
            phone=r.phone,
            email=r.email,
            organisation=r.organisation,
            relation=r.relation,
        ),
        persons=persons,
        sector=payload.sector,
        interview=dict(payload.interview),
        observed_on=payload.observed_on,
        observed_where=payload.observed_where,
        ideology=payload.ideology,
        is_acute=payload.is_acute,
        group_description=payload.group_description,
    )


@router.post(
    "/concerns",
    url_name="create_concern",
    response={201: ConcernOut, **ERRORS},
    summary="Register a concern",
)
def create_concern_endpoint(
    request: HttpRequest,
    payload: ConcernIn,
    idempotency_key: IdempotencyKey,
) -> HttpResponse:
    """Register a concern; it is routed at once to the Infohus of the municipality's
    police district, exactly as one from the staff form would be. Answers 201 with its
    reference. A retry with the same Idempotency-Key and body gets the same answer
    (header `Idempotent-Replayed: true`) and registers nothing."""
    actor = acting_user(request)
    data = concern_input(payload)

    def produce() -> tuple[int, dict[str, Any]]:
        concern = create_concern(actor=actor, data=data)
        return 201, concern_out(concern, persons=concern.subject_links.count())

    return idempotency.run_once(
        request, token=request_token(request), key=idempotency_key, produce=produce
    )


class Page(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


@router.get(
    "/concerns",
    url_name="list_concerns",
    response={200: ConcernList, 401: ProblemOut, 422: ProblemOut, 429: ProblemOut},
    summary="List this integration's own concerns, newest first",
)
def list_concerns(request: HttpRequest, page: Query[Page]) -> HttpResponse:
    visible = submissions_visible_to(acting_user(request))
    rows = (
        visible.select_related("district", "inbox_unit", "municipality")
        .annotate(person_count=Count("subject_links"))
        .order_by("-received_at", "-id")[page.offset : page.offset + page.limit]
    )
    return idempotency.json_response(
        200,
        {
            "items": [concern_out(c, persons=c.person_count) for c in rows],
            "count": visible.count(),
            "limit": page.limit,
            "offset": page.offset,
        },
    )


@router.get(
    "/concerns/{reference}",
    url_name="concern_detail",
    response={200: ConcernOut, 401: ProblemOut, 404: ProblemOut, 429: ProblemOut},
    summary="One of this integration's own concerns",
)
def concern_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """A concern this integration registered. Any other reference is 404, whether it
    exists or not."""
    concern = get_submission_for_user(acting_user(request), reference)
    return idempotency.json_response(
        200, concern_out(concern, persons=concern.subject_links.count())
    )
