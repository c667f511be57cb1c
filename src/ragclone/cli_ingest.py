"""`ragclone ingest` and `ragclone search-history`: chat exports into a clone's history."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import click

from ragclone.cli_common import console, handle_errors, open_clone, print_json
from ragclone.ingest.exports import FORMATS
from ragclone.models import IngestReport

SKIPPED_SHOWN = 10


@click.command()
@click.argument("name")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--me",
    "me",
    multiple=True,
    required=True,
    help="The person's name as the export writes it; repeat for old display names.",
)
@click.option("--source", help="Name to store the chat under (default: the file name).")
@click.option(
    "--gap-hours",
    type=click.FloatRange(min=0, min_open=True),
    default=3.0,
    show_default=True,
    help="Idle hours after which a new conversation starts.",
)
@click.option("--pseudonymise", is_flag=True, help="Store other people's names as pseudonyms.")
@click.option("--format", "format_", type=click.Choice(FORMATS), help="Override detection.")
@click.option(
    "--date-order",
    type=click.Choice(["dmy", "mdy", "ymd"]),
    help="WhatsApp: the order of day and month, when the dates cannot tell.",
)
@click.option("--chat", help="Telegram: the chat of a whole-account export.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
@handle_errors
def ingest(
    ctx: click.Context,
    name: str,
    path: Path,
    me: tuple[str, ...],
    source: str | None,
    gap_hours: float,
    pseudonymise: bool,
    format_: str | None,
    date_order: str | None,
    chat: str | None,
    as_json: bool,
) -> None:
    """Store the chat export PATH as the history of clone NAME.

    WhatsApp (.txt or .zip), Telegram Desktop (.json), JSON Lines or CSV with author,
    timestamp and text. Running it again on the same export adds nothing.
    """
    clone = open_clone(ctx, name, create=True)

    def run(progress: Callable[[int, int], None] | None) -> IngestReport:
        return clone.ingest(
            path,
            me=list(me),
            source=source,
            gap=timedelta(hours=gap_hours),
            pseudonymise=pseudonymise,
            format=format_,
            date_order=date_order,
            chat=chat,
            progress=progress,
        )

    if as_json:
        print_json(run(None))
        return
    with click.progressbar(length=1, label="storing", file=sys.stderr, show_pos=True) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        report = run(progress)
    _summary(report)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _summary(report: IngestReport) -> None:
    out = console()
    kinds = ", ".join(
        f"{n} {kind}" for kind, n in sorted(report.kinds.items(), key=lambda item: -item[1])
    )
    out.print(
        f"{report.format} export {report.path}: {report.messages} messages ({kinds}), "
        f"{report.speech} spoken, {report.own_messages} by {' / '.join(report.me)}"
    )
    out.print(
        f"{_count(len(report.authors), 'author')}: {', '.join(report.authors)}"
        + (" (others pseudonymised)" if report.pseudonymised else "")
    )
    span = ""
    if report.first and report.last:
        span = f" from {report.first:%Y-%m-%d} to {report.last:%Y-%m-%d}"
    out.print(
        f"{_count(report.conversations, 'conversation')}{span}; snippets: {report.added} new, "
        f"{report.updated} updated, {report.unchanged} already stored; "
        f"{report.seconds:.1f} s"
    )
    for note in report.notes:
        out.print(f"note: {note}")
    if report.skipped:
        out.print(f"{len(report.skipped)} lines could not be read:")
        for line in report.skipped[:SKIPPED_SHOWN]:
            out.print(f"  line {line.line_no}: {line.reason}: {line.line[:80]!r}", markup=False)
        if len(report.skipped) > SKIPPED_SHOWN:
            out.print(f"  ... and {len(report.skipped) - SKIPPED_SHOWN} more (--json lists all)")


@click.command("search-history")
@click.argument("name")
@click.argument("query")
@click.option("-k", "k", default=8, show_default=True, type=click.IntRange(1, 1000))
@click.option("--own", is_flag=True, help="Only snippets the person wrote in.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.pass_context
@handle_errors
def search_history(
    ctx: click.Context, name: str, query: str, k: int, own: bool, as_json: bool
) -> None:
    """Show the chat-history snippets of clone NAME most relevant to QUERY."""
    clone = open_clone(ctx, name)
    if clone.store.history_lacks_parts():
        click.echo(
            "note: this history was stored by an older ragclone; ingest the same export again "
            "so that searches also find single sentences inside its snippets",
            err=True,
        )
    hits = clone.recall_history(query, k=k, own_only=own)
    if as_json:
        print_json(hits)
        return
    out = console()
    for hit in hits:
        snippet = hit.snippet
        when = f"{snippet.start:%Y-%m-%d %H:%M}" if snippet.start else ""
        out.print(f"[bold]{hit.score:.3f}[/bold] {snippet.source} {when}")
        out.print("  " + snippet.text.replace("\n", "\n  "), markup=False)
