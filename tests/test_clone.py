"""The Clone API end to end: real Chroma on disk, the real packaged embedder."""

from datetime import date, datetime
from pathlib import Path

import pytest

from ragclone import Clone, Fact, SentenceTransformerEmbedder
from ragclone.errors import BiographyError, ConfigError, FactNotFound, StoreError


def test_remember_recall_forget_history(clone: Clone) -> None:
    sister = clone.remember("I have one older sister, Mina.", kind="relationship")
    clone.remember("My favourite food is kimchi jjigae.", kind="preference")
    clone.remember("I am a teaching assistant for data structures.", kind="work")
    assert clone.remember("I have one older sister, Mina.", kind="relationship") == sister
    hits = clone.recall("Do you have any siblings?", k=2)
    assert hits[0].fact == sister
    assert 0 < hits[1].score < hits[0].score <= 1
    assert clone.forget(sister.id) == sister
    assert sister.id not in [h.fact.id for h in clone.recall("siblings")]
    assert [e.action for e in clone.history(sister.id)] == ["add", "forget"]
    with pytest.raises(FactNotFound):
        clone.history("f_never")


def test_dates_accept_date_objects_iso_strings_and_partial_dates(clone: Clone) -> None:
    a = clone.remember("I started at Georgia Tech.", kind="event", valid_from=date(2023, 8, 21))
    b = clone.remember("I interned.", kind="work", valid_from="2025-05", valid_until="2025-08")
    c = clone.remember("I quit piano.", kind="habit", valid_from=datetime(2019, 6, 1, 12))
    assert (a.valid_from, b.valid_from, b.valid_until, c.valid_from) == (
        "2023-08-21",
        "2025-05",
        "2025-08",
        "2019-06-01",
    )
    assert {f.text for f in clone.facts(as_of="2025-07-04")} == {
        "I started at Georgia Tech.",
        "I interned.",
        "I quit piano.",
    }
    assert [f.text for f in clone.facts(as_of=date(2020, 1, 1))] == ["I quit piano."]
    assert [f.text for f in clone.facts(kind="work")] == ["I interned."]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text_or_fact": "  "}, "needs some text"),
        ({"text_or_fact": "x", "kind": "hobby"}, "unknown kind 'hobby'"),
        ({"text_or_fact": "x", "valid_from": "2019-02-30"}, "does not exist"),
        ({"text_or_fact": "x", "valid_from": "2020", "valid_until": "2019"}, "before valid_from"),
        ({"text_or_fact": "x", "supersedes": ["f_missing"]}, "f_missing"),
    ],
)
def test_bad_input_is_a_clear_error_and_stores_nothing(
    clone: Clone, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises((ConfigError, FactNotFound), match=message):
        clone.remember(**kwargs)  # type: ignore[arg-type]
    assert clone.store.count() == 0


def test_recall_rejects_an_empty_query_and_an_unknown_kind(clone: Clone) -> None:
    with pytest.raises(ConfigError, match="empty"):
        clone.recall("  ")
    with pytest.raises(ConfigError, match="unknown kind"):
        clone.facts(kind="hobby")


def test_a_fact_object_can_be_remembered(clone: Clone) -> None:
    fact = Fact(text="I knit.", kind="habit", tags=("craft",), verified=False)
    stored = clone.remember(fact)
    assert stored == fact and not stored.verified


def test_load_biography_is_idempotent_and_reports(tmp_path: Path, clone: Clone) -> None:
    bio = tmp_path / "bio.yaml"
    bio.write_text("about: I grew up in Boston.\nfacts:\n  - text: I knit.\n    kind: habit\n")
    first = clone.load_biography(bio)
    second = clone.load_biography(bio)
    assert (len(first.added), first.passages, first.files) == (2, 1, [bio])
    assert (second.added, len(second.unchanged)) == ([], 2)
    assert clone.store.count() == 2


def test_a_broken_biography_leaves_the_store_as_it_was(tmp_path: Path, clone: Clone) -> None:
    clone.remember("I knit.", kind="habit")
    bio = tmp_path / "bio.yaml"
    bio.write_text("facts:\n  - text: I am fine.\n  - text: I am not\n    kind: hobby\n")
    with pytest.raises(BiographyError, match="bio.yaml:4"):
        clone.load_biography(bio)
    bio.write_text("facts:\n  - text: I replaced something.\n    supersedes: [f_nothere]\n")
    with pytest.raises(BiographyError, match="f_nothere"):
        clone.load_biography(bio)
    assert [f.text for f in clone.facts()] == ["I knit."]


def test_open_existing_or_refuse_missing(embedder: SentenceTransformerEmbedder) -> None:
    with pytest.raises(StoreError, match="no clone named 'ghost'"):
        Clone("ghost", embedder=embedder, create=False)
    with Clone("real", embedder=embedder) as made:
        made.remember("I exist.")
    with Clone("real", embedder=embedder, create=False) as reopened:
        assert reopened.store.count() == 1


def test_the_demo_persona_answers_recall_questions(
    demo_home: Path, embedder: SentenceTransformerEmbedder
) -> None:
    with Clone("lena-park", home=demo_home, embedder=embedder, create=False) as lena:
        assert lena.store.count() >= 150

        def top(question: str, **kw: object) -> list[str]:
            return [h.fact.text for h in lena.recall(question, k=3, **kw)]  # type: ignore[arg-type]

        assert "I do not have a brother." in top("Do you have a brother?")
        assert "I do not play soccer." in top("Do you play soccer?")
        assert any("computer science at Georgia Tech" in t for t in top("What do you study?"))
        assert any("Atlanta" in t for t in top("Where do you live?", as_of="2026-11"))
        assert any("Boston" in t for t in top("Where did you live?", as_of="2015"))
        assert not any("Atlanta, Georgia" in t for t in top("Where do you live?", as_of="2015"))


def test_the_demo_persona_tracks_superseded_traits(
    demo_home: Path, embedder: SentenceTransformerEmbedder
) -> None:
    with Clone("lena-park", home=demo_home, embedder=embedder, create=False) as lena:
        piano = next(f for f in lena.facts(kind="habit") if "took weekly lessons" in f.text)
        assert piano.is_superseded and piano.valid_until == "2019-06"
        now = {f.text for f in lena.facts(as_of="2026-11-22")}
        assert "I am vegetarian." in now
        assert "I ate meat until 2022." not in now
        assert "I ate meat until 2022." in {f.text for f in lena.facts(as_of="2021")}
        assert [e.action for e in lena.history(piano.id)] == ["add", "superseded"]
