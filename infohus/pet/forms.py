"""Forms for PET's exit programme."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from infohus.accounts.models import User
from infohus.cases.forms import StaffMultipleChoiceField, date_field, reason_field
from infohus.organisations.forms import ActionForm
from infohus.pet.actions import DISCLOSABLE


class StartCourseForm(ActionForm):
    team = StaffMultipleChoiceField(
        label=_("Team"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Mindst to exitmedarbejdere; du selv tæller med."),
    )
    reason = reason_field()
    action_error_fields = {
        "reason_required": "reason",
        "reason_too_long": "reason",
        "birth_date_unknown": None,
        "under_minimum_age": None,
        "course_exists": None,
        "team_invalid": "team",
    }

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = staff  # type: ignore[attr-defined]


class NoteForm(ActionForm):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 5}))
    conversation_on = date_field(
        _("Samtale holdt den"),
        required=False,
        help_text=_("Kun hvis noten er et samtalereferat."),
    )
    action_error_fields = {
        "summary_required": "text",
        "summary_too_long": "text",
        "conversation_future": "conversation_on",
        "in_pre_trial_detention": "conversation_on",
    }


class DiscloseForm(ActionForm):
    items = forms.MultipleChoiceField(
        label=_("Hvilke oplysninger videregives til politikredsen?"),
        choices=list(DISCLOSABLE.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    message = forms.CharField(
        label=_("Besked til Infohus-koordinatoren"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    purpose = forms.CharField(label=_("Formål"), max_length=1000)
    action_error_fields = {
        "purpose_required": "purpose",
        "purpose_too_long": "purpose",
        "items_required": "items",
        "reason_required": "message",
        "reason_too_long": "message",
    }


class ReferForm(ActionForm):
    reason = reason_field(_("Hvorfor hører personen til i PET's exitindsats?"))
    action_error_fields = {
        "reason_required": "reason",
        "reason_too_long": "reason",
        "not_open": None,
        "one_person": None,
    }
