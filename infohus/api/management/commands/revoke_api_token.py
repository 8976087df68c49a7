"""Revoke an integration's API token by its visible prefix."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohus.api.actions import revoke_api_token
from infohus.api.models import ApiToken


class Command(BaseCommand):
    help = "Revoke the API token with this prefix (the 12 characters shown when it was issued)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--prefix", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        tokens = list(ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True))
        if len(tokens) != 1:
            raise CommandError(f"{len(tokens)} active tokens have that prefix; expected one.")
        token = revoke_api_token(actor=None, token=tokens[0])
        self.stdout.write(f"Revoked {token.audit_label()}.")
