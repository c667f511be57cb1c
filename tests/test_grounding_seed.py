"""The seed cases that made ragclone necessary, as regression tests on the real default judge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ragclone import Clone, SentenceTransformerEmbedder
from ragclone.chat import LocalChatModel
from ragclone.models import Verdict

pytestmark = pytest.mark.slow

SEED_FACTS = [
    ("I study computer science at university.", "education"),
    ("I never took AP Computer Science A (AP CSA).", "education"),
    ("I learned to program on my own; my high school did not offer computer science.", "education"),
    ("I have one sister and no brother.", "relationship"),
    ("I do not play any sports.", "behaviour"),
    ("I have never fasted.", "behaviour"),
    ("I like reading science fiction.", "preference"),
]


@pytest.fixture(scope="module")
def seed_clone(
    tmp_path_factory: pytest.TempPathFactory,
    embedder: SentenceTransformerEmbedder,
    default_gguf: Path,
) -> Iterator[Clone]:
    home = tmp_path_factory.mktemp("seed")
    with Clone("seed", home=home, embedder=embedder) as clone:
        for text, kind in SEED_FACTS:
            clone.remember(text, kind=kind)
        clone.chat_model = LocalChatModel(default_gguf, threads=2)
        yield clone


@pytest.mark.parametrize(
    "text",
    [
        "I'm taking AP CSA this year.",
        "my broßer and I",
        "I play soccer on weekends.",
        "I'm fasting today.",
        "coronavirus kept me home all year",
    ],
)
def test_seed_hallucinations_are_flagged(seed_clone: Clone, text: str) -> None:
    report = seed_clone.check(text)
    assert report.claims, report
    assert all(claim.flagged for claim in report.claims), report.claims


@pytest.mark.parametrize("text", ["I study computer science.", "I have a sister."])
def test_seed_truths_are_supported(seed_clone: Clone, text: str) -> None:
    [claim] = seed_clone.check(text).claims
    assert claim.verdict is Verdict.SUPPORTED, claim
    assert claim.evidence


def test_a_brother_is_contradicted_not_supported_by_topic(seed_clone: Clone) -> None:
    [claim] = seed_clone.check("I have a brother.").claims
    assert claim.verdict is Verdict.CONTRADICTED


def test_texts_without_claims_give_empty_reports(seed_clone: Clone) -> None:
    for text in ("", "Hey! How are you?", "haha ok"):
        report = seed_clone.check(text)
        assert report.claims == []
    assert [s.reason for s in seed_clone.check("What about you?").skipped] == [
        "question to the user"
    ]


def test_a_premise_rejected_politely_is_supported_and_the_manners_skipped(
    seed_clone: Clone,
) -> None:
    # Seen in the hallucination benchmark: the apology was judged "unsupported", and `strict`
    # replaced this right answer with "I don't really know".
    report = seed_clone.check("Oh, I'm sorry, but I don't have a brother. I'm doing well, thanks!")
    assert [(c.text, c.verdict) for c in report.claims] == [
        ("I don't have a brother", Verdict.SUPPORTED)
    ]
    assert {s.reason for s in report.skipped} == {"pleasantry"}


def test_a_sentence_restating_a_fact_is_checked_whole(seed_clone: Clone) -> None:
    # Split at ";", "my high school did not offer computer science" was judged alone, flagged.
    text = "I learned to program on my own; my high school did not offer computer science."
    assert [c.verdict for c in seed_clone.check(text).claims] == [Verdict.SUPPORTED]


def test_a_long_text_is_cut_and_says_so(seed_clone: Clone) -> None:
    filler = "The weather was nice. " * 2500  # about 55 kB, no claims about the person
    report = seed_clone.check(filler + "I play soccer on weekends.")
    assert report.truncated and report.claims == []
    assert len(report.skipped) > 100


def test_a_claim_in_another_language_is_checked_and_flagged(seed_clone: Clone) -> None:
    [claim] = seed_clone.check("Juego al fútbol todos los fines de semana.").claims
    assert claim.flagged


def test_the_model_splits_a_compound_sentence_the_rules_cannot(seed_clone: Clone) -> None:
    report = seed_clone.check("I have a sister and like reading science fiction in the evenings.")
    assert len(report.claims) == 2, report.claims
    assert report.claims[0].verdict is Verdict.SUPPORTED


@pytest.fixture(scope="module")
def friend_clone(
    tmp_path_factory: pytest.TempPathFactory,
    embedder: SentenceTransformerEmbedder,
    seed_clone: Clone,
) -> Iterator[Clone]:
    with Clone("friend", home=tmp_path_factory.mktemp("friend"), embedder=embedder) as clone:
        for text in ("My roommate Aisha Bello studies biomedical engineering.", SEED_FACTS[3][0]):
            clone.remember(text, kind="relationship")
        clone.chat_model = seed_clone.chat_model
        yield clone


def test_an_invention_about_someone_in_the_persons_life_is_flagged(friend_clone: Clone) -> None:
    [claim] = friend_clone.check("Aisha's birthday is on October 18.").claims
    assert claim.flagged, claim


def test_a_fact_about_someone_in_the_persons_life_is_supported(friend_clone: Clone) -> None:
    [claim] = friend_clone.check("Aisha studies biomedical engineering.").claims
    assert claim.verdict is Verdict.SUPPORTED, claim
    report = friend_clone.check("Boston is lovely in the fall.")
    assert report.claims == []  # a place, not a person of their life
