"""The prison liaison's form for a release notice."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from infohus.intake.hotline_forms import municipality_field
from infohus.intake.models import SeverityCategory
from infohus.persons.actions import PersonInput
from infohus.persons.cpr import parse_cpr


class ReleaseNoticeForm(forms.Form):
    full_name = forms.CharField(label=_("Personens navn"), max_length=200)
    cpr = forms.CharField(label=_("CPR-nummer"), required=False, max_length=11)
    municipality = municipality_field(
        required=True,
        label=_("Kommune efter løsladelsen"),
        help_text=_("Bestemmer, hvilken politikreds' Infohus får meddelelsen."),
    )
    release_on = forms.DateField(
        label=_("Løsladelsesdato"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    institution = forms.CharField(label=_("Institution"), max_length=200)
    severity_category = forms.ChoiceField(
        label=_("Kategori"),
        choices=SeverityCategory.choices,
        widget=forms.RadioSelect,
        help_text=_("Politikredsen får kun kategorien at se."),
    )
    report_content = forms.CharField(
        label=_("Bekymringsrapportens indhold"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Ses kun af PET – aldrig af politikredsen."),
    )

    def clean_cpr(self) -> str:
        value: str = self.cleaned_data["cpr"].strip()
        if value:
            try:
                parse_cpr(value)
            except ValidationError as error:
                raise ValidationError(error.messages) from None
        return value

    def action_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        release_on: date = data["release_on"]
        return {
            "person": PersonInput(
                full_name=data["full_name"], cpr=data["cpr"], municipality=data["municipality"]
            ),
            "release_on": release_on,
            "institution": data["institution"],
            "severity_category": data["severity_category"],
            "report_content": data["report_content"],
        }
