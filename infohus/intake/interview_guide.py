"""The interview guide for receiving a concern (assessment tool step 1, tool 1; DOMAIN §3.4).

Reports often lack the facts an Infohus needs to screen them (DOMAIN §11). The guide
is the list of questions that make the reporter give those facts; the public
reporting form asks them of the reporter directly, and staff receiving a phone
call read them aloud and type the answers. Both use this module, so the questions
and the place each answer is stored are defined once.

API
---
``QUESTIONS``
    Every question, in the order it is asked. A :class:`Question` has a stable
    ``id`` (the key of its answer in ``Concern.interview``: never rename one), the
    Danish ``text`` and ``help_text`` (lazy translations), the ``sources``
    (``SourceType`` values) it applies to, its ``kind`` and its ``target``.
``questions_for(source_type=None)``
    The questions that apply to one kind of source (all of them for ``None``).
``question(id)``
    One question by id (``KeyError`` for an unknown id).
``form_fields(source_type=None, *, required=None)``
    Django form fields for the questions answered in free text or yes/no/don't
    know, keyed by question id, ready to put into ``Form.fields`` (or
    ``Form.base_fields``). Questions of kind ``PERSON`` are skipped: each form
    asks for the person with structured fields (name, birth date or CPR number,
    municipality). ``required`` overrides which ids are mandatory; by default
    only the description is.
``answers_from(cleaned_data)``
    Turn a form's cleaned data into :class:`GuideAnswers`: the description, time,
    place, urgency and the reporter's relation go to their own ``ConcernInput``
    fields; everything else goes to ``interview`` (question id → answer).
``answer_label(question, value)``
    How to show a stored answer (``"yes"`` → "Ja").

Example (a staff form)::

    class PhoneIntakeForm(forms.Form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields.update(interview_guide.form_fields(SourceType.PROFESSIONAL))

    answers = interview_guide.answers_from(form.cleaned_data)
    ConcernInput(description=answers.description, interview=answers.interview,
                 observed_on=answers.observed_on, observed_where=answers.observed_where,
                 is_acute=answers.is_acute,
                 reporter=ReporterInput(relation=answers.reporter_relation), ...)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from infohus.intake.choices import SourceType

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class QuestionKind(models.TextChoices):
    TEXT = "text", "one line of text"
    LONG_TEXT = "long_text", "several lines of text"
    YES_NO_UNKNOWN = "yes_no_unknown", "yes, no or don't know"
    PERSON = "person", "structured person fields, asked by each form itself"


class Target(models.TextChoices):
    """Where an answer is stored on the concern (``ConcernInput``)."""

    INTERVIEW = "interview", "Concern.interview[question id]"
    DESCRIPTION = "description", "Concern.description"
    OBSERVED_ON = "observed_on", "Concern.observed_on"
    OBSERVED_WHERE = "observed_where", "Concern.observed_where"
    IS_ACUTE = "is_acute", "Concern.is_acute (yes → True)"
    REPORTER_RELATION = "reporter_relation", "Concern.reporter_relation"
    PERSONS = "persons", "the concern's focus persons"


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Ja")
    NO = "no", _("Nej")
    UNKNOWN = "unknown", _("Ved ikke")


ALL_SOURCES: frozenset[str] = frozenset(SourceType.values)
# Sources where a person reports what they saw themselves (not an authority passing a case on).
PERSONAL_SOURCES: frozenset[str] = frozenset(
    {
        SourceType.CITIZEN,
        SourceType.RELATIVE,
        SourceType.PROFESSIONAL,
        SourceType.POLICE_COLLEAGUE,
        SourceType.HOTLINE,
        SourceType.OTHER,
    }
)


@dataclass(frozen=True)
class Question:
    """One question of the interview guide."""

    id: str
    text: StrPromise
    help_text: StrPromise
    kind: str = QuestionKind.LONG_TEXT
    target: str = Target.INTERVIEW
    sources: frozenset[str] = field(default=ALL_SOURCES)
    max_length: int = 4000

    def applies_to(self, source_type: str | None) -> bool:
        return source_type is None or source_type in self.sources


QUESTIONS: tuple[Question, ...] = (
    Question(
        id="acute_danger",
        text=_("Er nogen i akut fare lige nu?"),
        help_text=_("Hvis ja: ring 112 nu. Henvendelsen her bliver ikke læst med det samme."),
        kind=QuestionKind.YES_NO_UNKNOWN,
        target=Target.IS_ACUTE,
    ),
    Question(
        id="person",
        text=_("Hvem drejer bekymringen sig om?"),
        help_text=_("Navn, alder eller fødselsdato, og hvor personen bor."),
        kind=QuestionKind.PERSON,
        target=Target.PERSONS,
    ),
    Question(
        id="what",
        text=_("Hvad har du set eller hørt, som gør dig bekymret?"),
        help_text=_(
            "Beskriv så konkret som muligt: hvad personen har sagt eller skrevet (gerne med "
            "egne ord), hvad personen har gjort, og hvad personen laver på nettet og sociale "
            "medier."
        ),
        target=Target.DESCRIPTION,
        max_length=10000,
    ),
    Question(
        id="when",
        text=_("Hvornår skete det?"),
        help_text=_("Fx en dato, en uge eller en periode."),
        kind=QuestionKind.TEXT,
        target=Target.OBSERVED_ON,
        max_length=200,
    ),
    Question(
        id="where",
        text=_("Hvor skete det?"),
        help_text=_("Fx skolen, arbejdspladsen, hjemme, i byen eller på nettet (hvilken side)."),
        kind=QuestionKind.TEXT,
        target=Target.OBSERVED_WHERE,
        max_length=300,
    ),
    Question(
        id="frequency",
        text=_("Hvor ofte, og siden hvornår?"),
        help_text=_(
            "Er det sket én gang eller flere gange? Siden hvornår? Har det ændret sig med tiden?"
        ),
    ),
    Question(
        id="violence_or_travel",
        text=_("Taler personen om vold eller om at rejse ud?"),
        help_text=_(
            "Fx trusler, støtte til vold eller terror, planer om at skade nogen, eller planer "
            "om at rejse til et konfliktområde."
        ),
    ),
    Question(
        id="weapons",
        text=_("Har personen adgang til våben, eller har personen talt om våben?"),
        help_text=_("Skriv gerne mere om det i beskrivelsen."),
        kind=QuestionKind.YES_NO_UNKNOWN,
    ),
    Question(
        id="others_know",
        text=_("Hvem ved ellers besked?"),
        help_text=_(
            "Fx familien, skolen, arbejdspladsen, kommunen eller politiet. Har du eller andre "
            "allerede gjort noget?"
        ),
    ),
    Question(
        id="relation",
        text=_("Hvad er din relation til personen?"),
        help_text=_("Fx forælder, ven, nabo, lærer, kollega eller sagsbehandler."),
        kind=QuestionKind.TEXT,
        target=Target.REPORTER_RELATION,
        sources=PERSONAL_SOURCES,
        max_length=200,
    ),
    Question(
        id="person_knows",
        text=_("Ved personen, at du henvender dig?"),
        help_text=_("Det hjælper os at vide, før vi eventuelt tager kontakt."),
        kind=QuestionKind.YES_NO_UNKNOWN,
        sources=PERSONAL_SOURCES,
    ),
)

_BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}


def question(question_id: str) -> Question:
    return _BY_ID[question_id]


def questions_for(source_type: str | None = None) -> list[Question]:
    return [q for q in QUESTIONS if q.applies_to(source_type)]


DEFAULT_REQUIRED = frozenset({"what"})


def form_field(q: Question, *, required: bool = False) -> forms.Field:
    """The Django form field that asks ``q`` (not for ``PERSON`` questions)."""
    if q.kind == QuestionKind.YES_NO_UNKNOWN:
        return forms.ChoiceField(
            label=q.text,
            help_text=q.help_text,
            choices=YesNoUnknown.choices,
            widget=forms.RadioSelect,
            required=required,
        )
    if q.kind == QuestionKind.TEXT:
        return forms.CharField(
            label=q.text, help_text=q.help_text, required=required, max_length=q.max_length
        )
    if q.kind == QuestionKind.LONG_TEXT:
        rows = 8 if q.target == Target.DESCRIPTION else 3
        return forms.CharField(
            label=q.text,
            help_text=q.help_text,
            required=required,
            max_length=q.max_length,
            widget=forms.Textarea(attrs={"rows": rows}),
        )
    raise ValueError(f"question {q.id} ({q.kind}) is asked by the form itself")


def form_fields(
    source_type: str | None = None, *, required: Iterable[str] | None = None
) -> dict[str, forms.Field]:
    """Form fields for the guide's questions that apply to ``source_type``, in order."""
    mandatory = DEFAULT_REQUIRED if required is None else frozenset(required)
    return {
        q.id: form_field(q, required=q.id in mandatory)
        for q in questions_for(source_type)
        if q.kind != QuestionKind.PERSON
    }


@dataclass(frozen=True)
class GuideAnswers:
    """The guide's answers sorted by where ``ConcernInput`` keeps them."""

    description: str = ""
    observed_on: str = ""
    observed_where: str = ""
    is_acute: bool = False
    reporter_relation: str = ""
    interview: dict[str, str] = field(default_factory=dict)


def answers_from(cleaned_data: Mapping[str, Any]) -> GuideAnswers:
    """Sort a form's cleaned answers (keyed by question id) into :class:`GuideAnswers`.
    Ids that are not questions, and empty answers, are ignored."""
    values: dict[str, Any] = {"interview": {}}
    for q in QUESTIONS:
        raw = cleaned_data.get(q.id)
        if q.kind == QuestionKind.PERSON or raw in (None, ""):
            continue
        answer = str(raw).strip()
        if not answer:
            continue
        if q.target == Target.INTERVIEW:
            values["interview"][q.id] = answer
        elif q.target == Target.IS_ACUTE:
            values["is_acute"] = answer == YesNoUnknown.YES
            values["interview"][q.id] = answer
        else:
            values[q.target] = answer
    return GuideAnswers(**values)


def answer_label(q: Question, value: str) -> str:
    """A stored answer as a person reads it."""
    if q.kind == QuestionKind.YES_NO_UNKNOWN and value in YesNoUnknown.values:
        return str(YesNoUnknown(value).label)
    return value
