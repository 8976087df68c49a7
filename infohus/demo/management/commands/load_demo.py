"""Create fictional demo users (and, in later issues, fictional case data)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from infohus.organisations.demo import DEMO_PASSWORD, DEMO_USERS, demo_totp_secret, load_demo_users
from infohus.organisations.roles import Role


class Command(BaseCommand):
    help = "Create fictional demo users for every role (refused in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=1, help="Multiply the demo population.")
        parser.add_argument("--quiet", action="store_true", help="Do not print the credentials.")

    def handle(self, *args: Any, scale: int, quiet: bool, **options: Any) -> None:
        users, created = load_demo_users(scale=scale)
        self.stdout.write(
            f"Demo data: {created} new users ({len(users)} in all). ALL DATA IS FICTIONAL."
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
