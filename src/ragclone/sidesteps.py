"""A reply that answers a question about someone else with the person's own life.

"What did Melanie make for a local church?", asked of Caroline's clone when it was Caroline who
made the stained glass window: the draft "I made this stained glass window…" is true of
Caroline, every claim in it supported by her own messages, and it answers the question as if
Melanie's life were hers (LoCoMo's adversarial questions are made this way). The checker tells
whether a statement is true, not whom it answers about, so this is read apart: a question
about a chat partner (`ragclone.premises.asked_of`), and a reply that says nothing about them
(`says_something_of`): neither their name, other than to address them ("Oh, Melanie!"), nor
he, she or they.
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
