"""Finding the claims a text makes about the person: sentences, first-person filter, atomic split.

Rule-based, so it works with no model at all; `grounding.py` can refine the split with a chat
model. A sentence is a claim about the person when it refers to them explicitly ("I", "my", "we",
"im", "ive") or implicitly, with the subject left out as people do in chat ("been coding since
12", "love that show"). Questions back to the user, greetings and remarks about the conversation
are skipped, each with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Words that make a sentence about the speaker. Chat spellings included; "ill" and "id" are not,
# since "ill" and "ID" are ordinary words far more often.
FIRST_PERSON = frozenset(
    "i i'm im i've ive i'd i'll me my mine myself we we're we've weve our ours us ourselves"
    " i’m i’ve i’d i’ll we’re we’ve".split()
)
# A sentence that starts with one of these and has no subject is about the speaker.
IMPLICIT_STARTS = frozenset(
    """
    am was been being have had has got gotten love loved loves like liked likes hate hated hates
    prefer preferred enjoy enjoyed miss missed live lived living grew grow growing study studied
    studying studies work worked working works play played playing plays took take taking takes
    went go going goes moved move moving started start starting quit used never always usually
    still just also really totally definitely absolutely kinda sorta born raised learned learning
    learnt read reading watched watching watch listen listening listened visited visiting speak
    speaking spoke know knew think thought believe believed feel felt can't cant couldn't couldnt
    don't dont didn't didnt won't wont wouldn't wouldnt haven't havent hasn't hasnt wasn't wasnt
    gonna wanna gotta need needed want wanted fasting fasted coding coded teach teaching taught
    """.split()
)
_THIRD_PERSON = frozenset("he she they his her their he's she's they're hes shes theyre".split())
ABOUT_PEOPLE = "about someone in the person's life"
NOT_KNOWING_REASON = "says they do not know"
NOT_ABOUT_THE_PERSON = "not about the person"
# After a leading verb, these mean someone else is the subject ("know you're busy", "is it").
OTHER_SUBJECTS = frozenset("you you're youre he she it it's its they there".split())
GREETINGS = re.compile(
    r"^(hi|hey|hello|hiya|yo|sup|thanks|thank you|thx|ty|bye|goodbye|see you|see ya|cya|lol|"
    r"lmao|haha+|hehe|ok|okay|k|sure|cool|nice|yes|yeah|yep|no|nope|hmm+|oh|ah|wow|omg|great|"
    r"good morning|good night|gn|gm|(?:(?:oh|ah|ok|okay)[,!.]*\s+)?i see|"
    r"(?:hi|hey|hello|hiya|thanks|thank you|bye|see you|good morning|good night|congrats)"
    r"[,\s]+\w+)\b[\s!.,:)(-]*$",
    re.IGNORECASE,
)
ABOUT_THE_CONVERSATION = re.compile(
    r"^(that'?s|that is|what an?|such an?) (a )?(good|great|interesting|fun|nice|tough|hard|funny)"
    r" (question|one|point|idea)|^(good|great|interesting) (question|point)|^you'?re (so )?right|"
    r"^(it'?s|that'?s) (hard|tough) to say|^(i )?hope (that|this) helps",
    re.IGNORECASE,
)
# How-are-you answers ("I'm doing well, thanks") say nothing checkable about a life.
PLEASANTRIES = re.compile(
    r"^(?:(?:hey|hi|hello|oh|haha+|lol|honestly|yeah)[!,.]*\s+)*"
    r"i(?:'m|’m| am|m) (?:doing |feeling )?"
    r"(?:really |pretty |so |very )?(?:good|great|fine|well|okay|ok|alright|not bad|awesome)"
    r"(?:,? (?:thanks|thank you)(?: for asking)?)?[\s!.,:)(-]*$",
    re.IGNORECASE,
)
# Apologies ("Oh, I'm sorry" before "but I don't have a brother") are manners, not facts.
APOLOGIES = re.compile(
    r"^(?:(?:oh|um+|ah|aw+)[!,.]*\s+)*(?:i(?:'m|’m| am|m) )?(?:so |really |very )?sorry"
    r"(?: to hear (?:that|it)| about that)?[\s!.,]*$",
    re.IGNORECASE,
)
# Saying one does not know ("I'm not sure about my blood type") claims nothing. "I don't know
# how to drive" does: only "know" followed by nothing, or by what is not known, counts.
NOT_KNOWING = re.compile(
    r"^(?:(?:hmm+|um+|honestly|oh|well|haha+|to be honest)[!,.]*\s+)*"
    r"(?:i(?:'m|’m| am|m) not (?:really |quite |totally |entirely )?sure|"
    r"i (?:really |honestly )?(?:don't|dont|do not|don’t) (?:really |actually )?"
    r"(?:know|remember|recall)"
    r"(?=$|[\s,.!]*$|,| about| what| which| if| whether| where| when| who| my| that| anything)|"
    r"i (?:don't|dont|do not|don’t) have (?:any |much )?(?:information|info|idea|clue|memory)\b|"
    r"i have no (?:idea|clue|information|memory)\b|"
    r"i (?:can't|cant|cannot|can’t) (?:really )?(?:remember|recall|say)\b)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"')\]]*\s+|\n+")
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’])*")  # letters of any script, apostrophes
_SPLIT = re.compile(
    r"\s*(?:,\s*)?\b(?:and|but|though|although|while|whereas|so|plus)\s+(?=(?:i|i'm|im|i've|"
    r"ive|i'd|we|we're|my|our|she|he|they)\b)|\s*;\s*|\s+-+\s+",
    re.IGNORECASE,
)

# Words nearly every English sentence of three or more words contains one of.
_ENGLISH_HINTS = frozenset(
    """
    the a an and or but is are was were be been to of in on at for with from that this it its
    i you he she we they my your his her our their not no do does did have has had will would
    can could there what so as by if just
    """.split()
)
# First-person and function words of other common chat languages (es, pt, fr, it, de, nl).
_FOREIGN_HINTS = frozenset(
    """
    yo mi mis tengo soy estoy tuve fui el los las una del que y pero eu meu minha tenho sou
    je j'ai suis mon ma mes le les et mais io ho sono mio mia ich bin habe mein meine und nicht
    der die das ist ein eine ik ben heb mijn het een
    """.split()
)


def _looks_foreign(text: str, tokens: list[str]) -> bool:
    """Whether a sentence is in another language (a script other than Latin, or foreign words)."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(not c.isascii() and c not in "àâäçéèêëîïôöùûüñáíóúß" for c in letters) > (
        len(letters) // 2
    ):
        return True
    if len(tokens) < 3 or any(token in _ENGLISH_HINTS for token in tokens):
        return False
    return any(token in _FOREIGN_HINTS for token in tokens)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the text, and why it is or is not a claim about the person."""

    text: str
    is_claim: bool
    reason: str


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, split at end punctuation and line breaks."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes kept ("i'm", "don't")."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def classify(sentence: str, people: frozenset[str] = frozenset()) -> Sentence:
    """Whether a sentence is a claim about the speaker, with the reason.

    `people` are the names of the people in the person's life (see `people_named`): a sentence
    naming one ("Aisha's birthday is in July") invents as much as "my birthday is in July".
    """
    stripped = sentence.strip()
    tokens = words(stripped)
    if not tokens:
        return Sentence(stripped, False, "no words")
    if GREETINGS.match(stripped):
        return Sentence(stripped, False, "greeting or filler")
    if ABOUT_THE_CONVERSATION.search(stripped):
        return Sentence(stripped, False, "remark about the conversation")
    if PLEASANTRIES.match(stripped) or APOLOGIES.match(stripped):
        return Sentence(stripped, False, "pleasantry")
    if NOT_KNOWING.match(stripped) and len(atomic_claims(stripped)) < 2:
        # "I'm not sure, but I have a brother" still claims a brother: its parts are checked.
        return Sentence(stripped, False, NOT_KNOWING_REASON)
    if stripped.endswith("?"):
        return Sentence(stripped, False, "question to the user")
    if any(token in FIRST_PERSON for token in tokens):
        return Sentence(stripped, True, "first person")
    if tokens[0] in IMPLICIT_STARTS and (len(tokens) < 2 or tokens[1] not in OTHER_SUBJECTS):
        return Sentence(stripped, True, "first person, subject left out")
    if people and not people.isdisjoint(names_in(stripped)):
        return Sentence(stripped, True, ABOUT_PEOPLE)
    if _looks_foreign(stripped, tokens):
        # "Tengo un hermano" may well be about the person; unchecked, it would pass as true.
        return Sentence(stripped, True, "not in English: checked as a claim")
    return Sentence(stripped, False, NOT_ABOUT_THE_PERSON)


# Two words for one relation ("my mom" in a claim, "my mother" in the fact).
SAME_RELATION = {
    "mom": "mother",
    "mum": "mother",
    "mommy": "mother",
    "mama": "mother",
    "dad": "father",
    "daddy": "father",
    "papa": "father",
    "grandma": "grandmother",
    "granny": "grandmother",
    "grandpa": "grandfather",
    "fiance": "fiancé",
    "fiancee": "fiancé",
    "fiancée": "fiancé",
    "flatmate": "roommate",
    "housemate": "roommate",
    "co-worker": "colleague",
    "coworker": "colleague",
    "neighbor": "neighbour",
}
# People of one's life. In a fact, the capitalised word after one of these (or after "named",
# "called", or a few words on: "my best friend since high school is Tomás Rivera") names them.
RELATION_WORDS = frozenset(
    """
    sister brother sibling mother father mom mum dad parent parents grandmother grandfather
    grandma grandpa aunt uncle cousin niece nephew son daughter husband wife partner fiancé
    fiancée fiance fiancee boyfriend girlfriend ex friend roommate flatmate housemate classmate
    colleague coworker co-worker boss manager teacher professor mentor tutor coach neighbour
    neighbor dog cat pet
    """.split()
)
_RELATIONS = "|".join(
    sorted(RELATION_WORDS | {"name", "named", "called", "dated", "married"}, key=len, reverse=True)
)
_RELATION_WORD = re.compile(rf"\b(?i:{_RELATIONS})\b")
_NAME = r"[A-Z][\w'’-]*"
_POSSESSIVE = re.compile(r"['’]s$")
_PERSON_AFTER_RELATION = re.compile(
    rf"\b(?i:{_RELATIONS})\b(?:[ ,]+(?:[a-z]+ ){{0,4}}?(?:is|was|named|called))?[ ,]+"
    rf"(?:a |an |the )?(?:(?:boy|girl|man|woman|guy|kid) (?:named|called) )?({_NAME})"
)
# Capitalised words that are no one's name.
NOT_NAMES = frozenset(
    """
    I January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An My Our His Her Their
    """.split()
)


def names_in(text: str) -> set[str]:
    """The capitalised words of `text`, possessives stripped ("Aisha's" gives "Aisha")."""
    found = set()
    for word in _WORD.findall(text):
        if word[0].isupper():
            found.add(_POSSESSIVE.sub("", word))
    return found


def first_name(name: str) -> str:
    """The first word of a display name ("Gina Lopez" gives "Gina"; "+1 555" gives "+1")."""
    parts = name.split()
    return _POSSESSIVE.sub("", parts[0]) if parts else ""


def is_first_person(text: str) -> bool:
    """Whether `text` says "I", "me", "my", "we", ... ."""
    return any(token in FIRST_PERSON for token in words(text))


def people_named(texts: Iterable[str]) -> frozenset[str]:
    """First names of the people that facts introduce ("My roommate Aisha Bello studies…" gives
    "Aisha"; "My sister Mina married her partner Jae" gives "Mina" and "Jae"). Places and works
    are left out: "Boston is lovely" is not a claim about anyone's life."""
    people = set()
    for text in texts:
        for match in _PERSON_AFTER_RELATION.finditer(text):
            name = _POSSESSIVE.sub("", match.group(1))
            if name not in NOT_NAMES:
                people.add(name)
    return frozenset(people)


def classify_text(sentences: Iterable[str], people: frozenset[str] = frozenset()) -> list[Sentence]:
    """`classify` for the sentences of one text, in order: a sentence that goes on about someone
    the claim just before named ("My sister is a nurse. She lives in Chicago.") is a claim too."""
    found: list[Sentence] = []
    for sentence in sentences:
        result = classify(sentence, people)
        tokens = words(result.text)
        if (
            not result.is_claim
            and result.reason == NOT_ABOUT_THE_PERSON
            and tokens[0] in _THIRD_PERSON
            and found
            and _introduces_someone(found[-1], people)
        ):
            result = Sentence(result.text, True, ABOUT_PEOPLE)
        found.append(result)
    return found


def _introduces_someone(previous: Sentence, people: frozenset[str]) -> bool:
    """Whether a claim names someone a following "she" or "they" can be about."""
    if not previous.is_claim:
        return False
    if previous.reason == ABOUT_PEOPLE or not people.isdisjoint(names_in(previous.text)):
        return True
    return _RELATION_WORD.search(previous.text) is not None


def atomic_claims(sentence: str) -> list[str]:
    """Split a compound sentence into claims where a new subject starts a clause.

    "I have a sister and we both play chess" gives two claims; "I like tea and coffee" stays one.
    """
    parts = [p.strip(" ,.;!") for p in _SPLIT.split(sentence) if p and p.strip(" ,.;!")]
    # A short piece with no subject of its own ("my brother" in "my brother and I went") is
    # part of a compound subject, not a clause: keep the sentence whole.
    if len(parts) < 2 or any(not _is_clause(part) for part in parts):
        return [sentence.strip().rstrip(".!")]
    return parts


# Words and shapes that put a claim in the past ("I lived in Boston", "when I was ten", "in 2019").
# Irregular past forms and the verb each is a form of ("took" of "take"). Forms that are also
# the present ("read", "put", "cut") or another word ("left", "felt" are kept: both are past)
# are left out where they would mislead.
IRREGULAR_PAST = {
    past: verb
    for verb, forms in {
        "be": "was were been",
        "become": "became",
        "begin": "began begun",
        "break": "broke broken",
        "bring": "brought",
        "build": "built",
        "buy": "bought",
        "catch": "caught",
        "choose": "chose chosen",
        "come": "came",
        "do": "did done",
        "drink": "drank drunk",
        "drive": "drove driven",
        "eat": "ate eaten",
        "fall": "fell fallen",
        "feel": "felt",
        "find": "found",
        "fly": "flew flown",
        "forget": "forgot forgotten",
        "get": "got gotten",
        "give": "gave given",
        "go": "went gone",
        "grow": "grew grown",
        "have": "had",
        "hear": "heard",
        "keep": "kept",
        "know": "knew known",
        "lead": "led",
        "leave": "left",
        "lose": "lost",
        "make": "made",
        "meet": "met",
        "pay": "paid",
        "ride": "rode ridden",
        "run": "ran",
        "say": "said",
        "see": "saw seen",
        "sell": "sold",
        "send": "sent",
        "sing": "sang sung",
        "sleep": "slept",
        "speak": "spoke spoken",
        "spend": "spent",
        "swim": "swam swum",
        "take": "took taken",
        "teach": "taught",
        "tell": "told",
        "think": "thought",
        "throw": "threw thrown",
        "wear": "wore worn",
        "win": "won",
        "write": "wrote written",
    }.items()
    for past in forms.split()
}
_PAST_WORDS = frozenset(
    """
    wasn't wasnt weren't werent hadn't didn't didnt used ago quit stopped started moved lived
    visited played studied worked graduated finished dated born raised once formerly previously
    """.split()
) | frozenset(IRREGULAR_PAST)
_PAST_SHAPES = re.compile(
    r"\b(?:back then|as a (?:kid|child|teen(?:ager)?)|when i was|in (?:19|20)\d\d|last (?:year|"
    r"month|week|summer|winter|spring|autumn|fall)|(?:years?|months?|weeks?|days?) ago)\b|"
    # A verb in -ed right after its subject; "I'm tired" and "I'm interested" stay present.
    r"(?:^|\b(?:i|we|he|she|they)\s+(?:\w+ly\s+|never\s+|also\s+|just\s+)?)\w*[^\We]ed\b",
    re.IGNORECASE,
)


_LEADING_INTERJECTION = re.compile(
    r"^\s*(?:(?:oh|ah|aw|well|hmm|um|wow|haha|ok|okay|yes|yeah|yep|no(?=\s*[,.!]))\b[\s,.!-]*)+"
    r"(?=\w)",
    re.IGNORECASE,
)


def without_interjection(claim: str) -> str:
    """The claim without a leading "Oh," "Well," "Yes," or "No,": "Oh, Bori was a shiba inu"
    claims "Bori was a shiba inu", and the interjection only confuses a judge (a yes or no to a
    yes/no question is checked on its own, as the question's proposition; "No, I'm left-handed"
    would read as denying that she is). "No brothers" keeps its "no"."""
    stripped = _LEADING_INTERJECTION.sub("", claim)
    return stripped[:1].upper() + stripped[1:] if stripped else claim


def is_past_tense(claim: str) -> bool:
    """Whether a claim talks about the past rather than how things are now.

    Errs towards the past: a past claim taken as present could be wrongly contradicted by a fact
    that has since ended, and that is the mistake worth avoiding here.
    """
    if any(token in _PAST_WORDS for token in words(claim)):
        return True
    return bool(_PAST_SHAPES.search(claim))


_NEGATIONS = frozenset(
    "not no never nobody nothing nowhere none neither nor anymore don't dont doesn't doesnt"
    " didn't didnt isn't isnt aren't arent wasn't wasnt weren't werent haven't havent hasn't"
    " hasnt can't cant cannot won't wont wouldn't wouldnt shouldn't shouldnt".split()
)


def is_negated(claim: str) -> bool:
    """Whether a claim denies something ("I don't eat meat anymore", "no longer")."""
    return any(token in _NEGATIONS for token in words(claim))


def negation_count(text: str) -> int:
    """How many negation words a text has ("I never took AP CSA; it was not offered": 2)."""
    return sum(token in _NEGATIONS for token in words(text))


FUNCTION_WORDS = frozenset(
    """
    i i'm im i've ive i'd i'll me my mine myself we we're our us a an the this that these those
    am is are was were be been being have has had do does did to of in on at by for with from and
    or but so as than then there it it's its very really just also still now currently every
    """.split()
)
_SUFFIXES = ("ing", "ed", "es", "s")


# American spellings as British ones (a biography and a reply may each use either).
BRITISH_SPELLING = {
    "favorite": "favourite",
    "favorites": "favourites",
    "color": "colour",
    "colors": "colours",
    "theater": "theatre",
    "center": "centre",
    "gray": "grey",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
    "behavior": "behaviour",
    "organized": "organised",
    "organize": "organise",
    "traveling": "travelling",
    "traveled": "travelled",
}


def stem(word: str) -> str:
    """A crude stem, enough to match "live", "lived" and "living" (and "brother's"), "apply"
    and "applied" (a final y after a consonant reads as i, as in Porter's step 1c), and
    "favorite" and "favourite"."""
    word = BRITISH_SPELLING.get(word, word)
    if word.endswith(("'s", "’s")) and len(word) > 3:
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
            break
    if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiouy":
        word = word[:-1] + "i"
    return word.rstrip("e") or word


def asserted_stems(text: str) -> frozenset[str]:
    """Content stems of `text` without its negations: what a denial is about ("I don't live in
    Boston anymore" gives "liv", "boston")."""
    return frozenset(
        stem(w) for w in words(text) if w not in FUNCTION_WORDS and w not in _DENIAL_WORDS
    )


_DENIAL_WORDS = _NEGATIONS | {"longer", "more", "still"}


def ordered_stems(text: str, *, past_as_verb: bool = False) -> list[str]:
    """The content stems of `text` in order, each once, without negations (compare those with
    `is_negated`: "don't" and "do not" are the same denial); with `past_as_verb`, a verb's
    irregular past as the verb ("drank" as "drink")."""
    found = words(text)
    if past_as_verb:
        found = [IRREGULAR_PAST.get(word, word) for word in found]
    return list(
        dict.fromkeys(stem(w) for w in found if w not in FUNCTION_WORDS and w not in _NEGATIONS)
    )


def in_order(needle: Sequence[str], haystack: Sequence[str]) -> bool:
    """Whether every item of `needle` is in `haystack`, in the same order."""
    remaining = iter(haystack)
    return all(item in remaining for item in needle)


# A history search reads the stems of the same few hundred snippets query after query.
@lru_cache(maxsize=16384)
def content_stems(text: str, *, past_as_verb: bool = False) -> frozenset[str]:
    """Stems of the words of `text` that carry content; with `past_as_verb`, a verb's irregular
    past as the verb ("drank" as "drink")."""
    found = words(text)
    if past_as_verb:
        found = [IRREGULAR_PAST.get(word, word) for word in found]
    return frozenset(stem(w) for w in found if w not in FUNCTION_WORDS)


_SUBJECTS = frozenset("i i'm im i've ive i'd we we're we've she he they it".split())


def _is_clause(part: str) -> bool:
    tokens = words(part)
    return len(tokens) >= 3 or (len(tokens) == 2 and tokens[0] in _SUBJECTS)
