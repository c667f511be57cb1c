"""The words over the judge's verdicts, with a scripted judge on the demo persona's facts and the
real embedder."""

from __future__ import annotations

from ragclone import Clone
from ragclone.models import Verdict
from tests.conftest import ScriptedChatModel

CONTRADICTED = '{"facts": [1], "verdict": "contradicted"}'
UNSUPPORTED = '{"facts": [], "verdict": "unsupported"}'
SUPPORTED = '{"facts": [1, 2], "verdict": "supported"}'


def test_a_supported_past_event_no_one_fact_tells_is_unsupported(lena: Clone) -> None:
    # "I knit; …", "I sprained my ankle … at my sister's wedding.": the event is in neither.
    lena.chat_model = ScriptedChatModel(SUPPORTED)
    [claim] = lena.check("I knitted a sweater for my sister's wedding.").claims
    assert claim.verdict is Verdict.UNSUPPORTED, claim
    assert "overruled: no fact tells it" in claim.judge
    lena.chat_model = ScriptedChatModel(SUPPORTED)
    [claim] = lena.check("I sprained my ankle at my sister's wedding.").claims
    assert claim.verdict is Verdict.SUPPORTED, claim


def test_an_unsupported_claim_a_fact_denies_in_its_words_is_contradicted(lena: Clone) -> None:
    # "I am bad at replying to texts and often leave messages unanswered for days."
    lena.chat_model = ScriptedChatModel(UNSUPPORTED)
    [claim] = lena.check("I'm not bad at replying to texts.").claims
    assert claim.verdict is Verdict.CONTRADICTED, claim
    assert claim.judge.endswith("overruled: opposite polarity")
    assert any("bad at replying" in lena.fact(i).text for i in claim.evidence)


def test_an_unsupported_claim_no_fact_denies_stays_unsupported(lena: Clone) -> None:
    lena.chat_model = ScriptedChatModel(UNSUPPORTED)
    [claim] = lena.check("I knit scarves for my friends.").claims
    assert claim.verdict is Verdict.UNSUPPORTED, claim


def test_a_contradicted_claim_about_a_moment_no_fact_names_is_unsupported(lena: Clone) -> None:
    # "My usual coffee order is an oat milk latte.": nothing about today either way.
    lena.chat_model = ScriptedChatModel(CONTRADICTED, CONTRADICTED)
    [claim] = lena.check("I had an oat milk latte for breakfast today.").claims
    assert claim.verdict is Verdict.UNSUPPORTED, claim
    assert claim.judge.endswith("no fact is about today")
    [latte] = lena.check("I had an oat milk latte for breakfast.").claims
    assert latte.verdict is Verdict.CONTRADICTED  # no moment: the judge's word stands


def test_a_yes_to_a_question_about_a_moment_claims_that_moment(lena: Clone) -> None:
    # "Did you sleep well?" "Yes": about last night, which no fact is about; a denial of it
    # would be as unfounded as the yes.
    lena.chat_model = ScriptedChatModel(CONTRADICTED)
    answer = lena.check("Yes!", question="Did you sleep well?").claims[0]
    assert answer.text == "I did sleep well last night", answer
    assert answer.verdict is Verdict.UNSUPPORTED, answer


def test_a_fact_true_at_every_moment_still_contradicts_a_claim_about_one(lena: Clone) -> None:
    # "I have never fasted, for religion or for a diet."
    lena.chat_model = ScriptedChatModel(CONTRADICTED)
    [claim] = lena.check("I'm fasting today.").claims
    assert claim.verdict is Verdict.CONTRADICTED, claim
    assert any("never fasted" in lena.fact(i).text for i in claim.evidence)
