"""The fact that denies what a question takes for granted about the person.

"How did your marathon go?" takes a marathon for granted; "I have never run a marathon" says
there was none. The 1.5B model, given that fact among the turn's facts, still answered "Oh,
I'm sorry, but I don't have any information about your marathon.": a decline where the person
would reject the premise. Under `strict`, a reply that only declines says the fact instead
(`ragclone.policy`).

A fact denies what a question asks about when it is a denial ("not", "never", "no") true at
the time, is among the facts nearest the question, and shares with the question a word few
facts use: the question's topic ("marathon", "sorority", "Codeforces"), not "like" or "go".
Not when the question asks about someone else ("When did your sister get married?" is not
denied by "I have never been married"), nor, for a question about the past, by a fact that
denies only the present ("What was your piano teacher's name?" is not denied by "I no longer
play the piano"). A dislike denies nothing: "I do not like horror films" says there is no
favourite horror film, not that there is no favourite film.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ragclone.claims import (
    RELATION_WORDS,
    SAME_RELATION,
    content_stems,
    is_negated,
    is_past_tense,
    words,
)
from ragclone.history_ranking import query_terms
from ragclone.models import Fact

# A word used by more facts than this is no topic of its own ("sister", "like", "play").
TOPIC_MAX_FACTS = 3
_ONLY_NOW = re.compile(r"\b(?:no longer|anymore|any more|now)\b", re.IGNORECASE)
_DISLIKE = re.compile(
    r"\b(?:not|never|n't)\s+(?:really\s+)?(?:like|love|enjoy|care for)\b", re.IGNORECASE
)
_YOUR = re.compile(r"\byour\s+([a-z-]+)", re.IGNORECASE)


def word_uses(facts: Iterable[Fact]) -> Counter[str]:
    """How many facts use each content word (stemmed)."""
    return Counter(found for fact in facts for found in content_stems(fact.text))


def fact_denying_premise(question: str, nearest: Sequence[Fact], uses: Counter[str]) -> Fact | None:
    """The first of `nearest` (facts true at the time, nearest first) that denies what
    `question` asks about, or None."""
    asked = query_terms(question)
    someone = _someone_asked_about(question)
    past = is_past_tense(question)
    for fact in nearest:
        if not is_negated(fact.text) or _DISLIKE.search(fact.text):
            continue
        if past and _ONLY_NOW.search(fact.text):
            continue
        if someone is not None and someone not in _relations(fact.text):
            continue
        if any(uses[word] <= TOPIC_MAX_FACTS for word in asked & content_stems(fact.text)):
            return fact
    return None


def _someone_asked_about(question: str) -> str | None:
    """The relation a question asks about ("your sister" gives "sister"), or None."""
    for match in _YOUR.finditer(question):
        word = match.group(1).lower()  # "your cat's name" gives "cat"
        word = SAME_RELATION.get(word, word)
        if word in RELATION_WORDS:
            return word
    return None


def _relations(text: str) -> set[str]:
    return {SAME_RELATION.get(word, word) for word in words(text) if word in RELATION_WORDS}
