"""Project-wide access guard over every URL Infohus serves.

Each URL name must be classified below by who may use it. A new view that is
not classified fails ``test_every_url_is_classified``, so nobody can add a page
without deciding its audience. The sweeps then check the issue's persona rules
across the whole site: a system administrator reaches no page with personal
data, an auditor reaches the audit trail and nothing else, and anonymous
visitors reach only the public pages.
Per-app matrices (tests/organisations, tests/governance, …) cover every persona.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from infohus.accounts.models import User
from infohus.core import audit
from infohus.organisations.models import Membership, Organisation

PUBLIC = "public"  # no login
ANY_STAFF = "any_staff"  # every logged-in user, own data only (start page, role switch)
DIRECTORY = "directory"  # organisations and units: no personal data; not auditors
USER_ADMIN = "user_admin"  # system administrators: staff accounts, never case data
AUDIT = "audit"  # auditors only
API = "api"  # integrations with a bearer token (infohus/api); a session is no credential there
HOTLINE = "hotline"  # hotline advisers: their own calls only
RELEASES = "releases"  # prison liaison, district Infohus staff, PET: release notices
DISTRICT_INFOHUS = "district_infohus"  # a district's Infohus staff: its inbox and concerns
MUNICIPAL_CONTACT = "municipal_contact"  # a municipality's contact unit: what was shared with it
PET_TRIAGE = "pet_triage"  # PET's triage staff (Visitationscenter): its inbox and concerns
# The parties to a case: the district's Infohus staff, and the municipal contact or PET
# staff only where a hand-over or consultation involved them (tests/cases).
CASE_PARTIES = "case_parties"
PET_EXIT = "pet_exit"  # PET's exit programme staff: the classified exit records

# Every URL name of our own apps, by audience. allauth's account pages are public
# or own-account only and are covered by tests/accounts.
CLASSIFICATION: dict[str, str] = {
    "healthz": PUBLIC,
    "set_language": PUBLIC,
    "bekymring:report_concern": PUBLIC,
    "bekymring:receipt": PUBLIC,
    "reporting:start": ANY_STAFF,
    "organisations:switch_membership": ANY_STAFF,
    "organisations:directory": DIRECTORY,
    "organisations:organisation_detail": DIRECTORY,
    "organisations:reference_data": USER_ADMIN,
    "organisations:reload_reference_data": USER_ADMIN,
    "organisations:user_list": USER_ADMIN,
    "organisations:create_user": USER_ADMIN,
    "organisations:user_detail": USER_ADMIN,
    "organisations:update_user": USER_ADMIN,
    "organisations:add_membership": USER_ADMIN,
    "organisations:deactivate_user": USER_ADMIN,
    "organisations:reactivate_user": USER_ADMIN,
    "organisations:reset_mfa": USER_ADMIN,
    "organisations:unlock_user": USER_ADMIN,
    "organisations:end_membership": USER_ADMIN,
    "governance:audit_log": AUDIT,
    "governance:audit_entry": AUDIT,
    "governance:audit_export": AUDIT,
    # The API's schema holds no data; /api/v1/ itself is always 404 (ninja needs the name).
    "api:openapi-json": PUBLIC,
    "api:api-root": PUBLIC,
    "api:create_concern": API,
    "api:list_concerns": API,
    "api:concern_detail": API,
    "api:create_release_notice": API,
    "api:list_release_notices": API,
    "api:release_notice_detail": API,
    "api:list_cases": API,
    "api:case_detail": API,
    "hotline:call_list": HOTLINE,
    "hotline:register_call": HOTLINE,
    "hotline:call_detail": HOTLINE,
    "releases:notice_list": RELEASES,
    "releases:register_notice": RELEASES,
    "releases:notice_detail": RELEASES,
    "releases:notice_report": RELEASES,
    "releases:acknowledge_notice": RELEASES,
    "intake:inbox": DISTRICT_INFOHUS,
    "intake:register_concern": DISTRICT_INFOHUS,
    "intake:concern_detail": DISTRICT_INFOHUS,
    "intake:assign_concern": DISTRICT_INFOHUS,
    "intake:transfer_concern": DISTRICT_INFOHUS,
    "intake:add_attachment": DISTRICT_INFOHUS,
    "intake:download_attachment": DISTRICT_INFOHUS,
    "intake:remove_attachment": DISTRICT_INFOHUS,
    "intake:merge_persons": DISTRICT_INFOHUS,
    "cases:case_list": CASE_PARTIES,
    "cases:work_queue": CASE_PARTIES,
    "cases:screen_concern": DISTRICT_INFOHUS,
    "cases:case_detail": CASE_PARTIES,
    "cases:send_handover": CASE_PARTIES,
    "cases:handover_detail": CASE_PARTIES,
    "cases:decide_handover": CASE_PARTIES,
    "cases:cancel_handover": CASE_PARTIES,
    "cases:request_consultation": DISTRICT_INFOHUS,
    "cases:answer_consultation": CASE_PARTIES,
    "cases:record_detention": DISTRICT_INFOHUS,
    "cases:end_detention": DISTRICT_INFOHUS,
    "cases:record_conversation": DISTRICT_INFOHUS,
    "cases:investigation": DISTRICT_INFOHUS,
    "exit:course_list": PET_EXIT,
    "exit:start_course": PET_EXIT,
    "exit:course_detail": PET_EXIT,
    "exit:refer_concern": PET_TRIAGE,
    "exit:start_from_referral": PET_EXIT,
    "cases:change_status": DISTRICT_INFOHUS,
    "cases:change_severity": DISTRICT_INFOHUS,
    "cases:close_case": DISTRICT_INFOHUS,
    "cases:reopen_case": DISTRICT_INFOHUS,
    "intake:share_concern": DISTRICT_INFOHUS,
    "intake:withdraw_share": DISTRICT_INFOHUS,
    "shared_concerns:list": MUNICIPAL_CONTACT,
    "shared_concerns:detail": MUNICIPAL_CONTACT,
    "intake:person_merges": DISTRICT_INFOHUS,
    "intake:undo_merge": DISTRICT_INFOHUS,
    "intake:deputies": DISTRICT_INFOHUS,
    "intake:remove_deputy": DISTRICT_INFOHUS,
    "pet:inbox": PET_TRIAGE,
    "pet:register_concern": PET_TRIAGE,
    "pet:concern_detail": PET_TRIAGE,
    "pet:pass_concern_to_district": PET_TRIAGE,
}

# Audiences whose pages show personal data (staff or case data) a role must need to see.
AUDIENCES_FOR = {
    "system_admin": {PUBLIC, ANY_STAFF, DIRECTORY, USER_ADMIN},
    "auditor": {PUBLIC, ANY_STAFF, AUDIT},
    "anonymous": {PUBLIC},
}


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_name, "__name__", str(entry.urlconf_name))
            if module.startswith("allauth"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def our_url_names() -> set[str]:
    return {name for name, _ in _walk(get_resolver().url_patterns)}


def test_every_url_is_classified() -> None:
    names = our_url_names()
    assert names - set(CLASSIFICATION) == set(), "classify these new URLs in CLASSIFICATION"
    assert set(CLASSIFICATION) - names == set(), "these classified URLs no longer exist"


def _url(name: str, sample: dict[str, Any]) -> str:
    pattern = dict(_walk(get_resolver().url_patterns))[name]
    if name.startswith("api:"):
        # API paths take a reference or an opaque id; no request gets past the token check.
        params = pattern.pattern.converters
        return reverse(name, kwargs={k: "B-2026-000001" if k == "reference" else 1 for k in params})
    needs_pk = "pk" in pattern.pattern.converters
    if not needs_pk and not pattern.pattern.converters:
        return reverse(name)
    if not needs_pk:
        return reverse(name, kwargs={k: sample[f"{name}:{k}"] for k in pattern.pattern.converters})
    kwargs = {"pk": sample[name.split(":")[0] + ":" + _kind(name)]}
    # Further ids in the path (a person on a concern, …) come from ``sample`` by URL name.
    for key in pattern.pattern.converters:
        if key != "pk":
            kwargs[key] = sample[f"{name}:{key}"]
    return reverse(name, kwargs=kwargs)


def _kind(name: str) -> str:
    if "membership" in name:
        return "membership"
    if "organisation" in name:
        return "organisation"
    if name.startswith("governance"):
        return "entry"
    if "deputy" in name:
        return "deputy"
    for kind in ("handover", "consultation", "detention", "referral"):
        if kind in name:
            return kind
    return "user"


def _sample_call(adviser: User) -> Any:
    from django.utils import timezone

    from infohus.intake.hotline_actions import CallInput, register_call

    return register_call(
        actor=adviser,
        data=CallInput(called_at=timezone.now(), caller_type="citizen", advice="information"),
    )


def _sample_release_notice(liaison: User) -> Any:
    from django.utils import timezone

    from infohus.intake.release_actions import register_release_notice
    from infohus.organisations.models import Municipality
    from infohus.persons.actions import PersonInput

    return register_release_notice(
        actor=liaison,
        person=PersonInput(full_name="Fiktiv", municipality=Municipality.objects.get(code="751")),
        release_on=timezone.localdate(),
        institution="Fiktivt Fængsel",
        severity_category="1",
        report_content="Fiktiv rapport.",
    )


def _sample_concern() -> Any:
    from tests.intake.test_inbox import make_concern

    return make_concern()


def _sample_person(concern: Any) -> Any:
    from infohus.intake.models import ConcernSubject
    from infohus.persons.actions import PersonInput, register_person

    person, _new = register_person(actor=None, data=PersonInput(full_name="Fiktiv"))
    ConcernSubject.objects.create(concern=concern, person=person, reported_name="Fiktiv")
    return person


def _sample_pet_concern(triage: User) -> Any:
    from tests.intake.test_pet_triage import pet_concern

    return pet_concern(triage)


def _sample_share(persona: Callable[[str], User], concern: Any) -> Any:
    from infohus.intake.sharing import share_concern, share_targets_for

    return share_concern(
        actor=persona("coordinator"),
        concern=concern,
        unit=share_targets_for(concern)[0],
        legal_basis="rpl_115",
        purpose="Fiktivt formål.",
        items=["description"],
    )


def _sample_attachment(persona: Callable[[str], User], concern: Any) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from infohus.intake.attachment_actions import add_attachment

    return add_attachment(
        actor=persona("coordinator"),
        concern=concern,
        upload=SimpleUploadedFile("notat.txt", b"Fiktivt notat."),
    )


def _sample_case(persona: Callable[[str], User], *, cpr: str = "") -> Any:
    from infohus.cases.actions import screen_concern
    from infohus.intake.models import ConcernSubject
    from infohus.persons.actions import PersonInput, register_person

    concern = _sample_concern()
    person, _new = register_person(actor=None, data=PersonInput(full_name="Fiktiv Sag", cpr=cpr))
    ConcernSubject.objects.create(concern=concern, person=person, reported_name="Fiktiv Sag")
    screening = screen_concern(
        actor=persona("coordinator"),
        concern=concern,
        outcome="prevention",
        reason="Fiktiv begrundelse.",
        participants=[],
    )
    return screening.case


def _sample_case_objects(persona: Callable[[str], User]) -> dict[str, Any]:
    """A case with a pending hand-over, an open PET question, a detention, and an exit
    course on a second case PET handles alone."""
    from datetime import date

    from infohus.cases import conduct, handovers
    from infohus.persons.models import FocusPerson
    from infohus.pet.actions import start_course

    case = _sample_case(persona)
    coordinator = persona("coordinator")
    detention = conduct.record_detention(
        actor=coordinator, case=case, starts_on=date(2020, 1, 1), ends_on=date(2020, 2, 1)
    )
    consultation = handovers.request_consultation(
        actor=coordinator, case=case, question="Fiktivt spørgsmål."
    )
    handover = handovers.send_handover(
        actor=coordinator,
        case=case,
        to_responsibility="municipality",
        reason="Fiktiv.",
        legal_basis="rpl_115",
        items=["person"],
    )
    pet_case = _sample_case(persona, cpr="0202902345")
    FocusPerson.objects.filter(pk=pet_case.person_id).update(birth_date=date(1990, 2, 2))
    pet_case.refresh_from_db()
    to_pet = handovers.send_handover(
        actor=coordinator,
        case=pet_case,
        to_responsibility="pet",
        reason="Fiktiv.",
        legal_basis="police_to_police",
        items=[],
    )
    handovers.accept_handover(actor=persona("pet_triage"), handover=to_pet)
    course = start_course(
        actor=persona("pet_exit_worker"),
        case=pet_case,
        reason="Fiktiv.",
        team=[persona("pet_exit_worker_2")],
    )
    from infohus.pet.actions import refer_to_exit_programme
    from tests.intake.test_pet_triage import pet_concern

    triage = persona("pet_triage")
    referral = refer_to_exit_programme(
        actor=triage, concern=pet_concern(triage, cpr="0303903456"), reason="Fiktiv."
    )
    return {
        "exit:refer_concern:concern_pk": pet_concern(triage).pk,
        "exit:referral": referral.pk,
        "cases:user": case.pk,
        "cases:handover": handover.pk,
        "cases:consultation": consultation.pk,
        "cases:detention": detention.pk,
        "exit:user": course.pk,
        "exit:start_course:case_pk": pet_case.pk,
    }


def _sample_deputy(persona: Callable[[str], User]) -> Any:
    from django.utils import timezone

    from infohus.intake.inbox_actions import set_deputy

    return set_deputy(
        actor=persona("coordinator"),
        user=persona("analyst"),
        deputy=persona("prevention_officer"),
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )


@pytest.fixture
def sample(persona: Callable[[str], User]) -> dict[str, Any]:
    """A real object for every URL that takes a pk, so a 404 means 'refused', not 'absent'."""
    staff = persona("coordinator")
    concern = _sample_concern()
    attachment = _sample_attachment(persona, concern)
    person = _sample_person(concern)
    share = _sample_share(persona, concern)
    return {
        "organisations:user": staff.pk,
        "organisations:membership": Membership.objects.get(user=staff).pk,
        "organisations:organisation": Organisation.objects.get(slug="oestjyllands-politi").pk,
        "governance:entry": audit.record("SAMPLE", actor=staff, obj=staff).pk,
        # _kind() names these "user": a hotline call and a release notice.
        "hotline:user": _sample_call(persona("hotline_adviser")).pk,
        "releases:user": _sample_release_notice(persona("prison_liaison")).pk,
        # A concern in Østjylland's inbox, and a deputy arrangement there.
        "intake:user": concern.pk,
        "intake:deputy": _sample_deputy(persona).pk,
        "intake:download_attachment:attachment_pk": attachment.pk,
        "intake:remove_attachment:attachment_pk": attachment.pk,
        # _kind() names this "user": a concern in PET's triage inbox.
        "pet:user": _sample_pet_concern(persona("pet_triage")).pk,
        "intake:merge_persons:person_pk": person.pk,
        "intake:merge_persons:other_pk": person.pk,
        "intake:withdraw_share:share_pk": share.pk,
        "shared_concerns:user": share.pk,
        **_sample_case_objects(persona),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("who", sorted(AUDIENCES_FOR))
def test_sweep_every_url_for_restricted_personas(
    who: str, client_for: Callable[[str], Client], sample: dict[str, Any]
) -> None:
    client = client_for(who)
    allowed = AUDIENCES_FOR[who]
    for name, audience in sorted(CLASSIFICATION.items()):
        if audience in allowed:
            continue
        url = _url(name, sample)
        if audience == API:
            # Token-only: anonymous or logged in, without a bearer token the API answers 401
            # (a problem document, not a login redirect, which an integration cannot follow),
            # or 405 for a method the path does not have. tests/api covers the tokens.
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if response.status_code == 405:
                    assert method.upper() not in response["Allow"], (who, name, method)
                else:
                    assert response.status_code == 401, (who, name, method, response.status_code)
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if who == "anonymous":
                assert response.status_code == 302, (name, method)
                assert response["Location"].startswith("/accounts/login/"), (name, method)
            else:
                assert response.status_code == 404, (who, name, method, response.status_code)
