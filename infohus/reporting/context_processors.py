"""Context every page needs: navigation, the role switcher and a few settings the shell shows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from infohus.organisations import permissions as org_perms
from infohus.reporting.navigation import current_key, navigation_for


def shell(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {
        "INFOHUS_ALLOW_DEMO_DATA": settings.INFOHUS_ALLOW_DEMO_DATA,
        # The login page states the lockout policy; it must say what the settings do.
        "lockout_threshold": settings.INFOHUS_LOCKOUT_THRESHOLD,
        "lockout_minutes": int(settings.INFOHUS_LOCKOUT_PERIOD.total_seconds() // 60),
        "nav_items": [],
        "nav_current": None,
        "active_membership": None,
        "other_memberships": [],
    }
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    active = org_perms.active_membership(user)
    others = [m for m in org_perms.memberships_of(user) if active is None or m.pk != active.pk]
    items = navigation_for(user)
    context.update(
        nav_items=items,
        nav_current=current_key(items, request.path),
        active_membership=active,
        other_memberships=others,
    )
    return context
