"""`ragclone bench` from the command line: routing, help, and bad input as one-line errors."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ragclone.cli import cli


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_help_names_both_benchmarks() -> None:
    code, output = invoke("bench", "--help")
    assert code == 0 and "QUESTIONS --clone NAME" in output and "locomo FILE" in output
    code, output = invoke("bench", "locomo", "--help")
    assert code == 0 and "--retrieval-only" in output and "recall@10" in output


def test_a_question_set_with_errors_is_refused_with_its_lines(tmp_path: Path) -> None:
    invoke("init", "sam")
    invoke("remember", "sam", "I have one sister.")
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        '{"id": "a", "question": "Q?", "category": "gossip"}\n{"id": "b"}\n', encoding="utf-8"
    )
    code, output = invoke("bench", str(questions), "--clone", "sam")
    assert code == 1
    assert "line 1: category: unknown category 'gossip'" in output
    assert "line 2: question: Field required" in output


def test_a_missing_clone_or_an_empty_one_is_refused(tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text('{"id": "u", "question": "Q?", "category": "unknown"}\n')
    code, output = invoke("bench", str(questions), "--clone", "nobody")
    assert code == 1 and "nobody" in output
    invoke("init", "empty")
    code, output = invoke("bench", str(questions), "--clone", "empty")
    assert code == 1 and "has no facts: there is nothing to benchmark" in output
    code, output = invoke("bench", str(questions), "--clone", "empty", "--rescore")
    assert code == 2 and "--rescore needs --out" in output


def test_a_locomo_file_outside_the_schema_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "locomo.json"
    bad.write_text('[{"sample_id": "x"}]', encoding="utf-8")
    code, output = invoke("bench", "locomo", str(bad), "--retrieval-only")
    assert code == 1 and "expected an object with a 'conversation' object" in output
