"""Forms for screening a concern and moving a case along its status flow."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from infohus.accounts.models import User
from infohus.cases.actions import REASON_MAX_LENGTH
from infohus.cases.choices import (
    CaseStatus,
    ConsultationAnswer,
    ConversationOutcome,
    ScreeningOutcome,
    Severity,
)
from infohus.organisations.forms import ActionForm

if TYPE_CHECKING:
    _UsersBase = forms.ModelMultipleChoiceField[User]
else:  # the stubs make the field generic; Django's class is not subscriptable at run time
    _UsersBase = forms.ModelMultipleChoiceField


class StaffMultipleChoiceField(_UsersBase):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name()


def reason_field(help_text: Any = "") -> forms.CharField:
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
    reason = reason_field(
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


def date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


REASON_ERRORS: dict[str, str | None] = {
    "reason_required": "reason",
    "reason_too_long": "reason",
    "case_closed": None,
}


class CaseStatusForm(ActionForm):
    status = forms.ChoiceField(label=_("Ny status"), choices=OPEN_STATUS_CHOICES)
    next_follow_up_on = date_field(
        _("Næste opfølgning"),
        required=False,
        help_text=_("Valgfri. En overskredet opfølgning vises i arbejdslisten."),
    )
    reason = reason_field()
    action_error_fields = {
        **REASON_ERRORS,
        "status_invalid": "status",
        "status_unchanged": "status",
        "follow_up_past": "next_follow_up_on",
    }


class SeverityForm(ActionForm):
    severity = forms.ChoiceField(
        label=_("Ny placering (trivsel ↔ sikkerhed)"),
        choices=Severity.choices,
        widget=forms.RadioSelect,
        help_text=_("Jeres samlede, begrundede vurdering; systemet beregner intet."),
    )
    reason = reason_field()
    action_error_fields = {
        **REASON_ERRORS,
        "severity_invalid": "severity",
        "severity_unchanged": "severity",
    }


class CloseCaseForm(ActionForm):
    reason = reason_field()
    open_items_reason = forms.CharField(
        label=_("Begrundelse for at afslutte trods åbne punkter"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Kun nødvendig, hvis en overlevering afventer, PET ikke har svaret, eller "
            "opfølgningen er overskredet."
        ),
    )
    action_error_fields = {**REASON_ERRORS, "open_items": "open_items_reason"}


class HandoverForm(ActionForm):
    to_responsibility = forms.ChoiceField(
        label=_("Hvem skal håndtere sagen?"), widget=forms.RadioSelect
    )
    legal_basis = forms.ChoiceField(label=_("Retsgrundlag for videregivelsen"))
    items = forms.MultipleChoiceField(
        label=_("Hvilke oplysninger følger med?"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kun det modtageren har brug for. Begrundelsen følger altid med."),
    )
    summary = forms.CharField(
        label=_("Resumé til modtageren"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reason = reason_field(_("Hvorfor skal sagen skifte hænder? Begrundelsen ses af modtageren."))
    action_error_fields = {
        **REASON_ERRORS,
        "route_invalid": "to_responsibility",
        "pet_to_municipality": "to_responsibility",
        "handover_pending": None,
        "no_recipient": None,
        "legal_basis_invalid": "legal_basis",
        "items_invalid": "items",
        "items_required": "items",
    }

    def __init__(
        self,
        *args: Any,
        targets: list[tuple[str, Any]],
        bases: list[tuple[str, Any]],
        items: list[tuple[str, Any]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_responsibility"].choices = targets  # type: ignore[attr-defined]
        self.fields["legal_basis"].choices = bases  # type: ignore[attr-defined]
        self.fields["items"].choices = items  # type: ignore[attr-defined]


class DecisionForm(ActionForm):
    note = forms.CharField(
        label=_("Bemærkning"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Påkrævet, hvis du afviser overleveringen."),
    )
    action_error_fields = {
        "reason_required": "note",
        "reason_too_long": "note",
        "not_pending": None,
    }


class ConsultationForm(ActionForm):
    question = forms.CharField(
        label=_("Spørgsmål til PET"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="",
        help_text=_("Håndterer PET allerede personen, eller skal kredsen gå videre?"),
    )
    action_error_fields = {
        "reason_required": "question",
        "reason_too_long": "question",
        "case_closed": None,
        "consultation_open": None,
        "no_pet": None,
    }


class ConsultationAnswerForm(ActionForm):
    answer = forms.ChoiceField(
        label=_("Svar"), choices=ConsultationAnswer.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Bemærkning til kredsen"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kun det kredsen har brug for. Svaret og bemærkningen videregives."),
    )
    action_error_fields = {
        "reason_required": "note",
        "reason_too_long": "note",
        "answer_invalid": "answer",
        "answered": None,
    }


class DetentionForm(ActionForm):
    starts_on = date_field(_("Varetægtsfængslet fra"))
    ends_on = date_field(
        _("Til og med"), required=False, help_text=_("Tom, hvis den stadig varer.")
    )
    action_error_fields = {
        "case_closed": None,
        "detention_dates": "ends_on",
        "detention_overlap": "starts_on",
    }


class DetentionEndForm(ActionForm):
    ends_on = date_field(_("Varetægten ophørte"))
    action_error_fields = {
        "case_closed": None,
        "detention_dates": "ends_on",
        "detention_ended": None,
    }


class ConversationForm(ActionForm):
    held_on = date_field(_("Samtalen blev holdt"))
    participants = forms.CharField(
        label=_("Deltagere"),
        max_length=300,
        help_text=_("Fx to forebyggelsesbetjente, eller én med en kommunal medarbejder."),
    )
    outcome = forms.ChoiceField(
        label=_("Udfald"), choices=ConversationOutcome.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(label=_("Referat"), widget=forms.Textarea(attrs={"rows": 6}))
    action_error_fields = {
        "case_closed": None,
        "conversation_future": "held_on",
        "in_pre_trial_detention": "held_on",
        "outcome_invalid": "outcome",
        "summary_required": "summary",
        "summary_too_long": "summary",
    }


class InvestigationForm(ActionForm):
    concerns = forms.MultipleChoiceField(
        label=_("Henvendelser"), widget=forms.CheckboxSelectMultiple, required=False
    )
    packets = forms.MultipleChoiceField(
        label=_("Oplysninger modtaget fra andre myndigheder"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Oplysninger modtaget efter retsplejelovens § 115 må ikke bruges i en efterforskning."
        ),
    )
    reason = reason_field()
    action_error_fields = {
        **REASON_ERRORS,
        "items_invalid": "concerns",
        "items_required": "concerns",
        "prevention_only": "packets",
    }

    def __init__(
        self,
        *args: Any,
        concerns: list[tuple[str, Any]],
        packets: list[tuple[str, Any]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["concerns"].choices = concerns  # type: ignore[attr-defined]
        self.fields["packets"].choices = packets  # type: ignore[attr-defined]


class CaseReasonForm(ActionForm):
    reason = reason_field()
    action_error_fields = {
        **REASON_ERRORS,
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
