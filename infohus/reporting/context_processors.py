"""Context every page needs: navigation and the role switcher."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from infohus.organisations import permissions as org_perms
from infohus.reporting.navigation import navigation_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "active_membership": None, "other_memberships": []}
    active = org_perms.active_membership(user)
    others = [m for m in org_perms.memberships_of(user) if active is None or m.pk != active.pk]
    return {
        "nav_items": navigation_for(user),
        "active_membership": active,
        "other_memberships": others,
    }
