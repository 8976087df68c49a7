"""Forms for screening a concern and moving a case along its status flow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from infohus.accounts.models import User
from infohus.cases.actions import REASON_MAX_LENGTH
from infohus.cases.choices import CaseStatus, ScreeningOutcome
from infohus.organisations.forms import ActionForm

if TYPE_CHECKING:
    _UsersBase = forms.ModelMultipleChoiceField[User]
else:  # the stubs make the field generic; Django's class is not subscriptable at run time
    _UsersBase = forms.ModelMultipleChoiceField


class StaffMultipleChoiceField(_UsersBase):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name()


def _reason(help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=_("Begrundelse"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=help_text,
    )


class ScreeningForm(ActionForm):
    outcome = forms.ChoiceField(
        label=_("Udfald"), choices=ScreeningOutcome.choices, widget=forms.RadioSelect
    )
    reason = _reason(
        _("Hvad lægger I vægt på? Begrundelsen er en menneskelig vurdering og følger sagen.")
    )
    participants = StaffMultipleChoiceField(
        label=_("Hvem deltog i screeningen?"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Helst forebyggelsesenheden og EAE sammen. Du selv tæller med."),
    )
    unfounded = forms.BooleanField(
        label=_("Åbenbart grundløs"),
        required=False,
        help_text=_("Kun ved 'Ingen videre handling'."),
    )
    municipality_informed = forms.BooleanField(
        label=_("Kommunen er orienteret"),
        required=False,
        help_text=_("Kun ved 'Ingen videre handling'."),
    )
    action_error_fields = {
        "reason_required": "reason",
        "reason_too_long": "reason",
        "outcome_invalid": "outcome",
        "no_person": "outcome",
        "participants_invalid": "participants",
        "already_screened": None,
        "not_open": None,
    }

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["participants"]
        assert isinstance(field, StaffMultipleChoiceField)
        field.queryset = staff


OPEN_STATUS_CHOICES = [(s.value, s.label) for s in CaseStatus if s != CaseStatus.CLOSED]


class CaseStatusForm(ActionForm):
    status = forms.ChoiceField(label=_("Ny status"), choices=OPEN_STATUS_CHOICES)
    reason = _reason()
    action_error_fields = {
        "reason_required": "reason",
        "reason_too_long": "reason",
        "status_invalid": "status",
        "status_unchanged": "status",
        "case_closed": None,
    }


class CaseReasonForm(ActionForm):
    reason = _reason()
    action_error_fields = {
        "reason_required": "reason",
        "reason_too_long": "reason",
        "case_closed": None,
        "case_open": None,
        "other_case_open": None,
    }


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("open", _("Åbne sager")), ("all", _("Alle")), *CaseStatus.choices],
        required=False,
    )

    def statuses(self) -> list[str] | None:
        value = str(self.cleaned_data.get("status") or "") if self.is_valid() else ""
        if value in ("", "open"):
            return [s.value for s in CaseStatus if s != CaseStatus.CLOSED]
        if value == "all":
            return None
        return [value]
