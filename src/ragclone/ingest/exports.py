"""Any supported chat export: the format told or detected, read as a stream of messages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ragclone.errors import ConfigError, IngestError
from ragclone.ingest.messages import DateOrder, LineProblem, Message, ParsedChat
from ragclone.ingest.reading import iter_lines, read_head
from ragclone.ingest.tabular import csv_messages, jsonl_messages
from ragclone.ingest.telegram import load_telegram, telegram_messages
from ragclone.ingest.whatsapp import whatsapp_reader

FORMATS = ("whatsapp", "telegram", "jsonl", "csv")
_SUFFIXES = {
    ".txt": "whatsapp",
    ".zip": "whatsapp",
    ".json": "telegram",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
}


@dataclass
class ExportReader:
    """An export that can be read, once or again, as messages and unreadable lines.

    Attributes:
        name: the file, for messages.
        format: "whatsapp", "telegram", "jsonl" or "csv".
        notes: what the parser assumed (filled in once `messages()` has started).
    """

    name: str
    format: str
    items: Callable[[], Iterator[Message | LineProblem]]
    notes: list[str] = field(default_factory=list)
    date_order: DateOrder | None = None

    def messages(self) -> Iterator[Message | LineProblem]:
        """Messages in file order, and the lines that could not be read."""
        return self.items()


def detect_format(path: Path) -> str:
    """The export format of a file, from its suffix, or from its first lines."""
    by_suffix = _SUFFIXES.get(path.suffix.lower())
    if by_suffix:
        return by_suffix
    head = read_head(path).lstrip()
    if head.startswith("{") and '"messages"' in head:
        return "telegram"
    if head.startswith("{"):
        return "jsonl"
    if head.split("\n", 1)[0].replace(" ", "").lower().startswith("author,"):
        return "csv"
    return "whatsapp"


def open_export(
    path: str | Path,
    *,
    format: str | None = None,
    date_order: DateOrder | str | None = None,
    chat: str | None = None,
) -> ExportReader:
    """A reader of a chat export file.

    Args:
        path: the export (`.txt`/`.zip` WhatsApp, `.json` Telegram, `.jsonl`, `.csv`).
        format: one of `FORMATS`, when the file's name does not say.
        date_order: WhatsApp only: "dmy", "mdy" or "ymd", when the dates are ambiguous.
        chat: Telegram only: which chat of a whole-account export.

    Raises:
        ConfigError: an unknown format.
        IngestError: the file is missing or unreadable.
    """
    source = Path(path)
    if not source.is_file():
        raise IngestError(f"no file at {source}")
    chosen = format or detect_format(source)
    if chosen not in FORMATS:
        raise ConfigError(f"format must be one of {', '.join(FORMATS)}, not {chosen!r}")
    name = str(source)
    if chosen == "whatsapp":
        whatsapp = whatsapp_reader(source, date_order=date_order)
        whatsapp.scan()
        return ExportReader(
            name, chosen, whatsapp.messages, notes=whatsapp.notes, date_order=whatsapp.date_order
        )
    if chosen == "telegram":
        document = load_telegram(source, chat=chat)
        return ExportReader(name, chosen, lambda: telegram_messages(document))
    rows = jsonl_messages if chosen == "jsonl" else csv_messages
    return ExportReader(name, chosen, lambda: rows(iter_lines(source, name=name)))


def parse_export(
    path: str | Path,
    *,
    format: str | None = None,
    date_order: DateOrder | str | None = None,
    chat: str | None = None,
) -> ParsedChat:
    """Parse any supported chat export into messages (in time order) and problems."""
    reader = open_export(path, format=format, date_order=date_order, chat=chat)
    parsed = ParsedChat(source=reader.name, format=reader.format, date_order=reader.date_order)
    parsed.collect(reader.messages())
    if not parsed.messages and not parsed.problems:
        raise IngestError(f"{reader.name} holds no messages")
    parsed.notes = list(reader.notes)
    return parsed
