"""States a person is in one value of at a time: the year of university, the hand they write with.

"No, I am not a freshman." is true when a fact says "I am in my fourth year of university", and
"I'm a sophomore" is false; the words say so, not a 1.5B judge, which found "I am not a
freshman" unsupported by the fourth year. A claim and a fact that name values of the same kind
settle the claim: the same value supports it ("I'm a senior"), another value supports its
negation and contradicts it. Only present-tense statements of the person ("I am", "I'm") are
read; "I was a freshman in 2023" is about a time, left to the facts' validity and the judge.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ragclone.models import Fact

# kind -> value -> the words for it. A value must be followed by the end of the clause or by
# one of _AFTER, so that "I'm a senior engineer" is no year of university.
_KINDS: dict[str, dict[str, str]] = {
    "year of university": {
        "first": r"freshman|first[- ]year|1st[- ]year",
        "second": r"sophomore|second[- ]year|2nd[- ]year",
        "third": r"junior|third[- ]year|3rd[- ]year",
        "fourth": r"senior|fourth[- ]year|4th[- ]year",
    },
    "handedness": {"left": r"left[- ]handed|lefty", "right": r"right[- ]handed|righty"},
}
_AFTER = r"student|undergrad\w*|at|in|of|anymore|any more|now|yet|this|year"
_VALUES = "|".join(pattern for values in _KINDS.values() for pattern in values.values())
_STATEMENT = re.compile(
    rf"^\s*(?:i am|i['’]m)\s+(?P<negated>not\s+)?(?:(?:a|an|in my|in the)\s+)?(?P<value>{_VALUES})"
    rf"(?=\s*(?:$|[.,;:!?)]|(?:{_AFTER})\b))",
    re.IGNORECASE,
)
# The clauses of a fact: "I am single; I am not in a relationship."
_CLAUSES = re.compile(r"\s*(?:[;.]|, and|, but)\s+")


@dataclass(frozen=True)
class State:
    """A value of a kind, said or denied: "I am not a freshman" is ("year of university",
    "first", negated)."""

    kind: str
    value: str
    negated: bool


def stated(text: str) -> State | None:
    """The state a clause says the person is in, or is not in; None when it names none."""
    found = _STATEMENT.match(text)
    if found is None:
        return None
    said = found["value"].lower()
    for kind, values in _KINDS.items():
        for value, pattern in values.items():
            if re.fullmatch(pattern, said, re.IGNORECASE):
                return State(kind, value, negated=found["negated"] is not None)
    raise AssertionError(f"{said!r} matched no value")  # _VALUES is made of the values


@dataclass(frozen=True)
class Settled:
    """A claim's verdict by the state a fact says: `holds` when the fact supports it."""

    holds: bool
    fact: Fact


def settled_by_state(claim: str, facts: Sequence[Fact]) -> Settled | None:
    """Whether one of `facts` (those true at the claim's time) says the person is in a state of
    the claim's kind, and so supports or contradicts the claim; None when none does. A fact
    that denies a state ("I am not right-handed") settles only the same state."""
    claimed = stated(claim)
    if claimed is None:
        return None
    for fact in facts:
        for clause in _CLAUSES.split(fact.text):
            held = stated(clause)
            if held is None or held.kind != claimed.kind:
                continue
            if held.negated:
                if held.value == claimed.value:
                    return Settled(holds=claimed.negated, fact=fact)
                continue
            same = held.value == claimed.value
            return Settled(holds=same != claimed.negated, fact=fact)
    return None


def another_state(claim: str, facts: Sequence[Fact]) -> Fact | None:
    """The fact that contradicts the claim by the state it says ("I am in my fourth year of
    university" against "I'm a sophomore"), or None."""
    settled = settled_by_state(claim, facts)
    return None if settled is None or settled.holds else settled.fact
