"""Danish CPR numbers: validation, normalisation and the birth date they encode.

Since 2007 CPR numbers need not pass the modulus-11 check, so only the format
and the encoded date are validated (CPR-kontoret). Replacement numbers
(erstatningspersonnumre) add 60 to the day.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PATTERN = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


def _century(yy: int, seventh: int) -> int:
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def parse_cpr(value: str) -> tuple[str, date]:
    """Return (normalised 'DDMMYYSSSS', birth date) or raise ValidationError (translated)."""
    cleaned = (value or "").strip().replace(" ", "")
    match = _PATTERN.match(cleaned)
    if not match:
        raise ValidationError(_("CPR-nummeret skal have formen DDMMÅÅ-XXXX."), code="cpr_format")
    day, month, year2 = (int(match.group(i)) for i in (1, 2, 3))
    serial = match.group(4)
    if day > 60:
        day -= 60  # replacement number
    year = _century(year2, int(serial[0])) + year2
    try:
        born = date(year, month, day)
    except ValueError:
        raise ValidationError(
            _("CPR-nummeret indeholder ikke en gyldig fødselsdato."), code="cpr_date"
        ) from None
    return cleaned.replace("-", ""), born


def normalise_cpr(value: str) -> str:
    return parse_cpr(value)[0]


def format_cpr(normalised: str) -> str:
    return f"{normalised[:6]}-{normalised[6:]}" if len(normalised) == 10 else normalised
