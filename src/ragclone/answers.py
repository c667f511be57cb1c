"""What a bare "yes" or "no" claims: the proposition of the yes/no question it answers.

"Do you play the piano?" answered "Yes, I played the piano and took weekly lessons." makes two
true claims about the past and one false one about now, carried by the "Yes" alone. The question
gives that claim its words: "I play the piano" (for a "no": "I do not play the piano").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "Do you …?", "Are you still …?"; not "Can you …?" or "Would you …?" (requests and offers),
# not "Are you left-handed or right-handed?" (a choice, not a yes or no).
_YES_NO_QUESTION = re.compile(
    r"^\s*(?:(?:and|so|but|ok|okay|hey)[,\s]+)?(do|did|are|were|have)\s+you\s+([^?]+?)\s*\?+\s*$",
    re.IGNORECASE,
)
_AFFIRMED = {
    "do": "I {rest}",
    "did": "I did {rest}",
    "are": "I am {rest}",
    "were": "I was {rest}",
    "have": "I have {rest}",
}
_DENIED = {
    "do": "I do not {rest}",
    "did": "I did not {rest}",
    "are": "I am not {rest}",
    "were": "I was not {rest}",
    "have": "I have not {rest}",
}
_SECOND_PERSON = {"your": "my", "yours": "mine", "yourself": "myself", "you": "me"}
# The words of a bare yes, as a regex alternation.
YES_WORDS = "yes|yeah|yep|yup|sure|of course|definitely|absolutely|totally"
_ANSWER = re.compile(
    r"^\s*(?:(?:oh|well|haha|hmm|um)[,!.]*\s+)?"
    rf"(?P<word>{YES_WORDS}"
    r"|no|nope|nah|not really|not anymore|not at all)"
    r"(?:\s*[,!.:;—–-]+\s*|\s*$)",
    re.IGNORECASE,
)
_NEGATIVE = frozenset("no nope nah".split()) | {"not really", "not anymore", "not at all"}


@dataclass(frozen=True)
class Answer:
    """The leading yes or no of a reply and the claim it makes."""

    prefix: str  # as written at the start of the reply, with its punctuation: "Yes, "
    claim: str  # "I play the piano", or "I do not play the piano" for a no


def yes_no_proposition(question: str) -> tuple[str, str] | None:
    """(what a yes claims, what a no claims) for a yes/no question about the person, or None.

    "Do you still live in the dorm?" gives ("I still live in the dorm", "I do not live in the
    dorm anymore"); "Do you have any pets?" gives ("I have pets", "I do not have any pets").
    """
    match = _YES_NO_QUESTION.match(question)
    if match is None or re.search(r"\bor\b", match.group(2), re.IGNORECASE):
        return None
    auxiliary = match.group(1).lower()
    rest = re.sub(
        r"\b(your|yours|yourself|you)\b",
        lambda m: _SECOND_PERSON[m.group(1).lower()],
        match.group(2),
        flags=re.IGNORECASE,
    )
    some = re.sub(r"\bany(one|body|thing)\b", r"some\1", rest, flags=re.IGNORECASE)
    affirmed = _AFFIRMED[auxiliary].format(rest=re.sub(r"\bany\s+", "", some))
    still = re.match(r"still\s+(.+)", rest, re.IGNORECASE)
    if still:
        denied = _DENIED[auxiliary].format(rest=still.group(1)) + " anymore"
    else:
        denied = _DENIED[auxiliary].format(rest=rest)
    return affirmed, denied


_OPEN_QUESTION = re.compile(
    r"^\s*(?:(?:and|so|but|ok|okay|hey)[,\s]+)?(?:what|what's|whats|when|where|who|whose|which)\b"
    r"[^?]*\?+\s*$",
    re.IGNORECASE,
)


def is_open_question(question: str) -> bool:
    """Whether `question` asks for a value (what, when, where, who, which): "no" answers none.
    "How's soccer practice going?" is not one: "Not really" rejects its premise."""
    return _OPEN_QUESTION.match(question) is not None


def leading_answer(question: str, reply: str) -> Answer | None:
    """The yes or no a reply starts with, and the claim it makes as the answer to `question`;
    None when the question is not a yes/no question about the person or the reply does not
    start with a yes or a no ("No worries!" does not: a yes or no is followed by punctuation)."""
    proposition = yes_no_proposition(question)
    match = _ANSWER.match(reply)
    if proposition is None or match is None:
        return None
    negative = match.group("word").lower() in _NEGATIVE
    return Answer(prefix=match.group(0), claim=proposition[1] if negative else proposition[0])
