import pytest

from ragclone.claims import atomic_claims, classify, split_sentences


def test_split_sentences_on_punctuation_and_lines() -> None:
    text = "I study CS. Do you?\nlove that show!! been coding since 12… ok"
    assert split_sentences(text) == [
        "I study CS.",
        "Do you?",
        "love that show!!",
        "been coding since 12…",
        "ok",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm taking AP CSA this year",
        "im taking ap csa",
        "ive never been to europe",
        "my broßer and I went fishing",
        "We both play chess.",
        "coronavirus kept me home all year",
        "been coding since 12",
        "love that show",
        "Grew up in Boston.",
        "never fasted in my life",
        "I'm good at chess.",
        "I don't know how to drive.",
        "I'm fine with my job.",
        "I'm sorry I missed your call.",
    ],
)
def test_claims_about_the_person(sentence: str) -> None:
    assert classify(sentence).is_claim


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("What about you?", "question"),
        ("Do you have siblings?", "question"),
        ("haha", "greeting"),
        ("Hey!", "greeting"),
        ("That's a great question!", "conversation"),
        ("Good question.", "conversation"),
        ("You should watch it.", "not about the person"),
        ("The weather is nice today.", "not about the person"),
        ("Hey! I'm doing well, thanks!", "pleasantry"),
        ("I'm good", "pleasantry"),
        ("Oh, I'm sorry", "pleasantry"),
        ("I'm sorry to hear that.", "pleasantry"),
        ("I'm not sure about my blood type.", "do not know"),
        ("Hmm, I don't really know.", "do not know"),
        ("I don't remember what I got.", "do not know"),
    ],
)
def test_sentences_that_are_not_claims_say_why(sentence: str, reason: str) -> None:
    result = classify(sentence)
    assert not result.is_claim
    assert reason in result.reason


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        ("I have a sister and we both play chess", ["I have a sister", "we both play chess"]),
        ("I like tea and coffee", ["I like tea and coffee"]),
        ("my broßer and I went fishing.", ["my broßer and I went fishing"]),
        (
            "I live in Atlanta, but my parents live in Boston.",
            ["I live in Atlanta", "my parents live in Boston"],
        ),
        ("I knit; I also read a lot", ["I knit", "I also read a lot"]),
    ],
)
def test_compound_sentences_split_into_atomic_claims(sentence: str, parts: list[str]) -> None:
    assert atomic_claims(sentence) == parts
