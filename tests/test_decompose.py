"""Claim decomposition with a chat model: the model's split is used only when faithful."""

from __future__ import annotations

import json

from ragclone.decompose import ChatDecomposer, faithful, is_compound
from tests.conftest import ScriptedChatModel


def _answer(*claims: str) -> str:
    return json.dumps({"claims": list(claims)})


def test_a_faithful_split_from_the_model_is_used() -> None:
    model = ScriptedChatModel(_answer("I have a sister.", "I play chess every weekend with her."))
    claims = ChatDecomposer(model)("I have a sister and play chess every weekend with her")
    # The rules cannot split this (no subject after "and"); the model can.
    assert claims == ["I have a sister", "I play chess every weekend with her"]
    assert len(model.calls) == 1
    assert model.calls[0][-1]["content"].startswith("SENTENCE: I have a sister")


def test_simple_sentences_never_reach_the_model() -> None:
    model = ScriptedChatModel()
    assert ChatDecomposer(model)("I study computer science") == ["I study computer science"]
    assert not model.calls


def test_an_invented_claim_falls_back_to_the_rules() -> None:
    model = ScriptedChatModel(_answer("I have a brother.", "I play soccer on weekends."))
    sentence = "I have a sister and we both play chess on weekends"
    assert ChatDecomposer(model)(sentence) == ["I have a sister", "we both play chess on weekends"]


def test_unparseable_output_falls_back_to_the_rules() -> None:
    model = ScriptedChatModel("sure! here are the claims: one, two")
    sentence = "I have a sister and we both play chess on weekends"
    assert ChatDecomposer(model)(sentence) == ["I have a sister", "we both play chess on weekends"]


def test_faithfulness_and_compound_detection() -> None:
    sentence = "I moved to Atlanta in 2023, study CS and love it"
    assert faithful(["I moved to Atlanta in 2023", "I study CS", "I love it"], sentence)
    assert not faithful(["I moved to Atlanta in 2023"], sentence)  # drops half the sentence
    assert not faithful(["I moved to Paris with my husband"], sentence)
    assert is_compound(sentence) and not is_compound("I like tea and coffee")
