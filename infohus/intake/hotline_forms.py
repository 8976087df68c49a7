"""The form a hotline adviser fills in for each call (the dialogue guide's registration)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infohus.intake.choices import Ideology, Sector
from infohus.intake.hotline_actions import CallInput
from infohus.intake.models import CallerType, HotlineAdvice
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput
from infohus.persons.cpr import parse_cpr

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"

if TYPE_CHECKING:
    _MunicipalityChoiceBase = forms.ModelChoiceField[Municipality]
else:  # the stubs make the field generic; Django's class is not subscriptable at run time
    _MunicipalityChoiceBase = forms.ModelChoiceField


class MunicipalityChoiceField(_MunicipalityChoiceBase):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


def municipality_field(
    *, required: bool, label: Any, help_text: Any = ""
) -> MunicipalityChoiceField:
    return MunicipalityChoiceField(
        queryset=Municipality.objects.order_by("name"),
        required=required,
        label=label,
        help_text=help_text,
        empty_label=_("Vælg kommune"),
    )


class HotlineCallForm(forms.Form):
    called_at = forms.DateTimeField(
        label=_("Opkaldets tidspunkt"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
    )
    is_answered_immediately = forms.BooleanField(
        label=_("Opkaldet blev besvaret med det samme"), required=False, initial=True
    )
    caller_type = forms.ChoiceField(
        label=_("Hvem ringede?"), choices=CallerType.choices, widget=forms.RadioSelect
    )
    caller_sector = forms.ChoiceField(
        label=_("Fagpersonens sektor"),
        choices=Sector.choices,
        required=False,
        help_text=_("Kun når en fagperson ringede."),
    )
    is_anonymous = forms.BooleanField(label=_("Den, der ringede, er anonym"), required=False)
    ideology = forms.ChoiceField(
        label=_("Bekymringens kategori, som den, der ringede, beskriver den"),
        choices=Ideology.choices,
        initial=Ideology.UNCLEAR,
        widget=forms.RadioSelect,
    )
    advice = forms.ChoiceField(
        label=_("Rådgivning givet"), choices=HotlineAdvice.choices, widget=forms.RadioSelect
    )
    advice_notes = forms.CharField(
        label=_("Noter om rådgivningen"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    municipality = municipality_field(
        required=False,
        label=_("Kommune"),
        help_text=_(
            "Den kommune, personen, der er bekymring for, bor i. Kendes den ikke, den "
            "kommune, den der ringede bor i. Skal udfyldes ved henvisning."
        ),
    )
    is_caller_municipality = forms.BooleanField(
        label=_("Kommunen er den, der ringede, bor i (personens kommune kendes ikke)"),
        required=False,
    )
    is_referred = forms.BooleanField(
        label=_("Henvist til Infohus"),
        required=False,
        help_text=_("Bekymringen sendes til Infohuset i kommunens politikreds."),
    )
    concern_description = forms.CharField(
        label=_("Bekymringen, der henvises"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hvad har den, der ringede, set eller hørt, hvornår og hvor?"),
    )
    caller_name = forms.CharField(
        label=_("Navn på den, der ringede"), required=False, max_length=200
    )
    caller_phone = forms.CharField(
        label=_("Telefon til den, der ringede"), required=False, max_length=40
    )
    person_name = forms.CharField(
        label=_("Navn på personen, der er bekymring for"), required=False, max_length=200
    )
    person_cpr = forms.CharField(label=_("Personens CPR-nummer"), required=False, max_length=11)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "called_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_person_cpr(self) -> str:
        value: str = self.cleaned_data["person_cpr"].strip()
        if value:
            try:
                parse_cpr(value)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("is_referred"):
            if data.get("municipality") is None:
                self.add_error(
                    "municipality", _("Vælg kommunen: den bestemmer, hvilket Infohus får den.")
                )
            if not (data.get("concern_description") or "").strip():
                self.add_error("concern_description", _("Beskriv bekymringen, der henvises."))
        if data.get("caller_type") != CallerType.PROFESSIONAL:
            data["caller_sector"] = ""
        return data

    def to_input(self) -> CallInput:
        data = self.cleaned_data
        person = None
        if data["is_referred"] and (data["person_name"] or data["person_cpr"]):
            municipality = None if data["is_caller_municipality"] else data["municipality"]
            person = PersonInput(
                full_name=data["person_name"], cpr=data["person_cpr"], municipality=municipality
            )
        anonymous = data["is_anonymous"]
        return CallInput(
            called_at=data["called_at"],
            caller_type=data["caller_type"],
            advice=data["advice"],
            is_answered_immediately=data["is_answered_immediately"],
            caller_sector=data["caller_sector"],
            is_anonymous=anonymous,
            ideology=data["ideology"],
            advice_notes=data["advice_notes"],
            municipality=data["municipality"],
            is_caller_municipality=data["is_caller_municipality"],
            is_referred=data["is_referred"],
            concern_description=data["concern_description"] if data["is_referred"] else "",
            caller_name="" if anonymous else data["caller_name"],
            caller_phone="" if anonymous else data["caller_phone"],
            person=person,
        )
