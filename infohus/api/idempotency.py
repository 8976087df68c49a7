"""Idempotency-Key for POSTs (draft-ietf-httpapi-idempotency-key-header).

The first request with a key runs, and its response is stored with a fingerprint of
the request (SHA-256 of method, path and body) *in the same transaction* as the
change it made: either both exist or neither. A retry with the same key and the same
request gets the stored response again (same status, same body, header
``Idempotent-Replayed: true``); the same key with a different request is a 422
problem. Two identical requests racing each other meet at the unique (token, key)
constraint: the loser's transaction (including its concern) rolls back and it replays
the winner's response. Only successful responses are stored, so a request refused
for bad input can be corrected and sent again with the same key. Records expire after
24 hours (IDEMPOTENCY_TTL), after which the key may be used afresh.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from infohus.api.models import IDEMPOTENCY_TTL, ApiToken, IdempotencyRecord
from infohus.api.problems import ProblemError

HEADER = "Idempotency-Key"
REPLAY_HEADER = "Idempotent-Replayed"


def fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode("ascii") if request.method else b"")
    digest.update(b"\n")
    digest.update(request.path.encode("utf-8"))
    digest.update(b"\n")
    digest.update(request.body)
    return digest.hexdigest()


def _fresh_record(token: ApiToken, key: str) -> IdempotencyRecord | None:
    return IdempotencyRecord.objects.filter(
        token=token, key=key, created_at__gte=timezone.now() - IDEMPOTENCY_TTL
    ).first()


def render(body: Any) -> str:
    """Every success answer is rendered here, so a replayed body is byte for byte the same
    as the first and as a later GET (ninja's renderer would round datetimes)."""
    return json.dumps(body, ensure_ascii=False)


def json_response(status: int, body: Any) -> HttpResponse:
    return HttpResponse(render(body), status=status, content_type="application/json")


def _replay(record: IdempotencyRecord, request_fingerprint: str) -> HttpResponse:
    if record.fingerprint != request_fingerprint:
        raise ProblemError(
            status=422,
            slug="idempotency-key-reused",
            title="Idempotency-Key already used for another request",
            detail="This Idempotency-Key was used in the last 24 hours with a different "
            "request. Use a new key for a new request.",
            errors=[{"field": HEADER, "message": "Already used for a different request."}],
        )
    response = HttpResponse(
        record.response_body, status=record.response_status, content_type="application/json"
    )
    response[REPLAY_HEADER] = "true"
    return response


def run_once(
    request: HttpRequest,
    *,
    token: ApiToken,
    key: str,
    produce: Callable[[], tuple[int, dict[str, Any]]],
) -> HttpResponse:
    """Run ``produce`` (which makes the change and returns status and JSON body) at most
    once per (token, key) within 24 hours; answer retries from the stored record."""
    request_fingerprint = fingerprint(request)
    existing = _fresh_record(token, key)
    if existing is not None:
        return _replay(existing, request_fingerprint)
    try:
        with transaction.atomic():
            # An expired record under this key would block the insert: it has served its time.
            IdempotencyRecord.objects.filter(
                token=token, key=key, created_at__lt=timezone.now() - IDEMPOTENCY_TTL
            ).delete()
            status, body = produce()
            rendered = render(body)
            IdempotencyRecord.objects.create(
                token=token,
                key=key,
                fingerprint=request_fingerprint,
                response_status=status,
                response_body=rendered,
            )
    except IntegrityError:
        # A concurrent request with the same key committed first; ours rolled back whole.
        winner = _fresh_record(token, key)
        if winner is None:
            raise
        return _replay(winner, request_fingerprint)
    return HttpResponse(rendered, status=status, content_type="application/json")
