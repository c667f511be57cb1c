"""The specific details of a claim, names and numbers, that the facts must also hold.

A 1.5B judge calls a claim "supported" when a fact shares its topic: "My Lichess username is
LenaSoo-ahPark" against "I play chess on Lichess". A name that no fact of the biography mentions,
or a number that none of the claim's facts holds (in its text or its dates), is an invention
whatever the judge says. Cheap, and it errs towards flagging only what is plainly new.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ragclone.claims import FIRST_PERSON, is_negated, is_past_tense, words
from ragclone.models import Fact

_TOKEN = re.compile(r"\d(?:[\d,.]*\d)?(?:st|nd|rd|th|s)?\b|[^\W\d_](?:[\w'’-]*[^\W_])?")
_NUMBER = re.compile(r"^\d")
_POSSESSIVE = re.compile(r"['’]s$")
# Capitalised for emphasis, not names ("I'm OK with it", "Honestly, LOL").
_INTERJECTIONS = frozenset("ok okay lol lmao omg haha yeah yes no oh wow".split())
# "I'm 21" is an age the judge works out from a birth date; no fact says "21".
_AGE = re.compile(r"\bi(?:'m|’m| am|m) (\d{1,3})\b(?! (?:hours|times|days|weeks|months))", re.I)


def _number(token: str) -> str:
    """A number as digits only ("1,650" and "1650", "18th" and "18" are the same)."""
    return re.sub(r"(?:st|nd|rd|th|s)$", "", token).replace(",", "")


def _key(token: str) -> str:
    return _POSSESSIVE.sub("", token).casefold()


def names_and_numbers(text: str) -> tuple[list[str], list[str]]:
    """The names (capitalised words after the first) and the numbers of `text`."""
    names: list[str] = []
    numbers: list[str] = []
    ages = {match.group(1) for match in _AGE.finditer(text)}
    for position, token in enumerate(_TOKEN.findall(text)):
        if _NUMBER.match(token):
            if _number(token) not in ages:
                numbers.append(_number(token))
        elif (
            position
            and token[0].isupper()
            and token.casefold() not in FIRST_PERSON
            and token.casefold() not in _INTERJECTIONS
        ):
            names.append(_POSSESSIVE.sub("", token))
    return names, numbers


def _date_parts(value: str | None) -> set[str]:
    """The year, month name and day of a partial date, as a claim would write them."""
    if not value:
        return set()
    parts = value.split("-")
    found = {parts[0]}
    if len(parts) > 1:
        found |= {calendar.month_name[int(parts[1])].casefold(), str(int(parts[1]))}
    if len(parts) > 2:
        found.add(str(int(parts[2])))
    return found


def _acronyms(tokens: Sequence[str]) -> set[str]:
    """Initials of every run of two or more capitalised words ("AP Computer Science A" gives
    "csa", "apcsa", …; "of" and "and" may sit inside a run)."""
    found: set[str] = set()
    run: list[str] = []
    for token in [*tokens, ""]:
        if token[:1].isupper():
            run.append(token[0])
        elif token in ("of", "and") and run:
            continue
        else:
            for start in range(len(run)):
                for end in range(start + 2, len(run) + 1):
                    found.add("".join(run[start:end]).casefold())
            run = []
    return found


def fact_words(facts: Iterable[Fact]) -> set[str]:
    """Every word and number of the facts' texts and dates, case folded, with the acronyms of
    their capitalised names."""
    found: set[str] = set()
    for fact in facts:
        tokens = _TOKEN.findall(fact.text)
        for token in tokens:
            found.add(_number(token) if _NUMBER.match(token) else _key(token))
            found.update(_key(part) for part in token.split("-"))
        found |= _acronyms(tokens)
        found |= _date_parts(fact.valid_from) | _date_parts(fact.valid_until)
    return found


@dataclass(frozen=True)
class MissingDetails:
    """What a claim names that the biography does not (empty when nothing is missing)."""

    names: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    moments: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.names or self.numbers or self.moments)

    def __str__(self) -> str:
        return ", ".join((*self.names, *self.numbers, *self.moments))


# A particular day or moment: "I had an oat milk latte for breakfast today" is an event, and a
# habit ("My usual coffee order is an oat milk latte") does not say it happened.
_MOMENT = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|(?:this|last|next) (?:morning|afternoon|evening|"
    r"night|weekend|week)|just now)\b",
    re.IGNORECASE,
)


def moments_in(text: str) -> list[str]:
    """The particular days or moments `text` names ("today", "last night"), each once."""
    return list(dict.fromkeys(_MOMENT.findall(text)))


# A question about a particular day makes the events of its answer happen then: "How was your
# day?" answered "I spent a lot of time playing chess online" claims that of today, which a habit
# ("I play chess online") does not say. Not "How's your typical day?".
_MOMENT_ASKED = (
    (re.compile(r"\byour (?:day|afternoon)\b", re.IGNORECASE), "today"),
    (re.compile(r"\byour (?:weekend)\b", re.IGNORECASE), "this weekend"),
    (re.compile(r"\byour morning\b", re.IGNORECASE), "this morning"),
    (re.compile(r"\byour evening\b", re.IGNORECASE), "this evening"),
    (re.compile(r"\byour night\b", re.IGNORECASE), "last night"),
    # "Did you sleep well?", not "Did you sleep in a tent as a kid?"
    (
        re.compile(
            r"\bdid you (?:sleep(?: well| ok| okay| alright| all right| badly| much| in)?"
            r"|get (?:some|any|enough) sleep)\s*\?",
            re.IGNORECASE,
        ),
        "last night",
    ),
    (re.compile(r"\bdid you have an? (?:\w+ )?day\s*\?", re.IGNORECASE), "today"),
    # What the person is doing now ("What are you up to right now?"), not "after graduation".
    (
        re.compile(
            r"\bwhat are you (?:up to|doing)(?:\s+(?:right now|now|at the moment))?\s*\?",
            re.IGNORECASE,
        ),
        "today",
    ),
)
_NOT_A_MOMENT = re.compile(r"\b(?:typical|usual|normal|average|ideal|favou?rite)\b", re.IGNORECASE)
# Words that give a past claim its own time, or make it a habit rather than one event.
_OWN_TIME = frozenset(
    """
    every usually always often sometimes never used since ago when while once each until before
    after year years month months childhood kid child growing
    """.split()
)


def moment_asked(question: str | None) -> str | None:
    """The day or moment a question asks about ("How was your day?" gives "today"), or None."""
    if not question or _NOT_A_MOMENT.search(question):
        return None
    if named := moments_in(question):
        return named[0].lower()
    for pattern, moment in _MOMENT_ASKED:
        if pattern.search(question):
            return moment
    return None


def at_moment(claim: str, moment: str | None) -> str:
    """`claim` as the answer to a question about `moment` makes it: a past event with no time of
    its own happened then ("I spent the evening knitting" answering "How was your day?" is "I
    spent the evening knitting today"), and so does what the person says they are doing ("I'm
    up to playing chess online" answering "What are you up to right now?": a pastime is not
    what they are doing now); a habit, a dated past, a denial or another present claim is
    unchanged ("I'm excited to start the semester")."""
    if moment is None or moments_in(claim):
        return claim
    if not is_past_tense(claim) and not (_DOING.match(claim) and not is_negated(claim)):
        return claim
    if re.search(r"\d", claim) or any(token in _OWN_TIME for token in words(claim)):
        return claim
    return f"{claim.rstrip(' .!')} {moment}"


# "I'm playing chess", "I am up to knitting": an activity going on as it is said.
_DOING = re.compile(r"\s*i(?:'m|’m| am)\s+(?:just\s+|up\s+to\s+)?[a-z]+ing\b", re.IGNORECASE)


# A title in quotes, capitalised: "Mitski's "The Last Time" is my favourite song".
_QUOTED = re.compile(r"[\"“”]([A-Z0-9][^\"“”]{1,79})[\"“”]")


def missing_details(
    claim: str, *, biography: Collection[str], evidence: Sequence[Fact]
) -> MissingDetails:
    """The names of `claim` that no word of the `biography` matches, and its quoted titles,
    numbers and moments ("today", "last night") that no `evidence` fact holds ("Aisha's
    birthday is on October 18": 18 must be in those facts)."""
    names, numbers = names_and_numbers(claim)
    near = fact_words(evidence)
    said = " ".join(fact.text.casefold() for fact in evidence)
    missing_names = []
    for name in names:
        parts = [_key(part) for part in name.split("-")]
        if _key(name) not in biography and not all(part in biography for part in parts):
            missing_names.append(name)
    # A quoted title is one name, whose words may each be common: "The Last Time".
    words_said = " ".join(_TOKEN.findall(said))
    missing_names += [
        title
        for title in _QUOTED.findall(claim)
        if " ".join(_TOKEN.findall(title.casefold())) not in words_said
    ]
    return MissingDetails(
        names=tuple(dict.fromkeys(missing_names)),
        numbers=tuple(dict.fromkeys(n for n in numbers if n not in near)),
        moments=tuple(m for m in moments_in(claim) if m.casefold() not in said),
    )
