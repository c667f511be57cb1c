"""Readings of a claim and its facts that overrule a judge's "supported", without a model.

A 1.5B judge reads topic, not grammar: it calls "I'm not bad at replying to texts" supported by
"I am bad at replying to texts", and "My mom's favourite food is kimchi jjigae" supported by "My
favourite food is kimchi jjigae, the way my mother makes it". Both are plain in the words: the
same words with the opposite polarity, and someone else as the subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ragclone.claims import (
    FUNCTION_WORDS,
    IRREGULAR_PAST,
    RELATION_WORDS,
    SAME_RELATION,
    in_order,
    is_negated,
    is_past_tense,
    ordered_stems,
    stem,
    words,
)
from ragclone.dates import end_key, start_key
from ragclone.exclusive_states import another_state
from ragclone.models import Fact, FactKind

# Words that say a state changed: "I stopped eating meat" is not the opposite of "I don't eat
# meat", though it has its words without a negation.
_CHANGE_WORDS = frozenset(
    "stop stopped stops quit quitting gave give used former formerly until ended anymore".split()
)
_RELATION_STEMS = {
    stem(word): stem(SAME_RELATION.get(word, word))
    for word in RELATION_WORDS | SAME_RELATION.keys()
}
# "My mom and I", "my sister and me": the person is a subject too.
_JOINT_SUBJECT = re.compile(r"\band (?:i|me|myself)\b", re.IGNORECASE)
# The sentences of a fact (and the parts after a semicolon); its clauses, split at commas too.
_FACT_SENTENCE = re.compile(r"(?<=[.!?;])\s+")
_FACT_CLAUSE = re.compile(r"(?<=[.!?;,])\s+")


def _relation(stemmed: str) -> str | None:
    """The relation a word stem names, one stem per relation ("mom" and "mother" alike)."""
    return _RELATION_STEMS.get(stemmed)


def opposite_polarity(claim: str, facts: Sequence[Fact]) -> Fact | None:
    """A fact with the claim's words in the same order and the opposite polarity where it says
    them: "I'm not bad at replying to texts" against "I am bad at replying to texts and often
    leave messages unanswered"; "I am shy" against "I am reserved with strangers but no longer
    shy". Only facts that hold count (the caller passes those), a claim in the present is not
    denied by a fact in the past ("I don't play the piano" against "I played the piano"), nor a
    denial by a change ("I don't eat meat" against "I stopped eating meat").
    """
    said = ordered_stems(claim)
    if not said:
        return None
    negated, past = is_negated(claim), is_past_tense(claim)
    for fact in facts:
        for clause in _FACT_CLAUSE.split(fact.text):
            tokens = words(clause)
            stems = [stem(token) for token in tokens]
            if said[0] not in stems or not _CHANGE_WORDS.isdisjoint(tokens):
                continue
            at = stems.index(said[0])
            if not in_order(said, stems[at:]):
                continue
            # The tense of the fact up to the claim's last word ("no longer shy once I …").
            end = at + stems[at:].index(said[-1])
            if is_past_tense(" ".join(tokens[: end + 1])) and not past:
                continue
            # The polarity where the fact says the words: "no longer shy", "not bad".
            if is_negated(" ".join(tokens[max(0, at - _NEGATION_REACH) : at])) != negated:
                return fact
    return None


# How far before the claim's first word a negation still applies ("not very organised").
_NEGATION_REACH = 3

# Words that end what follows them in a fact: "I broke up with my boyfriend Chris" ends "I have
# a boyfriend"; "I stopped eating meat in 2022" ends "I eat meat".
_ENDING = re.compile(
    r"\b(?:broke up with|split up with|stopped|quit|gave up|moved out of|no longer)\b",
    re.IGNORECASE,
)


def ended_by(claim: str, facts: Sequence[Fact]) -> Fact | None:
    """A fact that says the state a present claim asserts came to an end: the claim's first
    content word right after "broke up with", "stopped", "quit", "gave up" or "no longer" in
    one clause, and its words there in order (two at least, when it has two: "I go to church
    every Sunday" against "I stopped going to church when I was fifteen"; "I have a boyfriend"
    against "I broke up with my boyfriend Chris in June 2023"). Only facts true at the time
    count (the caller passes those); a claim in the past or a denial is what the ending
    supports, not what it denies.
    """
    if is_past_tense(claim) or is_negated(claim):
        return None
    return _after_change(claim, facts, _ENDING)


def started_later(claim: str, facts: Sequence[Fact], when: str) -> Fact | None:
    """A fact dated after `when` that says the claim's state began then: "I play chess online"
    as of 2017 against "I started playing chess online after watching The Queen's Gambit"
    (2020-11). A claim in the past or a denial is left alone."""
    if is_past_tense(claim) or is_negated(claim):
        return None
    later = [f for f in facts if f.valid_from and start_key(f.valid_from) > end_key(when)]
    return _after_change(claim, later, _BEGINNING)


# Words that begin what follows them: "I started playing chess online", "I took up knitting".
_BEGINNING = re.compile(
    r"\b(?:started|began|took up|picked up|got into|learned to|learnt to)\b", re.IGNORECASE
)


def _after_change(claim: str, facts: Sequence[Fact], change: re.Pattern[str]) -> Fact | None:
    """The first fact with the claim's words right after a `change` ("stopped", "started")."""
    said = ordered_stems(claim)
    if not said:
        return None
    for fact in facts:
        for clause in _FACT_CLAUSE.split(fact.text):
            found = change.search(clause)
            if found is None:
                continue
            # What the change is about: the words right after it, up to a "but".
            after = re.split(r"\bbut\b", clause[found.end() :], maxsplit=1)[0]
            near = [stem(token) for token in words(after)[: _CHANGE_REACH + 1]]
            stems = ordered_stems(after)
            matched = [s for s in said if s in stems]
            if said[0] in near and len(matched) >= min(2, len(said)) and in_order(matched, stems):
                return fact
    return None


# How far after the change the claim's first word may come ("broke up with my boyfriend").
_CHANGE_REACH = 3


# Feelings with their opposites: "I love cilantro" against "I hate cilantro".
_LIKING = re.compile(r"\b(?:love|loves|like|likes|enjoy|enjoys|adore|adores)\b", re.IGNORECASE)
_DISLIKING = re.compile(
    r"\b(?:hate|hates|dislike|dislikes|detest|detests|loathe|loathes|(?:can't|can’t|cannot) "
    r"stand|(?:don't|don’t|do not) (?:like|enjoy))\b",
    re.IGNORECASE,
)


def opposite_feeling(claim: str, facts: Sequence[Fact]) -> Fact | None:
    """A fact with the opposite feeling about what the claim likes or dislikes: "I love
    cilantro" against "I hate cilantro; it tastes like soap to me", "I hate spicy food"
    against "I love spicy food". Only a claim in the present (the caller passes the facts true
    then); "I loved it as a kid" is left to the judge.
    """
    if is_past_tense(claim):
        return None
    disliked = _DISLIKING.search(claim)
    liked = None if disliked else _LIKING.search(claim)
    feeling = disliked or liked
    if feeling is None or (liked and is_negated(claim)):
        return None
    about = ordered_stems(claim[feeling.end() :])
    if not about:
        return None
    opposite = _LIKING if disliked else _DISLIKING
    for fact in facts:
        for clause in _FACT_CLAUSE.split(fact.text):
            found = opposite.search(clause)
            if found is None or (opposite is _LIKING and is_negated(clause[: found.end()])):
                continue
            after = clause[found.end() :]
            near = [stem(token) for token in words(after)[: _FEELING_REACH + 1]]
            if about[0] in near and in_order(about, ordered_stems(after)):
                return fact
    return None


# How far after the feeling its object may start ("I love really spicy food").
_FEELING_REACH = 2


# "My favourite film is …", "… is my all-time favourite band", "… are my two favourite
# languages": the favourites of a kind. Not "one of my favourites".
_FAVOURITE_FIRST = re.compile(
    r"\bmy (?:absolute |all-time |very )?favou?rite (?P<kind>[\w-]+(?: [\w-]+)?) "
    r"(?:is|was|has to be|would be) (?P<value>[^,;.!?]+)",
    re.IGNORECASE,
)
_FAVOURITE_LAST = re.compile(
    r"^(?P<value>[^,;.!?]+?) (?:is|are) (?:definitely |probably |easily )?my "
    r"(?:absolute |all-time |very )?(?:two |three |2 |3 )?favou?rites? ?"
    r"(?P<kind>[\w-]+(?: [\w-]+)?)?",
    re.IGNORECASE,
)
_ITEMS = re.compile(r"\s*(?:,\s*(?:and\s+)?|\band\b|&)\s*", re.IGNORECASE)
# Words for one kind of favourite ("artist" in a claim, "musician" in the fact).
_SAME_KIND = {
    "artist": "musician",
    "singer": "musician",
    "band": "musician",
    "movie": "film",
    "series": "show",
    "novel": "book",
    "dish": "food",
    "meal": "food",
    "track": "song",
}


def _favourite(text: str) -> tuple[str, list[frozenset[str]]] | None:
    """The kind of favourite a text names and the stems of each value it names ("Python and
    Go are my two favourite languages" gives ("languag", [{python}, {go}])), or None."""
    found = _FAVOURITE_FIRST.search(text) or _FAVOURITE_LAST.search(text.strip())
    if found is None or not found["kind"]:
        return None
    last = stem(found["kind"].split()[-1].lower().removesuffix("s"))
    kind = next((k for word, k in _SAME_KIND.items() if stem(word) == last), last)
    items = [frozenset(ordered_stems(item)) - {"my", "i"} for item in _ITEMS.split(found["value"])]
    return kind, [item for item in items if item]


def another_favourite(claim: str, facts: Sequence[Fact]) -> Fact | None:
    """A fact naming another favourite of the same kind: "Phoebe Bridgers and NewJeans are my
    favourite artists" against "My favourite musician is Mitski", and "Python and Go are my
    two favourite languages" against "My favourite programming language is Python, and I like
    Go too". A value of the claim sharing no word with the fact's is another favourite;
    "Severance is my favourite show" against "I watched "Severance" and it is my favourite TV
    show" shares one."""
    claimed = _favourite(claim)
    if claimed is None or is_negated(claim) or not claimed[1]:
        return None
    for fact in facts:
        for clause in _FACT_SENTENCE.split(fact.text):
            held = _favourite(clause)
            if held is None or held[0] != claimed[0] or not held[1]:
                continue
            favourites = frozenset().union(*held[1])
            if any(not item & favourites for item in claimed[1]):
                return fact
    return None


def denying_fact(claim: str, facts: Sequence[Fact]) -> tuple[Fact, str] | None:
    """The first of `facts` whose words deny the claim (opposite polarity, an ending, the
    opposite feeling, another favourite, another state of a kind), with what denies it; None
    when none does."""
    for deny, why in (
        (opposite_polarity, "opposite polarity"),
        (ended_by, "it has ended"),
        (opposite_feeling, "opposite feeling"),
        (another_favourite, "another favourite"),
        (another_state, "another state of its kind"),
    ):
        if (fact := deny(claim, facts)) is not None:
            return fact, why
    return None


def subject_relation(claim: str) -> str | None:
    """The relation a claim is about when someone of the person's life is its subject ("My mom's
    favourite food is …", "My sister lives in Seoul"), or None ("I call my mother", "My mom and
    I watched …")."""
    tokens = words(claim)
    if len(tokens) < 3 or tokens[0] not in ("my", "our") or _JOINT_SUBJECT.search(claim):
        return None
    noun = tokens[2] if tokens[1] in _RELATION_ADJECTIVES else tokens[1]
    return _relation(stem(noun))


_RELATION_ADJECTIVES = frozenset("best older younger little big baby late new old".split())


def other_subject(claim: str, facts: Sequence[Fact]) -> str | None:
    """The relation a claim is about when none of the facts that share its words is about that
    relation: "My mom's favourite food is kimchi jjigae" against "My favourite food is kimchi
    jjigae, the way my mother makes it" (the mother comes after the words they share, so the
    fact is about the person). None when the subject is the person, or a fact says it of the
    relation ("My mother, Grace Park, is a pharmacist" for "My mom is a pharmacist").
    """
    relation = subject_relation(claim)
    if relation is None:
        return None
    said = [s for s in ordered_stems(claim) if _relation(s) is None]
    sharing = 0
    for fact in facts:
        for sentence in _FACT_SENTENCE.split(fact.text):
            stems = ordered_stems(sentence)
            first = next((i for i, s in enumerate(stems) if s in said), None)
            if first is None:
                continue
            sharing += 1
            if any(_relation(s) == relation for s in stems[:first]):
                return None
    return relation if sharing else None


# "I love when people have …", "I appreciate people who are …": a feeling about others.
_ABOUT_OTHERS = re.compile(
    r"\b(?:i|i'm|we)\s+(?:really\s+|always\s+|just\s+)?"
    r"(?:love|like|enjoy|appreciate|admire|adore|respect|hate|dislike|can't stand|am drawn to)"
    r"\s+(?:it\s+)?(?:when\s+|if\s+|how\s+)?"
    r"(people|others|other people|someone|somebody|anyone|everyone|guys|girls|men|women)\b",
    re.IGNORECASE,
)


def about_others(claim: str, facts: Sequence[Fact]) -> str | None:
    """Who a claim's feeling is about when the facts with its words say them of the person: "I
    love when people have a dry sense of humour" against "I have a dry sense of humour" (a trait
    of one's own is no taste for it in others). None when no fact shares the words after them,
    or one of those facts speaks of them too ("I like people who are direct")."""
    found = _ABOUT_OTHERS.search(claim)
    if found is None:
        return None
    who = found.group(1).lower()
    said = set(ordered_stems(claim[found.end() :]))
    sharing = [fact for fact in facts if said & set(ordered_stems(fact.text))]
    others = {stem(word) for word in who.split()} | {"peopl", "other", "someon", "anyon"}
    if not sharing or any(others & set(ordered_stems(fact.text)) for fact in sharing):
        return None
    return who


# A past event pieced together from facts: together they hold at least PIECED_MIN_TOGETHER of
# its words, and the closest alone at most PIECED_MAX_SHARE.
PIECED_MAX_SHARE = 0.5
PIECED_MIN_TOGETHER = 0.75
PIECED_MIN_WORDS = 3
# Words that place an event rather than tell it.
_PLACING_WORDS = frozenset("when while after before during once ago time".split())


def _event_stems(text: str) -> set[str]:
    """Content stems, a verb's irregular past as the verb ("went" as "go") and a relation named
    one way ("mom" and "mother" alike)."""
    found = set()
    for word in words(text):
        word = IRREGULAR_PAST.get(word, word)
        if word not in FUNCTION_WORDS and word not in _PLACING_WORDS and not is_negated(word):
            stemmed = stem(word)
            found.add(_relation(stemmed) or stemmed)
    return found


def pieced_together(claim: str, facts: Sequence[Fact]) -> float | None:
    """For an event in the past that the facts tell only in pieces, the share of its words the
    closest fact holds; None otherwise. A 1.5B judge supports "I knitted a sweater for my
    sister's wedding" with "I knit …", "I like thrift shopping for sweaters" and "I sprained
    my ankle … at my sister's wedding": each word is in a fact, and the event is in none. A
    fact tells an event with its words. A state ("I love autumn and chess") may well be said
    across facts, and is left alone, as are claims of fewer than three content words and those
    the facts do not hold the words of (a paraphrase: the judge's reading stands)."""
    if not is_past_tense(claim):
        return None
    said = _event_stems(claim)
    if len(said) < PIECED_MIN_WORDS:
        return None
    held = [said & _event_stems(fact.text) for fact in facts]
    together = len(set().union(*held)) / len(said)
    best = max((len(found) for found in held), default=0) / len(said)
    return best if best <= PIECED_MAX_SHARE and together >= PIECED_MIN_TOGETHER else None


# What a person does now, so that a liking of it is no news ("I love chess" with "I play chess
# online most evenings"): a habit, a preference, what they watch or read, who they are. Not an
# event, a job, a school or a trait ("I was a barista at a Dunkin'" says nothing of enjoying it).
PASTIME_KINDS = frozenset(
    {
        FactKind.HABIT,
        FactKind.MEDIA,
        FactKind.PREFERENCE,
        FactKind.BEHAVIOUR,
        FactKind.IDENTITY,
        FactKind.OTHER,
    }
)


def is_pastime(fact: Fact) -> bool:
    """Whether `fact` tells something the person does or has now, with no dislike of it."""
    return (
        fact.kind in PASTIME_KINDS
        and not is_past_tense(fact.text)
        and not is_negated(fact.text)
        and _DISLIKING.search(fact.text) is None
    )


# "I had a lot of fun working at Dunkin'", "I really enjoyed my internship", "I do love board
# games": the person's own liking of something. Not "I'd like to" (a wish).
_FELT = re.compile(
    r"\bI(?:'ve|’ve| have| had| do| did| really| just| always| absolutely| also| still| truly)*"
    r"\s+(?:love[sd]?|loving|like[sd]?|enjoy(?:ed|s)?|adored?|"
    r"(?:have|had|having) (?:(?:a lot of|lots of|so much|such|great|a ton of|a great deal of)"
    r" )?fun)\b",
    re.IGNORECASE,
)
# A fact that states a liking of its own: "My favourite board game is Wingspan".
_LIKED = re.compile(r"\b(?:love[sd]?|like[sd]?|enjoy(?:ed|s)?|adored?|fun|favou?rite)\b", re.I)


def unstated_feeling(claim: str, facts: Sequence[Fact]) -> str | None:
    """What the claim says the person likes, when the facts closest to it in words state no
    liking of it and it is nothing the person does now: "I had a lot of fun working at Dunkin'"
    against "I worked part-time as a barista at a Dunkin'" (an opinion added to a fact). None
    when a fact likes it ("I love board games" with "My favourite board game is Wingspan"),
    when it is a pastime ("I love chess" with "I play chess online most evenings"), when the
    liking is of a person of their life (left to the judge), or when no fact shares its words.
    """
    felt = _FELT.search(claim)
    if felt is None or is_negated(claim[: felt.end()]):
        return None
    about = claim[felt.end() :].strip(" ,.!")
    said = set(ordered_stems(about))
    if not said or any(_relation(s) is not None for s in said):
        return None
    shared = [(len(said & set(ordered_stems(fact.text))), fact) for fact in facts]
    most = max((count for count, _ in shared), default=0)
    closest = [fact for count, fact in shared if count and count == most]
    if not closest or any(_LIKED.search(f.text) or is_pastime(f) for f in closest):
        return None
    return about


# A plan or a wish: "I'm planning to go for a walk on Saturday", "I should have kimchi jjigae
# for dinner", "I want to visit Iceland". Not "I'm going to the gym" (where one goes), nor a
# way of speaking ("I should mention that …", "I want to know more").
_PLAN = re.compile(
    r"(?:\bI(?:'m|’m| am) (?:planning|hoping|thinking of|thinking about)\b"
    r"|\bI(?:'m|’m| am) (?:going|gonna) to (?!(?:the|a|an|my|our|school|college|class|church|"
    r"work|university|bed)\b)"
    r"|\bI (?:plan|hope|intend|want|would like|'d like|’d like) to\b"
    r"|\bI should\b)"
    r"(?!\s*(?:probably |really |just |also )?(?:say|mention|add|note|tell|know|ask|hear|thank|"
    r"admit|warn|apologi[sz]e|point out)\b)",
    re.IGNORECASE,
)
# Words of a fact about what is ahead: "I expect to graduate in May 2027".
_AHEAD = re.compile(
    r"\b(?:will|'ll|’ll|expect(?:s|ing)?|plan(?:s|ning|ned)?|going to|gonna|hope|hoping|"
    r"want(?:s)? to|intend|would like|someday|one day|next|upcoming|soon)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def unstated_plan(claim: str, facts: Sequence[Fact], when: str) -> bool:
    """Whether the claim is a plan or wish that no fact sharing its words looks ahead to: "I'm
    planning to go for a long walk on the BeltLine on Saturday" on "I go for long walks on
    the BeltLine on weekends" (a habit makes no plan). A fact looks ahead with its words ("I
    expect to graduate in May 2027") or a year after `when` ("I start my full-time job in July
    2027")."""
    plan = _PLAN.search(claim)
    if plan is None or is_negated(claim):
        return False
    said = set(ordered_stems(claim[plan.end() :]))
    year = int(when[:4])
    return not any(
        said & set(ordered_stems(fact.text))
        and (
            _AHEAD.search(fact.text) is not None
            or any(int(y) > year for y in _YEAR.findall(fact.text))
        )
        for fact in facts
    )
