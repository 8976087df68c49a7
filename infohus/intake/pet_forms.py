"""Forms for PET's triage inbox (Visitationscenter): its filters, registering a concern
PET received, and passing one to a police district.

They reuse the district forms where the questions are the same; what differs is what PET
is told: a concern PET registers stays in PET's inbox until PET passes it on.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from infohus.intake.inbox import OPEN, Assigned, InboxFilter, Sort
from infohus.intake.inbox_actions import REASON_MAX_LENGTH
from infohus.intake.staff_forms import DistrictChoiceField, StaffConcernForm
from infohus.organisations.forms import ActionForm
from infohus.organisations.models import PoliceDistrict

# Nothing in PET's triage inbox is assigned or screened yet: it is open, or (later) closed.
PET_STATUS_CHOICES = [(OPEN, _("Åbne")), ("all", _("Alle"))]


class PetInboxFilterForm(forms.Form):
    """The triage inbox's filters and sort order (GET); anything invalid falls back to the
    default. Like the district inbox's, without "assigned to" (PET assigns nothing here)."""

    status = forms.ChoiceField(label=_("Status"), choices=PET_STATUS_CHOICES, required=False)
    overdue = forms.BooleanField(label=_("Kun over fristen for screening"), required=False)
    sort = forms.ChoiceField(label=_("Sortering"), choices=Sort.choices, required=False)

    def criteria(self) -> InboxFilter:
        if not self.is_valid():
            return InboxFilter()
        data = self.cleaned_data
        return InboxFilter(
            status=data["status"] or OPEN,
            assigned=Assigned.ALL,
            overdue_only=bool(data["overdue"]),
            sort=data["sort"] or Sort.NEWEST,
        )


class PetConcernForm(StaffConcernForm):
    """A concern PET received, typed in by PET's triage staff following the interview
    guide; the same questions as a district's intake, but it goes to no district."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].help_text = _(
            "Henvendelsen bliver i PET's visitation. Kommunen bruges til at foreslå "
            "politikredsen, hvis PET sender den videre."
        )


class PassToDistrictForm(ActionForm):
    district = DistrictChoiceField(
        label=_("Send til politikreds"), queryset=PoliceDistrict.objects.none()
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Fx at personen er uden for PET's målgruppe. Kredsen ser begrundelsen og hele "
            "historikken."
        ),
    )
    action_error_fields = {
        "no_infohus": "district",
        "reason_required": "reason",
        "reason_too_long": "reason",
    }

    def __init__(self, *args: Any, districts: QuerySet[PoliceDistrict], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        assert isinstance(field, DistrictChoiceField)
        field.queryset = districts
