"""One chat turn: retrieve facts and exemplars, build the prompt within a token budget, generate.

`Conversation` keeps the turns of one chat so follow-up questions work; turns are never written
into the fact store.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ragclone import prompts
from ragclone.chat import ChatModel, Completion
from ragclone.dates import DateLike, normalize_date
from ragclone.errors import ConfigError
from ragclone.grounding import GroundingChecker
from ragclone.models import Claim, Fact, FactKind, HistoryHit, Hit, Reply, Timings, Usage
from ragclone.policy import Policy, feedback, rewrite_strictly, without_echoed_instructions

if TYPE_CHECKING:
    from ragclone.store import FactStore

PERSONA_FACTS = 12
FACTS_PER_TURN = 8
EXEMPLARS_PER_TURN = 3
CONTEXT_PER_TURN = 5
# History snippets this similar to the message are worth showing as context, not just style.
# On LoCoMo, 9 in 10 evidence turns in the top 10 score above 0.45, and half score below 0.55.
CONTEXT_MIN_SCORE = 0.45
MAX_REPLY_TOKENS = 160
# Greedy decoding: the same question gets the same answer, which users and the benchmark expect.
TEMPERATURE = 0.0
DEFAULT_CONTEXT = 4096
_NAME = re.compile(r"\bmy name is ([^.,;!]+)", re.IGNORECASE)


def count_tokens(model: ChatModel, text: str) -> int:
    """Tokens `text` takes: the model's own tokenizer when it has one, else about 3.5 chars each."""
    counter = getattr(model, "count_tokens", None)
    if callable(counter):
        return int(counter(text))
    return len(text) * 2 // 7 + 1


def fact_line(fact: Fact, *, as_of: str | None) -> str:
    """A fact as the prompt shows it: id, text, and when it was true."""
    if fact.is_superseded and as_of is None:
        when = f" (past: {fact.validity()}; no longer true)"
    elif fact.valid_until and as_of is None:
        when = f" (past: {fact.validity()})"
    elif fact.valid_from or fact.valid_until:
        when = f" ({fact.validity()})"
    else:
        when = ""
    return prompts.FACT_LINE.format(id=fact.id, text=fact.text, when=when)


def persona_card(store: FactStore, clone_name: str) -> tuple[str, str]:
    """(the person's name, the identity facts that describe them), from current identity facts."""
    identity = store.facts(kind=FactKind.IDENTITY, include_superseded=False)
    name = clone_name
    for fact in identity:
        match = _NAME.search(fact.text)
        if match:
            name = match.group(1).strip()
            break
    lines = [f"- {fact.text}" for fact in identity if fact.valid_until is None][:PERSONA_FACTS]
    return name, "\n".join(lines) or "- (no identity facts yet)"


def _dated(hit: HistoryHit) -> str:
    snippet = hit.snippet
    when = f"[{snippet.start:%Y-%m-%d}] " if snippet.start else ""
    return f"{when}{snippet.text}"


@dataclass
class TurnInput:
    """Everything a turn's prompt is made of, before fitting it into the budget."""

    message: str
    facts: list[Hit]
    exemplars: list[HistoryHit]
    context: list[HistoryHit]
    as_of: str | None


@dataclass
class Conversation:
    """A chat with a clone that remembers its turns (in memory only, never in the fact store)."""

    store: FactStore
    model: ChatModel
    clone_name: str
    as_of: str | None = None
    checker: GroundingChecker | None = None
    policy: Policy = Policy.OFF
    max_regenerations: int = 2
    turns: list[dict[str, str]] = field(default_factory=list)
    last_reply: Reply | None = None
    _persona: tuple[str, str] | None = None

    def set_as_of(self, as_of: DateLike | None) -> None:
        """Answer as the person was on this date from now on (None: as they are)."""
        self.as_of = None if as_of is None else normalize_date(as_of)

    def _persona_card(self) -> tuple[str, str]:
        if self._persona is None:
            self._persona = persona_card(self.store, self.clone_name)
        return self._persona

    def retrieve(self, message: str) -> TurnInput:
        """The facts and exemplars relevant to `message` (and the previous question)."""
        previous = next((t["content"] for t in reversed(self.turns) if t["role"] == "user"), "")
        query = f"{previous}\n{message}" if previous else message
        vector = self.store.embedder.embed([query[:2000]])[0]
        facts = self.store.search(query, k=FACTS_PER_TURN, as_of=self.as_of, embedding=vector)
        exemplars: list[HistoryHit] = []
        context: list[HistoryHit] = []
        if self.store.history_count():
            # What was said about the message comes first, as dated context (the person's own
            # words included: "I got a temp job" is what they know); style examples are the
            # person's other close messages. Searched with the names as words, not by who wrote
            # (`FactStore.search_history`): lifting the named person's own messages, the clone
            # copied more of them into answers about the other speaker's life (LoCoMo
            # adversarial questions declined: 61 of 71 instead of 64; README, LoCoMo).
            nearest = self.store.search_history(
                query, k=CONTEXT_PER_TURN, embedding=vector, names_by_author=False
            )
            context = [hit for hit in nearest if hit.score >= CONTEXT_MIN_SCORE]
            shown = {hit.snippet.id for hit in context}
            own = self.store.search_history(
                query,
                k=EXEMPLARS_PER_TURN + len(shown),
                own_only=True,
                embedding=vector,
                names_by_author=False,
            )
            exemplars = [hit for hit in own if hit.snippet.id not in shown][:EXEMPLARS_PER_TURN]
        return TurnInput(message, facts, exemplars, context, self.as_of)

    def build(self, turn: TurnInput) -> tuple[list[dict[str, str]], TurnInput, bool]:
        """The messages for the model, fitted to the context: facts are kept before exemplars,
        exemplars before old turns, and an over-long message is cut last."""
        name, persona = self._persona_card()
        system = prompts.SYSTEM.format(name=name, persona=persona)
        window = int(getattr(self.model, "n_ctx", DEFAULT_CONTEXT))
        budget = window - MAX_REPLY_TOKENS - count_tokens(self.model, system) - 64

        context = list(turn.context)

        def render(facts: Sequence[Hit], exemplars: Sequence[HistoryHit], message: str) -> str:
            fact_text = "\n".join(fact_line(h.fact, as_of=turn.as_of) for h in facts)
            examples = "\n".join(f"- {e.snippet.text}" for e in exemplars)
            history = "\n".join(f"- {_dated(h)}" for h in context)
            return prompts.TURN.format(
                facts=fact_text or prompts.NO_FACTS,
                examples=prompts.EXAMPLES.format(examples=examples) if exemplars else "",
                history=prompts.HISTORY.format(history=history) if context else "",
                as_of=prompts.AS_OF.format(as_of=turn.as_of) if turn.as_of else "",
                message=message,
                name=name,
            )

        def tokens(text: str) -> int:
            return count_tokens(self.model, text)

        facts, exemplars, message = list(turn.facts), list(turn.exemplars), turn.message
        # Exemplars go first, then the least relevant facts; the message is cut only if it alone
        # does not fit, and then old turns make room.
        while context and tokens(render(facts, exemplars, message)) > budget:
            context.pop()
        while exemplars and tokens(render(facts, exemplars, message)) > budget:
            exemplars.pop()
        while len(facts) > 1 and tokens(render(facts, exemplars, "")) > budget // 2:
            facts.pop()
        available = budget - tokens(render(facts, exemplars, ""))
        truncated = tokens(message) > available
        while tokens(message) > available and len(message) > 100:
            ratio = min(0.9, available / tokens(message))
            message = message[: int(len(message) * ratio)]
        if truncated:
            message += prompts.TRUNCATED
        user = render(facts, exemplars, message)
        history = list(self.turns)
        while history and tokens(user) + sum(tokens(t["content"]) for t in history) > budget:
            history = history[2:]
        messages = [{"role": "system", "content": system}, *history]
        messages.append({"role": "user", "content": user})
        return messages, TurnInput(message, facts, exemplars, context, turn.as_of), truncated

    def chat(self, message: str, *, stream: bool = False) -> Any:
        """Send `message`; return the `Reply`, or with `stream=True` an iterator of text deltas
        that ends with the `Reply`. The deltas always join to `reply.text`: under `strict` and
        `regenerate`, which may rewrite the draft, the checked text comes as one delta."""
        if not isinstance(message, str) or not message.strip():
            raise ConfigError("the message is empty")
        events = self._run(message.strip(), stream=stream)
        if stream:
            return events
        reply = None
        for event in events:
            if isinstance(event, Reply):
                reply = event
        assert reply is not None
        return reply

    def _run(self, message: str, *, stream: bool) -> Iterator[str | Reply]:
        timings = Timings()
        started = time.perf_counter()
        turn = self.retrieve(message)
        timings.retrieve = time.perf_counter() - started
        started = time.perf_counter()
        messages, used, truncated = self.build(turn)
        timings.prompt = time.perf_counter() - started
        started = time.perf_counter()
        completion: Completion | None = None
        # Under strict and regenerate the draft may be rewritten: the stream is then the
        # checked text, in one piece, rather than a draft the check takes back.
        streams_draft = stream and self.policy in (Policy.OFF, Policy.ANNOTATE)
        if streams_draft:
            for event in self.model.stream(
                messages, max_tokens=MAX_REPLY_TOKENS, temperature=TEMPERATURE
            ):
                if isinstance(event, Completion):
                    completion = event
                else:
                    yield event
        else:
            completion = self.model.complete(
                messages, max_tokens=MAX_REPLY_TOKENS, temperature=TEMPERATURE
            )
        assert completion is not None
        timings.generate = time.perf_counter() - started
        text = completion.text.strip()
        usage = Usage.model_validate(completion.usage.model_dump())
        checked = self._apply_policy(messages, message, text, usage, timings)
        reply = Reply(
            text=checked.text,
            draft=text if checked.text != text else None,
            claims=checked.claims,
            premise=checked.premise,
            policy=self.policy.value,
            attempts=checked.attempts,
            message=message,
            facts=used.facts,
            exemplars=used.exemplars,
            context=used.context,
            as_of=self.as_of,
            model=completion.model,
            usage=usage,
            timings=timings,
            truncated=truncated,
        )
        # The turn history keeps the plain message, not the facts-laden prompt.
        self.turns += [
            {"role": "user", "content": message},
            {"role": "assistant", "content": reply.text},
        ]
        self.last_reply = reply
        if stream and not streams_draft:
            yield reply.text
        yield reply

    def _apply_policy(
        self,
        messages: list[dict[str, str]],
        question: str,
        text: str,
        usage: Usage,
        timings: Timings,
    ) -> Checked:
        if self.policy is Policy.OFF or self.checker is None:
            return Checked(text=text, claims=[], attempts=1)
        started = time.perf_counter()
        if self.policy in (Policy.STRICT, Policy.REGENERATE):
            # A recited system prompt is no reply; what came before it still is.
            text = without_echoed_instructions(text) or prompts.ABSTAIN
        report = self.checker.check(text, as_of=self.as_of, question=question)
        best = Checked(text=text, claims=report.claims, attempts=1, premise=report.premise)
        regenerating = 0.0
        if self.policy is Policy.REGENERATE:
            attempts = 1
            while report.flagged and attempts <= self.max_regenerations:
                retry = [
                    *messages,
                    {"role": "assistant", "content": report.text},
                    {"role": "user", "content": feedback(report)},
                ]
                generate_started = time.perf_counter()
                completion = self.model.complete(
                    retry, max_tokens=MAX_REPLY_TOKENS, temperature=TEMPERATURE
                )
                regenerating += time.perf_counter() - generate_started
                usage.prompt_tokens += completion.usage.prompt_tokens
                usage.completion_tokens += completion.usage.completion_tokens
                attempts += 1
                report = self.checker.check(
                    completion.text.strip(), as_of=self.as_of, question=question
                )
                if len(report.flagged) < len(best.flagged):
                    best = Checked(
                        text=report.text,
                        claims=report.claims,
                        attempts=attempts,
                        premise=report.premise,
                    )
                best.attempts = attempts
        elif self.policy is Policy.STRICT and (not report.grounded or report.denial):
            # A grounded reply changes only when it declines what a fact denies.
            rewritten = rewrite_strictly(report)
            best = Checked(text=rewritten, claims=report.claims, attempts=1, premise=report.premise)
        timings.generate += regenerating
        timings.check = time.perf_counter() - started - regenerating
        return best


@dataclass
class Checked:
    """A reply text after the policy, with the claims checked on the way."""

    text: str
    claims: list[Claim]
    attempts: int
    premise: Claim | None = None

    @property
    def flagged(self) -> list[Claim]:
        return [claim for claim in self.claims if claim.flagged]
