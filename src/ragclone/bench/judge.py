"""The benchmark's scoring judge: is an answer right, a decline, a hallucination?

It does not trust the system under test: it never asks the clone's grounding checker, and it
reads the biography itself (every fact, superseded ones included, found by word overlap rather
than by the store's embeddings).

1. Words. Texts are compared as word stems after lower-casing, stripping accents and expanding
   contractions; "no", "never", "n't" all read as "not". Articles are ignored.
2. Correct answer. A gold answer matches when all its words occur in one sentence of the reply,
   and the sentence is negated only if the gold answer is ("not have a brother" matches
   "I don't have a brother"; "vegetarian" does not match "I'm not vegetarian"). A leading
   "No," is an interjection, not a negation.
3. Decline. Phrases of not knowing ("I don't know", "not sure", "no idea", "can't remember", the
   strict policy's own abstention).
4. Forbidden claim. Its words occur in this order in a sentence that is not a question, with the
   same polarity ("i live in boston" is hit by "I live in Boston", not by "I don't live in Boston").
5. Yes and no. A reply to a yes/no question that starts with a yes or a no also states the
   question's proposition ("Do you play the piano?" "Yes, …" states "I play the piano").
6. Hallucination. Every statement of the reply (a sentence that is not a greeting, a question, a
   pleasantry or a remark about the chat; about the person or anyone else) is settled by rules
   first: a forbidden claim is a hallucination; a sentence that declines, or whose content words
   one fact holds in the same order and polarity, is not (matching a gold answer is not enough:
   "My sister is Mina, a doctor" invents the job). The rest go in one call to the judge model
   with the gold answer and the facts sharing most words with them, numbered. For each sentence
   the model names the fact that states it and a verdict; a sentence is a hallucination when the
   model finds it "not_supported", or calls it "supported" without citing a fact that shares a
   content word with it (and names the moment it names: "today", "last night"). Without a
   model (`model=None`) those sentences are counted as unverified. The conjuncts of a sentence
   that each restate a fact restate it ("I am loyal to my friends and like thrift shopping"),
   and a conjunct with no subject and verb of its own shares the first one's ("I do love board
   games and chess" says "I do love chess"); a sentence in the present is restated only by a
   fact that holds on the question's date.

Correct, per category: `known`/`as_of`/`updated`: a gold answer matched and no forbidden claim;
`unknown`: a decline and no hallucination; `false_premise`: the premise rejected (a gold answer)
and no forbidden claim ("I don't know" does not reject it); `chitchat`: no hallucination.

Its agreement with hand labels is measured by `benchmarks/bench_judge.py` on
`benchmarks/questions/judge-labels.jsonl`.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, Field

from ragclone import prompts
from ragclone.answers import leading_answer
from ragclone.bench.questions import Category, Question
from ragclone.chat import ChatModel
from ragclone.claims import (
    FUNCTION_WORDS,
    IRREGULAR_PAST,
    NOT_ABOUT_THE_PERSON,
    SAME_RELATION,
    atomic_claims,
    classify,
    content_stems,
    in_order,
    is_negated,
    is_past_tense,
    split_sentences,
    stem,
)
from ragclone.details import moments_in
from ragclone.errors import ModelError
from ragclone.grounding import has_ended, holds_at, is_state, today
from ragclone.models import Fact
from ragclone.vetoes import is_pastime

_CONTRACTIONS = (
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcannot\b"), "can not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"\bi'd\b"), "i would"),
    (re.compile(r"\b(it|that|what|there|he|she)'s\b"), r"\1 is"),
)
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_NEGATORS = frozenset({"not", "no", "never", "none", "nothing", "nor", "neither", "nobody"})
_ARTICLES = frozenset({"a", "an", "the"})
# A leading "Oh, no," or "Yes!" answers or exclaims; it asserts nothing of its own.
_INTERJECTION = re.compile(
    r"^\s*(?:(?:oh|ah|well|hmm|no|nope|nah|yes|yeah|yep)\b[\s,.!-]*)+", re.IGNORECASE
)
NEGATION = "not"
# "I only know that I have never met anyone famous" claims what follows it.
_HEDGE = re.compile(r"^\s*i (?:only )?know (?:that )?(?=i\b)", re.IGNORECASE)


def normalize(text: str) -> str:
    """Lower case, no accents, contractions spelled out."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace("‘", "'")
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text


def tokens(text: str) -> list[str]:
    """Word stems of `text`, negators as "not", articles dropped; an irregular past reads as its
    verb, and a second word for a relation as the first ("mom" as "mother"); `stem` reads an
    American spelling as the British one."""
    found = []
    for token in _TOKEN.findall(normalize(text)):
        if token in _ARTICLES:
            continue
        word = IRREGULAR_PAST.get(token) or SAME_RELATION.get(token, token)
        found.append(NEGATION if token in _NEGATORS else stem(word))
    return found


def _polar(sentence: str) -> list[str]:
    """A sentence's tokens with a leading "No,"/"Yes," interjection removed."""
    return tokens(_INTERJECTION.sub("", sentence, count=1))


def matches_answer(answer: str, sentence: str) -> bool:
    """Whether `sentence` states the gold `answer` (all its words, the same polarity)."""
    wanted = tokens(answer)
    if not wanted or not set(wanted) <= set(tokens(sentence)):
        return False
    return NEGATION in wanted or NEGATION not in _polar(sentence)


def matches_forbidden(claim: str, sentence: str) -> bool:
    """Whether `sentence` makes the forbidden `claim` (its words in order, the same polarity,
    and not in the past when the claim is not: "I played the piano" does not say "i play the
    piano")."""
    if sentence.rstrip().endswith("?"):
        return False
    if is_past_tense(sentence) and not is_past_tense(claim):
        return False
    wanted = tokens(claim)
    have = _polar(sentence)
    if not wanted or len(wanted) > len(have):
        return False
    found = any(have[i : i + len(wanted)] == wanted for i in range(len(have) - len(wanted) + 1))
    return found and (NEGATION in wanted or NEGATION not in have)


_DECLINE = re.compile(
    r"\b(?:i do not (?:really |actually |even )?know|"
    r"not (?:really |quite |entirely |totally )?sure|"
    r"no idea|no clue|i can not (?:really )?(?:say|remember|recall|tell|answer)|"
    r"i do not (?:really )?(?:remember|recall)|i could not (?:tell|say)|i would rather not|"
    r"i have not (?:really )?(?:thought|decided|figured|checked|counted)|"
    r"never (?:really )?(?:thought|paid attention|kept track|checked)|hard to say|i forg[eo]t|"
    r"not something i|i do not (?:really )?keep track|beats me|who knows|"
    r"i do not (?:really )?have (?:a|an|any) (?:particular |specific |real )?"
    r"(?:answer|idea|favou?rite|clue|info(?:rmation)?)|do not have that info|i have no information|"
    r"i am not (?:really )?(?:the right person|able to say)|i do not share)\b"
)
_ABSTENTIONS = (normalize(prompts.ABSTAIN),)


def is_decline(text: str) -> bool:
    """Whether `text` says the person does not know or will not say."""
    normalized = normalize(text)
    return bool(_DECLINE.search(normalized)) or any(a in normalized for a in _ABSTENTIONS)


class Judgement(BaseModel):
    """The judge's verdict on one answer."""

    correct: bool
    declined: bool
    hallucinated: bool
    matched: str | None = Field(default=None, description="the gold answer the reply states")
    forbidden: list[str] = Field(default_factory=list, description="forbidden claims it made")
    unsupported: list[str] = Field(
        default_factory=list, description="sentences about the person nothing supports"
    )
    unverified: list[str] = Field(
        default_factory=list, description="sentences left open because no judge model was given"
    )
    model_calls: int = 0


_JUDGE_SCHEMA = {
    "type": "object",
    "properties": {
        "verdicts": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "n": {"type": "integer"},
                    "fact": {"type": "integer"},
                    "verdict": {
                        "type": "string",
                        "enum": ["supported", "not_supported", "no_claim"],
                    },
                },
                "required": ["n", "fact", "verdict"],
            },
        }
    },
    "required": ["verdicts"],
}

_JUDGE_SYSTEM = (
    "You check statements from a chat reply against the verified facts about the person who "
    "wrote it. You are strict: the facts are complete, so anything about the person's life that "
    "no fact states is not supported."
)
_JUDGE_PROMPT = """Numbered verified facts about the person:
{facts}

The question the person was asked on {when}: {question}
A statement in the present tense is about {when}.

Numbered statements from the person's reply:
{statements}

For each statement give "fact": the number of the fact that states it (0 if none does), and \
one verdict:
- "supported": that fact states it, or it follows directly from that fact.
- "not_supported": it states something about the person's life (an event, an activity \
right now, a plan, a possession, a relationship, a habit, a taste, an opinion of theirs) that \
no fact states, or that a fact contradicts.
- "no_claim": it is a greeting, a feeling about this chat, a question, a joke, general \
knowledge, or saying they do not know.

Reply as JSON: {{"verdicts": [{{"n": 1, "fact": 0, "verdict": "..."}}]}}"""


@dataclass
class AnswerJudge:
    """Scores answers to benchmark questions against their gold and the biography.

    Args:
        facts: every fact of the clone (superseded ones too: the judge sees their dates).
        model: the model asked about sentences the rules cannot settle; None counts them as
            unverified instead.
        references: facts shown to the model per answer.
    """

    facts: Sequence[Fact]
    model: ChatModel | None = None
    references: int = 8

    def __post_init__(self) -> None:
        self._fact_stems = [content_stems(fact.text) for fact in self.facts]
        self._fact_words = [_content_sequence(fact.text) + _date_words(fact) for fact in self.facts]
        self._fact_negated = [is_negated(fact.text) for fact in self.facts]
        # Each fact whole, and each of its clauses after a semicolon with its own polarity: "I
        # do not own a car; I take MARTA and walk" says "I take MARTA and walk", and not "I
        # don't take MARTA" (whole, it reads as a denial only when every clause is one).
        self._fact_units: list[tuple[int, list[str], bool]] = []
        for n, fact in enumerate(self.facts):
            clauses = [(_content_sequence(c), is_negated(c)) for c in _CLAUSE.split(fact.text)]
            if len({negated for _, negated in clauses}) < 2:
                self._fact_units.append((n, self._fact_words[n], self._fact_negated[n]))
            if len(clauses) > 1:
                self._fact_units += [(n, words, negated) for words, negated in clauses]
        # What the person does now (a habit, media, a preference, not an event, a trait or a
        # job), with no dislike: a liking of it is no news.
        self._fact_pastime = [is_pastime(fact) for fact in self.facts]
        self._verdicts: dict[tuple[Question, str], Judgement] = {}
        # The names in the biography (people, places, works): a sentence naming one is about
        # the person's life even without "I".
        self._names = frozenset(
            stemmed
            for fact in self.facts
            for word in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'-]+", fact.text)
            for stemmed in tokens(word)
        )

    def judge(self, question: Question, answer: str) -> Judgement:
        """The verdict on `answer` to `question` (the same answer to the same question is
        judged once: configurations often give the same answer)."""
        key = (question, answer)
        if key in self._verdicts:
            return self._verdicts[key].model_copy(update={"model_calls": 0})
        self._verdicts[key] = verdict = self._judge(question, answer)
        return verdict

    def _judge(self, question: Question, answer: str) -> Judgement:
        sentences = split_sentences(answer)
        parts = [_HEDGE.sub("", part) for sentence in sentences for part in atomic_claims(sentence)]
        if (answered := leading_answer(question.question, answer)) is not None:
            # "Do you play the piano?" "Yes, I played …": the yes says "I play the piano".
            sentences.append(answered.claim)
            parts.append(answered.claim)
        declined = is_decline(answer)
        # "I don't know if I played the piano" holds the words of "not play" and answers nothing.
        answering = [s for s in sentences if not is_decline(s)]
        matched = next(
            (gold for gold in question.answers if any(matches_answer(gold, s) for s in answering)),
            None,
        )
        forbidden = [
            claim
            for claim in question.forbidden
            if any(matches_forbidden(claim, s) for s in sentences)
        ]
        open_claims = [p for p in parts if self._needs_judging(question, p, forbidden)]
        unsupported: list[str] = []
        unverified: list[str] = []
        calls = 0
        if open_claims and self.model is not None:
            unsupported = self._ask_model(question, open_claims)
            calls = 1
        else:
            unverified = open_claims
        hallucinated = bool(forbidden or unsupported)
        category = question.category
        if category in (Category.KNOWN, Category.AS_OF, Category.UPDATED):
            correct = matched is not None and not forbidden
        elif category is Category.UNKNOWN:
            correct = declined and not hallucinated
        elif category is Category.FALSE_PREMISE:
            correct = matched is not None and not forbidden
        else:
            correct = not hallucinated
        return Judgement(
            correct=correct,
            declined=declined,
            hallucinated=hallucinated,
            matched=matched,
            forbidden=forbidden,
            unsupported=unsupported,
            unverified=unverified,
            model_calls=calls,
        )

    def _needs_judging(self, question: Question, sentence: str, forbidden: list[str]) -> bool:
        """Whether a sentence (or a clause of one) states something the rules leave open."""
        if not _is_statement(sentence, self._names) or is_decline(sentence):
            return False
        if any(matches_forbidden(claim, sentence) for claim in forbidden):
            return False  # already a hallucination
        if self._restates_a_fact(question, sentence):
            return False
        # The gold answer in the question's own words ("No, I'm not scared of public speaking")
        # asserts only the gold. One word more is judged: "My sister is Mina, she's a doctor"
        # is right about the name and invents the job.
        gold = [a for a in question.answers if matches_answer(a, sentence)]
        allowed = set(_content_sequence(" ".join([question.question, *gold])))
        return not (gold and set(_content_sequence(sentence)) <= allowed)

    def _restates_a_fact(self, question: Question, sentence: str) -> bool:
        """Whether one fact holds the sentence's content words in the same order, with the same
        polarity ("my middle name is Park" recombines "Lena Soo-ah Park; Soo-ah is my Korean
        middle name": not a restatement), or each of its conjuncts restates one ("I am loyal to
        my friends and like thrift shopping for sweaters"). A sentence in the present tense is
        restated only by a fact that holds on the question's date ("I live in Boston" is not
        restated by "I lived in Boston" once that ended)."""
        sentence = self._without_known_appositives(_INTERJECTION.sub("", sentence, count=1))
        when = question.as_of or today()
        if self._restated_whole(sentence, when) or self._denies_an_ended_state(sentence, when):
            return True
        if (named := _NAMED_IS.match(sentence)) and self._restated_whole(
            f"{named.group('what')} {named.group('verb')} {named.group('name')}", when
        ):
            return True  # "Bori was a shiba inu" in "… a shiba inu called Bori"
        conjuncts = [part for part in _CONJUNCTION.split(sentence) if part.strip(" ,.;!")]
        # A conjunct with no subject and verb of its own shares the first one's: "I do love
        # board games and chess" says "I do love chess".
        shared = _subject_and_verb(conjuncts[0])
        return len(conjuncts) > 1 and all(
            (len(_content_sequence(part)) >= 2 and self._restated_whole(part, when))
            or (
                n > 0
                and shared is not None
                and not _SUBJECT.match(part)
                and self._restated_whole(f"{shared} {part}", when)
            )
            for n, part in enumerate(conjuncts)
        )

    def _without_known_appositives(self, sentence: str) -> str:
        """The sentence without the ", Massachusetts" of "Boston, Massachusetts" when a fact
        writes the two names together: a known place's region adds no claim."""
        for match in _APPOSITIVE.finditer(sentence):
            if any(match.group(0) in fact.text for fact in self.facts):
                sentence = sentence.replace(match.group(0), match.group(1))
        return sentence

    def _denies_an_ended_state(self, text: str, when: str) -> bool:
        """Whether `text` denies, in the present, a state that ended before `when` ("I'm not in
        high school anymore" when "I went to Boston Latin Academy for middle and high school"
        ended in 2023)."""
        if not is_negated(text) or is_past_tense(text):
            return False
        words = [w for w in _content_sequence(text) if w not in _NO_LONGER]
        return bool(words) and any(
            not fact_negated
            and is_state(self.facts[n])
            and has_ended(self.facts[n], when)
            and in_order(words, fact_words)
            for n, fact_words, fact_negated in self._fact_units
        )

    def _restated_whole(self, text: str, when: str) -> bool:
        words = _content_sequence(text)
        negated, present = is_negated(text), not is_past_tense(text)
        # "I love autumn" in a fact that likes it, the liking first: "My favourite season is
        # autumn", not "I hate cilantro; it tastes like soap". Or a pastime the person has:
        # "I love playing chess online" in "I spend my free time playing chess online".
        liked = [w for w in words if w not in _LIKING] if not negated else []
        return bool(words) and any(
            negated == fact_negated
            and (
                in_order(words, fact_words)
                or (
                    0 < len(liked) < len(words)
                    and (
                        any(in_order([w, *liked], fact_words) for w in _LIKING)
                        or (self._fact_pastime[n] and in_order(liked, fact_words))
                    )
                )
            )
            and not (present and is_state(self.facts[n]) and not holds_at(self.facts[n], when))
            for n, fact_words, fact_negated in self._fact_units
        )

    def reference_facts(self, question: Question, claims: Sequence[str]) -> list[Fact]:
        """The facts sharing most content words with the question, its gold and the claims."""
        named = [f for f in self.facts if f.id in question.facts or f.text in question.facts]
        query = content_stems(" ".join([question.question, *question.answers, *claims]))
        scored = sorted(
            ((len(query & stems), n) for n, stems in enumerate(self._fact_stems)),
            key=lambda pair: (-pair[0], pair[1]),
        )
        chosen = named + [
            self.facts[n] for score, n in scored if score and self.facts[n] not in named
        ]
        return chosen[: max(self.references, len(named))]

    def _ask_model(self, question: Question, claims: Sequence[str]) -> list[str]:
        """The claims the model finds unsupported. A "supported" must cite a fact that shares a
        content word with the claim, or it does not count; a claim the model skips counts as
        unsupported."""
        assert self.model is not None
        when = question.as_of or today()
        references = [
            f"{fact.text}{_when(fact, when)}" for fact in self.reference_facts(question, claims)
        ]
        if question.answers and question.category.answerable:
            references.append(f"The right answer to the question: {question.answers[0]}")
        facts = "\n".join(f"{n}. {text}" for n, text in enumerate(references, start=1))
        statements = "\n".join(f"{n}. {claim}" for n, claim in enumerate(claims, start=1))
        prompt = _JUDGE_PROMPT.format(
            facts=facts or "(none)", question=question.question, statements=statements, when=when
        )
        completion = self.model.complete(
            [{"role": "system", "content": _JUDGE_SYSTEM}, {"role": "user", "content": prompt}],
            max_tokens=40 + 32 * len(claims),
            temperature=0.0,
            json_schema=_JUDGE_SCHEMA,
        )
        try:
            verdicts = json.loads(completion.text)["verdicts"]
            marked = {int(v["n"]): (str(v["verdict"]), int(v.get("fact", 0))) for v in verdicts}
        except (ValueError, KeyError, TypeError) as error:
            raise ModelError(
                f"the judge model gave no verdicts: {completion.text[:200]!r}"
            ) from error
        unsupported = []
        for n, claim in enumerate(claims, start=1):
            verdict, cited = marked.get(n, ("not_supported", 0))
            if verdict == "no_claim":
                continue
            reference = references[cited - 1] if 1 <= cited <= len(references) else ""
            # A habit does not say it happened today: the fact must name the claim's moment.
            grounded = bool(content_stems(claim) & content_stems(reference)) and all(
                moment.casefold() in reference.casefold() for moment in moments_in(claim)
            )
            if verdict == "not_supported" or not grounded:
                unsupported.append(claim)
        return unsupported


# Words of chat manners; a sentence of nothing else ("I'm glad I could help", "Not really, no",
# "You're welcome", "that's so funny") states nothing about anyone.
_SOCIAL = frozenset(
    tokens(
        """
        not really yes yeah yep nope nah sure ok okay maybe honestly oh well hmm so too very
        glad happy sorry hear welcome thank thanks help helped let know need anything else
        funny fun laugh laughing good great nice awesome cool lovely hope hoping wish here
        chat chatting talk talking ask asking always any time day morning night evening
        weekend friday monday today you your yours that this it what me if could would can
        will should just be there long see
        """
    )
)


def _is_statement(sentence: str, names: frozenset[str]) -> bool:
    """A claim about the person, or a statement naming someone or something of their life
    ("Aisha's birthday is in July" invents as much as "my birthday is in July"). Chat manners
    state nothing; other sentences about the world are left to the person's general knowledge."""
    words = set(tokens(sentence))
    if words <= _SOCIAL | _FUNCTION or _SUGGESTION.match(sentence):
        return False
    kind = classify(sentence)
    if kind.is_claim:
        return True
    return kind.reason == NOT_ABOUT_THE_PERSON and bool(words & names)


_FUNCTION = frozenset(tokens(" ".join(sorted(FUNCTION_WORDS)))) | {NEGATION}
# "Let's play a game": a suggestion, true or false of no one.
_SUGGESTION = re.compile(r"^\W*(?:oh,?\s+)?let(?:'s|’s| us)\b", re.IGNORECASE)


def _content_sequence(text: str) -> list[str]:
    """The content-word stems of `text`, numbers included, in order; a repeated one kept once.
    Emphasis is not content ("I haven't been to Europe at all", "my absolute favourite"), nor
    are a relative pronoun ("…, which I found sad") or "too" ("I love Wingspan too")."""
    return list(dict.fromkeys(t for t in tokens(text) if t not in _NOT_CONTENT))


# "Boston, Massachusetts", "Seoul, South Korea": a name and the larger place it is in.
_APPOSITIVE = re.compile(r"\b([A-Z][\w'-]+), (?:[A-Z][\w'-]+)(?: [A-Z][\w'-]+)?\b")
_EMPHASIS = frozenset(
    tokens("all actually definitely totally absolutely absolute honestly literally")
)
_NOT_CONTENT = _FUNCTION | _EMPHASIS | frozenset(tokens("which who whom whose too"))
# Words that say a state ended ("anymore", "no longer"), not what the state was.
_NO_LONGER = frozenset(tokens("anymore longer"))
# "Bori was a shiba inu": a name said to be something, which a fact may write the other way
# round ("a shiba inu called Bori").
_NAMED_IS = re.compile(
    r"^\s*(?P<name>(?!I\b|It\b|She\b|He\b|They\b|That\b|This\b)[A-Z][\w'-]+)\s+"
    r"(?P<verb>is|was)\s+(?!not\b|never\b)(?P<what>[^,;]+?)[.!]?\s*$"
)
# Where a fact starts another statement: a new sentence, a semicolon, "and I" ("I quit piano
# lessons in 2019 and I no longer play the piano" says both, one of them a denial).
_CLAUSE = re.compile(r"(?<=[.!?;])\s+|,?\s+and\s+(?=I\b)")
# Words of liking: a fact with one of them restates a liking of what it names.
_LIKING = frozenset(tokens("love like enjoy adore favourite favorite"))
# Where a sentence joins two statements about the same subject ("I am loyal to my friends and
# like thrift shopping for sweaters"; "I write in a journal, listen to …, and watch …").
_CONJUNCTION = re.compile(r",\s*and\s+|\s+and\s+|,\s+", re.IGNORECASE)


# A clause that names its own subject: "… and it is chess" shares no verb with the clause before.
_SUBJECT = re.compile(
    r"^\W*(?:I|I'm|I’m|my|we|you|he|she|it|they|this|that|there)\b", re.IGNORECASE
)


def _subject_and_verb(clause: str) -> str | None:
    """The words of a first-person clause up to its first content word, its verb: "I do love"
    of "I do love board games", "I don't like" of "I don't like horror films"; None for a
    clause that does not start with "I"."""
    words = clause.split()
    if not words or words[0] != "I":
        return None
    for n, word in enumerate(words[1:], start=2):
        if _content_sequence(word):
            return " ".join(words[:n])
    return None


def _date_words(fact: Fact) -> list[str]:
    """A fact's dates as a statement would write them after its words: "I started my
    internship at Brightline Health" (from 2025-05) holds "… in May 2025", "… in 2025"."""
    found: list[str] = []
    for value in dict.fromkeys(v for v in (fact.valid_from, fact.valid_until) if v):
        year, *rest = value.split("-")
        month = calendar.month_name[int(rest[0])] if rest else ""
        day = str(int(rest[1])) if len(rest) > 1 else ""
        found += _content_sequence(f"{day} {month} {year}")
    return found


def _when(fact: Fact, when: str) -> str:
    """A fact's time as the judge needs it: whether a state held when the question was asked
    (statements in the present tense are about then), and when an event happened."""
    if not (fact.valid_from or fact.valid_until or fact.is_superseded):
        return ""
    if not is_state(fact):
        return f" (on {fact.validity()})"
    if holds_at(fact, when):
        return f" (true on {when})"
    return f" (NOT true on {when}; true {fact.validity()})"
