"""The daily release_alerts job: unacknowledged releases in the next 14 days raise
alerts for the district and PET; idempotent per notice, party and day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infohus.accounts.models import User
from infohus.intake.models import AlertParty, ReleaseAlert, ReleaseNotice, SeverityCategory
from infohus.intake.release_actions import acknowledge_release_notice, register_release_notice
from infohus.intake.release_permissions import alerts_visible_to
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput

pytestmark = pytest.mark.django_db


def notice(actor: User, days_ahead: int, *, municipality_code: str = "751") -> ReleaseNotice:
    return register_release_notice(
        actor=actor,
        person=PersonInput(
            full_name=f"Fiktiv Indsat {days_ahead}",
            municipality=Municipality.objects.get(code=municipality_code),
        ),
        release_on=timezone.localdate() + timedelta(days=days_ahead),
        institution="Fiktivt Fængsel",
        severity_category=SeverityCategory.CATEGORY_1,
        report_content="Fiktiv rapport.",
    )


def run(on: date | None = None) -> str:
    out = StringIO()
    args = ["--date", on.isoformat()] if on else []
    call_command("release_alerts", *args, stdout=out)
    return out.getvalue()


def test_an_unacknowledged_release_14_days_ahead_raises_alerts_for_both(
    persona: Callable[[str], User],
) -> None:
    made = notice(persona("prison_liaison"), 14)
    assert "2 alert(s) raised" in run()
    parties = set(ReleaseAlert.objects.filter(notice=made).values_list("raised_for", flat=True))
    assert parties == {AlertParty.DISTRICT, AlertParty.PET}
    assert ReleaseAlert.objects.filter(raised_on=timezone.localdate()).count() == 2


def test_releases_beyond_14_days_or_already_past_raise_none(
    persona: Callable[[str], User],
) -> None:
    notice(persona("prison_liaison"), 15)
    notice(persona("prison_liaison"), -1)
    run()
    assert ReleaseAlert.objects.count() == 0


def test_acknowledged_notices_raise_no_alert(persona: Callable[[str], User]) -> None:
    made = notice(persona("prison_liaison"), 5)
    acknowledge_release_notice(actor=persona("coordinator"), notice=made)
    acknowledge_release_notice(actor=persona("pet_triage"), notice=made)
    run()
    assert ReleaseAlert.objects.count() == 0


def test_only_the_party_that_has_not_acknowledged_is_alerted(
    persona: Callable[[str], User],
) -> None:
    made = notice(persona("prison_liaison"), 5)
    acknowledge_release_notice(actor=persona("pet_exit_worker"), notice=made)
    run()
    assert list(ReleaseAlert.objects.values_list("raised_for", flat=True)) == [AlertParty.DISTRICT]


def test_running_twice_a_day_raises_each_alert_once(persona: Callable[[str], User]) -> None:
    notice(persona("prison_liaison"), 3)
    run()
    assert "0 alert(s) raised" in run()
    assert ReleaseAlert.objects.count() == 2
    # The next day is a new day: a new alert per party.
    run(timezone.localdate() + timedelta(days=1))
    assert ReleaseAlert.objects.count() == 4


def test_acknowledging_resolves_the_partys_alerts(persona: Callable[[str], User]) -> None:
    made = notice(persona("prison_liaison"), 3)
    run()
    assert alerts_visible_to(persona("coordinator")).count() == 1
    acknowledge_release_notice(actor=persona("coordinator"), notice=made)
    assert not alerts_visible_to(persona("coordinator")).exists()
    assert alerts_visible_to(persona("pet_triage")).count() == 1
    district = ReleaseAlert.objects.get(raised_for=AlertParty.DISTRICT)
    assert district.resolved_at is not None


def test_alerts_go_only_to_the_district_concerned_and_pet(
    persona: Callable[[str], User],
) -> None:
    notice(persona("prison_liaison"), 3)
    run()
    assert alerts_visible_to(persona("analyst")).count() == 1
    assert alerts_visible_to(persona("pet_exit_worker")).count() == 1
    for key in ("coordinator_fyn", "prison_liaison", "hotline_adviser", "system_admin"):
        assert not alerts_visible_to(persona(key)).exists(), key


def test_the_list_page_shows_the_count_and_the_alerts(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    soon = notice(persona("prison_liaison"), 2)
    notice(persona("prison_liaison"), 10)
    notice(persona("prison_liaison"), 40)
    run()
    run(timezone.localdate() + timedelta(days=1))  # a second day's alerts: still 2 notices
    html = client_for("coordinator").get(reverse("releases:notice_list")).content.decode()
    assert "2 løsladelser inden for 14 dage er ikke kvitteret" in html
    assert reverse("releases:notice_detail", args=[soon.pk]) in html
    fyn = client_for("coordinator_fyn").get(reverse("releases:notice_list")).content.decode()
    assert "ikke kvitteret" not in fyn
