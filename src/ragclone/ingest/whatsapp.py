"""WhatsApp chat exports, in every header format the apps have written.

Android `d/m/y, H:M - Name: text` and iOS `[d/m/y, H:M:S] Name: text`; 12-hour clocks with
"AM", "a. m." or "p.m." after a space, a no-break space, U+202F or "_"; 24-hour clocks with ":"
or "."; day-, month- or year-first dates with "/", "." or "-", 2- or 4-digit years. The day/month
order is decided for the whole file (a field above 12 decides; failing that, the order in which
the dates run forwards), never line by line.

Two streaming passes: the first settles the date order, the second yields messages. A line that
does not start a message continues the one before (multi-line messages keep their newlines); a
header with an impossible date, and text before the first message, are reported as problems.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ragclone.errors import ConfigError, IngestError
from ragclone.ingest.messages import DateOrder, LineProblem, Message, MessageKind, ParsedChat
from ragclone.ingest.reading import iter_lines
from ragclone.ingest.whatsapp_tables import LOCALES, CompiledTables, LocaleTable, compile_tables

Lines = Callable[[], Iterable[tuple[int, str]]]

_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\ufeff]")


def strip_bidi(text: str) -> str:
    """`text` without bidi marks and BOMs (a search first: most lines have none)."""
    return _BIDI.sub("", text) if _BIDI.search(text) else text


_LRM = "\u200e"
# A header can only start with one of these (after bidi marks): a cheap test for continuations.
_HEADER_STARTS = frozenset("[0123456789\u200e\u200f\ufeff\u202a\u202b\u202c\u202d\u202e")

HEADER = re.compile(
    r"""
    ^[\u200e\u200f\u202a-\u202e\ufeff]*
    (?P<open>\[)?
    (?P<a>\d{1,4})(?P<sep>[./-])\ ?(?P<b>\d{1,4})(?P=sep)\ ?(?P<c>\d{1,4})\.?
    ,?\s+(?:klo\s+)?
    (?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<s>\d{2}))?
    (?:[\ \u00a0\u202f_]?(?P<ampm>[ap])\.?[\ \u00a0\u202f]?m\.?)?
    (?(open)\]\ ?|(?:(?P<dash>\ ?[-\u2013:]\ )|(?P<bare>\ )))
    (?P<rest>.*)$
    """,
    re.VERBOSE | re.IGNORECASE | re.DOTALL,
)
_AUTHOR = re.compile(r"^(?P<author>[^:]+?):(?:[ \u00a0]|$)(?P<body>.*)$", re.DOTALL)
_AUTHOR_TIGHT = re.compile(r"^(?P<author>[^:\s][^:]{0,60}?):(?P<body>\S.*)$", re.DOTALL)
_TILDE = re.compile(r"^~[\s\u00a0\u202f]*")
_UNRESOLVED = datetime.min  # a date read before the file's date order is known


@dataclass
class DateEvidence:
    """What the headers of a file say about its date order (collected in the first pass)."""

    day_first: int = 0
    month_first: int = 0
    year_first: int = 0
    headers: int = 0
    backwards: dict[DateOrder, int] = field(
        default_factory=lambda: {DateOrder.DMY: 0, DateOrder.MDY: 0}
    )
    _last: dict[DateOrder, tuple[int, ...]] = field(default_factory=dict)
    _last_fields: tuple[str, str] = ("", "")
    _last_votes: tuple[bool, bool] = (False, False)

    def add(self, match: re.Match[str]) -> None:
        """Count one header's date (and, while no field above 12 has decided, its time)."""
        a, b, c = match["a"], match["b"], match["c"]
        self.headers += 1
        if len(a) == 4 or len(b) == 4:
            self.year_first += 1
            return
        if (a, b) != self._last_fields:  # consecutive messages mostly share their date
            self._last_fields = (a, b)
            self._last_votes = (int(a) > 12, int(b) > 12)
        day_first, month_first = self._last_votes
        self.day_first += day_first
        self.month_first += month_first
        if self.day_first or self.month_first:
            return  # a field above 12 decides; the chronology is only the tie-breaker
        first, second, year = int(a), int(b), int(c)
        clock = _clock(match)
        for order, key in (
            (DateOrder.DMY, (year, second, first, *clock)),
            (DateOrder.MDY, (year, first, second, *clock)),
        ):
            last = self._last.get(order)
            if last is not None and key < last:
                self.backwards[order] += 1
            self._last[order] = key

    def decide(self) -> tuple[DateOrder, str | None]:
        """The date order, and a note when it was not clear-cut."""
        if self.year_first == self.headers:
            return DateOrder.YMD, None
        if self.day_first and not self.month_first:
            return DateOrder.DMY, None
        if self.month_first and not self.day_first:
            return DateOrder.MDY, None
        if self.day_first and self.month_first:
            order = DateOrder.DMY if self.day_first >= self.month_first else DateOrder.MDY
            return order, (
                f"dates disagree on their order ({self.day_first} day-first, "
                f"{self.month_first} month-first); read as {order.value}"
            )
        dmy, mdy = self.backwards[DateOrder.DMY], self.backwards[DateOrder.MDY]
        if dmy != mdy:
            order = DateOrder.DMY if dmy < mdy else DateOrder.MDY
            return order, (
                f"no date has a day above 12; read as {order.value}, the order in which the "
                "dates run forwards; pass date_order= to override"
            )
        return DateOrder.DMY, (
            "the date order is ambiguous (no day above 12); read as day-first (dmy); pass "
            "date_order='mdy' if the phone wrote month first"
        )


class WhatsAppReader:
    """Reads one WhatsApp export in two streaming passes.

    Args:
        lines: a callable giving the numbered lines afresh for each pass.
        date_order: the day/month/year order, when the caller knows it; inferred otherwise.
        locales: the tables that classify system lines, media, deletions, in export languages.
        name: the export's name in messages.
    """

    def __init__(
        self,
        lines: Lines,
        *,
        date_order: DateOrder | str | None = None,
        locales: tuple[LocaleTable, ...] = LOCALES,
        name: str = "<text>",
    ) -> None:
        self._lines = lines
        self.name = name
        self.tables: CompiledTables = compile_tables(locales)
        self._speakers: set[str] = set()
        self.notes: list[str] = []
        try:
            self.date_order = DateOrder(date_order.lower()) if date_order else None
        except ValueError:
            raise ConfigError(
                f"date_order must be one of {[o.value for o in DateOrder]}, not {date_order!r}"
            ) from None

    def scan(self) -> DateEvidence:
        """The first pass: the date evidence of every header, and the order decided from it.

        Raises:
            IngestError: no line of the file is a WhatsApp message header.
        """
        evidence = DateEvidence()
        for _, line in self._lines():
            if not line or line[0] not in _HEADER_STARTS:
                continue
            match = HEADER.match(line)
            if match is None or not _is_header(match):
                continue
            evidence.add(match)
        self._settle(evidence)
        return evidence

    def _settle(self, evidence: DateEvidence) -> DateOrder:
        """The date order, decided from `evidence` unless the caller gave it."""
        if not evidence.headers:
            raise IngestError(f"{self.name} is not a WhatsApp export: no line starts a message")
        if self.date_order is None:
            self.date_order, note = evidence.decide()
            if note:
                self.notes.append(note)
        return self.date_order

    def messages(self) -> Iterator[Message | LineProblem]:
        """The second pass: messages in file order, and the lines that could not be read."""
        if self.date_order is None:
            self.scan()
        return self._items(self.date_order or DateOrder.DMY)

    def parse(self) -> tuple[list[Message], list[LineProblem]]:
        """Every message and problem in one pass, the dates resolved once the order is known.

        Holds the whole chat in memory (as `parse_whatsapp` returns it anyway); `messages()`
        streams instead, at the cost of a second read.

        Raises:
            IngestError: no line of the file is a WhatsApp message header.
        """
        evidence = DateEvidence()
        deferred: list[tuple[Message, re.Match[str], str]] = []
        items = list(self._items(self.date_order, evidence=evidence, deferred=deferred))
        order = self._settle(evidence)
        problems = [item for item in items if isinstance(item, LineProblem)]
        impossible: set[int] = set()
        for message, match, line in deferred:
            try:
                message.timestamp = _timestamp(match, order)
            except ValueError as e:
                # Its continuation lines go with it, so nothing of the message is lost.
                rest = message.text.split("\n", 1)[1] if "\n" in message.text else ""
                text = f"{line}\n{rest}" if rest else line
                reason = f"impossible date or time ({e})"
                problems.append(LineProblem(message.line_no, text, reason))
                impossible.add(id(message))
        problems.sort(key=lambda p: p.line_no)
        messages = [m for m in items if isinstance(m, Message) and id(m) not in impossible]
        return messages, problems

    def _items(
        self,
        order: DateOrder | None,
        *,
        evidence: DateEvidence | None = None,
        deferred: list[tuple[Message, re.Match[str], str]] | None = None,
    ) -> Iterator[Message | LineProblem]:
        """Messages and problems; with no `order`, dates are left to the caller (`deferred`)."""
        current: Message | None = None
        lrm = False
        for line_no, line in self._lines():
            match = HEADER.match(line) if line and line[0] in _HEADER_STARTS else None
            if match is not None and _is_header(match):
                if current is not None:
                    yield self._finish(current, lrm)
                    current = None
                if evidence is not None:
                    evidence.add(match)
                if order is None:
                    current, lrm = self._start(match["rest"], _UNRESOLVED, line_no)
                    if deferred is not None:
                        deferred.append((current, match, line))
                    continue
                try:
                    timestamp = _timestamp(match, order)
                except ValueError as e:
                    yield LineProblem(line_no, line, f"impossible date or time ({e})")
                    continue
                current, lrm = self._start(match["rest"], timestamp, line_no)
            elif current is not None:
                current.text += "\n" + line
            elif strip_bidi(line).strip():
                yield LineProblem(line_no, line, "text outside any message")
        if current is not None:
            yield self._finish(current, lrm)

    def _start(self, rest: str, timestamp: datetime, line_no: int) -> tuple[Message, bool]:
        split = _AUTHOR.match(rest) or _AUTHOR_TIGHT.match(rest)
        # A system line that looks authored ('Alice changed the subject to "Re: x"') has its
        # telling words before the first colon; a name once seen speaking never does, so the
        # system patterns run once per name, not once per message.
        if split is None or (
            split["author"] not in self._speakers and self._is_system(rest, split["author"])
        ):
            text = strip_bidi(rest).strip()
            return Message(None, timestamp, text, MessageKind.SYSTEM, line_no), False
        author = _TILDE.sub("", strip_bidi(split["author"])).strip()
        body = split["body"]
        message = Message(author or None, timestamp, body, MessageKind.TEXT, line_no)
        return message, body.startswith(_LRM)

    def _is_system(self, rest: str, prefix: str) -> bool:
        if self.tables.system.fullmatch(strip_bidi(rest).strip()):
            return True
        self._speakers.add(prefix)
        return False

    def _finish(self, message: Message, lrm: bool) -> Message:
        text = strip_bidi(message.text).rstrip()
        if message.author is None:
            message.text = text
            message.kind = MessageKind.SYSTEM
            return message
        edited = self.tables.edited.search(text) if text.endswith(">") else None
        if edited:
            text = text[: edited.start()].rstrip()
            message.edited = True
        message.text = text
        message.kind = self._kind(text, lrm)
        if message.kind is MessageKind.MEDIA:
            message.attachment = self._attachment(text)
        return message

    def _kind(self, text: str, lrm: bool) -> MessageKind:
        tables = self.tables
        body = text.strip()
        if "\n" not in body:
            found = tables.single_line.fullmatch(body)
            if found:
                return MessageKind(str(found.lastgroup))
            return MessageKind.SYSTEM if lrm else MessageKind.TEXT
        first_line = body.split("\n", 1)[0].strip()
        found = tables.placeholder.fullmatch(first_line)
        if found:
            return MessageKind(str(found.lastgroup))
        if tables.location.fullmatch(body):
            return MessageKind.LOCATION
        if tables.poll.match(body):
            return MessageKind.POLL
        if lrm or tables.notice.fullmatch(body):
            # iOS marks what WhatsApp itself wrote with a left-to-right mark before the body.
            return MessageKind.SYSTEM
        return MessageKind.TEXT

    def _attachment(self, text: str) -> str | None:
        first_line = text.split("\n", 1)[0]
        for pattern in self.tables.attachments:
            found = pattern.search(first_line)
            if found:
                return found["file"].strip()
        return None


def _is_header(match: re.Match[str]) -> bool:
    # A header with neither brackets nor a dash ("13. 6. 2018. 21:25:15 a: m") must name an
    # author, or a continuation line holding a date ("2016-04-29 10:30:00 ...") would split.
    if match["bare"] is None:
        return True
    return _AUTHOR.match(match["rest"]) is not None


def _clock(match: re.Match[str]) -> tuple[int, int, int]:
    hour = int(match["h"])
    marker = match["ampm"]
    if marker:
        if marker.lower() == "p" and hour < 12:
            hour += 12
        elif marker.lower() == "a" and hour == 12:
            hour = 0
    return hour, int(match["mi"]), int(match["s"] or 0)


@functools.lru_cache(maxsize=256)
def _date(a: str, b: str, c: str, order: DateOrder) -> tuple[int, int, int]:
    """(year, month, day) of a header's date fields; exports repeat a date many times."""
    if len(a) == 4:
        return int(a), int(b), int(c)
    if len(b) == 4:
        return int(b), int(a), int(c)
    year = int(c) + (2000 if len(c) <= 2 else 0)
    if order is DateOrder.DMY:
        return year, int(b), int(a)
    return year, int(a), int(b)


def _timestamp(match: re.Match[str], order: DateOrder) -> datetime:
    return datetime(*_date(match["a"], match["b"], match["c"], order), *_clock(match))


def whatsapp_reader(
    source: str | Path,
    *,
    date_order: DateOrder | str | None = None,
    locales: tuple[LocaleTable, ...] = LOCALES,
) -> WhatsAppReader:
    """A two-pass reader of an export file (`.txt` or `.zip`) or of export text.

    A `Path`, or a string naming an existing file, is read as a file; any other string is the
    export's text.
    """
    if isinstance(source, Path) or ("\n" not in source and Path(source).is_file()):
        path = Path(source)
        return WhatsAppReader(
            lambda: iter_lines(path), date_order=date_order, locales=locales, name=str(path)
        )
    text = source
    return WhatsAppReader(lambda: iter_lines(text), date_order=date_order, locales=locales)


def parse_whatsapp(
    source: str | Path,
    *,
    date_order: DateOrder | str | None = None,
    locales: tuple[LocaleTable, ...] = LOCALES,
) -> ParsedChat:
    """Parse a WhatsApp export: a file (`.txt`, `.zip`) or its text.

    Args:
        source: a path, or the export's text.
        date_order: "dmy", "mdy" or "ymd" when known; otherwise inferred from the whole file
            and, when ambiguous, said in `notes`.
        locales: tables for system lines and placeholders (English and German by default).

    Returns:
        Every message in time order, and every line that could not be read.

    Raises:
        IngestError: the input is empty, binary, damaged, or has no WhatsApp message at all.
    """
    reader = whatsapp_reader(source, date_order=date_order, locales=locales)
    messages, problems = reader.parse()
    chat = ParsedChat(source=reader.name, format="whatsapp", date_order=reader.date_order)
    chat.collect([*messages, *problems])
    chat.notes = reader.notes
    return chat
