"""The public reporting form (/bekymring/): a citizen's or professional's concern, no login.

Follows the interview guide (interview_guide.py) and adds who the reporter is,
whether they stay anonymous, and the person. Two anti-automation checks live in
``clean()`` (docs/security.md, "Public reporting form"): a honeypot field that
people never see, and a signed timestamp token that refuses a form sent within a
few seconds of being shown or hours after. A refusal keeps everything entered and
sets :attr:`PublicConcernForm.refusal`, so the view can count it and store nothing.
"""

from __future__ import annotations

import time
from typing import Any, NoReturn

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from infohus.intake import interview_guide
from infohus.intake.actions import ConcernInput, ReporterInput
from infohus.intake.choices import Channel, Ideology, Sector, SourceType
from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput
from infohus.persons.cpr import parse_cpr

TOKEN_SALT = "infohus.intake.public_form"  # noqa: S105 - a namespace, not a secret
TOKEN_FIELD = "form_token"  # noqa: S105 - a field name
HONEYPOT_FIELD = "website"
UNKNOWN_MUNICIPALITY = "unknown"
ANONYMOUS = "anonymous"
NAMED = "named"

# Refusal reasons (for the view and the logs; never shown as such).
HONEYPOT = "honeypot"
TOO_FAST = "too_fast"
EXPIRED = "expired"
BAD_TOKEN = "bad_token"  # noqa: S105 - a refusal reason

PUBLIC_SOURCES = [
    (SourceType.CITIZEN.value, _("Borger – fx nabo, ven, klassekammerat eller bekendt")),
    (SourceType.RELATIVE.value, _("Pårørende – fx forælder, søskende eller anden familie")),
    (
        SourceType.PROFESSIONAL.value,
        _("Fagperson – fx lærer, pædagog, sagsbehandler eller sundhedspersonale"),
    ),
    (SourceType.OTHER.value, _("Andet")),
]
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"]


def min_seconds() -> float:
    return float(getattr(settings, "INFOHUS_PUBLIC_FORM_MIN_SECONDS", 3))


def max_age_seconds() -> int:
    return int(getattr(settings, "INFOHUS_PUBLIC_FORM_MAX_AGE_SECONDS", 2 * 60 * 60))


def new_token() -> str:
    """A signed record of when the form was shown."""
    return signing.dumps({"at": time.time()}, salt=TOKEN_SALT)


def municipality_choices() -> tuple[list[tuple[str, Any]], dict[str, Municipality]]:
    by_code = {m.code: m for m in Municipality.objects.order_by("name")}
    choices: list[tuple[str, Any]] = [
        ("", _("Vælg kommune")),
        (UNKNOWN_MUNICIPALITY, _("Ved ikke")),
        *((code, m.name) for code, m in by_code.items()),
    ]
    return choices, by_code


class PublicConcernForm(forms.Form):
    # Anti-automation: the token is rendered fresh by the view, the honeypot hidden by CSS.
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)
    website = forms.CharField(
        label=_("Lad dette felt være tomt"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    # About the reporter.
    source_type = forms.ChoiceField(
        label=_("Hvem er du?"), choices=PUBLIC_SOURCES, widget=forms.RadioSelect
    )
    sector = forms.ChoiceField(
        label=_("Hvilken sektor arbejder du i?"),
        help_text=_("Kun hvis du er fagperson."),
        choices=[("", _("Vælg sektor")), *Sector.choices[1:]],
        required=False,
    )
    anonymity = forms.ChoiceField(
        label=_("Vil du oplyse, hvem du er?"),
        choices=[
            (NAMED, _("Ja – I må kontakte mig, hvis I har brug for flere oplysninger")),
            (ANONYMOUS, _("Nej – jeg vil være anonym")),
        ],
        widget=forms.RadioSelect,
    )
    reporter_name = forms.CharField(label=_("Dit navn"), required=False, max_length=200)
    reporter_phone = forms.CharField(
        label=_("Dit telefonnummer"),
        required=False,
        max_length=30,
        validators=[
            RegexValidator(r"^\+?[0-9 ()-]{8,30}$", _("Skriv et telefonnummer med mindst 8 cifre."))
        ],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    reporter_email = forms.EmailField(
        label=_("Din e-mailadresse"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    reporter_organisation = forms.CharField(
        label=_("Din arbejdsplads"),
        help_text=_("Kun hvis du er fagperson."),
        required=False,
        max_length=200,
    )

    # The concern: the interview guide's questions (added in __init__), and the milieu.
    ideology = forms.ChoiceField(
        label=_("Hvilken slags ekstremisme drejer bekymringen sig om, efter din vurdering?"),
        help_text=_("Vælg »Uklart«, hvis du ikke ved det. Det er din beskrivelse, ikke en dom."),
        choices=Ideology.choices,
        initial=Ideology.UNCLEAR,
        widget=forms.RadioSelect,
    )

    # The person.
    person_name = forms.CharField(label=_("Personens navn"), required=False, max_length=200)
    person_age = forms.IntegerField(
        label=_("Personens alder (cirka)"), required=False, min_value=0, max_value=120
    )
    person_birth_date = forms.DateField(
        label=_("Personens fødselsdato"),
        help_text=_("Skriv fx 31-12-2005."),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
    )
    person_cpr = forms.CharField(
        label=_("Personens CPR-nummer"),
        help_text=_("Kun hvis du kender det. Skriv fx 311205-1234."),
        required=False,
        max_length=11,
    )
    person_municipality = forms.ChoiceField(
        label=_("Hvilken kommune bor personen i?"),
        help_text=_("Vi sender bekymringen til Infohus i den politikreds, kommunen hører til."),
    )
    reporter_municipality = forms.ChoiceField(
        label=_("Hvilken kommune bor du selv i?"),
        help_text=_(
            "Kun hvis du ikke ved, hvor personen bor. Så sender vi bekymringen til Infohus i "
            "din politikreds."
        ),
        required=False,
    )
    group_description = forms.CharField(
        label=_("Drejer bekymringen sig om flere personer eller en gruppe?"),
        help_text=_("Skriv, hvem de andre er, og hvad du ved om dem."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(interview_guide.form_fields(SourceType.CITIZEN))
        choices, self._municipalities = municipality_choices()
        self.fields["person_municipality"].choices = choices  # type: ignore[attr-defined]
        self.fields["reporter_municipality"].choices = [  # type: ignore[attr-defined]
            c for c in choices if c[0] != UNKNOWN_MUNICIPALITY
        ]
        self.refusal: str | None = None

    # --- field checks ------------------------------------------------------------

    def clean_person_cpr(self) -> str:
        value: str = self.cleaned_data.get("person_cpr", "").strip()
        if value:
            parse_cpr(value)
        return value

    def clean_person_birth_date(self) -> Any:
        born = self.cleaned_data.get("person_birth_date")
        if born is not None and born > timezone.localdate():
            raise ValidationError(_("Fødselsdatoen kan ikke ligge i fremtiden."), code="future")
        return born

    def _refuse(self, reason: str, message: Any) -> NoReturn:
        self.refusal = reason
        raise ValidationError(message, code=reason)

    def _check_automation(self, cleaned: dict[str, Any]) -> None:
        if cleaned.get(HONEYPOT_FIELD):
            self._refuse(HONEYPOT, _("Formularen kunne ikke sendes. Prøv igen senere."))
        try:
            payload = signing.loads(
                cleaned.get(TOKEN_FIELD, ""), salt=TOKEN_SALT, max_age=max_age_seconds()
            )
            shown_at = float(payload["at"])
        except signing.SignatureExpired:
            self._refuse(
                EXPIRED,
                _(
                    "Formularen har været åben i lang tid, så af sikkerhedshensyn skal du sende "
                    "den igen. Alt, hvad du har skrevet, er bevaret."
                ),
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            self._refuse(
                BAD_TOKEN,
                _(
                    "Formularen kunne ikke sendes. Send den igen – alt, hvad du har skrevet, er bevaret."
                ),
            )
        if time.time() - shown_at < min_seconds():
            self._refuse(
                TOO_FAST,
                _(
                    "Formularen blev sendt meget hurtigt, efter at den blev vist. Kontrollér "
                    "oplysningerne, og send den igen – alt, hvad du har skrevet, er bevaret."
                ),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._check_automation(cleaned)
        if cleaned.get("source_type") == SourceType.PROFESSIONAL and not cleaned.get("sector"):
            self.add_error("sector", _("Vælg den sektor, du arbejder i."))
        if (
            cleaned.get("anonymity") == NAMED
            and not cleaned.get("reporter_phone")
            and not cleaned.get("reporter_email")
            and "reporter_phone" not in self.errors
            and "reporter_email" not in self.errors
        ):
            self.add_error(
                "reporter_phone",
                _(
                    "Skriv et telefonnummer eller en e-mailadresse, så vi kan kontakte dig – "
                    "eller vælg at være anonym."
                ),
            )
        if cleaned.get("person_municipality") == UNKNOWN_MUNICIPALITY and not cleaned.get(
            "reporter_municipality"
        ):
            self.add_error(
                "reporter_municipality",
                _(
                    "Vælg den kommune, du selv bor i, så bekymringen kommer til det rigtige "
                    "Infohus."
                ),
            )
        return cleaned

    # --- to the action -----------------------------------------------------------

    def _municipality(self, field: str) -> Municipality | None:
        return self._municipalities.get(self.cleaned_data.get(field) or "")

    def to_input(self) -> ConcernInput:
        """The valid form as the action's input. Routing follows the person's municipality,
        or the reporter's own when the person's is unknown."""
        data = self.cleaned_data
        answers = interview_guide.answers_from(data)
        person_municipality = self._municipality("person_municipality")
        route_by = person_municipality or self._municipality("reporter_municipality")
        assert route_by is not None  # clean() requires one of the two
        is_anonymous = data["anonymity"] == ANONYMOUS
        reporter = ReporterInput(
            is_anonymous=is_anonymous,
            name="" if is_anonymous else data["reporter_name"].strip(),
            phone="" if is_anonymous else data["reporter_phone"].strip(),
            email="" if is_anonymous else data["reporter_email"].strip(),
            organisation="" if is_anonymous else data["reporter_organisation"].strip(),
            relation=answers.reporter_relation,
        )
        # The guide asks for the person with structured fields; a rough age has no field
        # on the person record, so it is kept with the answers.
        interview = dict(answers.interview)
        if data.get("person_age") is not None:
            interview["person_age"] = str(data["person_age"])
        persons: tuple[PersonInput, ...] = ()
        if data["person_name"].strip() or data["person_cpr"] or data["person_birth_date"]:
            persons = (
                PersonInput(
                    full_name=data["person_name"],
                    cpr=data["person_cpr"],
                    birth_date=data["person_birth_date"],
                    municipality=person_municipality,
                ),
            )
        source_type = data["source_type"]
        return ConcernInput(
            source_type=source_type,
            channel=Channel.PUBLIC_FORM,
            description=answers.description,
            municipality=route_by,
            reporter=reporter,
            persons=persons,
            sector=data["sector"] if source_type == SourceType.PROFESSIONAL else "",
            interview=interview,
            observed_on=answers.observed_on,
            observed_where=answers.observed_where,
            ideology=data["ideology"],
            is_acute=answers.is_acute,
            group_description=data["group_description"].strip(),
        )
