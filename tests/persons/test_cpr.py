"""CPR numbers: format, the encoded birth date, replacement numbers."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from infohus.persons.cpr import format_cpr, parse_cpr


def test_parses_with_and_without_dash() -> None:
    assert parse_cpr("010190-1234") == ("0101901234", date(1990, 1, 1))
    assert parse_cpr(" 0101901234 ") == ("0101901234", date(1990, 1, 1))


def test_century_follows_the_seventh_digit() -> None:
    assert parse_cpr("010105-4321")[1] == date(2005, 1, 1)
    assert parse_cpr("010160-4321")[1] == date(1960, 1, 1)


def test_replacement_numbers_add_sixty_to_the_day() -> None:
    assert parse_cpr("610190-1234")[1] == date(1990, 1, 1)


@pytest.mark.parametrize("value", ["", "0101901", "01-01-90-1234", "abcdef-1234"])
def test_refuses_a_wrong_format(value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        parse_cpr(value)
    assert exc.value.code == "cpr_format"


def test_refuses_an_impossible_date() -> None:
    with pytest.raises(ValidationError) as exc:
        parse_cpr("310290-1234")
    assert exc.value.code == "cpr_date"


def test_formats_with_a_dash() -> None:
    assert format_cpr("0101901234") == "010190-1234"
