"""Verify the audit trail's hash chain and report the first broken link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from infohus.core.audit import verify_chain
from infohus.core.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits non-zero and names the first broken entry."

    def handle(self, *args: Any, **options: Any) -> None:
        count = AuditEvent.objects.count()
        broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"Audit chain broken at entry #{broken.event_id}: {broken.problem}. "
                f"Entries before it are intact."
            )
        head = AuditEvent.objects.order_by("-id").values_list("entry_hash", flat=True).first()
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain intact: {count} entries. Head hash: {head or '-'}")
        )
