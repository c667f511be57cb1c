"""Question sets: the schema, line-numbered errors, the shipped demo set, stratified limits."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ragclone.bench.questions import (
    Category,
    QuestionSetError,
    category_counts,
    load_questions,
    stratified,
)
from ragclone.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
DEMO_SET = ROOT / "benchmarks" / "questions" / "lena-park.jsonl"


def write(path: Path, *items: object) -> Path:
    lines = [item if isinstance(item, str) else json.dumps(item) for item in items]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_valid_set_loads_with_dates_normalised(tmp_path: Path) -> None:
    path = write(
        tmp_path / "q.jsonl",
        {
            "id": "a",
            "question": "Where do you live?",
            "category": "as_of",
            "answers": ["Boston"],
            "as_of": "2019",
        },
        "",
        "# a comment line",
        {"id": "b", "question": "What's your blood type?", "category": "unknown"},
    )
    questions = load_questions(path)
    assert [q.id for q in questions] == ["a", "b"]
    assert questions[0].as_of == "2019"
    assert questions[0].category is Category.AS_OF and questions[0].category.answerable
    assert not questions[1].category.answerable


def test_every_problem_is_reported_with_its_line_and_field(tmp_path: Path) -> None:
    path = write(
        tmp_path / "q.jsonl",
        {"id": "a", "question": "Q?", "category": "known", "answers": ["x"]},
        '{"id": "b", "question": ',
        {"id": "c", "question": "Q?", "category": "trivia"},
        {"id": "d", "category": "unknown"},
        {"id": "a", "question": "again", "category": "unknown"},
        {"id": "e", "question": "Q?", "category": "known"},
        {"id": "f", "question": "Q?", "category": "unknown", "as_of": "someday"},
        {"id": "g", "question": "Q?", "category": "unknown", "colour": "red"},
        "[1, 2]",
    )
    with pytest.raises(QuestionSetError) as caught:
        load_questions(path)
    problems = caught.value.problems
    assert len(problems) == 8
    assert problems[0].startswith("line 2: not JSON")
    assert problems[1].startswith("line 3: category: unknown category 'trivia'")
    assert "known, unknown, false_premise, as_of, updated, chitchat" in problems[1]
    assert problems[2] == "line 4: question: Field required"
    assert problems[3] == "line 5: id: 'a' repeats line 1"
    assert problems[4] == "line 6: answers: a known question needs at least one"
    assert problems[5].startswith("line 7: as_of:")
    assert problems[6] == "line 8: colour: unknown field"
    assert problems[7] == "line 9: expected a JSON object"
    assert "8 invalid question(s)" in str(caught.value)


def test_an_empty_or_unreadable_set_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QuestionSetError, match="no questions"):
        load_questions(write(tmp_path / "empty.jsonl", ""))
    with pytest.raises(ConfigError, match="cannot read"):
        load_questions(tmp_path / "missing.jsonl")


def test_the_demo_set_has_200_questions_in_every_category() -> None:
    questions = load_questions(DEMO_SET)
    counts = Counter(q.category for q in questions)
    assert len(questions) >= 200
    assert set(counts) == set(Category)
    assert all(n >= 20 for n in counts.values()), counts
    assert any(q.as_of for q in questions)


def test_a_limit_keeps_every_category_and_the_file_order() -> None:
    questions = load_questions(DEMO_SET)
    chosen = stratified(questions, 12)
    assert len(chosen) == 12
    assert category_counts(chosen) == {category.value: 2 for category in Category}
    positions = [questions.index(q) for q in chosen]
    assert positions == sorted(positions)
    assert stratified(questions, None) == questions
