"""Checks on free text that several workflows ask for in the same words."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def clean_text(
    text: str,
    *,
    code: str,
    empty: str | Promise,
    too_long: str | Promise,
    max_length: int | None = None,
) -> str:
    """Free text a user must give, stripped; a translated ValidationError with code
    ``<code>_required`` (message ``empty``) when it is blank, or ``<code>_too_long``
    (message ``too_long``, which takes ``%(max)d``) when longer than ``max_length``."""
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError(str(empty), code=f"{code}_required")
    if max_length is not None and len(cleaned) > max_length:
        raise ValidationError(str(too_long) % {"max": max_length}, code=f"{code}_too_long")
    return cleaned


def clean_reason(reason: str, *, max_length: int | None = None) -> str:
    """The reason a user gives for an action (``reason_required`` / ``reason_too_long``)."""
    return clean_text(
        reason,
        code="reason",
        empty=_("Skriv en begrundelse."),
        too_long=gettext_lazy("Begrundelsen må højst være %(max)d tegn."),
        max_length=max_length,
    )
