"""Resolve the membership (role) the user acts in for this request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from infohus.core import audit
from infohus.organisations.permissions import SESSION_KEY, memberships_of, set_active_membership


class ActiveMembershipMiddleware:
    """Sets ``request.active_membership`` from the session (the user's choice) or, by
    default, their first active membership. A membership ended since it was chosen
    is dropped at once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        membership = None
        if request.user.is_authenticated:
            memberships = list(memberships_of(request.user))
            chosen = request.session.get(SESSION_KEY)
            membership = next((m for m in memberships if m.pk == chosen), None)
            if membership is None and memberships:
                membership = memberships[0]
            set_active_membership(request.user, membership)
        request.active_membership = membership  # type: ignore[attr-defined]
        audit.set_membership(membership)
        return self.get_response(request)
