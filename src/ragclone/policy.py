"""What a chat turn does with claims the grounding checker flags.

- `off`: no check.
- `annotate`: the reply keeps its text and carries the verdicts.
- `regenerate`: the flagged claims go back to the model with the facts, at most N more times;
  the attempt with the fewest flagged claims wins.
- `strict`: sentences with flagged claims are replaced by an honest "not really" (contradicted)
  or "I don't really know" (unsupported), in the person's casual voice.
"""

from __future__ import annotations

from enum import StrEnum

from ragclone import prompts
from ragclone.claims import split_sentences
from ragclone.models import GroundingReport, Verdict, parse_choice


class Policy(StrEnum):
    """How a chat turn treats claims no fact supports."""

    OFF = "off"
    ANNOTATE = "annotate"
    REGENERATE = "regenerate"
    STRICT = "strict"


# Annotate until the judge is accurate enough to rewrite answers: with the default 1.5B judge,
# `strict` replaced correct answers ("I study computer science at Georgia Tech in Atlanta" judged
# contradicted) in 2 of 3 real-model chat tests. The hallucination benchmark (48 questions,
# README) scored `strict` best (accuracy 70.8% vs 62.5%, hallucination 16.7% vs 35.4%) with the
# checker before its last fix; switch once a run with the current checker confirms it.
DEFAULT_POLICY = Policy.ANNOTATE


def parse_policy(value: Policy | str) -> Policy:
    """The Policy a user wrote, or a ConfigError naming the choices."""
    return parse_choice(Policy, value, "policy")


def rewrite_strictly(report: GroundingReport) -> str:
    """The checked text with every sentence holding a flagged claim replaced by a decline."""
    verdicts: dict[str, Verdict] = {}
    for claim in report.claims:
        if claim.flagged and verdicts.get(claim.sentence) is not Verdict.CONTRADICTED:
            verdicts[claim.sentence] = claim.verdict
    kept: list[str] = []
    for sentence in split_sentences(report.text):
        verdict = verdicts.get(sentence)
        if verdict is None:
            replacement = sentence
        elif verdict is Verdict.CONTRADICTED:
            replacement = prompts.DENY
        else:
            replacement = prompts.ABSTAIN
        if not kept or kept[-1] != replacement:
            kept.append(replacement)
    return " ".join(kept) if kept else prompts.ABSTAIN


def feedback(report: GroundingReport) -> str:
    """The message that sends flagged claims back to the model."""
    lines = []
    for claim in report.flagged:
        why = prompts.CONTRADICTED if claim.verdict is Verdict.CONTRADICTED else prompts.UNFOUNDED
        lines.append(f'- "{claim.text}" ({why})')
    return prompts.REGENERATE.format(claims="\n".join(lines))
