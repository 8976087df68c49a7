"""Who may register and see hotline calls.

The hotline advises and forwards; it does no case work (DOMAIN §6). An adviser
sees the calls they registered and nothing else — not colleagues' calls, and
never the concern a referred call became (intake.permissions gives hotline
advisers no concerns). Everyone else: 404.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import Http404

from infohus.core import audit
from infohus.core.permissions import get_visible_or_404
from infohus.intake.models import HotlineCall
from infohus.organisations import permissions as org_perms
from infohus.organisations.roles import Role

HOTLINE_OBJECT_TYPE = "intake.hotlinecall"


def calls_visible_to(user: Any) -> models.QuerySet[HotlineCall]:
    if org_perms.has_role(user, Role.HOTLINE_ADVISER):
        return HotlineCall.objects.filter(adviser=user)
    return HotlineCall.objects.none()


def can_register_call(user: Any) -> bool:
    return org_perms.has_role(user, Role.HOTLINE_ADVISER)


def require_hotline_adviser(user: Any) -> None:
    """Raise Http404 (and log the denial) unless the user is acting as a hotline adviser."""
    if not can_register_call(user):
        audit.record_denied(
            user, object_type=HOTLINE_OBJECT_TYPE, object_id="", reason="not_hotline_adviser"
        )
        raise Http404


def get_call_for_user(user: Any, pk: Any, *, for_write: bool = False) -> HotlineCall:
    call: HotlineCall = get_visible_or_404(
        calls_visible_to(user).select_related("municipality", "concern__inbox_unit__organisation"),
        pk,
        actor=user,
        log_read=True,
    )
    return call
