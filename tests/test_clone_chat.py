"""`clone.chat()` end to end: demo persona, real store, real embedder, the packaged default GGUF."""

from __future__ import annotations

import re

import pytest

from ragclone import Clone
from ragclone.models import Reply

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lena(lena_on_default_model: Clone) -> Clone:
    return lena_on_default_model


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", text.lower()))


def test_known_fact_is_answered_in_the_first_person(lena: Clone) -> None:
    reply = lena.chat("What do you study, and where?")
    assert "computer science" in reply.text.lower() or "cs" in words(reply.text)
    assert words(reply.text) & {"i", "i'm", "my", "im"}
    assert any("computer science at Georgia Tech" in h.fact.text for h in reply.facts)
    assert reply.usage.prompt_tokens > 100 and reply.usage.completion_tokens > 0
    assert reply.timings.generate > 0


def test_false_premise_is_rejected_and_the_store_is_untouched(lena: Clone) -> None:
    before = lena.store.count()
    reply = lena.chat("How is your brother doing?")
    text = reply.text.lower()
    # Rejecting the premise or declining are both right; inventing how "he" is doing is not.
    assert re.search(r"\b(no|not|don't|dont|never|only)\b", text), reply.text
    assert not re.search(r"\b(he's|he is|he was|him)\b", text), reply.text
    assert lena.store.count() == before


def test_streamed_follow_up_in_a_conversation(lena: Clone) -> None:
    conversation = lena.conversation()
    first = conversation.chat("Where do you live now?")
    assert "atlanta" in first.text.lower()
    events = list(conversation.chat("And where did you grow up?", stream=True))
    reply = events[-1]
    assert isinstance(reply, Reply)
    assert "".join(e for e in events[:-1] if isinstance(e, str)).strip() == reply.text
    assert "boston" in reply.text.lower() or "dorchester" in reply.text.lower()
