"""The navigation each role sees. Links come from capabilities, never from role names in templates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infohus.cases import permissions as case_permissions
from infohus.cases import queue
from infohus.intake import hotline_permissions, inbox, release_permissions, sharing
from infohus.organisations import permissions as org_perms
from infohus.pet import permissions as exit_permissions


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url: str
    key: str
    # One line shown on the start page tile.
    description: str | Promise = ""
    # The path prefix that marks this item current when it differs from ``url``
    # (e.g. every account page under /accounts/ belongs to "Min konto").
    match: str = ""

    @property
    def prefix(self) -> str:
        return self.match or self.url


def navigation_for(user: Any, *, with_counts: bool = False) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    items = [NavItem(_("Forside"), reverse("reporting:start"), "start")]
    counts = inbox.inbox_counts(user)
    if counts is not None:
        items.append(
            NavItem(
                _("Indbakke (%(count)d)") % {"count": counts.unassigned}
                if counts.unassigned
                else _("Indbakke"),
                reverse("intake:inbox"),
                "inbox",
                _("%(unassigned)d ikke fordelt, %(overdue)d over fristen for screening.")
                % {"unassigned": counts.unassigned, "overdue": counts.overdue},
            )
        )
    if case_permissions.can_use_cases(user):
        # The work queue's counts cost one query per section: only the start page asks.
        waiting = queue.queue_counts(user) if with_counts else {}
        total = sum(waiting.values())
        items.append(
            NavItem(
                _("Arbejdsliste (%(count)d)") % {"count": total} if total else _("Arbejdsliste"),
                reverse("cases:work_queue"),
                "work_queue",
                "; ".join(f"{queue.SECTIONS[key].title}: {count}" for key, count in waiting.items())
                or _("Det der venter på dig: screeninger, beslutninger, overleveringer, svar."),
            )
        )
        items.append(
            NavItem(
                _("Sager"),
                reverse("cases:case_list"),
                "cases",
                _("Sager: status, placering, ansvar, overleveringer og tidslinje."),
            )
        )
    if exit_permissions.can_use_exit_programme(user):
        items.append(
            NavItem(
                _("Exitforløb"),
                reverse("exit:course_list"),
                "exit",
                _("PET's exitforløb, noter og videregivelser til politikredse."),
            )
        )
    pet_counts = inbox.pet_triage_counts(user)
    if pet_counts is not None:
        items.append(
            NavItem(
                _("Visitation (%(count)d)") % {"count": pet_counts.open}
                if pet_counts.open
                else _("Visitation"),
                reverse("pet:inbox"),
                "pet_triage",
                _(
                    "%(open)d åbne henvendelser i PET's visitation, %(overdue)d over fristen for screening."
                )
                % {"open": pet_counts.open, "overdue": pet_counts.overdue},
            )
        )
    if sharing.can_use_shared_inbox(user):
        items.append(
            NavItem(
                _("Delte henvendelser"),
                reverse("shared_concerns:list"),
                "shared_concerns",
                _("Bekymringshenvendelser, som politikredsens Infohus har delt med jer."),
            )
        )
    if hotline_permissions.can_register_call(user):
        items.append(
            NavItem(
                _("Hotline-opkald"),
                reverse("hotline:call_list"),
                "hotline",
                _("Registrer opkald og se dine egne opkald."),
            )
        )
    if release_permissions.can_view_release_notices(user):
        items.append(
            NavItem(
                _("Løsladelser"),
                reverse("releases:notice_list"),
                "releases",
                _("Kriminalforsorgens meddelelser om løsladelser og advarsler før løsladelsen."),
            )
        )
    if org_perms.can_view_audit_log(user):
        items.append(
            NavItem(
                _("Auditlog"),
                reverse("governance:audit_log"),
                "audit",
                _("Hvem har set og ændret hvad, hvornår og i hvilken rolle."),
            )
        )
    if org_perms.can_manage_users(user):
        items.append(
            NavItem(
                _("Brugere"),
                reverse("organisations:user_list"),
                "users",
                _("Opret brugere, tildel roller og ophæv spærrede konti."),
            )
        )
    if org_perms.can_manage_reference_data(user):
        items.append(
            NavItem(
                _("Referencedata"),
                reverse("organisations:reference_data"),
                "refdata",
                _("Regioner, politikredse, kommuner og enheder: status og genindlæsning."),
            )
        )
    if org_perms.can_view_directory(user):
        items.append(
            NavItem(
                _("Organisationer"),
                reverse("organisations:directory"),
                "organisations",
                _("Politikredse, kommuner, myndigheder og deres enheder."),
            )
        )
    items.append(
        NavItem(
            _("Min konto"),
            reverse("mfa_index"),
            "account",
            _("Totrinsbekræftelse, gendannelseskoder og adgangskode."),
            match="/accounts/",
        )
    )
    return items


def current_key(items: Sequence[NavItem], path: str) -> str | None:
    """The key of the item whose prefix is the longest match for ``path``.

    The start page ("/") is current only on itself, not on every page.
    """
    best: NavItem | None = None
    for item in items:
        prefix = item.prefix
        matches = path == prefix if prefix == "/" else path.startswith(prefix)
        if matches and (best is None or len(prefix) > len(best.prefix)):
            best = item
    return best.key if best is not None else None
