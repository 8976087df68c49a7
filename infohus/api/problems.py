"""Errors as RFC 9457 problem details (application/problem+json).

Every error the API gives has ``type``, ``title``, ``status`` and ``detail``; validation
errors add ``errors: [{field, message}]`` naming each offending field. Problem types are
tag URIs (RFC 9457 §3.1.1: an identifier, not a page to fetch). Nothing the client sent
is echoed back: a rejected CPR number must not travel further than it already has.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

CONTENT_TYPE = "application/problem+json"
TYPE_BASE = "tag:infohus.dk,2026:problem/"
WWW_AUTHENTICATE_REALM = 'Bearer realm="infohus-api"'


def problem_type(slug: str) -> str:
    return TYPE_BASE + slug


def problem_response(
    *,
    status: int,
    slug: str,
    title: str,
    detail: str,
    errors: Sequence[Mapping[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": problem_type(slug),
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = list(errors)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


class ProblemError(Exception):
    """Raise from an endpoint to answer with a problem document."""

    def __init__(
        self,
        *,
        status: int,
        slug: str,
        title: str,
        detail: str,
        errors: Sequence[Mapping[str, Any]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers

    def response(self) -> HttpResponse:
        return problem_response(
            status=self.status,
            slug=self.slug,
            title=self.title,
            detail=self.detail,
            errors=self.errors,
            headers=self.headers,
        )


class TokenRejectedError(AuthenticationError):
    """A missing, unknown or revoked bearer token (RFC 6750 §3)."""

    def __init__(self, *, presented: bool) -> None:
        super().__init__(401, "invalid_token" if presented else "missing_token")
        self.presented = presented


def field_errors(*pairs: tuple[str | None, str]) -> list[dict[str, Any]]:
    return [{"field": f, "message": m} for f, m in pairs]


def validation_problem(errors: Iterable[Mapping[str, Any]], detail: str = "") -> ProblemError:
    return ProblemError(
        status=422,
        slug="validation-error",
        title="The request is not valid",
        detail=detail or "One or more fields are missing or not valid; see errors.",
        errors=list(errors),
    )


def _field_from_loc(loc: Sequence[Any]) -> str:
    """ninja's location ("body", "payload", "persons", 0, "cpr") → "persons.0.cpr"."""
    parts = list(loc)
    if parts and parts[0] == "body":
        parts = parts[2:]  # "body" and the name of the endpoint's body parameter
    elif parts and parts[0] in {"query", "path", "header", "cookie"}:
        parts = parts[1:]
    return ".".join(str(p) for p in parts)


def _message(error: Mapping[str, Any]) -> str:
    message = str(error.get("msg", "Not valid."))
    return message.removeprefix("Value error, ")


def _on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    # Only location and message: pydantic's "input" and "ctx" may hold what was sent.
    errors = [
        {"field": _field_from_loc(e.get("loc", ())), "message": _message(e)} for e in exc.errors
    ]
    return validation_problem(errors).response()


def _on_domain_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A ValidationError from an action: the same rule the UI's form would show."""
    pairs: list[tuple[str | None, str]]
    if hasattr(exc, "error_dict"):
        pairs = [(f, str(m)) for f, msgs in exc.message_dict.items() for m in msgs]
    else:
        pairs = [(None, str(m)) for m in exc.messages]
    return validation_problem(field_errors(*pairs)).response()


def _on_auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    presented = getattr(exc, "presented", bool(request.headers.get("Authorization")))
    challenge = WWW_AUTHENTICATE_REALM + (', error="invalid_token"' if presented else "")
    return problem_response(
        status=401,
        slug="unauthenticated",
        title="Authentication required",
        detail=(
            "The bearer token is not valid (unknown, malformed or revoked)."
            if presented
            else "Send an integration token: Authorization: Bearer <token>."
        ),
        headers={"WWW-Authenticate": challenge},
    )


def _on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # The same answer whether the record is absent or belongs to someone else (STYLE.md).
    return problem_response(
        status=404, slug="not-found", title="Not found", detail="No such resource."
    )


def _on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return problem_response(
        status=403, slug="forbidden", title="Forbidden", detail="This token may not do that."
    )


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    if status == 400:
        return problem_response(
            status=400,
            slug="malformed-request",
            title="Malformed request",
            detail="The request body is not valid JSON.",
        )
    return problem_response(
        status=status, slug="http-error", title="Request not handled", detail=str(exc)
    )


def _on_problem(request: HttpRequest, exc: ProblemError) -> HttpResponse:
    return exc.response()


def install(api: NinjaAPI) -> None:
    """Answer every error of ``api`` with a problem document."""
    handlers: list[tuple[type[Exception], Any]] = [
        (NinjaValidationError, _on_schema_error),
        (DjangoValidationError, _on_domain_error),
        (AuthenticationError, _on_auth_error),
        (Http404, _on_not_found),
        (PermissionDenied, _on_forbidden),
        (HttpError, _on_http_error),
        (ProblemError, _on_problem),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)
