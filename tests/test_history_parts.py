"""What of a history snippet is embedded besides the whole: pure logic."""

from __future__ import annotations

from ragclone.history_parts import snippet_parts
from ragclone.models import HistorySnippet


def snippet(text: str, before: str = "") -> HistorySnippet:
    return HistorySnippet(
        id="h1",
        text=text,
        conversation_id="c1",
        participants=("Lena", "Mina Park"),
        own=True,
        before=before,
    )


def test_each_sentence_of_each_message_with_its_author() -> None:
    parts = snippet_parts(
        snippet(
            "Lena: Busy week! The kids had a swim meet. I went to a support group.\n"
            "Mina Park: ok\n"
            "Mina Park: that sounds like a lot,\nhope you rest"
        )
    )
    assert parts == [
        "Lena: The kids had a swim meet.",
        "Lena: I went to a support group.",
        "Mina Park: that sounds like a lot,",
        "Mina Park: hope you rest",
    ]  # "Busy week!" and "ok": too short to say anything alone


def test_the_first_message_is_also_read_after_the_one_before() -> None:
    parts = snippet_parts(
        snippet("Lena: Yes, on Sunday! I made a wonky bowl.", before="Mina Park: Pottery class?")
    )
    assert parts[0] == "Mina Park: Pottery class?\nLena: Yes, on Sunday! I made a wonky bowl."
    assert "Lena: I made a wonky bowl." in parts


def test_a_one_sentence_snippet_is_not_embedded_twice() -> None:
    assert snippet_parts(snippet("Lena: I went to a support group.")) == []
