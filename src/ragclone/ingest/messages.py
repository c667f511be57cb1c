"""What every chat-export parser produces: messages, the lines it could not read, the parse.

Plain slotted dataclasses rather than pydantic models: a large export has millions of messages,
and parsing must stay fast and small per message.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class MessageKind(StrEnum):
    """What a message is. Only `text` is someone speaking; the rest is kept but not stored."""

    TEXT = "text"
    MEDIA = "media"
    DELETED = "deleted"
    SYSTEM = "system"
    LOCATION = "location"
    CALL = "call"
    POLL = "poll"


class DateOrder(StrEnum):
    """The order of day, month and year in an export's dates."""

    DMY = "dmy"
    MDY = "mdy"
    YMD = "ymd"


@dataclass(slots=True)
class Message:
    """One message of a chat export.

    Attributes:
        author: who wrote it, as the export names them ("~ " prefixes and bidi marks removed);
            None for system lines that have no author.
        timestamp: when it was sent, in the exporting phone's local time (exports carry no zone).
        text: the body, newlines kept; a media message's caption or placeholder.
        kind: text, media, deleted, system, location, call or poll.
        line_no: the line of the export on which the message starts (1-based).
        edited: the export marked the message as edited (the marker is removed from `text`).
        attachment: the file name of an attached file, when the export names one.
    """

    author: str | None
    timestamp: datetime
    text: str
    kind: MessageKind = MessageKind.TEXT
    line_no: int = 0
    edited: bool = False
    attachment: str | None = None

    @property
    def is_speech(self) -> bool:
        """Whether the message is something its author said (a text message with an author)."""
        return self.author is not None and self.kind is MessageKind.TEXT


@dataclass(frozen=True, slots=True)
class LineProblem:
    """A line that could not be read, reported instead of dropped."""

    line_no: int
    line: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line_no}: {self.reason}: {self.line[:120]!r}"


@dataclass(slots=True)
class ParsedChat:
    """A whole export, parsed.

    Attributes:
        messages: every message, in time order (lines out of order in the file are moved; ties
            keep file order).
        problems: lines that could not be read, with their numbers.
        source: the file the chat came from, or "<text>".
        format: which parser read it ("whatsapp", "telegram", "jsonl", "csv").
        date_order: the day/month/year order used, for formats that need one.
        notes: what the parser assumed and the reader should know (an ambiguous date order).
    """

    messages: list[Message] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    source: str = "<text>"
    format: str = ""
    date_order: DateOrder | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def authors(self) -> list[str]:
        """Authors in order of their first message; a name that only carries WhatsApp's own
        notices (iOS files the encryption notice under the group's name) is not an author."""
        return list(
            dict.fromkeys(
                m.author
                for m in self.messages
                if m.author is not None and m.kind is not MessageKind.SYSTEM
            )
        )

    def counts(self) -> Counter[MessageKind]:
        """How many messages of each kind."""
        return Counter(m.kind for m in self.messages)

    def collect(self, items: Iterable[Message | LineProblem]) -> ParsedChat:
        """Take a parser's messages and problems; messages end in time order (ties: file order)."""
        for item in items:
            if isinstance(item, Message):
                self.messages.append(item)
            else:
                self.problems.append(item)
        self.messages.sort(key=lambda m: m.timestamp)
        return self
