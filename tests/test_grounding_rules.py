"""The grounding checker's rules that need no model: tense, negation, time validity, the floor."""

from __future__ import annotations

import pytest

from ragclone.claims import content_stems, is_negated, is_past_tense, negation_count
from ragclone.grounding import (
    denied_ended_state,
    describe_fact,
    holds_at,
    known_at,
    out_of_time_match,
    restated_fact,
)
from ragclone.models import Fact, FactKind, Hit

BOSTON = Fact(text="I lived in Boston.", valid_from="2005-03", valid_until="2023-07")
ATLANTA = Fact(text="I live in Atlanta.", valid_from="2023-08")
BORN = Fact(text="I was born in Boston.")
MOVE = Fact(
    text="I moved to Atlanta in August 2023.",
    kind=FactKind.EVENT,
    valid_from="2023-08",
    valid_until="2023-08",
)
QUIT = Fact(text="I quit piano in 2019 and no longer play.", valid_from="2019-06")
PIANO = Fact(text="I played the piano.", valid_from="2013-09", valid_until="2019-06")
DRANK = Fact(
    text="I drank a lot of energy drinks during exams.",
    kind=FactKind.BEHAVIOUR,
    valid_from="2023-09",
    valid_until="2025-05",
)


def _hits(*pairs: tuple[Fact, float]) -> list[Hit]:
    return [Hit(fact=fact, score=score) for fact, score in pairs]


@pytest.mark.parametrize(
    ("claim", "past"),
    [
        ("I live in Boston", False),
        ("I still play the piano", False),
        ("I'm terrified of public speaking", False),
        ("I'm tired", False),
        ("I need a break", False),
        ("I lived in Boston", True),
        ("I quit piano in 2019", True),
        ("when I was ten I broke my arm", True),
        ("Moved to Atlanta for college", True),
        ("I really liked it", True),
        # irregular forms: a past claim is not contradicted by a fact that has ended
        ("I built an appointment-reminder service during my internship", True),
        ("I wrote my first program at twelve", True),
        ("I build things", False),
    ],
)
def test_tense(claim: str, past: bool) -> None:
    assert is_past_tense(claim) is past


def test_negation_and_content_stems() -> None:
    assert is_negated("I don't eat meat anymore") and is_negated("I never took AP CSA")
    assert not is_negated("I eat meat")
    assert negation_count("I never took AP CSA; my school did not offer it.") == 2
    assert negation_count("I wear glasses") == 0
    assert content_stems("I live in Boston") == content_stems("I lived in Boston.")
    assert content_stems("I use TikTok") <= content_stems("I used TikTok every day")


def test_a_present_claim_closest_to_an_ended_state_is_out_of_time() -> None:
    hits = _hits((BOSTON, 0.7), (ATLANTA, 0.6))
    assert out_of_time_match("I live in Boston", hits, "2026-11-22") == hits[0]
    # Not in the past tense, not denied, not about a time when it held, not an event.
    assert out_of_time_match("I lived in Boston", hits, "2026-11-22") is None
    assert out_of_time_match("I don't live in Boston anymore", hits, "2026-11-22") is None
    assert out_of_time_match("I live in Boston", hits, "2019") is None
    assert out_of_time_match("I move to Atlanta", _hits((MOVE, 0.9)), "2030") is None


def test_a_state_with_every_word_of_the_claim_counts_even_when_not_closest() -> None:
    hits = _hits((BORN, 0.64), (ATLANTA, 0.61), (BOSTON, 0.56))
    assert out_of_time_match("I live in Boston", hits, "2026-11-22") == hits[2]
    # A state not yet begun counts only when it has every word of the claim.
    assert out_of_time_match("I live in Atlanta", _hits((ATLANTA, 0.9)), "2019") is not None
    later = _hits((QUIT, 0.7), (PIANO, 0.65))
    assert out_of_time_match("I take piano lessons every week", later, "2015") is None


def test_a_state_that_holds_in_the_irregular_past_keeps_a_later_one_out() -> None:
    quit_ = Fact(
        text="I quit energy drinks in 2025.", kind=FactKind.BEHAVIOUR, valid_from="2025-06"
    )
    hits = _hits((quit_, 0.8), (DRANK, 0.7))
    assert out_of_time_match("I drink energy drinks", hits, "2024-12") is None


def test_validity_as_the_judge_sees_it() -> None:
    assert holds_at(BOSTON, "2019") and not holds_at(BOSTON, "2024")
    assert not holds_at(ATLANTA, "2019") and holds_at(ATLANTA, "2023")
    assert describe_fact(Hit(fact=BOSTON, score=1), as_of=None).endswith("not true now)")
    assert describe_fact(Hit(fact=MOVE, score=1), as_of=None).endswith("(on 2023-08)")
    aged = Fact(text="I am 21.", valid_from="2026-03-09", valid_until="2999-01-01")
    assert "past" not in describe_fact(Hit(fact=aged, score=1), as_of=None)


@pytest.mark.parametrize(
    ("sentence", "is_claim"),
    [
        ("Tengo un hermano mayor", True),
        ("Ich spiele jeden Tag Fußball", True),
        ("у меня есть брат", True),
        ("我有一个哥哥", True),
        ("Great weather today", False),
        ("Paris is lovely in spring", False),
    ],
)
def test_sentences_in_other_languages_are_checked_not_skipped(
    sentence: str, is_claim: bool
) -> None:
    from ragclone.claims import classify

    found = classify(sentence)
    assert found.is_claim is is_claim
    if is_claim:
        assert found.reason == "not in English: checked as a claim"


def test_a_superseded_fact_still_held_before_its_end() -> None:
    superseded = PIANO.model_copy(update={"superseded_by": ("f_quit",)})
    assert holds_at(superseded, "2015") and not holds_at(superseded, "2020")
    hits = _hits((superseded, 0.82), (QUIT, 0.65))
    assert out_of_time_match("I take piano lessons every week", hits, "2015") is None
    assert out_of_time_match("I take piano lessons every week", hits, "2026") == hits[0]


CHRIS = Fact(text="I dated a boy named Chris.", valid_from="2022-02", valid_until="2023-06")
KOREAN = Fact(text="I speak some Korean.")
KOREAN_CLASS = Fact(text="I attended a Korean class.", valid_from="2015", valid_until="2016")


def test_a_present_denial_of_an_ended_state_is_true_by_time() -> None:
    hits = _hits((BOSTON, 0.7), (ATLANTA, 0.6), (CHRIS, 0.45))
    assert denied_ended_state("I don't live in Boston anymore", hits, "2026-11-22") == hits[0]
    assert denied_ended_state("No, I'm not still with Chris", hits, "2026-11-22") == hits[2]
    # While the state held, the denial is not true; nor is a denial of what the state lacks.
    assert denied_ended_state("I don't live in Boston", hits, "2019") is None
    assert denied_ended_state("I don't live in Chicago", hits, "2026-11-22") is None
    # A claim that asserts, or talks about the past, is not a denial of now.
    assert denied_ended_state("I live in Boston", hits, "2026-11-22") is None
    assert denied_ended_state("I never lived in Boston", hits, "2026-11-22") is None


def test_a_denial_that_a_holding_state_covers_is_left_to_the_judge() -> None:
    hits = _hits((KOREAN_CLASS, 0.6), (KOREAN, 0.7))
    assert denied_ended_state("I don't attend a Korean class", hits, "2026-11-22") == hits[0]
    assert denied_ended_state("I don't speak Korean", hits, "2026-11-22") is None


ABOUT = Fact(text="I'm Lena Park, a computer science student at Georgia Tech. I grew up in Boston.")
LIBRARY = Fact(text="I worked at the Georgia Tech library.", valid_from="2023", valid_until="2024")
NAME = Fact(text="My full name is Lena Soo-ah Park; Soo-ah is my Korean middle name.")


def test_a_claim_restating_one_sentence_of_a_fact_in_order_is_found() -> None:
    hits = _hits((ABOUT, 0.8), (LIBRARY, 0.6), (NAME, 0.5))
    now = "2026-11-22"
    assert restated_fact("I'm a computer science student", hits, now) == hits[0]
    assert restated_fact("I worked at the Georgia Tech library", hits, now) == hits[1]  # past
    # Too few words, another order, the other polarity, words of two sentences, an ended state.
    assert restated_fact("I'm a student", hits, now) is None
    assert restated_fact("My Korean middle name is Park", hits, now) is None
    assert restated_fact("I'm not a computer science student", hits, now) is None
    assert restated_fact("I'm a computer science student who grew up", hits, now) is None
    assert restated_fact("I work at the Georgia Tech library", hits, now) is None


def test_a_dated_state_in_the_past_tense_restates_its_present_while_it_holds() -> None:
    french = Fact(text="I took French in high school.")
    hits = _hits((DRANK, 0.7), (french, 0.6))
    assert restated_fact("I drink energy drinks", hits, "2024-12") == hits[0]
    assert restated_fact("I drink energy drinks", hits, "2026-11-22") is None  # ended
    assert restated_fact("I take French", hits, "2024-12") is None  # undated: a past


def test_an_ended_closest_state_is_not_out_of_time_when_a_holding_one_says_the_claim() -> None:
    hits = _hits((LIBRARY, 0.7), (ABOUT, 0.65))
    assert out_of_time_match("I'm at Georgia Tech", hits, "2026-11-22") is None
    assert out_of_time_match("I work at the library", hits, "2026-11-22") == hits[0]


def test_a_fact_about_someone_else_does_not_restate_a_claim_about_the_person() -> None:
    tea = _hits((Fact(text="My mom likes green tea."), 0.8))
    assert restated_fact("I like green tea", tea, "2026-11-22") is None
    assert restated_fact("My mom likes green tea", tea, "2026-11-22") == tea[0]


SHY_CHILD = Fact(text="I was very shy with strangers as a child.", valid_until="2019")
RESERVED = Fact(
    text="I am reserved with strangers but no longer shy once I know people.", valid_from="2020"
)


def test_a_holding_state_that_denies_the_claim_does_not_keep_time_out() -> None:
    hits = [Hit(fact=SHY_CHILD, score=0.65), Hit(fact=RESERVED, score=0.6)]
    assert out_of_time_match("I am shy", hits, "2026-11") == hits[0]
    assert out_of_time_match("I am reserved with strangers", hits, "2026-11") is None


def test_what_is_known_at_a_date() -> None:
    quit_event = Fact(
        text="I quit piano.", kind=FactKind.EVENT, valid_from="2019", valid_until="2019"
    )
    assert not known_at(quit_event, "2018") and known_at(quit_event, "2019-06")
    assert known_at(PIANO, "2018") and not known_at(PIANO, "2020")
    assert known_at(Fact(text="I won a prize.", kind=FactKind.EVENT), "2001")


def test_a_dated_state_restates_a_present_claim_while_it_held() -> None:
    hits = _hits((PIANO, 0.7))
    assert restated_fact("I play the piano", hits, "2018") == hits[0]
    assert restated_fact("I play the piano", hits, "2020") is None
