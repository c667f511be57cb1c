from ragclone.details import (
    at_moment,
    fact_words,
    missing_details,
    moment_asked,
    names_and_numbers,
)
from ragclone.models import Fact

CHESS = Fact(text="I play chess on Lichess; my rating is about 1,650.", kind="habit")
WEDDING = Fact(
    text="My sister Mina married her partner Jae.",
    kind="event",
    valid_from="2025-10-18",
    valid_until="2025-10-18",
)
BIOGRAPHY = fact_words([CHESS, WEDDING, Fact(text="I study CS at Georgia Tech.")])


def test_names_are_capitalised_words_after_the_first_and_numbers_lose_their_format() -> None:
    assert names_and_numbers("Honestly my Lichess rating is 1,650 since the 3rd") == (
        ["Lichess"],
        ["1650", "3"],
    )


def test_an_age_is_left_to_the_judge() -> None:
    assert names_and_numbers("I'm 21 and I have 300 hours in it, LOL") == ([], ["300"])


def test_fact_dates_count_as_the_facts_words() -> None:
    assert {"2025", "october", "18"} <= fact_words([WEDDING])


def test_a_claim_whose_details_are_in_the_facts_misses_nothing() -> None:
    for claim in (
        "My Lichess rating is about 1650",
        "My sister Mina married Jae in October 2025",
        "Mina's wedding was on the 18th",
        "I'm a CS student at Georgia Tech",
    ):
        assert not missing_details(claim, biography=BIOGRAPHY, evidence=[CHESS, WEDDING]), claim


def test_an_invented_name_or_number_is_missing() -> None:
    missing = missing_details(
        "My Lichess username is LenaSoo-ahPark", biography=BIOGRAPHY, evidence=[CHESS]
    )
    assert missing.names == ("LenaSoo-ahPark",) and str(missing) == "LenaSoo-ahPark"
    missing = missing_details("My rating is 1800", biography=BIOGRAPHY, evidence=[CHESS])
    assert missing.numbers == ("1800",)
    # a number must be in the claim's own evidence, not anywhere in the biography
    missing = missing_details("My rating is 2025", biography=BIOGRAPHY, evidence=[CHESS])
    assert missing.numbers == ("2025",)


def test_a_quoted_title_the_evidence_does_not_have_is_missing() -> None:
    mitski = Fact(text="My favourite musician is Mitski.")
    stardew = Fact(text='I play "Stardew Valley" and have over 300 hours in it.')
    # each word of the title is common, and in this biography
    words = fact_words([mitski, stardew, Fact(text="The last time I saw my sister was in May.")])
    claim = 'Mitski\'s "The Last Time" is my favourite song'
    assert missing_details(claim, biography=words, evidence=[mitski]).names == ("The Last Time",)
    for claim in ('I love "Stardew Valley"', "I play “stardew valley!”", 'I said "ok" to it'):
        assert not missing_details(claim, biography=words, evidence=[stardew]), claim


def test_an_acronym_of_a_name_in_the_facts_is_not_missing() -> None:
    words = fact_words([Fact(text="I never took AP Computer Science A at Boston Latin Academy.")])
    for claim in ("I never took AP CSA", "I went to BLA"):
        assert not missing_details(claim, biography=words, evidence=[]), claim
    assert missing_details("I took APUSH", biography=words, evidence=[]).names == ("APUSH",)


def test_a_moment_the_evidence_does_not_have_is_missing() -> None:
    latte = Fact(text="My usual coffee order is an oat milk latte.", kind="preference")
    missing = missing_details(
        "I had an oat milk latte for breakfast today", biography=BIOGRAPHY, evidence=[latte]
    )
    assert missing.moments == ("today",) and str(missing) == "today"
    assert missing_details(
        "I had kimchi jjigae last night", biography=BIOGRAPHY, evidence=[latte]
    ).moments == ("last night",)
    assert not missing_details(
        "I usually get an oat milk latte", biography=BIOGRAPHY, evidence=[latte]
    )
    today = Fact(text="I had bibimbap for lunch today.", kind="event")
    assert not missing_details("I had bibimbap today", biography=BIOGRAPHY, evidence=[today])


def test_a_question_about_a_day_names_its_moment() -> None:
    assert moment_asked("How was your day?") == "today"
    assert moment_asked("What did you do last night?") == "last night"
    assert moment_asked("how was ur weekend") is None  # no "your": not guessed
    assert moment_asked("How was your weekend?") == "this weekend"
    assert moment_asked("What's your typical day like?") is None
    assert moment_asked("Did you sleep well?") == "last night"
    assert moment_asked("Did you have a good day?") == "today"
    assert moment_asked("Did you sleep in a tent as a kid?") is None  # not last night
    assert moment_asked("Do you sleep well?") is None  # a habit
    assert moment_asked("What do you study?") is None
    assert moment_asked("What are you up to right now?") == "today"
    assert moment_asked("What are you doing?") == "today"
    assert moment_asked("What are you doing after graduation?") is None
    assert moment_asked("What are you studying?") is None
    assert moment_asked(None) is None


def test_a_past_event_answering_it_happened_then() -> None:
    assert (
        at_moment("I spent a lot of time playing chess online.", "today")
        == "I spent a lot of time playing chess online today"
    )
    assert at_moment("I had a great day", "today") == "I had a great day today"
    # A habit, a past with its own time, a moment of its own, or the present: unchanged.
    for claim in (
        "I wrote in my journal every night before bed",
        "I moved to Atlanta in 2023",
        "I played the piano as a kid",
        "I went climbing yesterday",
        "I'm excited to start the semester",
    ):
        assert at_moment(claim, "today") == claim
    assert at_moment("I went climbing", None) == "I went climbing"


def test_what_the_person_is_doing_answering_it_is_done_then() -> None:
    # A pastime is not what the person is doing now.
    assert (
        at_moment("I'm up to playing chess online, knitting, and reading", "today")
        == "I'm up to playing chess online, knitting, and reading today"
    )
    assert at_moment("I am just relaxing.", "today") == "I am just relaxing today"
    # A denial, a habit, a plan with its date, a feeling: unchanged.
    for claim in (
        "I'm not doing anything",
        "I'm usually knitting in the evening",
        "I'm starting my job in July 2027",
        "I'm excited to start the semester",
    ):
        assert at_moment(claim, "today") == claim
