"""Daily job: raise alerts for releases in the next 14 days that the district's Infohus
or PET has not acknowledged (run by cron/systemd, see docs/operations.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from infohus.intake.release_actions import ALERT_HORIZON_DAYS, raise_release_alerts


class Command(BaseCommand):
    help = (
        f"Raise alerts for releases in the next {ALERT_HORIZON_DAYS} days that are not "
        "acknowledged. Idempotent: at most one alert per notice, party and day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=date.fromisoformat, default=None, help="Run as of this day (ISO)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        raised = raise_release_alerts(today=options["date"])
        self.stdout.write(f"{len(raised)} alert(s) raised.")
