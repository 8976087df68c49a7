"""Finding an existing person on intake: exact CPR match and fuzzy candidates."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from infohus.organisations.models import Municipality
from infohus.persons.actions import PersonInput, register_person
from infohus.persons.matching import (
    MatchReason,
    compare_names,
    find_candidates,
    match_person,
    normalise_name,
)
from infohus.persons.models import FocusPerson

pytestmark = pytest.mark.django_db

BORN = date(1990, 1, 1)


def aarhus() -> Municipality:
    return Municipality.objects.get(code="751")


def odense() -> Municipality:
    return Municipality.objects.get(code="461")


def person(**fields: Any) -> FocusPerson:
    made, _created = register_person(actor=None, data=PersonInput(**fields))
    return made


def everyone() -> Any:
    return FocusPerson.objects.all()


# --- names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Søren Østergård", "soeren oestergaard"),
        ("SOEREN  OESTERGAARD", "soeren oestergaard"),
        ("Sörensen", "soerensen"),
        ("Æble-Jensen", "aeble jensen"),
        ("José Müller", "jose mueller"),
        ("  ", ""),
    ],
)
def test_names_are_folded_to_one_spelling(typed: str, folded: str) -> None:
    assert normalise_name(typed) == folded


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Søren Østergård", "Soeren Oestergaard", MatchReason.SAME_NAME),
        ("Hassan Ali", "Ali Hassan", MatchReason.SAME_NAME),
        ("Søren Østergård", "Soren Ostergard", MatchReason.SIMILAR_NAME),
        ("Mette Frederiksen", "Mette Fredriksen", MatchReason.SIMILAR_NAME),
        ("Ali Hassan", "Ali Ahmed Hassan", MatchReason.SIMILAR_NAME),
        ("Mette Frederiksen", "Mette Jensen", None),
        ("Ali", "Ali Ahmed Hassan", None),
        ("", "Ali Hassan", None),
    ],
)
def test_compares_names(a: str, b: str, expected: MatchReason | None) -> None:
    assert compare_names(a, b) == expected
    assert compare_names(b, a) == expected


# --- candidates ---------------------------------------------------------------------


def test_same_birth_date_and_an_aeoeaa_variant_of_the_name_is_a_candidate() -> None:
    known = person(full_name="Søren Østergård", birth_date=BORN)
    [candidate] = find_candidates(
        PersonInput(full_name="Soeren Oestergaard", birth_date=BORN), among=everyone()
    )
    assert candidate.person == known
    assert candidate.reasons == (MatchReason.SAME_BIRTH_DATE, MatchReason.SAME_NAME)
    assert candidate.reason_labels == ["samme fødselsdato", "samme navn"]


def test_a_name_typed_without_danish_letters_is_similar() -> None:
    known = person(full_name="Søren Østergård", birth_date=BORN)
    [candidate] = find_candidates(
        PersonInput(full_name="Soren Ostergard", birth_date=BORN), among=everyone()
    )
    assert candidate.person == known
    assert candidate.reason_labels == ["samme fødselsdato", "navn ligner"]


def test_same_municipality_and_similar_name_is_a_candidate_without_birth_date() -> None:
    known = person(full_name="Mette Frederiksen", municipality=aarhus())
    [candidate] = find_candidates(
        PersonInput(full_name="Mette Fredriksen", municipality=aarhus()), among=everyone()
    )
    assert candidate.person == known
    assert candidate.reasons == (MatchReason.SAME_MUNICIPALITY, MatchReason.SIMILAR_NAME)


def test_a_similar_name_alone_is_not_enough() -> None:
    person(full_name="Søren Østergård", birth_date=BORN, municipality=aarhus())
    assert (
        find_candidates(
            PersonInput(
                full_name="Søren Østergård", birth_date=date(1991, 5, 5), municipality=odense()
            ),
            among=everyone(),
        )
        == []
    )


def test_a_shared_birth_date_with_another_name_is_not_a_candidate() -> None:
    person(full_name="Mette Jensen", birth_date=BORN)
    assert (
        find_candidates(PersonInput(full_name="Ali Hassan", birth_date=BORN), among=everyone())
        == []
    )


def test_without_a_name_birth_date_and_municipality_must_both_match() -> None:
    known = person(full_name="Ali Hassan", birth_date=BORN, municipality=aarhus())
    [candidate] = find_candidates(
        PersonInput(birth_date=BORN, municipality=aarhus()), among=everyone()
    )
    assert candidate.person == known
    assert (
        find_candidates(PersonInput(birth_date=BORN, municipality=odense()), among=everyone()) == []
    )


def test_a_different_known_birth_date_rules_out_a_merely_similar_name() -> None:
    person(full_name="Mette Frederiksen", birth_date=BORN, municipality=aarhus())
    data = PersonInput(
        full_name="Mette Fredriksen", birth_date=date(1990, 1, 2), municipality=aarhus()
    )
    assert find_candidates(data, among=everyone()) == []
    # The same name in the same municipality may be a mistyped birth date: offered.
    same = PersonInput(
        full_name="Mette Frederiksen", birth_date=date(1990, 1, 2), municipality=aarhus()
    )
    assert len(find_candidates(same, among=everyone())) == 1


def test_a_record_with_another_cpr_number_is_never_a_candidate() -> None:
    person(full_name="Søren Østergård", cpr="010190-1234")
    assert (
        find_candidates(
            PersonInput(full_name="Søren Østergård", cpr="010190-5678"), among=everyone()
        )
        == []
    )


def test_a_record_without_cpr_is_a_candidate_for_an_intake_with_cpr() -> None:
    known = person(full_name="Søren Østergård", birth_date=BORN)
    result = match_person(
        PersonInput(full_name="Soeren Oestergaard", cpr="010190-1234"), among=everyone()
    )
    assert result.exact is None
    assert [c.person for c in result.candidates] == [known]


def test_merged_records_are_not_candidates() -> None:
    known = person(full_name="Søren Østergård", birth_date=BORN)
    other = person(full_name="Søren Østergaard", birth_date=BORN)
    FocusPerson.objects.filter(pk=other.pk).update(merged_into=known)
    found = find_candidates(
        PersonInput(full_name="Søren Østergård", birth_date=BORN), among=everyone()
    )
    assert [c.person for c in found] == [known]


def test_candidates_come_only_from_the_given_scope() -> None:
    known = person(full_name="Søren Østergård", birth_date=BORN)
    data = PersonInput(full_name="Søren Østergård", birth_date=BORN)
    assert find_candidates(data, among=FocusPerson.objects.exclude(pk=known.pk)) == []


def test_exact_cpr_match_wins_and_is_scoped() -> None:
    known = person(full_name="Søren Østergård", cpr="010190-1234")
    result = match_person(
        PersonInput(full_name="Helt Andet Navn", cpr="0101901234"), among=everyone()
    )
    assert result.exact == known and result.candidates == ()
    hidden = match_person(
        PersonInput(full_name="Helt Andet Navn", cpr="0101901234"),
        among=FocusPerson.objects.exclude(pk=known.pk),
    )
    assert hidden.exact is None and hidden.candidates == ()


def test_nothing_to_narrow_by_means_no_candidates_and_no_query(
    django_assert_num_queries: Any,
) -> None:
    person(full_name="Søren Østergård", birth_date=BORN)
    with django_assert_num_queries(0):
        assert find_candidates(PersonInput(full_name="Søren Østergård"), among=everyone()) == []


def test_the_candidate_search_is_one_query_however_many_records(
    django_assert_num_queries: Any,
) -> None:
    for i in range(8):
        person(full_name=f"Søren Østergård {i}", birth_date=BORN, municipality=aarhus())
    data = PersonInput(full_name="Søren Østergård", birth_date=BORN, municipality=aarhus())
    with django_assert_num_queries(1):
        found = find_candidates(data, among=everyone())
        # What a candidate list shows (name, municipality, birth date) needs no more queries.
        shown = [(c.person.full_name, c.person.municipality, c.person.birth_date) for c in found]
    assert len(shown) == 8
    assert {str(m) for _, m, _ in shown} == {"Aarhus Kommune"}


def test_candidates_are_capped() -> None:
    for _ in range(3):
        person(full_name="Ali Hassan", birth_date=BORN, municipality=aarhus())
    data = PersonInput(full_name="Ali Hassan", birth_date=BORN)
    assert len(find_candidates(data, among=everyone(), limit=2)) == 2
