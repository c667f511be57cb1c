import pytest

from ragclone.claims import (
    atomic_claims,
    classify,
    classify_text,
    people_named,
    split_sentences,
    stem,
    without_interjection,
)


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
        ("Hey Gina!", "greeting"),
        ("Thanks, Mina.", "greeting"),
        ("Oh, I see.", "greeting"),
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
        ("I don't have any information about my SAT score.", "do not know"),
        ("I have no idea what my blood type is", "do not know"),
        ("I can't remember.", "do not know"),
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


PEOPLE_FACTS = [
    "My name is Lena Soo-ah Park.",
    "I have exactly one sibling, an older sister named Mina.",
    "My sister Mina married her partner Jae in October 2025.",
    "My mother, Grace Park, is a pharmacist in Boston.",
    "My best friend since high school is Tomás Rivera, who studies architecture at MIT.",
    "My roommate Aisha Bello studies biomedical engineering.",
    "My family had a dog, a shiba inu called Bori, who died when I was sixteen.",
    "I spent summer 2026 in Atlanta doing research with Professor Okafor.",
    "I read Klara and the Sun by Kazuo Ishiguro.",
    "My sister moved to Chicago in June 2024.",
]


def test_people_named_are_the_people_facts_introduce_not_places_or_works() -> None:
    assert people_named(PEOPLE_FACTS) == {
        "Lena", "Mina", "Jae", "Grace", "Tomás", "Aisha", "Bori", "Okafor",
    }  # fmt: skip


@pytest.mark.parametrize(
    "sentence",
    [
        "Aisha's birthday is in July.",
        "Mina works as a teacher now",
        "Bori was a poodle.",
        "Lena took a temporary job.",
    ],
)
def test_sentences_about_the_persons_people_are_claims(sentence: str) -> None:
    people = people_named(PEOPLE_FACTS)
    result = classify(sentence, people)
    assert result.is_claim
    assert "person's life" in result.reason
    assert not classify(sentence).is_claim  # without the names, nobody is named


@pytest.mark.parametrize(
    "sentence",
    ["Boston is lovely in the fall.", "Klara and the Sun is a sad book.", "Is Aisha there?"],
)
def test_places_works_and_questions_naming_people_are_not_claims(sentence: str) -> None:
    assert not classify(sentence, people_named(PEOPLE_FACTS)).is_claim


def test_a_sentence_going_on_about_someone_just_named_is_a_claim() -> None:
    people = people_named(PEOPLE_FACTS)
    text = "Mina is a nurse. She lives in Chicago. They were lovely. My sister is great. She cooks."
    assert [s.is_claim for s in classify_text(split_sentences(text), people)] == [True] * 5
    # Not after a sentence about no one in particular, nor after a question.
    text = "The weather is nice. She said so. Is Mina there? She is."
    assert [s.is_claim for s in classify_text(split_sentences(text), people)] == [False] * 4


def test_not_knowing_one_thing_does_not_hide_a_claim_after_it() -> None:
    assert not classify("I'm not sure about my blood type.").is_claim
    assert classify("I'm not sure about my blood type, but I have a brother.").is_claim


def test_a_leading_interjection_is_no_part_of_the_claim() -> None:
    assert without_interjection("Oh, Bori was a shiba inu") == "Bori was a shiba inu"
    assert without_interjection("Well, hmm... i do knit") == "I do knit"
    assert without_interjection("Ohio is nice") == "Ohio is nice"  # a word, not an "Oh"
    assert without_interjection("Okay") == "Okay"  # nothing after it: left as it is
    assert without_interjection("Yes, I go to church") == "I go to church"
    assert without_interjection("Yesterday I knitted") == "Yesterday I knitted"
    # A "No," answers the question; it does not deny the rest ("No, I'm left-handed").
    assert without_interjection("No, I'm left-handed") == "I'm left-handed"
    assert without_interjection("No brothers, just Mina") == "No brothers, just Mina"
    assert without_interjection("Nobody asked") == "Nobody asked"


@pytest.mark.parametrize(
    ("american", "british"),
    [("favorite", "favourite"), ("colors", "colours"), ("organized", "organised")],
)
def test_an_american_spelling_stems_as_the_british_one(american: str, british: str) -> None:
    assert stem(american) == stem(british)
    assert stem("favorite") != stem("flavour")
