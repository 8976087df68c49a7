"""Registering hotline calls: referral to the right Infohus, own calls only, no case work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from infohus.accounts.models import User
from infohus.core.models import AuditEvent
from infohus.intake.choices import Channel, Ideology, SourceType
from infohus.intake.hotline_actions import CallInput, register_call
from infohus.intake.hotline_permissions import calls_visible_to, get_call_for_user
from infohus.intake.models import CallerType, Concern, HotlineAdvice, HotlineCall
from infohus.intake.permissions import concerns_visible_to, get_concern_for_user
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput
from tests.personas import login, make_persona

pytestmark = pytest.mark.django_db


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def call_input(**overrides: Any) -> CallInput:
    values: dict[str, Any] = {
        "called_at": timezone.now(),
        "caller_type": CallerType.RELATIVE,
        "advice": HotlineAdvice.JUDGE_CONCERN,
        "ideology": Ideology.ISLAMISM,
        "municipality": municipality("751"),
    }
    values.update(overrides)
    return CallInput(**values)


def referred(**overrides: Any) -> CallInput:
    return call_input(
        is_referred=True,
        advice=HotlineAdvice.REFERRAL,
        concern_description="Min søn ser propagandavideoer hele natten (fiktivt eksempel).",
        caller_name="Fiktiv Forælder",
        caller_phone="12345678",
        person=PersonInput(full_name="Fiktiv Søn", municipality=municipality("751")),
        **overrides,
    )


def test_a_referred_call_becomes_a_concern_in_the_right_infohus(
    persona: Callable[[str], User],
) -> None:
    adviser = persona("hotline_adviser")
    call = register_call(actor=adviser, data=referred())
    concern = call.concern
    assert concern is not None
    assert concern.source_type == SourceType.HOTLINE
    assert concern.channel == Channel.PHONE
    assert concern.ideology == Ideology.ISLAMISM
    assert concern.district is not None and concern.district.slug == "oestjyllands-politi"
    assert concern.inbox_unit is not None and concern.inbox_unit.kind == "infohus"
    assert concern.reporter_name == "Fiktiv Forælder"
    assert list(concerns_visible_to(persona("coordinator"))) == [concern]
    assert not concerns_visible_to(persona("coordinator_fyn")).exists()
    assert AuditEvent.objects.filter(verb="HOTLINE_CALL_REGISTERED").count() == 1


def test_a_call_about_a_person_in_odense_goes_to_fyn(persona: Callable[[str], User]) -> None:
    call = register_call(
        actor=persona("hotline_adviser"), data=referred(municipality=municipality("461"))
    )
    assert call.concern is not None
    assert call.concern.district is not None
    assert call.concern.district.slug == "fyns-politi"


def test_the_adviser_cannot_open_the_concern_their_call_became(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    adviser = persona("hotline_adviser")
    call = register_call(actor=adviser, data=referred())
    assert call.concern is not None
    assert not concerns_visible_to(adviser).exists()
    with pytest.raises(Http404):
        get_concern_for_user(adviser, call.concern.pk)
    # The staff concern page (built in the inbox work) is a 404 for the hotline too.
    assert client_for("hotline_adviser").get(f"/henvendelser/{call.concern.pk}/").status_code == 404


def test_an_anonymous_callers_contact_details_are_not_kept(
    persona: Callable[[str], User],
) -> None:
    call = register_call(actor=persona("hotline_adviser"), data=referred(is_anonymous=True))
    assert call.concern is not None
    assert call.concern.reporter_is_anonymous
    assert call.concern.reporter_name == ""
    assert call.concern.reporter_phone == ""


def test_a_call_not_referred_creates_no_concern(persona: Callable[[str], User]) -> None:
    call = register_call(actor=persona("hotline_adviser"), data=call_input())
    assert call.concern is None
    assert not call.is_referred
    assert Concern.objects.count() == 0


def test_a_referral_needs_a_municipality_and_a_description(
    persona: Callable[[str], User],
) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        register_call(
            actor=persona("hotline_adviser"),
            data=call_input(is_referred=True, municipality=None),
        )
    codes = {error.code for error in caught.value.error_list}
    assert codes == {"no_municipality", "empty_concern"}
    assert HotlineCall.objects.count() == 0
    assert Concern.objects.count() == 0


def test_advisers_see_only_their_own_calls(persona: Callable[[str], User]) -> None:
    adviser = persona("hotline_adviser")
    colleague = make_persona("hotline_adviser", username="t-hotline-kollega")
    own = register_call(actor=adviser, data=call_input())
    theirs = register_call(actor=colleague, data=call_input())
    assert list(calls_visible_to(adviser)) == [own]
    with pytest.raises(Http404):
        get_call_for_user(adviser, theirs.pk)
    for key in ("coordinator", "pet_triage", "system_admin", "auditor", "ncfe_analyst"):
        assert not calls_visible_to(persona(key)).exists(), key


def test_registering_a_referred_call_through_the_form(
    persona: Callable[[str], User], client_for: Callable[[str], Client]
) -> None:
    client = client_for("hotline_adviser")
    response = client.post(
        reverse("hotline:register_call"),
        {
            "called_at": "2026-03-02T10:15",
            "is_answered_immediately": "on",
            "caller_type": CallerType.PROFESSIONAL,
            "caller_sector": "school",
            "ideology": Ideology.RIGHT_WING,
            "advice": HotlineAdvice.REFERRAL,
            "advice_notes": "Rådgivet om at kontakte SSP (fiktivt).",
            "municipality": municipality("751").pk,
            "is_referred": "on",
            "concern_description": "En elev deler højreekstreme memes (fiktivt eksempel).",
            "caller_name": "Fiktiv Lærer",
            "person_name": "Fiktiv Elev",
            "person_cpr": "",
        },
    )
    call = HotlineCall.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("hotline:call_detail", args=[call.pk])
    assert call.concern is not None
    assert call.caller_sector == "school"
    assert call.concern.sector == "school"
    assert call.concern.subject_links.count() == 1
    detail = client.get(response["Location"])
    assert call.concern.reference in detail.content.decode()


def test_a_referral_without_municipality_keeps_the_form(
    client_for: Callable[[str], Client],
) -> None:
    response = client_for("hotline_adviser").post(
        reverse("hotline:register_call"),
        {
            "called_at": "2026-03-02T10:15",
            "caller_type": CallerType.CITIZEN,
            "ideology": Ideology.UNCLEAR,
            "advice": HotlineAdvice.REFERRAL,
            "is_referred": "on",
            "concern_description": "Bevares (fiktivt).",
        },
    )
    assert response.status_code == 200
    assert "Bevares (fiktivt)." in response.content.decode()
    assert HotlineCall.objects.count() == 0


# Session, user, membership, audit context …, the count, the page of calls (with
# municipality and concern joined): the same for one call or many.
QUERIES_CALL_LIST = 7


@pytest.mark.parametrize("calls", [1, 4])
def test_the_call_list_shows_own_calls_in_a_fixed_number_of_queries(
    calls: int, persona: Callable[[str], User], django_assert_num_queries: Any
) -> None:
    adviser = persona("hotline_adviser")
    made = [register_call(actor=adviser, data=referred()) for _ in range(calls - 1)]
    made.append(register_call(actor=adviser, data=call_input()))
    client = login(Client(), adviser)
    with django_assert_num_queries(QUERIES_CALL_LIST):
        response = client.get(reverse("hotline:call_list"))
    assert response.status_code == 200
    html = response.content.decode()
    for call in made:
        assert reverse("hotline:call_detail", args=[call.pk]) in html
