"""What a chat turn does with claims the grounding checker flags.

- `off`: no check.
- `annotate`: the reply keeps its text and carries the verdicts.
- `regenerate`: the flagged claims go back to the model with the facts, at most N more times;
  the attempt with the fewest flagged claims wins.
- `strict`: sentences with contradicted claims become an honest "not really" and the fact that
  contradicts them; those with unsupported claims are dropped ("I don't really know" when
  nothing else is left), in the person's casual voice.

Under `strict` and `regenerate`, a draft that recites the turn's instructions is cut where the
recital starts (`without_echoed_instructions`), before it is checked.
"""

from __future__ import annotations

import re
from enum import StrEnum

from ragclone import prompts
from ragclone.answers import YES_WORDS, is_open_question
from ragclone.asked_about import says_something_of
from ragclone.claims import (
    NOT_ABOUT_THE_PERSON,
    NOT_KNOWING_REASON,
    atomic_claims,
    classify,
    content_stems,
    in_order,
    is_negated,
    is_past_tense,
    ordered_stems,
    split_sentences,
    stem,
)
from ragclone.models import BY_RESTATING, BY_VALIDITY, GroundingReport, Verdict, parse_choice


class Policy(StrEnum):
    """How a chat turn treats claims no fact supports."""

    OFF = "off"
    ANNOTATE = "annotate"
    REGENERATE = "regenerate"
    STRICT = "strict"


# Strict by default: on the hallucination benchmark (48 questions, README) it cut the
# hallucination rate of `annotate` by more than two thirds and answered more questions right,
# with every known fact still answered; `annotate` leaves what the checker flags in the text.
DEFAULT_POLICY = Policy.STRICT


def parse_policy(value: Policy | str) -> Policy:
    """The Policy a user wrote, or a ConfigError naming the choices."""
    return parse_choice(Policy, value, "policy")


_AFFIRMATION = re.compile(rf"^(?:oh,? )?(?:{YES_WORDS})[\s!.,]*$", re.IGNORECASE)
# A request asks as a question does: "Tell me a joke." wants an answer, not "Oh, I see."
_REQUEST = re.compile(
    r"^\W*(?:please\s+)?(?:tell|give|show|recommend|suggest|describe|explain|name|list|share"
    r"|teach|entertain)\b",
    re.IGNORECASE,
)


def rewrite_strictly(report: GroundingReport) -> str:
    """The checked text without its flagged claims.

    A sentence with a contradicted claim becomes an honest "not really" when nothing was said
    before it, the message does not ask for a value ("What's your username?" is not answered by
    "not really") and the claim is no denial (a "no" would say a contradicted "I haven't been
    skiing" again), and is dropped otherwise; either way the fact that contradicts it follows,
    when the checker found one to say (`Claim.correction`: "Not really, no. I have never met a
    celebrity."). A sentence with an unsupported claim is dropped. When what the question takes
    for granted is contradicted (`GroundingReport.unfounded_premise`: true of someone else), or
    a question about a chat partner is answered without a word of them
    (`GroundingReport.sidesteps`), the reply is declined, keeping only what in it already
    declines; so is one whose kept sentences no longer say anything of the partner asked about
    (`GroundingReport.asked_about`), and one to a question asking something of the person by
    name whose sentences taking up the question's words were all taken out
    (`GroundingReport.asks_person`: "I love that you found something that makes you happy",
    left of a reply to "Why did Caroline choose colors for her pottery project?"). "I don't
    really know" is added
    when nothing else answers the message: no claim and no "I don't know" is left, and the
    message asked something (after "Thanks for the help!", a kept "You're welcome!" is the
    answer); when a message that asks nothing ("I just got a new job!") leaves nothing at all,
    "Oh, I see." acknowledges it. A yes or no the checker found wrong is taken out of its
    sentence ("Not anymore." for a yes to a state that has ended). A sentence that goes on about
    a dropped one ("It's …", "She …") goes with it. A reply that only declines keeps no
    statement about the world either: around "I don't know" it answers nothing asked and can
    take the question's premise for granted ("Oh, Tokyo! It's a beautiful city …" to "How was
    Tokyo?"); its exclamations stay ("Oh, Tokyo!"). And when a fact denies what the question
    takes for granted about the person (`GroundingReport.denial`), that fact is said in place of
    the decline: "How did your marathon go?" "I have never run a marathon."; a reply that
    rejects that premise in its own words says the fact instead ("I haven't watched Game of
    Thrones yet" promises what "I have never watched "Game of Thrones"" does not). A reply that
    answers otherwise and has nothing flagged is returned as it is. A reply of three inventions
    and one fact keeps the fact and reads naturally, instead of "Not really, no. Hmm, I don't
    really know about that." repeated between them.
    """
    if report.unfounded_premise or report.sidesteps:
        # Whatever it says, the reply answers a question about what did not happen, or one
        # about someone else with what the person did.
        declines = [s for s in split_sentences(report.text) if _says_not_knowing(s)]
        return " ".join(declines) or prompts.ABSTAIN
    claims = list(report.claims)
    answer = claims.pop(0) if report.answer and claims else None
    verdicts: dict[str, Verdict] = {}
    corrections: dict[str, str] = {}
    # Sentences with a contradicted claim that is no denial: "not really" takes it back. Of a
    # contradicted denial ("I haven't been skiing") a "no" would say it again.
    deniable: set[str] = set()
    for claim in claims:
        if claim.flagged and verdicts.get(claim.sentence) is not Verdict.CONTRADICTED:
            verdicts[claim.sentence] = claim.verdict
        if claim.verdict is Verdict.CONTRADICTED and not is_negated(claim.text):
            deniable.add(claim.sentence)
        if claim.correction and claim.verdict is Verdict.CONTRADICTED:
            corrections.setdefault(claim.sentence, claim.correction)
    claiming = {claim.sentence for claim in claims}
    # Each sentence as it will read, and as the checker saw it (for its verdicts).
    sentences = [(sentence, sentence) for sentence in split_sentences(report.text)]
    kept: list[str] = []
    # No "not really" to a question asking for a value.
    denied = report.question is not None and is_open_question(report.question)
    said = answer is not None and not answer.flagged
    answered = said  # something kept answers the message: a yes or no, a claim, a correction
    if answer is not None and answer.flagged and sentences and report.answer:
        # The yes or no itself is wrong ("Do you play the piano?" "Yes, I played …"): it goes,
        # and the rest of its sentence stays, judged on its own claims; unless the rest says
        # what the yes said ("Yes, I still work at Dunkin'"), which goes with it.
        first = sentences[0][1]
        rest = first[len(report.answer.strip()) :].lstrip(" ,!.:;—–-")
        if _says_the_same(rest, answer.text):
            rest = ""
        sentences[0] = (rest[:1].upper() + rest[1:], first)
        if answer.verdict is Verdict.CONTRADICTED and not is_negated(answer.text):
            kept.append(prompts.NO_LONGER if answer.judge == BY_VALIDITY else prompts.DENY)
            denied = said = answered = True
        if answer.correction:
            kept.append(answer.correction)
            said = answered = True
    elif (
        answer is not None
        and report.answer
        and sentences
        and verdicts.get(sentences[0][1]) is Verdict.UNSUPPORTED
    ):
        # "Yes, I go to church." when the yes holds and the rest is unsupported: the yes still
        # answers, alone ("Yes.").
        kept.append(report.answer.strip().rstrip(" ,;:-—–") + ".")
        answered = True
    dropped = False  # the sentence before was taken out
    for shown, sentence in sentences:
        verdict = verdicts.get(sentence)
        if not shown:
            continue
        if verdict is None and dropped and _GOES_ON.match(shown):
            # "It's a delicious and spicy dish that she loves to make." after the dropped "My
            # mom's favourite food is kimchi jjigae": about what was taken out, so out too;
            # even a claim the facts support, which would now be about something else ("It's
            # where I spent my freshman year" after the dropped "I love the Glenn dining hall").
            continue
        dropped = verdict is not None
        if verdict is None:
            kept.append(shown)
            not_knowing = _says_not_knowing(shown)
            said = said or sentence in claiming or not_knowing
            answered = answered or (sentence in claiming and not not_knowing)
        elif verdict is Verdict.CONTRADICTED:
            if not denied and kept and _AFFIRMATION.match(kept[-1]):
                kept.pop()  # "Yes!" before the claim it affirmed
            if not denied and not kept and sentence in deniable:
                # "Not really" answers the message; after something else (even "Hey there!")
                # it would answer nothing, so a later contradicted sentence is only dropped.
                kept.append(prompts.DENY)
                denied = said = answered = True
            if (correction := corrections.get(sentence)) and correction not in kept:
                # What the facts say instead: "I have never met a celebrity."
                kept.append(correction)
                said = answered = True
    asked = (
        report.question is None
        or report.question.rstrip().endswith("?")
        or _REQUEST.match(report.question) is not None
    )
    if not said and asked:
        kept.append(prompts.ABSTAIN)
    elif not said and not kept:
        kept.append(prompts.ACKNOWLEDGE)
    if not answered and any(_says_not_knowing(sentence) for sentence in kept):
        kept = [text for text in map(_without_statements_about_the_world, kept) if text]
        if report.denial:
            kept = [text for text in kept if not _says_not_knowing(text)] + [report.denial]
    elif (in_its_words := _rejection_in_the_denials_words(report, kept)) is not None:
        return in_its_words
    elif report.grounded:
        return report.text
    elif (
        report.asked_about is not None
        and not says_something_of(" ".join(kept), report.asked_about)
        and not any(map(_says_not_knowing, kept))
    ):
        # What is left of a reply to a question about a chat partner says nothing of them:
        # "The window shows time changing our lives" (the person's own window), once the
        # sentences about them are taken out.
        return prompts.ABSTAIN
    elif _took_out_the_answer(report, set(verdicts), kept):
        # "Why did Caroline choose colors and patterns for her pottery project?": with "I
        # chose them for my pottery project …" taken out, "I love that you found something
        # that makes you happy" answers something else.
        return prompts.ABSTAIN
    return " ".join(kept)


def _rejection_in_the_denials_words(report: GroundingReport, kept: list[str]) -> str | None:
    """`kept` with the sentence that rejects the question's premise in the model's words said
    in the words of the fact that denies it (`GroundingReport.denial`), or None when no kept
    sentence does. A model's rewording says more than the fact: "I haven't watched Game of
    Thrones yet" ("yet" promises it), "I didn't learn Spanish in school" (the fact: "I do not
    speak Spanish; I took French in high school …"). The rewording is a denial the checker
    found supported by that fact, not by the fact's own words (`BY_RESTATING`). An "I don't
    know" beside the fact goes (the fact answers), and so does a claim that only repeats it."""
    if report.denial is None:
        return None
    denial_ids = {
        hit.fact.id
        for claim in report.claims
        for hit in claim.candidates
        if hit.fact.text == report.denial
    }
    reworded = {
        claim.sentence
        for claim in report.claims
        if claim.verdict is Verdict.SUPPORTED
        and claim.judge != BY_RESTATING
        and is_negated(claim.text)
        and denial_ids.intersection(claim.evidence)
    }
    if not reworded.intersection(kept):
        return None
    claiming = {claim.sentence for claim in report.claims}
    denied = content_stems(report.denial)
    said: list[str] = []
    for text in kept:
        if text in reworded:
            if report.denial not in said:
                said.append(report.denial)
        elif not _says_not_knowing(text) and not (
            text in claiming and content_stems(text) <= denied
        ):
            said.append(text)
    return " ".join(said)


def _took_out_the_answer(report: GroundingReport, dropped: set[str], kept: list[str]) -> bool:
    """Whether every sentence that takes up the question's words was taken out of the reply:
    some of `dropped` does, none of `kept` does."""
    if report.question is None or report.asks_person is None:
        return False
    asked = content_stems(report.question) - {stem(report.asks_person.lower())}
    return any(asked & content_stems(sentence) for sentence in dropped) and not any(
        asked & content_stems(sentence) for sentence in kept
    )


# A sentence that goes on about the one before it.
_GOES_ON = re.compile(
    r"^(?:it|it's|it’s|its|that|that's|that’s|this|these|those|she|she's|he|he's|they|they're"
    r"|her|his|their|there)\b",
    re.IGNORECASE,
)


# How many words in a row a reply may share with the instructions before it is repeating them:
# "hmm honestly I don't know", an example the model should follow, is five.
ECHO_MIN_WORDS = 7
_WORD = re.compile(r"[a-z0-9']+")


def _word_runs(text: str, n: int) -> set[tuple[str, ...]]:
    found = _WORD.findall(text.lower().replace("’", "'"))
    return {tuple(found[i : i + n]) for i in range(len(found) - n + 1)}


# The instructions of every turn, without what fills them in (name, persona, facts, message).
_INSTRUCTIONS = _word_runs(
    re.sub(r"\{[a-z_]+\}", " | ", " | ".join((prompts.SYSTEM, prompts.TURN, prompts.HISTORY))),
    ECHO_MIN_WORDS,
)


def without_echoed_instructions(text: str) -> str:
    """`text` up to the first sentence that repeats the turn's instructions: a small model
    sometimes recites its system prompt ("Everything true about your life is in the FACTS
    …"), which is no claim about the person for the checker to catch, and no reply."""
    sentences = split_sentences(text)
    for index, sentence in enumerate(sentences):
        if _word_runs(sentence, ECHO_MIN_WORDS) & _INSTRUCTIONS:
            return " ".join(sentences[:index])
    return text


def _says_the_same(sentence: str, claim: str) -> bool:
    """Whether `sentence` says `claim` again: its content words in order, the same polarity
    and tense ("I played the piano" does not say "I play the piano")."""
    said = ordered_stems(claim)
    return (
        bool(said)
        and in_order(said, ordered_stems(sentence))
        and is_negated(sentence) == is_negated(claim)
        and is_past_tense(sentence) == is_past_tense(claim)
    )


def _without_statements_about_the_world(sentence: str) -> str:
    """`sentence` less the parts that state something about the world rather than the person
    ("" for "It's a beautiful city with delicious food."; "I'm not sure which one I like the
    most." for "Python has a lot of great libraries, but I'm not sure which one I like the
    most."). An exclamation is a reaction, not a statement, and stays ("Oh, Tokyo!")."""
    if sentence.rstrip().endswith("!"):
        return sentence
    parts = atomic_claims(sentence)
    kept = [part for part in parts if classify(part).reason != NOT_ABOUT_THE_PERSON]
    if len(kept) == len(parts):
        return sentence
    return " ".join(f"{part[:1].upper()}{part[1:].rstrip(' ,;:')}." for part in kept)


def _says_not_knowing(sentence: str) -> bool:
    """Whether a sentence already declines ("Oh, I'm sorry, but I don't have any information
    about that"): another "I don't really know" after it would repeat it."""
    return any(classify(part).reason == NOT_KNOWING_REASON for part in atomic_claims(sentence))


def feedback(report: GroundingReport) -> str:
    """The message that sends flagged claims back to the model."""
    lines = []
    for claim in report.flagged:
        why = prompts.CONTRADICTED if claim.verdict is Verdict.CONTRADICTED else prompts.UNFOUNDED
        lines.append(f'- "{claim.text}" ({why})')
    return prompts.REGENERATE.format(claims="\n".join(lines))
