"""The scoring judge's rules (no model), and how it reads a judge model's verdicts."""

from __future__ import annotations

import pytest

from ragclone import prompts
from ragclone.bench.judge import AnswerJudge, is_decline, matches_answer, matches_forbidden, tokens
from ragclone.bench.questions import Category, Question
from ragclone.errors import ModelError
from ragclone.models import Fact
from tests.conftest import ScriptedChatModel

FACTS = [
    Fact(id="f1", text="I have exactly one sibling, an older sister named Mina."),
    Fact(id="f2", text="I do not have a brother."),
    Fact(id="f3", text="I live in Atlanta, Georgia.", valid_from="2023-08"),
    Fact(id="f4", text="I am vegetarian."),
]


def question(category: str, **gold: object) -> Question:
    return Question.model_validate({"id": "q", "question": "?", "category": category, **gold})


def test_words_ignore_case_accents_articles_and_spell_out_negation() -> None:
    assert tokens("I don't have a brother") == tokens("i do not have the brother")
    assert tokens("Tomás") == tokens("tomas")
    assert tokens("never") == tokens("no") == ["not"]
    assert "3.7" in tokens("My GPA is 3.7.")


@pytest.mark.parametrize(
    ("gold", "sentence", "expected"),
    [
        ("Mina", "My sister is Mina.", True),
        ("not have a brother", "Oh, I'm sorry, but I don't have a brother.", True),
        ("no brother", "I have no brother, just Mina.", True),
        ("vegetarian", "I'm vegetarian since 2022.", True),
        ("vegetarian", "I'm not vegetarian.", False),
        ("quit", "No, I quit piano in 2019.", True),  # a leading "No," is not a negation
        ("yes", "Yes, I'm seeing someone.", True),
        ("yes", "No, I'm not seeing anyone.", False),
        ("oat milk latte", "Usually a latte with oat milk.", True),
        ("Boston Latin Academy", "I went to Boston Latin.", False),
    ],
)
def test_gold_answers_match_by_words_and_polarity(gold: str, sentence: str, expected: bool) -> None:
    assert matches_answer(gold, sentence) is expected


@pytest.mark.parametrize(
    ("claim", "sentence", "expected"),
    [
        ("i live in boston", "I live in Boston.", True),
        ("i live in boston", "I don't live in Boston anymore.", False),
        ("i live in boston", "I grew up in Boston but live in Atlanta now.", False),
        ("my brother is", "My brother is doing great!", True),
        ("my brother is", "Is my brother there?", False),
        ("i am terrified", "I'm terrified of it.", True),
        ("i do not wear glasses", "I don't wear glasses.", True),
    ],
)
def test_forbidden_claims_match_in_order_with_polarity(
    claim: str, sentence: str, expected: bool
) -> None:
    assert matches_forbidden(claim, sentence) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hmm, I don't really know about that.", True),
        ("I'm not sure about my blood type.", True),
        ("No idea, honestly!", True),
        ("I can't remember what I got.", True),
        ("I don't have a favourite Mitski song, I love them all.", True),
        ("I don't drink alcohol.", False),
        ("My blood type is O.", False),
        ("I know a lot about chess.", False),
    ],
)
def test_declines_are_recognised(text: str, expected: bool) -> None:
    assert is_decline(text) is expected


def test_rules_score_each_category_and_leave_open_sentences_unverified() -> None:
    judge = AnswerJudge(FACTS, model=None)
    known = judge.judge(question("known", answers=["Mina"]), "My sister is Mina.")
    assert known.correct and not known.hallucinated and known.matched == "Mina"
    assert known.unverified == []  # every content word is in one fact: settled by rule

    invented = judge.judge(
        question("known", answers=["Mina"]), "My sister Mina is a nurse in Ohio."
    )
    assert invented.correct and invented.unverified == ["My sister Mina is a nurse in Ohio"]

    premise = question("false_premise", answers=["not have a brother"], forbidden=["my brother is"])
    rejected = judge.judge(premise, "I don't have a brother.")
    assert rejected.correct and not rejected.hallucinated
    played_along = judge.judge(premise, "My brother is great, thanks!")
    assert not played_along.correct and played_along.hallucinated
    assert played_along.forbidden == ["my brother is"]

    unknown = question("unknown")
    assert judge.judge(unknown, "Hmm, I don't really know about that.").correct
    guessed = judge.judge(unknown, "My blood type is O.")
    assert not guessed.correct and not guessed.declined and guessed.unverified

    chit = judge.judge(question("chitchat"), "Hey! I'm doing well, thanks! How about you?")
    assert chit.correct and not chit.unverified  # a pleasantry and a question claim nothing
    for says_nothing in ("Hi! Long time no see!", "Oh, let's play a game.", prompts.ACKNOWLEDGE):
        assert not judge.judge(question("chitchat"), says_nothing).unverified, says_nothing
    assert judge.judge(question("chitchat"), "I play a game every day.").unverified

    updated = question("updated", answers=["Atlanta"], forbidden=["i live in boston"])
    assert not judge.judge(updated, "I live in Boston.").correct


def test_the_model_settles_open_sentences_and_a_skipped_one_counts_against() -> None:
    model = ScriptedChatModel(
        '{"verdicts": [{"n": 1, "fact": 2, "verdict": "not_supported"},'
        ' {"n": 2, "fact": 0, "verdict": "no_claim"}]}',
        '{"verdicts": []}',
        # "supported", citing a fact that shares no word with the claim: not grounded
        '{"verdicts": [{"n": 1, "fact": 1, "verdict": "supported"}]}',
        '{"verdicts": [{"n": 1, "fact": 1, "verdict": "supported"}]}',
        "not json",
    )
    judge = AnswerJudge(FACTS, model=model)
    unknown = question("unknown")
    verdict = judge.judge(unknown, "My brother's blood type is O. I love my sister, I think.")
    assert verdict.hallucinated and verdict.unsupported == ["My brother's blood type is O"]
    assert verdict.model_calls == 1
    again = judge.judge(unknown, "My brother's blood type is O. I love my sister, I think.")
    assert again.unsupported == verdict.unsupported and again.model_calls == 0
    prompt = model.calls[0][1]["content"]
    assert "1. My brother's blood type is O\n2. I love my sister, I think" in prompt
    assert "I do not have a brother." in prompt and "I am vegetarian." not in prompt
    assert judge.judge(unknown, "I wear a size 7.").unsupported == ["I wear a size 7"]
    assert judge.judge(unknown, "I own a blue bike.").unsupported == ["I own a blue bike"]
    assert judge.judge(unknown, "My sister Mina visits a lot.").unsupported == []
    with pytest.raises(ModelError, match="no verdicts"):
        judge.judge(unknown, "My shoe size is 7.")


def test_reference_facts_are_the_ones_sharing_most_words() -> None:
    judge = AnswerJudge(FACTS, model=None, references=2)
    chosen = judge.reference_facts(question("known", answers=["Atlanta"]), ["I live in Atlanta"])
    assert chosen[0].id == "f3"
    named = question("known", answers=["x"], facts=["f4"])
    assert judge.reference_facts(named, [])[0].id == "f4"


def test_category_answerable() -> None:
    assert {c for c in Category if c.answerable} == {
        Category.KNOWN,
        Category.AS_OF,
        Category.UPDATED,
    }


def test_a_recombination_of_fact_words_is_not_a_restatement() -> None:
    name = "My full name is Lena Soo-ah Park; Soo-ah is my Korean middle name."
    facts = [Fact(id="n", text=name)]
    judge = AnswerJudge(facts, model=None)
    unknown = question("unknown")
    assert judge.judge(unknown, "My full name is Lena Park.").unverified == []
    recombined = "My Korean middle name is Park"
    assert judge.judge(unknown, recombined + ".").unverified == [recombined]


def test_numbers_count_and_declines_neither_answer_nor_hide_a_claim() -> None:
    judge = AnswerJudge([*FACTS, Fact(id="age", text="I am 21 years old.")], model=None)
    assert judge.judge(question("known", answers=["21"]), "I'm 25 years old.").unverified
    assert not judge.judge(question("known", answers=["21"]), "I am 21 years old.").unverified
    salary = judge.judge(
        question("unknown"), "I'm not sure about the salary, but my salary is $50,000 a year."
    )
    assert salary.declined and salary.unverified == ["my salary is $50,000 a year"]
    piano = judge.judge(question("updated", answers=["not play"]), "I don't know if I play it.")
    assert piano.declined and not piano.correct  # a decline holds "not play" and answers nothing
    bare = judge.judge(question("updated", answers=["no"]), "Not really, no.")
    assert bare.correct and not bare.unverified
    scared = question("updated", answers=["not scared"])
    scared = scared.model_copy(update={"question": "Are you scared of public speaking?"})
    assert not judge.judge(scared, "No, I'm not scared of public speaking.").unverified
    assert judge.judge(scared, "No, I'm not scared of public speaking at HackGT.").unverified
    sorry = judge.judge(
        question("false_premise", answers=["not have a brother"]),
        "Oh, I'm sorry, but I don't have a brother.",
    )
    assert sorry.correct and not sorry.unverified


def test_a_past_sentence_does_not_make_a_present_forbidden_claim() -> None:
    assert not matches_forbidden("i play the piano", "I played the piano and took lessons.")
    assert matches_forbidden("i played the piano", "I played the piano and took lessons.")
    assert matches_forbidden("i play the piano", "I play the piano every day.")


def test_a_yes_states_the_question() -> None:
    judge = AnswerJudge(FACTS, model=None)
    piano = question("updated", answers=["not play"], forbidden=["i play the piano"])
    piano = piano.model_copy(update={"question": "Do you play the piano?"})
    said = judge.judge(piano, "Yes, I played the piano as a kid.")
    assert said.forbidden == ["i play the piano"] and said.hallucinated
    assert not judge.judge(piano, "I played the piano as a kid.").forbidden


def test_each_conjunct_restating_a_fact_is_a_restatement_and_time_counts() -> None:
    facts = [
        *FACTS,
        Fact(id="f5", text="I like thrift shopping for sweaters."),
        Fact(id="f6", text="I am loyal to my friends."),
        Fact(id="f7", text="I lived in Boston with my family.", valid_until="2023-07"),
    ]
    judge = AnswerJudge(facts, model=None)
    chat = question("chitchat")
    both = "I am loyal to my friends and like thrift shopping for sweaters."
    assert not judge.judge(chat, both).unverified
    invented = "I am loyal to my friends and like thrift shopping for shoes."
    assert judge.judge(chat, invented).unverified
    # "I live in Boston" is not restated by a state that ended; as of 2020 it is.
    assert judge.judge(chat, "I live in Boston.").unverified
    assert not judge.judge(
        chat.model_copy(update={"as_of": "2020"}), "I live in Boston."
    ).unverified
    assert not judge.judge(chat, "I don't have a brother at all.").unverified


def test_a_conjunct_with_no_verb_of_its_own_shares_the_first_ones() -> None:
    facts = [
        Fact(id="w", text="My favourite board game is Wingspan."),
        Fact(id="c", text="I spend my free time playing chess online.", kind="habit"),
        Fact(id="h", text="I do not like horror films."),
    ]
    judge = AnswerJudge(facts, model=None)
    chat = question("chitchat")
    assert not judge.judge(chat, "I do love board games and chess.").unverified
    # The denial is shared too: no fact says she does not like chess.
    assert judge.judge(chat, "I don't like horror films and chess.").unverified
    # Each conjunct must restate a fact with the shared verb: no fact likes knitting.
    assert judge.judge(chat, "I do love board games and knitting.").unverified
    # The verb is not shared with a conjunct that has its own subject.
    assert judge.judge(chat, "I do love board games and it is chess.").unverified


def test_an_irregular_past_reads_as_its_verb() -> None:
    facts = [
        Fact(id="ap", text="I never took AP Computer Science A; my high school did not offer it."),
        Fact(id="p", text="I took piano lessons.", valid_from="2013", valid_until="2019"),
    ]
    judge = AnswerJudge(facts, model=None)
    premise = question("false_premise", answers=["not take"])
    assert tokens("took") == tokens("take") and tokens("went") == tokens("go")
    assert not judge.judge(premise, "Oh, I didn't take AP Computer Science A.").unverified
    assert judge.judge(premise, "I took AP Computer Science A.").unverified  # polarity counts
    assert judge.judge(question("chitchat"), "I take piano lessons.").unverified  # it ended


def test_a_second_word_for_a_relation_reads_as_the_first() -> None:
    facts = [Fact(id="m", text="My mother, Grace Park, is a pharmacist in Boston.")]
    judge = AnswerJudge(facts, model=None)
    job = question("known", answers=["pharmacist"])
    assert tokens("mom") == tokens("mother") and tokens("dad") != tokens("mother")
    assert not judge.judge(job, "My mom is a pharmacist in Boston.").unverified
    assert judge.judge(job, "My dad is a pharmacist in Boston.").unverified  # another person


def test_a_liking_is_restated_by_a_fact_that_likes_the_same_thing() -> None:
    facts = [
        Fact(id="s", text="My favourite season is autumn."),
        Fact(id="g", text="I am competitive, especially at board games.", kind="trait"),
        Fact(id="c", text="I hate cilantro; it tastes like soap to me."),
    ]
    judge = AnswerJudge(facts, model=None)
    season = question("known", answers=["autumn"])
    assert not judge.judge(season, "Oh, I love autumn!").unverified
    assert judge.judge(season, "I love winter.").unverified  # another season
    assert judge.judge(season, "I don't love autumn.").unverified  # polarity counts
    chitchat = question("chitchat")
    assert judge.judge(chitchat, "I love board games.").unverified  # competitive is no liking
    assert judge.judge(chitchat, "I love cilantro.").unverified  # "like soap" is no liking


def test_a_liking_of_a_pastime_the_person_has_is_restated() -> None:
    facts = [
        Fact(id="f", text="I spend my free time playing chess online, knitting and reading."),
        Fact(id="h", text="I went to the hospital in 2019.", kind="event"),
        Fact(id="p", text="I took piano lessons.", valid_from="2013", valid_until="2019"),
        Fact(id="d", text="I do not drink coffee."),
    ]
    judge = AnswerJudge(facts, model=None)
    chitchat = question("chitchat")
    assert not judge.judge(chitchat, "I love playing chess online!").unverified
    assert judge.judge(chitchat, "I love the hospital.").unverified  # an event is no pastime
    assert judge.judge(chitchat, "I love piano lessons.").unverified  # it ended
    assert judge.judge(chitchat, "I love coffee.").unverified


def test_a_facts_dates_are_among_its_words() -> None:
    started = Fact(
        id="i",
        text="I started my internship at Brightline Health.",
        valid_from="2025-05",
        valid_until="2025-05",
    )
    judge = AnswerJudge([started], model=None)
    where = question("known", answers=["Brightline"])
    said = "I started my internship at Brightline Health"
    assert not judge.judge(where, f"{said} in 2025.").unverified
    assert not judge.judge(where, f"{said} in May 2025.").unverified
    assert judge.judge(where, f"{said} in 2024.").unverified  # another year
    assert judge.judge(where, f"{said} in June 2025.").unverified  # another month


def test_a_clause_after_a_semicolon_has_its_own_polarity() -> None:
    car = Fact(id="c", text="I do not own a car; I take MARTA and walk.")
    judge = AnswerJudge([car, Fact(id="g", text="I have not applied to graduate school.")], None)
    premise = question("false_premise", answers=["not own a car"])
    for said in ("I take MARTA and walk.", "I don't own a car.", "I only know that I walk."):
        assert not judge.judge(premise, said).unverified, said
    assert judge.judge(premise, "I don't take MARTA.").unverified
    assert not judge.judge(premise, "I did not apply to graduate school.").unverified  # applied


def test_a_known_place_with_its_region_is_the_place() -> None:
    facts = [
        Fact(id="b", text="I was born in Boston, Massachusetts."),
        Fact(id="l", text="I lived in Boston with my family.", valid_until="2023-07"),
    ]
    judge = AnswerJudge(facts, model=None)
    in_2019 = question("as_of", answers=["Boston"], as_of="2019")
    assert not judge.judge(in_2019, "I live in Boston, Massachusetts.").unverified
    # A region no fact writes with the place is a claim to judge.
    assert judge.judge(in_2019, "I live in Boston, Lincolnshire.").unverified


def test_restatements_the_word_order_rule_used_to_miss() -> None:
    facts = [
        Fact(id="q", text="I quit piano lessons in 2019 and I no longer play the piano."),
        Fact(
            id="d",
            text="My family had a dog, a shiba inu called Bori, who died.",
            valid_from="2012",
            valid_until="2021-05",
        ),
        Fact(
            id="s",
            text="I went to Boston Latin Academy for middle and high school.",
            valid_from="2017-09",
            valid_until="2023-06",
        ),
    ]
    judge = AnswerJudge(facts, model=None)

    def settled(answer: str, as_of: str | None = None) -> bool:
        asked = question("chitchat", as_of=as_of) if as_of else question("chitchat")
        return not judge.judge(asked, answer).unverified

    # A fact of two statements, one a denial, says each.
    assert settled("I quit piano lessons in 2019 and I no longer play the piano.")
    assert settled("I no longer play the piano.")
    assert not settled("I no longer play piano lessons in 2019.")
    # A name said to be something, written the other way round in the fact.
    assert settled("Oh, Bori was a shiba inu.")
    assert not settled("Bori was a golden retriever.")
    # The denial of a state that has ended.
    assert settled("I'm not in high school anymore.")
    assert not settled("I'm not in high school anymore.", as_of="2020")
    assert not settled("I didn't go to high school.")


def test_spelling_emphasis_relative_pronouns_and_too_are_no_new_content() -> None:
    facts = [
        Fact(id="s", text='I watched "Severance" and it is my favourite TV show.', kind="media"),
        Fact(id="k", text='I read "Klara and the Sun" and found it sad but beautiful.'),
        Fact(id="w", text="My favourite board game is Wingspan.", kind="preference"),
    ]
    judge = AnswerJudge(facts, model=None)
    chitchat = question("chitchat")

    def settled(answer: str) -> bool:
        return not judge.judge(chitchat, answer).unverified

    assert settled('I watched "Severance" and it\'s my absolute favorite TV show.')
    assert settled('I read "Klara and the Sun", which I found sad but beautiful.')
    assert settled("I love Wingspan too!")
    assert not settled('I watched "Severance" and it\'s my least favorite TV show.')
    assert not settled('I read "Klara and the Sun", which I found funny.')
    assert not settled("I love Catan too!")
