"""Delete idempotency records older than 24 hours (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from infohus.api.actions import purge_idempotency_records


class Command(BaseCommand):
    help = "Delete API idempotency records past their 24 hours."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Deleted {purge_idempotency_records()} expired idempotency records.")
