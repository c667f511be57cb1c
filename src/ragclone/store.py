"""The clone's store: facts and chat history in Chroma, and an audit log of every change to a fact.

One clone is three Chroma collections, `facts`, `history` and `history_parts` (the sentences of
each history snippet, `history_parts.py`), plus an audit log (`audit.py`). On disk (the default)
they live in `<home>/<clone>/chroma`; against a Chroma server they are named `<clone>__facts`,
`<clone>__history` and `<clone>__history_parts`.
Vectors come from our own embedder, never from Chroma's default embedding function (it downloads
a model at run time). The embedder's name is recorded in the collections' metadata, and opening a
store with another embedder is an `EmbedderMismatch`.

Fact ids are content hashes, so adding a fact twice is a no-op. Each fact's metadata holds the
whole fact as JSON plus the fields searches filter on: `kind`, `vf` / `vu` (first and last day of
validity as YYYYMMDD integers) and `superseded`.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import numpy as np
from pydantic import BaseModel

from ragclone.audit import AuditLog
from ragclone.config import check_clone_name, data_dir
from ragclone.dates import DateLike, end_key, normalize_date, period_start, start_key
from ragclone.embeddings import Embedder
from ragclone.errors import ConfigError, EmbedderMismatch, FactNotFound, StoreError
from ragclone.history_parts import snippet_parts
from ragclone.history_ranking import PoolEntry, named_participants, rank_pool, without_names
from ragclone.models import (
    AuditEntry,
    Fact,
    FactKind,
    HistoryHit,
    HistorySnippet,
    Hit,
    snippet_id,
)

SCHEMA_VERSION = 1
CHROMA_BATCH_LIMIT = 5461
_PAGE = 5000
_COLLECTIONS = ("facts", "history")
# Added after the first stores were written: opened, or created empty, beside the other two.
_PARTS = "history_parts"
# Facts are written in slices this size, so that embedding the next slice overlaps writing this one.
_WRITE_SLICE = 1000
# How many nearest neighbours an `as_of` search fetches per wanted hit before filtering itself.
_OVERFETCH = 6
# A history search ranks the snippets of this many nearest snippets and this many nearest parts,
# and their neighbours (ragclone.history_ranking); 30 of each found fewer evidence turns.
HISTORY_POOL = 100


class AddResult(BaseModel):
    """Which records given to the store were new, already stored, or (history only) replaced."""

    added: list[str]
    unchanged: list[str]
    updated: list[str] = []


def _chroma_settings() -> Any:
    # Chroma reads this variable too; set it before the client exists so nothing is ever sent.
    os.environ["ANONYMIZED_TELEMETRY"] = "False"
    from chromadb.config import Settings

    return Settings(anonymized_telemetry=False, allow_reset=False)


def open_client(clone_dir: Path | None, chroma_url: str | None) -> Any:
    """A Chroma client: on disk under `clone_dir`, or the server at `chroma_url`."""
    import chromadb

    try:
        if chroma_url is not None:
            parsed = urlparse(chroma_url)
            return chromadb.HttpClient(
                host=parsed.hostname or "127.0.0.1",
                port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https",
                settings=_chroma_settings(),
            )
        assert clone_dir is not None
        return chromadb.PersistentClient(
            path=str(clone_dir / "chroma"), settings=_chroma_settings()
        )
    except Exception as e:
        where = chroma_url or str(clone_dir)
        raise StoreError(f"cannot open the Chroma store at {where}: {e}") from e


def _day_before(partial: str) -> str:
    """The period that ends just before `partial` begins, at the same precision."""
    first = period_start(partial)
    previous = first - timedelta(days=1)
    precision = partial.count("-")
    if precision == 0:
        return f"{previous.year:04d}"
    if precision == 1:
        return f"{previous.year:04d}-{previous.month:02d}"
    return previous.isoformat()


def _fact_metadata(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind.value,
        "subject": fact.subject or "",
        "vf": start_key(fact.valid_from),
        "vu": end_key(fact.valid_until),
        "superseded": fact.is_superseded,
        "verified": fact.verified,
        "fact": fact.model_dump_json(),
    }


def _fact_from_metadata(metadata: Any) -> Fact:
    return Fact.model_validate_json(metadata["fact"])


def _slices(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _cosines(query: Any, vectors: Any) -> list[float]:
    """Cosine similarity of a unit vector to each of `vectors`."""
    if vectors is None or len(vectors) == 0:
        return []
    matrix = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    return [float(x) for x in (matrix @ query) / norms]


def _valid_during(fact: Fact, first: int, last: int) -> bool:
    return start_key(fact.valid_from) <= last and end_key(fact.valid_until) >= first


def as_of_filter(as_of: DateLike | None) -> dict[str, Any] | None:
    """The Chroma `where` clause keeping facts valid at some time during `as_of`."""
    if as_of is None:
        return None
    day = normalize_date(as_of)
    # A fact is valid "in 2019" if its validity overlaps any part of 2019.
    return {"$and": [{"vf": {"$lte": end_key(day)}}, {"vu": {"$gte": start_key(day)}}]}


def _and(*clauses: dict[str, Any] | None) -> dict[str, Any] | None:
    present: list[dict[str, Any]] = []
    for clause in clauses:
        if clause is None:
            continue
        present.extend(clause["$and"] if set(clause) == {"$and"} else [clause])
    if not present:
        return None
    return present[0] if len(present) == 1 else {"$and": present}


class FactStore:
    """A clone's facts, history and audit log, in Chroma.

    Use `FactStore.open(name, embedder=...)`; the constructor takes already-open collections.
    """

    def __init__(
        self,
        client: Any,
        *,
        prefix: str,
        embedder: Embedder,
        audit: AuditLog,
        create: bool = True,
    ) -> None:
        self._client = client
        self._embedder = embedder
        self._prefix = prefix
        self._audit = audit
        self._batch = min(CHROMA_BATCH_LIMIT, self._max_batch(client))
        # A chat turn searches the history twice for one message (all of it, then the person's
        # own words): the second search reuses the first one's ranking.
        self._last_ranking: (
            tuple[tuple[str, tuple[float, ...], int, bool], list[PoolEntry]] | None
        ) = None
        try:
            existing = {getattr(c, "name", str(c)) for c in client.list_collections()}
            ours = {f"{prefix}{kind}" for kind in _COLLECTIONS}
            if not prefix and existing and not existing & ours:
                raise StoreError(
                    "this Chroma directory holds other collections "
                    f"({', '.join(sorted(existing))}) and no ragclone store"
                )
            self._facts, self._history = (
                self._collection(kind, existing=existing, create=create) for kind in _COLLECTIONS
            )
            self._parts = self._collection(_PARTS, existing=existing, create=True)
        except Exception as e:
            self.close()
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"cannot open the collections of this store: {e}") from e

    @classmethod
    def open(
        cls,
        name: str,
        *,
        embedder: Embedder,
        home: str | Path | None = None,
        chroma_url: str | None = None,
        create: bool = True,
    ) -> FactStore:
        """Open the store of clone `name`, creating it unless `create` is False.

        Raises:
            StoreError: the store does not exist (with create=False), cannot be read, or was
                not made by ragclone.
            EmbedderMismatch: the store was built with another embedder.
        """
        check_clone_name(name)
        clone_dir = data_dir(home) / name
        if chroma_url is not None:
            client = open_client(None, chroma_url)
            prefix = f"{name}__"
        else:
            if not create and not (clone_dir / "chroma").is_dir():
                raise StoreError(f"no clone named {name!r} in {clone_dir.parent}")
            if (clone_dir / "chroma").exists() and not (clone_dir / "chroma").is_dir():
                raise StoreError(f"{clone_dir / 'chroma'} is not a directory")
            client = open_client(clone_dir, None)
            prefix = ""
        audit_path = clone_dir / "audit.sqlite3"
        audit_existed = audit_path.exists()
        try:
            audit = AuditLog(audit_path)
            return cls(client, prefix=prefix, embedder=embedder, audit=audit, create=create)
        except Exception:
            if not audit_existed:
                audit_path.unlink(missing_ok=True)  # a refused open leaves nothing behind
            raise

    def close(self) -> None:
        """Release the Chroma client (its HTTP connections or database handles) and the log."""
        self._audit.close()
        # Chroma's HttpClient.close() leaves its httpx session open; close that as well.
        for owner in (self._client, getattr(self._client, "_admin_client", None)):
            session = getattr(getattr(owner, "_server", None), "_session", None)
            if session is not None and hasattr(session, "close"):
                session.close()
        close = getattr(self._client, "close", None)
        if close is not None:
            close()

    @staticmethod
    def _max_batch(client: Any) -> int:
        try:
            return int(client.get_max_batch_size())
        except Exception:
            return CHROMA_BATCH_LIMIT

    def _collection(self, kind: str, *, existing: set[str], create: bool) -> Any:
        name = f"{self._prefix}{kind}"
        if name in existing:
            collection = self._client.get_collection(name, embedding_function=None)
            stored_meta = collection.metadata or {}
            if stored_meta.get("ragclone_schema") is None:
                raise StoreError(f"the Chroma collection {name!r} was not made by ragclone")
            if stored_meta.get("ragclone_schema") != SCHEMA_VERSION:
                raise StoreError(
                    f"the collection {name!r} has schema {stored_meta.get('ragclone_schema')}, "
                    f"this ragclone reads schema {SCHEMA_VERSION}"
                )
            stored = stored_meta.get("ragclone_embedder")
            if stored != self._embedder.name:
                raise EmbedderMismatch(str(stored), self._embedder.name)
            return collection
        if not create:
            raise StoreError(f"the store has no {kind!r} collection; create the clone first")
        metadata: dict[str, Any] = {
            "ragclone_schema": SCHEMA_VERSION,
            "ragclone_kind": kind,
            "ragclone_embedder": self._embedder.name,
            "hnsw:space": "cosine",
        }
        return self._client.get_or_create_collection(
            name, embedding_function=None, metadata=metadata
        )

    @property
    def directory(self) -> Path:
        """The clone's local directory (its audit log and keys; also with a Chroma server)."""
        return self._audit.path.parent

    @property
    def embedder(self) -> Embedder:
        """The embedder the store computes vectors with."""
        return self._embedder

    @property
    def batch_size(self) -> int:
        """Records per Chroma write, under Chroma's limit."""
        return self._batch

    # -- facts -------------------------------------------------------------------------------

    def count(self) -> int:
        """How many facts are stored."""
        return int(self._facts.count())

    def get(self, fact_id: str) -> Fact:
        """The fact with this id.

        Raises:
            FactNotFound: there is none.
        """
        found = self._facts.get(ids=[fact_id], include=["metadatas"])
        if not found["ids"]:
            raise FactNotFound(fact_id)
        return _fact_from_metadata(found["metadatas"][0])

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """The subset of `ids` already stored."""
        present: set[str] = set()
        for batch in _batches(list(ids), self._batch):
            present.update(self._facts.get(ids=list(batch), include=[])["ids"])
        return present

    def add(self, facts: Sequence[Fact], *, note: str = "") -> AddResult:
        """Store new facts (already-stored ids are skipped) and apply their `supersedes`.

        All checks run before anything is written. If writing fails part-way, the facts this
        call added are removed again, so a failed add leaves the store as it was.

        Raises:
            FactNotFound: a fact supersedes an id that is neither stored nor in `facts`.
        """
        unique = list({fact.id: fact for fact in facts}.values())
        present = self.existing_ids([fact.id for fact in unique])
        new = [fact for fact in unique if fact.id not in present]
        replaced = self._plan_supersessions(new)
        added: list[str] = []
        try:
            # Embedding is the physical work; Chroma's write of one slice runs in a thread while
            # the next slice is embedded, so the store adds little time on top of the embedder.
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ragclone-write") as writer:
                pending: Future[None] | None = None
                for batch in _batches(new, min(self._batch, _WRITE_SLICE)):
                    vectors = self._embedder.embed([fact.text for fact in batch])
                    if pending is not None:
                        pending.result()
                    added.extend(fact.id for fact in batch)
                    pending = writer.submit(self._write_facts, batch, vectors)
                if pending is not None:
                    pending.result()
            self._write_supersessions(replaced)
            self._audit.record(
                [(fact, "add", note) for fact in new]
                + [(old, "superseded", f"by {fact.id}") for old, fact in replaced]
            )
        except Exception as e:
            self._undo_add(added)
            if isinstance(e, StoreError):
                raise
            raise StoreError(f"writing facts failed, nothing was kept: {e}") from e
        return AddResult(added=added, unchanged=[fact.id for fact in unique if fact.id in present])

    def _write_facts(self, facts: Sequence[Fact], vectors: Sequence[Sequence[float]]) -> None:
        self._facts.add(
            ids=[fact.id for fact in facts],
            embeddings=list(vectors),
            documents=[fact.text for fact in facts],
            metadatas=[_fact_metadata(fact) for fact in facts],
        )

    def _plan_supersessions(self, new: Sequence[Fact]) -> list[tuple[Fact, Fact]]:
        """Pairs (old fact as updated, new fact) for every `supersedes` link among `new`."""
        by_id = {fact.id: fact for fact in new}
        wanted = {old for fact in new for old in fact.supersedes if old not in by_id}
        stored = {fact.id: fact for fact in self._get_many(sorted(wanted))}
        missing = wanted - set(stored)
        if missing:
            raise FactNotFound(sorted(missing)[0])
        pairs: list[tuple[Fact, Fact]] = []
        for fact in new:
            for old_id in fact.supersedes:
                if old_id == fact.id:
                    raise ConfigError(f"fact {fact.id} cannot supersede itself")
                old = by_id.get(old_id) or stored[old_id]
                pairs.append((old, fact))
        updated: dict[str, Fact] = {}
        result: list[tuple[Fact, Fact]] = []
        for old, fact in pairs:
            current = updated.get(old.id, old)
            changes: dict[str, Any] = {
                "superseded_by": tuple(dict.fromkeys((*current.superseded_by, fact.id)))
            }
            if current.valid_until is None:
                ends = _day_before(fact.valid_from) if fact.valid_from else date.today().isoformat()
                if current.valid_from is None or end_key(ends) >= start_key(current.valid_from):
                    changes["valid_until"] = ends
            current = current.model_copy(update=changes)
            updated[old.id] = current
            result.append((current, fact))
        return result

    def _write_supersessions(self, pairs: Sequence[tuple[Fact, Fact]]) -> None:
        final = {old.id: old for old, _ in pairs}
        if not final:
            return
        olds = list(final.values())
        for batch in _batches(olds, self._batch):
            self._facts.update(
                ids=[fact.id for fact in batch], metadatas=[_fact_metadata(f) for f in batch]
            )

    def _undo_add(self, ids: Sequence[str]) -> None:
        for batch in _batches(list(ids), self._batch):
            try:
                self._facts.delete(ids=list(batch))
            except Exception:
                pass  # the original error is the one worth reporting

    def _get_many(self, ids: Sequence[str]) -> list[Fact]:
        facts: list[Fact] = []
        for batch in _batches(list(ids), self._batch):
            found = self._facts.get(ids=list(batch), include=["metadatas"])
            facts.extend(_fact_from_metadata(m) for m in found["metadatas"])
        return facts

    def forget(self, fact_id: str) -> Fact:
        """Delete a fact (its audit trail stays) and unlink it from the facts it superseded.

        Raises:
            FactNotFound: there is no fact with this id.
        """
        fact = self.get(fact_id)
        unlinked = [
            old.model_copy(
                update={"superseded_by": tuple(i for i in old.superseded_by if i != fact_id)}
            )
            for old in self._get_many(list(fact.supersedes))
        ]
        self._audit.record([(fact, "forget", "")])
        self._facts.delete(ids=[fact_id])
        if unlinked:
            self._facts.update(
                ids=[old.id for old in unlinked], metadatas=[_fact_metadata(f) for f in unlinked]
            )
        return fact

    def facts(
        self,
        *,
        kind: FactKind | str | None = None,
        as_of: DateLike | None = None,
        include_superseded: bool = True,
    ) -> list[Fact]:
        """Every stored fact matching the filters, oldest validity first."""
        where = _and(
            {"kind": FactKind(kind).value} if kind is not None else None,
            as_of_filter(as_of),
            None if include_superseded else {"superseded": False},
        )
        facts: list[Fact] = []
        for offset in itertools.count(0, _PAGE):
            page = self._facts.get(where=where, include=["metadatas"], limit=_PAGE, offset=offset)
            facts.extend(_fact_from_metadata(m) for m in page["metadatas"])
            if len(page["ids"]) < _PAGE:
                break
        facts.sort(key=lambda f: (start_key(f.valid_from), end_key(f.valid_until), f.text))
        return facts

    def search(
        self,
        query: str,
        *,
        k: int = 8,
        as_of: DateLike | None = None,
        kind: FactKind | str | None = None,
        embedding: Sequence[float] | None = None,
    ) -> list[Hit]:
        """The `k` facts most similar to `query`, optionally only those valid at `as_of`."""
        if k < 1:
            raise ConfigError(f"k must be at least 1, not {k}")
        kind_filter = {"kind": FactKind(kind).value} if kind is not None else None
        vector = list(embedding) if embedding is not None else self._embedder.embed([query])[0]
        if as_of is None:
            return self._query(vector, k, kind_filter)
        # Chroma evaluates a `where` on validity by scanning metadata (0.6 s at 100k facts), so
        # filter the nearest neighbours here first; ask Chroma to filter only when too few survive.
        first, last = start_key(normalize_date(as_of)), end_key(normalize_date(as_of))
        nearest = self._query(vector, k * _OVERFETCH, kind_filter)
        valid = [h for h in nearest if _valid_during(h.fact, first, last)]
        if len(valid) >= k or len(nearest) < k * _OVERFETCH:
            return valid[:k]
        return self._query(vector, k, _and(as_of_filter(as_of), kind_filter))

    def _query(self, vector: list[float], n: int, where: dict[str, Any] | None) -> list[Hit]:
        result = self._facts.query(
            query_embeddings=[vector],
            n_results=n,
            where=where,
            include=["metadatas", "distances"],
        )
        return [
            Hit(fact=_fact_from_metadata(metadata), score=round(1.0 - float(distance), 6))
            for metadata, distance in zip(
                result["metadatas"][0], result["distances"][0], strict=True
            )
        ]

    # -- history ---------------------------------------------------------------------------

    def history_count(self) -> int:
        """How many history snippets are stored."""
        return int(self._history.count())

    def history_lacks_parts(self) -> bool:
        """Whether the history was stored by a ragclone before parts (`ragclone.history_parts`):
        its searches then miss the sentences inside snippets until the export is ingested
        again.

        A history of messages too short to have parts has none either; its snippets have their
        place in the conversation, which that older ragclone did not store.
        """
        if self.history_count() == 0 or int(self._parts.count()) > 0:
            return False
        stored = self._history.get(limit=1, include=["metadatas"])
        return HistorySnippet.model_validate_json(stored["metadatas"][0]["snippet"]).place is None

    def add_history(self, snippets: Iterable[HistorySnippet]) -> AddResult:
        """Store chat-history snippets and their parts (`ragclone.history_parts`), in slices.

        A new id is added; a stored id whose snippet changed is replaced (the last conversation
        of an older export, grown in a newer one; or a snippet stored by an older ragclone,
        without its place and parts); an identical one is skipped. So storing the same snippets
        again changes nothing, and an interrupted run can simply be repeated: a snippet's parts
        are written before the snippet itself. Each slice is embedded while the slice before it
        is written.

        Args:
            snippets: any iterable, consumed once; it need not fit in memory.
        """
        added: list[str] = []
        updated: list[str] = []
        unchanged: list[str] = []
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ragclone-write") as writer:
            pending: Future[None] | None = None
            for batch in _slices(snippets, min(self._batch, _WRITE_SLICE)):
                unique = list({s.id: s for s in batch}.values())
                stored = self._history.get(ids=[s.id for s in unique], include=["metadatas"])
                previous = {
                    stored_id: (metadata or {}).get("snippet")
                    for stored_id, metadata in zip(
                        stored["ids"], stored["metadatas"] or [], strict=False
                    )
                }
                changed = [s for s in unique if previous.get(s.id) != s.model_dump_json()]
                changed_ids = {s.id for s in changed}
                for snippet in unique:
                    if snippet.id not in previous:
                        added.append(snippet.id)
                    elif snippet.id in changed_ids:
                        updated.append(snippet.id)
                    else:
                        unchanged.append(snippet.id)
                parts = [(s, part) for s in changed for part in snippet_parts(s)]
                texts = [s.text for s in changed] + [part for _, part in parts]
                vectors = self._embedder.embed(texts) if texts else []
                if pending is not None:
                    pending.result()
                pending = writer.submit(self._write_history, changed, parts, vectors)
            if pending is not None:
                pending.result()
        return AddResult(added=added, updated=updated, unchanged=unchanged)

    def _write_history(
        self,
        changed: Sequence[HistorySnippet],
        parts: Sequence[tuple[HistorySnippet, str]],
        vectors: Sequence[Sequence[float]],
    ) -> None:
        if not changed:
            return
        self._last_ranking = None
        # The parts first: a snippet stored without its parts would count as unchanged.
        for batch in _batches([s.id for s in changed], self._batch):
            self._parts.delete(where={"snippet_id": {"$in": list(batch)}})
        seen: Counter[str] = Counter()
        numbered: list[tuple[str, HistorySnippet, str]] = []
        for snippet, text in parts:  # a snippet's parts are numbered 0, 1, ... in its order
            numbered.append((f"{snippet.id}:{seen[snippet.id]}", snippet, text))
            seen[snippet.id] += 1
        part_vectors = vectors[len(changed) :]
        for start in range(0, len(numbered), self._batch):
            batch = numbered[start : start + self._batch]
            self._parts.add(
                ids=[part_id for part_id, _, _ in batch],
                embeddings=list(part_vectors[start : start + self._batch]),
                documents=[text for _, _, text in batch],
                metadatas=[{"snippet_id": s.id, "own": s.own} for _, s, _ in batch],
            )
        self._history.upsert(
            ids=[s.id for s in changed],
            embeddings=list(vectors[: len(changed)]),
            documents=[s.text for s in changed],
            metadatas=[
                {
                    "conversation_id": s.conversation_id,
                    "own": s.own,
                    "source": s.source,
                    "snippet": s.model_dump_json(),
                }
                for s in changed
            ],
        )

    def search_history(
        self,
        query: str,
        *,
        k: int = 8,
        own_only: bool = False,
        embedding: Sequence[float] | None = None,
        names_by_author: bool = True,
    ) -> list[HistoryHit]:
        """The `k` history snippets most relevant to `query`; `own_only` keeps the person's own.

        The snippets nearest to the query, those of its nearest parts, and the snippets around
        them are ranked by meaning, shared words, neighbours and the names the query asks
        about (`ragclone.history_ranking`). With `names_by_author`, a query naming people of
        the history is searched by its meaning without their names, and who wrote a snippet
        stands for them (`_ranked_history`); without, a name is searched as any word is: the
        way of the chat turn and the checker, which want what was said of a thing whoever said
        it, to tell whose it is. A hit's score is the cosine similarity of the query to the
        snippet or its closest part.
        """
        if k < 1:
            raise ConfigError(f"k must be at least 1, not {k}")
        vector = list(embedding) if embedding is not None else self._embedder.embed([query])[0]
        pool = max(k, HISTORY_POOL)
        key = (query, tuple(vector), pool, names_by_author)
        if self._last_ranking is not None and self._last_ranking[0] == key:
            ranked = self._last_ranking[1]
        else:
            ranked = self._ranked_history(query, vector, pool, None, names_by_author)
            self._last_ranking = (key, ranked)
        if own_only:
            ranked = [entry for entry in ranked if entry.snippet.own]
            if len(ranked) < k:
                # As with `as_of`: a `where` on 100k snippets is a scan, so only when needed.
                own = self._ranked_history(query, vector, pool, {"own": True}, names_by_author)
                ranked = [entry for entry in own if entry.snippet.own]
        return [HistoryHit(snippet=e.snippet, score=round(e.similarity, 6)) for e in ranked[:k]]

    def _ranked_history(
        self,
        query: str,
        vector: list[float],
        n: int,
        where: dict[str, Any] | None,
        names_by_author: bool,
    ) -> list[PoolEntry]:
        """The pool for `query` ranked (`rank_pool`), each entry with its similarity to `vector`.

        With `names_by_author`, when the query names people of the history, the pool is
        gathered and ranked again by the meaning of the query without their names: a name in
        the query's vector draws every snippet that says it ("Thanks, Melanie!") or that its
        owner wrote, whatever it is about, and who wrote a snippet is scored by the ranking.
        The similarities stay those to the query as asked, which is what the thresholds on a
        hit's score were set on.
        """
        pool = self._history_pool(vector, n, where)
        if not names_by_author:
            return rank_pool(query, pool, names_by_author=False)
        focus = without_names(query, named_participants(query, pool))
        if focus == query:
            return rank_pool(query, pool)
        ranked = rank_pool(query, self._history_pool(self._embedder.embed([focus])[0], n, where))
        asked = {entry.snippet.id: entry.similarity for entry in pool}
        unit = np.asarray(vector, dtype=np.float32)
        unit /= np.linalg.norm(unit) or 1.0
        self._add_to_pool(
            [e.snippet.id for e in ranked if e.snippet.id not in asked], unit, {}, asked
        )
        return [PoolEntry(snippet=e.snippet, similarity=asked[e.snippet.id]) for e in ranked]

    def _history_pool(
        self, vector: list[float], n: int, where: dict[str, Any] | None
    ) -> list[PoolEntry]:
        """The `n` snippets nearest to `vector`, those of its `n` nearest parts, and their
        neighbours, each with its best similarity (itself or a part) to `vector`."""
        query = np.asarray(vector, dtype=np.float32)
        query /= np.linalg.norm(query) or 1.0
        snippets: dict[str, HistorySnippet] = {}
        best: dict[str, float] = {}
        nearest = self._history.query(
            query_embeddings=[vector], n_results=n, where=where, include=["metadatas", "distances"]
        )
        for found_id, metadata, distance in zip(
            nearest["ids"][0], nearest["metadatas"][0], nearest["distances"][0], strict=True
        ):
            snippets[found_id] = HistorySnippet.model_validate_json(metadata["snippet"])
            best[found_id] = 1.0 - float(distance)
        near_parts = self._parts.query(
            query_embeddings=[vector], n_results=n, where=where, include=["metadatas", "distances"]
        )
        best_part: dict[str, float] = {}
        for metadata, distance in zip(
            near_parts["metadatas"][0], near_parts["distances"][0], strict=True
        ):
            best_part.setdefault(metadata["snippet_id"], 1.0 - float(distance))
        self._add_to_pool([i for i in best_part if i not in snippets], query, snippets, best)
        around = [
            snippet_id(s.conversation_id, s.place + step)
            for s in snippets.values()
            if s.place is not None
            for step in (-1, 1)
            if s.place + step >= 0
        ]
        self._add_to_pool(
            [i for i in dict.fromkeys(around) if i not in snippets], query, snippets, best
        )
        # A snippet none of whose parts is among the nearest is scored by itself: reading all
        # its parts found a nearer one too rarely for what it cost (LoCoMo recall@10 0.788
        # instead of 0.785, at 115 ms a search instead of 38).
        return [
            PoolEntry(snippet=snippet, similarity=max(best[i], best_part.get(i, -1.0)))
            for i, snippet in snippets.items()
        ]

    def _add_to_pool(
        self,
        ids: Sequence[str],
        query: Any,
        snippets: dict[str, HistorySnippet],
        best: dict[str, float],
    ) -> None:
        """Fetch the snippets `ids` (those that exist) into the pool, with their similarity."""
        for batch in _batches(list(ids), self._batch):
            got = self._history.get(ids=list(batch), include=["metadatas", "embeddings"])
            scores = _cosines(query, got["embeddings"])
            for found_id, metadata, score in zip(got["ids"], got["metadatas"], scores, strict=True):
                snippets[found_id] = HistorySnippet.model_validate_json(metadata["snippet"])
                best[found_id] = score

    # -- audit -------------------------------------------------------------------------------

    def history(self, fact_id: str) -> list[AuditEntry]:
        """Every recorded change to the fact, oldest first (also after it was forgotten)."""
        return self._audit.entries(fact_id)
