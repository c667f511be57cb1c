"""The calendar dates a text names: pure logic on written sentences."""

from __future__ import annotations

from datetime import date

import pytest

from ragclone.date_mentions import NamedPeriod, named_periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What did Jon show Gina on October 13, 2023?", [NamedPeriod(2023, 10, 13)]),
        ("What did Gina find on 1 February, 2023?", [NamedPeriod(2023, 2, 1)]),
        ("on the 3rd of May", [NamedPeriod(None, 5, 3)]),
        ("Oct. 5th", [NamedPeriod(None, 10, 5)]),
        ("When did she go camping in June?", [NamedPeriod(None, 6)]),
        ("their latest project in July 2023", [NamedPeriod(2023, 7)]),
        ("How often did she go to the beach in 2023?", [NamedPeriod(2023)]),
        ("mid-May and mid-2024", [NamedPeriod(None, 5), NamedPeriod(2024)]),
        ("between 2023-10-13 and 2023-02", [NamedPeriod(2023, 10, 13), NamedPeriod(2023, 2)]),
    ],
)
def test_days_months_and_years_are_read(text: str, expected: list[NamedPeriod]) -> None:
    assert named_periods(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "May I ask what you did?",  # a month alone needs a word that introduces it
        "They march in the park",
        "I was in mar",  # an abbreviation alone is no month
        "2023 people came",  # a year alone needs one too
        "We met within June",
        "February 30, 2023",  # no such day
        "2023-13-01",  # no such month
        "I'll see you yesterday",  # relative dates are not read
    ],
)
def test_words_that_only_look_like_dates_name_none(text: str) -> None:
    assert named_periods(text) == []


def test_a_period_contains_the_days_of_its_parts() -> None:
    assert NamedPeriod(2023, 10, 13).contains(date(2023, 10, 13))
    assert not NamedPeriod(2023, 10, 13).contains(date(2023, 10, 14))
    assert NamedPeriod(None, 6).contains(date(2019, 6, 30))  # June of any year
    assert not NamedPeriod(None, 6).contains(date(2019, 7, 1))
    assert NamedPeriod(2023).contains(date(2023, 12, 31))
    assert not NamedPeriod(2023).contains(date(2024, 1, 1))
