"""The fact that denies what a question takes for granted about the person."""

from ragclone.denials import fact_denying_premise, word_uses
from ragclone.models import Fact

FACTS = [
    Fact(text="I have never run a marathon.", kind="other"),
    Fact(text="I do not have a brother.", kind="relationship"),
    Fact(text="I have never been married and I am not engaged.", kind="relationship"),
    Fact(text="I quit piano lessons in 2019 and I no longer play the piano.", kind="event"),
    Fact(text="I played the piano and took weekly lessons.", kind="habit"),
    Fact(text="I go for long walks on the Atlanta BeltLine on weekends.", kind="habit"),
    Fact(text="I go home to Boston for Christmas every year.", kind="habit"),
    Fact(text="I do not go to church anymore.", kind="habit"),
    Fact(text="I go to bed around 2 am.", kind="habit"),
    Fact(text="I do not like horror films.", kind="preference"),
    Fact(text="My sister Mina married her partner Jae in October 2025.", kind="event"),
]
USES = word_uses(FACTS)


def denial(question: str, nearest: list[Fact] = FACTS) -> str | None:
    fact = fact_denying_premise(question, nearest, USES)
    return None if fact is None else fact.text


def test_a_denial_of_the_question_topic_is_found() -> None:
    assert denial("How did your marathon go?") == "I have never run a marathon."
    assert denial("How's your brother doing?") == "I do not have a brother."
    assert denial("How long have you been married?") == FACTS[2].text


def test_a_shared_common_word_is_no_topic() -> None:
    # "go" is in four facts: the marathon denial is not about going anywhere.
    assert USES["go"] > 3
    assert denial("Where did you go last weekend?") is None


def test_only_a_denial_denies() -> None:
    assert denial("How did your marathon go?", nearest=FACTS[4:]) is None


def test_a_question_about_someone_else_is_not_denied_by_a_fact_about_the_person() -> None:
    # "I have never been married" is no answer to a question about the sister.
    assert denial("When did your sister get married?") is None
    assert denial("How's your brother doing?", nearest=[FACTS[0]]) is None


def test_a_dislike_denies_nothing() -> None:
    assert denial("What's your favourite film?") is None


def test_a_denial_of_the_present_does_not_deny_the_past() -> None:
    assert denial("What was your piano teacher's name?") is None
    assert denial("Do you play the piano?") == FACTS[3].text
