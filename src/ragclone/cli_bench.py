"""`ragclone bench`: the hallucination benchmark on a question set, and on LoCoMo."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ragclone.bench.locomo import LOCOMO_POLICY
from ragclone.bench.runner import CHECK, CONFIGS, BenchResult
from ragclone.cli_common import console, handle_errors, open_clone, print_json


class _BenchGroup(click.Group):
    """`ragclone bench QUESTIONS …` runs a question set; `ragclone bench locomo FILE …` LoCoMo."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_BenchGroup)
def bench() -> None:
    """Measure how often a clone makes things up.

    \b
    ragclone bench QUESTIONS --clone NAME    a question set, several configurations side by side
    ragclone bench locomo FILE               LoCoMo: evidence recall, answer F1, declines
    """


@bench.command("run")
@click.argument("questions", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--clone", "clone_name", required=True, help="The clone to benchmark.")
@click.option(
    "--configs",
    "configs",
    multiple=True,
    help=f"Comma-separated: {', '.join([*CONFIGS[:2], CHECK, *CONFIGS[2:]])} "
    "(rag+check = every policy). Default: all.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), help="At most N questions, every category kept."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Run directory; an interrupted run there is resumed. Default: a new one under the clone.",
)
@click.option("--rules-only", is_flag=True, help="Score without the judge model (faster, coarser).")
@click.option(
    "--rescore",
    is_flag=True,
    help="Judge the answers already in --out again, without asking anything.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.pass_context
@handle_errors
def run_questions(
    ctx: click.Context,
    questions: Path,
    clone_name: str,
    configs: tuple[str, ...],
    limit: int | None,
    out: Path | None,
    rules_only: bool,
    rescore: bool,
    as_json: bool,
) -> None:
    """Ask the QUESTIONS (JSON Lines) under each configuration and score the answers.

    Writes answers.jsonl, results.json, report.md and chart.png into the run directory.
    """
    from ragclone.bench.runner import rescore as rescore_run
    from ragclone.bench.runner import run

    clone = open_clone(ctx, clone_name)
    if rescore:
        if out is None:
            raise click.UsageError("--rescore needs --out, the run to judge again")
        result = rescore_run(out, clone, judge_model=not rules_only)
        if as_json:
            print_json(result.scores)
        else:
            _print_scores(result)
        return
    with click.progressbar(length=1, label="answering", file=sys.stderr, show_pos=True) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        result = run(
            questions,
            clone,
            configs=list(configs),
            limit=limit,
            out=out,
            judge_model=not rules_only,
            progress=progress,
        )
    if as_json:
        print_json(result.scores)
        return
    _print_scores(result)


def _print_scores(result: BenchResult) -> None:
    out = console()
    out.print(
        f"{'configuration':<24} {'accuracy':>9} {'halluc.':>8} {'over-abst.':>10} {'p50 s':>6}"
    )
    for scored in result.scores:
        s = scored.overall
        over = "–" if s.over_abstention is None else f"{100 * s.over_abstention:.1f}%"
        out.print(
            f"{scored.config:<24} {100 * s.accuracy:>8.1f}% {100 * s.hallucination_rate:>7.1f}% "
            f"{over:>10} {s.latency_p50:>6.1f}",
            highlight=False,
        )
    out.print(f"report: {Path(result.run_dir) / 'report.md'}", highlight=False)


@bench.command("locomo")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--sample", help="Only this sample_id (default: every sample in the file).")
@click.option("--speaker", help="The speaker to clone (default: each sample's speaker_a).")
@click.option("--retrieval-only", is_flag=True, help="Only score evidence recall; no answers.")
@click.option("--limit", type=click.IntRange(min=1), help="Answer at most N questions per sample.")
@click.option(
    "--category",
    "categories",
    type=click.IntRange(1, 5),
    multiple=True,
    help="Answer only the questions of this LoCoMo category (1-5; repeat for several; "
    "5 is adversarial).",
)
@click.option(
    "--policy",
    default=LOCOMO_POLICY,
    show_default=True,
    help="The grounding policy for the answers, checked against the conversation: 'annotate' "
    "keeps the model's answers as they are.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@handle_errors
def locomo(
    file: Path,
    sample: str | None,
    speaker: str | None,
    retrieval_only: bool,
    limit: int | None,
    categories: tuple[int, ...],
    policy: str,
    as_json: bool,
) -> None:
    """Clone one speaker of each LoCoMo conversation in FILE and score it.

    Prints evidence recall@5 and recall@10 (k counts dialogue turns) and, unless
    --retrieval-only, LoCoMo's token F1 per category and the rate at which the clone declines
    adversarial (category 5) questions.
    """
    from ragclone.bench.locomo import run_locomo, summarize

    def progress(done: int, total: int) -> None:
        if not as_json:
            click.echo(f"\r  answered {done}/{total}", nl=done == total, err=True)

    results = run_locomo(
        file,
        sample=sample,
        speaker=speaker,
        retrieval_only=retrieval_only,
        limit=limit,
        categories=categories,
        policy=policy,
        progress=progress,
    )
    if as_json:
        click.echo(json.dumps(summarize(results), indent=2))
        return
    out = console()
    for result in results:
        recall = result.retrieval.recall
        out.print(
            f"{result.sample_id} ({result.speaker}, {result.turns} turns): "
            f"recall@5 {recall['recall@5']:.3f}, recall@10 {recall['recall@10']:.3f} "
            f"over {result.retrieval.questions} questions",
            highlight=False,
        )
        for note in result.notes:
            out.print(f"  note: {note}", highlight=False)
        if result.answers is not None:
            f1 = ", ".join(f"{name} {value:.3f}" for name, value in result.answers.f1.items())
            answers = result.answers
            declined, over = (
                "–" if rate is None else f"{100 * rate:.1f}%"
                for rate in (answers.adversarial_decline_rate, answers.answerable_decline_rate)
            )
            out.print(
                f"  answers ({answers.questions}): F1 {f1}; adversarial declined {declined}; "
                f"answerable declined {over}; latency p50 {answers.latency_p50:.1f} s",
                highlight=False,
            )
