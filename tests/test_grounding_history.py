"""Chat history as evidence: who wrote which message, and what it can support."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from ragclone import Clone, SentenceTransformerEmbedder
from ragclone.chat import LocalChatModel
from ragclone.grounding import (
    messages_as_facts,
    statements_in,
    things_not_named,
    words_said,
    words_said_in_one,
)
from ragclone.models import Fact, HistoryHit, HistorySnippet, Verdict


def _snippet(
    text: str, participants: tuple[str, ...], own: tuple[str, ...] = ("Jon",)
) -> HistorySnippet:
    return HistorySnippet(
        id="h_" + str(abs(hash(text)))[:8],
        text=text,
        conversation_id="c1",
        start=datetime(2023, 1, 20, 16, 4),
        participants=participants,
        own=bool(set(own) & set(participants)),
        own_authors=tuple(p for p in participants if p in own),
    )


CHAT = _snippet(
    "Jon: Lost my job as a banker yesterday.\nSo I'm starting a dance studio.\n"
    "Gina: Sorry Jon! I lost my job at Door Dash too.\nJon: Gina won first place, right? Gina won.",
    ("Jon", "Gina"),
)


def test_messages_are_attributed_to_their_writers_and_multi_line_messages_stay_whole() -> None:
    assert CHAT.own_messages() == [
        "Lost my job as a banker yesterday.\nSo I'm starting a dance studio.",
        "Gina won first place, right? Gina won.",
    ]
    assert CHAT.messages_by(["Gina"]) == ["Sorry Jon! I lost my job at Door Dash too."]


def test_a_snippet_stored_without_own_authors_is_attributed_only_when_written_alone() -> None:
    alone = HistorySnippet(
        id="h1", text="Jon: I dance.", conversation_id="c", participants=("Jon",), own=True
    )
    shared = HistorySnippet(
        id="h2",
        text="Jon: I dance.\nGina: I sew.",
        conversation_id="c",
        participants=("Jon", "Gina"),
        own=True,
    )
    assert alone.own_messages() == ["I dance."]
    assert shared.own_messages() == []


def test_only_what_writers_say_about_themselves_is_a_statement() -> None:
    said = statements_in(
        ["Wow! Winning first place is amazing! What dance were you doing?", "I won too."]
    )
    assert said == ["I won too."]


def test_the_person_s_statements_support_the_person_and_a_partner_s_the_partner() -> None:
    hits = [HistoryHit(snippet=CHAT, score=0.7)]
    about_jon = [hit.fact.text for hit in messages_as_facts(hits, None)]
    assert about_jon == ["Lost my job as a banker yesterday.", "So I'm starting a dance studio."]
    about_gina = [
        hit.fact.text
        for hit in messages_as_facts(hits, None, frozenset({"Gina"}), about_self=False)
    ]
    # Jon's statements naming her (not his question) and her own words about herself.
    assert about_gina == ["Gina won.", "Gina: I lost my job at Door Dash too."]
    statement = messages_as_facts(hits, None)[0].fact
    assert (
        statement.valid_from == "2023-01-20" and not statement.verified and statement.id == CHAT.id
    )


def test_messages_written_after_the_date_asked_about_are_not_evidence() -> None:
    hits = [HistoryHit(snippet=CHAT, score=0.7)]
    assert messages_as_facts(hits, "2022") == []
    assert messages_as_facts(hits, "2023-01")


def test_words_said_is_the_share_of_the_claim_s_content_words_in_the_statements() -> None:
    said = [Fact(text="I'm after Marley flooring for the studio.")]
    assert words_said("I'm looking for Marley flooring", said) == pytest.approx(2 / 3)
    assert words_said("Gina is excited about the dance festival", said, ignore={"gina"}) == 0.0


def test_words_said_in_one_counts_only_the_snippet_that_says_the_most() -> None:
    claim = "Melanie was motivated by her journey and the support of her family"
    said = [
        Fact(id="h1", text="Melanie: My family motivates me."),
        Fact(id="h2", text="Melanie: Thanks for letting me join your journey."),
        Fact(id="h3", text="Melanie: They're my biggest support."),
    ]
    assert words_said(claim, said, ignore={"melani"}) == pytest.approx(4 / 5)
    assert words_said_in_one(claim, said, ignore={"melani"}) == pytest.approx(2 / 5)
    # Two sentences of one snippet are one telling.
    said.append(Fact(id="h1", text="Melanie: It's been a journey."))
    assert words_said_in_one(claim, said, ignore={"melani"}) == pytest.approx(3 / 5)
    assert words_said_in_one(claim, []) == 0.0


def test_things_not_named_are_what_the_claim_says_is_the_person_s_that_no_message_names() -> None:
    # Caroline's words, of a bowl a friend made her; the claim makes it her pottery project.
    said = [Fact(id="h1", text="Caroline: The pattern and colors remind me of self-expression.")]
    claim = "I chose the colors in my pottery project because it reminded me of self-expression"
    assert things_not_named(claim, said) == ["pottery project"]
    # One of its words is enough; a thing said of anything names nothing.
    assert things_not_named("I love my colorful patterns", said) == []
    assert things_not_named("Self-expression is my thing", said) == []
    assert things_not_named("I love my dog and our garden", said) == ["dog", "garden"]
    assert things_not_named("I made it myself", said) == []


@pytest.fixture(scope="module")
def chat_clone(
    tmp_path_factory: pytest.TempPathFactory,
    embedder: SentenceTransformerEmbedder,
    default_gguf: Path,
) -> Iterator[Clone]:
    """A clone with no facts but its name, and a chat with a friend as its history."""
    home = tmp_path_factory.mktemp("chat-history")
    rows = [
        ("Gina", "2023-01-20T16:04", "Hey Jon! How's it going?"),
        (
            "Jon",
            "2023-01-20T16:05",
            "Lost my job as a banker yesterday, so I'm starting a dance studio.",
        ),
        (
            "Gina",
            "2023-01-20T16:06",
            "I lost my job at Door Dash this month, so I'm opening an online clothing store.",
        ),
        (
            "Jon",
            "2023-01-20T16:07",
            "Wow! Your team won first place at a regionals dance competition? Amazing!",
        ),
        (
            "Gina",
            "2023-01-20T16:08",
            "My team won first place at a regionals dance competition in high school.",
        ),
    ]
    export = home / "chat.jsonl"
    export.write_text(
        "".join(json.dumps({"author": a, "timestamp": t, "text": x}) + "\n" for a, t, x in rows),
        encoding="utf-8",
    )
    with Clone("jon", home=home, embedder=embedder) as clone:
        clone.ingest(export, me="Jon", snippet_messages=1)
        clone.remember("My name is Jon.", kind="identity")
        clone.chat_model = LocalChatModel(default_gguf, threads=2)
        yield clone


@pytest.mark.slow
def test_the_person_s_own_message_supports_a_claim_no_fact_makes(chat_clone: Clone) -> None:
    [claim] = chat_clone.check("I lost my job as a banker.").claims
    assert claim.verdict is Verdict.SUPPORTED, claim
    assert "chat messages" in claim.judge and claim.evidence


@pytest.mark.slow
def test_the_other_speaker_s_message_does_not_support_the_person(chat_clone: Clone) -> None:
    # LoCoMo's adversarial questions: the clone takes the other speaker's life as its own.
    # Gina's messages are close (listed in `history`); they are not Jon's.
    [claim] = chat_clone.check("My team won first place at a regionals dance competition.").claims
    assert claim.flagged and claim.history and "chat messages" in claim.judge, claim
    [claim] = chat_clone.check("Jon lost his job at Door Dash.").claims
    assert claim.flagged and claim.history and "chat messages" in claim.judge, claim


@pytest.mark.slow
def test_a_claim_about_a_chat_partner_is_checked_against_what_they_wrote(chat_clone: Clone) -> None:
    [claim] = chat_clone.check("Gina lost her job at Door Dash.").claims
    assert claim.verdict is Verdict.SUPPORTED, claim
    [claim] = chat_clone.check("Gina lost her job as a banker.").claims
    assert claim.flagged, claim


@pytest.mark.slow
def test_a_question_about_a_partner_is_checked_for_what_it_takes_for_granted(
    chat_clone: Clone,
) -> None:
    # LoCoMo's adversarial questions: it was Jon who started a dance studio, not Gina.
    report = chat_clone.check("So exciting!", question="Why did Gina start a dance studio?")
    assert report.premise is not None and report.unfounded_premise, report.premise
    assert "true of Jon" in report.premise.judge, report.premise
    report = chat_clone.check("So exciting!", question="Why did Gina open an online store?")
    assert report.premise is not None and not report.unfounded_premise, report.premise
    # True of no one: unsupported, which a premise read by rules is for many a fair question.
    report = chat_clone.check("So exciting!", question="Why did Gina adopt a parrot?")
    assert report.premise is not None and report.premise.verdict is Verdict.UNSUPPORTED
    assert not report.unfounded_premise


@pytest.mark.slow
def test_a_question_about_a_partner_answered_with_the_person_s_own_life_sidesteps(
    chat_clone: Clone,
) -> None:
    # LoCoMo's adversarial questions: the draft is true of Jon and answers a question about Gina.
    question = "What did Gina do after she lost her job?"
    report = chat_clone.check("I started a dance studio.", question=question)
    assert report.asked_about == "Gina", report
    assert report.sidesteps == "Gina" and not report.grounded, report
    report = chat_clone.check("Thanks, Gina! I started a dance studio.", question=question)
    assert report.sidesteps == "Gina", report
    report = chat_clone.check("She opened an online clothing store.", question=question)
    assert report.sidesteps is None, report
    report = chat_clone.check("Hmm, I don't really know.", question=question)
    assert report.sidesteps is None, report
    # A question about the person is no question about a partner.
    report = chat_clone.check("I started a dance studio.", question="What did you do next?")
    assert report.asked_about is None and report.sidesteps is None, report


@pytest.mark.slow
def test_she_in_a_reply_to_a_question_about_a_partner_is_that_partner(chat_clone: Clone) -> None:
    question = "What did Gina do after she lost her job?"
    report = chat_clone.check("She opened an online clothing store.", question=question)
    [claim] = report.claims
    assert claim.text.startswith("Gina opened") and claim.verdict is Verdict.SUPPORTED, claim
    # Jon's life under her name: unchecked before, now flagged.
    [claim] = chat_clone.check("She started a dance studio.", question=question).claims
    assert claim.text.startswith("Gina started") and claim.flagged, claim


@pytest.mark.slow
def test_a_question_asking_something_of_the_person_by_name_answered_with_nothing_is_unanswered(
    chat_clone: Clone,
) -> None:
    # LoCoMo's adversarial questions name the person too: "How did Caroline feel about her
    # family after the accident?" (there was no accident) answered "Family's everything."
    question = "How did Jon feel about his family after the accident?"
    report = chat_clone.check("Family's everything.", question=question)
    assert report.asks_person == "Jon", report
    assert report.sidesteps == "Jon" and not report.grounded, report
    report = chat_clone.check("What do you love most about your family?", question=question)
    assert report.sidesteps == "Jon", report
    report = chat_clone.check("Hmm, I don't really know.", question=question)
    assert report.sidesteps is None, report
    # A claim answers, whatever its verdict: the checker judges it.
    report = chat_clone.check("I lost my job as a banker.", question=question)
    assert report.sidesteps is None and report.claims, report
    # Asking after him is small talk; asked as "you", the claims of the reply are what count.
    report = chat_clone.check("Great, thanks!", question="How's Jon doing?")
    assert report.asks_person is None and report.sidesteps is None, report
    report = chat_clone.check("Family's everything.", question="How did you feel after that?")
    assert report.sidesteps is None, report


@pytest.mark.slow
def test_asking_after_something_of_the_person_takes_for_granted_they_have_it(
    chat_clone: Clone,
) -> None:
    # "How is Jon's store doing?" asked of Jon's clone: the store is Gina's.
    report = chat_clone.check("Oh, it's doing great!", question="How is Jon's store doing?")
    assert report.premise is not None and report.unfounded_premise, report.premise
    assert "true of Gina" in report.premise.judge, report.premise
    # Gina's store is hers; a studio is no one's but Jon's.
    report = chat_clone.check("Oh, it's doing great!", question="How is Gina's store doing?")
    assert report.premise is not None and not report.unfounded_premise, report.premise
    report = chat_clone.check("It's going well!", question="How is Jon's dance studio going?")
    assert report.premise is not None and not report.unfounded_premise, report.premise
