"""Telegram Desktop's JSON export (`result.json`), of one chat or of a whole account.

Telegram writes a JSON document, so the file is loaded whole (exports of one chat are small; a
whole-account export names several chats, and `chat=` picks one). Service entries (calls, joins,
pins) become system messages, attachments media; a text made of entity pieces is joined.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ragclone.errors import IngestError
from ragclone.ingest.messages import LineProblem, Message, MessageKind, ParsedChat
from ragclone.ingest.reading import iter_lines

_MEDIA_KEYS = ("photo", "file", "media_type", "sticker_emoji", "poll", "contact_information")


def load_telegram(source: str | Path, *, chat: str | None = None) -> dict[str, Any]:
    """The chat object of a Telegram export (`{"name", "type", "messages": [...]}`).

    Raises:
        IngestError: the file is not a Telegram export, or names several chats and `chat`
            picks none of them.
    """
    name = str(source) if isinstance(source, Path) else "<text>"
    text = "\n".join(line for _, line in iter_lines(source, name=name))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as e:
        raise IngestError(f"{name} is not JSON (line {e.lineno}: {e.msg})") from e
    if isinstance(document, dict) and isinstance(document.get("messages"), list):
        return document
    chats = (document.get("chats") or {}).get("list") if isinstance(document, dict) else None
    if not isinstance(chats, list):
        raise IngestError(f"{name} is not a Telegram export: it has no messages")
    names = [str(c.get("name")) for c in chats if isinstance(c, dict)]
    chosen = [
        c for c in chats if isinstance(c, dict) and chat is not None and c.get("name") == chat
    ]
    if len(chosen) == 1:
        return dict(chosen[0])
    if len(chats) == 1 and chat is None:
        return dict(chats[0])
    raise IngestError(f"{name} holds {len(names)} chats; pick one with chat=: {', '.join(names)}")


def flatten_text(text: Any) -> str:
    """Telegram's text: a string, or a list of strings and entity objects with a "text"."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in text
            if isinstance(part, str | dict)
        )
    return ""


def telegram_messages(document: dict[str, Any]) -> Iterator[Message | LineProblem]:
    """The messages of one Telegram chat, and the entries that could not be read."""
    for position, entry in enumerate(document.get("messages") or [], 1):
        if not isinstance(entry, dict):
            yield LineProblem(position, repr(entry)[:200], "message entry is not an object")
            continue
        try:
            timestamp = datetime.fromisoformat(str(entry["date"]))
        except (KeyError, ValueError):
            yield LineProblem(position, json.dumps(entry)[:200], "no valid date")
            continue
        text = flatten_text(entry.get("text"))
        if entry.get("type") == "service":
            action = str(entry.get("action", "service")).replace("_", " ")
            actor = entry.get("actor")
            yield Message(
                None,
                timestamp,
                f"{actor} {action}" if actor else action,
                MessageKind.SYSTEM,
                position,
            )
            continue
        author = entry.get("from")
        kind = MessageKind.TEXT
        attachment = None
        if "location_information" in entry:
            kind = MessageKind.LOCATION
        elif "poll" in entry:
            kind = MessageKind.POLL
        elif any(key in entry for key in _MEDIA_KEYS):
            kind = MessageKind.MEDIA
            attachment = entry.get("file") or entry.get("photo")
        yield Message(
            str(author) if author else None,
            timestamp,
            text,
            kind if author else MessageKind.SYSTEM,
            position,
            edited="edited" in entry,
            attachment=str(attachment) if attachment else None,
        )


def parse_telegram(source: str | Path, *, chat: str | None = None) -> ParsedChat:
    """Parse a Telegram Desktop JSON export (a path, or its text).

    `LineProblem.line_no` is the entry's position in the `messages` list (1-based).

    Raises:
        IngestError: not a Telegram export, or several chats and none picked.
    """
    document = load_telegram(source, chat=chat)
    name = str(source) if isinstance(source, Path) else "<text>"
    return ParsedChat(source=name, format="telegram").collect(telegram_messages(document))
