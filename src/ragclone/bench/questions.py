"""Question sets for the hallucination benchmark: the schema and a loader that reports bad lines.

A question set is JSON Lines, one question per line:

    {"id": "known-001", "question": "What's your sister's name?", "category": "known",
     "answers": ["Mina"], "forbidden": ["my brother is"], "as_of": "2019"}

- `id`: unique in the file.
- `question`: what the user asks the clone.
- `category`: `known` (the facts answer it), `unknown` (nothing does: the clone must decline),
  `false_premise` (it assumes something untrue: the clone must reject the premise), `as_of`
  (dated: the facts valid then answer it), `updated` (a superseded fact: the current one answers
  it), `chitchat` (no facts needed: the clone must not invent any).
- `answers`: what a correct answer contains, any one of them (for `false_premise`: the words that
  reject the premise). Required for `known`, `as_of`, `updated` and `false_premise`.
- `forbidden`: claims the answer must not make (the false premise, the superseded fact).
- `as_of`: ask as of this date (YYYY, YYYY-MM or YYYY-MM-DD).
- `facts`: optional ids or exact texts of the facts that answer it, shown to the scoring judge.

See `ragclone.bench.judge` for how answers and forbidden claims are matched.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ragclone.dates import normalize_date
from ragclone.errors import ConfigError

T = TypeVar("T")


class Category(StrEnum):
    """What a question tests, and so what a right answer does."""

    KNOWN = "known"
    UNKNOWN = "unknown"
    FALSE_PREMISE = "false_premise"
    AS_OF = "as_of"
    UPDATED = "updated"
    CHITCHAT = "chitchat"

    @property
    def answerable(self) -> bool:
        """Whether the facts answer it (a decline is then over-abstention)."""
        return self in ANSWERABLE


ANSWERABLE = frozenset({Category.KNOWN, Category.AS_OF, Category.UPDATED})
_NEEDS_ANSWERS = ANSWERABLE | {Category.FALSE_PREMISE}


class Question(BaseModel):
    """One benchmark question with its gold."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    category: Category
    answers: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    as_of: str | None = None
    facts: tuple[str, ...] = ()

    @field_validator("as_of")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return None if value is None else normalize_date(value)

    @field_validator("answers", "forbidden", "facts")
    @classmethod
    def _no_blanks(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        if any(not value.strip() for value in values):
            raise ValueError("holds an empty string")
        return values


class QuestionSetError(ConfigError):
    """A question set is invalid; every problem is listed with its line number."""

    def __init__(self, path: Path, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = list(problems)
        listed = "\n".join(f"  {problem}" for problem in self.problems[:20])
        more = f"\n  … and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        super().__init__(f"{path}: {len(self.problems)} invalid question(s):\n{listed}{more}")


def _problem(line_no: int, error: ValidationError) -> str:
    parts = []
    for detail in error.errors():
        field = ".".join(str(part) for part in detail["loc"]) or "line"
        if detail["type"] == "enum":
            known = ", ".join(category.value for category in Category)
            parts.append(f"{field}: unknown category {detail['input']!r} (one of {known})")
        elif detail["type"] == "extra_forbidden":
            parts.append(f"{field}: unknown field")
        else:
            parts.append(f"{field}: {detail['msg']}")
    return f"line {line_no}: " + "; ".join(parts)


def load_questions(path: str | Path) -> list[Question]:
    """The questions of a JSON Lines question set, all validated before any is returned.

    Raises:
        ConfigError: the file cannot be read.
        QuestionSetError: a line is not JSON, breaks the schema (its line number and field are
            named), repeats an id, or a question lacks the gold its category needs.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the question set {path}: {error}") from error
    questions: list[Question] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line_no, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"line {line_no}: not JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(raw, dict):
            problems.append(f"line {line_no}: expected a JSON object")
            continue
        try:
            question = Question.model_validate(raw)
        except ValidationError as error:
            problems.append(_problem(line_no, error))
            continue
        if question.id in seen:
            problems.append(f"line {line_no}: id: {question.id!r} repeats line {seen[question.id]}")
            continue
        seen[question.id] = line_no
        if question.category in _NEEDS_ANSWERS and not question.answers:
            problems.append(
                f"line {line_no}: answers: a {question.category.value} question needs at least one"
            )
            continue
        questions.append(question)
    if problems:
        raise QuestionSetError(path, problems)
    if not questions:
        raise QuestionSetError(path, ["no questions in the file"])
    return questions


def round_robin(items: Sequence[T], group: Callable[[T], Hashable], limit: int | None) -> list[T]:
    """At most `limit` items, taken in turn from each group (groups in order of first
    appearance, items in order within a group), so a short run still covers every group."""
    if limit is None or limit >= len(items):
        return list(items)
    groups: dict[Hashable, list[T]] = {}
    for item in items:
        groups.setdefault(group(item), []).append(item)
    chosen: list[T] = []
    index = 0
    while len(chosen) < limit:
        for pool in groups.values():
            if index < len(pool) and len(chosen) < limit:
                chosen.append(pool[index])
        index += 1
    return chosen


def stratified(questions: Sequence[Question], limit: int | None) -> list[Question]:
    """At most `limit` questions, taken round-robin over the categories, in file order."""
    chosen = {q.id for q in round_robin(questions, lambda question: question.category, limit)}
    return [question for question in questions if question.id in chosen]


def category_counts(questions: Sequence[Question]) -> dict[str, int]:
    """How many questions each category has."""
    counts = Counter(question.category.value for question in questions)
    return {category.value: counts[category.value] for category in Category if counts[category]}
