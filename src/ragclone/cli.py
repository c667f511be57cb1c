"""The `ragclone` command line: parse arguments, call `Clone`, print. Nothing else lives here."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from ragclone import __version__
from ragclone.chat import chat_model_from_config
from ragclone.cli_bench import bench
from ragclone.cli_common import console, handle_errors, open_clone, print_json, text_or_stdin
from ragclone.cli_ingest import ingest, search_history
from ragclone.errors import RagcloneError
from ragclone.local_models import list_models
from ragclone.models import AuditEntry, Claim, Fact, FactKind, Hit, Reply
from ragclone.policy import DEFAULT_POLICY, Policy, parse_policy

POLICIES = click.Choice([p.value for p in Policy], case_sensitive=False)
POLICY_HELP = f"What to do with flagged claims [default: {DEFAULT_POLICY.value}]."
KINDS = click.Choice([k.value for k in FactKind], case_sensitive=False)
DEMO_CLONE = "lena-park"
DEMO_QUESTIONS = (
    "Do you have a brother?",
    "What do you study?",
    "Where do you live?",
    "Do you play soccer?",
    "What hobby did you give up?",
)


def _facts_table(facts: Sequence[Fact]) -> Table:
    table = Table(show_lines=False, pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("kind")
    table.add_column("valid")
    table.add_column("fact")
    for fact in facts:
        text = escape(fact.text) + (" [dim](superseded)[/dim]" if fact.is_superseded else "")
        table.add_row(fact.id, fact.kind.value, fact.validity(), text)
    return table


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ragclone")
@click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="RAGCLONE_HOME",
    help="Where clones live [env: RAGCLONE_HOME; default: the user data dir].",
)
@click.option(
    "--chroma-url",
    envvar="RAGCLONE_CHROMA_URL",
    help="Store in this Chroma server instead of on disk [env: RAGCLONE_CHROMA_URL].",
)
@click.pass_context
def cli(ctx: click.Context, home: Path | None, chroma_url: str | None) -> None:
    """Build a digital clone of a person that does not make things up about them."""
    resolved = home.expanduser().absolute() if home is not None else None
    ctx.obj = {"home": resolved, "chroma_url": chroma_url}


@cli.command()
@click.argument("name")
@click.pass_context
@handle_errors
def init(ctx: click.Context, name: str) -> None:
    """Create the clone NAME (nothing happens if it exists)."""
    clone = open_clone(ctx, name, create=True)
    click.echo(f"clone {clone.name!r} is ready ({clone.store.count()} facts)")


@cli.command()
@click.argument("name")
@click.argument("text")
@click.option("--kind", type=KINDS, default="other", show_default=True, help="What it is about.")
@click.option("--subject", help="Who it is about, if not the person themselves.")
@click.option("--valid-from", help="First date it holds: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--valid-until", help="Last date it holds, inclusive.")
@click.option("--source", default="cli", show_default=True, help="Where the fact comes from.")
@click.option("--tag", "tags", multiple=True, help="A label; repeat for more.")
@click.option("--supersedes", multiple=True, help="Id of a fact this one replaces; repeatable.")
@click.option("--unverified", is_flag=True, help="Mark the fact as not confirmed by the person.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored fact as JSON.")
@click.pass_context
@handle_errors
def remember(
    ctx: click.Context,
    name: str,
    text: str,
    kind: str,
    subject: str | None,
    valid_from: str | None,
    valid_until: str | None,
    source: str,
    tags: tuple[str, ...],
    supersedes: tuple[str, ...],
    unverified: bool,
    as_json: bool,
) -> None:
    """Store TEXT as a fact about the person of clone NAME."""
    fact = open_clone(ctx, name, create=True).remember(
        text,
        kind=kind,
        subject=subject,
        valid_from=valid_from,
        valid_until=valid_until,
        source=source,
        verified=not unverified,
        tags=tags,
        supersedes=supersedes,
    )
    if as_json:
        print_json(fact)
    else:
        click.echo(f"{fact.id}  {fact.text}")


@cli.command()
@click.argument("name")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the load report as JSON.")
@click.pass_context
@handle_errors
def load(ctx: click.Context, name: str, path: Path, as_json: bool) -> None:
    """Load a biography YAML file, or every one under a directory, into clone NAME."""
    started = time.perf_counter()
    report = open_clone(ctx, name, create=True).load_biography(path)
    if as_json:
        print_json(report)
        return
    click.echo(
        f"{len(report.files)} files, {report.total} facts: {len(report.added)} new, "
        f"{len(report.unchanged)} already stored ({report.passages} from 'about' text) "
        f"in {time.perf_counter() - started:.1f} s"
    )


@cli.command()
@click.argument("name")
@click.option("--kind", type=KINDS, help="Only facts of this kind.")
@click.option("--as-of", help="Only facts valid on this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
@click.pass_context
@handle_errors
def facts(
    ctx: click.Context, name: str, kind: str | None, as_of: str | None, as_json: bool
) -> None:
    """List the facts of clone NAME, oldest first."""
    found = open_clone(ctx, name).facts(kind=kind, as_of=as_of)
    if as_json:
        print_json(found)
        return
    console().print(_facts_table(found))
    click.echo(f"{len(found)} facts")


@cli.command()
@click.argument("name")
@click.argument("query")
@click.option("-k", "k", default=8, show_default=True, type=click.IntRange(1, 1000))
@click.option("--as-of", help="Only facts valid on this date.")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.pass_context
@handle_errors
def recall(
    ctx: click.Context, name: str, query: str, k: int, as_of: str | None, as_json: bool
) -> None:
    """Show the facts of clone NAME most relevant to QUERY."""
    hits = open_clone(ctx, name).recall(query, k=k, as_of=as_of)
    if as_json:
        print_json(hits)
        return
    _print_hits(hits)


def _print_hits(hits: Sequence[Hit]) -> None:
    for hit in hits:
        fact = hit.fact
        flag = ", superseded" if fact.is_superseded else ""
        click.echo(f"  {hit.score:.3f}  {fact.text}  [{fact.kind.value}, {fact.validity()}{flag}]")


@cli.command()
@click.argument("name")
@click.argument("fact_id")
@click.pass_context
@handle_errors
def forget(ctx: click.Context, name: str, fact_id: str) -> None:
    """Delete fact FACT_ID from clone NAME (its history is kept)."""
    fact = open_clone(ctx, name).forget(fact_id)
    click.echo(f"forgot {fact.id}  {fact.text}")


@cli.command()
@click.argument("name")
@click.argument("fact_id")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON.")
@click.pass_context
@handle_errors
def history(ctx: click.Context, name: str, fact_id: str, as_json: bool) -> None:
    """Show every recorded change to fact FACT_ID of clone NAME."""
    entries: list[AuditEntry] = open_clone(ctx, name).history(fact_id)
    if as_json:
        print_json(entries)
        return
    for entry in entries:
        note = f"  ({entry.note})" if entry.note else ""
        click.echo(f"{entry.at:%Y-%m-%d %H:%M:%S}  {entry.action:<10}  {entry.fact.text}{note}")


def _print_reply_facts(reply: Reply) -> None:
    click.echo("  facts used:")
    for hit in reply.facts[:5]:
        click.echo(f"    [{hit.fact.id}] {hit.fact.text}  ({hit.fact.validity()})")


def _print_reply(reply: Reply, *, show_facts: bool) -> None:
    click.echo(reply.text)
    if reply.draft is not None:
        click.echo(click.style(f"  (draft before the check: {reply.draft})", dim=True))
    _print_claims(reply.flagged)
    if show_facts:
        _print_reply_facts(reply)
    t = reply.timings
    click.echo(
        click.style(
            f"  [{reply.usage.prompt_tokens}+{reply.usage.completion_tokens} tokens; "
            f"retrieve {t.retrieve * 1000:.0f} ms, generate {t.generate:.1f} s]",
            dim=True,
        )
    )


@cli.command()
@click.argument("name")
@click.argument("question", required=False)
@click.option("--as-of", help="Answer as the person was on this date.")
@click.option("--model", "model_spec", help="A GGUF path, packaged model or openai:MODEL.")
@click.option(
    "--policy",
    type=POLICIES,
    help=f"What to do with flagged claims [default: {DEFAULT_POLICY.value}].",
)
@click.option("--json", "as_json", is_flag=True, help="Print the whole reply as JSON.")
@click.pass_context
@handle_errors
def ask(
    ctx: click.Context,
    name: str,
    question: str | None,
    as_of: str | None,
    model_spec: str | None,
    policy: str | None,
    as_json: bool,
) -> None:
    """Ask clone NAME one QUESTION (or read it from stdin) and print the answer."""
    clone = open_clone(ctx, name, model_spec=model_spec)
    reply = clone.chat(text_or_stdin(question), as_of=as_of, policy=policy)
    if as_json:
        print_json(reply)
    else:
        _print_reply(reply, show_facts=False)


CHAT_HELP = "/facts: what was retrieved last turn   /as-of DATE|now   /quit"


@cli.command()
@click.argument("name")
@click.option("--as-of", help="Answer as the person was on this date.")
@click.option("--model", "model_spec", help="A GGUF path, packaged model or openai:MODEL.")
@click.option(
    "--policy",
    type=POLICIES,
    help=f"What to do with flagged claims [default: {DEFAULT_POLICY.value}].",
)
@click.pass_context
@handle_errors
def chat(
    ctx: click.Context, name: str, as_of: str | None, model_spec: str | None, policy: str | None
) -> None:
    """Chat with clone NAME, streaming its answers. Commands: /facts, /as-of DATE, /quit.

    Each answer is checked and its flagged claims are listed under it. Answers stream with the
    annotate and off policies; with strict (the default) or regenerate the checked answer
    appears whole once it is checked.
    """
    clone = open_clone(ctx, name)
    if policy:
        clone.policy = parse_policy(policy)
    if model_spec:
        clone.chat_model = chat_model_from_config(model_spec)
    conversation = clone.conversation(as_of=as_of)
    click.echo(f"chatting with {clone.name} ({CHAT_HELP})")
    while True:
        try:
            line = click.prompt("you", prompt_suffix="> ", default="", show_default=False)
        except (EOFError, click.Abort):
            click.echo()
            return
        line = line.strip()
        if not line:
            continue
        if line in ("/quit", "/exit"):
            return
        if line == "/facts":
            if conversation.last_reply is None:
                click.echo("  (nothing retrieved yet)")
            else:
                _print_reply_facts(conversation.last_reply)
            continue
        if line.startswith("/as-of"):
            value = line.removeprefix("/as-of").strip()
            try:
                conversation.set_as_of(None if value in ("", "now") else value)
            except RagcloneError as e:
                click.echo(f"  {e}")
                continue
            click.echo(f"  answering as of {conversation.as_of or 'now'}")
            continue
        if line.startswith("/"):
            click.echo(f"  unknown command; {CHAT_HELP}")
            continue
        click.echo(f"{clone.name}> ", nl=False)
        reply = None
        for event in conversation.chat(line, stream=True):
            if isinstance(event, Reply):
                reply = event
            else:
                click.echo(event, nl=False)
        click.echo()
        if reply is not None:
            _print_claims(reply.flagged)
            t = reply.timings
            click.echo(
                click.style(
                    f"  [{len(reply.facts)} facts; generate {t.generate:.1f} s, "
                    f"check {t.check:.1f} s]",
                    dim=True,
                )
            )


VERDICT_STYLE = {"supported": "green", "contradicted": "red", "unsupported": "yellow"}


def _print_claims(claims: Sequence[Claim], *, indent: str = "  ") -> None:
    for claim in claims:
        verdict = click.style(f"{claim.verdict.value:<12}", fg=VERDICT_STYLE[claim.verdict.value])
        click.echo(f"{indent}{verdict} {claim.text}")
        by_id = {hit.fact.id: hit.fact for hit in claim.candidates}
        for fact_id in claim.evidence:
            fact = by_id.get(fact_id)
            if fact is not None:
                click.echo(f"{indent}    [{fact.id}] {fact.text}  ({fact.validity()})")
        if claim.correction:
            click.echo(f"{indent}    true instead: {claim.correction}")
        for hit in claim.history:
            when = f"{hit.snippet.start:%Y-%m-%d}" if hit.snippet.start else "an undated chat"
            decides = " (supports it)" if hit.snippet.id in claim.evidence else ""
            click.echo(f"{indent}    said in chat on {when}{decides}: {hit.snippet.text[:120]}")


@cli.command()
@click.argument("name")
@click.argument("text", required=False)
@click.option("--as-of", help="Check against the facts valid on this date.")
@click.option(
    "--question",
    help="The message TEXT answers: a leading yes or no claims its proposition, and what it "
    "takes for granted about someone it names is checked too.",
)
@click.option("--model", "model_spec", help="Judge with this model: GGUF path, name, openai:MODEL.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
@handle_errors
def check(
    ctx: click.Context,
    name: str,
    text: str | None,
    as_of: str | None,
    question: str | None,
    model_spec: str | None,
    as_json: bool,
) -> None:
    """Check each claim TEXT (or stdin) makes about the person of clone NAME."""
    clone = open_clone(ctx, name, model_spec=model_spec)
    report = clone.check(text_or_stdin(text), as_of=as_of, question=question)
    if as_json:
        print_json(report)
        return
    if report.premise is not None:
        click.echo("the question takes for granted:")
        _print_claims([report.premise])
    if report.denial is not None:
        click.echo(f"a fact denies what the question takes for granted: {report.denial}")
    if report.sidesteps is not None:
        click.echo(f"the question asks about {report.sidesteps}; the text says nothing of them")
    _print_claims(report.claims, indent="")
    for skipped in report.skipped:
        click.echo(click.style(f"skipped      {skipped.text}  ({skipped.reason})", dim=True))
    flagged = len(report.flagged)
    click.echo(f"{len(report.claims)} claims, {flagged} flagged, in {report.seconds:.1f} s")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.pass_context
@handle_errors
def models(ctx: click.Context, as_json: bool) -> None:
    """List the packaged chat models, which are installed, and the default."""
    found = list_models(ctx.find_root().obj.get("home"))
    if as_json:
        print_json(found)
        return
    configured = os.environ.get("RAGCLONE_CHAT_MODEL")
    for info in found:
        mark = "*" if info.default and not configured else " "
        state = "installed" if info.installed else "not installed"
        click.echo(f"{mark} {info.name:<30} {state:<14} {info.description}")
    if configured:
        click.echo(f"RAGCLONE_CHAT_MODEL={configured} replaces the default")
    else:
        click.echo("* the default; set RAGCLONE_CHAT_MODEL to a GGUF path, a name or openai:MODEL")


@cli.command()
@click.option(
    "--facts",
    "facts_path",
    type=click.Path(exists=True, path_type=Path),
    default=Path("facts"),
    show_default=True,
    help="The demo persona's biography.",
)
@click.option("--no-chat", is_flag=True, help="Only recall facts; do not load the chat model.")
@click.pass_context
@handle_errors
def demo(ctx: click.Context, facts_path: Path, no_chat: bool) -> None:
    """Load the demo persona (Lena Park) and chat with her on the embedded default model."""
    started = time.perf_counter()
    clone = open_clone(ctx, DEMO_CLONE, create=True)
    report = clone.load_biography(facts_path)
    click.echo(
        f"clone {clone.name!r}: {report.total} facts ({len(report.added)} new) "
        f"from {len(report.files)} files in {time.perf_counter() - started:.1f} s"
    )
    for question in DEMO_QUESTIONS:
        click.echo(f"\n> {question}")
        if no_chat:
            _print_hits(clone.recall(question, k=3))
        else:
            _print_reply(clone.chat(question), show_facts=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI."""
    cli.main(args=list(argv) if argv is not None else None, prog_name="ragclone")


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])

cli.add_command(ingest)
cli.add_command(bench)
cli.add_command(search_history)
