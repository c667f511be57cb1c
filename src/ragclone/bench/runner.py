"""Run a question set against a clone under several configurations, resumably.

Configurations:
- `style_only`: the chat model with only the person's name, no retrieval (what a fine-tune alone
  does).
- `rag`: the clone's turn with retrieval, no check (policy `off`).
- `rag+check:<policy>`: the full turn under a grounding policy (`annotate`, `regenerate`,
  `strict`); `rag+check` means all three.

Every configuration goes through the real pipeline. Greedy decoding makes the same prompt give
the same completion, so model calls are memoised within a question: `rag+check:*` reuse `rag`'s
draft and each other's checks instead of recomputing them. The turn's latency still counts the
original time of a replayed call, so each configuration's latency is what a user would wait.

A run lives in a directory: `run.json` (its settings), `answers.jsonl` (one line per answered
question and configuration, appended as it goes), then `results.json`, `report.md` and
`chart.png`. Running again on the same directory resumes: answered pairs are skipped.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from ragclone import prompts
from ragclone.bench.judge import AnswerJudge
from ragclone.bench.metrics import AnswerRecord, ConfigScores, score_run
from ragclone.bench.questions import Question, category_counts, load_questions, stratified
from ragclone.chat import ChatModel, Completion, Message
from ragclone.errors import ConfigError
from ragclone.models import Usage
from ragclone.policy import Policy
from ragclone.turn import persona_card

if TYPE_CHECKING:
    from ragclone.clone import Clone

STYLE_ONLY = "style_only"
RAG = "rag"
CHECK = "rag+check"
CONFIGS = (STYLE_ONLY, RAG, *(f"{CHECK}:{p.value}" for p in Policy if p is not Policy.OFF))
STYLE_ONLY_MAX_TOKENS = 160

Progress = Callable[[int, int], None]


def parse_configs(values: Sequence[str] | None) -> list[str]:
    """The configurations named (all by default); `rag+check` stands for every policy."""
    if not values:
        return list(CONFIGS)
    chosen: list[str] = []
    for value in values:
        for name in (part.strip().lower() for part in value.split(",")):
            if not name:
                continue
            expanded = [c for c in CONFIGS if c.startswith(CHECK)] if name == CHECK else [name]
            for config in expanded:
                if config not in CONFIGS:
                    known = ", ".join([*CONFIGS[:2], CHECK, *CONFIGS[2:]])
                    raise ConfigError(f"unknown configuration {name!r} (one of {known})")
                if config not in chosen:
                    chosen.append(config)
    if not chosen:
        raise ConfigError("no configuration named")
    return chosen


class ReplayingModel:
    """A chat model that answers a repeated request from memory, and keeps the score.

    Only valid with greedy decoding (the benchmark's turns and checks use temperature 0).
    """

    def __init__(self, model: ChatModel) -> None:
        self.model = model
        self._memory: dict[str, tuple[Completion, float]] = {}
        self.replayed_seconds = 0.0
        self.usage = Usage()

    def __getattr__(self, name: str) -> Any:  # n_ctx, count_tokens, …
        return getattr(self.model, name)

    @property
    def name(self) -> str:
        return self.model.name

    def forget(self) -> None:
        """Drop the memory (between questions) and zero the counters."""
        self._memory.clear()
        self.reset_counters()

    def reset_counters(self) -> None:
        """Zero the replayed time and the tokens (between turns)."""
        self.replayed_seconds = 0.0
        self.usage = Usage()

    def complete(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        json_schema: Mapping[str, Any] | None = None,
    ) -> Completion:
        key = json.dumps(
            [[dict(m) for m in messages], max_tokens, temperature, json_schema], sort_keys=True
        )
        if key in self._memory:
            completion, seconds = self._memory[key]
            self.replayed_seconds += seconds
        else:
            started = time.perf_counter()
            completion = self.model.complete(
                messages, max_tokens=max_tokens, temperature=temperature, json_schema=json_schema
            )
            self._memory[key] = (completion, time.perf_counter() - started)
        self.usage.prompt_tokens += completion.usage.prompt_tokens
        self.usage.completion_tokens += completion.usage.completion_tokens
        return completion

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int = 256, temperature: float = 0.2
    ) -> Iterator[str | Completion]:
        completion = self.complete(messages, max_tokens=max_tokens, temperature=temperature)
        yield completion.text
        yield completion


class RunSettings(BaseModel):
    """What a run is: resuming a directory requires the same settings."""

    questions: str
    questions_sha256: str
    clone: str
    model: str
    configs: list[str]
    question_ids: list[str]
    judge: str


class BenchResult(BaseModel):
    """A finished run: its settings, every answer and the scores."""

    settings: RunSettings
    categories: dict[str, int]
    scores: list[ConfigScores]
    records: list[AnswerRecord]
    started: str
    finished: str
    run_dir: str

    def score(self, config: str) -> ConfigScores:
        """The scores of one configuration."""
        for scored in self.scores:
            if scored.config == config:
                return scored
        raise KeyError(config)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def default_run_dir(clone: Clone, questions: Path) -> Path:
    """`<clone's directory>/bench/<question set>-<UTC time>`."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return clone.store.directory / "bench" / f"{questions.stem}-{stamp}"


def load_answers(path: Path) -> list[AnswerRecord]:
    """The answers a run has written. A last line cut off by an interruption is dropped (and
    removed from the file, so appending goes on cleanly); any other bad line is an error."""
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    records: list[AnswerRecord] = []
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            records.append(AnswerRecord.model_validate_json(line))
        except ValidationError as error:
            if line_no == len(lines):  # the unterminated last line of an interrupted write
                kept = "\n".join(lines[: line_no - 1])
                path.write_text(kept + ("\n" if kept else ""), encoding="utf-8")
                break
            raise ConfigError(f"{path}: line {line_no} is not an answer record: {error}") from error
    return records


def run(
    questions: str | Path,
    clone: Clone,
    *,
    configs: Sequence[str] | None = None,
    limit: int | None = None,
    out: str | Path | None = None,
    judge_model: bool = True,
    progress: Progress | None = None,
) -> BenchResult:
    """Ask every question under every configuration, score the answers, write the report.

    Args:
        questions: a JSON Lines question set (see `ragclone.bench.questions`).
        clone: the clone under test; its chat model answers (and, unless `judge_model` is
            False, also judges the sentences the scoring rules leave open).
        configs: configuration names (default: all); "rag+check" means every policy.
        limit: ask at most this many questions, spread over the categories.
        out: the run directory (default: a new one under the clone's directory). An existing
            run there with the same settings is resumed.
        judge_model: False scores by rules only; sentences they leave open are reported as
            unverified, not counted as hallucinations.
        progress: called with (turns done, turns in the run).

    Raises:
        ConfigError: a bad question set, an unknown configuration, a clone with no facts, or a
            run directory that holds a different run.
    """
    path = Path(questions)
    chosen = parse_configs(configs)
    if limit is not None and limit < 1:
        raise ConfigError(f"limit must be at least 1, not {limit}")
    asked = stratified(load_questions(path), limit)
    if clone.store.count() == 0:
        raise ConfigError(
            f"clone {clone.name!r} has no facts: there is nothing to benchmark against "
            "(load a biography first: ragclone load NAME PATH)"
        )
    model = clone.chat_model
    settings = RunSettings(
        questions=str(path.resolve()),
        questions_sha256=_sha256(path),
        clone=clone.name,
        model=model.name,
        configs=chosen,
        question_ids=[q.id for q in asked],
        judge="rules+model" if judge_model else "rules",
    )
    run_dir = Path(out) if out is not None else default_run_dir(clone, path)
    started = _open_run(run_dir, settings)
    answers_path = run_dir / "answers.jsonl"
    records = [
        r
        for r in load_answers(answers_path)
        if r.config in chosen and r.question_id in settings.question_ids
    ]
    done = {(r.config, r.question_id) for r in records}
    total = len(asked) * len(chosen)
    judge = AnswerJudge(
        clone.store.facts(include_superseded=True), model=model if judge_model else None
    )
    replaying = ReplayingModel(model)
    clone.chat_model = replaying
    if progress:
        progress(len(done), total)
    try:
        with answers_path.open("a", encoding="utf-8") as sink:
            for question in asked:
                replaying.forget()
                for config in chosen:
                    if (config, question.id) in done:
                        continue
                    record = _answer(clone, replaying, question, config, judge)
                    sink.write(record.model_dump_json() + "\n")
                    sink.flush()
                    records.append(record)
                    done.add((config, question.id))
                    if progress:
                        progress(len(done), total)
    finally:
        clone.chat_model = model
    order = {
        (c, q): n for n, (q, c) in enumerate((q, c) for q in settings.question_ids for c in chosen)
    }
    records.sort(key=lambda r: order[(r.config, r.question_id)])
    result = BenchResult(
        settings=settings,
        categories=category_counts(asked),
        scores=score_run(records, chosen),
        records=records,
        started=started,
        finished=datetime.now(UTC).isoformat(timespec="seconds"),
        run_dir=str(run_dir),
    )
    from ragclone.bench.report import write_report

    write_report(result, run_dir)
    return result


def rescore(run_dir: str | Path, clone: Clone, *, judge_model: bool = True) -> BenchResult:
    """Judge a run's stored answers again (after the judge or the gold changed) and rewrite
    its answers, results, report and chart. No question is asked again.

    The question set may have changed since in its gold (answers, forbidden claims, facts),
    not in what was asked: every question of the run must still be there with the same text,
    category and date.

    Raises:
        ConfigError: the directory holds no run, or a question of the run changed or is gone.
    """
    run_dir = Path(run_dir)
    settings_path = run_dir / "run.json"
    if not settings_path.exists():
        raise ConfigError(f"{run_dir} holds no benchmark run (no run.json)")
    saved = json.loads(settings_path.read_text(encoding="utf-8"))
    settings = RunSettings.model_validate(saved["settings"])
    path = Path(settings.questions)
    if not path.exists():
        raise ConfigError(f"{path}, the run's question set, is gone")
    by_id = {q.id: q for q in load_questions(path)}
    answers_path = run_dir / "answers.jsonl"
    stored = load_answers(answers_path)
    for record in stored:
        now = by_id.get(record.question_id)
        if now is None or (now.question, now.category, now.as_of) != (
            record.question,
            record.category,
            record.as_of,
        ):
            raise ConfigError(
                f"{path}: question {record.question_id!r} changed or is gone since the run; "
                "only the gold may change for a rescore"
            )
    judge = AnswerJudge(
        clone.store.facts(include_superseded=True),
        model=clone.chat_model if judge_model else None,
    )
    records = [
        record.model_copy(
            update={"judgement": judge.judge(by_id[record.question_id], record.answer)}
        )
        for record in stored
    ]
    answers_path.write_text(
        "".join(record.model_dump_json() + "\n" for record in records), encoding="utf-8"
    )
    settings.judge = "rules+model" if judge_model else "rules"
    settings.questions_sha256 = _sha256(path)
    saved["settings"] = settings.model_dump()
    settings_path.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    asked = [by_id[qid] for qid in settings.question_ids]
    result = BenchResult(
        settings=settings,
        categories=category_counts(asked),
        scores=score_run(records, settings.configs),
        records=records,
        started=str(saved["started"]),
        finished=datetime.now(UTC).isoformat(timespec="seconds"),
        run_dir=str(run_dir),
    )
    from ragclone.bench.report import write_report

    write_report(result, run_dir)
    return result


def _open_run(run_dir: Path, settings: RunSettings) -> str:
    """Create the run directory, or check that the run in it is this one; its start time."""
    settings_path = run_dir / "run.json"
    if settings_path.exists():
        saved = json.loads(settings_path.read_text(encoding="utf-8"))
        previous = RunSettings.model_validate(saved["settings"])
        if previous != settings:
            differing = [
                name
                for name in RunSettings.model_fields
                if getattr(previous, name) != getattr(settings, name)
            ]
            raise ConfigError(
                f"{run_dir} holds a different run ({', '.join(differing)} differ); "
                "give a new output directory to start another"
            )
        return str(saved["started"])
    run_dir.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    payload = {"settings": settings.model_dump(), "started": started}
    settings_path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return started


def _answer(
    clone: Clone, model: ReplayingModel, question: Question, config: str, judge: AnswerJudge
) -> AnswerRecord:
    model.reset_counters()
    started = time.perf_counter()
    if config == STYLE_ONLY:
        text, draft, flagged = _style_only(clone, model, question), None, 0
    else:
        policy = Policy.OFF if config == RAG else Policy(config.split(":", 1)[1])
        reply = clone.chat(question.question, as_of=question.as_of, policy=policy)
        text, draft = reply.text, reply.draft
        flagged = sum(claim.flagged for claim in reply.claims)
    seconds = time.perf_counter() - started + model.replayed_seconds
    tokens = model.usage.prompt_tokens + model.usage.completion_tokens
    return AnswerRecord(
        config=config,
        question_id=question.id,
        category=question.category,
        question=question.question,
        as_of=question.as_of,
        answer=text,
        draft=draft,
        flagged=flagged,
        seconds=round(seconds, 3),
        tokens=tokens,
        judgement=judge.judge(question, text),
    )


def _style_only(clone: Clone, model: ChatModel, question: Question) -> str:
    """The answer of the model that knows only the person's name: no retrieval, no check."""
    name, _ = persona_card(clone.store, clone.name)
    as_of = prompts.STYLE_ONLY_AS_OF.format(as_of=question.as_of) if question.as_of else ""
    messages = [
        {"role": "system", "content": prompts.STYLE_ONLY.format(name=name, as_of=as_of)},
        {"role": "user", "content": question.question},
    ]
    completion = model.complete(messages, max_tokens=STYLE_ONLY_MAX_TOKENS, temperature=0.0)
    return completion.text.strip()
