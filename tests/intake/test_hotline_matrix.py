"""Persona matrix for every hotline URL: the hotline adviser only, everyone else 404."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import ALL_PERSONAS
from infohus.accounts.models import User
from infohus.intake.choices import Ideology
from infohus.intake.hotline_actions import CallInput, register_call
from infohus.intake.models import CallerType, HotlineAdvice, HotlineCall

pytestmark = pytest.mark.django_db

ALLOWED = {"hotline_adviser"}


def a_call(adviser: User) -> HotlineCall:
    return register_call(
        actor=adviser,
        data=CallInput(
            called_at=timezone.now(),
            caller_type=CallerType.CITIZEN,
            advice=HotlineAdvice.INFORMATION,
            ideology=Ideology.UNCLEAR,
        ),
    )


def expect(who: str, allowed_status: int) -> int:
    if who == "anonymous":
        return 302
    return allowed_status if who in ALLOWED else 404


@pytest.mark.parametrize("who", ALL_PERSONAS)
def test_hotline_pages_by_persona(
    who: str, persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    call = a_call(persona("hotline_adviser"))
    client = client_for(who)
    pages = {
        reverse("hotline:call_list"): 200,
        reverse("hotline:register_call"): 200,
        reverse("hotline:call_detail", args=[call.pk]): 200,
    }
    for url, status in pages.items():
        response = client.get(url)
        assert response.status_code == expect(who, status), (who, url)
        if who == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
    # A POST to the register page by anyone else is a 404 too, and registers nothing.
    response = client.post(reverse("hotline:register_call"), {"caller_type": "citizen"})
    assert response.status_code == expect(who, 200), who
    assert HotlineCall.objects.count() == 1


def test_another_advisers_call_is_a_404(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    from tests.personas import make_persona

    colleague = make_persona("hotline_adviser", username="t-hotline-kollega")
    call = a_call(colleague)
    response = client_for("hotline_adviser").get(reverse("hotline:call_detail", args=[call.pk]))
    assert response.status_code == 404
