"""`Clone.ingest` end to end: a real Chroma store, the real embedder (or the hashing fake for
the failure path), exports written here."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from ragclone import Clone, IngestError, SentenceTransformerEmbedder
from ragclone.cli import cli
from tests.conftest import HashingEmbedder

EXPORT = """\
14/02/2024, 21:05 - Lena: I just finished my algorithms problem set
14/02/2024, 21:06 - Mina Park: nice!! how hard was it?
14/02/2024, 21:07 - Lena: dynamic programming again, took me four hours
14/02/2024, 21:08 - Mina Park: <Media omitted>
15/02/2024, 09:30 - Lena: morning, I overslept and missed my 9am lecture
15/02/2024, 09:31 - Mina Park: classic lena. call mom today, +1 617 555 0199 is her new number
15/02/2024, 09:40 - Lena P.: will do after knitting club
this line continues the message
not a date: 31/02/2024, 10:00 - is inside a message
"""
NEWER = EXPORT + ("15/02/2024, 09:45 - Mina Park: ok!\n20/02/2024, 18:00 - Lena: chess tonight?\n")


def _write(tmp_path: Path, text: str, name: str = "WhatsApp Chat with Mina.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_stores_conversations_and_recall_finds_them(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    clone = Clone("lena", embedder=embedder)
    report = clone.ingest(_write(tmp_path, EXPORT), me=["Lena", "Lena P."])
    assert report.format == "whatsapp" and report.source == "WhatsApp Chat with Mina"
    assert (report.messages, report.speech, report.own_messages) == (7, 6, 4)
    assert report.kinds == {"text": 6, "media": 1}
    assert report.authors == ["Lena", "Mina Park", "Lena P."]
    assert report.conversations == 2 and report.added == 2 and not report.skipped
    assert clone.store.history_count() == 2
    hits = clone.recall_history("who overslept and missed a lecture?", k=2)
    assert "overslept" in hits[0].snippet.text
    assert hits[0].snippet.own and hits[0].snippet.start is not None
    assert "this line continues the message" in hits[0].snippet.text
    own = clone.recall_history("problem set", own_only=True)
    assert own and all(hit.snippet.own for hit in own)


def test_reingest_adds_nothing_and_a_newer_export_adds_only_the_new(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    clone = Clone("lena", embedder=embedder)
    path = _write(tmp_path, EXPORT)
    clone.ingest(path, me="Lena")
    again = clone.ingest(path, me="Lena")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    newer = clone.ingest(_write(tmp_path, NEWER, "WhatsApp Chat with Mina (2).txt"), me="Lena",
                         source="WhatsApp Chat with Mina")  # fmt: skip
    # The second conversation grew by one message (replaced), and a third one started.
    assert (newer.added, newer.updated, newer.unchanged) == (1, 1, 1)
    assert clone.store.history_count() == 3
    fresh = Clone("fresh", embedder=embedder)
    fresh.ingest(_write(tmp_path, NEWER), me="Lena")
    assert fresh.store.history_count() == clone.store.history_count()
    texts = sorted(h.snippet.text for h in clone.recall_history("ok", k=3))
    assert texts == sorted(h.snippet.text for h in fresh.recall_history("ok", k=3))


def test_me_matching_no_author_is_an_error_listing_authors_and_stores_nothing(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    clone = Clone("lena", embedder=embedder)
    with pytest.raises(
        IngestError, match=r"no author is 'Lina'; authors found: 'Lena', 'Mina Park'"
    ):
        clone.ingest(_write(tmp_path, EXPORT), me="Lina")
    assert clone.store.history_count() == 0
    # Names compare without case, "~" or bidi marks.
    assert clone.ingest(_write(tmp_path, EXPORT), me="  lena ").own_messages == 3


def test_pseudonymised_ingest_hides_other_names_and_numbers(
    tmp_path: Path, embedder: SentenceTransformerEmbedder
) -> None:
    clone = Clone("lena", embedder=embedder)
    report = clone.ingest(_write(tmp_path, EXPORT), me="Lena", pseudonymise=True)
    stored = [h.snippet for h in clone.recall_history("anything", k=10)]
    text = "\n".join(s.text for s in stored)
    # Without the pseudonyms: their random hex ("Contact bea617") may hold "617".
    unaliased = re.sub(r"Contact [0-9a-f]{6}", "Contact", text)
    assert "Mina" not in unaliased and "617" not in unaliased and "Lena:" in text
    alias = next(a for a in report.authors if a.startswith("Contact "))
    assert any(alias in s.participants for s in stored)
    key = clone.store.directory / "pseudonym.key"
    assert key.is_file() and key.stat().st_mode & 0o077 == 0
    again = clone.ingest(_write(tmp_path, EXPORT), me="Lena", pseudonymise=True)
    assert again.added == 0 and again.authors == report.authors


def test_an_interrupted_ingest_is_rerun_without_duplicates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ragclone.store._WRITE_SLICE", 1)
    failing = HashingEmbedder(fail_after=1)
    clone = Clone("lena", embedder=failing)
    with pytest.raises(RuntimeError, match="went away"):
        clone.ingest(_write(tmp_path, EXPORT), me="Lena", gap=timedelta(minutes=30))
    assert clone.store.history_count() == 1
    failing.fail_after = None
    report = clone.ingest(_write(tmp_path, EXPORT), me="Lena", gap=timedelta(minutes=30))
    assert (report.added, report.unchanged) == (report.conversations - 1, 1)
    assert clone.store.history_count() == report.conversations == 2


def test_other_formats_and_bad_files(tmp_path: Path, embedder: SentenceTransformerEmbedder) -> None:
    clone = Clone("lena", embedder=embedder)
    rows = tmp_path / "chat.jsonl"
    rows.write_text(
        json.dumps({"author": "Lena", "timestamp": "2024-01-01T10:00:00", "text": "hello"})
        + "\n{broken\n",
        encoding="utf-8",
    )
    report = clone.ingest(rows, me="Lena")
    assert report.format == "jsonl" and report.added == 1
    assert [(s.line_no, s.reason.split(":")[0]) for s in report.skipped] == [
        (2, "Expecting property name enclosed in double quotes")
    ]
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(IngestError, match="not a WhatsApp export"):
        clone.ingest(empty, me="Lena")
    only_system = _write(tmp_path, '14/02/2024, 21:05 - Mina created group "x"\n', "g.txt")
    with pytest.raises(IngestError, match="no messages that anyone wrote"):
        clone.ingest(only_system, me="Lena")
    assert clone.store.history_count() == 1


def test_cli_ingest_prints_a_summary_and_reports_errors(tmp_path: Path) -> None:
    path = _write(tmp_path, EXPORT)
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "lena", str(path), "--me", "Lena", "--me", "Lena P."])
    assert result.exit_code == 0, result.output
    assert "7 messages (6 text, 1 media), 6 spoken, 4 by Lena / Lena P." in result.output
    assert "2 conversations from 2024-02-14 to 2024-02-15; snippets: 2 new" in result.output
    again = runner.invoke(
        cli, ["ingest", "lena", str(path), "--me", "Lena", "--me", "Lena P.", "--json"]
    )
    assert json.loads(again.output)["unchanged"] == 2
    # "Lena P." is no longer the person: the snippet she wrote in is stored again, so attributed
    fewer = json.loads(
        runner.invoke(cli, ["ingest", "lena", str(path), "--me", "Lena", "--json"]).output
    )
    assert (fewer["updated"], fewer["unchanged"]) == (1, 1)
    wrong = runner.invoke(cli, ["ingest", "lena", str(path), "--me", "Nobody"])
    assert wrong.exit_code == 1 and "authors found: 'Lena', 'Mina Park', 'Lena P.'" in wrong.output
    found = runner.invoke(cli, ["search-history", "lena", "knitting club", "-k", "1"])
    assert found.exit_code == 0 and "knitting club" in found.output
