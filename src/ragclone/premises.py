"""What a question about someone named takes for granted.

"What motivated Melanie to pursue counseling?" takes for granted that Melanie pursued
counseling. When it was the person who did, any answer, however true its words, gives the
other speaker the person's life (LoCoMo's adversarial questions are made this way). The
premise is read from the question by rules, as a statement a judge can check like a claim:
the question from the name on ("Melanie see at the council meeting for adoption"). Only a
question naming someone of the person's life (a chat partner, someone the facts introduce, or
the person by name) has one here: "What did you think of AP CSA?" is left to the claims of
the reply.

Such a statement is too rough to decline on because nothing supports it: the 1.5B judge finds
no support for two answerable LoCoMo questions in three. What gives an adversarial question
away is that its premise is true of someone else (`Premise.about`): Caroline, not Melanie,
pursued counseling.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ragclone.claims import content_stems, names_in, stem

_QUESTION = re.compile(
    r"^\s*(?:(?:and|so|but|ok|okay|hey)[,\s]+)?"
    r"(?:what|which|who|whom|whose|where|when|why|how)(?:'s|’s)?\s+(?P<rest>.+?)\s*\?+\s*$",
    re.IGNORECASE,
)
_SECOND_PERSON = frozenset("you your you're yours yourself".split())
# "How's Mina doing these days?" asks after someone; it takes nothing for granted.
_ASKING_AFTER = re.compile(r"^\s*how(?:'s|’s|\s+is|\s+are|\s+has|\s+have)\b", re.IGNORECASE)
# "How is Jon's store doing?" asks after something of someone's: it takes for granted that they
# have it.
_ASKING_AFTER_THEIR = re.compile(
    r"^\s*[Hh]ow(?:'s|’s|\s+is|\s+are)\s+(?P<name>[A-Z][\w-]*)(?:'s|’s)\s+"
    r"(?P<thing>[a-z][\w\s-]*?)"
    r"(?:\s+(?:doing|going|coming along|getting on|holding up))?"
    r"(?:\s+(?:these days|lately|now|so far|at the moment))?\s*\?+\s*$"
)
_TOKEN = re.compile(r"\S+")
# Fewer content words than this after the name, and there is nothing to check ("What breed was
# Bori?" takes only Bori for granted, "What does Tomás study?" only that he studies).
PREMISE_MIN_WORDS = 2


@dataclass(frozen=True)
class Premise:
    """What a question takes for granted about someone it names."""

    name: str  # the first name the question names, possessive stripped ("Melanie")
    claim: str  # "Melanie see at the council meeting for adoption"

    def about(self, other: str) -> str | None:
        """The premise said of `other` instead ("Caroline pursue counseling"), or None when it
        names `other` already ("Melanie say Caroline has" would be about Caroline twice)."""
        if _named(other).search(self.claim):
            return None
        return _named(self.name).sub(other, self.claim, count=1)

    def in_first_person(self) -> str:
        """The premise in the person's own words, as the person's claims are checked: "Why did
        Gina start a dance studio?" asked of Jon's clone, "I start a dance studio"; "What are
        Gina's plans?", "my plans"."""
        possessive = re.compile(rf"(?<!\w){re.escape(self.name)}(?:'s|’s)(?!\w)")
        if possessive.match(self.claim):
            return possessive.sub("my", self.claim, count=1)
        return re.sub(r"^I has\b", "I have", _named(self.name).sub("I", self.claim, count=1))


def _named(name: str) -> re.Pattern[str]:
    """The first name as a word, before any possessive ("Melanie" in "Melanie's")."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")


def premise_of(question: str, names: Collection[str]) -> Premise | None:
    """The premise of a question asking something about one of `names` (first names), or None:
    not a wh-question, one asking after someone ("How's Mina doing?"), none of `names` in it,
    the person ("you") named first, or too few words after the name. Asking after something
    of theirs takes for granted that they have it: "How is Jon's store doing?", "Jon has a
    store"."""
    if (their := _ASKING_AFTER_THEIR.match(question)) and their.group("name") in names:
        name, thing = their.group("name", "thing")
        article = "" if thing.endswith("s") else "an " if thing[0] in "aeiou" else "a "
        return Premise(name=name, claim=f"{name} has {article}{thing}")
    if asks_after(question) or (named := _named_in(question, names)) is None:
        return None
    tokens, at, name = named
    # "What motivated Melanie to pursue counseling?": "Melanie pursue counseling".
    rest = tokens[at + 1 :]
    if rest and rest[0].lower() == "to":
        rest = rest[1:]
    claim = " ".join([tokens[at], *rest]).strip(" ,")
    if len(content_stems(claim) - {stem(name.lower())}) < PREMISE_MIN_WORDS:
        return None
    return Premise(name=name, claim=claim)


def asks_after(question: str) -> bool:
    """Whether `question` asks after someone or something ("How's Mina doing?", "How is Jon's
    store?"), as small talk does, rather than for something of them."""
    return _ASKING_AFTER.match(question) is not None


def asked_of(question: str, names: Collection[str]) -> str | None:
    """The one of `names` (first names) a wh-question asks something of, or None: "Why did
    Gina shut down her bank account?" and "How's Gina doing?" ask of Gina; "When did you meet
    Gina?" asks of the person, who is named first."""
    named = _named_in(question, names)
    return None if named is None else named[2]


def _named_in(question: str, names: Collection[str]) -> tuple[list[str], int, str] | None:
    """A wh-question's words after its wh-word, where the first of `names` is among them, and
    that name; None when it is no wh-question, names none of them, or names the person ("you")
    first."""
    found = _QUESTION.match(question)
    if found is None:
        return None
    tokens = _TOKEN.findall(found.group("rest"))
    at = next((i for i, token in enumerate(tokens) if names_in(token) & set(names)), None)
    if at is None or _SECOND_PERSON & {token.lower() for token in tokens[:at]}:
        return None  # "When did you break up with Chris?" is about the person
    return tokens, at, min(names_in(tokens[at]) & set(names))
