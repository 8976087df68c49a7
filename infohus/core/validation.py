"""Checks on free text that several workflows ask for in the same words."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def clean_reason(reason: str, *, max_length: int | None = None) -> str:
    """The reason a user gives for an action, stripped; a translated ValidationError
    (``reason_required`` / ``reason_too_long``) when it is empty or longer than
    ``max_length``."""
    cleaned = reason.strip()
    if not cleaned:
        raise ValidationError(_("Skriv en begrundelse."), code="reason_required")
    if max_length is not None and len(cleaned) > max_length:
        raise ValidationError(
            _("Begrundelsen må højst være %(max)d tegn.") % {"max": max_length},
            code="reason_too_long",
        )
    return cleaned
