"""Create the fictional demo: users for every role, concerns in the demo inboxes, a hotline
call, release notices and cases (screenings, hand-overs, a PET consultation). Refused in
production. It lives in the bottom app because it writes into every app (STYLE.md: a
workflow lives in the lowest app involved)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from infohus.cases.demo import load_demo_cases
from infohus.intake.demo import load_demo_intake
from infohus.organisations.demo import DEMO_PASSWORD, DEMO_USERS, demo_totp_secret, load_demo_users
from infohus.organisations.roles import Role
from infohus.pet.demo import load_demo_exit


class Command(BaseCommand):
    help = "Create the fictional demo data (refused in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1, help="Multiply the demo population.")
        parser.add_argument("--quiet", action="store_true", help="Do not print the credentials.")

    def handle(self, *args: Any, scale: int, quiet: bool, **options: Any) -> None:
        users, created = load_demo_users(scale=scale)
        concerns = load_demo_intake()
        cases = load_demo_cases()
        courses = load_demo_exit()
        self.stdout.write(
            f"Demo data: {created} new users ({len(users)} in all), {concerns} new concerns, "
            f"{cases} new cases, {courses} new exit courses. "
            "ALL DATA IS FICTIONAL."
        )
        if quiet:
            return
        self.stdout.write("")
        self.stdout.write(
            "Demo users (demo only, never in production). Password for all: " + DEMO_PASSWORD
        )
        self.stdout.write(
            "Add the TOTP secret to an authenticator app, or run: make demo-totp USER_NAME=<user>"
        )
        self.stdout.write(f"{'username':<24} {'role':<34} TOTP secret")
        for spec in DEMO_USERS:
            self.stdout.write(
                f"{spec.username:<24} {Role(spec.role).label!s:<34} {demo_totp_secret(spec.username)}"
            )
        self.stdout.write("")
