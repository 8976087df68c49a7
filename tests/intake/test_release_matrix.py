"""Persona matrix for every release-notice URL.

The district's Infohus staff (Østjylland here) and PET see the notice; only PET reads
the report; only the prison liaison registers; the district and PET acknowledge (the
liaison, who may see it, gets a 403); everyone else — Fyn included — a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import ALL_PERSONAS
from infohus.accounts.models import User
from infohus.intake.models import ReleaseNotice, SeverityCategory
from infohus.intake.release_actions import register_release_notice
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput

pytestmark = pytest.mark.django_db

DISTRICT = {"coordinator", "prevention_officer", "analyst"}
PET = {"pet_triage", "pet_exit_worker", "pet_exit_worker_2"}
LIAISON = {"prison_liaison"}
# The list is for everyone who works with release notices (Fyn sees an empty list).
LIST = DISTRICT | PET | LIAISON | {"coordinator_fyn"}
NOBODY: frozenset[str] = frozenset()


def a_notice(liaison: User) -> ReleaseNotice:
    return register_release_notice(
        actor=liaison,
        person=PersonInput(
            full_name="Fiktiv Indsat", municipality=Municipality.objects.get(code="751")
        ),
        release_on=timezone.localdate() + timedelta(days=7),
        institution="Fiktivt Fængsel",
        severity_category=SeverityCategory.CATEGORY_2,
        report_content="Fiktiv rapport.",
    )


def expected(
    who: str, allowed: AbstractSet[str], status: int, *, forbidden: AbstractSet[str] = NOBODY
) -> int:
    if who == "anonymous":
        return 302
    if who in allowed:
        return status
    if who in forbidden:
        return 403
    return 404


@pytest.mark.parametrize("who", ALL_PERSONAS)
def test_release_pages_by_persona(
    who: str, persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    made = a_notice(persona("prison_liaison"))
    client = client_for(who)
    gets = [
        (reverse("releases:notice_list"), LIST, 200, NOBODY),
        (reverse("releases:register_notice"), LIAISON, 200, NOBODY),
        (reverse("releases:notice_detail", args=[made.pk]), DISTRICT | PET | LIAISON, 200, NOBODY),
        (reverse("releases:notice_report", args=[made.pk]), PET, 200, NOBODY),
        # A GET to the acknowledge URL: 405 for those who may, 403 for the liaison.
        (reverse("releases:acknowledge_notice", args=[made.pk]), DISTRICT | PET, 405, LIAISON),
    ]
    for url, allowed, status, forbidden in gets:
        response = client.get(url)
        assert response.status_code == expected(who, allowed, status, forbidden=forbidden), (
            who,
            url,
            response.status_code,
        )
        if who == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
    ack = client.post(reverse("releases:acknowledge_notice", args=[made.pk]))
    assert ack.status_code == expected(who, DISTRICT | PET, 302, forbidden=LIAISON), who
    made.refresh_from_db()
    acknowledged = made.district_acknowledged_at or made.pet_acknowledged_at
    assert bool(acknowledged) == (who in DISTRICT | PET), who
    posted = client.post(reverse("releases:register_notice"), {"full_name": "X"})
    assert posted.status_code == expected(who, LIAISON, 200), who
    assert ReleaseNotice.objects.count() == 1


def test_the_liaison_sees_only_the_notices_they_registered(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    from tests.personas import make_persona

    colleague = make_persona("prison_liaison", username="t-kriminalforsorg-kollega")
    theirs = a_notice(colleague)
    client = client_for("prison_liaison")
    assert client.get(reverse("releases:notice_detail", args=[theirs.pk])).status_code == 404
    assert (
        reverse("releases:notice_detail", args=[theirs.pk])
        not in client.get(reverse("releases:notice_list")).content.decode()
    )
