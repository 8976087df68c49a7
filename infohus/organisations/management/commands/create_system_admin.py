"""Create the first system administrator of a deployment (or another one, from the shell).

The password is read from the terminal (never from the command line, where it
would land in shell history and process lists) and checked by the password
validators. The new administrator enrols a second factor at first login, like
everyone else.
"""

from __future__ import annotations

import getpass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohus.organisations import actions
from infohus.organisations.models import Unit
from infohus.organisations.roles import Role, UnitKind


class Command(BaseCommand):
    help = "Create a system administrator; the password is asked for on the terminal."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--full-name", required=True)
        parser.add_argument("--email", default="")

    def handle(self, *args: Any, username: str, full_name: str, email: str, **options: Any) -> None:
        unit = Unit.objects.filter(kind=UnitKind.SYSTEM_ADMINISTRATION).first()
        if unit is None:
            raise CommandError("No system-administration unit: run `manage.py load_refdata` first.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords differ.")
        try:
            user = actions.create_user(
                actor=None,
                username=username,
                full_name=full_name,
                email=email,
                password=password,
                unit=unit,
                role=Role.SYSTEM_ADMIN,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"System administrator {user.username} created; a second factor is set up at first login."
            )
        )
