"""Splitting a compound sentence into atomic claims with the chat model (JSON-schema output).

The rule-based splitter in `claims.py` cuts at conjunctions that start a new clause; it cannot
rebuild an elided subject ("I have a sister and play chess" → "I play chess"). The chat model
can, so a compound sentence goes to it; its answer is used only if every claim it returns stays
within the sentence's own words, and the rules decide otherwise. Simple sentences never reach
the model.
"""

from __future__ import annotations

import re
from typing import Any

from ragclone.chat import ChatModel, parse_json
from ragclone.claims import atomic_claims, content_stems
from ragclone.errors import ModelError

MAX_CLAIMS = 6
# Only sentences with a joining word and enough words to hold two claims are sent to the model.
_COMPOUND = re.compile(r"\b(and|but|while|whereas|though|although|plus|also|so)\b|[,;]", re.I)
MIN_WORDS = 7

DECOMPOSE_SYSTEM = """\
Split a sentence a person said about themselves into its separate claims. Each claim is one \
short, complete sentence in the first person that says one thing, using only the sentence's own \
words and meaning; repeat the subject where the sentence left it out. Do not add, explain or \
drop anything. A sentence that says one thing stays one claim. Answer with JSON only.

SENTENCE: I have a sister and we both play chess.
{"claims": ["I have a sister.", "My sister and I both play chess."]}

SENTENCE: I moved to Denver in 2019, work at a bakery and love it.
{"claims": ["I moved to Denver in 2019.", "I work at a bakery.", "I love working at a bakery."]}

SENTENCE: I like tea and coffee.
{"claims": ["I like tea and coffee."]}"""

CLAIMS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "claims": {
            "type": "array",
            "items": {"type": "string"},
            "minItems": 1,
            "maxItems": MAX_CLAIMS,
        }
    },
    "required": ["claims"],
}


def is_compound(sentence: str) -> bool:
    """Whether a sentence may hold more than one claim."""
    return len(sentence.split()) >= MIN_WORDS and bool(_COMPOUND.search(sentence))


class ChatDecomposer:
    """Atomic claims of a sentence from the chat model, checked against the sentence."""

    def __init__(self, model: ChatModel) -> None:
        self.model = model

    def __call__(self, sentence: str) -> list[str]:
        """The claims of `sentence`: the model's split when it is faithful, else the rules'."""
        fallback = atomic_claims(sentence)
        if not is_compound(sentence):
            return fallback
        messages = [
            {"role": "system", "content": DECOMPOSE_SYSTEM},
            {"role": "user", "content": f"SENTENCE: {sentence}"},
        ]
        try:
            completion = self.model.complete(
                messages, max_tokens=160, temperature=0.0, json_schema=CLAIMS_SCHEMA
            )
            claims = [str(c).strip().rstrip(".!") for c in parse_json(completion)["claims"]]
        except (ModelError, KeyError, TypeError):
            return fallback
        claims = [c for c in claims if c]
        return claims if claims and faithful(claims, sentence) else fallback


def faithful(claims: list[str], sentence: str) -> bool:
    """Every claim uses (almost) only the sentence's words, and together they cover it."""
    source = content_stems(sentence)
    used: set[str] = set()
    for claim in claims:
        stems = content_stems(claim)
        if len(stems - source) > 1:  # one new word is allowed: a repeated subject ("sister")
            return False
        used |= stems
    return len(source - used) <= max(1, len(source) // 4)
