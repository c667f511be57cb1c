"""The LoCoMo adapter: loading any file in the schema (with the published file's quirks), the
clone built from a conversation, evidence recall counting turns, LoCoMo's F1, declines; and the
conformance run on the shared LoCoMo file when it is there."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from ragclone.bench.locomo import (
    answer_f1,
    build_clone,
    declines,
    evidence_recall,
    load_locomo,
    parse_session_date,
    run_locomo,
    token_f1,
    turns_within,
)
from ragclone.cli import cli
from ragclone.embeddings import SentenceTransformerEmbedder
from ragclone.errors import ConfigError
from tests.conftest import SHARED_DATA

MINI = Path(__file__).parent / "data" / "mini-locomo.json"
LOCOMO = SHARED_DATA / "locomo" / "locomo-dev.json"


def test_session_dates_parse() -> None:
    assert parse_session_date("1:56 pm on 8 May, 2023") == datetime(2023, 5, 8, 13, 56)
    assert parse_session_date("12:09 am on 13 September, 2023") == datetime(2023, 9, 13, 0, 9)
    with pytest.raises(ValueError, match="unreadable"):
        parse_session_date("yesterday")


def test_a_file_loads_with_its_quirks_tolerated_and_counted() -> None:
    (sample,) = load_locomo(MINI)
    assert sample.speakers == ("Ana", "Ben")
    assert [t.dia_id for t in sample.turns] == ["D1:1", "D1:2", "D1:3", "D2:1", "D2:2"]
    assert sample.turns[2].text.endswith("[shares a photo: a photo of a tram]")
    assert sample.turns[3].when == datetime(2023, 6, 2, 10, 4)
    evidence = {qa.question: qa.evidence for qa in sample.qa}
    assert evidence["Where did Ana run her first half marathon?"] == ("D2:2", "D1:1")
    assert evidence["What hobbies do Ana and Ben have?"] == ("D2:1", "D2:2")
    assert evidence["When did Ana adopt Pixel?"] == ("D1:1",)  # "D1:01" read as D1:1
    assert sample.qa[3].answer == "2023" and sample.qa[4].answer is None
    assert sample.notes == [
        "1 session dates without a session ignored",
        "1 malformed or unknown evidence ids dropped",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "not JSON"),
        ("[]", "expected a list of LoCoMo samples"),
        ('[{"sample_id": "x"}]', "expected an object with a 'conversation' object"),
        ('[{"conversation": {"speaker_a": "A"}}]', "speaker_a and speaker_b must be names"),
        ('[{"conversation": {"speaker_a": "A", "speaker_b": "B"}}]', "has no session_N turns"),
        (
            '[{"conversation": {"speaker_a": "A", "speaker_b": "B", "session_1": [],'
            ' "session_1_date_time": "soon"}}]',
            "session_1_date_time: unreadable session date",
        ),
    ],
)
def test_a_file_outside_the_schema_is_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_locomo(path)


def test_turns_within_counts_dialogue_turns_not_chunks() -> None:
    lines = {1: "D1:1", 2: "D1:2", 3: "D1:3", 4: "D2:1"}

    def hit(*numbers: int) -> SimpleNamespace:
        return SimpleNamespace(snippet=SimpleNamespace(lines=numbers))

    hits = [hit(1, 2), hit(3, 4), hit(4)]
    assert turns_within(hits, lines, 2) == ["D1:1", "D1:2"]
    assert turns_within(hits, lines, 3) == ["D1:1", "D1:2"]  # the next chunk of 2 does not fit
    assert turns_within(hits, lines, 5) == ["D1:1", "D1:2", "D1:3", "D2:1", "D2:1"]


def test_token_f1_follows_locomo() -> None:
    assert token_f1("Pixel", "Pixel") == 1.0
    assert token_f1("The kitten is called Pixel.", "Pixel") == pytest.approx(2 / 5 * 2 / (1 + 1))
    assert token_f1("no", "Porto") == 0.0
    # multi-hop: each gold part's best match, averaged
    assert answer_f1("pottery, running", "running, pottery", 1) == 1.0
    assert answer_f1("pottery", "running, pottery", 1) == 0.5
    # open-domain: the gold before ";"
    assert answer_f1("yes", "yes; she likes it", 3) == 1.0


def test_declines_include_locomos_not_mentioned() -> None:
    assert declines("That was never mentioned.")
    assert declines("Hmm, I don't really know about that.")
    assert not declines("A lopsided blue vase.")


def test_the_clone_of_a_speaker_finds_the_evidence_turns(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    (sample,) = load_locomo(MINI)
    clone, lines = build_clone(sample, "Ana", tmp_path, embedder=embedder)
    assert clone.name == "locomo-mini-1-ana"
    assert clone.store.history_count() == 5  # one turn per snippet, both speakers
    assert set(lines.values()) == {t.dia_id for t in sample.turns}
    # Its one fact is its name, so the model knows which speaker it is.
    assert [f.text for f in clone.facts()] == ["My name is Ana."]
    scores = evidence_recall(sample, clone, lines)
    assert scores.questions == 4  # category 5 and the one without evidence are not scored
    assert scores.recall["recall@5"] == 1.0  # five turns: everything fits
    assert set(scores.by_category) == {"multi-hop", "temporal", "single-hop"}
    with pytest.raises(ConfigError, match="no speaker 'Cy'"):
        build_clone(sample, "Cy", tmp_path, embedder=embedder)


@pytest.mark.slow
@pytest.mark.skipif(not LOCOMO.exists(), reason="the shared LoCoMo file is not here")
def test_retrieval_only_on_the_shared_locomo_file() -> None:
    result = CliRunner().invoke(
        cli, ["bench", "locomo", str(LOCOMO), "--sample", "conv-30", "--retrieval-only", "--json"]
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    # conv-30 has 81 questions of categories 1-4 with valid evidence (SCHEMA.md counts)
    assert figures["questions"] == 81
    assert 0.3 < figures["recall@5"] <= figures["recall@10"] <= 1.0
    (sample,) = figures["samples"]
    assert sample["sample_id"] == "conv-30" and sample["turns"] == 369
    assert sample["answers"] is None


def test_answers_are_scored_per_category_with_declines_for_adversarial(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    from ragclone.bench.locomo import answer_questions
    from tests.conftest import ScriptedChatModel

    (sample,) = load_locomo(MINI)
    clone, _ = build_clone(sample, "Ana", tmp_path, embedder=embedder)
    # In the order round_robin asks them: one per category first (4, 1, 2, 5), then the rest.
    clone.chat_model = ScriptedChatModel(
        "My kitten is called Pixel.",
        "Running and pottery.",
        "In May 2023.",
        "That was never mentioned.",
    )
    scores = answer_questions(sample, clone, limit=4, policy="off")
    assert [a.category for a in scores.answers] == [4, 1, 2, 5]
    assert scores.f1["single-hop"] == round(token_f1("My kitten is called Pixel.", "Pixel"), 4)
    # one predicted part, "running pottery" ("and" dropped): F1 2/3 against each gold part
    assert scores.f1["multi-hop"] == 0.6667
    assert scores.adversarial_decline_rate == 1.0
    assert scores.answerable_decline_rate == 0.0
    assert scores.answers[3].f1 is None and scores.answers[3].declined


def test_only_the_categories_asked_for_are_answered(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    from ragclone.bench.locomo import answer_questions
    from tests.conftest import ScriptedChatModel

    (sample,) = load_locomo(MINI)
    clone, _ = build_clone(sample, "Ana", tmp_path, embedder=embedder)
    clone.chat_model = ScriptedChatModel("That was never mentioned.")
    scores = answer_questions(sample, clone, categories={5}, policy="off")
    adversarial = [qa for qa in sample.qa if qa.category == 5]
    assert [a.question for a in scores.answers] == [qa.question for qa in adversarial]
    assert scores.adversarial_decline_rate == 1.0 and scores.answerable_decline_rate is None
    with pytest.raises(ConfigError, match="no LoCoMo category 7"):
        run_locomo(MINI, categories=(7,), home=tmp_path, embedder=embedder)
