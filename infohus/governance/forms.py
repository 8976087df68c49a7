"""The audit-log search form (GET) and the export format."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from infohus.core.models import AuditEvent

# Dates outside this range are refused: nothing is logged before the system existed,
# and far-off years overflow when the day is turned into a UTC instant.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2999, 12, 31)

OUTCOME_LABELS: dict[str, Promise] = {
    AuditEvent.Outcome.OK: _("Gennemført"),
    AuditEvent.Outcome.DENIED: _("Afvist"),
    AuditEvent.Outcome.FAILED: _("Fejlet"),
}


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    JSONL = "jsonl", "JSON Lines"


def _in_range(value: date) -> None:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(_("Datoen er ugyldig"), code="out_of_range")


class AuditLogFilterForm(forms.Form):
    """Filters for the audit log. They travel in the query string: they name staff
    (usernames), record types, ids and verbs, never the content of a case, so they
    reveal no more than the request log line they end up in (see views.py)."""

    user = forms.CharField(
        label=_("Bruger"),
        required=False,
        max_length=200,
        help_text=_("Brugernavnet, præcis som det står (store og små bogstaver er ligegyldige)."),
    )
    verb = forms.CharField(
        label=_("Handling"),
        required=False,
        max_length=64,
        help_text=_("Hele handlingen eller dens begyndelse, fx LOGIN eller USER_CREATED."),
    )
    object_type = forms.CharField(
        label=_("Objekttype"),
        required=False,
        max_length=100,
        help_text=_("Fx accounts.user eller organisations.membership."),
    )
    object_id = forms.CharField(label=_("Objekt-id"), required=False, max_length=64)
    text = forms.CharField(
        label=_("Tekst i objektets betegnelse"),
        required=False,
        max_length=300,
        help_text=_("Søger i betegnelsen, fx et brugernavn eller et sagsnummer."),
    )
    outcome = forms.ChoiceField(
        label=_("Udfald"),
        required=False,
        choices=[("", _("Alle")), *OUTCOME_LABELS.items()],
    )
    date_from = forms.DateField(
        label=_("Fra dato"),
        required=False,
        validators=[_in_range],
        error_messages={"invalid": _("Datoen er ugyldig")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Fra og med denne dag (dansk tid)."),
    )
    date_to = forms.DateField(
        label=_("Til dato"),
        required=False,
        validators=[_in_range],
        error_messages={"invalid": _("Datoen er ugyldig")},
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Til og med denne dag (dansk tid)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django links help text and errors to the input (aria-describedby, aria-invalid);
        # the template gives them the ids it expects: <id>_helptext and <id>_error.
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-input"
            field.widget.attrs.setdefault("class", css)

    def clean_user(self) -> str:
        return str(self.cleaned_data["user"]).strip()

    def clean_verb(self) -> str:
        return str(self.cleaned_data["verb"]).strip().upper()

    def clean_object_type(self) -> str:
        return str(self.cleaned_data["object_type"]).strip().lower()

    def clean_object_id(self) -> str:
        return str(self.cleaned_data["object_id"]).strip()

    def clean_text(self) -> str:
        return str(self.cleaned_data["text"]).strip()

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        date_from = self.cleaned_data.get("date_from")
        date_to = self.cleaned_data.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", _("Til-datoen skal ligge på eller efter fra-datoen."))
        return cleaned

    def filters(self) -> dict[str, Any]:
        """The cleaned filter values as keyword arguments for queries.filter_audit_events
        (only after is_valid())."""
        return {name: self.cleaned_data.get(name) for name in self.fields}

    def active_filters(self) -> dict[str, Any]:
        """The filters actually set, for the audit entry the search writes."""
        return {name: value for name, value in self.filters().items() if value not in ("", None)}
