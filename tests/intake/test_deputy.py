"""Deputies: a concern assigned to an absent colleague shows up in the deputy's
"assigned to me" for the period; only the coordinator arranges it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.intake import inbox_actions
from infohus.intake.inbox import Assigned, InboxFilter, inbox_for
from infohus.intake.models import InboxDeputy
from tests.intake.test_inbox import make_concern, url
from tests.personas import PERSONAS

pytestmark = pytest.mark.django_db

MINE = InboxFilter(assigned=Assigned.MINE)


def set_deputy(persona: Callable[[str], User], *, starts: int = 0, ends: int = 5) -> InboxDeputy:
    today = timezone.localdate()
    return inbox_actions.set_deputy(
        actor=persona("coordinator"),
        user=persona("analyst"),
        deputy=persona("prevention_officer"),
        starts_on=today + timedelta(days=starts),
        ends_on=today + timedelta(days=ends),
    )


def test_deputy_sees_the_absent_colleagues_concerns_as_their_own(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    coordinator, analyst, officer = (
        persona("coordinator"),
        persona("analyst"),
        persona("prevention_officer"),
    )
    concern = make_concern()
    inbox_actions.assign_concern(actor=coordinator, concern=concern, assignee=analyst)
    assert list(inbox_for(officer, MINE)) == []
    record = set_deputy(persona)
    assert list(inbox_for(officer, MINE)) == [concern]
    assert list(inbox_for(analyst, MINE)) == [concern]
    body = client_for("prevention_officer").get(url(), {"assigned": "mine"}).content.decode()
    assert concern.reference in body
    inbox_actions.remove_deputy(actor=coordinator, deputy=record)
    assert list(inbox_for(officer, MINE)) == []
    assert AuditEvent.objects.filter(verb__startswith="INBOX_DEPUTY_").count() == 2


def test_a_future_period_does_not_count_yet(persona: Callable[[str], User]) -> None:
    concern = make_concern()
    inbox_actions.assign_concern(
        actor=persona("coordinator"), concern=concern, assignee=persona("analyst")
    )
    set_deputy(persona, starts=2, ends=4)
    assert list(inbox_for(persona("prevention_officer"), MINE)) == []


def test_rules(persona: Callable[[str], User]) -> None:
    today = timezone.localdate()
    coordinator = persona("coordinator")
    cases = [
        (persona("analyst"), persona("analyst"), today, today, "deputy_is_user"),
        (persona("analyst"), persona("coordinator_fyn"), today, today, "deputy_not_district_staff"),
        (persona("municipal_contact"), persona("analyst"), today, today, "user_not_district_staff"),
        (persona("analyst"), coordinator, today, today - timedelta(days=1), "period_order"),
        (
            persona("analyst"),
            coordinator,
            today - timedelta(days=5),
            today - timedelta(days=1),
            "period_past",
        ),
    ]
    for user, deputy, starts, ends, code in cases:
        with pytest.raises(ValidationError) as error:
            inbox_actions.set_deputy(
                actor=coordinator, user=user, deputy=deputy, starts_on=starts, ends_on=ends
            )
        assert error.value.code == code
    with pytest.raises(PermissionDenied):
        inbox_actions.set_deputy(
            actor=persona("prevention_officer"),
            user=persona("analyst"),
            deputy=coordinator,
            starts_on=today,
            ends_on=today,
        )
    assert not InboxDeputy.objects.exists()


def test_coordinator_sets_a_deputy_through_the_page(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    today = timezone.localdate()
    analyst, officer = persona("analyst"), persona("prevention_officer")
    client = client_for("coordinator")
    response = client.post(
        url("deputies"),
        {
            "user": analyst.pk,
            "deputy": officer.pk,
            "starts_on": today.isoformat(),
            "ends_on": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == [
        "Slutdatoen skal ligge på eller efter startdatoen."
    ]
    assert response.context["form"]["user"].value() == str(analyst.pk)  # nothing typed is lost
    response = client.post(
        url("deputies"),
        {
            "user": analyst.pk,
            "deputy": officer.pk,
            "starts_on": today.isoformat(),
            "ends_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    record = InboxDeputy.objects.get()
    page = client_for("analyst").get(url("deputies")).content.decode()
    assert "Test Forebygger Østjylland" in page
    assert url("remove_deputy", pk=record.pk) not in page  # only the coordinator removes


def test_remove_deputy_matrix(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    record = set_deputy(persona)
    path = url("remove_deputy", pk=record.pk)
    expected = {"prevention_officer": 403, "analyst": 403}
    for key in sorted(set(PERSONAS) - {"coordinator"}):
        assert client_for(key).post(path).status_code == expected.get(key, 404), key
    assert client_for("coordinator").get(path).status_code == 405
    response = client_for("anonymous").post(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client_for("coordinator").post(path).status_code == 302
    record.refresh_from_db()
    assert record.removed_at is not None


def test_only_the_coordinator_may_post_the_deputy_form(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    assert client_for("analyst").post(url("deputies"), {}).status_code == 403
    assert "Sæt stedfortræder" not in client_for("analyst").get(url("deputies")).content.decode()
