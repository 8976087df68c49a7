"""The navigation each role sees. Links come from capabilities, never from role names in templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infohus.organisations import permissions as org_perms


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    key: str


def navigation_for(user: Any) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = [NavItem(_("Forside"), reverse("reporting:start"), "start")]
    if org_perms.can_view_audit_log(user):
        items.append(NavItem(_("Auditlog"), reverse("governance:audit_log"), "audit"))
    if org_perms.can_manage_users(user):
        items.append(NavItem(_("Brugere"), reverse("organisations:user_list"), "users"))
    if org_perms.can_view_directory(user):
        items.append(
            NavItem(_("Organisationer"), reverse("organisations:directory"), "organisations")
        )
    items.append(NavItem(_("Min konto"), reverse("mfa_index"), "account"))
    return items
