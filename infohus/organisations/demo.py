"""Fictional demo users for every role, across three police districts.

Everything here is invented and says so: names carry "(fiktiv)", accounts are
flagged ``is_demo``, and the loader refuses to run unless the deployment allows
demo data (never in production: demo passwords are published in the README).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from infohus.accounts.models import User
from infohus.organisations import actions
from infohus.organisations.models import Organisation, Unit
from infohus.organisations.roles import Role

DEMO_PASSWORD = "Infohus-demo-2026"  # noqa: S105 — published on purpose; demo only


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    org_slug: str
    unit_slug: str
    role: str


def _district_users(prefix: str, org: str, place: str) -> list[DemoUser]:
    return [
        DemoUser(
            f"{prefix}-tovholder",
            f"Tove Tovholder, {place} (fiktiv)",
            org,
            "infohus",
            Role.COORDINATOR,
        ),
        DemoUser(
            f"{prefix}-forebygger",
            f"Frede Forebygger, {place} (fiktiv)",
            org,
            "forebyggelse",
            Role.PREVENTION_OFFICER,
        ),
        DemoUser(
            f"{prefix}-analytiker", f"Anja Analytiker, {place} (fiktiv)", org, "eae", Role.ANALYST
        ),
    ]


def _municipal_users(prefix: str, code: str, place: str) -> list[DemoUser]:
    org = f"kommune-{code}"
    return [
        DemoUser(
            f"{prefix}-kontakt",
            f"Kim Kontaktperson, {place} (fiktiv)",
            org,
            "infohus-kontakt",
            Role.MUNICIPAL_CONTACT,
        ),
        DemoUser(
            f"{prefix}-sagsbehandler",
            f"Sara Sagsbehandler, {place} (fiktiv)",
            org,
            "forvaltning",
            Role.MUNICIPAL_CASEWORKER,
        ),
        DemoUser(
            f"{prefix}-mentor", f"Mads Mentor, {place} (fiktiv)", org, "forvaltning", Role.MENTOR
        ),
    ]


DEMO_USERS: list[DemoUser] = [
    *_district_users("oj", "oestjyllands-politi", "Østjylland"),
    *_municipal_users("aarhus", "751", "Aarhus"),
    *_municipal_users("skanderborg", "746", "Skanderborg"),
    *_district_users("fyn", "fyns-politi", "Fyn"),
    *_municipal_users("odense", "461", "Odense"),
    *_district_users("kbh", "koebenhavns-politi", "København"),
    *_municipal_users("kobenhavn", "101", "København"),
    DemoUser("pet-visitator", "Vera Visitator, PET (fiktiv)", "pet", "visitation", Role.PET_TRIAGE),
    DemoUser("pet-exit", "Erik Exitmedarbejder, PET (fiktiv)", "pet", "exit", Role.PET_EXIT_WORKER),
    DemoUser(
        "pet-exit-2", "Ebba Exitmedarbejder, PET (fiktiv)", "pet", "exit", Role.PET_EXIT_WORKER
    ),
    DemoUser(
        "kriminalforsorg",
        "Karin Kriminalforsorg (fiktiv)",
        "kriminalforsorgen",
        "radikalisering",
        Role.PRISON_LIAISON,
    ),
    DemoUser(
        "hotline", "Hanne Hotline (fiktiv)", "national-hotline", "raadgivning", Role.HOTLINE_ADVISER
    ),
    DemoUser(
        "ncfe-raadgiver", "Rasmus Rådgiver, NCFE (fiktiv)", "ncfe", "raadgivning", Role.NCFE_ADVISER
    ),
    DemoUser(
        "ncfe-analytiker", "Nina Analytiker, NCFE (fiktiv)", "ncfe", "analyse", Role.NCFE_ANALYST
    ),
    DemoUser(
        "korps", "Karl Korpskoordinator, NCFE (fiktiv)", "ncfe", "korps", Role.CORPS_COORDINATOR
    ),
    DemoUser("revisor", "Rita Revisor (fiktiv)", "infohus-drift", "revision", Role.AUDITOR),
    DemoUser(
        "sysadmin",
        "Simon Systemadministrator (fiktiv)",
        "infohus-drift",
        "systemadministration",
        Role.SYSTEM_ADMIN,
    ),
]


def demo_totp_secret(username: str) -> str:
    """A stable TOTP secret per demo user, so re-running `make run` prints the same ones."""
    digest = hashlib.sha256(f"infohus-demo-totp:{username}".encode()).digest()[:20]
    return base64.b32encode(digest).decode("ascii")


def _unit(org_slug: str, unit_slug: str) -> Unit:
    return Unit.objects.select_related("organisation").get(
        organisation=Organisation.objects.get(slug=org_slug), slug=unit_slug
    )


def _scaled(scale: int) -> list[DemoUser]:
    """Scale > 1 adds numbered colleagues in every demo unit (load and UI testing)."""
    users = list(DEMO_USERS)
    for n in range(2, scale + 1):
        for u in DEMO_USERS:
            if u.role in {Role.SYSTEM_ADMIN, Role.AUDITOR}:
                continue
            users.append(
                DemoUser(
                    f"{u.username}-{n}",
                    u.full_name.replace(" (fiktiv)", f" {n} (fiktiv)"),
                    u.org_slug,
                    u.unit_slug,
                    u.role,
                )
            )
    return users


@transaction.atomic
def load_demo_users(*, scale: int = 1) -> tuple[list[DemoUser], int]:
    """Create the demo users that do not exist yet; return all demo users and how many were new."""
    if not settings.INFOHUS_ALLOW_DEMO_DATA:
        raise ImproperlyConfigured("Demo data is not allowed in this deployment.")
    users = _scaled(scale)
    existing = set(
        User.objects.filter(username__in=[u.username for u in users]).values_list(
            "username", flat=True
        )
    )
    created = 0
    for spec in users:
        if spec.username in existing:
            continue
        user = actions.create_user(
            actor=None,
            username=spec.username,
            full_name=spec.full_name,
            password=DEMO_PASSWORD,
            unit=_unit(spec.org_slug, spec.unit_slug),
            role=spec.role,
            is_demo=True,
        )
        actions.enrol_totp(actor=None, user=user, secret=demo_totp_secret(spec.username))
        created += 1
    return users, created
