"""A chat export into a clone's history store, in two streaming passes.

The first pass reads every message and checks the export before anything is written: that it
parses, that `me` names one of its authors. The second pass splits conversations, builds
snippets and stores them slice by slice. Snippet ids are stable, so a failed or interrupted
ingest is repeated without duplicates, and a newer export of the same chat adds only what is new.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ragclone.errors import ConfigError, IngestError
from ragclone.ingest.conversations import (
    DEFAULT_GAP,
    MAX_SNIPPET_MESSAGES,
    conversation_snippets,
    split_conversations,
)
from ragclone.ingest.exports import ExportReader, open_export
from ragclone.ingest.messages import DateOrder, LineProblem, Message
from ragclone.ingest.pseudonyms import Pseudonymizer, load_key
from ragclone.models import HistorySnippet, IngestReport, SkippedLine

if TYPE_CHECKING:
    from ragclone.store import FactStore

Progress = Callable[[int, int], None]
_STRIP = dict.fromkeys(map(ord, "~\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"), None)


def normalize_name(name: str) -> str:
    """A display name as compared with `me`: no "~", bidi marks, case or extra spaces."""
    return " ".join(name.translate(_STRIP).split()).casefold()


def _me_names(me: str | Sequence[str]) -> list[str]:
    names = [me] if isinstance(me, str) else list(me)
    cleaned = [n for n in names if isinstance(n, str) and n.strip()]
    if not cleaned:
        raise ConfigError("me must name the person being cloned, as the export writes them")
    return cleaned


def ingest_export(
    store: FactStore,
    path: str | Path,
    *,
    me: str | Sequence[str],
    source: str | None = None,
    gap: timedelta = DEFAULT_GAP,
    pseudonymise: bool = False,
    key_dir: Path | None = None,
    format: str | None = None,
    date_order: DateOrder | str | None = None,
    chat: str | None = None,
    progress: Progress | None = None,
    snippet_messages: int = MAX_SNIPPET_MESSAGES,
) -> IngestReport:
    """Read an export and store its conversations in `store`'s history.

    Args:
        store: the clone's store.
        path: the export file.
        me: the person's author name, or several (people change display names).
        source: the name snippets are stored under; defaults to the file name without suffix.
            Give the same one to a newer export of the same chat if its file name differs.
        gap: idle time that starts a new conversation.
        pseudonymise: store other participants' names and phone numbers as pseudonyms.
        key_dir: where the pseudonym key lives (the clone's directory).
        format, date_order, chat: see `open_export`.
        progress: called with (spoken messages done, spoken messages in the export) as the
            second pass goes; the store is at most one slice (1,000 snippets) behind.
        snippet_messages: messages per snippet at most (8; 1 stores each message alone).

    Raises:
        IngestError: the export cannot be read, has no messages, or `me` is none of its
            authors (the error lists them); nothing is written then.
    """
    started = time.perf_counter()
    if gap <= timedelta(0):
        raise ConfigError(f"gap must be positive, not {gap}")
    if snippet_messages < 1:
        raise ConfigError(f"snippet_messages must be at least 1, not {snippet_messages}")
    names = _me_names(me)
    reader = open_export(path, format=format, date_order=date_order, chat=chat)
    report = IngestReport(
        source=source or Path(path).stem, path=str(path), format=reader.format, me=names
    )
    authors = _first_pass(reader, report)
    wanted = {normalize_name(n) for n in names}
    own_authors = {a for a in authors if normalize_name(a) in wanted}
    report.own_messages = sum(authors[a] for a in own_authors)
    if not own_authors:
        found = ", ".join(repr(a) for a in authors) or "none"
        wanted_names = " or ".join(map(repr, names))
        raise IngestError(f"{reader.name}: no author is {wanted_names}; authors found: {found}")
    others = [a for a in authors if a not in own_authors]
    rename = None
    if pseudonymise:
        if key_dir is None:
            raise ConfigError("pseudonymise needs key_dir, where the pseudonym key is kept")
        rename = Pseudonymizer(load_key(key_dir), others)
    report.pseudonymised = pseudonymise
    report.authors = [a if a in own_authors or rename is None else rename(a) for a in authors]

    done = 0

    def snippets() -> Iterator[HistorySnippet]:
        nonlocal done
        for conversation in split_conversations(_messages(reader), gap=gap):
            report.conversations += 1
            yield from conversation_snippets(
                conversation,
                source=report.source,
                is_own=own_authors.__contains__,
                rename=rename,
                max_messages=snippet_messages,
            )
            done += sum(1 for m in conversation if m.is_speech)
            if progress is not None:
                progress(done, report.speech)

    result = store.add_history(snippets())
    report.added, report.updated = len(result.added), len(result.updated)
    report.unchanged = len(result.unchanged)
    report.seconds = time.perf_counter() - started
    return report


def _messages(reader: ExportReader) -> Iterator[Message]:
    for item in reader.messages():
        if isinstance(item, Message):
            yield item


def _first_pass(reader: ExportReader, report: IngestReport) -> dict[str, int]:
    """Counts, authors (with their messages) and unreadable lines; nothing is stored."""
    kinds: Counter[str] = Counter()
    speakers: dict[str, int] = {}
    for item in reader.messages():
        if isinstance(item, LineProblem):
            report.skipped.append(
                SkippedLine(line_no=item.line_no, line=item.line, reason=item.reason)
            )
            continue
        kinds[item.kind.value] += 1
        if item.is_speech and item.author is not None:
            speakers[item.author] = speakers.get(item.author, 0) + 1
        if report.first is None or item.timestamp < report.first:
            report.first = item.timestamp
        if report.last is None or item.timestamp > report.last:
            report.last = item.timestamp
    report.messages = sum(kinds.values())
    report.kinds = dict(kinds)
    report.speech = sum(speakers.values())
    report.notes = list(reader.notes)
    if not report.speech:
        raise IngestError(f"{reader.name} has no messages that anyone wrote; nothing to store")
    return speakers
