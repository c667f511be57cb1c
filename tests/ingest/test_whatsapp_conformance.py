"""WhatsApp exports written by other projects parse to what their own tests state.

Runs when `../shared/data` is present (it is on CI); EXPECTED.txt beside each folder says where each
expectation comes from.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from ragclone.ingest import MessageKind, parse_whatsapp

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "whatsapp"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present")


def _speech_by_author(path: Path) -> Counter[str | None]:
    return Counter(m.author for m in parse_whatsapp(path).messages if m.kind is MessageKind.TEXT)


@pytest.mark.parametrize(
    "name",
    [
        "test_mmddyy_24hrs.txt",
        "test_ddmmyy_24hrs.txt",
        "test_mmddyyyy_12hrs.txt",
        "test_yyyymmdd_24hrs.txt",
        "test_[mmddyy]_24hrs.txt",
    ],
)
def test_chat_miner_formats_parse_to_the_stated_target(name: str) -> None:
    chat = parse_whatsapp(DATA / "chat-miner" / name)
    target = json.loads((DATA / "chat-miner" / "target.json").read_text(encoding="utf-8"))
    assert not chat.problems
    assert len(chat.messages) == 9
    assert chat.counts()[MessageKind.SYSTEM] == 2
    speech = [m for m in chat.messages if m.kind is MessageKind.TEXT]
    assert len(speech) == 7
    assert len(chat.authors) == 5
    # chat-miner drops the "." message and joins continuation lines with a space; we keep both
    # the message and its newline, so compare with that one difference.
    ours = [
        {
            "timestamp": m.timestamp.isoformat(),
            "author": m.author,
            "message": m.text.replace("\n", " "),
        }
        for m in reversed(speech)
        if m.text != "."
    ]
    assert ours == target
    multi_line = [m for m in speech if "\n" in m.text]
    assert len(multi_line) == 2


def test_chat_analytics_dm_is_sorted_by_time_with_lower_case_media() -> None:
    chat = parse_whatsapp(DATA / "chat-analytics" / "2A_5M.txt")
    assert chat.authors == ["A", "B"]
    assert [(m.author, m.text, m.timestamp.strftime("%H:%M")) for m in chat.messages] == [
        ("A", "Hi", "12:00"),
        ("B", "Whats up?", "12:01"),
        ("A", "All good", "12:02"),
        ("A", "This message should be reordered", "12:02"),
        ("B", "<media omitted>", "12:03"),
    ]
    assert chat.messages[-1].kind is MessageKind.MEDIA


@pytest.mark.parametrize("name", ["4A_11M.txt", "4A_11M.zip"])
def test_chat_analytics_group_txt_and_crlf_zip_parse_alike(name: str) -> None:
    chat = parse_whatsapp(DATA / "chat-analytics" / name)
    assert sorted(chat.authors) == ["Alice", "Bob", "Eve", "Mallory", "Trent"]
    assert chat.counts() == Counter({MessageKind.TEXT: 11, MessageKind.SYSTEM: 3})
    assert _speech_by_author(DATA / "chat-analytics" / name) == Counter(
        {"Alice": 3, "Bob": 2, "Eve": 2, "Mallory": 2, "Trent": 2}
    )
    # Ambiguous 12/9/20: the file alone cannot tell, so day-first, and the parse says so.
    assert chat.date_order == "dmy" and chat.notes
    by_text = {m.text: m for m in chat.messages}
    assert by_text["boiii"].timestamp == datetime(2020, 9, 12, 23, 55)
    judge = "\U0001f469\U0001f3fb\u200d\u2696\ufe0f"
    assert by_text[judge].author == "Trent"
    assert by_text[judge].timestamp == datetime(2020, 9, 12, 23, 55)
    assert all("\r" not in m.text for m in chat.messages)


def test_langchain_mixed_formats_keep_every_message() -> None:
    chat = parse_whatsapp(DATA / "langchain-community" / "document_loader_whatsapp_chat.txt")
    assert not chat.problems
    assert len(chat.messages) == 10
    speech = [m for m in chat.messages if m.kind is MessageKind.TEXT]
    assert len(speech) == 8
    assert chat.counts()[MessageKind.MEDIA] == 1
    assert chat.counts()[MessageKind.DELETED] == 1
    by_text = {m.text: m for m in chat.messages}
    assert by_text["Hi here"].timestamp == datetime(2023, 5, 5, 15, 48, 11)
    assert by_text["Message 123"].timestamp == datetime(2021, 11, 8, 9, 41, 32)
    assert by_text["And let me know if anything changes"].timestamp == datetime(2023, 1, 23, 3, 22)
    assert by_text["Of course!"].author == "User name 2"  # "~ " removed
    assert by_text["See you!"].timestamp == datetime(2023, 5, 4, 16, 13, 23)
    assert by_text["Hello"].timestamp == datetime(2022, 7, 19, 23, 32)  # U+202F before PM
    assert by_text["Goodbye"].timestamp == datetime(2022, 7, 20, 11, 32)  # U+202F, "am"


def test_langchain_ios_export_filters_the_encryption_notice() -> None:
    chat = parse_whatsapp(DATA / "langchain-community" / "chat_loader_whatsapp_chat.txt")
    assert chat.counts() == Counter(
        {MessageKind.TEXT: 8, MessageKind.MEDIA: 3, MessageKind.SYSTEM: 1}
    )
    speech = [m for m in chat.messages if m.kind is MessageKind.TEXT]
    assert "I spotted a rare Hyacinth Macaw yesterday in the Amazon Rainforest" in speech[0].text
    assert Counter(m.author for m in speech) == Counter({"Dr. Feather": 4, "Jungle Jane": 4})
    assert speech[-1].timestamp == datetime(2023, 8, 15, 21, 25, 16)
    assert all("\u200e" not in m.text for m in chat.messages)


@pytest.mark.parametrize(
    ("name", "total", "text", "location"),
    [
        ("english_ios.txt", 23, 4, 2),
        ("english_android.txt", 60, 15, 3),
        ("english_ios_media.txt", 25, 4, 2),
        ("english_android_media.txt", 60, 15, 3),
    ],
)
def test_whats_json_counts(name: str, total: int, text: int, location: int) -> None:
    chat = parse_whatsapp(DATA / "whats_json_english" / name)
    counts = chat.counts()
    assert not chat.problems
    assert len(chat.messages) == total
    assert counts[MessageKind.TEXT] == text
    assert counts[MessageKind.LOCATION] == location


def test_whats_json_ios_text_messages() -> None:
    chat = parse_whatsapp(DATA / "whats_json_english" / "english_ios.txt")
    assert [m.text for m in chat.messages if m.kind is MessageKind.TEXT] == [
        "Hello World",
        "😊",
        "This message is reply to another",
        "Hello World",
    ]


def test_whats_json_attachments_are_named() -> None:
    chat = parse_whatsapp(DATA / "whats_json_english" / "english_ios_media.txt")
    names = [m.attachment for m in chat.messages if m.attachment]
    assert "00000047-Resume-Dmitry-Starkov.pdf" in names


def _cases() -> list[dict[str, object]]:
    path = DATA / "whatsapp-chat-parser-js" / "header_and_parse_cases.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []


@pytest.mark.parametrize(
    "case", [c for c in _cases() if str(c["id"]).startswith("date_format_")], ids=str
)
def test_whatsapp_chat_parser_js_header_formats(case: dict[str, object]) -> None:
    expected = case["expected"]
    assert isinstance(expected, dict)
    chat = parse_whatsapp(str(case["line"]) + "\n")
    assert not chat.problems
    (message,) = chat.messages
    assert (message.author, message.text) == (expected["author"], expected["message"])
    # Single lines like "3/6/18" are ambiguous; the upstream default, like ours, is day-first.
    assert message.timestamp.isoformat() + ".000Z" == expected["date_utc_iso"]


def test_whatsapp_chat_parser_js_attachments() -> None:
    for case in _cases():
        if str(case["id"]).startswith("attachment_") and case["id"] != "attachment_none":
            (message,) = parse_whatsapp(str(case["line"]) + "\n").messages
            assert message.kind is MessageKind.MEDIA, case["id"]
            assert message.attachment == next(iter(dict(case["expected"]).values()))  # type: ignore[call-overload]


def test_whatsapp_chat_parser_js_example_chat() -> None:
    chat = parse_whatsapp(DATA / "whatsapp-chat-parser-js" / "index_test_chatExample.txt")
    assert len(chat.messages) == 5
    assert chat.counts()[MessageKind.SYSTEM] == 2
    assert chat.authors == ["Sample User", "TestBot", "+410123456789"]
    # The empty line inside is kept; the trailing newline is not (we strip trailing space).
    assert chat.messages[4].text == "How are you?\n\nIs everything alright?"


def test_whatsapp_chat_parser_js_continuations_and_system_lines() -> None:
    chat = parse_whatsapp("23/06/2018, 01:55 p.m. - Loris: one\ntwo\n2016-04-29 10:30:00\n")
    assert [m.text for m in chat.messages] == ["one\ntwo\n2016-04-29 10:30:00"]
    chat = parse_whatsapp('06/03/2017, 00:45 - You created group "Test"\nThis is another line\n')
    (system,) = chat.messages
    assert system.kind is MessageKind.SYSTEM and system.author is None
    assert system.timestamp == datetime(2017, 3, 6, 0, 45)
    (empty,) = parse_whatsapp("03/02/17, 18:42 - Luke: \n").messages
    assert empty.kind is MessageKind.TEXT and empty.author == "Luke"
    chat = parse_whatsapp("30/12/2020 13:00 - a: m\n13/1/2021 13:00 - a: m\n")
    assert [m.timestamp for m in chat.messages] == [
        datetime(2020, 12, 30, 13, 0),
        datetime(2021, 1, 13, 13, 0),
    ]


def test_whatstk_pokemon_group() -> None:
    chat = parse_whatsapp(DATA / "whatstk" / "chats" / "pokemon.txt")
    assert chat.counts() == Counter({MessageKind.TEXT: 18, MessageKind.SYSTEM: 2})
    assert _speech_by_author(DATA / "whatstk" / "chats" / "pokemon.txt") == Counter(
        {"Ash Ketchum": 4, "Misty": 4, "Brock": 3, "Prof. Oak": 2, "Raichu": 2,
         "Jessie & James": 1, "Meowth": 1, "Wobbuffet": 1}
    )  # fmt: skip
    speech = [m for m in chat.messages if m.kind is MessageKind.TEXT]
    assert (speech[0].timestamp, speech[0].author, speech[0].text) == (
        datetime(2016, 8, 6, 13, 23),
        "Ash Ketchum",
        "Hey guys!",
    )
    assert not speech[-1].text.endswith("\n")


@pytest.mark.parametrize(
    ("name", "count", "first"),
    [
        ("lorem.txt", 500, (datetime(2020, 1, 15, 2, 22, 56), "Mary")),
        ("lorem-2000.txt", 2000, (datetime(2019, 4, 16, 2, 9), "+1 123 456 789")),
        ("lorem-merge-part1.txt", 300, (datetime(2019, 10, 20, 10, 16), "John")),
        ("lorem-merge-part2.txt", 300, (datetime(2020, 6, 20, 10, 16), "John")),
    ],
)
def test_whatstk_lorem_chats(name: str, count: int, first: tuple[datetime, str]) -> None:
    chat = parse_whatsapp(DATA / "whatstk" / "chats" / name)
    assert not chat.problems
    assert len(chat.messages) == count
    assert (chat.messages[0].timestamp, chat.messages[0].author) == first
