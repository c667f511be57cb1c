"""Reordering dense hits by the words they share with the query.

MiniLM similarity alone misses a turn that names the query's rare words ("When did Caroline go
to the LGBTQ support group?"): on the two LoCoMo conversations in ../shared/data it put 45.9% of
the evidence turns in its top 10. Fusing its ranking with a ranking by shared words, each
weighted by how rare it is among the candidates (reciprocal rank fusion), puts 52.2% there, for
about 10 ms more per search (`ragclone bench locomo FILE --retrieval-only`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TypeVar

from ragclone.claims import content_stems

T = TypeVar("T")
# The usual reciprocal-rank-fusion constant: a rank's weight is 1 / (RRF_K + rank).
RRF_K = 60


def lexical_rerank(query: str, hits: Sequence[T], text: Callable[[T], str]) -> list[T]:
    """`hits` (most similar first) reordered by fusing their rank with their rank by the
    query's content words they contain, rarer words among the hits weighing more."""
    terms = content_stems(query)
    if not terms or len(hits) < 2:
        return list(hits)
    words = [content_stems(text(hit)) & terms for hit in hits]
    frequency = Counter(term for found in words for term in found)
    weight = {term: math.log(1 + len(hits) / (1 + frequency[term])) for term in terms}
    lexical = [sum(weight[term] for term in found) for found in words]
    by_words = sorted(range(len(hits)), key=lambda i: -lexical[i])
    lexical_rank = {i: rank for rank, i in enumerate(by_words)}
    fused = [1 / (RRF_K + i) + 1 / (RRF_K + lexical_rank[i]) for i in range(len(hits))]
    return [hits[i] for i in sorted(range(len(hits)), key=lambda i: -fused[i])]
