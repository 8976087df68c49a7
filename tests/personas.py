"""Named personas in named agencies (STYLE.md, Tests), built through the real actions.

Each persona is one user with one membership and a TOTP authenticator, so the
MFA middleware lets them through. ``login(client, user)`` logs a test client in
as a real login would (session clocks set).
"""

from __future__ import annotations

import base64
import hashlib
import time
from dataclasses import dataclass

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client

from infohus.accounts.models import User
from infohus.accounts.sessions import SEEN_KEY, STARTED_KEY
from infohus.organisations import actions
from infohus.organisations.models import Organisation, Unit
from infohus.organisations.roles import Role

PASSWORD = "Blaa-Cykel-Under-Bordet-81"


@dataclass(frozen=True)
class PersonaSpec:
    org_slug: str
    unit_slug: str
    role: str
    full_name: str


PERSONAS: dict[str, PersonaSpec] = {
    "coordinator": PersonaSpec(
        "oestjyllands-politi", "infohus", Role.COORDINATOR, "Test Tovholder Østjylland"
    ),
    "prevention_officer": PersonaSpec(
        "oestjyllands-politi", "forebyggelse", Role.PREVENTION_OFFICER, "Test Forebygger Østjylland"
    ),
    "analyst": PersonaSpec(
        "oestjyllands-politi", "eae", Role.ANALYST, "Test Analytiker Østjylland"
    ),
    "coordinator_fyn": PersonaSpec(
        "fyns-politi", "infohus", Role.COORDINATOR, "Test Tovholder Fyn"
    ),
    "municipal_contact": PersonaSpec(
        "kommune-751", "infohus-kontakt", Role.MUNICIPAL_CONTACT, "Test Kontakt Aarhus"
    ),
    "municipal_contact_odense": PersonaSpec(
        "kommune-461", "infohus-kontakt", Role.MUNICIPAL_CONTACT, "Test Kontakt Odense"
    ),
    "municipal_caseworker": PersonaSpec(
        "kommune-751", "forvaltning", Role.MUNICIPAL_CASEWORKER, "Test Sagsbehandler Aarhus"
    ),
    "mentor": PersonaSpec("kommune-751", "forvaltning", Role.MENTOR, "Test Mentor Aarhus"),
    "pet_triage": PersonaSpec("pet", "visitation", Role.PET_TRIAGE, "Test Visitator PET"),
    "pet_exit_worker": PersonaSpec("pet", "exit", Role.PET_EXIT_WORKER, "Test Exit PET"),
    "pet_exit_worker_2": PersonaSpec("pet", "exit", Role.PET_EXIT_WORKER, "Test Exit PET 2"),
    "prison_liaison": PersonaSpec(
        "kriminalforsorgen", "radikalisering", Role.PRISON_LIAISON, "Test Kriminalforsorg"
    ),
    "hotline_adviser": PersonaSpec(
        "national-hotline", "raadgivning", Role.HOTLINE_ADVISER, "Test Hotline"
    ),
    "ncfe_adviser": PersonaSpec("ncfe", "raadgivning", Role.NCFE_ADVISER, "Test Rådgiver NCFE"),
    "ncfe_analyst": PersonaSpec("ncfe", "analyse", Role.NCFE_ANALYST, "Test Analytiker NCFE"),
    "corps_coordinator": PersonaSpec("ncfe", "korps", Role.CORPS_COORDINATOR, "Test Korps NCFE"),
    "auditor": PersonaSpec("infohus-drift", "revision", Role.AUDITOR, "Test Revisor"),
    "system_admin": PersonaSpec(
        "infohus-drift", "systemadministration", Role.SYSTEM_ADMIN, "Test Systemadministrator"
    ),
}


def totp_secret_for(username: str) -> str:
    return base64.b32encode(hashlib.sha256(f"test:{username}".encode()).digest()[:20]).decode()


def current_totp(secret: str, *, offset_steps: int = 0, valid_for: float = 1.0) -> str:
    """The TOTP code of the current 30-second step (shifted by ``offset_steps``), one
    that stays valid for ``valid_for`` seconds more: a code read in the last moment of
    its step would be refused once the step has passed (the server allows no drift), so
    near the end of a step this waits for the next one."""
    left_in_step = 30 - time.time() % 30
    if left_in_step < valid_for:
        time.sleep(left_in_step + 0.2)
    code: str = format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset_steps))
    return code


def unit(org_slug: str, unit_slug: str) -> Unit:
    return Unit.objects.get(organisation=Organisation.objects.get(slug=org_slug), slug=unit_slug)


def make_persona(key: str, *, username: str | None = None, with_mfa: bool = True) -> User:
    spec = PERSONAS[key]
    username = username or f"t-{key.replace('_', '-')}"
    user = actions.create_user(
        actor=None,
        username=username,
        full_name=spec.full_name,
        password=PASSWORD,
        unit=unit(spec.org_slug, spec.unit_slug),
        role=spec.role,
    )
    if with_mfa:
        actions.enrol_totp(actor=None, user=user, secret=totp_secret_for(username))
    return user


def login(client: Client, user: User) -> Client:
    """Log ``client`` in as ``user`` after password and second factor, as a real login would."""
    client.force_login(user, backend="infohus.accounts.backends.LockoutAuthenticationBackend")
    session = client.session
    now = time.time()
    from datetime import UTC, datetime

    stamp = datetime.fromtimestamp(now, tz=UTC).isoformat()
    session[STARTED_KEY] = stamp
    session[SEEN_KEY] = stamp
    session.save()
    return client
