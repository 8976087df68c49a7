"""Template filters for showing audit entries."""

from __future__ import annotations

import json
from typing import Any

from django import template

from infohus.governance.forms import OUTCOME_LABELS

register = template.Library()


@register.filter
def outcome_label(outcome: str) -> Any:
    """The Danish label of an outcome (ok/denied/failed)."""
    return OUTCOME_LABELS.get(outcome, outcome)


@register.filter
def as_json(value: Any) -> str:
    """A value from an entry's JSON, shown as JSON (strings unquoted, nothing as a dash)."""
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
