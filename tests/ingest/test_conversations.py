"""Conversations, snippets and pseudonyms: pure logic on hand-written messages."""

from __future__ import annotations

from datetime import datetime, timedelta

from ragclone.ingest import Message, MessageKind, split_conversations
from ragclone.ingest.conversations import conversation_snippets
from ragclone.ingest.pseudonyms import Pseudonymizer

T0 = datetime(2024, 2, 14, 21, 0)


def _msg(
    minutes: float, author: str | None, text: str, kind: MessageKind = MessageKind.TEXT
) -> Message:
    return Message(author, T0 + timedelta(minutes=minutes), text, kind)


def test_a_gap_longer_than_the_limit_starts_a_conversation() -> None:
    messages = [_msg(0, "a", "1"), _msg(179, "b", "2"), _msg(179 + 181, "a", "3")]
    assert [len(c) for c in split_conversations(messages)] == [2, 1]
    assert [len(c) for c in split_conversations(messages, gap=timedelta(hours=1))] == [1, 1, 1]
    assert [len(c) for c in split_conversations(messages, gap=timedelta(days=1))] == [3]


def test_an_out_of_order_line_stays_in_its_conversation() -> None:
    messages = [_msg(0, "a", "1"), _msg(10, "b", "2"), _msg(5, "a", "late"), _msg(20, "b", "3")]
    assert [len(c) for c in split_conversations(messages)] == [4]


def test_snippets_hold_speech_only_with_stable_ids_and_own_flags() -> None:
    conversation = [_msg(i, "Lena" if i % 3 == 0 else "Mina", f"message {i}") for i in range(20)]
    conversation.insert(3, _msg(3, "Mina", "<Media omitted>", MessageKind.MEDIA))
    conversation.insert(0, _msg(0, None, "Mina added Lena", MessageKind.SYSTEM))
    snippets = conversation_snippets(
        conversation, source="chat", is_own=lambda a: a == "Lena", max_messages=8
    )
    assert [s.text.count("\n") + 1 for s in snippets] == [8, 8, 4]
    assert "Media" not in "".join(s.text for s in snippets)
    assert snippets[0].text.startswith("Lena: message 0\nMina: message 1")
    assert all(s.own for s in snippets) and snippets[0].participants == ("Lena", "Mina")
    assert len({s.id for s in snippets}) == 3
    assert len({s.conversation_id for s in snippets}) == 1
    again = conversation_snippets(conversation, source="chat", is_own=lambda a: a == "Lena")
    assert [s.id for s in again] == [s.id for s in snippets]
    # The same conversation, grown: earlier snippets keep id and text; the last one keeps its id.
    grown = conversation_snippets(
        [*conversation, _msg(30, "Mina", "one more")], source="chat", is_own=lambda a: a == "Lena"
    )
    assert [s.id for s in grown] == [s.id for s in snippets]
    assert [s.text for s in grown[:2]] == [s.text for s in snippets[:2]]
    assert grown[2].text.endswith("Mina: one more")
    other_source = conversation_snippets(conversation, source="other", is_own=lambda a: False)
    assert not {s.id for s in other_source} & {s.id for s in snippets}
    assert not any(s.own for s in other_source)


def test_long_messages_split_snippets_by_size() -> None:
    conversation = [_msg(i, "a", "x" * 300) for i in range(5)]
    snippets = conversation_snippets(conversation, source="s", is_own=lambda a: True)
    assert [s.text.count("\n") + 1 for s in snippets] == [2, 2, 1]


def test_pseudonyms_are_stable_keyed_and_cover_names_first_names_and_numbers() -> None:
    rename = Pseudonymizer(b"k" * 32, ["Mina Park", "+1 555 010 9999"])
    alias = rename("Mina Park")
    assert alias.startswith("Contact ") and alias == Pseudonymizer(b"k" * 32, []).pseudonym(
        "Mina Park"
    )
    assert alias != Pseudonymizer(b"x" * 32, []).pseudonym("Mina Park")
    text = rename("tell Mina Park (or just Mina) to call +44 20 7946 0958, Minaret is fine")
    assert "Mina" not in text.replace("Minaret", "") and "7946" not in text
    assert f"tell {alias} (or just {alias})" in text and "Minaret" in text
    assert rename("+1 555 010 9999") == rename.pseudonym("+1 555 010 9999")
