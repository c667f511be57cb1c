"""Ordering a pool of history snippets: pure logic, snippets and similarities written here."""

from __future__ import annotations

from datetime import datetime

from ragclone.history_ranking import (
    AUTHOR_BONUS,
    DATED_BONUS,
    MEANING_WEIGHT,
    NAMED_BONUS,
    PoolEntry,
    named_author,
    named_participants,
    query_terms,
    rank_pool,
    without_names,
    word_scores,
)
from ragclone.models import HistorySnippet


def entry(
    text: str,
    similarity: float,
    place: int | None = None,
    conv: str = "c1",
    when: datetime | None = None,
) -> PoolEntry:
    author = text.split(":", 1)[0]
    snippet = HistorySnippet(
        id=f"h{place}{text[:12]}",
        text=text,
        conversation_id=conv,
        start=when,
        end=when,
        participants=(author,),
        own=author == "Lena",
        place=place,
    )
    return PoolEntry(snippet=snippet, similarity=similarity)


def texts(ranked: list[PoolEntry]) -> list[str]:
    return [e.snippet.text for e in ranked]


def test_question_words_are_not_search_terms() -> None:
    assert query_terms("When did Caroline go to the LGBTQ support group?") == {
        "go",
        "carolin",
        "lgbtq",
        "support",
        "group",
    }


def test_a_rarer_shared_word_weighs_more() -> None:
    scores = word_scores(
        frozenset({"support", "group"}),
        ["Lena: the support group", "Lena: a group chat", "Lena: group dinner", "Lena: hi"],
    )
    assert scores[0] > scores[1] == scores[2] > scores[3] == 0.0
    assert word_scores(frozenset(), ["Lena: anything"]) == [0.0]


def test_shared_rare_words_lift_a_less_similar_snippet() -> None:
    pool = [
        entry("Mina: my kids and work keep me busy", 0.50),
        entry("Lena: I went to a LGBTQ support group yesterday", 0.42),
    ]
    assert texts(rank_pool("When did Lena go to the LGBTQ support group?", pool))[0] == (
        "Lena: I went to a LGBTQ support group yesterday"
    )
    # without the words, meaning decides
    assert (
        texts(rank_pool("something else entirely", pool))[0]
        == "Mina: my kids and work keep me busy"
    )


def test_an_answer_is_lifted_by_the_question_before_it() -> None:
    question = entry("Mina: did you go to the pottery class?", 0.60, place=3)
    answer = entry("Lena: yes, on Sunday! I made a bowl", 0.30, place=4)
    elsewhere = entry("Lena: I made a cake", 0.33, place=9)
    ranked = rank_pool("what did you make", [question, elsewhere, answer])
    assert texts(ranked).index(answer.snippet.text) < texts(ranked).index(elsewhere.snippet.text)
    # a snippet of another conversation at the next place is no neighbour
    stranger = entry("Lena: yes, on Sunday! I made a bowl", 0.30, place=4, conv="c2")
    ranked = rank_pool("what did you make", [question, elsewhere, stranger])
    assert texts(ranked)[1] == "Lena: I made a cake"


def test_the_one_person_named_gets_a_bonus_and_two_named_get_none() -> None:
    pool = [entry("Mina: we painted a sunrise", 0.5), entry("Lena: we painted a sunrise", 0.5)]
    assert named_author("When did Lena's family paint?", pool) == "lena"
    assert texts(rank_pool("When did Lena paint?", pool))[0].startswith("Lena:")
    assert texts(rank_pool("When did Mina paint?", pool))[0].startswith("Mina:")
    assert named_author("What did Lena and Mina paint?", pool) is None
    both = rank_pool("What did Lena and Mina paint?", pool)
    assert texts(both) == texts(pool)  # ties keep the pool's order
    # it stands for the name the query's meaning no longer holds, and is no filter: a message
    # of the other speaker closer by 0.25 still comes first
    assert NAMED_BONUS < AUTHOR_BONUS < MEANING_WEIGHT * 0.25
    closer = [entry("Mina: we painted a sunrise", 0.75), entry("Lena: a cup of tea", 0.5)]
    assert texts(rank_pool("When did Lena paint a sunrise?", closer))[0].startswith("Mina:")


def test_a_named_speaker_is_matched_by_who_wrote_not_by_who_is_addressed() -> None:
    pool = [
        entry("Caroline: Thanks, Melanie! Running sounds great, Melanie.", 0.5),
        entry("Melanie: I've been running farther, it's great.", 0.5),
    ]
    assert named_participants("Does Melanie like running?", pool) == {"melanie"}
    # "Melanie" said twice in Caroline's message is no word match for the question about her
    assert texts(rank_pool("Does Melanie like running?", pool))[0].startswith("Melanie:")
    assert texts(rank_pool("Does Caroline like running?", pool))[0].startswith("Caroline:")


def test_the_query_is_embedded_without_the_people_it_names() -> None:
    people = frozenset({"melanie", "caroline"})
    assert without_names("What does Melanie do to destress?", people) == (
        "What does do to destress?"
    )
    assert without_names("What do Melanie's kids like?", people) == "What do their kids like?"
    assert without_names("What have Caroline and Melanie both painted?", people) == (
        "What have both painted?"
    )
    assert without_names("Did Melanie, Caroline and Jon go?", people) == "Did Jon go?"
    # a name inside another word stays, and so does a query that would say nothing without it
    assert without_names("Did Melanies come?", people) == "Did Melanies come?"
    assert without_names("How's Melanie?", people) == "How's Melanie?"
    assert without_names("Anything new?", frozenset()) == "Anything new?"


def test_whats_and_hows_are_question_words() -> None:
    assert query_terms("What's Lena's cat called? How's work?") == {"lena", "cat", "call", "work"}


def test_a_snippet_written_on_the_day_the_query_names_is_lifted() -> None:
    earlier = entry("Mina: look at my new painting!", 0.50, when=datetime(2023, 8, 2, 14, 0))
    that_day = entry("Mina: here's the painting I did", 0.45, when=datetime(2023, 10, 13, 9, 30))
    pool = [earlier, that_day]
    dated = rank_pool("What painting did Mina show on October 13, 2023?", pool)
    assert texts(dated)[0] == that_day.snippet.text
    # the same question without the date: meaning decides
    assert texts(rank_pool("What painting did Mina show?", pool))[0] == earlier.snippet.text
    # a month without a year is that month of any year; another day of it is no match
    assert texts(rank_pool("What painting did Mina show in October?", pool))[0] == (
        that_day.snippet.text
    )
    assert texts(rank_pool("What painting did Mina show on October 12, 2023?", pool))[0] == (
        earlier.snippet.text
    )
    # an undated snippet (a store written before timestamps) is ranked as before
    undated = entry("Mina: here's the painting I did", 0.45)
    assert texts(rank_pool("What painting on October 13, 2023?", [earlier, undated]))[0] == (
        earlier.snippet.text
    )
    assert DATED_BONUS <= 0.1  # lifts the snippets of that day among close ones, not a filter


def test_an_empty_pool_ranks_to_nothing() -> None:
    assert rank_pool("anything", []) == []
