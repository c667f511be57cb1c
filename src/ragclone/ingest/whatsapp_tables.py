"""What WhatsApp writes instead of speech, per language: data, not code.

Each table lists regular expressions (matched case-insensitively against a whole message body,
or for `system` against a line with no author) for one export language. To support another
language, add a `LocaleTable` to `LOCALES`, or pass your own to `parse_whatsapp(locales=...)`.
English is complete for exports seen in 2016-2024; the German table holds what the conformance
exports contain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LocaleTable:
    """Message bodies and lines that are not speech, for one export language.

    Attributes:
        name: the language, for messages.
        (media, deleted, call: matched against the first line; a caption may follow.)
        system: lines with no author that WhatsApp writes (group changes); every line with no
            author is a system line, these are the ones that would otherwise look authored.
        notice: bodies under an author that WhatsApp wrote (iOS puts the encryption notice
            under the group's or a contact's name).
        media: placeholders of media left out of the export, or attached to it.
        deleted: what stands in a deleted message.
        edited: the marker appended to an edited message (removed, the message kept).
        location: shared locations.
        call: missed-call notices.
        poll: the first line of a poll.
        attachment: patterns whose group "file" is an attached file's name.
    """

    name: str
    system: tuple[str, ...] = ()
    notice: tuple[str, ...] = ()
    media: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    call: tuple[str, ...] = ()
    poll: tuple[str, ...] = ()
    attachment: tuple[str, ...] = field(default=())


ENGLISH = LocaleTable(
    name="English",
    # "[^:]*" rather than ".*": a line "Bob: I added you" is Bob speaking, not a group change.
    system=(
        r"[^:]*\b(created|changed|deleted) (the )?group\b.*",
        r"[^:]*\bcreated this group\b.*",
        r"[^:]*\b(added|removed) .+",
        r"[^:]*\b(left|joined)( the group)?\.?",
        r"[^:]*\bjoined using this group'?s invite link\b.*",
        r"[^:]*\bchanged (the|this group'?s) (subject|icon|description|settings|name)\b.*",
        r"[^:]*\bchanged (their|your|his|her) phone number\b.*",
        r"[^:]*\bchanged to .+ from .+",
        r"[^:]*\b(turned (on|off)|changed|updated) (the )?(disappearing messages|message timer)"
        r"\b.*",
        r"[^:]*\bdisappearing messages\b.*",
        r"[^:]*\b(is|are) now an admin\b.*",
        r"[^:]*\bno longer an admin\b.*",
        r"you were added\b.*",
        r"you('re| are) now an admin\b.*",
        r"[^:]*\bis a contact\.?",
        r"[^:]*\bpinned a message\b.*",
    ),
    notice=(
        r"messages (and calls )?(you send to this (group|chat) )?are (now )?(end-to-end )?"
        r"(encrypted|secured).*",
        r"(your )?(security code|safety number) (with .+ )?changed\b.*",
        r"waiting for this message\b.*",
    ),
    media=(
        r"<media omitted>",
        r"(image|video|audio|sticker|gif|document|contact card|photo) omitted",
        r".+ • \d+ pages? document omitted",
        r".+ document omitted",
        r"(.+ )?<\s*attached:\s*.+>",
        r".+ \(file attached\)",
        r".+ <attached>",
        r"null",
        r"view once (photo|video|voice message)",
        r"voice message omitted",
    ),
    deleted=(
        r"this message was deleted\.?",
        r"you deleted this message\.?",
        r"this message was deleted by admin.*",
    ),
    edited=(r"\s*<this message was edited>",),
    location=(
        r"(live )?location: .+",
        r"(.+\n)+https://foursquare\.com/\S+",
        r".+: https://foursquare\.com/\S+",
    ),
    call=(r"missed (voice|video|group voice|group video) call.*",),
    poll=(r"poll:\s*(\n.*)*",),
    attachment=(
        r"<\s*attached:\s*(?P<file>[^>]+?)\s*>",
        r"(?P<file>\S.*?) \(file attached\)",
        r"(?P<file>\S.*?) <attached>",
    ),
)

GERMAN = LocaleTable(
    name="German",
    notice=(r"nachrichten und anrufe sind ende-zu-ende-verschlüsselt.*",),
    media=(r"<medien ausgeschlossen>", r".+ \(datei angehängt\)"),
    deleted=(r"diese nachricht wurde gelöscht\.?", r"du hast diese nachricht gelöscht\.?"),
    edited=(r"\s*<diese nachricht wurde bearbeitet>",),
    attachment=(r"(?P<file>\S.*?) \(datei angehängt\)",),
)

LOCALES: tuple[LocaleTable, ...] = (ENGLISH, GERMAN)


@dataclass(frozen=True)
class CompiledTables:
    """The patterns of several locales, compiled into one expression per kind."""

    system: re.Pattern[str]
    notice: re.Pattern[str]
    placeholder: re.Pattern[str]
    single_line: re.Pattern[str]
    edited: re.Pattern[str]
    location: re.Pattern[str]
    poll: re.Pattern[str]
    attachments: tuple[re.Pattern[str], ...]


_NEVER = r"(?!x)x"


def compile_tables(locales: tuple[LocaleTable, ...]) -> CompiledTables:
    """One case-insensitive full-match expression per kind, over all `locales`."""

    def alternatives(kind: str) -> str:
        patterns = [p for table in locales for p in getattr(table, kind)]
        return "|".join(f"(?:{p})" for p in patterns) or _NEVER

    def joined(kind: str) -> re.Pattern[str]:
        return re.compile(alternatives(kind), re.IGNORECASE)

    # One pass over a message's first line for every placeholder kind; the group that matched
    # names the kind (checked in this order).
    def named(*kinds: str) -> str:
        return "|".join(f"(?P<{kind}>{alternatives(kind)})" for kind in kinds)

    placeholder = named("deleted", "media", "call")
    # A one-line body is its own first line: every kind in one match (the common case).
    single_line = named("deleted", "media", "call", "location", "poll") + (
        f"|(?P<system>{alternatives('notice')})"
    )

    return CompiledTables(
        system=joined("system"),
        notice=joined("notice"),
        placeholder=re.compile(placeholder, re.IGNORECASE),
        single_line=re.compile(single_line, re.IGNORECASE),
        edited=re.compile(
            "(?:" + "|".join(p for t in locales for p in t.edited) + ")$"
            if any(t.edited for t in locales)
            else _NEVER,
            re.IGNORECASE,
        ),
        location=joined("location"),
        poll=joined("poll"),
        attachments=tuple(
            re.compile(p, re.IGNORECASE) for table in locales for p in table.attachment
        ),
    )
