"""The parts of a history snippet: what the store embeds of it besides the whole snippet.

A snippet of several messages is one vector, the mean of everything said in it, so one sentence
about a support group among talk of kids and work is far from "When did Caroline go to the
LGBTQ support group?". Each sentence of each message (of `MIN_PART_WORDS` words or more) is
embedded on its own as well, and so is the snippet's first message after the message before it
(a reply such as "Yes, last week!" carries its meaning only with what it answers). A search
scores a snippet by its closest part or itself, whichever is nearer.
"""

from __future__ import annotations

from ragclone.claims import split_sentences, words
from ragclone.models import HistorySnippet

# "ok", "haha yes" and "see you" say nothing a search could want on their own.
MIN_PART_WORDS = 3


def snippet_parts(snippet: HistorySnippet) -> list[str]:
    """The texts to embed for `snippet` besides its whole text, each once, as `Name: text`."""
    messages = snippet.messages() or [("", snippet.text)]
    parts: list[str] = []
    if snippet.before:
        author, text = messages[0]
        parts.append(f"{snippet.before}\n{_line(author, text)}")
    for author, text in messages:
        parts.extend(
            _line(author, sentence)
            for sentence in split_sentences(text)
            if len(words(sentence)) >= MIN_PART_WORDS
        )
    return [part for part in dict.fromkeys(parts) if part != snippet.text]


def _line(author: str, text: str) -> str:
    return f"{author}: {text}" if author else text
