"""Verify the audit trail's hash chain and report the first broken link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from infohus.core.audit import verify_chain
from infohus.core.models import AuditEvent


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain; exits non-zero and names the first broken "
        "entry. Prints the head hash to keep outside the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect-head",
            metavar="HASH",
            default="",
            help=(
                "A head hash printed by an earlier run. The chain alone cannot show that its "
                "newest entries were removed; this check fails if that entry is gone."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Fix the head first and verify up to it, so the head printed is one that was
        # verified, even while new entries are being appended.
        head = AuditEvent.objects.order_by("-id").values("id", "entry_hash").first()
        head_id = head["id"] if head else 0
        events = AuditEvent.objects.filter(id__lte=head_id).order_by("id")
        broken = verify_chain(events.iterator(2000))
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at entry #{broken.event_id}: {broken.problem}. "
                f"Entries before it are intact."
            )
        expected = str(options["expect_head"]).strip().lower()
        if expected and not events.filter(entry_hash=expected).exists():
            raise CommandError(
                f"Audit chain has lost entries: the earlier head {expected} is no longer in it."
            )
        count = events.count()
        head_hash = head["entry_hash"] if head else "-"
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain intact: {count} entries. Head hash: {head_hash}")
        )
