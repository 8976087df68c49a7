"""Writing an audit entry: what it keeps, what it hides, and that it lives and dies with
the change it records."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.db import transaction

from infohus.accounts.models import User
from infohus.core import audit
from infohus.core.audit import RequestContext, request_context
from infohus.core.models import AuditEvent
from infohus.organisations import actions
from infohus.organisations.permissions import active_membership

pytestmark = pytest.mark.django_db


class BoomError(Exception):
    pass


def update_then_fail(user: User) -> None:
    with transaction.atomic():
        actions.update_user(actor=None, user=user, full_name="Nyt Navn", email="ny@example.dk")
        assert AuditEvent.objects.filter(verb="USER_UPDATED").exists()
        raise BoomError


def record_then_fail() -> None:
    with transaction.atomic():
        audit.record("DISCARDED", actor=None)
        raise BoomError


@pytest.fixture
def someone(persona: Callable[[str], User]) -> User:
    return persona("coordinator")


SECRETS = {
    "password": ("gammel-hemmelighed", "ny-hemmelighed"),
    "api_token": ("tok-1", "tok-2"),
    "client_secret": ("sec-1", "sec-2"),
    "cpr_number": ("010101-1234", "020202-2345"),
    "totp_otp": ("123456", "654321"),
    "signing_key": ("k1", "k2"),
    "recovery_code": ("c1", "c2"),
}


def test_secret_fields_are_redacted_but_their_change_is_kept() -> None:
    event = audit.record(
        "THING_CHANGED", actor=None, changes={**SECRETS, "status": ("åben", "lukket")}
    )
    event.refresh_from_db()
    stored = json.dumps(event.changes, ensure_ascii=False)
    for field, (old, new) in SECRETS.items():
        assert event.changes[field] == {"changed": True, "value": audit.REDACTED}
        assert old not in stored and new not in stored
    assert event.changes["status"] == {"from": "åben", "to": "lukket"}


def test_unchanged_secret_is_recorded_as_unchanged() -> None:
    event = audit.record("THING_CHANGED", actor=None, changes={"password": ("same", "same")})
    assert event.changes["password"] == {"changed": False, "value": audit.REDACTED}


def test_entry_rolls_back_with_the_change_it_records(someone: User) -> None:
    before_count = AuditEvent.objects.count()
    with pytest.raises(BoomError):
        update_then_fail(someone)
    someone.refresh_from_db()
    assert someone.full_name != "Nyt Navn"
    assert AuditEvent.objects.count() == before_count
    assert not AuditEvent.objects.filter(verb="USER_UPDATED").exists()


def test_chain_continues_from_the_last_kept_entry_after_a_rollback() -> None:
    kept = audit.record("KEPT", actor=None)
    with pytest.raises(BoomError):
        record_then_fail()
    after = audit.record("KEPT", actor=None)
    assert after.previous_hash == kept.entry_hash
    assert audit.verify_chain() is None


def test_entry_names_the_actor_membership_and_request(someone: User) -> None:
    membership = active_membership(someone)
    assert membership is not None
    ctx = RequestContext(
        ip_address="198.51.100.4",
        user_agent="Mozilla/5.0",
        request_id="0b0c2f1e-1d1a-4a4f-8f3e-1c2d3e4f5a6b",
        membership=membership,
    )
    with request_context(ctx):
        event = audit.record("THING_VIEWED", actor=someone, purpose="Opfølgning")
    event.refresh_from_db()
    assert event.actor == someone
    assert event.actor_label == someone.username
    assert event.membership_id == membership.pk
    assert event.membership_label == membership.audit_label()
    assert event.ip_address == "198.51.100.4"
    assert event.user_agent == "Mozilla/5.0"
    assert event.request_id == ctx.request_id
    assert event.purpose == "Opfølgning"


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2001:DB8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::FFFF:10.0.0.1", "::ffff:10.0.0.1"),
        (" 192.0.2.1 ", "192.0.2.1"),
        ("fe80::1%eth0", "fe80::1"),
        ("unknown", None),
        ("", None),
    ],
)
def test_ip_address_is_stored_as_the_database_returns_it(given: str, stored: str | None) -> None:
    """A spelling the database rewrites must not later look like tampering; garbage from a
    forwarded-for header must not make PostgreSQL refuse the entry (and the action)."""
    with request_context(RequestContext(ip_address=given)):
        event = audit.record("THING_VIEWED", actor=None)
    event.refresh_from_db()
    assert event.ip_address == stored
    assert audit.verify_chain() is None


def test_overlong_object_reference_is_cut_to_the_column_sizes() -> None:
    event = audit.record(
        "THING_VIEWED",
        actor=None,
        object_type="t" * 150,
        object_id="9" * 100,
        object_label="æ" * 400,
    )
    event.refresh_from_db()
    assert (len(event.object_type), len(event.object_id), len(event.object_label)) == (100, 64, 300)
    assert audit.verify_chain() is None


def test_denial_is_recorded_with_its_reason(persona: Callable[[str], User]) -> None:
    user = persona("mentor")
    event = audit.record_denied(
        user, object_type="tests.thing", object_id="5", reason="not_visible"
    )
    assert event.outcome == AuditEvent.Outcome.DENIED
    assert event.changes == {"_details": {"reason": "not_visible"}}
    assert event.actor == user


@pytest.mark.parametrize(
    ("field", "secret"),
    [
        ("password", True),
        ("password1", True),
        ("api_key", True),
        ("totp_secret", True),
        ("cpr", True),
        ("cpr_number", True),
        ("pin", True),
        ("recovery_codes", True),
        ("postal_code", False),
        ("keyword", False),
        ("full_name", False),
        ("status", False),
    ],
)
def test_secret_fields_are_recognised_by_whole_words(field: str, secret: bool) -> None:
    described = audit.describe_changes({field: ("old", "new")})[field]
    assert (described.get("value") == audit.REDACTED) is secret
    assert ("old" in str(described)) is not secret
