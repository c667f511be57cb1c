"""LoCoMo (Maharana et al., 2024): a long two-person conversation with QA, as a clone benchmark.

`load_locomo` reads any file in LoCoMo's schema (a list of samples with `sample_id`,
`conversation` holding `speaker_a`, `speaker_b`, `session_N` turns and `session_N_date_time`,
and `qa`), tolerating the published file's quirks: malformed or absent evidence ids are dropped
and counted, phantom session dates are ignored, integer answers read as text.

`build_clone` turns a sample into a clone of one speaker: both speakers' turns are ingested as
the clone's chat history (a JSON Lines export, one turn per line, timestamped from its session's
date), one turn per snippet, and no hand-written facts. Then:

- `evidence_recall`: for each question of categories 1-4, the history search's hits in rank order
  until they hold k dialogue turns (a snippet of n turns uses n of the k; one that does not fit
  ends the list), and the share of the evidence turns among them: recall@k.
- `answer_questions`: the clone answers; categories 1-4 are scored with LoCoMo's token F1
  (category 1 over comma-separated parts, category 3 on the answer before ";"), category 5
  (adversarial: the fact belongs to the other speaker or to no one) by whether the clone declines.
"""

from __future__ import annotations

import json
import re
import string
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from ragclone.bench.judge import is_decline
from ragclone.bench.metrics import percentile
from ragclone.bench.questions import round_robin
from ragclone.errors import ConfigError

if TYPE_CHECKING:
    from ragclone.clone import Clone
    from ragclone.embeddings import Embedder

CATEGORIES = {1: "multi-hop", 2: "temporal", 3: "open-domain", 4: "single-hop", 5: "adversarial"}
# The clone's default: the checker reads the history, so what the speaker said stands and what
# the other speaker said of themselves is dropped (`annotate` gives the model's own answers).
LOCOMO_POLICY = "strict"
RECALL_KS = (5, 10)
_DIA_ID = re.compile(r"D(\d+):(\d+)")
_SESSION = re.compile(r"^session_(\d+)$")
_DATE_TIME = re.compile(
    r"(\d{1,2}):(\d{2})\s*([ap])\.?m\.?\s+on\s+(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4})", re.IGNORECASE
)
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {month: n for n, month in enumerate(_MONTH_NAMES.split(), start=1)}
_DECLINES = re.compile(
    r"not mentioned|no information|never mentioned|not something i|haven't said|never said"
)

Progress = Callable[[int, int], None]


class Turn(BaseModel):
    dia_id: str
    speaker: str
    text: str
    when: datetime


class QA(BaseModel):
    question: str
    answer: str | None
    evidence: tuple[str, ...]
    category: int


class Sample(BaseModel):
    """One LoCoMo conversation and its questions."""

    sample_id: str
    speakers: tuple[str, str]
    turns: list[Turn]
    qa: list[QA]
    notes: list[str] = Field(default_factory=list, description="quirks tolerated while loading")


def parse_session_date(text: str) -> datetime:
    """LoCoMo's "1:56 pm on 8 May, 2023"."""
    match = _DATE_TIME.search(text)
    if not match:
        raise ValueError(f"unreadable session date {text!r}")
    hour, minute, half, day, month, year = match.groups()
    if month.lower() not in _MONTHS:
        raise ValueError(f"unknown month in {text!r}")
    hour_24 = int(hour) % 12 + (12 if half.lower() == "p" else 0)
    return datetime(int(year), _MONTHS[month.lower()], int(day), hour_24, int(minute))


def _evidence(raw: Any, known: set[str]) -> tuple[tuple[str, ...], int]:
    """Valid evidence ids ("D30:05" read as "D30:5"), and how many entries were dropped."""
    items = raw if isinstance(raw, list) else [raw]
    found: list[str] = []
    dropped = 0
    for item in items:
        ids = [f"D{int(s)}:{int(t)}" for s, t in _DIA_ID.findall(str(item))]
        ids = [i for i in ids if i in known]
        dropped += 0 if ids else 1
        found.extend(i for i in ids if i not in found)
    return tuple(found), dropped


def _sample(raw: Any, index: int) -> Sample:
    where = f"sample {index + 1}"
    if not isinstance(raw, dict) or not isinstance(raw.get("conversation"), dict):
        raise ConfigError(f"{where}: expected an object with a 'conversation' object")
    sample_id = str(raw.get("sample_id") or f"sample-{index + 1}")
    where = f"sample {sample_id!r}"
    conversation = raw["conversation"]
    speakers = (conversation.get("speaker_a"), conversation.get("speaker_b"))
    if not all(isinstance(s, str) and s.strip() for s in speakers):
        raise ConfigError(f"{where}: conversation.speaker_a and speaker_b must be names")
    sessions = sorted((int(m.group(1)), key) for key in conversation if (m := _SESSION.match(key)))
    if not sessions:
        raise ConfigError(f"{where}: the conversation has no session_N turns")
    turns: list[Turn] = []
    notes: list[str] = []
    for _, key in sessions:
        date_key = f"{key}_date_time"
        try:
            start = parse_session_date(str(conversation.get(date_key, "")))
        except ValueError as error:
            raise ConfigError(f"{where}: {date_key}: {error}") from None
        for position, turn in enumerate(conversation[key] or []):
            if not isinstance(turn, dict) or not {"speaker", "dia_id", "text"} <= turn.keys():
                raise ConfigError(f"{where}: {key}[{position}] needs speaker, dia_id and text")
            text = str(turn["text"]).strip()
            if turn.get("blip_caption"):
                text += f" [shares a photo: {turn['blip_caption']}]"
            match = _DIA_ID.fullmatch(str(turn["dia_id"]).strip())
            dia_id = (
                f"D{int(match.group(1))}:{int(match.group(2))}" if match else str(turn["dia_id"])
            )
            turns.append(
                Turn(
                    dia_id=dia_id,
                    speaker=str(turn["speaker"]),
                    text=text or "(no text)",
                    when=start + timedelta(seconds=30 * position),
                )
            )
    phantom = [
        key
        for key in conversation
        if key.endswith("_date_time") and key.removesuffix("_date_time") not in conversation
    ]
    if phantom:
        notes.append(f"{len(phantom)} session dates without a session ignored")
    known = {t.dia_id for t in turns}
    qa: list[QA] = []
    dropped = 0
    for position, item in enumerate(raw.get("qa") or []):
        if not isinstance(item, dict) or "question" not in item or "category" not in item:
            raise ConfigError(f"{where}: qa[{position}] needs a question and a category")
        evidence, bad = _evidence(item.get("evidence", []), known)
        dropped += bad
        answer = item.get("answer")
        qa.append(
            QA(
                question=str(item["question"]),
                answer=None if answer is None else str(answer),
                evidence=evidence,
                category=int(item["category"]),
            )
        )
    if dropped:
        notes.append(f"{dropped} malformed or unknown evidence ids dropped")
    return Sample(sample_id=sample_id, speakers=speakers, turns=turns, qa=qa, notes=notes)


def load_locomo(path: str | Path) -> list[Sample]:
    """The samples of a LoCoMo-schema JSON file.

    Raises:
        ConfigError: the file is unreadable, not JSON, or a sample lacks what the schema needs.
    """
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from error
    except json.JSONDecodeError as error:
        raise ConfigError(f"{path}: not JSON ({error.msg}, line {error.lineno})") from error
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"{path}: expected a list of LoCoMo samples")
    return [_sample(item, n) for n, item in enumerate(raw)]


def write_export(sample: Sample, path: Path) -> dict[int, str]:
    """The sample's turns as a JSON Lines chat export; the line number of each dia_id."""
    lines: dict[int, str] = {}
    with path.open("w", encoding="utf-8") as out:
        for line_no, turn in enumerate(sample.turns, start=1):
            row = {"author": turn.speaker, "timestamp": turn.when.isoformat(), "text": turn.text}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            lines[line_no] = turn.dia_id
    return lines


def build_clone(
    sample: Sample, speaker: str | None, home: Path, *, embedder: Embedder | None = None
) -> tuple[Clone, dict[int, str]]:
    """A clone of `speaker` (default: the first) whose history is the whole conversation.

    Its one fact is the speaker's name from the file ("My name is Jon."), so that the model
    knows which speaker it is and the questions about "Jon" are about itself.
    """
    from ragclone.clone import Clone

    who = speaker or sample.speakers[0]
    if who not in sample.speakers:
        raise ConfigError(
            f"{sample.sample_id}: no speaker {who!r} (speakers: {', '.join(sample.speakers)})"
        )
    clone = Clone(_clone_name(sample.sample_id, who), home=home, embedder=embedder)
    export = clone.store.directory / "locomo-export.jsonl"
    lines = write_export(sample, export)
    clone.ingest(export, me=who, source=sample.sample_id, format="jsonl", snippet_messages=1)
    clone.remember(f"My name is {who}.", kind="identity", source=sample.sample_id)
    return clone, lines


def _clone_name(sample_id: str, speaker: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", f"locomo-{sample_id}-{speaker}".lower()).strip("-")


class RecallScores(BaseModel):
    """Evidence recall of one sample's questions (categories 1-4 with evidence)."""

    questions: int
    recall: dict[str, float] = Field(description='"recall@5", "recall@10": mean over questions')
    by_category: dict[str, dict[str, float]]
    seconds_per_query: float


def turns_within(hits: Sequence[Any], lines: dict[int, str], k: int) -> list[str]:
    """The dialogue turns of ranked history hits, until k turns are used."""
    chosen: list[str] = []
    for hit in hits:
        turns = [lines[n] for n in hit.snippet.lines if n in lines]
        if len(chosen) + len(turns) > k:
            break
        chosen.extend(turns)
    return chosen


def evidence_recall(sample: Sample, clone: Clone, lines: dict[int, str]) -> RecallScores:
    """recall@5 and recall@10 of the evidence turns, k counting dialogue turns."""
    asked = [qa for qa in sample.qa if qa.category != 5 and qa.evidence]
    per_k: dict[int, list[tuple[int, float]]] = {k: [] for k in RECALL_KS}
    started = time.perf_counter()
    for qa in asked:
        hits = clone.recall_history(qa.question, k=max(RECALL_KS))
        for k in RECALL_KS:
            found = set(turns_within(hits, lines, k))
            per_k[k].append((qa.category, sum(e in found for e in qa.evidence) / len(qa.evidence)))
    seconds = (time.perf_counter() - started) / max(len(asked), 1)

    def mean(values: Sequence[float]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    by_category = {
        CATEGORIES[c]: {
            f"recall@{k}": mean([r for cat, r in per_k[k] if cat == c]) for k in RECALL_KS
        }
        for c in sorted({qa.category for qa in asked})
    }
    return RecallScores(
        questions=len(asked),
        recall={f"recall@{k}": mean([r for _, r in per_k[k]]) for k in RECALL_KS},
        by_category=by_category,
        seconds_per_query=round(seconds, 4),
    )


_ARTICLES = re.compile(r"\b(a|an|the|and)\b")


def _normalize(text: str) -> list[str]:
    text = text.lower().replace(",", "")
    text = "".join(ch for ch in text if ch not in set(string.punctuation))
    return _ARTICLES.sub(" ", text).split()


def token_f1(prediction: str, gold: str) -> float:
    """LoCoMo's token F1 (SQuAD-style normalisation, without its Porter stemming)."""
    predicted, wanted = _normalize(prediction), _normalize(gold)
    common = sum((Counter(predicted) & Counter(wanted)).values())
    if not common:
        return 0.0
    precision, recall = common / len(predicted), common / len(wanted)
    return 2 * precision * recall / (precision + recall)


def answer_f1(prediction: str, gold: str, category: int) -> float:
    """The F1 LoCoMo computes for a category: multi-hop over comma-separated parts (each gold
    part's best match, averaged), open-domain on the gold before its first ";"."""
    if category == 1:
        predictions = [p for p in prediction.split(",") if p.strip()] or [prediction]
        parts = [g for g in gold.split(",") if g.strip()] or [gold]
        return sum(max(token_f1(p, g) for p in predictions) for g in parts) / len(parts)
    if category == 3:
        gold = gold.split(";")[0]
    return token_f1(prediction, gold)


def declines(answer: str) -> bool:
    """Whether an answer to an adversarial question declines instead of answering."""
    return is_decline(answer) or bool(_DECLINES.search(answer.lower()))


class AnsweredQA(BaseModel):
    question: str
    category: int
    gold: str | None
    answer: str
    f1: float | None = None
    declined: bool
    seconds: float


class AnswerScores(BaseModel):
    """Answers of one sample: F1 per category, adversarial declines, latency."""

    questions: int
    f1: dict[str, float]
    adversarial_decline_rate: float | None
    answerable_decline_rate: float | None = Field(
        default=None, description="declines on questions of categories 1-4 (over-abstention)"
    )
    latency_p50: float
    latency_p95: float
    answers: list[AnsweredQA]


def answer_questions(
    sample: Sample,
    clone: Clone,
    *,
    limit: int | None = None,
    categories: Collection[int] = (),
    policy: str = LOCOMO_POLICY,
    progress: Progress | None = None,
) -> AnswerScores:
    """The clone answers the sample's questions (at most `limit`, spread over categories; only
    those of `categories` when given)."""
    asked = [qa for qa in sample.qa if not categories or qa.category in categories]
    chosen = round_robin(asked, lambda qa: qa.category, limit)
    answered: list[AnsweredQA] = []
    for done, qa in enumerate(chosen):
        started = time.perf_counter()
        reply = clone.chat(qa.question, policy=policy)
        seconds = time.perf_counter() - started
        f1 = (
            None
            if qa.category == 5 or qa.answer is None
            else answer_f1(reply.text, qa.answer, qa.category)
        )
        answered.append(
            AnsweredQA(
                question=qa.question,
                category=qa.category,
                gold=qa.answer,
                answer=reply.text,
                f1=None if f1 is None else round(f1, 4),
                declined=declines(reply.text),
                seconds=round(seconds, 3),
            )
        )
        if progress:
            progress(done + 1, len(chosen))
    f1s: dict[str, float] = {}
    for category in sorted({a.category for a in answered if a.f1 is not None}):
        values = [a.f1 for a in answered if a.category == category and a.f1 is not None]
        f1s[CATEGORIES.get(category, str(category))] = round(sum(values) / len(values), 4)
    scored = [a.f1 for a in answered if a.f1 is not None]
    if scored:
        f1s["overall"] = round(sum(scored) / len(scored), 4)
    adversarial = [a for a in answered if a.category == 5]
    answerable = [a for a in answered if a.category != 5]
    return AnswerScores(
        questions=len(answered),
        f1=f1s,
        adversarial_decline_rate=(
            round(sum(a.declined for a in adversarial) / len(adversarial), 4)
            if adversarial
            else None
        ),
        answerable_decline_rate=(
            round(sum(a.declined for a in answerable) / len(answerable), 4) if answerable else None
        ),
        latency_p50=round(percentile([a.seconds for a in answered], 50), 3),
        latency_p95=round(percentile([a.seconds for a in answered], 95), 3),
        answers=answered,
    )


class SampleResult(BaseModel):
    sample_id: str
    speaker: str
    turns: int
    notes: list[str]
    retrieval: RecallScores
    answers: AnswerScores | None = None


def run_locomo(
    path: str | Path,
    *,
    sample: str | None = None,
    speaker: str | None = None,
    retrieval_only: bool = False,
    limit: int | None = None,
    categories: Collection[int] = (),
    policy: str = LOCOMO_POLICY,
    home: Path | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
) -> list[SampleResult]:
    """Evidence recall (and, unless `retrieval_only`, answers) for each sample of a LoCoMo file.

    Clones are built in `home` (default: a temporary directory, removed afterwards). Only the
    questions of `categories` are answered when given (recall is over categories 1-4 always).
    """
    if unknown := sorted(set(categories) - CATEGORIES.keys()):
        raise ConfigError(
            f"no LoCoMo category {', '.join(map(str, unknown))} (categories: 1-{max(CATEGORIES)})"
        )
    samples = load_locomo(path)
    if sample is not None:
        samples = [s for s in samples if s.sample_id == sample]
        if not samples:
            raise ConfigError(f"{path}: no sample {sample!r}")
    with tempfile.TemporaryDirectory(prefix="ragclone-locomo-") as scratch:
        where = home or Path(scratch)
        results = []
        for item in samples:
            clone, lines = build_clone(item, speaker, where, embedder=embedder)
            try:
                result = SampleResult(
                    sample_id=item.sample_id,
                    speaker=speaker or item.speakers[0],
                    turns=len(item.turns),
                    notes=item.notes,
                    retrieval=evidence_recall(item, clone, lines),
                )
                if not retrieval_only:
                    result.answers = answer_questions(
                        item,
                        clone,
                        limit=limit,
                        categories=categories,
                        policy=policy,
                        progress=progress,
                    )
            finally:
                clone.close()
            results.append(result)
    return results


def summarize(results: Sequence[SampleResult]) -> dict[str, Any]:
    """A LoCoMo run as JSON-ready figures: recall over all samples' questions ("recall@5",
    "recall@10"), the adversarial decline rate over all answers, then each sample."""
    questions = sum(r.retrieval.questions for r in results)
    figures: dict[str, Any] = {}
    for key in (f"recall@{k}" for k in RECALL_KS):
        weighted = sum(r.retrieval.recall[key] * r.retrieval.questions for r in results)
        figures[key] = round(weighted / questions, 4) if questions else 0.0
    figures["questions"] = questions
    adversarial = [a for r in results if r.answers for a in r.answers.answers if a.category == 5]
    if adversarial:
        declined = sum(a.declined for a in adversarial) / len(adversarial)
        figures["adversarial_decline_rate"] = round(declined, 4)
    answerable = [a for r in results if r.answers for a in r.answers.answers if a.category != 5]
    if answerable:
        declined = sum(a.declined for a in answerable) / len(answerable)
        figures["answerable_decline_rate"] = round(declined, 4)
    figures["samples"] = [r.model_dump(mode="json") for r in results]
    return figures
