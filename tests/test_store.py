"""The Chroma-backed store, on a real PersistentClient in a temp dir."""

from pathlib import Path

import chromadb
import pytest
from chromadb.config import Settings

from ragclone import Fact, FactStore
from ragclone.errors import EmbedderMismatch, FactNotFound, StoreError
from tests.conftest import HashingEmbedder


def open_store(home: Path, embedder: HashingEmbedder | None = None, **kw: object) -> FactStore:
    return FactStore.open("c1", embedder=embedder or HashingEmbedder(), home=home, **kw)  # type: ignore[arg-type]


def test_store_lives_in_one_directory_per_clone(isolated_home: Path) -> None:
    store = open_store(isolated_home)
    store.add([Fact(text="I knit.")])
    assert (isolated_home / "c1" / "chroma" / "chroma.sqlite3").is_file()
    assert (isolated_home / "c1" / "audit.sqlite3").is_file()
    assert not (Path.cwd() / "c1").exists()


def test_adding_the_same_fact_twice_is_a_no_op(isolated_home: Path) -> None:
    store = open_store(isolated_home)
    first = store.add([Fact(text="I knit."), Fact(text="I knit.")])
    second = store.add([Fact(text="i  KNIT.")])
    assert len(first.added) == 1
    assert second.added == [] and second.unchanged == first.added
    assert store.count() == 1
    assert [e.action for e in store.history(first.added[0])] == ["add"]


def test_adds_are_batched_under_chromas_limit(isolated_home: Path) -> None:
    embedder = HashingEmbedder()
    store = open_store(isolated_home, embedder)
    assert store.batch_size <= 5461
    facts = [Fact(text=f"Fact number {i} about me.") for i in range(6000)]
    result = store.add(facts)
    assert len(result.added) == 6000
    assert store.count() == 6000
    assert embedder.largest_batch <= store.batch_size  # each slice is one embed and one add


def test_a_failed_add_leaves_the_store_as_it_was(isolated_home: Path) -> None:
    embedder = HashingEmbedder(fail_after=3)
    store = open_store(isolated_home, embedder)
    facts = [Fact(text=f"Fact number {i} about me.") for i in range(6000)]
    with pytest.raises(StoreError, match="nothing was kept"):
        store.add(facts)
    assert store.count() == 0
    assert store.history(facts[0].id) == []
    embedder.fail_after = None
    assert len(store.add(facts).added) == 6000  # and the add can simply be re-run


def test_superseding_ends_the_old_fact_and_keeps_it(isolated_home: Path) -> None:
    store = open_store(isolated_home)
    boston = Fact(text="I live in Boston.", valid_from="2005")
    store.add([boston])
    atlanta = Fact(text="I live in Atlanta.", valid_from="2023-08", supersedes=(boston.id,))
    store.add([atlanta])
    old = store.get(boston.id)
    assert old.valid_until == "2023-07"
    assert old.superseded_by == (atlanta.id,)
    assert [f.text for f in store.facts(as_of="2019")] == ["I live in Boston."]
    assert [f.text for f in store.facts(as_of="2024-01-01")] == ["I live in Atlanta."]
    assert len(store.facts()) == 2
    assert [f.text for f in store.facts(include_superseded=False)] == ["I live in Atlanta."]
    assert [(e.action, e.note) for e in store.history(boston.id)] == [
        ("add", ""),
        ("superseded", f"by {atlanta.id}"),
    ]


def test_superseding_an_unknown_fact_writes_nothing(isolated_home: Path) -> None:
    store = open_store(isolated_home)
    with pytest.raises(FactNotFound):
        store.add([Fact(text="I moved.", supersedes=("f_doesnotexist",))])
    assert store.count() == 0


def test_forget_deletes_but_history_remains(isolated_home: Path) -> None:
    store = open_store(isolated_home)
    old = Fact(text="I play piano.", valid_from="2013")
    store.add([old])
    new = Fact(text="I quit piano.", valid_from="2019", supersedes=(old.id,))
    store.add([new])
    store.forget(new.id)
    assert store.count() == 1
    assert store.get(old.id).superseded_by == ()
    with pytest.raises(FactNotFound):
        store.get(new.id)
    with pytest.raises(FactNotFound):
        store.forget(new.id)
    assert [e.action for e in store.history(new.id)] == ["add", "forget"]


def test_as_of_overlaps_partial_periods(isolated_home: Path) -> None:
    store = open_store(isolated_home)
    store.add(
        [
            Fact(text="always"),
            Fact(text="in 2019 only", valid_from="2019", valid_until="2019"),
            Fact(text="from june 2019", valid_from="2019-06"),
            Fact(text="until march 2019", valid_until="2019-03-31"),
        ]
    )
    assert {f.text for f in store.facts(as_of="2019-05")} == {"always", "in 2019 only"}
    assert {f.text for f in store.facts(as_of="2019-04-01")} == {"always", "in 2019 only"}
    assert len(store.facts(as_of="2019")) == 4
    assert {f.text for f in store.facts(as_of="2030")} == {"always", "from june 2019"}


def test_search_ranks_by_similarity_and_filters(isolated_home: Path) -> None:
    store = open_store(isolated_home)
    store.add(
        [
            Fact(text="I have one older sister.", kind="relationship"),
            Fact(text="I like spicy food.", kind="preference"),
            Fact(text="I lived in Boston.", valid_until="2023"),
        ]
    )
    hits = store.search("older sister", k=2)
    assert hits[0].fact.text == "I have one older sister."
    assert hits[0].score > hits[1].score
    assert [h.fact.text for h in store.search("Boston", k=3, as_of="2025")] != []
    assert "I lived in Boston." not in [h.fact.text for h in store.search("Boston", as_of="2025")]
    assert [h.fact.kind.value for h in store.search("food", kind="preference")] == ["preference"]


def test_opening_with_another_embedder_is_a_clear_error(isolated_home: Path) -> None:
    open_store(isolated_home, HashingEmbedder("model-a")).add([Fact(text="x")])
    with pytest.raises(EmbedderMismatch, match="'model-a', not 'model-b'"):
        open_store(isolated_home, HashingEmbedder("model-b"))


def test_a_missing_clone_is_an_error_when_not_creating(isolated_home: Path) -> None:
    with pytest.raises(StoreError, match="no clone named 'c1'"):
        open_store(isolated_home, create=False)
    assert not (isolated_home / "c1").exists()


def test_a_corrupted_chroma_directory_is_a_clear_error(isolated_home: Path) -> None:
    chroma_dir = isolated_home / "c1" / "chroma"
    chroma_dir.mkdir(parents=True)
    (chroma_dir / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(isolated_home)
    assert (chroma_dir / "chroma.sqlite3").read_bytes() == b"this is not a database" * 100


def test_a_foreign_chroma_directory_is_refused(isolated_home: Path) -> None:
    chroma_dir = isolated_home / "c1" / "chroma"
    foreign = chromadb.PersistentClient(
        path=str(chroma_dir), settings=Settings(anonymized_telemetry=False)
    )
    foreign.create_collection("documents", embedding_function=None)
    with pytest.raises(StoreError, match="other collections"):
        open_store(isolated_home)
    foreign.create_collection("facts", embedding_function=None)
    with pytest.raises(StoreError, match="not made by ragclone"):
        open_store(isolated_home)
    assert {c.name for c in foreign.list_collections()} == {"documents", "facts"}
    assert sorted(p.name for p in (isolated_home / "c1").iterdir()) == ["chroma"]


def test_as_of_search_finds_valid_facts_behind_many_invalid_neighbours(
    isolated_home: Path,
) -> None:
    store = open_store(isolated_home)
    old = [Fact(text=f"I lived in Boston, flat {i}.", valid_until="2000") for i in range(30)]
    current = Fact(text="I live in Atlanta now, not Boston.", valid_from="2020")
    store.add([*old, current])
    hits = store.search("I lived in Boston, flat", k=2, as_of="2021")
    assert [h.fact.id for h in hits] == [current.id]
    assert len(store.search("I lived in Boston, flat", k=3, as_of="1999")) == 3
