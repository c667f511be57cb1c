"""Messages as rows: JSON Lines or CSV with `author`, `timestamp` and `text`.

For chats from anywhere else: write one row per message. `timestamp` is ISO 8601 or seconds
since the epoch; an optional `kind` is one of `MessageKind`. Rows are read one at a time; a row
that cannot be read is reported with its line number.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from ragclone.errors import IngestError
from ragclone.ingest.messages import LineProblem, Message, MessageKind

REQUIRED = ("author", "timestamp", "text")


def parse_timestamp(value: Any) -> datetime:
    """An ISO 8601 string or epoch seconds as a naive datetime (aware ones become UTC)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)
    if not isinstance(value, str) or not value.strip():
        raise ValueError("timestamp must be an ISO 8601 string or epoch seconds")
    text = value.strip()
    if text.replace(".", "", 1).isdigit():
        return datetime.fromtimestamp(float(text), UTC).replace(tzinfo=None)
    parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def row_message(row: dict[str, Any], line_no: int) -> Message:
    """A message from one row.

    Raises:
        ValueError: a required field is missing or invalid.
    """
    missing = [key for key in REQUIRED if key not in row]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    author = row["author"]
    if not isinstance(author, str) or not author.strip():
        raise ValueError("author must be a non-empty string")
    text = row["text"]
    if not isinstance(text, str):
        raise ValueError("text must be a string")
    kind = MessageKind(row.get("kind") or MessageKind.TEXT)
    return Message(author.strip(), parse_timestamp(row["timestamp"]), text, kind, line_no)


def jsonl_messages(lines: Iterable[tuple[int, str]]) -> Iterator[Message | LineProblem]:
    """Messages from JSON Lines, and the lines that could not be read."""
    for line_no, line in lines:
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("a line must be a JSON object")
            yield row_message(row, line_no)
        except (ValueError, TypeError) as e:
            yield LineProblem(line_no, line, str(e))


def csv_messages(lines: Iterable[tuple[int, str]]) -> Iterator[Message | LineProblem]:
    """Messages from CSV with a header row, and the rows that could not be read."""
    reader = csv.DictReader(line + "\n" for _, line in lines)
    if reader.fieldnames is None or any(key not in reader.fieldnames for key in REQUIRED):
        raise IngestError(f"a CSV export needs a header row with the columns {', '.join(REQUIRED)}")
    start = 2
    for row in reader:
        line_no, start = start, reader.line_num + 1
        try:
            yield row_message({k: v for k, v in row.items() if k is not None}, line_no)
        except (ValueError, TypeError) as e:
            yield LineProblem(line_no, ",".join(str(v) for v in row.values()), str(e))
