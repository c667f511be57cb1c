"""What a question about someone named takes for granted, read by rules."""

from __future__ import annotations

import pytest

from ragclone.premises import Premise, asked_of, asks_after, premise_of

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
        ("How is Gina's store doing?", "I have a store"),
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


@pytest.mark.parametrize(
    ("question", "premise"),
    [
        ("How is Jon's store doing?", "Jon has a store"),
        ("How's Jon's new dance studio going these days?", "Jon has a new dance studio"),
        ("How are Jon's kids?", "Jon has kids"),
        ("How is Jon's old apartment?", "Jon has an old apartment"),
    ],
)
def test_asking_after_something_of_someone_takes_for_granted_they_have_it(
    question: str, premise: str
) -> None:
    found = premise_of(question, {"Jon", "Gina"})
    assert found is not None and (found.name, found.claim) == ("Jon", premise)
    assert found.about("Gina") == premise.replace("Jon", "Gina")


@pytest.mark.parametrize(
    "question",
    [
        "How is Jon doing?",
        "How is your store doing?",
        "How is Tom's store doing?",  # no one the person knows
    ],
)
def test_asking_after_someone_or_something_of_no_one_named_takes_nothing_for_granted(
    question: str,
) -> None:
    assert premise_of(question, {"Jon", "Gina"}) is None
    assert asks_after(question)


def test_a_question_for_something_asks_no_one_after() -> None:
    assert not asks_after("What did Jon do?") and not asks_after("How did Jon feel?")
    # An event of his, not something he has.
    assert premise_of("How was Jon's interview?", {"Jon"}) is None
