"""What an integration may read back: its own submissions, and the cases its membership
may see.

A token acts as a staff membership, but the API is a narrower door than the UI:
an integration reads only the concerns and release notices it itself registered
(received_by / registered_by its user), even when the same membership could see more
in the browser. Cases follow the UI's rules (``cases.permissions.cases_visible_to``:
per audience, each in its own slice). Anything else is a 404, exactly like a
reference that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from infohus.cases.models import Case
from infohus.cases.permissions import cases_visible_to
from infohus.core.permissions import get_visible_or_404
from infohus.intake.models import Concern, ReleaseNotice


def submissions_visible_to(user: Any) -> models.QuerySet[Concern]:
    """The concerns ``user`` registered (through the API or otherwise)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Concern.objects.none()
    return Concern.objects.filter(received_by=user)


def get_submission_for_user(user: Any, reference: str) -> Concern:
    """One of the user's own submissions by its reference, or Http404 (audited either way)."""
    pk = Concern.objects.filter(reference=reference).values_list("pk", flat=True).first()
    concern: Concern = get_visible_or_404(
        submissions_visible_to(user).select_related("district", "inbox_unit", "municipality"),
        pk if pk is not None else reference[:64],
        actor=user,
        log_read=True,
    )
    return concern


def release_submissions_visible_to(user: Any) -> models.QuerySet[ReleaseNotice]:
    """The release notices ``user`` registered."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ReleaseNotice.objects.none()
    return ReleaseNotice.objects.filter(registered_by=user)


def get_release_submission_for_user(user: Any, pk: int) -> ReleaseNotice:
    """One of the user's own release notices, or Http404 (audited either way)."""
    notice: ReleaseNotice = get_visible_or_404(
        release_submissions_visible_to(user).select_related("district", "municipality"),
        pk,
        actor=user,
        log_read=True,
    )
    return notice


def get_case_for_integration(user: Any, pk: int) -> Case:
    """A case the user's membership may see, or Http404 (audited either way)."""
    case: Case = get_visible_or_404(
        cases_visible_to(user).select_related("municipality"), pk, actor=user, log_read=True
    )
    return case
