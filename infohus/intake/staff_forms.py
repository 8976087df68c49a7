"""Forms for the staff side of intake: inbox filters, assigning, transfers, deputies and
registering a concern received by phone, e-mail, function mailbox or police system.

The forms parse input; the rules live in inbox_actions.py and actions.py, whose
ValidationErrors are put back on the field they concern (ActionForm.add_action_error).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from infohus.accounts.models import User
from infohus.intake import interview_guide
from infohus.intake.actions import ConcernInput, ReporterInput
from infohus.intake.choices import Channel, ConcernStatus, Ideology, Sector, SourceType
from infohus.intake.inbox import OPEN, Assigned, InboxFilter, Sort
from infohus.intake.inbox_actions import REASON_MAX_LENGTH
from infohus.organisations.forms import ActionForm
from infohus.organisations.models import Municipality, PoliceDistrict
from infohus.persons.actions import PersonInput
from infohus.persons.cpr import parse_cpr

if TYPE_CHECKING:
    _UserChoiceBase = forms.ModelChoiceField[User]
    _DistrictChoiceBase = forms.ModelChoiceField[PoliceDistrict]
else:  # the stubs make the field generic; Django's class is not subscriptable at run time
    _UserChoiceBase = forms.ModelChoiceField
    _DistrictChoiceBase = forms.ModelChoiceField


class StaffChoiceField(_UserChoiceBase):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name()


class DistrictChoiceField(_DistrictChoiceBase):
    def label_from_instance(self, obj: PoliceDistrict) -> str:
        return obj.name


STATUS_CHOICES = [(OPEN, _("Åbne (modtaget eller fordelt)")), ("all", _("Alle"))] + [
    (value, label) for value, label in ConcernStatus.choices
]


class InboxFilterForm(forms.Form):
    """The inbox's filters and sort order (GET); anything invalid falls back to the default."""

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    assigned = forms.ChoiceField(label=_("Fordeling"), choices=Assigned.choices, required=False)
    overdue = forms.BooleanField(label=_("Kun over fristen for screening"), required=False)
    sort = forms.ChoiceField(label=_("Sortering"), choices=Sort.choices, required=False)

    def criteria(self) -> InboxFilter:
        if not self.is_valid():
            return InboxFilter()
        data = self.cleaned_data
        return InboxFilter(
            status=data["status"] or OPEN,
            assigned=data["assigned"] or Assigned.ALL,
            overdue_only=bool(data["overdue"]),
            sort=data["sort"] or Sort.NEWEST,
        )


class AssignForm(ActionForm):
    assignee = StaffChoiceField(
        label=_("Fordel til"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Ingen – læg den tilbage i den fælles indbakke"),
        help_text=_("Medarbejdere i kredsens Infohus, forebyggelsesenhed og EAE."),
    )
    action_error_fields = {
        "not_district_staff": "assignee",
        "unchanged_assignee": "assignee",
        "not_open": None,
    }

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, StaffChoiceField)
        field.queryset = staff


class TransferForm(ActionForm):
    district = DistrictChoiceField(
        label=_("Overfør til politikreds"), queryset=PoliceDistrict.objects.none()
    )
    reason = forms.CharField(
        label=_("Begrundelse"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Fx at personen er flyttet. Den nye kreds ser begrundelsen og hele historikken."
        ),
    )
    action_error_fields = {
        "same_district": "district",
        "no_infohus": "district",
        "reason_required": "reason",
        "reason_too_long": "reason",
        "not_open": None,
    }

    def __init__(self, *args: Any, districts: QuerySet[PoliceDistrict], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        assert isinstance(field, DistrictChoiceField)
        field.queryset = districts


class DeputyForm(ActionForm):
    user = StaffChoiceField(label=_("Fraværende medarbejder"), queryset=User.objects.none())
    deputy = StaffChoiceField(label=_("Stedfortræder"), queryset=User.objects.none())
    starts_on = forms.DateField(
        label=_("Fra og med"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("Til og med"), widget=forms.DateInput(attrs={"type": "date"}))
    action_error_fields = {
        "user_not_district_staff": "user",
        "deputy_not_district_staff": "deputy",
        "deputy_is_user": "deputy",
        "period_order": "ends_on",
        "period_past": "ends_on",
    }

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("user", "deputy"):
            field = self.fields[name]
            assert isinstance(field, StaffChoiceField)
            field.queryset = staff


# --- registering a concern received by staff --------------------------------------------

STAFF_CHANNELS = [
    (value, label)
    for value, label in Channel.choices
    if value in (Channel.PHONE, Channel.EMAIL, Channel.FUNCTION_MAILBOX, Channel.POLICE_SYSTEM)
]


if TYPE_CHECKING:
    _MunicipalityChoiceBase = forms.ModelChoiceField[Municipality]
else:
    _MunicipalityChoiceBase = forms.ModelChoiceField


class MunicipalityChoiceField(_MunicipalityChoiceBase):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


class StaffConcernForm(ActionForm):
    """A concern taken by phone, e-mail, the function mailbox or the police reporting
    system, typed in by the member of staff who received it, following the interview
    guide (the assessment tool's step 1): the guide's questions are this form's fields,
    keyed by question id."""

    channel = forms.ChoiceField(label=_("Modtaget via"), choices=STAFF_CHANNELS)
    source_type = forms.ChoiceField(
        label=_("Hvem henvender sig"), choices=[("", "---------"), *SourceType.choices]
    )
    sector = forms.ChoiceField(
        label=_("Sektor (hvis fagperson)"), choices=Sector.choices, required=False
    )
    municipality = MunicipalityChoiceField(
        label=_("Personens bopælskommune"),
        queryset=Municipality.objects.order_by("name"),
        help_text=_("Henvendelsen sendes til Infohuset i den politikreds, kommunen ligger i."),
    )
    person_name = forms.CharField(label=_("Personens navn"), max_length=200, required=False)
    person_cpr = forms.CharField(
        label=_("Personens CPR-nummer"), max_length=11, required=False, help_text=_("DDMMÅÅ-XXXX")
    )
    person_birth_date = forms.DateField(
        label=_("Fødselsdato (hvis CPR-nummeret ikke kendes)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    ideology = forms.ChoiceField(
        label=_("Miljø som indberetteren beskriver det"),
        choices=Ideology.choices,
        initial=Ideology.UNCLEAR,
    )
    group_description = forms.CharField(
        label=_("Gruppe (hvis bekymringen gælder flere)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    reporter_is_anonymous = forms.BooleanField(label=_("Indberetteren er anonym"), required=False)
    reporter_name = forms.CharField(label=_("Indberetterens navn"), max_length=200, required=False)
    reporter_phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    reporter_email = forms.EmailField(label=_("E-mail"), required=False)
    reporter_organisation = forms.CharField(
        label=_("Organisation eller arbejdsplads"), max_length=200, required=False
    )

    action_error_fields = {
        "invalid_source": "source_type",
        "empty": "what",
        "cpr_format": "person_cpr",
        "cpr_date": "person_cpr",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        guide = interview_guide.form_fields()
        self.fields.update(guide)
        self.interview_field_names = list(guide)

    def clean_person_cpr(self) -> str:
        value = str(self.cleaned_data.get("person_cpr") or "").strip()
        if value:
            parse_cpr(value)  # raises a translated ValidationError
        return value

    def concern_input(self) -> ConcernInput:
        data = self.cleaned_data
        answers = interview_guide.answers_from(data)
        municipality: Municipality = data["municipality"]
        persons: tuple[PersonInput, ...] = ()
        if data["person_name"] or data["person_cpr"] or data["person_birth_date"]:
            persons = (
                PersonInput(
                    full_name=data["person_name"],
                    cpr=data["person_cpr"],
                    birth_date=data["person_birth_date"],
                    municipality=municipality,
                ),
            )
        return ConcernInput(
            source_type=data["source_type"],
            channel=data["channel"],
            description=answers.description,
            municipality=municipality,
            reporter=ReporterInput(
                is_anonymous=bool(data["reporter_is_anonymous"]),
                name=data["reporter_name"],
                phone=data["reporter_phone"],
                email=data["reporter_email"],
                organisation=data["reporter_organisation"],
                relation=answers.reporter_relation,
            ),
            persons=persons,
            sector=data["sector"] or "",
            interview=answers.interview,
            observed_on=answers.observed_on,
            observed_where=answers.observed_where,
            ideology=data["ideology"],
            is_acute=answers.is_acute,
            group_description=data["group_description"],
        )
