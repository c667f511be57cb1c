"""Per-configuration and per-category scores of a benchmark run (pure arithmetic, no I/O)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, Field

from ragclone.bench.judge import Judgement
from ragclone.bench.questions import Category


class AnswerRecord(BaseModel):
    """One question answered under one configuration, and how the judge scored it."""

    config: str
    question_id: str
    category: Category
    question: str
    as_of: str | None = None
    answer: str
    draft: str | None = Field(default=None, description="the answer before the policy changed it")
    flagged: int = Field(default=0, description="claims the grounding checker flagged")
    seconds: float = Field(description="the turn's latency, generation and check included")
    tokens: int = Field(description="model tokens the turn used (prompt + completion, all calls)")
    judgement: Judgement


class Scores(BaseModel):
    """The scores of a group of answers."""

    n: int
    accuracy: float
    hallucination_rate: float
    decline_rate: float
    over_abstention: float | None = Field(
        description="declines among answerable (known, as_of, updated) questions"
    )
    flagged_rate: float = Field(description="answers with a claim the checker flagged")
    latency_p50: float
    latency_p95: float
    tokens_mean: float
    unverified: int = Field(description="sentences the judge could not settle (no judge model)")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def scores(records: Sequence[AnswerRecord]) -> Scores:
    """Accuracy, hallucination and decline rates, latency and tokens of `records`."""
    n = len(records)
    answerable = [r for r in records if r.category.answerable]

    def rate(count: int, total: int) -> float:
        return round(count / total, 4) if total else 0.0

    return Scores(
        n=n,
        accuracy=rate(sum(r.judgement.correct for r in records), n),
        hallucination_rate=rate(sum(r.judgement.hallucinated for r in records), n),
        decline_rate=rate(sum(r.judgement.declined for r in records), n),
        over_abstention=(
            rate(sum(r.judgement.declined for r in answerable), len(answerable))
            if answerable
            else None
        ),
        flagged_rate=rate(sum(r.flagged > 0 for r in records), n),
        latency_p50=round(percentile([r.seconds for r in records], 50), 3),
        latency_p95=round(percentile([r.seconds for r in records], 95), 3),
        tokens_mean=round(sum(r.tokens for r in records) / n, 1) if n else 0.0,
        unverified=sum(len(r.judgement.unverified) for r in records),
    )


class ConfigScores(BaseModel):
    """A configuration's scores overall and per category."""

    config: str
    overall: Scores
    categories: dict[str, Scores]


def score_run(records: Sequence[AnswerRecord], configs: Sequence[str]) -> list[ConfigScores]:
    """Scores per configuration (in the order given) and per category within it."""
    result = []
    for config in configs:
        mine = [r for r in records if r.config == config]
        if not mine:
            continue
        categories = {
            category.value: scores([r for r in mine if r.category is category])
            for category in Category
            if any(r.category is category for r in mine)
        }
        result.append(ConfigScores(config=config, overall=scores(mine), categories=categories))
    return result
