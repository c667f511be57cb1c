"""What a reply says of the chat partner a question asks about.

"What did Melanie make for a local church?", asked of Caroline's clone when it was Caroline who
made the stained glass window: the draft "I made this stained glass window…" is true of
Caroline, every claim in it supported by her own messages, and it answers the question as if
Melanie's life were hers (LoCoMo's adversarial questions are made this way). The checker tells
whether a statement is true, not whom it answers about, so this is read apart: a question
about a chat partner (`ragclone.premises.asked_of`), and a reply that says nothing about them
(`says_something_of`): neither their name, other than to address them ("Oh, Melanie!"), nor
he, she or they.

What such a reply says of them with "she" or "he" is about them, and checked as such
(`resolved`): "She made a vase." to "What did Melanie make?" claims "Melanie made a vase".
"""

from __future__ import annotations

import re

from ragclone.claims import names_in, words

# Words that stand for someone else: "She made a vase." is about the person asked about.
THIRD_PERSON = frozenset(
    "he him his she her hers they them their theirs he's she's they're they've".split()
)
# Before a name that addresses someone: "Thanks, Melanie.", "Hey Gina!".
_ADDRESSING = re.compile(
    r"(?:^|[,;:]|\b(?:hey|hi|hello|thanks|thank you|oh|aw|wow|yes|yeah|no|sorry|dear))\W*$",
    re.IGNORECASE,
)


def is_addressed(text: str, name: str) -> bool:
    """Whether every use of `name` in `text` addresses them ("Oh, Melanie!", "Thanks, Melanie.")
    rather than says something of them ("Melanie made it.", "I met Melanie.")."""
    uses = list(re.finditer(rf"(?<!\w){re.escape(name)}(?:'s|’s)?(?!\w)", text))
    return bool(uses) and all(
        re.match(r"\s*[,!.?]", text[use.end() :]) is not None
        and _ADDRESSING.search(text[: use.start()]) is not None
        for use in uses
    )


def says_something_of(text: str, name: str) -> bool:
    """Whether `text` says anything of `name`: names them other than to address them, or uses
    he, she or they."""
    if name in names_in(text) and not is_addressed(text, name):
        return True
    return not THIRD_PERSON.isdisjoint(words(text))


# A sentence that starts with "she" or "he" (or "her"/"his"), after any interjection.
_LEADING_PRONOUN = re.compile(
    r"^(?P<lead>(?:(?:oh|well|yeah|yes|no|so|hmm|um|ah)\b[\s,!.]*)*)"
    r"(?P<pronoun>she|he|her|his)(?P<be>['’]s)?\b",
    re.IGNORECASE,
)


def resolved(sentence: str, name: str) -> str | None:
    """`sentence` with its leading "she" or "he" as `name`, or None when it starts with neither:
    "She made a vase." gives "Melanie made a vase.", "Oh, she's a nurse" "Oh, Melanie is a
    nurse", "Her son got hurt" "Melanie's son got hurt". Only a question about one person makes
    the pronoun theirs; "they" is left alone (it is as often a thing as a person)."""
    found = _LEADING_PRONOUN.match(sentence)
    if found is None:
        return None
    pronoun = found.group("pronoun").lower()
    if pronoun in ("her", "his"):
        if found.group("be"):
            return None  # "his's" is no word
        said = f"{name}'s"
    else:
        said = f"{name} is" if found.group("be") else name
    return found.group("lead") + said + sentence[found.end() :]
