"""A bare yes or no claims the proposition of the yes/no question it answers."""

from __future__ import annotations

import pytest

from ragclone.answers import Answer, is_open_question, leading_answer, yes_no_proposition


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
    assert not is_open_question("How's soccer practice going?")  # "not really" rejects it
    assert not is_open_question("Do you play the piano?")
    assert not is_open_question("Thanks for the help earlier!")
