"""The data ragclone passes around: facts, search hits, reports and audit entries."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ragclone.dates import check_order, normalize_date
from ragclone.errors import ConfigError

MAX_FACT_CHARS = 4000
E = TypeVar("E", bound=StrEnum)


class FactKind(StrEnum):
    """What a fact is about."""

    IDENTITY = "identity"
    TRAIT = "trait"
    PREFERENCE = "preference"
    BEHAVIOUR = "behaviour"
    EVENT = "event"
    RELATIONSHIP = "relationship"
    EDUCATION = "education"
    WORK = "work"
    MEDIA = "media"
    BELIEF = "belief"
    HABIT = "habit"
    OTHER = "other"


def parse_choice(enum: type[E], value: E | str, what: str) -> E:
    """The member of a string enum a user wrote (any case, spaces around), or a ConfigError
    naming the choices."""
    if isinstance(value, enum):
        return value
    try:
        return enum(str(value).strip().lower())
    except ValueError:
        known = ", ".join(member.value for member in enum)
        raise ConfigError(f"unknown {what} {value!r} (one of {known})") from None


def parse_kind(value: FactKind | str) -> FactKind:
    """The FactKind a user wrote ("Habit", " media ")."""
    return parse_choice(FactKind, value, "kind")


def _partial_date(value: Any) -> Any:
    return None if value is None else normalize_date(value)


PartialDate = Annotated[str, BeforeValidator(_partial_date)]


def _clean_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fact_id_for(
    text: str,
    *,
    kind: str,
    subject: str | None,
    valid_from: str | None,
    valid_until: str | None,
) -> str:
    """The content hash that identifies a fact: same statement, same id.

    Case and spacing of the text do not matter; source, tags and verification do not either,
    so re-adding a fact from another source is still a no-op.
    """
    key = "\x1f".join(
        [
            _clean_text(text).casefold(),
            kind,
            (subject or "").casefold(),
            valid_from or "",
            valid_until or "",
        ]
    )
    return "f_" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class Fact(BaseModel):
    """One statement about the person, with the period in which it is true.

    Attributes:
        id: content hash of the statement (computed when not given).
        text: the statement, first or third person ("I have one sister").
        kind: what the fact is about.
        subject: who the fact is about; None means the clone's person.
        valid_from: first (partial) date on which the fact holds, if known.
        valid_until: last (partial) date on which the fact holds, inclusive, if it ended.
        source: where the fact comes from (a file, "cli", "chat").
        verified: whether a person confirmed the fact.
        tags: free labels.
        supersedes: ids of facts this one replaced.
        superseded_by: ids of facts that replaced this one (kept by the store).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    id: str = ""
    text: str = Field(min_length=1, max_length=MAX_FACT_CHARS)
    kind: FactKind = FactKind.OTHER
    subject: str | None = None
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    source: str = "user"
    verified: bool = True
    tags: tuple[str, ...] = ()
    supersedes: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _clean(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            data = {**data, "text": _clean_text(data["text"])}
        return data

    @model_validator(mode="after")
    def _check(self) -> Fact:
        check_order(self.valid_from, self.valid_until)
        if not self.id:
            object.__setattr__(
                self,
                "id",
                fact_id_for(
                    self.text,
                    kind=self.kind.value,
                    subject=self.subject,
                    valid_from=self.valid_from,
                    valid_until=self.valid_until,
                ),
            )
        return self

    @property
    def is_superseded(self) -> bool:
        """True when a later fact replaced this one."""
        return bool(self.superseded_by)

    def validity(self) -> str:
        """The validity period in words, e.g. "2019 to 2023-07" or "since 2023-08"."""
        if self.valid_from and self.valid_until:
            return f"{self.valid_from} to {self.valid_until}"
        if self.valid_from:
            return f"since {self.valid_from}"
        if self.valid_until:
            return f"until {self.valid_until}"
        return "always"


class Hit(BaseModel):
    """A fact found by a search, with its cosine similarity to the query (1 is identical)."""

    model_config = ConfigDict(frozen=True)

    fact: Fact
    score: float


class LoadReport(BaseModel):
    """What loading a biography did."""

    files: list[Path]
    added: list[str] = Field(description="ids of facts that were new")
    unchanged: list[str] = Field(description="ids of facts that were already stored")
    passages: int = Field(description="facts made by splitting 'about' text")

    @property
    def total(self) -> int:
        """All facts the files define, new or not."""
        return len(self.added) + len(self.unchanged)


AuditAction = Literal["add", "supersede", "superseded", "forget"]


class AuditEntry(BaseModel):
    """One change to a fact, as recorded in the audit log."""

    model_config = ConfigDict(frozen=True)

    fact_id: str
    action: AuditAction
    at: datetime
    fact: Fact = Field(description="the fact as it was after the change (before it, for forget)")
    note: str = ""


class HistorySnippet(BaseModel):
    """A piece of chat history: one or more consecutive messages of a conversation."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str = Field(min_length=1)
    conversation_id: str
    start: datetime | None = None
    end: datetime | None = None
    participants: tuple[str, ...] = ()
    own: bool = Field(description="whether the person being cloned wrote (part of) it")
    source: str = ""
    lines: tuple[int, ...] = Field(
        default=(), description="the export's line numbers of the snippet's messages"
    )
    own_authors: tuple[str, ...] = Field(
        default=(),
        description="the participants who are the person (empty in older stores)",
    )
    place: int | None = Field(
        default=None,
        ge=0,
        description="the snippet's place in its conversation, from 0 (None in older stores)",
    )
    before: str = Field(
        default="",
        description="the conversation's message just before the snippet, as `Name: text` "
        "(what a reply in the snippet answers; read by the history search)",
    )

    def messages(self) -> list[tuple[str, str]]:
        """The snippet's messages as (author, text); a message that spans several lines stays
        whole."""
        known = sorted(self.participants, key=len, reverse=True)
        messages: list[tuple[str, str]] = []
        for line in self.text.split("\n"):
            author = next((p for p in known if line.startswith(f"{p}: ")), None)
            if author is not None:
                messages.append((author, line[len(author) + 2 :]))
            elif messages:
                messages[-1] = (messages[-1][0], f"{messages[-1][1]}\n{line}")
        return messages

    def messages_by(self, authors: Collection[str]) -> list[str]:
        """The text of the snippet's messages written by `authors`."""
        return [text for author, text in self.messages() if author in authors and text.strip()]

    def own_participants(self) -> tuple[str, ...]:
        """The participants who are the person. For a snippet stored without `own_authors`,
        only one the person wrote alone can be attributed."""
        if self.own_authors:
            return self.own_authors
        return self.participants if self.own and len(self.participants) == 1 else ()

    def own_messages(self) -> list[str]:
        """The person's messages in the snippet."""
        return self.messages_by(self.own_participants())


class SkippedLine(BaseModel):
    """A line of an export that could not be read, with its number and why."""

    line_no: int
    line: str
    reason: str


class IngestReport(BaseModel):
    """What `Clone.ingest` read from an export and what it stored.

    Attributes:
        source: the name the export's snippets are stored under (ids derive from it).
        path: the file read.
        format: "whatsapp", "telegram", "jsonl" or "csv".
        me: the author names that are the person being cloned.
        messages: every message parsed, of every kind.
        kinds: messages per kind ("text", "media", "system", ...).
        speech: messages that are someone speaking (stored); own_messages: of those, the person's.
        authors: everyone who wrote a message, as stored (pseudonyms when pseudonymised).
        conversations: conversations after splitting at idle gaps.
        added, updated, unchanged: snippets new to the store, replaced because their
            conversation grew, and already stored as they are.
        skipped: lines that could not be read, each with its number and reason.
        notes: what the parser assumed (an ambiguous date order).
        first, last: the first and last message's time.
        seconds: wall time of the whole ingest.
    """

    source: str
    path: str
    format: str
    me: list[str]
    messages: int = 0
    kinds: dict[str, int] = Field(default_factory=dict)
    speech: int = 0
    own_messages: int = 0
    authors: list[str] = Field(default_factory=list)
    conversations: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[SkippedLine] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    pseudonymised: bool = False
    first: datetime | None = None
    last: datetime | None = None
    seconds: float = 0.0


def snippet_id(conversation_id: str, place: int) -> str:
    """The id of the snippet at `place` (from 0) of a conversation: the same on every ingest."""
    digest = hashlib.sha256(f"{conversation_id}\x1f{place}".encode()).hexdigest()[:20]
    return f"h_{digest}"


class HistoryHit(BaseModel):
    """A history snippet found by a search, with the cosine similarity to the query of the
    snippet or of its closest part (a sentence of it, or its first message after the one
    before; `ragclone.history_parts`)."""

    model_config = ConfigDict(frozen=True)

    snippet: HistorySnippet
    score: float


class Usage(BaseModel):
    """Tokens a model call consumed."""

    prompt_tokens: int = 0
    completion_tokens: int = 0


class Timings(BaseModel):
    """Seconds each stage of a chat turn took."""

    retrieve: float = 0.0
    prompt: float = 0.0
    generate: float = 0.0
    check: float = 0.0

    @property
    def total(self) -> float:
        """All stages together."""
        return self.retrieve + self.prompt + self.generate + self.check


class Verdict(StrEnum):
    """What the facts say about a claim."""

    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    UNSUPPORTED = "unsupported"


# `Claim.judge` of a claim that time decided (a state that ended, or had not begun).
BY_VALIDITY = "validity"
# `Claim.judge` of a claim whose words one fact holds, without asking a model.
BY_RESTATING = "restates a fact"


class Claim(BaseModel):
    """One atomic claim about the person and its verdict."""

    text: str
    sentence: str = Field(description="the sentence the claim comes from")
    verdict: Verdict
    evidence: list[str] = Field(
        default_factory=list,
        description="ids of the deciding facts (or history snippets, when messages decided)",
    )
    score: float = Field(description="similarity of the closest fact (0-1)")
    judge: str = Field(description="'screen' when no fact was close enough to ask a judge")
    candidates: list[Hit] = Field(default_factory=list, description="the facts the judge saw")
    history: list[HistoryHit] = Field(
        default_factory=list,
        description="history snippets near the claim with messages by the person (or by the "
        "chat partners the claim names)",
    )
    correction: str | None = Field(
        default=None,
        description="for a contradicted claim: the fact that contradicts it and holds at the "
        "time, in the person's words, for a rewrite to say instead",
    )

    @property
    def flagged(self) -> bool:
        """True when no fact supports the claim."""
        return self.verdict is not Verdict.SUPPORTED


class SkippedSentence(BaseModel):
    """A sentence that makes no claim about the person, and why."""

    text: str
    reason: str


class GroundingReport(BaseModel):
    """The claims a text makes about the person, each with its verdict."""

    text: str
    claims: list[Claim] = Field(default_factory=list)
    skipped: list[SkippedSentence] = Field(default_factory=list)
    as_of: str | None = None
    question: str | None = Field(
        default=None, description="the message the text answers, when the check was given it"
    )
    answer: str | None = Field(
        default=None,
        description="the yes or no the text starts with, as written, when it answers a yes/no "
        "question: its claim (the question's proposition) is the first claim",
    )
    premise: Claim | None = Field(
        default=None,
        description="what the question takes for granted about someone it names "
        "(`ragclone.premises`), checked like a claim",
    )
    denial: str | None = Field(
        default=None,
        description="a fact true at the time that denies what the question takes for granted "
        'about the person (`ragclone.denials`): "I have never run a marathon." to "How did '
        'your marathon go?"; `strict` says it in place of a reply that only declines',
    )
    asked_about: str | None = Field(
        default=None,
        description="the chat partner the question asks about (`ragclone.asked_about`): "
        "'Melanie' for 'What did Melanie make for a local church?'",
    )
    asks_person: str | None = Field(
        default=None,
        description="the person's own name, when the question asks something of them by name "
        "('How did Caroline feel about her family after the accident?' asked of Caroline's "
        "clone); None for a question with 'you', or asking after them",
    )
    sidesteps: str | None = Field(
        default=None,
        description="the chat partner the question asks about, when the text says nothing of "
        "them and does not decline (`ragclone.asked_about`): 'What did Melanie make for a local "
        "church?' answered with the person's own 'I made a stained glass window'; or the "
        "person, asked something by name, when the text claims nothing and does not decline: "
        "'How did Caroline feel about her family after the accident?' answered with "
        "'Family's everything.'",
    )
    seconds: float = 0.0
    truncated: bool = False

    @property
    def flagged(self) -> list[Claim]:
        """Claims that are contradicted or unsupported."""
        return [claim for claim in self.claims if claim.flagged]

    @property
    def unfounded_premise(self) -> bool:
        """True when what the question takes for granted is contradicted ("What motivated
        Melanie to pursue counseling?" when it was the person who did): no answer holds. A
        premise that is only unsupported is not enough: read by rules (`ragclone.premises`), it
        is too rough a statement to decline on."""
        return self.premise is not None and self.premise.verdict is Verdict.CONTRADICTED

    @property
    def grounded(self) -> bool:
        """True when every claim is supported, the question's premise is not contradicted and
        a question about someone else is not answered with the person's own life."""
        return not self.flagged and not self.unfounded_premise and self.sidesteps is None


class Reply(BaseModel):
    """The clone's answer to one message, with everything needed to trace it."""

    text: str
    message: str
    facts: list[Hit] = Field(description="the facts the model was given, most relevant first")
    exemplars: list[HistoryHit] = Field(
        default_factory=list, description="the person's own messages, shown for style"
    )
    context: list[HistoryHit] = Field(
        default_factory=list, description="chat snippets close to the message, shown as context"
    )
    as_of: str | None = None
    model: str = ""
    usage: Usage = Field(default_factory=Usage)
    timings: Timings = Field(default_factory=Timings)
    truncated: bool = Field(default=False, description="the message was cut to fit the budget")
    policy: str = Field(default="off", description="what was done with unsupported claims")
    claims: list[Claim] = Field(default_factory=list, description="the checked claims")
    premise: Claim | None = Field(
        default=None, description="what the message takes for granted about someone it names"
    )
    draft: str | None = Field(
        default=None, description="the model's first answer, when the policy changed it"
    )
    attempts: int = Field(default=1, description="generations, counting regenerations")

    @property
    def flagged(self) -> list[Claim]:
        """Claims of the final text that no fact supports."""
        return [claim for claim in self.claims if claim.flagged]

    @property
    def fact_ids(self) -> list[str]:
        """Ids of the facts the model was given."""
        return [hit.fact.id for hit in self.facts]
