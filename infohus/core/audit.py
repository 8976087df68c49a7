"""Writing the audit trail.

Every action that changes state calls :func:`record` inside its own
transaction, so the change and its audit entry commit or roll back together.
Access helpers call :func:`record_read` and :func:`record_denied`. The request
context (IP address, user agent, membership in use) is taken from a context
variable that ``AuditContextMiddleware`` sets, so actions need not carry the
request around.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any, Protocol

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from infohus.core.models import AuditEvent

GENESIS_HASH = "0" * 64
# Field-name words whose values are never written to the audit trail, only the fact they
# changed. Matched per word ("postal_code" is not secret; "api_key", "password1", "cpr" are).
SECRET_FIELD_WORDS = frozenset(
    {"password", "passphrase", "pin", "secret", "token", "key", "otp", "totp", "cpr", "recovery"}
)
REDACTED = "[skjult]"
# Key for pg_advisory_xact_lock: serialises writers of the hash chain on PostgreSQL.
_CHAIN_LOCK_KEY = 7_301_115


class MembershipLike(Protocol):
    pk: Any

    def audit_label(self) -> str: ...


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None
    user_agent: str = ""
    request_id: str = ""
    membership: MembershipLike | None = None


_context: ContextVar[RequestContext | None] = ContextVar("infohus_audit_context", default=None)


def current_context() -> RequestContext:
    return _context.get() or RequestContext()


@contextmanager
def request_context(ctx: RequestContext) -> Iterator[None]:
    token = _context.set(ctx)
    try:
        yield
    finally:
        _context.reset(token)


def set_membership(membership: MembershipLike | None) -> None:
    """Name the membership in use for the rest of this request (set once it is resolved)."""
    ctx = _context.get()
    if ctx is not None:
        _context.set(replace(ctx, membership=membership))


def new_request_id() -> str:
    return str(uuid.uuid4())


def _is_secret(field: str) -> bool:
    words = re.split(r"[^a-z0-9]+", field.lower())
    return any(word.rstrip("0123456789") in SECRET_FIELD_WORDS for word in words)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def describe_changes(changes: Mapping[str, tuple[Any, Any]]) -> dict[str, Any]:
    """Turn {field: (old, new)} into the audit form, hiding the values of secret fields."""
    described: dict[str, Any] = {}
    for field, (old, new) in changes.items():
        if _is_secret(field):
            described[field] = {"changed": old != new, "value": REDACTED}
        else:
            described[field] = {"from": _jsonable(old), "to": _jsonable(new)}
    return described


def diff_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields whose value differs between two snapshots, as {field: (old, new)}."""
    keys = set(before) | set(after)
    return {k: (before.get(k), after.get(k)) for k in sorted(keys) if before.get(k) != after.get(k)}


def compute_hash(previous_hash: str, content: Mapping[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((previous_hash + "\n" + canonical).encode("utf-8")).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite runs every transaction as IMMEDIATE (settings): writers are already serialised.


def _object_ref(obj: models.Model | None) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    label_fn = getattr(obj, "audit_label", None)
    label = label_fn() if callable(label_fn) else ""
    return obj._meta.label_lower, str(obj.pk), str(label)[:300]


def _canonical_ip(value: str | None) -> str | None:
    """The address exactly as the database will return it, or None if it is not an address.

    The hash is computed before the row is saved, so a value the database rewrites
    (GenericIPAddressField compresses and lower-cases IPv6; PostgreSQL's inet does too)
    would later look like tampering. An unparsable value (e.g. a forwarded-for header
    saying "unknown") would be refused by PostgreSQL and fail the audited action.
    """
    if not value:
        return None
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        # int() drops a zone index ("%eth0"), which neither column type can hold.
        return clean_ipv6_address(str(ipaddress.IPv6Address(int(address))))
    return str(address)


def _actor_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    return str(actor.get_username())[:200]


@transaction.atomic
def record(
    verb: str,
    *,
    actor: Any,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    details: Mapping[str, Any] | None = None,
    purpose: str = "",
    outcome: str = AuditEvent.Outcome.OK,
) -> AuditEvent:
    """Append one entry to the audit trail, chained to the previous one.

    ``changes`` is {field: (old, new)}; secret fields are redacted. ``details``
    are extra non-secret facts (e.g. the reason for a denial).
    """
    ctx = current_context()
    o_type, o_id, o_label = _object_ref(obj)
    payload: dict[str, Any] = describe_changes(changes or {})
    if details:
        payload["_details"] = _jsonable(details)
    real_actor = actor if getattr(actor, "is_authenticated", False) else None
    membership = ctx.membership
    event = AuditEvent(
        occurred_at=timezone.now(),
        verb=verb,
        outcome=outcome,
        actor=real_actor,
        actor_label=_actor_label(actor),
        membership_id=membership.pk if membership is not None else None,
        membership_label=membership.audit_label()[:300] if membership is not None else "",
        # Cut to the column sizes here, so PostgreSQL and SQLite store (and hash) the same.
        object_type=(object_type or o_type)[:100],
        object_id=(object_id or o_id)[:64],
        object_label=(object_label or o_label)[:300],
        changes=payload,
        purpose=purpose,
        ip_address=_canonical_ip(ctx.ip_address),
        user_agent=ctx.user_agent[:400],
        request_id=ctx.request_id[:36],
    )
    _lock_chain()
    last = AuditEvent.objects.order_by("-id").values_list("entry_hash", flat=True).first()
    event.previous_hash = last or GENESIS_HASH
    event.entry_hash = compute_hash(event.previous_hash, event.hashed_content())
    event.save(force_insert=True)
    return event


def record_read(actor: Any, obj: models.Model, *, purpose: str = "", verb: str = "") -> AuditEvent:
    """Log that ``actor`` was shown personal data held in ``obj``."""
    return record(
        verb or f"{str(obj._meta.model_name).upper()}_VIEWED", actor=actor, obj=obj, purpose=purpose
    )


def record_denied(
    actor: Any, *, object_type: str, object_id: str, reason: str, verb: str = "ACCESS_DENIED"
) -> AuditEvent:
    """Log an authorisation denial (the user still only sees a 404 or 403)."""
    return record(
        verb,
        actor=actor,
        object_type=object_type,
        object_id=object_id,
        details={"reason": reason},
        outcome=AuditEvent.Outcome.DENIED,
    )


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    problem: str


def verify_chain(events: Iterable[AuditEvent] | None = None) -> ChainBreak | None:
    """Walk the chain in order and return the first broken link, or None if it is intact."""
    previous = GENESIS_HASH
    rows = events if events is not None else AuditEvent.objects.order_by("id").iterator(2000)
    for event in rows:
        if event.previous_hash != previous:
            return ChainBreak(event.pk, "previous_hash does not match the entry before it")
        if compute_hash(event.previous_hash, event.hashed_content()) != event.entry_hash:
            return ChainBreak(event.pk, "content does not match its hash")
        previous = event.entry_hash
    return None
