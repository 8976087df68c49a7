"""Searching the audit trail: filters, order, paging, local time, and the search's own entry."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from infohus.accounts.models import User
from infohus.core.audit import RequestContext, request_context
from infohus.core.models import AuditEvent
from infohus.governance import permissions as gov_perms
from infohus.governance.queries import filter_audit_events
from infohus.organisations.permissions import active_membership

pytestmark = pytest.mark.django_db

LIST = "/revision/auditlog/"
WriteEvent = Callable[..., AuditEvent]


def listed_ids(response: object) -> list[int]:
    page = response.context["page"]  # type: ignore[attr-defined]
    return [event.pk for event in page.object_list]


@pytest.fixture
def auditor(client_for: Callable[[str], Client]) -> Client:
    return client_for("auditor")


def test_lists_newest_first(auditor: Client, write_event: WriteEvent) -> None:
    first = write_event(object_type="tests.thing")
    second = write_event(object_type="tests.thing")
    response = auditor.get(LIST, {"object_type": "tests.thing"})
    assert listed_ids(response) == [second.pk, first.pk]


def test_row_shows_time_in_copenhagen_user_membership_verb_object_outcome_and_ip(
    auditor: Client, persona: Callable[[str], User], write_event: WriteEvent
) -> None:
    user = persona("coordinator")
    membership = active_membership(user)
    assert membership is not None
    with request_context(RequestContext(ip_address="192.0.2.17", membership=membership)):
        write_event(
            "THING_INSPECTED",
            actor=user,
            object_type="tests.thing",
            object_id="42",
            object_label="Ting 42",
            outcome=AuditEvent.Outcome.DENIED,
            at=datetime(2024, 7, 1, 10, 5, 9, tzinfo=UTC),
        )
    body = auditor.get(LIST, {"object_type": "tests.thing"}).content.decode()
    # 10:05 UTC is 12:05 summer time in Copenhagen.
    assert "2024-07-01 12:05:09" in body
    assert "t-coordinator" in body
    assert membership.audit_label() in body
    assert "THING_INSPECTED" in body
    assert "tests.thing #42" in body
    assert "Ting 42" in body
    assert "Afvist" in body
    assert "192.0.2.17" in body


def test_filters_by_username_case_insensitively(
    auditor: Client, persona: Callable[[str], User], write_event: WriteEvent
) -> None:
    coordinator = persona("coordinator")
    mentor = persona("mentor")
    mine = write_event(actor=coordinator, object_type="tests.thing")
    write_event(actor=mentor, object_type="tests.thing")
    response = auditor.get(LIST, {"user": "T-Coordinator", "object_type": "tests.thing"})
    assert listed_ids(response) == [mine.pk]


def test_filters_by_verb_prefix(auditor: Client, write_event: WriteEvent) -> None:
    failed = write_event("LOGIN_FAILED", object_type="tests.thing")
    succeeded = write_event("LOGIN_SUCCEEDED", object_type="tests.thing")
    write_event("LOGOUT", object_type="tests.thing")
    assert listed_ids(auditor.get(LIST, {"verb": "login", "object_type": "tests.thing"})) == [
        succeeded.pk,
        failed.pk,
    ]
    assert listed_ids(
        auditor.get(LIST, {"verb": "LOGIN_FAILED", "object_type": "tests.thing"})
    ) == [failed.pk]


def test_filters_by_object_type_and_id(auditor: Client, write_event: WriteEvent) -> None:
    wanted = write_event(object_type="tests.thing", object_id="7")
    write_event(object_type="tests.thing", object_id="77")
    write_event(object_type="tests.other", object_id="7")
    response = auditor.get(LIST, {"object_type": "Tests.Thing", "object_id": "7"})
    assert listed_ids(response) == [wanted.pk]


def test_filters_by_outcome(auditor: Client, write_event: WriteEvent) -> None:
    write_event(object_type="tests.thing")
    failed = write_event(object_type="tests.thing", outcome=AuditEvent.Outcome.FAILED)
    response = auditor.get(LIST, {"outcome": "failed", "object_type": "tests.thing"})
    assert listed_ids(response) == [failed.pk]


def test_filters_by_text_in_object_label(auditor: Client, write_event: WriteEvent) -> None:
    wanted = write_event(object_type="tests.thing", object_label="Sag 2024-0117 Aarhus")
    write_event(object_type="tests.thing", object_label="Sag 2024-0118 Odense")
    response = auditor.get(LIST, {"text": "0117 aar", "object_type": "tests.thing"})
    assert listed_ids(response) == [wanted.pk]


def test_period_is_whole_days_in_danish_time(auditor: Client, write_event: WriteEvent) -> None:
    # 23:30 UTC on 30 March 2024 is already 00:30 on 31 March in Copenhagen (CET, +1).
    late = write_event(object_type="tests.thing", at=datetime(2024, 3, 30, 23, 30, tzinfo=UTC))
    # 21:59 UTC on 31 March is 23:59 summer time (CEST, +2), still 31 March.
    evening = write_event(object_type="tests.thing", at=datetime(2024, 3, 31, 21, 59, tzinfo=UTC))
    # 22:00 UTC on 31 March is midnight, 1 April.
    write_event(object_type="tests.thing", at=datetime(2024, 3, 31, 22, 0, tzinfo=UTC))
    write_event(object_type="tests.thing", at=datetime(2024, 3, 30, 22, 59, tzinfo=UTC))
    response = auditor.get(
        LIST, {"object_type": "tests.thing", "date_from": "2024-03-31", "date_to": "2024-03-31"}
    )
    assert listed_ids(response) == [evening.pk, late.pk]


def test_search_is_itself_audited_with_its_filters(
    auditor: Client, write_event: WriteEvent
) -> None:
    write_event(object_type="tests.thing", object_id="1")
    auditor.get(LIST, {"object_type": "tests.thing", "object_id": "1", "date_from": "2024-01-02"})
    entry = AuditEvent.objects.filter(verb="AUDIT_LOG_SEARCHED").latest("id")
    assert entry.actor_label == "t-auditor"
    assert entry.membership_label == "auditor@infohus-drift/revision"
    assert entry.object_type == "core.auditevent"
    assert entry.changes["_details"] == {
        "filters": {"object_type": "tests.thing", "object_id": "1", "date_from": "2024-01-02"},
        "page": 1,
        "results": 1,
    }


def test_paginates_fifty_a_page_and_keeps_the_filter(
    auditor: Client, write_event: WriteEvent
) -> None:
    events = [write_event(object_type="tests.thing", object_id=str(i)) for i in range(55)]
    first = auditor.get(LIST, {"object_type": "tests.thing"})
    assert listed_ids(first) == [e.pk for e in reversed(events)][:50]
    assert "?object_type=tests.thing&amp;page=2" in first.content.decode()
    second = auditor.get(LIST, {"object_type": "tests.thing", "page": "2"})
    assert listed_ids(second) == [e.pk for e in reversed(events)][50:]
    assert (
        AuditEvent.objects.filter(verb="AUDIT_LOG_SEARCHED")
        .latest("id")
        .changes["_details"]["page"]
        == 2
    )


def test_nonsense_page_number_shows_a_page(auditor: Client, write_event: WriteEvent) -> None:
    write_event(object_type="tests.thing")
    assert auditor.get(LIST, {"object_type": "tests.thing", "page": "x"}).status_code == 200
    assert auditor.get(LIST, {"object_type": "tests.thing", "page": "999"}).status_code == 200


@pytest.mark.parametrize(
    "bad", ["2024-02-30", "i går", "0001-01-01", "9999-12-31", "31-12-2024x", "2024-13-01"]
)
def test_bad_date_gives_an_error_summary_and_no_search(auditor: Client, bad: str) -> None:
    before = AuditEvent.objects.filter(verb="AUDIT_LOG_SEARCHED").count()
    response = auditor.get(LIST, {"date_from": bad})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="alert alert-error error-summary"' in body
    assert '<a href="#id_date_from">Fra dato: Datoen er ugyldig</a>' in body
    assert re.search(r'<input[^>]*aria-invalid="true"[^>]*id="id_date_from"', body)
    assert 'aria-describedby="id_date_from_helptext id_date_from_error"' in body
    assert 'id="id_date_from_error"' in body
    assert response.context["page"] is None
    assert AuditEvent.objects.filter(verb="AUDIT_LOG_SEARCHED").count() == before


def test_date_to_before_date_from_is_an_error(auditor: Client) -> None:
    response = auditor.get(LIST, {"date_from": "2024-05-02", "date_to": "2024-05-01"})
    body = response.content.decode()
    assert "Til-datoen skal ligge på eller efter fra-datoen." in body
    assert response.context["page"] is None


def test_danish_date_format_is_accepted(auditor: Client, write_event: WriteEvent) -> None:
    event = write_event(object_type="tests.thing", at=datetime(2024, 5, 1, 12, tzinfo=UTC))
    response = auditor.get(LIST, {"object_type": "tests.thing", "date_from": "01.05.2024"})
    assert listed_ids(response) == [event.pk]


def test_form_labels_every_input(auditor: Client) -> None:
    body = auditor.get(LIST).content.decode()
    for name in (
        "user",
        "verb",
        "object_type",
        "object_id",
        "text",
        "outcome",
        "date_from",
        "date_to",
    ):
        assert f'<label class="form-label" for="id_{name}">' in body
        assert f'id="id_{name}"' in body


def _list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST, {"object_type": "tests.thing"}).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_rows(
    auditor: Client, write_event: WriteEvent, persona: Callable[[str], User]
) -> None:
    user = persona("coordinator")
    write_event(actor=user, object_type="tests.thing")
    auditor.get(LIST)  # warm up: session and membership caches
    one_row = _list_queries(auditor)
    for i in range(60):
        write_event(
            actor=user, object_type="tests.thing", object_id=str(i), changes={"a": (i, i + 1)}
        )
    assert _list_queries(auditor) == one_row


def test_list_query_count_is_pinned(
    auditor: Client, write_event: WriteEvent, django_assert_num_queries: Any
) -> None:
    for i in range(60):
        write_event(object_type="tests.thing", object_id=str(i))
    auditor.get(LIST)
    # Session, user, second-factor check, membership (middleware), navigation's
    # memberships; count and one page of rows; the search's own entry: savepoint, chain
    # lock (PostgreSQL only), previous hash, insert, release.
    expected = 11 + (1 if connection.vendor == "postgresql" else 0)
    with django_assert_num_queries(expected):
        auditor.get(LIST, {"object_type": "tests.thing"})


def test_filter_audit_events_takes_the_cleaned_values(write_event: WriteEvent) -> None:
    event = write_event(
        "THING_DONE",
        object_type="tests.thing",
        object_id="3",
        object_label="Ting tre",
        at=datetime(2024, 6, 3, 8, tzinfo=UTC),
    )
    write_event("THING_DONE", object_type="tests.thing", object_id="4")
    found = filter_audit_events(
        AuditEvent.objects.all(),
        verb="THING",
        object_type="tests.thing",
        object_id="3",
        text="tre",
        outcome="ok",
        date_from=date(2024, 6, 3),
        date_to=date(2024, 6, 3),
    )
    assert list(found) == [event]


def test_nothing_is_visible_to_a_non_auditor(
    persona: Callable[[str], User], write_event: WriteEvent
) -> None:
    write_event()
    assert not gov_perms.audit_events_visible_to(persona("system_admin")).exists()
    assert gov_perms.audit_events_visible_to(persona("auditor")).exists()


def test_list_reads_only_the_columns_it_shows(auditor: Client, write_event: WriteEvent) -> None:
    write_event(object_type="tests.thing", changes={"x": (1, 2)})
    with CaptureQueriesContext(connection) as queries:
        auditor.get(LIST, {"object_type": "tests.thing"})
    selects = [q["sql"] for q in queries if 'FROM "core_auditevent"' in q["sql"]]
    # count, the page, and the search entry's look-up of the previous hash.
    assert len(selects) == 3
    page_query = next(s for s in selects if '"object_label"' in s)
    assert '"changes"' not in page_query
    assert '"user_agent"' not in page_query
