"""The interview guide: the questions of the assessment tool's step 1, as data that the
public form and staff intake both build their fields from."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from infohus.intake import interview_guide as guide
from infohus.intake.choices import SourceType

REQUIRED_TOPICS = {
    "acute_danger",
    "person",
    "what",
    "when",
    "where",
    "frequency",
    "violence_or_travel",
    "weapons",
    "others_know",
    "relation",
    "person_knows",
}


def test_the_guide_covers_the_facts_an_infohus_needs() -> None:
    ids = [q.id for q in guide.QUESTIONS]
    assert len(ids) == len(set(ids))
    assert set(ids) == REQUIRED_TOPICS
    assert ids[0] == "acute_danger"  # acute danger is asked first


def test_every_question_has_danish_text_and_english_translation() -> None:
    for q in guide.QUESTIONS:
        assert str(q.text).endswith("?"), q.id
        assert str(q.help_text), q.id
    with translation.override("en"):
        what = str(guide.question("what").text)
    assert what == "What have you seen or heard that worries you?"


def test_questions_for_an_authority_leave_out_the_reporters_own_relation() -> None:
    for_pet = {q.id for q in guide.questions_for(SourceType.PET)}
    assert "relation" not in for_pet and "person_knows" not in for_pet
    assert "what" in for_pet
    assert {q.id for q in guide.questions_for(SourceType.CITIZEN)} == REQUIRED_TOPICS
    assert guide.questions_for() == list(guide.QUESTIONS)


def test_form_fields_skip_the_person_and_require_the_description() -> None:
    fields = guide.form_fields(SourceType.CITIZEN)
    assert "person" not in fields
    assert next(iter(fields)) == "acute_danger"
    assert fields["what"].required
    assert isinstance(fields["what"].widget, forms.Textarea)
    assert not fields["frequency"].required
    assert isinstance(fields["weapons"], forms.ChoiceField)
    assert isinstance(fields["weapons"].widget, forms.RadioSelect)
    assert isinstance(fields["when"].widget, forms.TextInput)
    assert fields["when"].max_length == 200  # type: ignore[attr-defined]
    staff = guide.form_fields(SourceType.PROFESSIONAL, required={"what", "when"})
    assert staff["when"].required


def test_a_person_question_has_no_generic_field() -> None:
    with pytest.raises(ValueError, match="asked by the form itself"):
        guide.form_field(guide.question("person"))


def test_answers_are_sorted_to_where_the_concern_keeps_them() -> None:
    answers = guide.answers_from(
        {
            "acute_danger": "yes",
            "what": "  Truer med vold  ",
            "when": "I går",
            "where": "Skolegården",
            "relation": "Lærer",
            "weapons": "no",
            "frequency": "",
            "others_know": None,
            "not_a_question": "ignored",
            "person": "ignored: asked by the form",
        }
    )
    assert answers.description == "Truer med vold"
    assert (answers.observed_on, answers.observed_where) == ("I går", "Skolegården")
    assert answers.is_acute is True
    assert answers.reporter_relation == "Lærer"
    assert answers.interview == {"acute_danger": "yes", "weapons": "no"}
    assert guide.answers_from({"acute_danger": "unknown"}).is_acute is False


def test_answer_labels() -> None:
    assert guide.answer_label(guide.question("weapons"), "unknown") == "Ved ikke"
    assert guide.answer_label(guide.question("frequency"), "Hver dag") == "Hver dag"
