"""Telegram Desktop JSON, JSON Lines and CSV exports, and format detection."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from ragclone.errors import ConfigError, IngestError
from ragclone.ingest import MessageKind, detect_format, parse_export, parse_telegram

TELEGRAM = {
    "name": "Mina",
    "type": "personal_chat",
    "id": 42,
    "messages": [
        {"id": 1, "type": "service", "date": "2024-02-14T20:59:00", "actor": "Lena",
         "action": "phone_call"},
        {"id": 2, "type": "message", "date": "2024-02-14T21:00:00", "from": "Lena",
         "text": "hi ", "text_entities": []},
        {"id": 3, "type": "message", "date": "2024-02-14T21:01:00", "from": "Mina",
         "text": ["look: ", {"type": "link", "text": "https://example.org"}]},
        {"id": 4, "type": "message", "date": "2024-02-14T21:02:00", "from": "Mina",
         "photo": "photos/photo_1.jpg", "text": ""},
        {"id": 5, "type": "message", "from": "Mina", "text": "no date"},
        {"id": 6, "type": "message", "date": "2024-02-14T21:03:00", "from": "Lena",
         "text": "nice", "edited": "2024-02-14T21:04:00"},
    ],
}  # fmt: skip


def test_telegram_single_chat_export(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(TELEGRAM), encoding="utf-8")
    chat = parse_telegram(path)
    assert [(m.author, m.kind, m.text) for m in chat.messages] == [
        (None, MessageKind.SYSTEM, "Lena phone call"),
        ("Lena", MessageKind.TEXT, "hi "),
        ("Mina", MessageKind.TEXT, "look: https://example.org"),
        ("Mina", MessageKind.MEDIA, ""),
        ("Lena", MessageKind.TEXT, "nice"),
    ]
    assert chat.messages[-1].edited
    assert [(p.line_no, p.reason) for p in chat.problems] == [(5, "no valid date")]
    assert detect_format(path) == "telegram"


def test_telegram_account_export_needs_a_chat(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    other = {**TELEGRAM, "name": "Tomás"}
    path.write_text(json.dumps({"chats": {"list": [TELEGRAM, other]}}), encoding="utf-8")
    with pytest.raises(IngestError, match="pick one with chat=: Mina, Tomás"):
        parse_telegram(path)
    assert parse_export(path, chat="Tomás").authors == ["Lena", "Mina"]


def test_jsonl_rows_and_bad_rows_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "messages.jsonl"
    path.write_text(
        '{"author": "Lena", "timestamp": "2024-02-14T21:00:00", "text": "hi"}\n'
        "\n"
        '{"author": "Mina", "timestamp": 1707944460, "text": "hey"}\n'
        '{"author": "Mina", "text": "when?"}\n'
        "not json\n"
        '{"author": "Lena", "timestamp": "2024-02-14T21:02:00Z", "text": "x", "kind": "media"}\n',
        encoding="utf-8",
    )
    chat = parse_export(path)
    assert chat.format == "jsonl"
    assert [(m.author, m.text, m.kind) for m in chat.messages] == [
        ("Lena", "hi", MessageKind.TEXT),
        ("Mina", "hey", MessageKind.TEXT),
        ("Lena", "x", MessageKind.MEDIA),
    ]
    assert chat.messages[1].timestamp == datetime(2024, 2, 14, 21, 1)
    assert [p.line_no for p in chat.problems] == [4, 5]
    assert "missing timestamp" in chat.problems[0].reason


def test_csv_with_quoted_multi_line_text(tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    path.write_text(
        'author,timestamp,text\nLena,2024-02-14 21:00,"two\nlines"\nMina,,missing time\n'
        "Mina,2024-02-14 21:05,ok\n",
        encoding="utf-8",
    )
    chat = parse_export(path)
    assert [m.text for m in chat.messages] == ["two\nlines", "ok"]
    assert [p.line_no for p in chat.problems] == [4]
    bad = tmp_path / "bad.csv"
    bad.write_text("who,when,what\nLena,2024,x\n", encoding="utf-8")
    with pytest.raises(IngestError, match="header row"):
        parse_export(bad)


def test_unknown_format_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text("14/02/2024, 21:05 - Lena: hi\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="format must be one of"):
        parse_export(path, format="signal")
    with pytest.raises(IngestError, match="no file"):
        parse_export(tmp_path / "missing.txt")
    renamed = tmp_path / "export.log"
    renamed.write_text("14/02/2024, 21:05 - Lena: hi\n", encoding="utf-8")
    assert parse_export(renamed).format == "whatsapp"
