"""The history search end to end: ingested exports, a real Chroma store, the real embedder."""

from __future__ import annotations

import json
from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings
from click.testing import CliRunner

from ragclone import Clone, SentenceTransformerEmbedder
from ragclone.cli import cli

TURNS = [
    ("Mina", "Hey Lena! How was your weekend?"),
    ("Lena", "Busy! The kids had a swim meet and I worked on Saturday."),
    ("Mina", "Did you finally go to that pottery class you signed up for?"),
    ("Lena", "Yes, on Sunday! I made a wonky little bowl and a mug."),
    ("Mina", "Haha love it. My yoga class got cancelled again, so I made lasagna instead."),
    ("Lena", "Lasagna sounds great. I've been reading a lot of sci-fi lately."),
    ("Mina", "What are you reading right now?"),
    ("Lena", "The Left Hand of Darkness. My sister lent it to me when she visited."),
    ("Mina", "Nice. I made a playlist for the road trip, want it?"),
    ("Lena", "Sure! Send it over and I'll make a list of snacks."),
    ("Mina", "Did you make anything fun with the kids this week?"),
    ("Lena", "We made paper lanterns and a birthday card for my mom."),
    ("Lena", "I also make my own bread now, every Saturday morning."),
    ("Mina", "You should teach a class on that!"),
]
# One long snippet: a sentence about a support group among talk of kids and work.
LONG = [
    ("Lena", "The kids have been a handful this week and work is piling up."),
    ("Mina", "Same here, my boss keeps adding projects and the kids have colds."),
    ("Lena", "Ugh. School pickups, soccer practice, a deadline on Friday."),
    ("Lena", "I also went to an LGBTQ support group on Tuesday, it was so powerful."),
    ("Mina", "Did the kids like the new school?"),
    ("Lena", "They love it, and the teachers are great about homework."),
]


def write_export(path: Path, turns: list[tuple[str, str]], day: str = "2024-03-04") -> Path:
    with path.open("w", encoding="utf-8") as out:
        for minute, (author, text) in enumerate(turns):
            stamp = f"{day}T10:{minute:02d}:00"
            out.write(json.dumps({"author": author, "timestamp": stamp, "text": text}) + "\n")
    return path


def cosine(embedder: SentenceTransformerEmbedder, a: str, b: str) -> float:
    u, v = (np.asarray(x) for x in embedder.embed([a, b]))
    return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))


def test_an_answer_is_found_through_the_question_it_answers(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    clone = Clone("lena", embedder=embedder)
    clone.ingest(write_export(tmp_path / "chat.jsonl", TURNS), me="Lena", snippet_messages=1)
    hits = clone.recall_history("What did Lena make at the pottery class?", k=2)
    assert "wonky little bowl" in "\n".join(hit.snippet.text for hit in hits)
    place = {hit.snippet.place for hit in hits}
    assert place == {2, 3}  # the question and its answer, neighbours in the conversation


def test_a_sentence_inside_a_long_snippet_is_found_by_itself(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    clone = Clone("lena", embedder=embedder)
    clone.ingest(write_export(tmp_path / "long.jsonl", LONG), me="Lena")
    clone.ingest(write_export(tmp_path / "chat.jsonl", TURNS, "2024-03-09"), me="Lena")
    query = "When did Lena go to the support group?"
    hit = clone.recall_history(query, k=1)[0]
    assert "LGBTQ support group" in hit.snippet.text
    # scored by its closest sentence, not by the mean of everything said in it
    assert hit.score > cosine(embedder, query, hit.snippet.text) + 0.1


def test_a_replaced_snippet_leaves_no_parts_behind(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    clone = Clone("lena", embedder=embedder)
    clone.ingest(write_export(tmp_path / "a.jsonl", LONG[:4]), me="Lena", source="chat")
    query = "Lena went to an LGBTQ support group on Tuesday"
    assert clone.recall_history(query, k=1)[0].score > 0.8
    # a newer export whose conversation reads differently replaces the snippet and its parts
    changed = [*LONG[:3], ("Lena", "I also baked bread on Tuesday."), *LONG[4:]]
    report = clone.ingest(write_export(tmp_path / "b.jsonl", changed), me="Lena", source="chat")
    assert (report.added, report.updated) == (0, 1)
    hit = clone.recall_history(query, k=1)[0]
    assert "support group" not in hit.snippet.text and hit.score < 0.6


def test_a_store_from_before_the_parts_is_read_and_completed_by_ingesting_again(
    tmp_path: Path, embedder: SentenceTransformerEmbedder, isolated_home: Path
) -> None:
    export = write_export(tmp_path / "long.jsonl", LONG)
    clone = Clone("lena", embedder=embedder)
    clone.ingest(export, me="Lena")
    clone.close()
    # what an older ragclone left: no parts collection, snippets without place or context
    client = chromadb.PersistentClient(
        path=str(isolated_home / "lena" / "chroma"), settings=Settings(anonymized_telemetry=False)
    )
    client.delete_collection("history_parts")
    history = client.get_collection("history")
    stored = history.get(include=["metadatas"])
    old = []
    for metadata in stored["metadatas"]:
        snippet = json.loads(metadata["snippet"])
        del snippet["place"], snippet["before"]
        old.append({**metadata, "snippet": json.dumps(snippet)})
    history.update(ids=stored["ids"], metadatas=old)
    query = "When did Lena go to the support group?"
    reopened = Clone("lena", embedder=embedder)
    assert reopened.store.history_lacks_parts()
    searched = CliRunner().invoke(cli, ["search-history", "lena", query, "--json"])
    assert "ingest the same export again" in searched.stderr
    assert json.loads(searched.stdout)[0]["snippet"]["place"] is None
    before = reopened.recall_history(query, k=1)[0]
    assert before.snippet.place is None
    assert before.score == round(cosine(embedder, query, before.snippet.text), 6)
    report = reopened.ingest(export, me="Lena")
    assert (report.added, report.updated) == (0, 1)
    assert not reopened.store.history_lacks_parts()
    after = reopened.recall_history(query, k=1)[0]
    assert after.snippet.place == 0 and after.score > before.score + 0.1


def test_each_snippet_numbers_its_own_parts_from_zero(
    tmp_path: Path, embedder: SentenceTransformerEmbedder, isolated_home: Path
) -> None:
    clone = Clone("lena", embedder=embedder)
    clone.ingest(write_export(tmp_path / "chat.jsonl", TURNS), me="Lena", snippet_messages=2)
    clone.close()
    client = chromadb.PersistentClient(
        path=str(isolated_home / "lena" / "chroma"), settings=Settings(anonymized_telemetry=False)
    )
    parts = client.get_collection("history_parts").get(include=["metadatas"])
    numbers: dict[str, list[int]] = {}
    for part_id, metadata in zip(parts["ids"], parts["metadatas"], strict=True):
        owner, number = part_id.rsplit(":", 1)
        assert owner == metadata["snippet_id"]
        numbers.setdefault(owner, []).append(int(number))
    assert len(numbers) == len(TURNS) // 2
    assert all(sorted(found) == list(range(len(found))) for found in numbers.values())


def test_a_history_too_short_for_parts_is_not_taken_for_an_old_store(
    tmp_path: Path, embedder: SentenceTransformerEmbedder, isolated_home: Path
) -> None:
    # one message, one snippet: its one sentence is the snippet itself, so no part is stored
    clone = Clone("lena", embedder=embedder)
    clone.ingest(write_export(tmp_path / "one.jsonl", [("Lena", "I bake bread.")]), me="Lena")
    assert clone.store.history_count() == 1
    assert not clone.store.history_lacks_parts()
    clone.close()
    searched = CliRunner().invoke(cli, ["search-history", "lena", "bread", "--json"])
    assert searched.exit_code == 0
    assert "ingest the same export again" not in searched.stderr


# Two friends who call each other by name; one message says how Melanie unwinds.
FRIENDS = [
    ("Caroline", "Hey Melanie! How have you been, Melanie?"),
    ("Melanie", "Hi Caroline! Good, thanks Caroline. Busy with the kids."),
    ("Caroline", "Melanie, you always make me smile. Thanks, Melanie!"),
    ("Melanie", "Aw Caroline, thanks! You're the best, Caroline."),
    ("Caroline", "I started volunteering at the youth center on weekends."),
    ("Melanie", "I've been running farther lately to de-stress, it clears my head."),
    ("Caroline", "Bye Melanie, talk soon!"),
    ("Melanie", "Bye Caroline. I'm here for you, Caroline."),
]


def test_a_question_naming_a_speaker_finds_what_they_said_not_every_message_with_the_name(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    clone = Clone("caroline", embedder=embedder)
    export = write_export(tmp_path / "friends.jsonl", FRIENDS)
    clone.ingest(export, me="Caroline", snippet_messages=1)
    query = "What does Melanie do to relax?"
    hits = clone.recall_history(query, k=2)
    assert "running farther" in hits[0].snippet.text
    # the score is still the similarity to the question as asked, name and all
    assert hits[0].score == round(cosine(embedder, query, hits[0].snippet.text), 6)
    # the greeting answering "Hey Melanie! How have you been, Melanie?" is the nearer to the
    # question as asked: the names, not the meaning, were what was near; it came first before
    assert "Hi Caroline!" in hits[1].snippet.text and hits[1].score > hits[0].score
    # the checker's way searches the name too (it wants what was said whoever said it)
    as_words = clone.store.search_history(query, k=2, names_by_author=False)
    assert "Hi Caroline!" in as_words[0].snippet.text
