"""Start pages: what each role lands on after login."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from infohus.organisations import permissions as org_perms
from infohus.reporting.navigation import navigation_for
from infohus.reporting.start_page import introduction_for


def start(request: HttpRequest) -> HttpResponse:
    """The role-specific start page: the tasks and links of the role the user acts in."""
    membership = org_perms.active_membership(request.user)
    role = membership.role if membership is not None else None
    return render(
        request,
        "reporting/start.html",
        {
            "membership": membership,
            "role": role,
            "introduction": introduction_for(role),
            "tiles": [
                item
                for item in navigation_for(request.user, with_counts=True)
                if item.key != "start"
            ],
        },
    )
