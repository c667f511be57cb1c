"""Claims the 1.5B judge calls supported and the words overrule, on the real judge and the
demo persona's facts."""

from __future__ import annotations

import pytest

from ragclone import Clone
from ragclone.models import Verdict
from ragclone.policy import rewrite_strictly

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lena(lena_on_default_model: Clone) -> Clone:
    return lena_on_default_model


@pytest.mark.parametrize(
    ("text", "verdict", "why"),
    [
        # "I am bad at replying to texts and often leave messages unanswered for days."
        ("I'm not bad at replying to texts.", Verdict.CONTRADICTED, "opposite polarity"),
        # "My favourite food is kimchi jjigae, the way my mother makes it."
        ("My mom's favourite food is kimchi jjigae.", Verdict.UNSUPPORTED, "not about the mother"),
        # "My usual coffee order is an oat milk latte."
        ("I had an oat milk latte for breakfast today.", Verdict.UNSUPPORTED, "today"),
        # "I worked part-time as a barista at a Dunkin' in Dorchester."
        ("I had a lot of fun working at Dunkin'.", Verdict.UNSUPPORTED, "no fact likes"),
        # "I go for long walks on the Atlanta BeltLine on weekends."
        (
            "I'm planning to go for a long walk on the BeltLine on Saturday.",
            Verdict.UNSUPPORTED,
            "no fact plans it",
        ),
    ],
)
def test_what_the_words_overrule(lena: Clone, text: str, verdict: Verdict, why: str) -> None:
    [claim] = lena.check(text).claims
    assert claim.verdict is verdict, claim
    assert why in claim.judge


def test_a_relative_the_facts_are_about_stays_supported(lena: Clone) -> None:
    [claim] = lena.check("My mom is a pharmacist in Boston.").claims
    assert claim.verdict is Verdict.SUPPORTED, claim


def test_a_yes_to_a_state_that_ended_is_contradicted_and_the_past_stands(lena: Clone) -> None:
    report = lena.check("Yes, I played the piano.", question="Do you play the piano?")
    answer, *rest = report.claims
    assert report.answer == "Yes, "
    assert answer.text == "I play the piano" and answer.verdict is Verdict.CONTRADICTED
    assert rest and all(claim.verdict is Verdict.SUPPORTED for claim in rest), rest
    assert lena.check("Yes, I played the piano.").answer is None  # no question, no claim


def test_a_yes_about_a_time_when_the_state_held_stands(lena: Clone) -> None:
    report = lena.check("Yes, I played the piano.", question="Do you play the piano?", as_of="2018")
    assert report.claims[0].text == "I play the piano"
    assert report.claims[0].verdict is Verdict.SUPPORTED, report.claims[0]


def test_a_past_event_answering_how_was_your_day_needs_a_fact_about_that_day(lena: Clone) -> None:
    # "I spend my free time playing chess online, knitting and reading science fiction."
    text = "I spent the evening playing chess online."
    [claim] = lena.check(text, question="How was your day?").claims
    assert claim.text == "I spent the evening playing chess online today"
    assert claim.verdict is Verdict.UNSUPPORTED, claim
    assert "today" in claim.judge
    # A habit is not about the day.
    [habit] = lena.check("I usually play chess online.", question="How was your day?").claims
    assert habit.text == "I usually play chess online" and habit.verdict is Verdict.SUPPORTED


def test_a_pastime_is_not_what_the_person_is_doing_right_now(lena: Clone) -> None:
    # The pastimes fact, which the judge took for support of the demo run's answer.
    text = "I'm up to playing chess online, knitting, and reading science fiction."
    claims = lena.check(text, question="What are you up to right now?").claims
    assert [claim.text for claim in claims] == [
        "I'm up to playing chess online today",
        "I'm knitting today",
        "I'm reading science fiction today",
    ]
    assert all(claim.verdict is Verdict.UNSUPPORTED for claim in claims), claims
    # Asked what she does in her free time, the same words are the fact.
    claims = lena.check(text, question="What do you do in your free time?").claims
    assert all(claim.verdict is Verdict.SUPPORTED for claim in claims), claims


def test_a_sentence_close_to_a_fact_that_denies_half_of_it_is_checked_in_parts(
    lena: Clone,
) -> None:
    # "I wear glasses; I have been short-sighted since I was ten." (cosine above 0.9)
    report = lena.check("I've been short-sighted since I was ten, so I don't have any glasses.")
    verdicts = {claim.text: claim.verdict for claim in report.claims}
    assert verdicts == {
        "I've been short-sighted since I was ten": Verdict.SUPPORTED,
        "I don't have any glasses": Verdict.CONTRADICTED,
    }
    # with the fact's own negations the sentence restates it, and is checked whole
    [whole] = lena.check(
        "I never took AP Computer Science A; my high school did not offer it."
    ).claims
    assert whole.verdict is Verdict.SUPPORTED and ";" in whole.text


def test_a_bare_value_is_checked_as_the_answer_to_the_question(lena: Clone) -> None:
    # "I have exactly one sibling, an older sister named Mina."
    [claim] = lena.check("Mina", question="What's your sister's name?").claims
    assert claim.text == "My sister's name is Mina" and claim.verdict is Verdict.SUPPORTED, claim
    # "My full name is Lena Soo-ah Park; Soo-ah is my Korean middle name."
    report = lena.check("Soo-jin.", question="What's your Korean middle name?")
    [claim] = report.claims
    assert claim.text == "My Korean middle name is Soo-jin"
    assert claim.verdict is not Verdict.SUPPORTED, claim
    assert lena.check("Soo-jin.").claims == []  # without the question it says nothing of her


def test_the_year_of_university_a_fact_says_settles_a_no_and_another_year(lena: Clone) -> None:
    # "I am in my fourth year of university."
    report = lena.check("No, I am not a freshman.", question="Are you a freshman?")
    assert [claim.text for claim in report.claims] == ["I am not a freshman"] * 2
    assert all(claim.verdict is Verdict.SUPPORTED for claim in report.claims), report.claims
    [claim] = lena.check("I'm a sophomore.").claims
    assert claim.verdict is Verdict.CONTRADICTED, claim
    assert claim.correction == "I am in my fourth year of university."


@pytest.mark.parametrize(
    ("question", "draft"),
    [
        # "I have never watched "Game of Thrones".": "yet" promises it.
        (
            "Who's your favourite Game of Thrones character?",
            "Oh, I don't know. I haven't watched Game of Thrones yet.",
        ),
        # "I do not speak Spanish; I took French in high school and forgot most of it."
        (
            "How did you get so fluent in Spanish?",
            "I didn't learn Spanish in school. I took French in high school and forgot most of it.",
        ),
    ],
)
def test_strict_rejects_a_premise_in_the_words_of_the_fact_that_denies_it(
    lena: Clone, question: str, draft: str
) -> None:
    report = lena.check(draft, question=question)
    assert report.denial is not None and report.grounded, report
    assert rewrite_strictly(report) == report.denial
