"""The `Clone` facade: everything a user does with a clone, in one object."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ragclone.chat import ChatModel, chat_model_from_config
from ragclone.config import check_clone_name
from ragclone.config import chroma_url as configured_chroma_url
from ragclone.dates import DateLike
from ragclone.decompose import ChatDecomposer
from ragclone.embeddings import Embedder, SentenceTransformerEmbedder
from ragclone.errors import BiographyError, BiographyProblem, ConfigError, FactNotFound
from ragclone.grounding import ChatJudge, GroundingChecker, Judge, NLIJudge
from ragclone.ingest.biography import parse_biography
from ragclone.ingest.conversations import DEFAULT_GAP, MAX_SNIPPET_MESSAGES
from ragclone.ingest.history import Progress, ingest_export
from ragclone.ingest.messages import DateOrder
from ragclone.models import (
    AuditEntry,
    Fact,
    FactKind,
    GroundingReport,
    HistoryHit,
    Hit,
    IngestReport,
    LoadReport,
    parse_kind,
)
from ragclone.policy import DEFAULT_POLICY, Policy, parse_policy
from ragclone.store import FactStore
from ragclone.turn import Conversation


def validation_message(error: ValidationError) -> str:
    """A pydantic validation error as one readable line."""
    parts = []
    for item in error.errors():
        field = ".".join(str(p) for p in item["loc"])
        message = str(item["msg"]).removeprefix("Value error, ")
        parts.append(f"{field}: {message}" if field else message)
    return "; ".join(parts)


def make_fact(text: str, **fields: Any) -> Fact:
    """Build a Fact from user input, turning validation failures into a ConfigError."""
    if "kind" in fields:
        fields["kind"] = parse_kind(fields["kind"])
    if not isinstance(text, str) or not text.strip():
        raise ConfigError("a fact needs some text")
    try:
        return Fact(text=text, **fields)
    except ValidationError as e:
        raise ConfigError(f"invalid fact: {validation_message(e)}") from None


class Clone:
    """A digital clone of one person: their verified facts and chat history.

    Opening a clone that does not exist creates it (unless `create=False`). The embedding model
    is loaded on first use, not here.

    Args:
        name: the clone's name; also its directory and collection names.
        home: where clones live (defaults to $RAGCLONE_HOME, else the user data dir).
        embedder: the embedder; defaults to the packaged all-MiniLM-L6-v2.
        store: an already-open store, instead of opening one from `home` / `chroma_url`.
        chat_model: the model that speaks as the person (used by chat and check).
        chroma_url: a Chroma server to store into instead of the local disk
            (defaults to $RAGCLONE_CHROMA_URL).
        create: create the clone if it does not exist yet.
        policy: what `chat` does with claims the checker flags: "off", "annotate",
            "regenerate" or "strict" (the default).
        judge: the grounding judge; defaults to the chat model with a constrained verdict, or
            the NLI cross-encoder at $RAGCLONE_NLI_MODEL when set.
    """

    def __init__(
        self,
        name: str,
        *,
        home: str | Path | None = None,
        embedder: Embedder | None = None,
        store: FactStore | None = None,
        chat_model: Any = None,
        chroma_url: str | None = None,
        create: bool = True,
        policy: Policy | str = DEFAULT_POLICY,
        judge: Judge | None = None,
    ) -> None:
        self.name = check_clone_name(name)
        if store is not None:
            self._store = store
        else:
            self._store = FactStore.open(
                name,
                embedder=embedder or SentenceTransformerEmbedder(),
                home=home,
                chroma_url=configured_chroma_url(chroma_url),
                create=create,
            )
        self._chat_model: ChatModel | None = chat_model
        self.policy = parse_policy(policy)
        self._judge = judge
        self._checker: GroundingChecker | None = None

    def __repr__(self) -> str:
        return f"Clone({self.name!r})"

    def __enter__(self) -> Clone:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the store's connections. The clone cannot be used afterwards."""
        self._store.close()

    @property
    def chat_model(self) -> ChatModel:
        """The model that speaks as the person (the packaged default is loaded on first use)."""
        if self._chat_model is None:
            self._chat_model = chat_model_from_config()
        return self._chat_model

    @chat_model.setter
    def chat_model(self, model: ChatModel) -> None:
        if isinstance(self._judge, ChatJudge) and self._judge.model is self._chat_model:
            self._judge = None  # the checker judged with the old chat model: use the new one
        self._chat_model = model

    @property
    def checker(self) -> GroundingChecker:
        """The grounding checker over this clone's store."""
        if self._judge is None:
            nli = os.environ.get("RAGCLONE_NLI_MODEL", "").strip()
            self._judge = NLIJudge(nli) if nli else ChatJudge(self.chat_model)
        if self._checker is None or self._checker.judge is not self._judge:
            # One checker per judge: it keeps what it read from all the facts between turns.
            if isinstance(self._judge, ChatJudge):
                decompose = ChatDecomposer(self._judge.model)
                self._checker = GroundingChecker(self._store, self._judge, decompose=decompose)
            else:
                self._checker = GroundingChecker(self._store, self._judge)
        return self._checker

    def check(
        self, text: str, *, as_of: DateLike | None = None, question: str | None = None
    ) -> GroundingReport:
        """Check every claim `text` makes about the person against the stored facts.

        Works on any text. Sentences that make no claim (questions, greetings) are listed in
        `report.skipped` with the reason; a text with no claims gives an empty report. With the
        `question` it answers, a leading yes or no is checked as the question's proposition,
        and what the question takes for granted about someone it names as `report.premise`.
        """
        if not isinstance(text, str):
            raise ConfigError("the text to check must be a string")
        return self.checker.check(text, as_of=as_of, question=question)

    def conversation(
        self, *, as_of: DateLike | None = None, policy: Policy | str | None = None
    ) -> Conversation:
        """A chat that keeps its turns, so follow-up questions work. Turns stay in memory."""
        chosen = self.policy if policy is None else parse_policy(policy)
        conversation = Conversation(
            store=self._store,
            model=self.chat_model,
            clone_name=self.name,
            checker=None if chosen is Policy.OFF else self.checker,
            policy=chosen,
        )
        conversation.set_as_of(as_of)
        return conversation

    def chat(
        self,
        message: str,
        *,
        as_of: DateLike | None = None,
        conversation: Conversation | None = None,
        stream: bool = False,
        policy: Policy | str | None = None,
    ) -> Any:
        """Answer `message` as the person, from the facts relevant to it.

        Args:
            message: what the user says.
            as_of: answer as the person was on this date ("2019").
            conversation: continue this conversation (default: a new one for this message).
            stream: yield text deltas as they are generated, then the `Reply`. The stream is
                the draft: with "regenerate" or "strict" the `Reply` text may differ from it.
            policy: overrides the clone's policy for this message.

        Returns:
            A `Reply`, or with `stream=True` an iterator of `str` deltas ending with the `Reply`.

        Raises:
            ConfigError: the message is empty.
            ModelError: the chat model failed (unreachable, refused, missing).
        """
        if conversation is None:
            conversation = self.conversation(as_of=as_of, policy=policy)
        else:
            if as_of is not None:
                conversation.set_as_of(as_of)
            if policy is not None:
                conversation.policy = parse_policy(policy)
                if conversation.checker is None:
                    conversation.checker = self.checker
        return conversation.chat(message, stream=stream)

    @property
    def store(self) -> FactStore:
        """The clone's fact and history store."""
        return self._store

    def remember(
        self,
        text_or_fact: str | Fact,
        *,
        kind: FactKind | str = FactKind.OTHER,
        subject: str | None = None,
        valid_from: DateLike | None = None,
        valid_until: DateLike | None = None,
        source: str = "user",
        verified: bool = True,
        tags: Sequence[str] = (),
        supersedes: Sequence[str] = (),
    ) -> Fact:
        """Store a fact (a no-op if the same fact is stored already) and return it as stored.

        `supersedes` names facts this one replaces ("I moved to Atlanta" supersedes "I live in
        Boston"): they stay stored, end where this one starts, and are marked superseded.

        Raises:
            ConfigError: empty text, an unknown kind or an impossible date.
            FactNotFound: a superseded id is not stored.
        """
        if isinstance(text_or_fact, Fact):
            fact = text_or_fact
        else:
            fact = make_fact(
                text_or_fact,
                kind=kind,
                subject=subject,
                valid_from=valid_from,
                valid_until=valid_until,
                source=source,
                verified=verified,
                tags=tuple(tags),
                supersedes=tuple(supersedes),
            )
        self._store.add([fact])
        return self._store.get(fact.id)

    def load_biography(self, path: str | Path) -> LoadReport:
        """Load a biography YAML file, or every one under a directory (such as `facts/`).

        Raises:
            BiographyError: listing every invalid entry with its file and line; nothing stored.
        """
        parsed = parse_biography(path)
        batch_ids = {located.fact.id for located in parsed.facts}
        outside = {
            target
            for located in parsed.facts
            for target in located.fact.supersedes
            if target not in batch_ids
        }
        missing = outside - self._store.existing_ids(sorted(outside))
        if missing:
            raise BiographyError(
                [
                    BiographyProblem(
                        located.path, located.line_no, f"supersedes unknown fact {t!r}"
                    )
                    for located in parsed.facts
                    for t in located.fact.supersedes
                    if t in missing
                ]
            )
        result = self._store.add([located.fact for located in parsed.facts], note=f"load {path}")
        return LoadReport(
            files=parsed.files,
            added=result.added,
            unchanged=result.unchanged,
            passages=parsed.passages,
        )

    def fact(self, fact_id: str) -> Fact:
        """The stored fact with this id.

        Raises:
            FactNotFound: there is none.
        """
        return self._store.get(fact_id)

    def facts(
        self, *, kind: FactKind | str | None = None, as_of: DateLike | None = None
    ) -> list[Fact]:
        """Every fact (of `kind`, valid at `as_of`, when given), in order of validity."""
        return self._store.facts(kind=_kind(kind), as_of=as_of)

    def recall(
        self,
        query: str,
        *,
        k: int = 8,
        as_of: DateLike | None = None,
        kind: FactKind | str | None = None,
    ) -> list[Hit]:
        """The `k` facts most relevant to `query`; with `as_of`, only those valid then."""
        if not isinstance(query, str) or not query.strip():
            raise ConfigError("the query is empty")
        return self._store.search(query, k=k, as_of=as_of, kind=_kind(kind))

    def ingest(
        self,
        path: str | Path,
        *,
        me: str | Sequence[str],
        source: str | None = None,
        gap: timedelta = DEFAULT_GAP,
        pseudonymise: bool = False,
        format: str | None = None,
        date_order: DateOrder | str | None = None,
        chat: str | None = None,
        progress: Progress | None = None,
        snippet_messages: int = MAX_SNIPPET_MESSAGES,
    ) -> IngestReport:
        """Store a chat export's conversations as the clone's history.

        The format is detected (WhatsApp `.txt`/`.zip`, Telegram `.json`, `.jsonl`, `.csv`).
        Ingesting the same export again adds nothing; a newer export of the same chat adds
        only its new messages; an interrupted ingest can be run again.

        Args:
            path: the export file.
            me: the person's author name in the export, or several (old display names).
            source: the name the chat is stored under (defaults to the file name); give a
                newer export with a different file name the same one.
            gap: idle time after which a new conversation starts (3 hours by default).
            pseudonymise: store other participants' names and phone numbers as stable
                pseudonyms instead.
            format: "whatsapp", "telegram", "jsonl" or "csv", if the file name does not say.
            date_order: for WhatsApp exports whose dates are ambiguous: "dmy" or "mdy".
            chat: for a whole-account Telegram export, the chat to read.
            progress: called with (messages stored, messages to store).
            snippet_messages: messages per stored snippet at most (1: each message alone).

        Raises:
            IngestError: the export is unreadable or empty, or `me` is none of its authors;
                nothing is stored then.
        """
        return ingest_export(
            self._store,
            path,
            me=me,
            source=source,
            gap=gap,
            pseudonymise=pseudonymise,
            key_dir=self._store.directory,
            format=format,
            date_order=date_order,
            chat=chat,
            progress=progress,
            snippet_messages=snippet_messages,
        )

    def recall_history(self, query: str, *, k: int = 8, own_only: bool = False) -> list[HistoryHit]:
        """The `k` chat-history snippets most relevant to `query`.

        With `own_only`, only snippets the person wrote in (their style exemplars).
        """
        if not isinstance(query, str) or not query.strip():
            raise ConfigError("the query is empty")
        return self._store.search_history(query, k=k, own_only=own_only)

    def forget(self, fact_id: str) -> Fact:
        """Delete a fact; its audit trail stays readable through `history`.

        Raises:
            FactNotFound: there is no fact with this id.
        """
        return self._store.forget(fact_id)

    def history(self, fact_id: str) -> list[AuditEntry]:
        """Every recorded change to a fact, oldest first.

        Raises:
            FactNotFound: the store has never held this fact.
        """
        entries = self._store.history(fact_id)
        if not entries:
            raise FactNotFound(fact_id)
        return entries


def _kind(kind: FactKind | str | None) -> FactKind | None:
    return None if kind is None else parse_kind(kind)
