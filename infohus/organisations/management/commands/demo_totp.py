"""Print the current TOTP code of a demo user (demo convenience; refused in production)."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohus.organisations.demo import DEMO_USERS, demo_totp_secret


class Command(BaseCommand):
    help = "Print the current six-digit TOTP code for a demo user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", nargs="?", default="")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        if not settings.INFOHUS_ALLOW_DEMO_DATA:
            raise CommandError("Demo data is not allowed in this deployment.")
        names = [u.username for u in DEMO_USERS]
        if username not in names:
            raise CommandError("Give a demo username: " + ", ".join(names))
        code = format_hotp_value(hotp_value(demo_totp_secret(username), int(time.time()) // 30))
        self.stdout.write(code)
