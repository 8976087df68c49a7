"""Who may see, add and remove a concern's attachments (bilag).

An attachment is part of its concern: whoever may see the concern (the receiving
district's coordinator, prevention officers and EAE analysts, ``permissions``) sees
its attachments and may add to them; only the district's coordinator removes one.
Everyone else gets the concern's 404 before an attachment is even looked up.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from infohus.core.permissions import get_visible_or_404
from infohus.intake.models import Concern, ConcernAttachment
from infohus.intake.permissions import DISTRICT_INTAKE_ROLES, concerns_visible_to
from infohus.organisations import permissions as org_perms
from infohus.organisations.roles import Role


def attachments_visible_to(user: Any) -> models.QuerySet[ConcernAttachment]:
    return ConcernAttachment.objects.filter(concern__in=concerns_visible_to(user))


def _of_users_district(user: Any, concern: Concern) -> bool:
    return concern.district_id is not None and concern.district_id == org_perms.district_id_of(user)


def can_add_attachment(user: Any, concern: Concern) -> bool:
    """The district's Infohus staff who handle the concern add what came with it."""
    return org_perms.has_role(user, *DISTRICT_INTAKE_ROLES) and _of_users_district(user, concern)


def can_remove_attachment(user: Any, concern: Concern) -> bool:
    """Removing content from a concern is the coordinator's call, like assigning it."""
    return org_perms.has_role(user, Role.COORDINATOR) and _of_users_district(user, concern)


def attachments_of(user: Any, concern: Concern) -> models.QuerySet[ConcernAttachment]:
    """The concern's attachments for its page, oldest first, without their content."""
    return (
        attachments_visible_to(user)
        .filter(concern=concern)
        .defer("ciphertext")
        .select_related("uploaded_by", "removed_by")
        .order_by("uploaded_at", "id")
    )


def get_attachment_for_user(
    user: Any, concern: Concern, pk: Any, *, for_download: bool = False
) -> ConcernAttachment:
    """One attachment of a concern the user already may see (``get_concern_for_user``);
    a pk of another concern's attachment is a 404 like a missing one. Only a download
    loads the content (it may be megabytes), and a removed attachment has none to give."""
    visible = attachments_visible_to(user).filter(concern=concern).select_related("concern")
    if for_download:
        visible = visible.filter(removed_at__isnull=True)
    else:
        visible = visible.defer("ciphertext")
    attachment: ConcernAttachment = get_visible_or_404(visible, pk, actor=user)
    return attachment
