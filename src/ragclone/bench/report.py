"""A finished run as files: `results.json`, `report.md` and `chart.png`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ragclone.bench.metrics import ConfigScores, Scores

if TYPE_CHECKING:
    from ragclone.bench.runner import BenchResult


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def _row(name: str, scores: Scores) -> str:
    return (
        f"| {name} | {scores.n} | {_pct(scores.accuracy)} | {_pct(scores.hallucination_rate)} | "
        f"{_pct(scores.over_abstention)} | {_pct(scores.flagged_rate)} | "
        f"{scores.latency_p50:.1f} / {scores.latency_p95:.1f} | {scores.tokens_mean:.0f} |"
    )


_HEADER = (
    "| configuration | answers | accuracy | hallucination | over-abstention | flagged | "
    "latency p50 / p95 (s) | tokens / turn |\n|---|---|---|---|---|---|---|---|"
)


def markdown(result: BenchResult) -> str:
    """The run as Markdown: settings, a table per configuration, then per category."""
    settings = result.settings
    counts = ", ".join(f"{name} {n}" for name, n in result.categories.items())
    lines = [
        f"# Hallucination benchmark: {settings.clone}",
        "",
        f"- questions: `{Path(settings.questions).name}` ({len(settings.question_ids)}: {counts})",
        f"- model: `{settings.model}`; judge: {settings.judge}",
        f"- run: {result.started} to {result.finished}",
        "",
        _HEADER,
        *(_row(scored.config, scored.overall) for scored in result.scores),
        "",
        "Accuracy by category:",
        "",
        _category_table(result.scores, "accuracy"),
        "",
        "Hallucination rate by category:",
        "",
        _category_table(result.scores, "hallucination_rate"),
        "",
    ]
    unverified = sum(scored.overall.unverified for scored in result.scores)
    if unverified:
        lines.append(f"{unverified} sentences were left unverified (rules-only judge).")
    return "\n".join(lines) + "\n"


def _category_table(scored: list[ConfigScores], metric: str) -> str:
    categories = list(dict.fromkeys(c for s in scored for c in s.categories))
    header = "| configuration | " + " | ".join(categories) + " |"
    rule = "|---" * (len(categories) + 1) + "|"
    rows = []
    for s in scored:
        cells = [
            _pct(getattr(s.categories[c], metric)) if c in s.categories else "–" for c in categories
        ]
        rows.append(f"| {s.config} | " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *rows])


def chart(result: BenchResult, path: Path) -> None:
    """A bar chart of hallucination rate and accuracy per configuration, as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [s.config for s in result.scores]
    accuracy = [100 * s.overall.accuracy for s in result.scores]
    hallucination = [100 * s.overall.hallucination_rate for s in result.scores]
    positions = range(len(names))
    width = 0.38
    figure, axes = plt.subplots(figsize=(1.8 * len(names) + 2, 4.2), dpi=110)
    bars_h = axes.bar(
        [p - width / 2 for p in positions],
        hallucination,
        width,
        label="hallucination rate",
        color="#c0392b",
    )
    bars_a = axes.bar(
        [p + width / 2 for p in positions], accuracy, width, label="accuracy", color="#2e86c1"
    )
    axes.bar_label(bars_h, fmt="%.0f%%", fontsize=8)
    axes.bar_label(bars_a, fmt="%.0f%%", fontsize=8)
    axes.set_xticks(list(positions), names, fontsize=9)
    axes.set_ylim(0, 105)
    axes.set_ylabel("% of answers")
    axes.set_title(f"{result.settings.clone}: {len(result.settings.question_ids)} questions")
    axes.legend(loc="upper left", fontsize=8)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def write_report(result: BenchResult, run_dir: Path) -> None:
    """Write results.json, report.md and chart.png into `run_dir`."""
    (run_dir / "results.json").write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    (run_dir / "report.md").write_text(markdown(result), encoding="utf-8")
    chart(result, run_dir / "chart.png")
