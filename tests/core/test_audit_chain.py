"""The audit trail is tamper-evident: a hash chain the verifier walks, and on PostgreSQL
a trigger that refuses UPDATE and DELETE outright."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from infohus.accounts.models import User
from infohus.core import audit
from infohus.core.audit import GENESIS_HASH, RequestContext, request_context
from infohus.core.models import AuditEvent
from tests.core.tamper import delete_row, update_row

pytestmark = pytest.mark.django_db


def write(n: int, **kwargs: Any) -> list[AuditEvent]:
    return [
        audit.record(
            "THING_CHANGED", actor=None, object_type="tests.thing", object_id=str(i), **kwargs
        )
        for i in range(n)
    ]


def verify(*args: str) -> str:
    out = io.StringIO()
    call_command("verify_audit_chain", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def on_postgresql() -> None:
    """Skip unless the tests run on PostgreSQL (decided at run time, not at import)."""
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")


def test_entries_form_a_valid_chain() -> None:
    events = write(5)
    for earlier, later in itertools.pairwise(events):
        assert later.previous_hash == earlier.entry_hash
    assert all(len(e.entry_hash) == 64 for e in events)
    first = AuditEvent.objects.order_by("id").first()
    assert first is not None and first.previous_hash == GENESIS_HASH
    assert audit.verify_chain() is None


def test_verify_command_succeeds_on_an_intact_chain() -> None:
    events = write(3)
    output = verify()
    assert "Audit chain intact" in output
    assert f"{AuditEvent.objects.count()} entries" in output
    assert events[-1].entry_hash in output


def test_verify_command_accepts_an_earlier_head_that_is_still_there() -> None:
    events = write(2)
    earlier_head = events[-1].entry_hash
    write(2)
    assert "Audit chain intact" in verify("--expect-head", earlier_head)


def test_removing_the_newest_entries_is_caught_by_comparing_with_an_earlier_head() -> None:
    """The chain alone cannot show a cut-off tail (operations.md): the recorded head can."""
    events = write(3)
    earlier_head = events[-1].entry_hash
    delete_row(events[-1].pk)
    assert "Audit chain intact" in verify()
    with pytest.raises(CommandError, match=f"earlier head {earlier_head} is no longer in it"):
        verify("--expect-head", earlier_head)


def test_changed_row_fails_the_command_and_is_named() -> None:
    events = write(5)
    target = events[2]
    update_row(target.pk, "object_label", "skjult spor")
    with pytest.raises(CommandError, match=rf"entry #{target.pk}: content does not match"):
        verify()


def test_changed_row_with_recomputed_hash_is_caught_at_the_next_entry() -> None:
    """A forger who also rewrites the row's own hash still breaks the link to the next one."""
    events = write(4)
    target = events[1]
    target.object_label = "forfalsket"
    forged = audit.compute_hash(target.previous_hash, target.hashed_content())
    update_row(target.pk, "object_label", "forfalsket")
    update_row(target.pk, "entry_hash", forged)
    with pytest.raises(CommandError, match=rf"entry #{events[2].pk}: previous_hash"):
        verify()


def test_deleted_middle_row_is_detected_at_the_following_entry() -> None:
    events = write(5)
    delete_row(events[2].pk)
    with pytest.raises(CommandError, match=rf"entry #{events[3].pk}: previous_hash"):
        verify()


def test_plain_update_is_refused_by_the_database(on_postgresql: None) -> None:
    (event,) = write(1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(object_label="ændret")
    event.refresh_from_db()
    assert event.object_label == ""


def test_plain_delete_is_refused_by_the_database(on_postgresql: None) -> None:
    (event,) = write(1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_interleaved_writes_from_several_requests_keep_the_chain_valid(
    django_user_model: type[User],
) -> None:
    """Two requests' writes interleave, some inside savepoints that roll back: the chain
    links each entry to the newest one that survived."""
    contexts = [
        RequestContext(ip_address="192.0.2.1", request_id="a" * 36),
        RequestContext(ip_address="2001:db8::2", request_id="b" * 36),
    ]
    for i in range(30):
        with request_context(contexts[i % 2]):
            if i % 7 == 3:
                with transaction.atomic():
                    audit.record("DISCARDED", actor=None, object_id=str(i))
                    transaction.set_rollback(True)
            else:
                with transaction.atomic():
                    audit.record("KEPT", actor=None, object_id=str(i))
                    audit.record("KEPT_TOO", actor=None, object_id=str(i))
    assert not AuditEvent.objects.filter(verb="DISCARDED").exists()
    assert AuditEvent.objects.filter(verb__startswith="KEPT").count() == 2 * 26
    assert audit.verify_chain() is None


# --- properties -----------------------------------------------------------------

# PostgreSQL text cannot hold NUL, and surrogates are not valid UTF-8.
_text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)
_scalar = st.none() | st.booleans() | st.integers(-(2**53), 2**53) | _text
_field = st.from_regex(r"[a-z][a-z_]{0,15}", fullmatch=True)
# Addresses as proxies and servers may spell them: IPv6 upper-case or written out in full.
_ip = (
    st.none()
    | st.ip_addresses(v=4).map(str)
    | st.ip_addresses(v=6).flatmap(
        lambda a: st.sampled_from([str(a), str(a).upper(), a.exploded, a.exploded.upper()])
    )
)
_entry = st.fixed_dictionaries(
    {
        "verb": st.from_regex(r"[A-Z]{1,20}_[A-Z]{1,20}", fullmatch=True),
        "object_type": st.from_regex(r"[a-z]{1,10}\.[a-z]{1,10}", fullmatch=True),
        "object_id": st.from_regex(r"[0-9]{1,12}", fullmatch=True),
        "object_label": _text,
        "changes": st.dictionaries(_field, st.tuples(_scalar, _scalar), max_size=4),
        "details": st.dictionaries(_field, _scalar, max_size=3),
        "purpose": _text,
        "outcome": st.sampled_from(AuditEvent.Outcome.values),
        "ip": _ip,
        "user_agent": _text,
    }
)
_PROPERTY_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextmanager
def rolled_back() -> Iterator[None]:
    """Undo an example's writes afterwards, so examples do not pile up in one test."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _write_all(entries: list[dict[str, Any]], actor: User | None) -> list[AuditEvent]:
    written = []
    for spec in entries:
        spec = dict(spec)
        ctx = RequestContext(ip_address=spec.pop("ip"), user_agent=spec.pop("user_agent"))
        with request_context(ctx):
            written.append(audit.record(spec.pop("verb"), actor=actor, **spec))
    return written


@_PROPERTY_SETTINGS
@given(entries=st.lists(_entry, min_size=1, max_size=6), with_actor=st.booleans())
def test_any_sequence_of_records_verifies(
    entries: list[dict[str, Any]], with_actor: bool, django_user_model: type[User]
) -> None:
    with rolled_back():
        actor = django_user_model.objects.create(username="kæde") if with_actor else None
        _write_all(entries, actor)
        assert audit.verify_chain() is None


# Each mutable column, and how to draw a value for it that differs from the old one.
_MUTATIONS: dict[str, st.SearchStrategy[Any]] = {
    "occurred_at": st.integers(1, 10**12).flatmap(
        lambda us: st.sampled_from([timedelta(microseconds=us), -timedelta(microseconds=us)])
    ),
    "verb": st.from_regex(r"[A-Z_]{1,64}", fullmatch=True),
    "outcome": st.sampled_from(AuditEvent.Outcome.values),
    "actor_id": st.just("swap"),
    "actor_label": _text,
    "membership_id": st.none() | st.integers(1, 2**31),
    "membership_label": _text,
    "object_type": _text,
    "object_id": st.from_regex(r"[0-9a-z]{0,64}", fullmatch=True),
    "object_label": _text,
    "changes": st.dictionaries(_field, _scalar, max_size=3),
    "purpose": _text,
    "ip_address": _ip,
    "user_agent": _text,
    "request_id": st.from_regex(r"[0-9a-f-]{0,36}", fullmatch=True),
    "previous_hash": st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
    "entry_hash": st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
}


@_PROPERTY_SETTINGS
@given(
    entries=st.lists(_entry, min_size=1, max_size=5),
    position=st.integers(min_value=0, max_value=4),
    column=st.sampled_from(sorted(_MUTATIONS)),
    data=st.data(),
)
def test_any_single_field_change_of_any_entry_is_detected(
    entries: list[dict[str, Any]],
    position: int,
    column: str,
    data: st.DataObject,
    django_user_model: type[User],
) -> None:
    with rolled_back():
        actor = django_user_model.objects.create(username="kæde")
        written = _write_all(entries, actor)
        target = written[position % len(written)]
        drawn = data.draw(_MUTATIONS[column], label=column)
        old = getattr(target, column)
        if column == "occurred_at":
            new: Any = old + drawn
        elif column == "actor_id":
            new = None if old is not None else actor.pk
        elif column == "changes":
            new = {"_forged": drawn}
        elif column == "ip_address":
            new = audit._canonical_ip(drawn)
        else:
            new = drawn
        assume(new != old)
        if column == "changes":
            new = json.dumps(new)
        update_row(target.pk, column, new)
        broken = audit.verify_chain()
        assert broken is not None
        assert broken.event_id == target.pk
