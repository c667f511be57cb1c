"""A bare yes or no claims the proposition of the yes/no question it answers."""

from __future__ import annotations

import pytest

from ragclone.answers import (
    Answer,
    is_open_question,
    leading_answer,
    short_answer_claim,
    yes_no_proposition,
)


@pytest.mark.parametrize(
    ("question", "affirmed", "denied"),
    [
        ("Do you play the piano?", "I play the piano", "I do not play the piano"),
        ("Are you shy?", "I am shy", "I am not shy"),
        ("Do you have any pets?", "I have pets", "I do not have any pets"),
        (
            "Do you still live with your parents?",
            "I still live with my parents",
            "I do not live with my parents anymore",
        ),
        ("Are you seeing anyone?", "I am seeing someone", "I am not seeing anyone"),
        ("Have you been to Europe?", "I have been to Europe", "I have not been to Europe"),
        ("So did you sleep well?", "I did sleep well", "I did not sleep well"),
    ],
)
def test_a_yes_no_question_gives_both_propositions(
    question: str, affirmed: str, denied: str
) -> None:
    assert yes_no_proposition(question) == (affirmed, denied)


@pytest.mark.parametrize(
    "question",
    [
        "Are you left-handed or right-handed?",  # a choice
        "Can you recommend something to watch?",  # a request
        "Would you like to get coffee?",  # an offer
        "What's your cat's name?",
        "Is Chris your boyfriend?",  # not about "you" as the subject
    ],
)
def test_other_questions_give_none(question: str) -> None:
    assert yes_no_proposition(question) is None


def test_the_leading_yes_or_no_and_its_claim() -> None:
    piano = "Do you play the piano?"
    assert leading_answer(piano, "Yes, I played the piano.") == Answer(
        prefix="Yes, ", claim="I play the piano"
    )
    assert leading_answer(piano, "Nope.") == Answer(prefix="Nope.", claim="I do not play the piano")
    assert leading_answer(piano, "Not really, no. I quit.") is not None
    assert leading_answer(piano, "Oh, yeah! Every day.") == Answer(
        prefix="Oh, yeah! ", claim="I play the piano"
    )
    # No yes or no: "No worries", "Yesterday …"; and no yes/no question.
    assert leading_answer(piano, "No worries, I quit in 2019.") is None
    assert leading_answer(piano, "Yesterday I played.") is None
    assert leading_answer("What do you play?", "Yes, the piano.") is None


def test_a_question_for_a_value_is_open() -> None:
    assert is_open_question("What's your Lichess username?")
    assert is_open_question("So when is Aisha's birthday??")
    assert is_open_question("How old are you?") and is_open_question("How many pets do you have?")
    assert not is_open_question("How old are your kids?")  # "not really": no kids
    assert not is_open_question("How did your marathon go?")
    assert is_open_question("How do you get around Atlanta?")  # a way, not a yes or no
    assert not is_open_question("How's soccer practice going?")  # "not really" rejects it
    assert not is_open_question("Do you play the piano?")
    assert not is_open_question("Thanks for the help earlier!")


@pytest.mark.parametrize(
    ("question", "reply", "claim"),
    [
        ("What's your sister's name?", "Mina", "My sister's name is Mina"),
        ("When's your birthday?", "Oh, March 9th!", "My birthday is March 9th"),
        ("What was your first concert?", "Taylor Swift", "My first concert was Taylor Swift"),
        ("Where is your family house?", "Dorchester.", "My family house is in Dorchester"),
        ("Which university do you go to?", "Georgia Tech.", "I go to Georgia Tech"),
        ("What languages do you speak?", "English and Korean", "I speak English and Korean"),
        ("What do you do for a living?", "Nursing", "I do Nursing for a living"),
        ("Where do you live?", "Atlanta", "I live in Atlanta"),
        ("Where does your sister live?", "Chicago", "My sister lives in Chicago"),
        ("What does your mom teach?", "Biology", "My mom teaches Biology"),
        ("Where were you born?", "Boston", "I was born in Boston"),
        ("When were you born?", "2005", "I was born in 2005"),
        ("How old are you?", "21", "I am 21"),
        ("How tall are you?", "5 feet 4 inches", "I am 5 feet 4 inches tall"),
    ],
)
def test_a_bare_value_claims_the_answer_to_the_question(
    question: str, reply: str, claim: str
) -> None:
    assert short_answer_claim(question, reply) == claim


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("What's your sister's name?", "Mina is a nurse in Chicago"),  # a sentence of its own
        ("What's your sister's name?", "I don't know"),
        ("What's your sister's name?", "Why do you ask?"),
        ("What's your sister's name?", "It's a long story, honestly, you know"),
        ("Do you have a sister?", "Mina"),  # a yes/no question: leading_answer's part
        ("How are you?", "Good"),  # asks for no value about the person
        ("What's the capital of France?", "Paris"),  # not about the person
        ("What did you do yesterday?", "Climbing"),  # a past event, not a value read here
    ],
)
def test_a_sentence_or_another_question_gives_no_value_claim(question: str, reply: str) -> None:
    assert short_answer_claim(question, reply) is None
