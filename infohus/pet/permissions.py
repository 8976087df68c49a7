"""Who may see PET's exit records: PET's exit programme staff, no one else.

A coordinator, a prevention officer, an EAE analyst or a municipal contact — of any
district or municipality — gets 404 for an exit record, exactly as for one that does
not exist (the denial is audited). PET triage staff judge preventive potential; the
exit courses themselves are the exit programme's.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from infohus.accounts.models import User
from infohus.core.permissions import get_visible_or_404
from infohus.organisations import permissions as org_perms
from infohus.organisations.roles import Role
from infohus.pet.models import ExitCourse

EXIT_ROLES = (Role.PET_EXIT_WORKER,)


def exit_staff() -> models.QuerySet[User]:
    """The users who hold an active exit-programme role: those a course's team is made of."""
    return User.objects.filter(
        memberships__role__in=EXIT_ROLES, memberships__is_active=True
    ).distinct()


def can_use_exit_programme(user: Any) -> bool:
    return org_perms.has_role(user, *EXIT_ROLES)


def exit_courses_visible_to(user: Any) -> models.QuerySet[ExitCourse]:
    if can_use_exit_programme(user):
        return ExitCourse.objects.all()
    return ExitCourse.objects.none()


def get_course_for_user(user: Any, pk: Any) -> ExitCourse:
    course: ExitCourse = get_visible_or_404(
        exit_courses_visible_to(user).select_related("case", "person"),
        pk,
        actor=user,
        log_read=True,
    )
    return course
