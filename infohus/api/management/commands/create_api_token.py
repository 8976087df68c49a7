"""Issue a token for a system integration; the token is printed once and never again."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohus.api.actions import create_api_token
from infohus.organisations.models import Membership


class Command(BaseCommand):
    help = (
        "Issue an API token acting as one membership of the integration's service user. "
        "Both --username and --membership-id are asked for, so a typo in one cannot "
        "hand a token to the wrong person. The token is shown once: store it in the "
        "integration's secret store."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True, help="The integration's service user.")
        parser.add_argument(
            "--membership-id", type=int, required=True, help="That user's membership to act as."
        )
        parser.add_argument("--name", required=True, help="What the token is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        membership = (
            Membership.objects.select_related("user", "unit")
            .filter(pk=options["membership_id"], user__username=options["username"])
            .first()
        )
        if membership is None:
            raise CommandError("No membership with that id belongs to that user.")
        try:
            token, secret = create_api_token(
                actor=None, membership=membership, name=options["name"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(f"Token {token.audit_label()} acting as {membership.audit_label()}:")
        self.stdout.write(secret)
        self.stdout.write("It is not stored and cannot be shown again.")
