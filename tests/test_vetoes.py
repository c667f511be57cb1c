"""Readings that overrule a judge's "supported": opposite polarity, an ending, someone else as
subject, a feeling about others."""

from __future__ import annotations

import pytest

from ragclone.models import Fact, FactKind
from ragclone.vetoes import (
    about_others,
    another_favourite,
    denying_fact,
    ended_by,
    opposite_feeling,
    opposite_polarity,
    other_subject,
    pieced_together,
    started_later,
    subject_relation,
    unstated_feeling,
    unstated_plan,
)

TEXTS = Fact(text="I am bad at replying to texts and often leave messages unanswered for days.")
RESERVED = Fact(text="I am reserved with strangers but no longer shy once I know people.")
MEAT = Fact(text="I stopped eating meat in 2022.")
PIANO = Fact(text="I played the piano and took weekly lessons.")
SIBLINGS = Fact(text="I have one sister and no brothers.")
FOOD = Fact(text="My favourite food is kimchi jjigae, the way my mother makes it.")
MOTHER = Fact(text="My mother, Grace Park, is a pharmacist in Boston.")
FILM = Fact(text='I watched "Past Lives" in the cinema with my mother and we both cried.')


@pytest.mark.parametrize(
    ("claim", "fact"),
    [
        ("I'm not a bad at replying to texts", TEXTS),
        ("I am shy", RESERVED),
        ("I have a brother", SIBLINGS),
    ],
)
def test_the_same_words_with_the_opposite_polarity_overrule(claim: str, fact: Fact) -> None:
    assert opposite_polarity(claim, [fact]) is fact


BREAKUP = Fact(text="I broke up with my boyfriend Chris in June 2023, before leaving for college.")


@pytest.mark.parametrize(
    ("claim", "fact"),
    [
        ("I have a boyfriend", BREAKUP),
        ("I eat meat", MEAT),
        ("I'm shy", RESERVED),
        ("I go to church every Sunday", Fact(text="I stopped going to church when I was 15.")),
    ],
)
def test_a_fact_that_says_it_ended_overrules(claim: str, fact: Fact) -> None:
    assert ended_by(claim, [fact]) is fact


@pytest.mark.parametrize(
    ("claim", "fact"),
    [
        ("I had a boyfriend", BREAKUP),  # the past is what the ending supports
        ("I don't eat meat", MEAT),  # a denial too
        ("I have a girlfriend", BREAKUP),  # other words
        ("I play the piano", PIANO),  # no ending said
        ("I am reserved with strangers", RESERVED),  # before the ending
        ("I play chess", Fact(text="I quit my job at the library but still play chess.")),
    ],
)
def test_the_past_a_denial_or_other_words_are_not_ended(claim: str, fact: Fact) -> None:
    assert ended_by(claim, [fact]) is None


@pytest.mark.parametrize(
    ("claim", "fact"),
    [
        ("I am bad at replying to texts", TEXTS),
        ("I don't have a brother", SIBLINGS),
        ("I don't eat meat", MEAT),  # a change, not the opposite
        ("I don't play the piano", PIANO),  # the past does not deny the present
        ("I don't like coffee", FOOD),  # other words
    ],
)
def test_the_same_polarity_a_change_or_the_past_do_not(claim: str, fact: Fact) -> None:
    assert opposite_polarity(claim, [fact]) is None


def test_a_relative_as_the_subject_needs_a_fact_about_them() -> None:
    assert other_subject("My mom's favourite food is kimchi jjigae", [FOOD, MOTHER]) == "mother"
    assert other_subject("My best friend lives in Atlanta", [Fact(text="I live in Atlanta.")])
    assert other_subject("My mom is a pharmacist in Boston", [MOTHER, FOOD]) is None
    # No fact shares its words: nothing to overrule with.
    assert other_subject("My dad likes golf", [FOOD]) is None


def test_a_feeling_about_others_needs_a_fact_about_others() -> None:
    humour = Fact(text="I have a dry sense of humour.")
    assert about_others("I love when people have dry senses of humour", [humour]) == "people"
    assert about_others("I really appreciate someone with a dry sense of humour", [humour])
    assert about_others("I have a dry sense of humour", [humour]) is None
    # a fact about others, or none with the words: nothing to overrule with
    direct = Fact(text="I like people who are direct and honest.")
    assert about_others("I love when people are direct", [direct]) is None
    assert about_others("I like it when someone is punctual", [humour]) is None


@pytest.mark.parametrize(
    ("claim", "relation"),
    [
        ("My mom's favourite food is kimchi jjigae", "mother"),
        ("My older sister lives in Seoul", "sister"),
        ("My mama makes great soup", "mother"),
        ("I call my mother every Wednesday", None),
        ("My mother and I watched Past Lives", None),
        ("My favourite food is kimchi jjigae", None),
    ],
)
def test_the_subject_relation(claim: str, relation: str | None) -> None:
    assert subject_relation(claim) == relation
    if relation is None:
        assert other_subject(claim, [FOOD, FILM]) is None


CILANTRO = Fact(text="I hate cilantro; it tastes like soap to me.")
SPICY = Fact(text="I love spicy food, especially tteokbokki.")
HORROR = Fact(text="I do not like horror films.")


@pytest.mark.parametrize(
    ("claim", "fact"),
    [
        ("I love cilantro", CILANTRO),
        ("I really like cilantro", CILANTRO),
        ("I hate spicy food", SPICY),
        ("I can't stand spicy food", SPICY),
        ("I love horror films", HORROR),
    ],
)
def test_the_opposite_feeling_about_the_same_thing_overrules(claim: str, fact: Fact) -> None:
    assert opposite_feeling(claim, [fact]) is fact


@pytest.mark.parametrize(
    ("claim", "fact"),
    [
        ("I hate cilantro", CILANTRO),  # the same feeling
        ("I love spicy food", SPICY),
        ("I don't like horror films", HORROR),
        ("I love tteokbokki", CILANTRO),  # something else
        ("I loved cilantro as a kid", CILANTRO),  # the past is left to the judge
        ("I don't love cilantro", CILANTRO),  # a denial of liking is not liking
        ("I like soap", CILANTRO),  # "soap" is not what the fact hates
    ],
)
def test_the_same_feeling_or_another_thing_do_not(claim: str, fact: Fact) -> None:
    assert opposite_feeling(claim, [fact]) is None


CHESS = Fact(
    text="I started playing chess online after watching The Queen's Gambit.",
    kind="event",
    valid_from="2020-11",
    valid_until="2020-11",
)


def test_a_state_that_began_after_the_time_asked_about_is_denied() -> None:
    assert started_later("I play chess online", [CHESS], "2017") is CHESS
    assert started_later("I play chess online", [CHESS], "2020-10-31") is CHESS
    assert started_later("I play chess online", [CHESS], "2020-11") is None  # began then
    assert started_later("I play chess online", [CHESS], "2024") is None
    assert started_later("I played chess online", [CHESS], "2017") is None  # the past
    assert started_later("I don't play chess online", [CHESS], "2017") is None
    assert started_later("I play the piano", [CHESS], "2017") is None


FAVOURITES = [
    Fact(id="m", text="My favourite musician is Mitski."),
    Fact(id="s", text='I watched "Severance" and it is my favourite TV show.'),
    Fact(id="p", text="My favourite programming language is Python, and I like Go too."),
]


@pytest.mark.parametrize(
    ("claim", "fact_id"),
    [
        ("Phoebe Bridgers and NewJeans are my favorite artists", "m"),  # artist, musician
        ("My favourite programming language is Go", "p"),
        ("My favourite series is Succession", "s"),
        ("Python and Go are my two favorite programming languages", "p"),  # Go is liked
        ("Mitski and Phoebe Bridgers are my favourite artists", "m"),
    ],
)
def test_another_favourite_of_the_same_kind_denies_a_claim(claim: str, fact_id: str) -> None:
    denied = another_favourite(claim, FAVOURITES)
    assert denied is not None and denied.id == fact_id
    assert denying_fact(claim, FAVOURITES) == (denied, "another favourite")


@pytest.mark.parametrize(
    "claim",
    [
        "Mitski is my favourite artist",  # the same favourite
        "Severance is my favourite show",
        "Go is one of my favourite languages",  # one of several
        "Python is my favourite programming language",
        "My favourite season is winter",  # no fact about that kind
        "My favourite musician is not Phoebe Bridgers",
    ],
)
def test_the_same_favourite_or_another_kind_is_left_alone(claim: str) -> None:
    assert another_favourite(claim, FAVOURITES) is None


KNIT = Fact(text="I knit; I taught myself from YouTube videos.")
SWEATERS = Fact(text="I like thrift shopping for sweaters.")
WEDDING = Fact(text="I sprained my ankle walking down the stairs at my sister's wedding.")


def test_a_past_event_pieced_together_from_facts_is_found() -> None:
    facts = [KNIT, SWEATERS, WEDDING]
    assert pieced_together("I knitted a sweater for my sister's wedding", facts) == 0.5
    # One fact tells it, in other words ("mom" for "mother", "went" for "go"): left alone.
    assert pieced_together("I sprained my ankle at my sister's wedding", facts) is None
    assert pieced_together("I watched Past Lives with my mom", [FILM, KNIT]) is None
    # A state may be said across facts; a short claim has too few words to tell.
    assert pieced_together("I knit sweaters for my sister", facts) is None
    assert pieced_together("I knitted a sweater", facts) is None
    # Words the facts do not hold: a paraphrase or an invention, not a piecing together.
    assert pieced_together("I knitted a blanket for my cousin's graduation", facts) is None


BARISTA = Fact(
    text="I worked part-time as a barista at a Dunkin' in Dorchester.", kind=FactKind.WORK
)
WINGSPAN = Fact(text="My favourite board game is Wingspan.", kind=FactKind.PREFERENCE)
LICHESS = Fact(text="I play chess online on Lichess most evenings.", kind=FactKind.HABIT)
INTERNSHIP = Fact(
    text="I was a software engineering intern at Brightline Health.", kind=FactKind.WORK
)
LIKINGS = [BARISTA, WINGSPAN, LICHESS, INTERNSHIP, SIBLINGS]


@pytest.mark.parametrize(
    ("claim", "liked"),
    [
        ("I had a lot of fun working at Dunkin'", "working at Dunkin'"),
        (
            "I really enjoyed my internship at Brightline Health",
            "my internship at Brightline Health",
        ),
        ("I loved being a barista", "being a barista"),
    ],
)
def test_a_liking_added_to_a_fact_that_states_none_is_found(claim: str, liked: str) -> None:
    assert unstated_feeling(claim, LIKINGS) == liked


@pytest.mark.parametrize(
    "claim",
    [
        "I love board games",  # a fact likes them: "My favourite board game is Wingspan"
        "I do love chess",  # a pastime: "I play chess online on Lichess most evenings"
        "I love my sister",  # a person of their life: left to the judge
        "I'd like to work at Dunkin' again",  # a wish, not a liking
        "I didn't enjoy working at Dunkin'",  # a denial
        "I love hiking in the mountains",  # no fact shares its words
        "I worked at Dunkin'",  # no liking
    ],
)
def test_a_liking_a_fact_states_or_none_at_all_is_left_alone(claim: str) -> None:
    assert unstated_feeling(claim, LIKINGS) is None


WALKS = Fact(text="I go for long walks on the Atlanta BeltLine on weekends.", kind=FactKind.HABIT)
GRADUATION = Fact(text="I expect to graduate with a Bachelor of Science in May 2027.")
JOB = Fact(text="I start my full-time job at Brightline Health in July 2027.", kind=FactKind.WORK)
SEOUL = Fact(text="I visited Seoul again with my mother and sister.", kind=FactKind.EVENT)
PLANS = [WALKS, GRADUATION, JOB, SEOUL, FOOD]


@pytest.mark.parametrize(
    "claim",
    [
        "I'm planning to go for a long walk on the Atlanta BeltLine on Saturday",
        "I should have kimchi jjigae for dinner",
        "I'm planning a trip to Seoul next summer",
        "I want to visit Seoul with my sister",
    ],
)
def test_a_plan_no_fact_looks_ahead_to_is_found(claim: str) -> None:
    assert unstated_plan(claim, PLANS, "2026-11-24")


@pytest.mark.parametrize(
    ("claim", "when"),
    [
        ("I'm going to graduate in May 2027", "2026-11-24"),  # "I expect to graduate …"
        ("I'm hoping to start my full-time job at Brightline Health", "2026-11-24"),  # 2027
        ("I'm going to the BeltLine", "2026-11-24"),  # where one goes, not a plan
        ("I go for long walks on the BeltLine", "2026-11-24"),  # a habit
        ("I'm not planning to go to Seoul", "2026-11-24"),  # a denial
        ("I should mention that I visited Seoul", "2026-11-24"),  # a way of speaking
        ("I want to know more about your trip to Seoul", "2026-11-24"),
    ],
)
def test_a_plan_a_fact_looks_ahead_to_or_no_plan_is_left_alone(claim: str, when: str) -> None:
    assert not unstated_plan(claim, PLANS, when)


def test_a_year_looks_ahead_only_from_before_it() -> None:
    claim = "I'm hoping to start my full-time job at Brightline Health"
    assert not unstated_plan(claim, [JOB], "2026-11-24")
    assert unstated_plan(claim, [JOB], "2027-08-01")
