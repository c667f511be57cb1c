"""The benchmark runner: configurations, resumption, bad input, the report files; and one run
on the real default model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ragclone import Clone, SentenceTransformerEmbedder
from ragclone.bench.metrics import percentile
from ragclone.bench.runner import CONFIGS, load_answers, parse_configs, rescore, run
from ragclone.chat import LocalChatModel
from ragclone.errors import ConfigError
from tests.conftest import ScriptedChatModel


def question_set(path: Path, n_known: int = 2) -> Path:
    items = [
        {"id": f"k{n}", "question": q, "category": "known", "answers": [a]}
        for n, (q, a) in enumerate(
            [("What's your sister's name?", "Mina"), ("What's your favourite food?", "kimchi")][
                :n_known
            ]
        )
    ]
    items += [
        {"id": "u1", "question": "What's your blood type?", "category": "unknown"},
        {"id": "c1", "question": "Hey, how's it going?", "category": "chitchat"},
    ]
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    return path


@pytest.fixture
def lena(demo_home: Path, embedder: SentenceTransformerEmbedder) -> Clone:
    clone = Clone("lena-park", home=demo_home, embedder=embedder)
    clone.chat_model = ScriptedChatModel()
    return clone


def test_configurations_parse_and_expand() -> None:
    assert parse_configs(None) == list(CONFIGS)
    assert parse_configs(["rag", "rag+check"]) == [
        "rag",
        "rag+check:annotate",
        "rag+check:regenerate",
        "rag+check:strict",
    ]
    assert parse_configs(["style_only,rag+check:strict", "style_only"]) == [
        "style_only",
        "rag+check:strict",
    ]
    with pytest.raises(ConfigError, match=r"unknown configuration 'rag\+nli' \(one of"):
        parse_configs(["rag+nli"])


def test_percentile_interpolates() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0, 1.0], 95) == pytest.approx(4.8)


def test_an_interrupted_run_resumes_without_duplicates(lena: Clone, tmp_path: Path) -> None:
    questions = question_set(tmp_path / "q.jsonl")
    out = tmp_path / "run"
    configs = ["style_only", "rag", "rag+check:strict"]

    def interrupt_after_five(done: int, total: int) -> None:
        if done == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(questions, lena, configs=configs, out=out, progress=interrupt_after_five)
    assert len(load_answers(out / "answers.jsonl")) == 5
    # An interruption in the middle of a write leaves half a line: it is dropped and redone.
    with (out / "answers.jsonl").open("a", encoding="utf-8") as answers:
        answers.write('{"config": "rag", "question_id": "k2", "ans')

    seen: list[tuple[int, int]] = []
    result = run(
        questions, lena, configs=configs, out=out, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[0] == (5, 12) and seen[-1] == (12, 12)
    pairs = [(r.config, r.question_id) for r in load_answers(out / "answers.jsonl")]
    assert len(pairs) == 12 and len(set(pairs)) == 12
    assert [s.config for s in result.scores] == configs
    assert result.score("rag").overall.n == 4
    # The scripted model says "hmm, I don't know" to everything: right only where declining is.
    unknown = result.score("rag").categories["unknown"]
    assert unknown.accuracy == 1.0 and unknown.decline_rate == 1.0
    assert result.score("rag").categories["known"].accuracy == 0.0
    assert result.score("rag").overall.over_abstention == 1.0
    for name in ("run.json", "results.json", "report.md", "chart.png"):
        assert (out / name).stat().st_size > 0
    assert (out / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "| rag+check:strict | 4 |" in report
    saved = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert len(saved["records"]) == 12 and saved["categories"]["known"] == 2

    model = lena.chat_model
    assert isinstance(model, ScriptedChatModel)
    calls = len(model.calls)
    again = run(questions, lena, configs=configs, out=out)  # nothing left to ask
    assert len(again.records) == 12 and len(model.calls) == calls


def test_a_directory_holding_another_run_is_refused(lena: Clone, tmp_path: Path) -> None:
    questions = question_set(tmp_path / "q.jsonl", n_known=1)
    out = tmp_path / "run"
    run(questions, lena, configs=["rag"], out=out)
    with pytest.raises(ConfigError, match="holds a different run \\(configs differ\\)"):
        run(questions, lena, configs=["style_only"], out=out)
    with pytest.raises(ConfigError, match="holds no benchmark run"):
        rescore(tmp_path / "elsewhere", lena)


def test_a_clone_without_facts_is_not_benchmarked(clone: Clone, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="has no facts: there is nothing to benchmark"):
        run(question_set(tmp_path / "q.jsonl"), clone, out=tmp_path / "run")
    assert not (tmp_path / "run").exists()


def test_bad_limits_and_question_files_are_refused(lena: Clone, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="limit must be at least 1"):
        run(question_set(tmp_path / "q.jsonl"), lena, limit=0)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "?", "category": "gossip"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="line 1: category: unknown category 'gossip'"):
        run(bad, lena)


def test_rescoring_rejudges_the_stored_answers(lena: Clone, tmp_path: Path) -> None:
    questions = question_set(tmp_path / "q.jsonl", n_known=1)
    items = [json.loads(line) for line in questions.read_text().splitlines()]
    items[0]["answers"] = ["Nina"]
    questions.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    out = tmp_path / "run"
    lena.chat_model = ScriptedChatModel("My sister is Mina.")
    first = run(questions, lena, configs=["rag"], out=out, judge_model=False)
    assert first.settings.judge == "rules"
    assert first.score("rag").categories["known"].accuracy == 0.0
    again = rescore(out, lena, judge_model=False)
    assert [r.answer for r in again.records] == [r.answer for r in first.records]
    # New gold for the same questions: the answers are judged against it.
    items[0]["answers"] = ["Mina"]
    questions.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    regolded = rescore(out, lena, judge_model=False)
    assert regolded.score("rag").categories["known"].accuracy == 1.0
    items[0]["question"] = "Who is your sister?"
    questions.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    with pytest.raises(ConfigError, match="question 'k0' changed or is gone"):
        rescore(out, lena)


@pytest.mark.slow
def test_a_run_on_the_real_model(
    demo_home: Path, embedder: SentenceTransformerEmbedder, default_gguf: Path, tmp_path: Path
) -> None:
    clone = Clone("lena-park", home=demo_home, embedder=embedder)
    clone.chat_model = LocalChatModel(default_gguf, threads=2)
    questions = question_set(tmp_path / "q.jsonl", n_known=1)
    result = run(
        questions, clone, configs=["style_only", "rag", "rag+check:strict"], out=tmp_path / "run"
    )
    by_key = {(r.config, r.question_id): r for r in result.records}
    assert len(by_key) == 9
    sister = by_key[("rag", "k0")]
    assert sister.judgement.correct and "Mina" in sister.answer
    assert all(r.seconds > 0 and r.tokens > 0 for r in result.records)
    # The check reuses rag's draft: the strict turn costs more tokens than the plain one.
    assert by_key[("rag+check:strict", "k0")].tokens >= sister.tokens
    assert result.score("rag").overall.n == 3
