"""Organisation directory, role switching and user administration."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from infohus.core import audit
from infohus.organisations import permissions as org_perms


def directory(request: HttpRequest) -> HttpResponse:
    if not org_perms.can_view_directory(request.user):
        raise Http404
    organisations = org_perms.organisations_visible_to(request.user).prefetch_related("units")
    return render(request, "organisations/directory.html", {"organisations": organisations})


@require_POST
def switch_membership(request: HttpRequest) -> HttpResponse:
    """Act in another of the user's own memberships from now on (audited)."""
    wanted = request.POST.get("membership")
    membership = next(
        (m for m in org_perms.memberships_of(request.user) if str(m.pk) == wanted), None
    )
    if membership is None:
        raise Http404
    previous = org_perms.active_membership(request.user)
    request.session[org_perms.SESSION_KEY] = membership.pk
    org_perms.set_active_membership(request.user, membership)
    audit.record(
        "MEMBERSHIP_SWITCHED",
        actor=request.user,
        obj=membership,
        changes={
            "membership": (
                previous.audit_label() if previous else None,
                membership.audit_label(),
            )
        },
    )
    return redirect("reporting:start")


def user_list(request: HttpRequest) -> HttpResponse:
    if not org_perms.can_manage_users(request.user):
        raise Http404
    users = org_perms.users_visible_to(request.user).prefetch_related(
        "memberships__unit__organisation"
    )
    return render(request, "organisations/user_list.html", {"users": users})
