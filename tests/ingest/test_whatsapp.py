"""The WhatsApp parser on fixtures written for these tests."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from ragclone.errors import ConfigError, IngestError
from ragclone.ingest import DateOrder, LocaleTable, MessageKind, parse_whatsapp

ANDROID = """\
14/02/2024, 21:05 - Lena: I just got home
14/02/2024, 21:06 - Mina: how was it?
it sounded like a long day
14/02/2024, 21:07 - Lena: long but good
"""


def test_android_messages_authors_and_multi_line_bodies() -> None:
    chat = parse_whatsapp(ANDROID)
    assert chat.date_order is DateOrder.DMY and not chat.notes
    assert [(m.author, m.text, m.line_no) for m in chat.messages] == [
        ("Lena", "I just got home", 1),
        ("Mina", "how was it?\nit sounded like a long day", 2),
        ("Lena", "long but good", 4),
    ]
    assert chat.messages[0].timestamp == datetime(2024, 2, 14, 21, 5)
    assert chat.authors == ["Lena", "Mina"]


def test_ios_twelve_hour_clock_with_narrow_no_break_space_and_bidi_marks() -> None:
    text = (
        "\u200e[2/14/24, 9:05:10\u202fPM] Lena: hi\n"
        "[2/14/24, 12:01:00\u202fAM] ~\u202fנועה כהן: שלום 🙂\n"
        "[2/15/24, 12:30:00 p. m.] Lena: \u200eimage omitted\n"
    )
    chat = parse_whatsapp(text)
    assert chat.date_order is DateOrder.MDY
    first, second, third = sorted(chat.messages, key=lambda m: m.line_no)
    assert first.timestamp == datetime(2024, 2, 14, 21, 5, 10)
    assert second.timestamp == datetime(2024, 2, 14, 0, 1)
    assert second.author == "נועה כהן" and second.text == "שלום 🙂"
    assert third.timestamp == datetime(2024, 2, 15, 12, 30)
    assert third.kind is MessageKind.MEDIA and third.text == "image omitted"


def test_month_first_inferred_from_any_field_above_twelve() -> None:
    chat = parse_whatsapp("01/02/21, 10:00 - a: x\n01/13/21, 10:00 - a: y\n")
    assert chat.date_order is DateOrder.MDY
    assert chat.messages[0].timestamp == datetime(2021, 1, 2, 10, 0)


def test_ambiguous_dates_use_the_order_in_which_they_run_forwards() -> None:
    # Read day-first, these go 1 Feb, 1 Mar, 2 Jan: backwards. Month-first, they run forwards.
    chat = parse_whatsapp(
        "01/02/21, 10:00 - a: x\n01/03/21, 10:00 - a: y\n02/01/21, 10:00 - a: z\n"
    )
    assert chat.date_order is DateOrder.MDY
    assert chat.notes and "date_order" in chat.notes[0]


def test_truly_ambiguous_dates_say_so_and_explicit_order_wins() -> None:
    line = "3/6/18, 1:55 p.m. - a: m\n"
    guessed = parse_whatsapp(line)
    assert guessed.date_order is DateOrder.DMY and "ambiguous" in guessed.notes[0]
    told = parse_whatsapp(line, date_order="mdy")
    assert told.messages[0].timestamp == datetime(2018, 3, 6, 13, 55) and not told.notes
    with pytest.raises(ConfigError, match="date_order"):
        parse_whatsapp(line, date_order="ydm")


def test_unreadable_lines_are_reported_with_their_numbers() -> None:
    chat = parse_whatsapp(
        "exported by a tool\n31/02/2021, 10:00 - a: no such day\n28/02/2021, 10:00 - a: fine\n"
    )
    assert [m.text for m in chat.messages] == ["fine"]
    assert [(p.line_no, p.reason.split(" (")[0]) for p in chat.problems] == [
        (1, "text outside any message"),
        (2, "impossible date or time"),
    ]


def test_system_lines_media_deleted_edited_calls_and_polls_are_not_speech() -> None:
    chat = parse_whatsapp(
        "01/02/2021, 10:00 - Messages and calls are end-to-end encrypted. Tap to learn more.\n"
        '01/02/2021, 10:01 - Alice changed the subject to "Re: lunch"\n'
        "01/02/2021, 10:02 - Bob: I added you to the list\n"
        "01/02/2021, 10:03 - Bob: <Media omitted>\n"
        "01/02/2021, 10:04 - Bob: This message was deleted\n"
        "01/02/2021, 10:05 - Bob: see you at 5 <This message was edited>\n"
        "01/02/2021, 10:06 - Bob: Missed voice call\n"
        "01/02/2021, 10:07 - Bob: POLL:\nlunch?\nOPTION: yes (1 vote)\n"
        "01/02/2021, 10:08 - Bob: location: https://maps.google.com/?q=1,2\n"
        "01/02/2021, 10:09 - Alice left\n"
    )
    kinds = [(m.author, m.kind) for m in chat.messages]
    assert kinds == [
        (None, MessageKind.SYSTEM),
        (None, MessageKind.SYSTEM),
        ("Bob", MessageKind.TEXT),
        ("Bob", MessageKind.MEDIA),
        ("Bob", MessageKind.DELETED),
        ("Bob", MessageKind.TEXT),
        ("Bob", MessageKind.CALL),
        ("Bob", MessageKind.POLL),
        ("Bob", MessageKind.LOCATION),
        (None, MessageKind.SYSTEM),
    ]
    edited = chat.messages[5]
    assert edited.edited and edited.text == "see you at 5"
    assert chat.authors == ["Bob"]


def test_locale_tables_extend_classification() -> None:
    spanish = LocaleTable(name="Spanish", media=(r"<multimedia omitido>",))
    line = "01/02/2021, 10:03 - Bob: <Multimedia omitido>\n"
    assert parse_whatsapp(line).messages[0].kind is MessageKind.TEXT
    assert parse_whatsapp(line, locales=(spanish,)).messages[0].kind is MessageKind.MEDIA


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(ANDROID.replace("Lena", "Léna 🙂").encode(encoding))
    chat = parse_whatsapp(path)
    assert chat.authors == ["Léna 🙂", "Mina"] and len(chat.messages) == 3
    assert chat.source == str(path)


def test_crlf_records_with_lf_inside_bodies(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(
        b"14/02/2024, 21:05 - Lena: one\r\n14/02/2024, 21:06 - Mina: two\nlines\r\n"
        b"14/02/2024, 21:07 - Lena: three"
    )
    chat = parse_whatsapp(path)
    assert [m.text for m in chat.messages] == ["one", "two\nlines", "three"]


def test_zip_export_reads_the_chat_and_ignores_media(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp Chat - Mina.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("IMG-0001.jpg", b"\xff\xd8\xff\x00binary")
        archive.writestr("_chat.txt", ANDROID.replace("\n", "\r\n"))
    chat = parse_whatsapp(path)
    assert [m.author for m in chat.messages] == ["Lena", "Mina", "Lena"]


def test_bad_input_gets_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(IngestError, match="not a WhatsApp export"):
        parse_whatsapp(empty)
    prose = tmp_path / "notes.txt"
    prose.write_text("Dear diary,\ntoday was fine.\n")
    with pytest.raises(IngestError, match="not a WhatsApp export"):
        parse_whatsapp(prose)
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x00\x00")
    with pytest.raises(IngestError, match="binary"):
        parse_whatsapp(binary)
    good = tmp_path / "good.zip"
    with zipfile.ZipFile(good, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", ANDROID * 200)
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(IngestError, match="zip"):
        parse_whatsapp(truncated)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("14/02/2024, 21:05 - Léna: hi\n".encode("latin-1"))
    with pytest.raises(IngestError, match=r"latin1\.txt:1: not valid utf-8"):
        parse_whatsapp(latin1)


def test_an_impossible_date_keeps_its_continuation_lines_in_the_report() -> None:
    chat = parse_whatsapp("31/02/2021, 10:00 - a: first\nsecond\n28/02/2021, 10:00 - a: fine\n")
    [problem] = chat.problems
    assert problem.line_no == 1 and problem.line.endswith("first\nsecond")
    assert [m.text for m in chat.messages] == ["fine"]
