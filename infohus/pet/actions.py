"""Exit courses: start (with the age rule), notes (with the detention rule), and what PET
discloses to the district's Infohus — explicit, minimal, with its legal basis."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from infohus.accounts.models import User
from infohus.cases import permissions as case_perms
from infohus.cases.actions import clean_reason
from infohus.cases.conduct import clean_summary, refuse_conversation_in_detention
from infohus.cases.handovers import DISTRICT, party_organisation, person_label
from infohus.cases.models import Case
from infohus.core import audit
from infohus.disclosures import actions as disclosure_actions
from infohus.disclosures.actions import Item
from infohus.disclosures.legal import DisclosureKind, LegalBasis, Regime
from infohus.disclosures.models import Disclosure
from infohus.intake.choices import ConcernStatus
from infohus.intake.inbox import (
    OPEN_STATUSES,
    can_use_pet_triage_inbox,
    pet_triage_concerns_visible_to,
)
from infohus.intake.models import Concern, ConcernSubject
from infohus.organisations import permissions as org_perms
from infohus.persons.models import FocusPerson
from infohus.pet.models import ExitCourse, ExitCourseStatus, ExitNote, ExitReferral
from infohus.pet.permissions import can_use_exit_programme, exit_staff

MINIMUM_AGE = 15

# What PET may pass to the district about a course; nothing else leaves the compartment.
DISCLOSABLE: dict[str, Any] = {
    "status": gettext_lazy("Exitforløbets status"),
    "started_on": gettext_lazy("Forløbet startede"),
    "person": gettext_lazy("Personens navn og fødselsdato"),
}
MESSAGE_LABEL = gettext_lazy("Besked fra PET")


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def can_start_course(user: Any, case: Case) -> bool:
    return can_use_exit_programme(user) and case_perms.can_start_exit_course(user, case)


def _check_age(person: FocusPerson, day: date, *, via: str) -> None:
    """The exit programme's age rule (DOMAIN §5), with the path to suggest: ``via`` is
    how the matter reaches the district (a hand-over of the case, or the concern sent)."""
    if person.birth_date is None:
        raise ValidationError(
            _(
                "Personens fødselsdato er ikke kendt, så aldersgrænsen på 15 år kan ikke "
                "kontrolleres. Registrér fødselsdatoen først."
            ),
            code="birth_date_unknown",
        )
    age = age_on(person.birth_date, day)
    if age < MINIMUM_AGE:
        raise ValidationError(
            _(
                "Personen er %(age)d år. PET starter ikke exitforløb med personer under 15 år. "
                "%(via)s til politikredsens Infohus, som inddrager kommunens sociale "
                "myndigheder; PET kan rådgive kommunen gennem Infohus-koordinatoren."
            )
            % {"age": age, "via": via},
            code="under_minimum_age",
        )


def _check_team(actor: Any, team: Iterable[User]) -> set[int]:
    members = {user.pk for user in team} | {actor.pk}
    valid = exit_staff().filter(pk__in=members).count()
    if valid < 2 or valid != len(members):
        raise ValidationError(
            _("Et exitforløb varetages af et team på mindst to exitmedarbejdere."),
            code="team_invalid",
        )
    return members


def _create_course(
    *, actor: Any, person: FocusPerson, case: Case | None, day: date, reason: str, members: set[int]
) -> ExitCourse:
    course = ExitCourse.objects.create(
        person=person,
        case=case,
        started_on=day,
        reason=clean_reason(reason),
        created_at=timezone.now(),
        created_by=actor,
    )
    course.team.set(sorted(members))
    audit.record(
        "EXIT_COURSE_STARTED",
        actor=actor,
        obj=course,
        changes={"status": (None, course.status)},
        details={"team": len(members), "case": case.reference if case else None},
    )
    return course


@transaction.atomic
def start_course(
    *, actor: Any, case: Case, reason: str, team: Iterable[User], started_on: date | None = None
) -> ExitCourse:
    """Start an exit course for the case's person. Refused for persons under 15 (DOMAIN
    §5: the case goes to the social authorities, PET may advise) and when the birth date
    is unknown (the rule cannot be checked)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not can_start_course(actor, case):
        raise PermissionDenied("not_allowed_to_start_exit_course")
    if not case_perms.cases_visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied("case_not_visible")
    day = started_on or timezone.localdate()
    _check_age(case.person, day, via=_("Overdrag sagen"))
    if ExitCourse.objects.filter(case=case).exclude(status=ExitCourseStatus.ENDED).exists():
        raise ValidationError(
            _("Sagen har allerede et igangværende exitforløb."), code="course_exists"
        )
    members = _check_team(actor, team)
    return _create_course(
        actor=actor, person=case.person, case=case, day=day, reason=reason, members=members
    )


# --- referrals from PET's triage ---------------------------------------------------------


def can_refer(user: Any) -> bool:
    return can_use_pet_triage_inbox(user)


@transaction.atomic
def refer_to_exit_programme(*, actor: Any, concern: Concern, reason: str) -> ExitReferral:
    """PET's triage judges a concern within PET's target group and refers its focus person
    to the exit programme (DOMAIN §5: visitation → exit programme receives). The concern
    leaves the triage inbox as screened; no district ever sees it."""
    if not can_refer(actor):
        raise PermissionDenied("not_pet_triage")
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    if not pet_triage_concerns_visible_to(actor).filter(pk=concern.pk).exists():
        raise PermissionDenied("not_in_pet_triage")
    if concern.status not in OPEN_STATUSES:
        raise ValidationError(
            _("Henvendelsen er ikke længere åben i visitationen."), code="not_open"
        )
    persons = list(ConcernSubject.objects.filter(concern=concern).select_related("person"))
    if len(persons) != 1:
        raise ValidationError(
            _(
                "En henvisning til exitindsatsen gælder én navngiven person. Registrér "
                "personen på henvendelsen (eller del henvendelsen op) først."
            ),
            code="one_person",
        )
    cleaned = clean_reason(reason)
    referral = ExitReferral.objects.create(
        concern=concern,
        person=persons[0].person,
        reason=cleaned,
        referred_at=timezone.now(),
        referred_by=actor,
    )
    old = concern.status
    concern.status = ConcernStatus.SCREENED
    concern.save(update_fields=["status"])
    audit.record(
        "CONCERN_REFERRED_TO_EXIT",
        actor=actor,
        obj=concern,
        changes={"status": (old, concern.status)},
        details={"referral": referral.pk},
    )
    return referral


def open_referrals_for(user: Any) -> models.QuerySet[ExitReferral]:
    if not can_use_exit_programme(user):
        return ExitReferral.objects.none()
    return ExitReferral.objects.filter(course__isnull=True).select_related("concern")


@transaction.atomic
def start_course_from_referral(
    *,
    actor: Any,
    referral: ExitReferral,
    reason: str,
    team: Iterable[User],
    started_on: date | None = None,
) -> ExitCourse:
    """The exit programme receives a referral and starts the course: the same age and
    team rules as for a case."""
    if not can_use_exit_programme(actor):
        raise PermissionDenied("not_exit_staff")
    referral = ExitReferral.objects.select_for_update().get(pk=referral.pk)
    if referral.course_id is not None:
        raise ValidationError(_("Henvisningen har allerede et exitforløb."), code="course_exists")
    day = started_on or timezone.localdate()
    _check_age(referral.person, day, via=_("Send henvendelsen"))
    members = _check_team(actor, team)
    course = _create_course(
        actor=actor, person=referral.person, case=None, day=day, reason=reason, members=members
    )
    referral.course = course
    referral.save(update_fields=["course"])
    return course


@transaction.atomic
def add_note(
    *, actor: Any, course: ExitCourse, text: str, conversation_on: date | None = None
) -> ExitNote:
    """A note on the course; a conversation note is refused for a day in a recorded
    pre-trial detention (DOMAIN §5)."""
    if not can_use_exit_programme(actor):
        raise PermissionDenied("not_exit_staff")
    if conversation_on is not None:
        if conversation_on > timezone.localdate():
            raise ValidationError(
                _("Samtalen kan ikke registreres før den er holdt."), code="conversation_future"
            )
        refuse_conversation_in_detention(course.person, conversation_on)
    note = ExitNote.objects.create(
        course=course,
        text=clean_summary(text),
        conversation_on=conversation_on,
        written_at=timezone.now(),
        written_by=actor,
    )
    audit.record("EXIT_NOTE_ADDED", actor=actor, obj=note, details={"course": course.pk})
    return note


@transaction.atomic
def disclose_to_district(
    *, actor: Any, course: ExitCourse, items: Iterable[str], message: str, purpose: str
) -> Disclosure:
    """Pass chosen facts about the course to the case's district (PET → district under
    the PET act). The district sees exactly these items, never the course or its notes."""
    if not can_use_exit_programme(actor):
        raise PermissionDenied("not_exit_staff")
    if course.case is None:
        raise ValidationError(
            _(
                "Forløbet hører ikke til en sag i en politikreds; der er ingen kreds at "
                "videregive til."
            ),
            code="no_district",
        )
    chosen = [code for code in DISCLOSABLE if code in set(items)]
    values = {
        "status": str(course.get_status_display()),
        "started_on": course.started_on.strftime("%d.%m.%Y"),
        "person": person_label(course.case),
    }
    packet = [Item(code, DISCLOSABLE[code], values[code]) for code in chosen]
    if message.strip():
        packet.append(Item("message", MESSAGE_LABEL, clean_reason(message)))
    pet_org = org_perms.organisation_of(actor)
    district_org = party_organisation(course.case, DISTRICT)
    assert pet_org is not None and district_org is not None
    return disclosure_actions.record_disclosure(
        actor=actor,
        kind=DisclosureKind.PET_TO_DISTRICT,
        obj=course.case,
        from_organisation=pet_org,
        to_organisation=district_org,
        regime=Regime.PET,
        legal_basis=LegalBasis.PET_ACT,
        purpose=purpose,
        items=packet,
        persons=[course.person],
    )
