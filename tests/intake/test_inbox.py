"""The district Infohus' unit inbox: who sees it, what each row says, filters, overdue
marking, the transfers-out line, the navigation count and the pinned query count."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infohus.accounts.models import User
from infohus.intake import inbox_actions
from infohus.intake.actions import ConcernInput, ReporterInput, create_concern
from infohus.intake.choices import Channel, ConcernStatus, SourceType
from infohus.intake.inbox import inbox_counts
from infohus.intake.models import Concern
from infohus.organisations.models import Municipality, PoliceDistrict
from infohus.persons.actions import PersonInput
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

# Østjyllands Politi's Infohus staff: they see its concerns; everyone else gets a 404.
DISTRICT_STAFF = {"coordinator", "prevention_officer", "analyst"}
# Every district's Infohus staff has an inbox page (Fyn's coordinator sees Fyn's inbox).
INBOX_USERS = DISTRICT_STAFF | {"coordinator_fyn"}
OTHERS = sorted(set(PERSONAS) - INBOX_USERS)
MAX_QUERIES = 14


def make_concern(
    municipality_code: str = "751",
    *,
    description: str = "Fiktiv bekymring om radikalisering.",
    channel: str = Channel.PUBLIC_FORM,
    is_acute: bool = False,
    cpr: str = "",
) -> Concern:
    """A concern as the public form would register it (aarhus = Østjylland by default)."""
    persons = (PersonInput(full_name="Fiktiv Person", cpr=cpr),) if cpr else ()
    return create_concern(
        actor=None,
        data=ConcernInput(
            source_type=SourceType.CITIZEN,
            channel=channel,
            description=description,
            municipality=Municipality.objects.get(code=municipality_code),
            reporter=ReporterInput(is_anonymous=False, name="Fiktiv Nabo", phone="12345678"),
            persons=persons,
            is_acute=is_acute,
        ),
    )


def make_overdue(concern: Concern, *, days: int = 3) -> Concern:
    """Freeze the clock the simple way: the screening deadline lies in the past."""
    Concern.objects.filter(pk=concern.pk).update(
        screening_due_on=timezone.localdate() - timedelta(days=days),
        received_at=timezone.now() - timedelta(days=days + 8),
    )
    concern.refresh_from_db()
    return concern


def url(name: str = "inbox", **kwargs: Any) -> str:
    return reverse(f"intake:{name}", kwargs=kwargs or None)


def assert_matrix(client_for: Callable[[str], Client], path: str, ok: set[str]) -> None:
    """GET ``path`` as every persona: ``ok`` get 200, everyone else 404, anonymous → login."""
    for key in sorted(PERSONAS):
        expected = 200 if key in ok else 404
        assert client_for(key).get(path).status_code == expected, key
    response = client_for("anonymous").get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- who may use the inbox ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["inbox", "register_concern", "deputies"])
def test_persona_matrix(name: str, client_for: Callable[[str], Client]) -> None:
    make_concern()
    assert_matrix(client_for, url(name), INBOX_USERS)


@pytest.mark.parametrize("key", OTHERS)
def test_post_to_the_inbox_is_404_for_everyone_else(
    key: str, client_for: Callable[[str], Client]
) -> None:
    assert client_for(key).post(url()).status_code == 404


def test_the_inbox_lists_only_the_districts_concerns(client_for: Callable[[str], Client]) -> None:
    own = make_concern("751")
    other = make_concern("461")  # Odense: Fyns Politi
    body = client_for("analyst").get(url()).content.decode()
    assert own.reference in body
    assert other.reference not in body
    fyn = client_for("coordinator_fyn").get(url()).content.decode()
    assert other.reference in fyn and own.reference not in fyn


def test_each_row_shows_reference_received_age_source_channel_status_assignee(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_concern(channel=Channel.PHONE, is_acute=True)
    inbox_actions.assign_concern(
        actor=persona("coordinator"), concern=concern, assignee=persona("analyst")
    )
    response = client_for("coordinator").get(url())
    body = response.content.decode()
    row = response.context["rows"][0]
    assert row["concern"] == concern and row["age"] == 0 and row["overdue"] is False
    for text in (
        concern.reference,
        "0 dage",
        "Borger",
        "Telefon",
        "Fordelt",
        "Test Analytiker Østjylland",
        "AKUT",
    ):
        assert text in body, text
    assert "Over fristen</strong>" not in body


def test_overdue_concerns_are_marked(client_for: Callable[[str], Client]) -> None:
    late = make_overdue(make_concern())
    fresh = make_concern()
    response = client_for("coordinator").get(url())
    by_ref = {row["concern"].reference: row for row in response.context["rows"]}
    assert by_ref[late.reference]["overdue"] is True
    assert by_ref[late.reference]["age"] == 11
    assert by_ref[fresh.reference]["overdue"] is False
    assert response.content.decode().count("inbox-row--overdue") == 1


def test_screened_concerns_are_never_overdue(client_for: Callable[[str], Client]) -> None:
    concern = make_overdue(make_concern())
    Concern.objects.filter(pk=concern.pk).update(status=ConcernStatus.SCREENED)
    response = client_for("coordinator").get(url(), {"status": "all"})
    assert [row["overdue"] for row in response.context["rows"]] == [False]


def test_filters(client_for: Callable[[str], Client], persona: Callable[[str], User]) -> None:
    coordinator, analyst = persona("coordinator"), persona("analyst")
    mine = make_concern(description="a")
    theirs = make_concern(description="b")
    loose = make_overdue(make_concern(description="c"))
    closed = make_concern(description="d")
    Concern.objects.filter(pk=closed.pk).update(status=ConcernStatus.CLOSED)
    inbox_actions.assign_concern(actor=coordinator, concern=mine, assignee=coordinator)
    inbox_actions.assign_concern(actor=coordinator, concern=theirs, assignee=analyst)
    client = client_for("coordinator")

    def refs(**params: str) -> set[str]:
        response = client.get(url(), params)
        return {row["concern"].reference for row in response.context["rows"]}

    assert refs() == {mine.reference, theirs.reference, loose.reference}
    assert refs(status="all") == {c.reference for c in (mine, theirs, loose, closed)}
    assert refs(status=ConcernStatus.CLOSED) == {closed.reference}
    assert refs(assigned="mine") == {mine.reference}
    assert refs(assigned="unassigned") == {loose.reference}
    assert refs(overdue="on") == {loose.reference}
    assert refs(status="nonsense") == refs()


def test_sort_orders(client_for: Callable[[str], Client]) -> None:
    first = make_overdue(make_concern(), days=1)
    second = make_concern()
    client = client_for("coordinator")

    def order(sort: str) -> list[str]:
        rows = client.get(url(), {"sort": sort}).context["rows"]
        return [row["concern"].reference for row in rows]

    assert order("newest") == [second.reference, first.reference]
    assert order("oldest") == [first.reference, second.reference]
    assert order("due") == [first.reference, second.reference]


def test_only_the_coordinator_gets_the_assign_links(client_for: Callable[[str], Client]) -> None:
    concern = make_concern()
    assign = url("assign_concern", pk=concern.pk)
    assert assign in client_for("coordinator").get(url()).content.decode()
    assert assign not in client_for("prevention_officer").get(url()).content.decode()


def test_pagination(client_for: Callable[[str], Client]) -> None:
    for _ in range(27):
        make_concern()
    client = client_for("coordinator")
    first = client.get(url())
    assert len(first.context["rows"]) == 25
    assert first.context["page"].paginator.count == 27
    assert len(client.get(url(), {"page": 2}).context["rows"]) == 2


def test_query_count_is_pinned_and_does_not_grow_with_rows(
    client_for: Callable[[str], Client],
    persona: Callable[[str], User],
    django_assert_max_num_queries: Any,
    django_assert_num_queries: Any,
) -> None:
    client = client_for("coordinator")
    coordinator = persona("coordinator")
    concern = make_concern()
    inbox_actions.assign_concern(actor=coordinator, concern=concern, assignee=coordinator)
    with django_assert_max_num_queries(MAX_QUERIES) as few:
        assert client.get(url()).status_code == 200
    for _ in range(12):
        other = make_concern()
        inbox_actions.assign_concern(actor=coordinator, concern=other, assignee=coordinator)
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(url()).status_code == 200


# --- navigation ----------------------------------------------------------------------------


def test_navigation_counts_unassigned_and_overdue(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    make_concern()
    make_overdue(make_concern())
    counts = inbox_counts(persona("coordinator"))
    assert counts is not None and (counts.unassigned, counts.overdue) == (2, 1)
    body = client_for("coordinator").get(reverse("reporting:start")).content.decode()
    assert "Indbakke (2)" in body
    assert "2 ikke fordelt, 1 over fristen for screening." in body


@pytest.mark.parametrize("key", ["coordinator_fyn", "municipal_contact", "pet_triage", "auditor"])
def test_navigation_has_no_inbox_for_others(
    key: str, client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    make_concern()
    body = client_for(key).get(reverse("reporting:start")).content.decode()
    assert url() not in body or key == "coordinator_fyn"
    if key != "coordinator_fyn":
        assert inbox_counts(persona(key)) is None


# --- transfers out -------------------------------------------------------------------------


def test_a_transferred_concern_leaves_a_line_in_the_old_inbox(
    client_for: Callable[[str], Client], persona: Callable[[str], User]
) -> None:
    concern = make_concern()
    inbox_actions.transfer_concern(
        actor=persona("coordinator"),
        concern=concern,
        to_district=PoliceDistrict.objects.get(slug="fyns-politi"),
        reason="Personen er flyttet til Odense.",
    )
    body = client_for("prevention_officer").get(url()).content.decode()
    assert f"{concern.reference} – overført til Fyns Politi" in body
    assert url("concern_detail", pk=concern.pk) not in body
