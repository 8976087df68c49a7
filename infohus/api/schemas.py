"""Request and response schemas. Strict: unknown fields are refused, enums are closed,
strings have bounds, booleans must be booleans. Personal data is accepted, never
returned: responses carry references and status only."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from ninja import Schema
from pydantic import ConfigDict, Field, StrictBool, field_validator, model_validator

from infohus.cases.choices import CaseStatus, HandoverStatus, Responsibility, Severity
from infohus.intake.choices import ConcernStatus, Ideology, Sector, SourceType
from infohus.intake.models import SeverityCategory
from infohus.persons.cpr import parse_cpr
from infohus.persons.models import Residence, Sex

MunicipalityCode = Annotated[
    str, Field(pattern=r"^\d{3}$", description="Official 3-digit kommunekode, e.g. 751 (Aarhus).")
]


class StrictSchema(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ReporterIn(StrictSchema):
    """Who reported. Anonymous by default; contact details only when not anonymous."""

    is_anonymous: StrictBool = True
    name: Annotated[str, Field(max_length=200)] = ""
    phone: Annotated[str, Field(max_length=40)] = ""
    email: Annotated[str, Field(max_length=254)] = ""
    organisation: Annotated[str, Field(max_length=200)] = ""
    relation: Annotated[str, Field(max_length=200)] = ""

    @model_validator(mode="after")
    def _no_contact_when_anonymous(self) -> ReporterIn:
        if self.is_anonymous and (self.name or self.phone or self.email):
            raise ValueError(
                "An anonymous reporter has no name, phone or e-mail: "
                "set is_anonymous to false or leave them out."
            )
        return self


class PersonIn(StrictSchema):
    """A focus person. Any part may be missing; a CPR number is checked and stored
    encrypted, and finds the existing record of that person."""

    full_name: Annotated[str, Field(max_length=200)] = ""
    cpr: Annotated[str, Field(max_length=11, description="DDMMYY-SSSS or DDMMYYSSSS.")] = ""
    birth_date: date | None = None
    sex: Sex = Sex.UNKNOWN
    citizenship: Annotated[str, Field(max_length=100)] = ""
    address: Annotated[str, Field(max_length=300)] = ""
    residence: Residence = Field(
        Residence.MUNICIPALITY,
        description="municipality (default: lives in `municipality`, or the concern's), "
        "no_fixed_address, abroad or unknown.",
    )
    municipality: MunicipalityCode | None = Field(
        None, description="Where the person lives, if not the concern's municipality."
    )

    @field_validator("cpr")
    @classmethod
    def _valid_cpr(cls, value: str) -> str:
        if value:
            try:
                parse_cpr(value)
            except DjangoValidationError as exc:
                raise ValueError(exc.messages[0]) from None
        return value


class ConcernIn(StrictSchema):
    """A concern (bekymringshenvendelse) as an integration reports it."""

    source_type: SourceType
    sector: Sector = Field(Sector.NONE, description="The reporter's sector, for professionals.")
    description: str = Field(min_length=1, max_length=20000, description="The concern itself.")
    municipality: MunicipalityCode = Field(
        description="Where the focus person lives (or, without one, where the concern "
        "belongs). Decides which Infohus receives it."
    )
    reporter: ReporterIn = ReporterIn(is_anonymous=True)
    persons: list[PersonIn] = Field(default_factory=list, max_length=20)
    interview: dict[
        Annotated[str, Field(max_length=100)], Annotated[str, Field(max_length=5000)]
    ] = Field(default_factory=dict, max_length=40, description="Answers to the interview guide.")
    observed_on: Annotated[str, Field(max_length=200, description="When it was seen or heard.")] = (
        ""
    )
    observed_where: Annotated[str, Field(max_length=300)] = ""
    ideology: Ideology = Ideology.UNCLEAR
    is_acute: StrictBool = False
    group_description: Annotated[str, Field(max_length=5000)] = ""


class ConcernOut(Schema):
    """A concern as its submitter may see it: where it went and how far it has come."""

    reference: str = Field(description="B-YYYY-NNNNNN; use it in every later call.")
    receipt_code: str
    status: ConcernStatus
    source_type: SourceType
    channel: str
    received_at: datetime
    district: str | None = Field(description="The police district whose Infohus received it.")
    inbox: str | None = Field(description="The unit whose inbox it is in.")
    municipality: str | None = Field(description="3-digit kommunekode.")
    screening_due_on: date | None
    persons: int = Field(description="How many focus persons it names.")


class ConcernList(Schema):
    items: list[ConcernOut]
    count: int
    limit: int
    offset: int


class ProblemField(Schema):
    field: str | None
    message: str


class ProblemOut(Schema):
    """RFC 9457 problem details (sent as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[ProblemField] | None = None


def concern_out(concern: Any, persons: int) -> dict[str, Any]:
    """The response body for a concern, as JSON-ready data (stored for idempotent replay)."""
    return ConcernOut(
        reference=concern.reference,
        receipt_code=concern.receipt_code,
        status=concern.status,
        source_type=concern.source_type,
        channel=concern.channel,
        received_at=concern.received_at,
        district=concern.district.name if concern.district else None,
        inbox=concern.inbox_unit.name if concern.inbox_unit else None,
        municipality=concern.municipality.code if concern.municipality else None,
        screening_due_on=concern.screening_due_on,
        persons=persons,
    ).model_dump(mode="json")


class ReleasePersonIn(PersonIn):
    """The person to be released; ``municipality`` is where they will live (routing)."""

    municipality: MunicipalityCode = Field(
        description="Where the person will live after release: decides the Infohus."
    )


class ReleaseNoticeIn(StrictSchema):
    """The prison service's notice of a release. The district is told the release date,
    institution and severity category; the report's content goes to PET alone."""

    person: ReleasePersonIn
    release_on: date
    institution: str = Field(min_length=1, max_length=200)
    severity_category: SeverityCategory
    report_content: str = Field(
        min_length=1, max_length=50000, description="The concern report (PET only)."
    )


class ReleaseNoticeOut(Schema):
    """A release notice as the prison service may see it: where it went, whether it was
    late, who has acknowledged it. Never the person or the report."""

    id: int
    release_on: date
    institution: str
    severity_category: SeverityCategory
    registered_at: datetime
    is_late: bool
    district: str
    municipality: str
    district_acknowledged: bool
    pet_acknowledged: bool


class ReleaseNoticeList(Schema):
    items: list[ReleaseNoticeOut]
    count: int
    limit: int
    offset: int


def release_notice_out(notice: Any) -> dict[str, Any]:
    return ReleaseNoticeOut(
        id=notice.pk,
        release_on=notice.release_on,
        institution=notice.institution,
        severity_category=notice.severity_category,
        registered_at=notice.registered_at,
        is_late=notice.is_late,
        district=notice.district.name,
        municipality=notice.municipality.code,
        district_acknowledged=notice.district_acknowledged_at is not None,
        pet_acknowledged=notice.pet_acknowledged_at is not None,
    ).model_dump(mode="json")


class HandoverOut(Schema):
    """A hand-over of the case, as the district sees it (status and direction only; the
    packet that went with it is not part of the API)."""

    id: int
    status: HandoverStatus
    from_responsibility: Responsibility
    to_responsibility: Responsibility
    sent_at: datetime
    to_organisation: str = Field(description="The receiving organisation's slug.")


class CaseOut(Schema):
    """A case the token's membership may see, in that audience's slice. Fields marked
    "district only" are left out (absent, not null) for anyone else: a municipality or
    PET learns neither the severity nor who handles the case."""

    id: int
    reference: str = Field(description="S-YYYY-NNNNNN.")
    status: CaseStatus | None = Field(
        None,
        description="Absent for a municipality while the police alone handle the case "
        "(as in the UI, the status is not shared then).",
    )
    opened_at: datetime
    closed_at: datetime | None = Field(
        None, description="Null while open; absent where `status` is absent."
    )
    severity: Severity | None = Field(None, description="District only.")
    responsibility: Responsibility | None = Field(None, description="District only.")
    municipality: str | None = Field(None, description="District only: 3-digit kommunekode.")


class CaseDetailOut(CaseOut):
    handovers: list[HandoverOut] | None = Field(
        None, description="District only: every hand-over of the case, oldest first."
    )


class CaseList(Schema):
    items: list[CaseOut]
    count: int
    limit: int
    offset: int


def handover_out(handover: Any) -> HandoverOut:
    return HandoverOut(
        id=handover.pk,
        status=handover.status,
        from_responsibility=handover.from_responsibility,
        to_responsibility=handover.to_responsibility,
        sent_at=handover.sent_at,
        to_organisation=handover.to_organisation.slug,
    )


def case_out(
    case: Any, *, district: bool, show_status: bool, handovers: Any = None
) -> dict[str, Any]:
    """The response body for a case in one audience's slice. Only the fields passed are
    in the body (``exclude_unset``): ``district`` adds severity, responsibility and
    municipality, and ``handovers`` (a queryset, detail only) the hand-overs."""
    fields: dict[str, Any] = {
        "id": case.pk,
        "reference": case.reference,
        "opened_at": case.opened_at,
    }
    if show_status:
        fields |= {"status": case.status, "closed_at": case.closed_at}
    if district:
        fields |= {
            "severity": case.severity,
            "responsibility": case.responsibility,
            "municipality": case.municipality.code if case.municipality else None,
        }
        if handovers is not None:
            fields["handovers"] = [handover_out(h) for h in handovers]
    return CaseDetailOut(**fields).model_dump(mode="json", exclude_unset=True)
