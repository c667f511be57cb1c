"""What a question about someone named takes for granted, read by rules."""

from __future__ import annotations

import pytest

from ragclone.premises import Premise, asked_of, premise_of

NAMES = frozenset({"Melanie", "Caroline", "Tomás", "Bori", "Chris"})


@pytest.mark.parametrize(
    ("question", "name", "claim"),
    [
        ("What motivated Melanie to pursue counseling?", "Melanie", "Melanie pursue counseling"),
        (
            "What did Melanie see at the council meeting for adoption?",
            "Melanie",
            "Melanie see at the council meeting for adoption",
        ),
        (
            "How did Caroline feel about her family after the accident?",
            "Caroline",
            "Caroline feel about her family after the accident",
        ),
        ("What's Tomás's favourite building?", "Tomás", "Tomás's favourite building"),
        ("so where did Melanie find her dog??", "Melanie", "Melanie find her dog"),
    ],
)
def test_a_question_naming_someone_takes_the_rest_for_granted(
    question: str, name: str, claim: str
) -> None:
    assert premise_of(question, NAMES) == Premise(name=name, claim=claim)


@pytest.mark.parametrize(
    "question",
    [
        "Do you know Melanie?",  # a yes/no question: its reply's claims say
        "What did Jon see at the meeting?",  # no one the person knows
        "When did you break up with Chris?",  # about the person
        "How's Melanie doing these days?",  # asking after someone
        "How is Caroline's new job going?",
        "What breed was Bori?",  # nothing besides the name
        "What does Tomás study?",
        "Melanie painted a sunrise.",  # no question
    ],
)
def test_no_premise_to_check(question: str) -> None:
    assert premise_of(question, NAMES) is None


@pytest.mark.parametrize(
    ("question", "other", "swapped"),
    [
        ("What motivated Melanie to pursue counseling?", "Caroline", "Caroline pursue counseling"),
        ("What's Tomás's favourite building?", "Lena", "Lena's favourite building"),
        # The name the premise starts with, as a whole word: not "Melanie", not again.
        (
            "Why did Mel tell Melanie about Mel's art?",
            "Caroline",
            "Caroline tell Melanie about Mel's art",
        ),
    ],
)
def test_a_premise_said_of_someone_else(question: str, other: str, swapped: str) -> None:
    premise = premise_of(question, NAMES | {"Mel"})
    assert premise is not None and premise.about(other) == swapped


def test_a_premise_naming_the_other_already_is_not_said_of_them() -> None:
    premise = premise_of("What personality traits might Melanie say Caroline has?", NAMES)
    assert premise is not None and premise.about("Caroline") is None


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("Why did Gina start a dance studio?", "I start a dance studio"),
        ("What are Gina's plans for the summer?", "my plans for the summer"),
    ],
)
def test_a_premise_said_by_the_person_it_names(question: str, said: str) -> None:
    premise = premise_of(question, {"Gina"})
    assert premise is not None and premise.in_first_person() == said


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("Which song motivates Melanie to be courageous?", "Melanie"),
        ("How's Chris doing?", "Chris"),  # asking after someone asks of them
        ("Why did Melanie's dog hide?", "Melanie"),
        ("When did you break up with Chris?", None),  # the person, named first
        ("Do you know Melanie?", None),  # no wh-question
        ("What did Jon see?", None),  # no one of the names
    ],
)
def test_a_wh_question_asks_of_the_first_one_it_names_before_the_person(
    question: str, name: str | None
) -> None:
    assert asked_of(question, NAMES) == name
