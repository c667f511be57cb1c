"""Reordering hits by the query's words: pure logic."""

from __future__ import annotations

from ragclone.rerank import lexical_rerank


def test_a_hit_with_the_querys_rare_words_moves_up() -> None:
    hits = [f"Caroline: painting session {n} with the kids." for n in range(10)]
    hits.insert(8, "Caroline: I went to the LGBTQ support group yesterday.")
    ranked = lexical_rerank("When did Caroline go to the LGBTQ support group?", hits, str)
    # ninth by embedding, first by words: fused, fifth (1/(60+8) + 1/60 beats 1/(60+4) + 1/(60+5))
    assert ranked.index(hits[8]) == 4
    assert sorted(ranked) == sorted(hits)
    # the dense order decides among hits that share the same words
    assert [h for h in ranked if h != hits[8]] == [h for h in hits if h != hits[8]]


def test_without_shared_words_the_order_is_kept() -> None:
    hits = ["alpha beta", "gamma delta", "epsilon"]
    assert lexical_rerank("zeta eta", hits, str) == hits
    assert lexical_rerank("", hits, str) == hits
    assert lexical_rerank("alpha", hits[:1], str) == hits[:1]
