"""States with one value at a time: a fact naming the person's settles a claim of its kind."""

from __future__ import annotations

import pytest

from ragclone.exclusive_states import State, another_state, settled_by_state, stated
from ragclone.models import Fact

FOURTH_YEAR = Fact(text="I am in my fourth year of university.")
LEFT_HANDED = Fact(text="I wear glasses; I am left-handed.")
NOT_RIGHT_HANDED = Fact(text="I am not right-handed.")


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("I am not a freshman", State("year of university", "first", negated=True)),
        ("I'm not a freshman anymore", State("year of university", "first", negated=True)),
        ("I'm a senior at Georgia Tech", State("year of university", "fourth", negated=False)),
        ("I’m a fourth-year student", State("year of university", "fourth", negated=False)),
        ("I am in my 2nd year of college", State("year of university", "second", negated=False)),
        ("I'm left-handed", State("handedness", "left", negated=False)),
        ("I'm a lefty", State("handedness", "left", negated=False)),
        ("I'm a senior engineer", None),  # a job title, not a year
        ("I'm a junior developer at Brightline", None),
        ("I was a freshman in 2023", None),  # a time: left to validity
        ("My sister is a senior", None),  # someone else
        ("I lived in a freshman dorm", None),
    ],
)
def test_what_state_a_clause_says(text: str, state: State | None) -> None:
    assert stated(text) == state


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("I am not a freshman", True),
        ("I'm a senior", True),
        ("I am in my fourth year", True),
        ("I'm a sophomore", False),
        ("I'm not a senior", False),
    ],
)
def test_the_year_a_fact_says_settles_a_claim_of_another_or_the_same(
    claim: str, holds: bool
) -> None:
    settled = settled_by_state(claim, [FOURTH_YEAR])
    assert settled is not None and settled.holds is holds and settled.fact == FOURTH_YEAR
    assert (another_state(claim, [FOURTH_YEAR]) is None) is holds


def test_a_state_in_a_later_clause_of_a_fact_counts_and_other_kinds_do_not() -> None:
    assert another_state("I'm right-handed", [FOURTH_YEAR, LEFT_HANDED]) == LEFT_HANDED
    assert settled_by_state("I'm right-handed", [FOURTH_YEAR]) is None
    assert settled_by_state("I like tea", [FOURTH_YEAR]) is None


def test_a_denied_state_settles_only_that_state() -> None:
    settled = settled_by_state("I'm right-handed", [NOT_RIGHT_HANDED])
    assert settled is not None and not settled.holds
    # Not right-handed need not be left-handed (ambidextrous): nothing settled.
    assert settled_by_state("I'm left-handed", [NOT_RIGHT_HANDED]) is None
