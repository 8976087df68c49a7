"""Load or reload reference data (regions, districts, municipalities, organisations, units)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from infohus.organisations.refdata import load_reference_data


class Command(BaseCommand):
    help = "Create or update reference data from infohus/organisations/refdata (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_reference_data()
        if not report.created and not report.updated:
            self.stdout.write("Reference data already up to date.")
            return
        for label, counts in (("created", report.created), ("updated", report.updated)):
            for model, n in sorted(counts.items()):
                self.stdout.write(f"{model}: {n} {label}")
