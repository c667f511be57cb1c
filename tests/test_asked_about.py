"""What a reply says of the person a question asks about, read by rules."""

from __future__ import annotations

import pytest

from ragclone.asked_about import is_addressed, resolved, says_something_of


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, Melanie.",
        "Oh, Melanie! I was walking in my neighborhood.",
        "Hey Melanie, I made a window.",
        "Melanie! Long time.",
        "Sorry Melanie, I forgot.",
    ],
)
def test_a_name_that_only_addresses_someone_says_nothing_of_them(text: str) -> None:
    assert is_addressed(text, "Melanie")
    assert not says_something_of(text, "Melanie")


@pytest.mark.parametrize(
    "text",
    [
        "Melanie made a stained glass window.",
        "I met Melanie.",
        "It was Melanie, I think.",  # after "was", the name is no address
        "Thanks, Melanie. Melanie's window is lovely.",  # one use says something
        "She made a vase.",
        "I think they loved it.",
        "Her son got into an accident.",
    ],
)
def test_a_name_or_a_third_person_pronoun_says_something_of_them(text: str) -> None:
    assert says_something_of(text, "Melanie")


@pytest.mark.parametrize(
    "text",
    [
        "I made a stained glass window for a local church.",
        "The window shows time changing our lives.",
        "Whenever I hear this jam, I think about the paths I've taken.",
        "Oh no, Jon! Sorry to hear that. How're you handling the changes?",
        "Melanieville is a town.",  # not the name
    ],
)
def test_a_reply_about_the_person_or_nothing_says_nothing_of_them(text: str) -> None:
    assert not says_something_of(text, "Melanie")


@pytest.mark.parametrize(
    ("sentence", "claim"),
    [
        ("She made a vase.", "Melanie made a vase."),
        ("Oh, she's a nurse.", "Oh, Melanie is a nurse."),
        ("He hid his bone in my slipper.", "Melanie hid his bone in my slipper."),
        ("Her son got into an accident.", "Melanie's son got into an accident."),
        ("I met her.", None),  # not the subject
        ("They loved it.", None),  # "they" is as often a thing
        ("Shelly made a vase.", None),
    ],
)
def test_a_leading_she_or_he_is_the_person_asked_about(sentence: str, claim: str | None) -> None:
    assert resolved(sentence, "Melanie") == claim
