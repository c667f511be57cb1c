"""What a bare "yes" or "no" claims: the proposition of the yes/no question it answers.

"Do you play the piano?" answered "Yes, I played the piano and took weekly lessons." makes two
true claims about the past and one false one about now, carried by the "Yes" alone. The question
gives that claim its words: "I play the piano" (for a "no": "I do not play the piano").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ragclone.claims import without_interjection

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
    r"^\s*(?:(?:and|so|but|ok|okay|hey)[,\s]+)?(?:what|what's|whats|when|where|who|whose|which"
    r"|how (?:old|tall) are you|how (?:many|much)|how do you)\b[^?]*\?+\s*$",
    re.IGNORECASE,
)


def is_open_question(question: str) -> bool:
    """Whether `question` asks for a value (what, when, where, who, which, how old are you, how
    many, how do you: "How do you get around Atlanta?"): "no" answers none. "How's soccer
    practice going?", "How old are your kids?" and "How did your marathon go?" are not: "Not
    really" rejects their premise."""
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


# "What's your sister's name?", "When was your first concert?": the answer is the value of X.
_YOUR_VALUE = re.compile(
    r"^\s*(?P<wh>what|who|when|where|which)\s*(?P<be>'s|’s|\s+is|\s+was|\s+are|\s+were)\s+"
    r"your\s+(?P<thing>[^?]+?)\s*\?+\s*$",
    re.IGNORECASE,
)
# "What languages do you speak?", "Which university do you go to?", "Where do you live?".
_YOU_DO = re.compile(
    r"^\s*(?P<wh>what|which|where)(?:\s+(?P<kind>[a-z' -]+?))?\s+do\s+you\s+(?P<verb>[a-z]+)"
    r"(?P<rest>[^?]*?)\s*\?+\s*$",
    re.IGNORECASE,
)
# "Where does your sister live?", "What does your mom teach?".
_YOUR_PERSON_DOES = re.compile(
    r"^\s*(?P<wh>what|where)\s+does\s+your\s+(?P<who>[a-z]+)\s+(?P<verb>[a-z]+)"
    r"(?P<rest>[^?]*?)\s*\?+\s*$",
    re.IGNORECASE,
)
# "Where were you born?", "When did you move to Atlanta?" is not one (a past event, not a state).
_YOU_WERE = re.compile(
    r"^\s*(?P<wh>where|when)\s+(?P<be>were|are)\s+you\s+(?P<verb>born|raised|based)(?P<rest>[^?]*?)"
    r"\s*\?+\s*$",
    re.IGNORECASE,
)
# "How old are you?", "How tall are you?".
_HOW_ARE_YOU = re.compile(r"^\s*how\s+(?P<measure>[a-z]+)\s+are\s+you\s*\?+\s*$", re.IGNORECASE)
_PREPOSITION_LAST = re.compile(r"\b(?:to|at|in|on|for|with|from|of|about)\s*$", re.IGNORECASE)
# Words that make a short reply a sentence of its own, not a value ("Mina is a nurse").
_SENTENCE_WORDS = frozenset(
    """
    i i'm im i've ive i'd me my mine myself we we're our us is are was were am be been has have
    had do does did don't doesn't didn't can can't will won't would not no yes yeah it it's that
    that's this there there's he she they he's she's they're lives works goes likes loves
    """.split()
)
_SHORT_ANSWER_WORDS = 5


def short_answer_claim(question: str, reply_sentence: str) -> str | None:
    """What a reply's first sentence claims when it is only a value answering an open question
    about the person: "Mina" to "What's your sister's name?" claims "My sister's name is
    Mina"; "Georgia Tech" to "Which university do you go to?" claims "I go to Georgia Tech".
    None for a sentence of its own ("Mina is a nurse", "I'm not sure") or another question.

    The value alone says nothing about the person, so without the question it would go
    unchecked ("Soo-jin" to "What's your middle name?") or be checked without its meaning.
    """
    value = without_interjection(reply_sentence).strip().rstrip(".!…").strip()
    found = re.findall(r"[a-z0-9'’]+", value.lower())
    if (
        not found
        or len(found) > _SHORT_ANSWER_WORDS
        or any(word.replace("’", "'") in _SENTENCE_WORDS for word in found)
        or value.endswith("?")
    ):
        return None
    if match := _YOUR_VALUE.match(question):
        be = match["be"].strip().lstrip("'’") or "is"
        be = "is" if be == "s" else be.lower()
        where = "in " if match["wh"].lower() == "where" else ""
        return f"My {match['thing']} {be} {where}{value}"
    if match := _YOU_DO.match(question):
        return _with_value("I", match["verb"], match["rest"], value, match["wh"])
    if match := _YOUR_PERSON_DOES.match(question):
        verb = _third_person(match["verb"].lower())
        return _with_value(f"My {match['who']}", verb, match["rest"], value, match["wh"])
    if match := _YOU_WERE.match(question):
        subject = "I was" if match["be"].lower() == "were" else "I am"
        return _with_value(subject, match["verb"], match["rest"], value, match["wh"])
    if match := _HOW_ARE_YOU.match(question):
        measure = match["measure"].lower()
        return f"I am {value}" if measure == "old" else f"I am {value} {measure}"
    return None


def _with_value(subject: str, verb: str, rest: str, value: str, wh: str) -> str:
    """The statement with the value where the question asked for it: after the verb, after a
    trailing preposition ("go to Georgia Tech"), or as a place ("live in Atlanta")."""
    rest = rest.strip()
    if wh.lower() == "when" and re.fullmatch(r"\d{4}", value):
        value = f"in {value}"
    if wh.lower() == "where":
        return " ".join(filter(None, (subject, verb, rest, "in", value)))
    if _PREPOSITION_LAST.search(rest):
        return " ".join(filter(None, (subject, verb, rest, value)))
    return " ".join(filter(None, (subject, verb, value, rest)))


def _third_person(verb: str) -> str:
    """ "live" → "lives", "teach" → "teaches", "study" → "studies"."""
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"
