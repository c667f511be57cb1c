"""The grounding checker: every claim a text makes about the person, checked against the store.

A cascade per claim: retrieve candidate facts; a present-tense claim whose closest state has
ended ("I live in Boston" against "I lived in Boston" until 2023-07) is `contradicted` by time,
and a present-tense denial of an ended state is `supported` by it; a claim that one sentence of
a fact says again, word for word in order, is `supported` (a restatement); a claim of a state
with one value at a time is settled by the value a fact says ("I am not a freshman" by "I am in
my fourth year of university"; `ragclone.exclusive_states`); a claim no fact is
even remotely about is `unsupported` without calling a model (the embedding screen); the rest
go to a judge, which decides `supported`, `contradicted` or `unsupported`, and whose
"supported" needs a fact close enough to say it (the support floor) and every name and number
of the claim in the facts (`ragclone.details`), and whose "contradicted" needs a fact close
enough to be about the claim, or words of a fact that deny it (the contradiction floor).
Judges: the chat model with a JSON-schema-constrained verdict (the offline default), or an NLI
cross-encoder when the user has one. Chat history is weaker evidence, asked only when the
facts leave a claim unsupported: what the person (or a chat partner the claim names) wrote
about themselves can support it.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ragclone.answers import leading_answer, short_answer_claim
from ragclone.asked_about import resolved, says_something_of
from ragclone.chat import ChatModel, parse_json
from ragclone.claims import (
    FUNCTION_WORDS,
    NOT_ABOUT_THE_PERSON,
    NOT_KNOWING_REASON,
    NOT_NAMES,
    RELATION_WORDS,
    asserted_stems,
    atomic_claims,
    classify,
    classify_text,
    content_stems,
    first_name,
    in_order,
    is_first_person,
    is_negated,
    is_past_tense,
    names_in,
    negation_count,
    ordered_stems,
    people_named,
    split_sentences,
    stem,
    without_interjection,
)
from ragclone.dates import DateLike, end_key, normalize_date, start_key
from ragclone.decompose import is_compound
from ragclone.denials import fact_denying_premise, word_uses
from ragclone.details import at_moment, fact_words, missing_details, moment_asked
from ragclone.errors import FactNotFound, ModelError
from ragclone.exclusive_states import settled_by_state
from ragclone.models import (
    BY_RESTATING,
    BY_VALIDITY,
    MAX_FACT_CHARS,
    Claim,
    Fact,
    FactKind,
    GroundingReport,
    HistoryHit,
    Hit,
    SkippedSentence,
    Verdict,
)
from ragclone.premises import asked_of, asks_after, premise_of
from ragclone.vetoes import (
    about_others,
    denying_fact,
    opposite_polarity,
    other_subject,
    pieced_together,
    started_later,
    unstated_feeling,
    unstated_plan,
)

if TYPE_CHECKING:
    from ragclone.store import FactStore

# `Claim.judge` of a claim a fact settled by naming the person's state of its kind.
BY_STATE = "one state of a kind"

# MiniLM cosine similarity below which no fact is about the claim at all.
SCREEN_MIN_SCORE = 0.40
# Below this similarity no fact says the claim, whatever the judge thinks: a paraphrase of a
# stored fact scores well above it, a new claim on a familiar topic does not.
SUPPORT_MIN_SCORE = 0.55
# Below this similarity no fact is about the claim closely enough to deny it, whatever the
# judge thinks: the 1.5B judge called "My laptop is a ThinkPad" contradicted by "I dislike
# Java" (0.43 to the nearest fact), where nothing is known. Unless the words deny it (step 8).
CONTRADICTION_MIN_SCORE = 0.45
# A sentence this close to a fact restates it, and is checked whole rather than in parts.
RESTATES_MIN_SCORE = 0.90
# A present-tense claim this close to a state that has ended ("I live in Boston" against "I lived
# in Boston" until 2023-07) is contradicted by time, without asking the judge.
ENDED_MIN_SCORE = 0.60
EVIDENCE_PER_CLAIM = 5
# Facts nearest a question among which one that denies its premise is looked for, and how
# near: on the demo questions, the facts denying a question's topic scored 0.42 and more, and
# those sharing only a word with it 0.35 to 0.39 ("What's your apartment number?" and "I do not
# have any pets; our apartment lease does not allow them"; "Do you drink energy drinks?" and "I
# do not drink alcohol."). Chosen on those questions.
DENIAL_CANDIDATES = 8
DENIAL_MIN_SCORE = 0.4
# Chat snippets per claim whose messages can support it, and how close they must be (a long
# message that says the claim among other things scores under 0.5: "Lost my job as a banker
# yesterday, so I'm starting a dance studio." against "I lost my job as a banker", 0.49).
HISTORY_PER_CLAIM = 5
HISTORY_MIN_SCORE = 0.45
# A judge's "supported" on messages needs this share of the claim's words in one snippet it
# cites: the 1.5B judge took Gina's "Can't wait to make more memories at your dance studio!"
# (1 word in 5) for "Gina is very excited about participating in the dance festival"; half
# admits "contemporary is my top pick" for "my favorite style of dance is contemporary".
MESSAGE_WORDS_MIN = 0.5
MAX_CHECKED_CHARS = 20_000
# A fact longer than this is not said in place of a contradicted claim: it would take over the
# reply.
MAX_CORRECTION_CHARS = 160


class Judge(Protocol):
    """Decides a claim against candidate facts."""

    @property
    def name(self) -> str: ...

    def judge(
        self, claim: str, facts: Sequence[Hit], *, as_of: str | None
    ) -> tuple[Verdict, list[str]]: ...


JUDGE_SYSTEM = """\
You check a claim that a person made about themselves against the verified FACTS about that \
person. The facts are complete and true. Decide:
- "supported": the facts state the claim or directly imply it (paraphrases count).
- "contradicted": a fact says the opposite or makes the claim impossible: a negation ("I do \
not have a brother" against "my brother"), a different number, name, place or date, or a fact \
marked "past" that ended while the claim says it is true now.
- "unsupported": the facts are about something else or do not settle it.
A shared topic is not support: "I have a brother" is contradicted by "I have one sister and no \
brothers". Answer with JSON only."""

JUDGE_USER = """\
FACTS:
{facts}

CLAIM: {claim}
{when}
What is the verdict, and which facts decide it?"""

# The verdict comes first: asked for the fact numbers first, Qwen2.5-Coder-1.5B called "I'm taking
# AP CSA" and "my brother and I" supported; verdict first, it flagged all seed cases.
VERDICT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "verdict": {"type": "string", "enum": [v.value for v in Verdict]},
        "facts": {"type": "array", "items": {"type": "integer"}},
    },
    "required": ["verdict", "facts"],
}


def describe_fact(hit: Hit, *, as_of: str | None) -> str:
    """A fact as a judge sees it, with its validity."""
    fact = hit.fact
    if not is_state(fact):
        # Something that happened stays true: it is dated, never "not true now".
        when = fact.valid_from or fact.valid_until
        return f"{fact.text} (on {when})" if when else fact.text
    if as_of is None and has_ended(fact, today()):
        return f"{fact.text} (past: {fact.validity()}; not true now)"
    if fact.valid_from or fact.valid_until:
        return f"{fact.text} ({fact.validity()})"
    return fact.text


def today() -> str:
    """The reference date of a claim with no `as_of`."""
    return date.today().isoformat()


# Reasons a part of a claim sentence is skipped: it is manners, not a claim.
MANNERS = frozenset({"greeting or filler", "pleasantry", NOT_KNOWING_REASON})


def has_ended(fact: Fact, when: str) -> bool:
    """Whether a fact stopped holding before `when`.

    A supersession sets `valid_until`, so a superseded fact still held before that date; one
    with no end date at all counts as ended.
    """
    if fact.valid_until is None:
        return fact.is_superseded
    return end_key(fact.valid_until) < start_key(when)


def holds_at(fact: Fact, when: str) -> bool:
    """Whether a fact holds at some time during `when`."""
    return not has_ended(fact, when) and start_key(fact.valid_from) <= end_key(when)


def known_at(fact: Fact, when: str) -> bool:
    """Whether a fact says something true at `when`: a state that holds then, or an event that
    had happened by then ("I quit piano in 2019" says nothing about 2018)."""
    if is_state(fact):
        return holds_at(fact, when)
    return start_key(fact.valid_from or fact.valid_until) <= end_key(when)


def is_state(fact: Fact) -> bool:
    """A fact that holds over a period (living somewhere), not a dated event (moving)."""
    point = fact.valid_from is not None and fact.valid_from == fact.valid_until
    return fact.kind is not FactKind.EVENT and not point


def out_of_time_match(claim: str, candidates: Sequence[Hit], when: str) -> Hit | None:
    """The state a present-tense claim asserts, when that state does not hold at `when`.

    "I live in Boston" is about now; "I lived in Boston" ended in 2023-07, so time contradicts
    it. A state counts as asserted when it is the closest state to the claim and has ended, or
    when it has every content word of the claim and has ended or not yet begun ("I live in
    Atlanta" as of 2019). A claim in the past tense, or one that denies something,
    is left to the judge.
    """
    if is_past_tense(claim) or is_negated(claim):
        # "I don't eat meat anymore" denies the ended state; it does not assert it.
        return None
    states = [hit for hit in candidates if is_state(hit.fact)]
    asserted = content_stems(claim)
    if any(
        # "I drink energy drinks" in 2024-12: "I drank a lot of energy drinks during exams"
        # held then, though "I quit energy drinks in 2025" has every word too.
        content_stems(claim, past_as_verb=True) <= content_stems(h.fact.text, past_as_verb=True)
        and holds_at(h.fact, when)
        and opposite_polarity(claim, [h.fact]) is None
        for h in states
    ):
        # A state that holds has every word of the claim: "I'm at Georgia Tech" is closest to
        # "I worked at the Georgia Tech library", but "I study at Georgia Tech" holds. Not one
        # that denies it: "I am shy" against "… no longer shy once I know people".
        return None
    # The closest state counts only when it has ended: a state that begins later is often the
    # successor ("I quit piano in 2019"), not the claim itself ("I take piano lessons", 2015).
    if states and states[0].score >= ENDED_MIN_SCORE and has_ended(states[0].fact, when):
        return states[0]
    if len(asserted) < 2:
        return None
    for hit in states:
        covers = asserted <= content_stems(hit.fact.text)
        if covers and hit.score >= SUPPORT_MIN_SCORE and not holds_at(hit.fact, when):
            return hit
    return None


def restated_fact(claim: str, candidates: Sequence[Hit], when: str) -> Hit | None:
    """The fact a claim says again: one sentence of it holds the claim's content words (at
    least two) in the same order, with the same polarity and no one else as its subject, and
    it holds at `when` (or is an event, or the claim is about the past). "I'm a computer
    science student" restates "I'm Lena Park, a computer science student at Georgia Tech in
    Atlanta."; "My middle name is Park" does not restate "My full name is Lena Soo-ah Park;
    Soo-ah is my Korean middle name"; "I like tea" does not restate "My mom likes tea".
    A dated state that holds at `when` says its present even in the past tense: "I drank a lot
    of energy drinks during exams" (2023-09 to 2025-05) says "I drink energy drinks" in 2024-12.
    """
    said = ordered_stems(claim)
    if len(said) < MIN_RESTATED_WORDS:
        return None
    negated, past = is_negated(claim), is_past_tense(claim)
    for hit in candidates:
        fact = hit.fact
        if is_state(fact) and not past and not holds_at(fact, when):
            continue
        # Not an undated one: "I took French in high school" does not say "I take French".
        as_verb = not past and is_state(fact) and bool(fact.valid_from or fact.valid_until)
        claimed = ordered_stems(claim, past_as_verb=True) if as_verb else said
        for sentence in _FACT_CLAUSE.split(fact.text):
            stems = ordered_stems(sentence, past_as_verb=as_verb)
            if is_negated(sentence) == negated and in_order(claimed, stems):
                # "I like green tea" is not restated by "My mom likes green tea".
                before = stems[: stems.index(claimed[0])]
                if _RELATION_STEMS.isdisjoint(before):
                    return hit
    return None


# A fact's sentences and the clauses after a semicolon ("Lena Soo-ah Park; Soo-ah is ...").
_FACT_CLAUSE = re.compile(r"(?<=[.!?;])\s+")
MIN_RESTATED_WORDS = 2
# Someone else as the subject of a fact's sentence ("my mom", "my roommate").
_RELATION_STEMS = frozenset(stem(word) for word in RELATION_WORDS)


def denied_ended_state(claim: str, candidates: Sequence[Hit], when: str) -> Hit | None:
    """The ended state a present-tense denial is true by ("I'm not with Chris anymore" against
    "I dated Chris" until 2023-06; "I don't live in Boston" after moving away): a state that
    has every content word of the claim and has ended at `when`, while no state that still
    holds has them all.
    """
    if not is_negated(claim) or is_past_tense(claim):
        return None
    denied = asserted_stems(claim)
    if not denied:
        return None
    covering = [
        hit for hit in candidates if is_state(hit.fact) and denied <= content_stems(hit.fact.text)
    ]
    if any(holds_at(hit.fact, when) for hit in covering):
        return None
    return next((hit for hit in covering if has_ended(hit.fact, when)), None)


class ChatJudge:
    """The chat model as a judge, with a JSON-schema-constrained verdict."""

    def __init__(self, model: ChatModel) -> None:
        self.model = model

    @property
    def name(self) -> str:
        return f"chat:{self.model.name}"

    def judge(
        self, claim: str, facts: Sequence[Hit], *, as_of: str | None
    ) -> tuple[Verdict, list[str]]:
        listing = "\n".join(
            f"{number}. {describe_fact(hit, as_of=as_of)}" for number, hit in enumerate(facts, 1)
        )
        when = f"(The claim is about {as_of}.)\n" if as_of else ""
        messages = [
            {"role": "system", "content": JUDGE_SYSTEM},
            {"role": "user", "content": JUDGE_USER.format(facts=listing, claim=claim, when=when)},
        ]
        completion = self.model.complete(
            messages, max_tokens=40, temperature=0.0, json_schema=VERDICT_SCHEMA
        )
        try:
            answer = parse_json(completion)
            verdict = Verdict(answer["verdict"])
        except (ModelError, KeyError, ValueError, TypeError):
            # A model that cannot follow the schema has not found support: flag, don't crash.
            return Verdict.UNSUPPORTED, []
        numbers = answer.get("facts") or []
        evidence = [
            facts[n - 1].fact.id for n in numbers if isinstance(n, int) and 1 <= n <= len(facts)
        ]
        return verdict, evidence


class NLIJudge:
    """A sentence-transformers NLI cross-encoder as judge (local path, or a hub name if online).

    Each (fact, claim) pair is scored; an entailing fact supports the claim, a contradicting
    one contradicts it, otherwise it is unsupported.
    """

    def __init__(self, model: str | Path, *, threshold: float = 0.5) -> None:
        self.model_ref = str(model)
        self.threshold = threshold
        self._model: Any = None
        self._labels: list[str] = []

    @property
    def name(self) -> str:
        return f"nli:{Path(self.model_ref).name or self.model_ref}"

    def _load(self) -> Any:
        if self._model is None:
            try:
                from sentence_transformers import CrossEncoder

                self._model = CrossEncoder(self.model_ref, device="cpu")
            except Exception as e:
                raise ModelError(f"cannot load the NLI model {self.model_ref!r}: {e}") from e
            id2label = getattr(self._model.model.config, "id2label", {}) or {}
            self._labels = [str(id2label.get(i, i)).lower() for i in range(len(id2label) or 3)]
        return self._model

    def judge(
        self, claim: str, facts: Sequence[Hit], *, as_of: str | None
    ) -> tuple[Verdict, list[str]]:
        model = self._load()
        pairs = [(describe_fact(hit, as_of=as_of), claim) for hit in facts]
        scores = model.predict(pairs, apply_softmax=True, show_progress_bar=False)
        labels = self._labels or ["contradiction", "entailment", "neutral"]
        best: dict[str, tuple[float, str]] = {}
        for hit, row in zip(facts, scores, strict=True):
            for label, score in zip(labels, row, strict=False):
                key = "entailment" if label.startswith("entail") else label[:6]
                if float(score) > best.get(key, (0.0, ""))[0]:
                    best[key] = (float(score), hit.fact.id)
        contradiction = best.get("contra", (0.0, ""))
        entailment = best.get("entailment", (0.0, ""))
        if contradiction[0] >= self.threshold and contradiction[0] >= entailment[0]:
            return Verdict.CONTRADICTED, [contradiction[1]]
        if entailment[0] >= self.threshold:
            return Verdict.SUPPORTED, [entailment[1]]
        return Verdict.UNSUPPORTED, []


def sentences_in(messages: Sequence[str]) -> list[str]:
    """The sentences of some messages, in order."""
    return [sentence for message in messages for sentence in split_sentences(message)]


def statements_in(messages: Sequence[str]) -> list[str]:
    """The sentences of someone's messages in which they say something about themselves.
    "Winning first place is amazing! What dance were you doing?" says nothing about its writer:
    the 1.5B judge took it for support of the writer's "I won first place"."""
    return [
        sentence
        for sentence in sentences_in(messages)
        if (found := classify(sentence)).is_claim and found.reason.startswith("first person")
    ]


def words_said(claim: str, statements: Sequence[Fact], *, ignore: Collection[str] = ()) -> float:
    """The share of the claim's content words (stemmed, less `ignore`) that `statements` use."""
    wanted = content_stems(claim) - set(ignore)
    if not wanted:
        return 1.0
    said = frozenset().union(*(content_stems(fact.text) for fact in statements))
    return len(wanted & said) / len(wanted)


def words_said_in_one(
    claim: str, statements: Sequence[Fact], *, ignore: Collection[str] = ()
) -> float:
    """`words_said` by the one snippet (statements of one id) that says the most of the claim.
    A snippet tells what it supports: the 1.5B judge supported "Melanie was motivated by her
    own journey and the support she received" with "motivate" from one message of hers,
    "journey" from another and "support" from a third."""
    by_snippet: dict[str, list[Fact]] = {}
    for statement in statements:
        by_snippet.setdefault(statement.id, []).append(statement)
    return max(
        (words_said(claim, told, ignore=ignore) for told in by_snippet.values()), default=0.0
    )


# "my pottery project": up to three words after "my" or "our", to the first function word.
_POSSESSED = re.compile(r"\b(?:my|our)\s+(?=((?:[\w'’-]+\s+){0,2}[\w'’-]+))", re.IGNORECASE)
# Said of anything: "Guitar's mostly my thing" names nothing of the person's.
_ANY_THING = frozenset(stem(word) for word in "thing stuff life time way day lot".split())
# Where the thing's name ends, besides a function word: "my pottery project because …".
_ENDS_A_NAME = frozenset(
    "because since while when after before until though although if like about into over".split()
)


def things_not_named(claim: str, statements: Sequence[Fact]) -> list[str]:
    """What `claim` says is the person's ("my pottery project") that `statements` do not name
    by any of its words. The 1.5B judge supported "I chose to use colors and patterns in my
    pottery project because it reminded me of art and self-expression" with Caroline's "The
    pattern and colors are awesome, it reminds me of art and self-expression", of a bowl a
    friend made her: half of the claim's words, none of them the thing it is about."""
    said = frozenset().union(*(content_stems(fact.text) for fact in statements))
    missing = []
    for found in _POSSESSED.finditer(claim):
        kept = []
        for word in found.group(1).split():
            if word.lower() in FUNCTION_WORDS | _ENDS_A_NAME:
                break
            kept.append(word)
        thing = " ".join(kept)
        wanted = content_stems(thing) - _ANY_THING
        if wanted and wanted.isdisjoint(said):
            missing.append(thing)
    return missing


def messages_as_facts(
    history: Sequence[HistoryHit],
    as_of: str | None,
    about: frozenset[str] = frozenset(),
    *,
    about_self: bool = True,
) -> list[Hit]:
    """What history snippets say about the person and the chat partners whose first names are
    in `about`, as dated statements a judge can read (each an event of the day it was written;
    its id the snippet's): the person's sentences about themselves (with `about_self`) or about
    someone in `about`, and the partners' about themselves ("Gina: I'm after Marley flooring").
    With `as_of`, only what was written by then."""
    found: list[Hit] = []
    for hit in history:
        snippet = hit.snippet
        written = snippet.start.date().isoformat() if snippet.start else None
        if as_of is not None and written is not None and start_key(written) > end_key(as_of):
            continue
        own_names, own = snippet.own_participants(), snippet.own_messages()
        partners = [
            name
            for name in snippet.participants
            if first_name(name) in about and name not in own_names
        ]
        statements = statements_in(own) if about_self else []
        if about:
            # The person's words about a partner, and the partner's about themselves.
            statements += [
                text
                for text in sentences_in(own)
                if about & names_in(text) and classify(text, about).is_claim
            ]
            statements += [
                f"{first_name(name)}: {text}"
                for name in partners
                for text in statements_in(snippet.messages_by([name]))
            ]
        for text in dict.fromkeys(statements):
            statement = Fact(
                id=snippet.id,
                text=text[:MAX_FACT_CHARS],
                kind=FactKind.EVENT,
                valid_from=written,
                valid_until=written,
                source="history",
                verified=False,
            )
            found.append(Hit(fact=statement, score=hit.score))
    return found


@dataclass(frozen=True)
class Biography:
    """What the checker reads from all the facts at once."""

    people: frozenset[str]  # first names of the people in the person's life
    words: frozenset[str]  # every word and date part of the facts, case folded
    uses: Counter[str]  # how many facts use each content word (stemmed)


# A fact that holds at every moment, so it can deny a claim about a particular one.
_ALWAYS = re.compile(r"\b(?:never|always|every day|everyday|daily)\b", re.IGNORECASE)


class GroundingChecker:
    """Checks texts against a clone's store.

    Args:
        store: the clone's facts and history.
        judge: decides claims that pass the embedding screen.
        screen: similarity under which a claim is unsupported without asking the judge.
        support_floor: similarity under which the judge's "supported" becomes "unsupported".
        contradiction_floor: similarity under which the judge's "contradicted" becomes
            "unsupported", unless the words of a fact deny the claim.
        k: candidate facts per claim.
        use_history: also look for the person's own messages that say something close.
        decompose: splits a sentence into atomic claims (rule-based by default; `Clone` uses
            `ChatDecomposer` with its chat model).
    """

    def __init__(
        self,
        store: FactStore,
        judge: Judge,
        *,
        screen: float = SCREEN_MIN_SCORE,
        support_floor: float = SUPPORT_MIN_SCORE,
        contradiction_floor: float = CONTRADICTION_MIN_SCORE,
        k: int = EVIDENCE_PER_CLAIM,
        use_history: bool = True,
        decompose: Callable[[str], list[str]] = atomic_claims,
    ) -> None:
        self.store = store
        self.judge = judge
        self.screen = screen
        self.support_floor = support_floor
        self.contradiction_floor = contradiction_floor
        self.k = k
        self.use_history = use_history
        self.decompose = decompose
        self._biography: tuple[int, Biography] | None = None

    def biography(self) -> Biography:
        """The people and words of the facts (read again when the number of facts changes)."""
        count = self.store.count()
        if self._biography is None or self._biography[0] != count:
            facts = self.store.facts()
            self._biography = (
                count,
                Biography(
                    people_named(f.text for f in facts),
                    frozenset(fact_words(facts)),
                    word_uses(facts),
                ),
            )
        return self._biography[1]

    def check(
        self, text: str, *, as_of: DateLike | None = None, question: str | None = None
    ) -> GroundingReport:
        """Every claim about the person in `text`, with its verdict and evidence.

        `question`: the message `text` answers. A yes or a no that answers a yes/no question
        claims the question's proposition ("Do you play the piano?" "Yes, …" claims "I play
        the piano"), checked first; a reply that starts with only a value claims it as the
        answer ("What's your sister's name?" "Mina." claims "My sister's name is Mina"); a
        past event answering a question about a day or moment happened then ("How was your
        day?" "I went climbing" claims "I went climbing today"); and what a question about
        someone it names takes for granted is checked too (`GroundingReport.premise`), and a
        fact that denies what it takes for granted about the person is found
        (`GroundingReport.denial`: "I have never run a marathon." to "How did your marathon
        go?").
        """
        started = time.perf_counter()
        when = None if as_of is None else normalize_date(as_of)
        truncated = len(text) > MAX_CHECKED_CHARS
        report = GroundingReport(text=text, as_of=when, truncated=truncated, question=question)
        moment = moment_asked(question)
        if question and (answer := leading_answer(question, text)) is not None:
            report.answer = answer.prefix
            sentence = answer.prefix.strip()
            claim = at_moment(answer.claim, moment)  # "Did you sleep well?" "Yes": last night
            report.claims.append(self.check_claim(claim, sentence=sentence, as_of=when))
        # The chat snippets near the question, searched once for its premise and for whom it
        # asks about.
        near_question = self._history_near(question) if question else []
        if question:
            report.premise = self._premise(question, when, near_question)
            report.denial = self._denial(question, when)
        partners = self._chat_partners(text[:MAX_CHECKED_CHARS])
        people = self.biography().people | partners
        # Whom the question asks about: "She made a vase." to "What did Melanie make?" is
        # about Melanie (`asked_about.resolved`).
        asked, asked_partners, asked_self = (
            self._asked_about(question, people, near_question)
            if question
            else (None, frozenset[str](), None)
        )
        asked_set = frozenset[str]() if asked is None else frozenset({asked})
        people |= asked_set
        sentences = split_sentences(text[:MAX_CHECKED_CHARS])
        value = (
            short_answer_claim(question, sentences[0])
            if question and sentences and report.answer is None
            else None
        )
        for index, found in enumerate(classify_text(sentences, people)):
            if index == 0 and value is not None:
                # "Mina" to "What's your sister's name?": "My sister's name is Mina".
                report.claims.append(self.check_claim(value, sentence=found.text, as_of=when))
                continue
            checked, about = found.text, (partners | asked_set) & names_in(found.text)
            if not found.is_claim:
                said = None
                if asked is not None and found.reason == NOT_ABOUT_THE_PERSON:
                    said = resolved(found.text, asked)
                if said is None:
                    report.skipped.append(SkippedSentence(text=found.text, reason=found.reason))
                    continue
                checked, about = said, asked_set
            for claim in map(without_interjection, self._claims_of(checked)):
                part = classify(claim, people)
                if not part.is_claim and part.reason in MANNERS:
                    # "Oh, I'm sorry" split from "but I don't have a brother"
                    report.skipped.append(SkippedSentence(text=claim, reason=part.reason))
                    continue
                report.claims.append(
                    self.check_claim(
                        at_moment(claim, moment), sentence=found.text, as_of=when, about=about
                    )
                )
        if question:
            report.asked_about = asked if asked in asked_partners else None
            if asked_self is not None and not asks_after(question):
                report.asks_person = asked_self
            report.sidesteps = self._sidestepped(report) or self._unanswered(report)
        report.seconds = time.perf_counter() - started
        return report

    def _asked_about(
        self, question: str, people: frozenset[str], near: Sequence[HistoryHit]
    ) -> tuple[str | None, frozenset[str], str | None]:
        """Whom `question` asks about (`premises.asked_of`), the chat partners near it (the
        person not among them), and the person's own name when it is the person the question
        asks about by name ("What did Caroline realize after her charity race?" asked of
        Caroline's clone). Whom it asks about is someone of the facts or the chat, or someone
        the person wrote of ("Where did Oscar hide his bone?" when the person wrote "Oscar, my
        guinea pig"); None for the person. `near`: the chat snippets near `question`."""
        partners, own = self._writers_near(question, near)
        named = {
            name
            for hit in near
            for message in hit.snippet.own_messages()
            for name in names_in(message)
            if name not in NOT_NAMES
        }
        asked = asked_of(question, people | partners | named)
        if asked in own:
            return None, partners - own, asked
        return asked, partners - own, None

    @staticmethod
    def _sidestepped(report: GroundingReport) -> str | None:
        """The chat partner the question asks about when the reply says nothing of them and
        does not say it does not know ("What did Melanie make for a local church?" "I made a
        stained glass window."), or None (`ragclone.asked_about`)."""
        name = report.asked_about
        if name is None or says_something_of(report.text, name):
            return None
        if any(skipped.reason == NOT_KNOWING_REASON for skipped in report.skipped):
            return None
        return name

    @staticmethod
    def _unanswered(report: GroundingReport) -> str | None:
        """The person's own name when the question asks something of them by name
        (`GroundingReport.asks_person`) and the reply claims nothing and does not say it does
        not know ("How did Caroline feel about her family after the accident?" "Family's
        everything.", or a question back): it answers nothing, and goes along with whatever
        the question takes for granted. A question asking after them ("How's Caroline
        doing?") is left alone: small talk answers it."""
        if report.asks_person is None or report.claims:
            return None
        if any(skipped.reason == NOT_KNOWING_REASON for skipped in report.skipped):
            return None
        return report.asks_person

    def _premise(self, question: str, when: str | None, near: Sequence[HistoryHit]) -> Claim | None:
        """What `question` takes for granted about someone it names, checked like a claim
        about them (against their own messages, for a chat partner), or None.

        It is contradicted when time contradicts it, or when nothing supports it of them but
        it is true of another chat partner (the person among them): "What motivated Melanie
        to pursue counseling?" when Caroline did. Otherwise a premise nothing supports is
        unsupported, which declines nothing: read by rules into a rough statement, it is
        unsupported for most questions that have an answer (`ragclone.premises`). `near`: the
        chat snippets near `question`.
        """
        partners, own = self._writers_near(question, near)
        premise = premise_of(question, self.biography().people | partners)
        if premise is None:
            return None
        about = frozenset({premise.name}) & partners
        claim = self.check_claim(premise.claim, sentence=question, as_of=when, about=about)
        if claim.verdict is Verdict.SUPPORTED or claim.judge == BY_VALIDITY:
            return claim
        for other in sorted(partners - {premise.name}):
            if (said_of_other := premise.about(other)) is None:
                continue
            if other in own:
                # Said of the person, in the first person, as all the person's claims are
                # checked: "I start a dance studio" against "… so I'm starting a dance studio".
                said_of_other, other_about = premise.in_first_person(), frozenset[str]()
            else:
                other_about = frozenset({other})
            swapped = self.check_claim(
                said_of_other, sentence=question, as_of=when, about=other_about
            )
            if swapped.verdict is Verdict.SUPPORTED:
                return swapped.model_copy(
                    update={
                        "text": premise.claim,
                        "verdict": Verdict.CONTRADICTED,
                        "judge": f"true of {other}, not {premise.name} ({swapped.judge})",
                        "correction": None,
                    }
                )
        if claim.verdict is Verdict.CONTRADICTED:
            # The judge's "contradicted" of a rough statement is no better than its "supported".
            judge = f"{claim.judge}, contradicted but true of no one else"
            claim = claim.model_copy(
                update={"verdict": Verdict.UNSUPPORTED, "judge": judge, "correction": None}
            )
        return claim

    def _denial(self, question: str, when: str | None) -> str | None:
        """The text of a fact true at `when` (or today) that denies what `question` takes for
        granted about the person (`ragclone.denials`), or None."""
        at = when or today()
        nearest = [
            hit.fact
            for hit in self.store.search(question, k=DENIAL_CANDIDATES, as_of=when)
            if hit.score >= DENIAL_MIN_SCORE and holds_at(hit.fact, at)
        ]
        fact = fact_denying_premise(question, nearest, self.biography().uses)
        return None if fact is None else fact.text

    def _chat_partners(self, text: str) -> frozenset[str]:
        """First names of the people who write in the chat history near `text` (the person's
        own names among them): a sentence about one of them is a claim, checked against what
        they wrote."""
        return self._writers_near(text)[0]

    def _history_near(self, text: str) -> list[HistoryHit]:
        """The chat snippets nearest `text` (none without history)."""
        if not self.use_history or not text.strip() or not self.store.history_count():
            return []
        return self.store.search_history(text, k=HISTORY_PER_CLAIM * 2, names_by_author=False)

    def _writers_near(
        self, text: str, hits: Sequence[HistoryHit] | None = None
    ) -> tuple[frozenset[str], frozenset[str]]:
        """First names of everyone who writes in the chat history near `text` (or in `hits`),
        and of the person among them."""
        if hits is None:
            hits = self._history_near(text)
        everyone = {first_name(name) for hit in hits for name in hit.snippet.participants if name}
        own = {first_name(name) for hit in hits for name in hit.snippet.own_participants()}
        return frozenset(everyone), frozenset(own)

    def _claims_of(self, sentence: str) -> list[str]:
        """Atomic claims of a sentence; the (model) decomposer only for one the screen passes.

        A sentence that restates a fact is checked whole: split, "I never took AP CSA; my high
        school did not offer it" leaves "my high school did not offer it" to be judged alone.
        """
        parts = atomic_claims(sentence)
        if any(classify(part).reason in MANNERS for part in parts):
            # "I'm sorry, but I don't have any information about that": the rule split finds
            # the manners, which a model's rewording of the parts would hide.
            return parts
        model_split = self.decompose is not atomic_claims and is_compound(sentence)
        if len(parts) < 2 and not model_split:
            return parts
        nearest = self.store.search(sentence, k=1)
        if (
            nearest
            and nearest[0].score >= RESTATES_MIN_SCORE
            and negation_count(sentence) == negation_count(nearest[0].fact.text)
        ):
            # Only with the fact's negations: "I've been short-sighted since I was ten, so I
            # don't have any glasses" is close to "I wear glasses; I have been short-sighted
            # since I was ten" and denies half of it, which only its parts show.
            return [sentence.strip().rstrip(".!")]
        if not model_split or not nearest or nearest[0].score < self.screen:
            return parts  # nothing near it: no model call for its parts
        return self.decompose(sentence)

    def _restated(self, claim: str, candidates: Sequence[Hit], as_of: str | None) -> Hit | None:
        """The fact `claim` restates, with nothing the fact lacks ("My Lichess rating is around
        1800" has the words of "My Lichess rapid rating is around 1650", not its number).
        For a claim about another time only a dated fact true then restates it: undated facts
        (the "about" text) would restate "I play chess online" as of 2017, years before it
        began, while "I played the piano" (2013-09 to 2019-06) says "I play the piano" in 2018."""
        if as_of is not None:
            candidates = [
                hit
                for hit in candidates
                if (hit.fact.valid_from or hit.fact.valid_until) and known_at(hit.fact, as_of)
            ]
        restated = restated_fact(claim, candidates, as_of or today())
        if restated is None:
            return None
        words = self.biography().words
        return (
            None if missing_details(claim, biography=words, evidence=[restated.fact]) else restated
        )

    def _said_in_messages(
        self,
        claim: str,
        history: Sequence[HistoryHit],
        as_of: str | None,
        about: frozenset[str],
    ) -> tuple[list[str], str]:
        """The snippets whose messages say `claim`, when no fact does: the person's own
        messages, and those of the chat partners the claim names; or none, and why.

        Someone's own words are evidence about them, weaker than a fact: they are asked only
        for a claim the facts leave unsupported, and only for support (a fact that contradicts
        a claim is not overruled by a message; a message that contradicts one is not asked).
        The other speaker's "I won first place" is no evidence for the person's "I won".
        """
        own_names = {first_name(n) for hit in history for n in hit.snippet.own_participants()}
        about_self = is_first_person(claim) or not about or bool(own_names & about)
        said = messages_as_facts(history, as_of, about, about_self=about_self)
        if not said:
            return [], "none says anything about the people the claim is about"
        verdict, evidence = self.judge.judge(claim, said, as_of=as_of)
        if verdict is not Verdict.SUPPORTED:
            return [], verdict.value
        cited = [hit.fact for hit in said if hit.fact.id in evidence] or [h.fact for h in said]
        names = {stem(name.lower()) for name in (*own_names, *about)}
        share = words_said_in_one(claim, cited, ignore=names)
        if share < MESSAGE_WORDS_MIN:
            return [], f"supported, but with {share:.0%} of the claim's words in one snippet"
        if unnamed := things_not_named(claim, cited):
            return [], f"supported, but they do not name {', '.join(unnamed)}"
        words = self.biography().words | frozenset(fact_words(cited))
        if missing := missing_details(claim, biography=words, evidence=cited):
            return [], f"supported, but not in them: {missing}"
        return list(dict.fromkeys(fact.id for fact in cited)), ""

    def _vetoed(
        self,
        claim: str,
        candidates: Sequence[Hit],
        anytime: Sequence[Hit],
        evidence: list[str],
        as_of: str | None,
        judge: str,
    ) -> tuple[Verdict, list[str], str]:
        """The judge's "supported", unless the words say otherwise (`ragclone.vetoes`): a name,
        number or moment the facts do not have, a fact true at the time with the claim's words
        and the opposite polarity or feeling, or one that says it ended ("I broke up with my
        boyfriend") or began later, a present claim resting only on facts not true then, a past
        event pieced together from several facts, someone else as the subject, a liking no fact
        states ("I had a lot of fun working at Dunkin'"), or a plan no fact looks ahead to ("I'm
        planning to go for a walk on Saturday", on a habit of weekend walks)."""
        facts = [hit.fact for hit in candidates]
        missing = missing_details(claim, biography=self.biography().words, evidence=facts)
        if missing:
            return Verdict.UNSUPPORTED, [], f"{judge}, not in the facts: {missing}"
        when = as_of or today()
        if (denied := self._denied(claim, candidates, anytime, when)) is not None:
            return Verdict.CONTRADICTED, [denied[0].id], f"{judge}, overruled: {denied[1]}"
        # The facts the judge cited are what its "supported" rests on.
        cited = [fact for fact in facts if fact.id in evidence] or facts
        known = [fact for fact in cited if known_at(fact, when)]
        if not known and not is_past_tense(claim):
            # "I am shy" on "I was very shy as a child" alone: the judge read the past as now.
            return Verdict.UNSUPPORTED, [], f"{judge}, overruled: its facts do not hold then"
        if (share := pieced_together(claim, facts)) is not None:
            return (
                Verdict.UNSUPPORTED,
                [],
                f"{judge}, overruled: no fact tells it ({share:.0%} of its words in the closest)",
            )
        if (relation := other_subject(claim, cited)) is not None:
            return (
                Verdict.UNSUPPORTED,
                [],
                f"{judge}, overruled: the facts are not about the {relation}",
            )
        if (others := about_others(claim, cited)) is not None:
            return Verdict.UNSUPPORTED, [], f"{judge}, overruled: the facts are not about {others}"
        if (liked := unstated_feeling(claim, facts)) is not None:
            return Verdict.UNSUPPORTED, [], f"{judge}, overruled: no fact likes {liked!r}"
        if unstated_plan(claim, facts, when):
            return Verdict.UNSUPPORTED, [], f"{judge}, overruled: no fact plans it"
        return Verdict.SUPPORTED, evidence, judge

    def _reconsidered(
        self,
        claim: str,
        candidates: Sequence[Hit],
        anytime: Sequence[Hit],
        verdict: Verdict,
        evidence: list[str],
        as_of: str | None,
        judge: str,
    ) -> tuple[Verdict, list[str], str]:
        """The judge's "contradicted" or "unsupported", unless the words say otherwise: a
        claim about a moment no fact names is unsupported, not contradicted (the judge cannot
        know how the day went: "I had a great day today"), unless a fact it cites holds at
        every moment ("I have never fasted" against "I'm fasting today"); an unsupported claim
        whose words a fact true at the time denies is contradicted ("I am shy" against "… no
        longer shy once I know people")."""
        facts = [hit.fact for hit in candidates]
        if verdict is Verdict.CONTRADICTED:
            missing = missing_details(claim, biography=self.biography().words, evidence=facts)
            cited = [fact for fact in facts if fact.id in evidence]
            if missing.moments and not any(_ALWAYS.search(fact.text) for fact in cited):
                moments = ", ".join(missing.moments)
                return Verdict.UNSUPPORTED, [], f"{judge}, but no fact is about {moments}"
            return verdict, evidence, judge
        denied = self._denied(claim, candidates, anytime, as_of or today())
        if denied is not None:
            return Verdict.CONTRADICTED, [denied[0].id], f"{judge}, overruled: {denied[1]}"
        return verdict, evidence, judge

    @staticmethod
    def _denied(
        claim: str, candidates: Sequence[Hit], anytime: Sequence[Hit], when: str
    ) -> tuple[Fact, str] | None:
        """A fact whose words deny the claim at `when`, with how: among the facts true then
        (opposite polarity, an ending, the opposite feeling), or one saying it began later."""
        known = [hit.fact for hit in candidates if known_at(hit.fact, when)]
        if (denied := denying_fact(claim, known)) is not None:
            return denied
        later = started_later(claim, [hit.fact for hit in anytime], when)
        return None if later is None else (later, "it began later")

    def check_claim(
        self,
        claim: str,
        *,
        sentence: str = "",
        as_of: str | None = None,
        about: frozenset[str] = frozenset(),
    ) -> Claim:
        """The verdict on one claim.

        `about`: first names of chat partners the claim's sentence names; their messages are
        evidence for it beside the person's own (by default only the person's own are).
        """
        vector = self.store.embedder.embed([claim])[0]
        anytime = self.store.search(claim, k=self.k, embedding=vector)
        candidates = (
            anytime
            if as_of is None
            else self.store.search(claim, k=self.k, as_of=as_of, embedding=vector)
        )
        history: list[HistoryHit] = []
        if self.use_history and self.store.history_count():
            history = [
                hit
                for hit in self.store.search_history(
                    claim,
                    k=HISTORY_PER_CLAIM,
                    own_only=not about,
                    embedding=vector,
                    names_by_author=False,
                )
                if hit.score >= HISTORY_MIN_SCORE
            ]
        top = candidates[0].score if candidates else 0.0
        evidence: list[str] = []
        out_of_time = out_of_time_match(claim, anytime, as_of or today())
        if out_of_time is not None:
            verdict, judge = Verdict.CONTRADICTED, BY_VALIDITY
            evidence = [out_of_time.fact.id, *out_of_time.fact.superseded_by]
        elif (ended := denied_ended_state(claim, anytime, as_of or today())) is not None:
            verdict, judge = Verdict.SUPPORTED, BY_VALIDITY
            evidence = [ended.fact.id, *ended.fact.superseded_by]
        elif (restated := self._restated(claim, candidates, as_of)) is not None:
            verdict, judge, evidence = Verdict.SUPPORTED, BY_RESTATING, [restated.fact.id]
        elif (
            settled := settled_by_state(
                claim, [hit.fact for hit in candidates if known_at(hit.fact, as_of or today())]
            )
        ) is not None:
            # "I am not a freshman" on "I am in my fourth year of university".
            verdict = Verdict.SUPPORTED if settled.holds else Verdict.CONTRADICTED
            judge, evidence = BY_STATE, [settled.fact.id]
        elif top < self.screen:
            verdict, judge = Verdict.UNSUPPORTED, "screen"
        else:
            verdict, evidence = self.judge.judge(claim, candidates, as_of=as_of)
            judge = self.judge.name
            if verdict is Verdict.SUPPORTED and top < self.support_floor:
                verdict, evidence = Verdict.UNSUPPORTED, []
                judge = f"{judge}, below the support floor"
            elif verdict is Verdict.SUPPORTED:
                verdict, evidence, judge = self._vetoed(
                    claim, candidates, anytime, evidence, as_of, judge
                )
            else:
                if verdict is Verdict.CONTRADICTED and top < self.contradiction_floor:
                    # Nothing near enough to deny it; `_reconsidered` still reads the words.
                    verdict, evidence = Verdict.UNSUPPORTED, []
                    judge = f"{judge}, contradicted below the contradiction floor"
                verdict, evidence, judge = self._reconsidered(
                    claim, candidates, anytime, verdict, evidence, as_of, judge
                )
        if verdict is Verdict.UNSUPPORTED and history:
            said, why = self._said_in_messages(claim, history, as_of, about)
            if said:
                verdict, evidence = Verdict.SUPPORTED, said
                judge = f"{self.judge.name} on chat messages"
            else:
                judge = f"{judge}; chat messages: {why}"
        correction = (
            self._correction(claim, candidates, anytime, evidence, judge, as_of or today())
            if verdict is Verdict.CONTRADICTED
            else None
        )
        return Claim(
            text=claim,
            sentence=sentence or claim,
            verdict=verdict,
            evidence=evidence,
            score=top,
            judge=judge,
            candidates=candidates,
            history=history,
            correction=correction,
        )

    def _correction(
        self,
        claim: str,
        candidates: Sequence[Hit],
        anytime: Sequence[Hit],
        evidence: Sequence[str],
        judge: str,
        when: str,
    ) -> str | None:
        """What is true instead of a contradicted claim, in the person's words: the fact that
        made it untrue (for a claim time contradicts: "I stopped going to church when I was
        fifteen" for "I go to church every Sunday"), or the one whose words deny it ("My
        favourite programming language is Python, and I like Go too" for "Python and Go are my
        two favourite languages"), when that fact is true at `when`, in the first person and
        short. Not a fact the judge alone cited: the 1.5B judge cites "I use she/her pronouns"
        against "I use the bus"."""
        if judge == BY_VALIDITY:
            facts = []
            for fact_id in reversed(evidence[1:]):  # its successors, the latest first
                try:
                    facts.append(self.store.get(fact_id))
                except FactNotFound:
                    continue  # forgotten since
        else:
            denied = self._denied(claim, candidates, anytime, when)
            facts = [] if denied is None else [denied[0]]
        for fact in facts:
            if (
                fact.source != "history"
                and known_at(fact, when)
                and len(fact.text) <= MAX_CORRECTION_CHARS
                and is_first_person(fact.text)
            ):
                return fact.text
        return None
