"""Messages into conversations (split at idle gaps) and conversations into history snippets.

A message more than `gap` after the one before starts a new conversation. A conversation is
stored as snippets of consecutive messages ("Name: text" lines), small enough to embed well.
Snippet ids depend on the source, the conversation's first message and the snippet's place in
it, so a re-ingested export maps onto the same ids: unchanged snippets are skipped, and the last
snippet of a conversation that grew in a newer export is replaced rather than duplicated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import timedelta

from ragclone.ingest.messages import Message
from ragclone.models import HistorySnippet, snippet_id

DEFAULT_GAP = timedelta(hours=3)
MAX_SNIPPET_MESSAGES = 8
MAX_SNIPPET_CHARS = 800


def split_conversations(
    messages: Iterable[Message], *, gap: timedelta = DEFAULT_GAP
) -> Iterator[list[Message]]:
    """Consecutive messages, a new conversation after every idle gap longer than `gap`.

    Streams: one conversation is held at a time. A line out of time order in the file (an
    earlier timestamp than the one before) stays in the conversation it appears in.
    """
    current: list[Message] = []
    latest = None
    for message in messages:
        if current and latest is not None and message.timestamp - latest > gap:
            yield current
            current = []
            latest = None
        current.append(message)
        latest = message.timestamp if latest is None else max(latest, message.timestamp)
    if current:
        yield current


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def conversation_snippets(
    conversation: list[Message],
    *,
    source: str,
    is_own: Callable[[str], bool],
    rename: Callable[[str], str] | None = None,
    max_messages: int = MAX_SNIPPET_MESSAGES,
    max_chars: int = MAX_SNIPPET_CHARS,
) -> list[HistorySnippet]:
    """The snippets of one conversation (its messages that are speech).

    Args:
        conversation: the messages, in order.
        source: the export's stable name; part of every id.
        is_own: whether an author is the person being cloned.
        rename: what to store instead of a name or phone number (pseudonymisation).
        max_messages: messages per snippet at most.
        max_chars: characters per snippet, about (a single long message is kept whole).
    """
    first = conversation[0]
    conversation_id = "conv_" + _digest(source, first.timestamp.isoformat(), str(first.author))
    speech = [m for m in conversation if m.is_speech]
    snippets: list[HistorySnippet] = []
    chunk: list[Message] = []
    size = 0
    before = ""

    def flush() -> None:
        nonlocal before
        authors = [str(m.author) for m in chunk]
        names = {a: (rename(a) if rename and not is_own(a) else a) for a in authors}
        lines = [f"{names[str(m.author)]}: {rename_text(m.text)}" for m in chunk]
        snippets.append(
            HistorySnippet(
                id=snippet_id(conversation_id, len(snippets)),
                text="\n".join(lines),
                conversation_id=conversation_id,
                start=chunk[0].timestamp,
                end=chunk[-1].timestamp,
                participants=tuple(dict.fromkeys(names[a] for a in authors)),
                own=any(is_own(a) for a in authors),
                own_authors=tuple(dict.fromkeys(a for a in authors if is_own(a))),
                source=source,
                lines=tuple(m.line_no for m in chunk),
                place=len(snippets),
                before=before,
            )
        )
        before = lines[-1]

    def rename_text(text: str) -> str:
        return rename(text) if rename else text

    for message in speech:
        length = len(message.text) + len(str(message.author)) + 2
        if chunk and (len(chunk) >= max_messages or size + length > max_chars):
            flush()
            chunk, size = [], 0
        chunk.append(message)
        size += length
    if chunk:
        flush()
    return snippets
