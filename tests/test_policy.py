"""Policies for flagged claims, with a scripted model playing both speaker and judge."""

import pytest

from ragclone import Clone, prompts
from ragclone.errors import ConfigError
from ragclone.grounding import CONTRADICTION_MIN_SCORE
from ragclone.models import BY_RESTATING, BY_VALIDITY, Claim, Fact, GroundingReport, Hit, Verdict
from ragclone.policy import rewrite_strictly, without_echoed_instructions
from tests.conftest import ScriptedChatModel

SUPPORTED = '{"facts": [1], "verdict": "supported"}'
CONTRADICTED = '{"facts": [1], "verdict": "contradicted"}'


def test_strict_replaces_flagged_sentences_and_keeps_supported_ones(lena: Clone) -> None:
    lena.chat_model = ScriptedChatModel(
        "I play soccer on weekends. I study computer science.", CONTRADICTED, SUPPORTED
    )
    reply = lena.chat("Do you play any sports?", policy="strict")
    assert reply.text == "Not really, no. I study computer science."
    assert reply.draft == "I play soccer on weekends. I study computer science."
    assert [c.verdict for c in reply.claims] == [Verdict.CONTRADICTED, Verdict.SUPPORTED]
    assert reply.claims[0].evidence and reply.timings.check > 0
    assert lena.conversation().policy.value == "strict"  # the default


def test_a_stream_under_strict_is_the_checked_text_not_the_draft(lena: Clone) -> None:
    lena.chat_model = ScriptedChatModel(
        "I play soccer on weekends. I study computer science.", CONTRADICTED, SUPPORTED
    )
    events = list(lena.conversation(policy="strict").chat("Do you play any sports?", stream=True))
    *deltas, reply = events
    assert deltas == ["Not really, no. I study computer science."] == [reply.text]


def test_strict_says_the_fact_whose_words_deny_a_claim(lena: Clone) -> None:
    lena.chat_model = ScriptedChatModel("I play soccer. I study computer science.", CONTRADICTED)
    reply = lena.chat("Do you play any sports?", policy="strict")
    assert reply.text == "Not really, no. I do not play soccer. I study computer science."
    assert reply.claims[0].correction == "I do not play soccer."
    # A fact only the judge cites is no correction: its words need not deny the claim.
    lena.chat_model = ScriptedChatModel("I play soccer on weekends.", CONTRADICTED)
    reply = lena.chat("Do you play any sports?", policy="strict")
    assert reply.claims[0].correction is None and reply.text == "Not really, no."


def test_a_contradiction_no_fact_is_near_is_unsupported_and_not_denied(lena: Clone) -> None:
    # The 1.5B judge called "My laptop is a ThinkPad" contradicted by "I dislike Java".
    lena.chat_model = ScriptedChatModel("My laptop is a ThinkPad.", CONTRADICTED)
    reply = lena.chat("What laptop do you have?", policy="strict")
    [claim] = reply.claims
    assert lena.checker.screen <= claim.score < CONTRADICTION_MIN_SCORE
    assert claim.verdict is Verdict.UNSUPPORTED and "contradiction floor" in claim.judge
    assert reply.text == prompts.ABSTAIN  # not "Not really, no.", which nothing supports


def test_a_no_the_judge_contradicts_is_not_said_again(lena: Clone) -> None:
    # The 1.5B judge contradicted "I haven't been skiing" with "I have never run a marathon".
    lena.chat_model = ScriptedChatModel("No, I haven't been skiing.", CONTRADICTED, CONTRADICTED)
    reply = lena.chat("Have you ever been skiing?", policy="strict")
    assert [c.verdict for c in reply.claims] == [Verdict.CONTRADICTED] * 2
    assert reply.text == prompts.ABSTAIN  # not "Not really, no."


def test_a_claim_a_later_fact_made_untrue_is_corrected_by_that_fact(lena: Clone) -> None:
    lena.chat_model = ScriptedChatModel()  # time decides: no judge call
    report = lena.check("I go to a Korean Presbyterian church with my family every Sunday.")
    [claim] = report.claims
    assert claim.verdict is Verdict.CONTRADICTED and claim.judge == BY_VALIDITY
    assert claim.correction == "I stopped going to church when I was fifteen."
    report = lena.check("I went to a Korean Presbyterian church every Sunday as a kid.")
    assert [c.correction for c in report.claims] == [None]  # true then: nothing to correct


def test_an_unrelated_claim_is_screened_out_without_the_judge(lena: Clone) -> None:
    model = ScriptedChatModel("Quantum chromodynamics explains gluon confinement, I think.")
    lena.chat_model = model
    reply = lena.chat("Tell me something", policy="annotate")
    [claim] = reply.claims
    assert claim.verdict is Verdict.UNSUPPORTED and claim.judge == "screen"
    assert len(model.calls) == 1  # only the answer; no judge call
    assert reply.text == reply.claims[0].sentence  # annotate keeps the text


def test_regenerate_feeds_flagged_claims_back(lena: Clone) -> None:
    model = ScriptedChatModel(
        "I play soccer on weekends.", CONTRADICTED, "No, I don't play any sports.", SUPPORTED
    )
    lena.chat_model = model
    reply = lena.chat("Do you play soccer?", policy="regenerate")
    assert reply.text == "No, I don't play any sports."
    assert reply.attempts == 2 and reply.draft == "I play soccer on weekends."
    feedback = model.calls[2][-1]["content"]
    assert '"I play soccer on weekends" (your facts say otherwise)' in feedback
    assert model.calls[2][-2] == {"role": "assistant", "content": "I play soccer on weekends."}


def test_off_skips_the_checker(lena: Clone) -> None:
    lena.chat_model = ScriptedChatModel("I play soccer on weekends.")
    reply = lena.chat("Do you play soccer?", policy="off")
    assert reply.claims == [] and reply.text == "I play soccer on weekends."


def test_an_unknown_policy_is_a_config_error(lena: Clone) -> None:
    with pytest.raises(ConfigError, match="unknown policy"):
        lena.chat("hi", policy="lenient")


def _report(*sentences: tuple[str, Verdict | None]) -> GroundingReport:
    """A checked text: each sentence with the verdict on its claim (None: not a claim)."""
    claims = [
        Claim(text=s.rstrip("."), sentence=s, verdict=v, score=0.7, judge="test")
        for s, v in sentences
        if v is not None
    ]
    return GroundingReport(text=" ".join(s for s, _ in sentences), claims=claims)


def test_strict_drops_unsupported_sentences_when_something_true_is_left() -> None:
    report = _report(
        ("Oh, hi!", None),
        ("I'm a procrastinator.", Verdict.UNSUPPORTED),
        ("I go to bed around 2 am.", Verdict.SUPPORTED),
        ("I never reply to texts.", Verdict.UNSUPPORTED),
    )
    assert rewrite_strictly(report) == "Oh, hi! I go to bed around 2 am."


def test_strict_denies_once_and_abstains_only_when_nothing_was_said() -> None:
    report = _report(
        ("Yes!", None),
        ("I play soccer.", Verdict.CONTRADICTED),
        ("I play tennis too.", Verdict.CONTRADICTED),
    )
    assert rewrite_strictly(report) == "Not really, no."  # the "Yes!" went with its claim
    report = _report(("My username is LenaP.", Verdict.UNSUPPORTED), ("What about you?", None))
    assert rewrite_strictly(report) == "What about you? Hmm, I don't really know about that."


def _claim(
    text: str,
    sentence: str,
    verdict: Verdict,
    judge: str = "scripted",
    correction: str | None = None,
) -> Claim:
    return Claim(
        text=text,
        sentence=sentence,
        verdict=verdict,
        score=0.8,
        judge=judge,
        correction=correction,
    )


def test_strict_takes_a_wrong_yes_out_of_its_sentence() -> None:
    text = "Yes, I played the piano and took weekly lessons."
    report = GroundingReport(
        text=text,
        answer="Yes, ",
        claims=[
            _claim("I play the piano", "Yes,", Verdict.CONTRADICTED, judge=BY_VALIDITY),
            _claim("I played the piano", text, Verdict.SUPPORTED),
        ],
    )
    assert rewrite_strictly(report) == "Not anymore. I played the piano and took weekly lessons."
    report.claims[0].judge = "scripted"
    assert rewrite_strictly(report) == "Not really, no. I played the piano and took weekly lessons."
    report.claims[0].verdict = Verdict.UNSUPPORTED  # the yes goes, the rest stays
    assert rewrite_strictly(report) == "I played the piano and took weekly lessons."
    report.claims[0].verdict = Verdict.SUPPORTED
    assert rewrite_strictly(report) == text


def test_strict_keeps_a_right_yes_whose_sentence_goes() -> None:
    # "Do you go to church?" as of 2018: the yes held, its sentence was unsupported, and the
    # reply came out empty.
    text = "Yes, I go to church every week."
    report = GroundingReport(
        text=text,
        question="Do you go to church?",
        answer="Yes, ",
        claims=[
            _claim("I go to church", "Yes,", Verdict.SUPPORTED),
            _claim("I go to church every week", text, Verdict.UNSUPPORTED),
        ],
    )
    assert rewrite_strictly(report) == "Yes."
    report.claims[0].verdict = Verdict.UNSUPPORTED  # neither holds: nothing is said
    assert rewrite_strictly(report) == prompts.ABSTAIN


def test_strict_takes_out_the_rest_of_a_wrong_yes_that_says_it_again() -> None:
    # "Do you still work at Dunkin'?": "Not anymore. I still work at Dunkin'." contradicted itself.
    text = "Yes, I still work at Dunkin'."
    report = GroundingReport(
        text=text,
        question="Do you still work at Dunkin'?",
        answer="Yes, ",
        claims=[
            _claim("I still work at Dunkin'", "Yes,", Verdict.CONTRADICTED, judge=BY_VALIDITY),
            _claim("Yes, I still work at Dunkin'", text, Verdict.SUPPORTED),
        ],
    )
    assert rewrite_strictly(report) == "Not anymore."


def test_strict_takes_a_wrong_value_out_without_saying_no() -> None:
    # "How old are you?" "25.": the value's claim is "I am 25"; "Not really, no" answers nothing.
    report = GroundingReport(
        text="25. I love my birthday.",
        question="How old are you?",
        claims=[
            _claim("I am 25", "25.", Verdict.CONTRADICTED),
            _claim("I love my birthday", "I love my birthday.", Verdict.UNSUPPORTED),
        ],
    )
    assert rewrite_strictly(report) == "Hmm, I don't really know about that."
    report.claims[0].verdict = Verdict.SUPPORTED
    assert rewrite_strictly(report) == "25."


def test_strict_says_not_really_only_as_the_first_thing() -> None:
    text = "Hey there! I'm Lena. I'm not bad at texting. I like tea."
    report = GroundingReport(
        text=text,
        claims=[
            _claim("I'm Lena", "I'm Lena.", Verdict.SUPPORTED),
            _claim("I'm not bad at texting", "I'm not bad at texting.", Verdict.CONTRADICTED),
            _claim("I like tea", "I like tea.", Verdict.SUPPORTED),
        ],
    )
    assert rewrite_strictly(report) == "Hey there! I'm Lena. I like tea."
    report.claims = [
        _claim("I'm great at texting", "I'm great at texting.", Verdict.CONTRADICTED),
        report.claims[2],
    ]
    report.text = "I'm great at texting. I like tea."
    assert rewrite_strictly(report) == "Not really, no. I like tea."


def test_a_contradicted_denial_gets_no_not_really() -> None:
    # "No" would say again what the checker found untrue.
    report = GroundingReport(
        text="I'm not bad at texting. I like tea.",
        claims=[
            _claim("I'm not bad at texting", "I'm not bad at texting.", Verdict.CONTRADICTED),
            _claim("I like tea", "I like tea.", Verdict.SUPPORTED),
        ],
    )
    assert rewrite_strictly(report) == "I like tea."


def test_strict_answers_what_the_message_asked() -> None:
    # A decline already kept: no "I don't really know" after it.
    report = _report(
        ("Oh, I'm sorry, but I don't have any information about soccer practice.", None),
        ("I play soccer on Tuesdays.", Verdict.UNSUPPORTED),
    )
    assert rewrite_strictly(report) == (
        "Oh, I'm sorry, but I don't have any information about soccer practice."
    )
    # Thanks, not a question: "You're welcome!" answers it.
    report = _report(("You're welcome!", None), ("I'm glad I could help.", Verdict.UNSUPPORTED))
    report.question = "Thanks for the help earlier!"
    assert rewrite_strictly(report) == "You're welcome!"
    report.question = "Can you help me again?"
    assert rewrite_strictly(report) == "You're welcome! Hmm, I don't really know about that."
    # A message that asks nothing, and nothing true left to say: acknowledged, not "I don't know".
    report = _report(("I just got a new job!", Verdict.UNSUPPORTED))
    report.question = "I just got a new job!"
    assert rewrite_strictly(report) == prompts.ACKNOWLEDGE
    report.question = "Did you just get a new job?"
    assert rewrite_strictly(report) == prompts.ABSTAIN
    report.question = "Tell me about your new job."  # a request asks too
    assert rewrite_strictly(report) == prompts.ABSTAIN


def test_strict_does_not_say_no_to_a_question_for_a_value() -> None:
    report = _report(("My Lichess username is LenaP.", Verdict.CONTRADICTED))
    report.question = "What's your Lichess username?"
    assert rewrite_strictly(report) == "Hmm, I don't really know about that."
    report.question = "How's soccer practice going?"
    assert rewrite_strictly(report) == "Not really, no."


def test_strict_says_the_fact_that_contradicts_a_claim_once() -> None:
    never = "I have never met a celebrity."
    text = "I met Taylor Swift. She was lovely. I also met Zendaya. I study computer science."
    report = GroundingReport(
        text=text,
        question="Which celebrity did you meet?",
        claims=[
            _claim("I met Taylor Swift", "I met Taylor Swift.", Verdict.CONTRADICTED, "j", never),
            _claim("I also met Zendaya", "I also met Zendaya.", Verdict.CONTRADICTED, "j", never),
            _claim("I study computer science", "I study computer science.", Verdict.SUPPORTED),
        ],
    )
    # An open question: no "not really", the fact answers it; said once.
    assert rewrite_strictly(report) == f"{never} I study computer science."
    report.question = "Did you meet anyone famous?"
    assert rewrite_strictly(report) == f"Not really, no. {never} I study computer science."
    # Without one, the sentence goes as before.
    for claim in report.claims:
        claim.correction = None
    assert rewrite_strictly(report) == "Not really, no. I study computer science."


def test_strict_says_what_is_true_after_taking_a_wrong_yes_out() -> None:
    quit_piano = "I quit piano lessons in 2019."
    report = GroundingReport(
        text="Yes!",
        question="Do you play the piano?",
        answer="Yes, ",
        claims=[
            _claim("I play the piano", "Yes,", Verdict.CONTRADICTED, BY_VALIDITY, quit_piano),
        ],
    )
    assert rewrite_strictly(report) == f"Not anymore. {quit_piano}"


def test_strict_drops_what_goes_on_about_a_dropped_sentence() -> None:
    report = _report(
        ("Oh, hello!", None),
        ("My mom's favourite food is kimchi jjigae.", Verdict.UNSUPPORTED),
        ("It's a delicious and spicy dish that she loves to make.", None),
        ("I love spicy food.", Verdict.SUPPORTED),
        ("It's the best.", None),  # after a kept claim: stays
    )
    assert rewrite_strictly(report) == "Oh, hello! I love spicy food. It's the best."
    # A true claim about what was taken out would now be about something else.
    report = _report(
        ("Oh, I love the Glenn dining hall!", Verdict.UNSUPPORTED),
        ("It's where I spent my freshman year.", Verdict.SUPPORTED),
        ("I lived in Glenn Residence Hall.", Verdict.SUPPORTED),
    )
    assert rewrite_strictly(report) == "I lived in Glenn Residence Hall."


def test_strict_keeps_no_statement_about_the_world_around_a_decline() -> None:
    report = _report(
        ("Oh, Tokyo!", None),
        ("It's a beautiful city with delicious food.", None),
        ("I've never been there, but it's a busy place.", Verdict.UNSUPPORTED),
    )
    report.question = "How was Tokyo?"
    assert rewrite_strictly(report) == f"Oh, Tokyo! {prompts.ABSTAIN}"  # the exclamation stays
    python = "Python has a lot of great libraries, but I'm not sure which one I like the most."
    report = _report((python, None), ("I use NumPy and Pandas.", Verdict.UNSUPPORTED))
    assert rewrite_strictly(report) == "I'm not sure which one I like the most."
    # Beside an answer, remarks about the world stay, and so does a decline of the rest.
    report = _report(
        ("It's a beautiful city.", None),
        ("I visited Seoul in 2019.", Verdict.SUPPORTED),
        ("I'm not sure about the rest.", None),
    )
    assert rewrite_strictly(report) == report.text
    # Without a decline (nothing was asked), nothing goes.
    report = _report(
        ("It's a beautiful city.", None), ("I play soccer there.", Verdict.UNSUPPORTED)
    )
    report.question = "Thanks for the tips!"
    assert rewrite_strictly(report) == "It's a beautiful city."


def test_strict_rejects_the_premise_of_a_question_a_fact_denies(lena: Clone) -> None:
    sorry = "Oh, I'm sorry, but I don't have any information about your marathon."
    lena.chat_model = ScriptedChatModel(sorry)  # a decline: no claim for the judge
    reply = lena.chat("How did your marathon go?", policy="strict")
    assert (reply.draft, reply.text) == (sorry, "I have never run a marathon.")
    # "I have never been married" is about her, not her sister: the decline stands.
    lena.chat_model = ScriptedChatModel("Hmm, I don't know.")
    assert lena.chat("When did your sister get married?").text == "Hmm, I don't know."
    lena.chat_model = ScriptedChatModel(sorry)
    assert lena.chat("How did your marathon go?", policy="annotate").text == sorry


def test_strict_says_the_fact_that_denies_what_a_declined_question_takes_for_granted() -> None:
    sorry = "Oh, I'm sorry, but I don't have any information about your marathon."
    report = GroundingReport(text=sorry, question="How did your marathon go?")
    report.denial = "I have never run a marathon."
    assert rewrite_strictly(report) == "I have never run a marathon."
    report = _report(
        ("Oh, that's a great question!", None), ("I ran it in 2019.", Verdict.UNSUPPORTED)
    )
    report.denial = "I have never run a marathon."
    assert rewrite_strictly(report) == "Oh, that's a great question! I have never run a marathon."
    # A reply that answers keeps its words, flagged or not, unless it rewords the denial.
    report = GroundingReport(text="No,  I've never run one.", question="How did your marathon go?")
    report.claims = [_claim("I've never run one", report.text, Verdict.SUPPORTED)]
    report.denial = "I have never run a marathon."
    assert rewrite_strictly(report) == report.text


SPANISH = Fact(text="I do not speak Spanish; I took French in high school and forgot most of it.")


def _rewording(
    text: str, sentence: str, judge: str = "chat:model", evidence: Fact = SPANISH
) -> Claim:
    """A supported claim that the judge saw `SPANISH` for and found supported by `evidence`."""
    return Claim(
        text=text,
        sentence=sentence,
        verdict=Verdict.SUPPORTED,
        score=0.8,
        judge=judge,
        evidence=[evidence.id],
        candidates=[Hit(fact=SPANISH, score=0.8)],
    )


def test_strict_says_the_denial_in_its_facts_words_when_the_model_reworded_it() -> None:
    question = "How did you get so fluent in Spanish?"
    first, second = "I didn't learn Spanish in school.", "I took French in high school."
    report = GroundingReport(text=f"Oh, I don't know. {first} {second}", question=question)
    report.claims = [
        _rewording("I didn't learn Spanish in school", first),
        _rewording("I took French in high school", second, judge=BY_RESTATING),
    ]
    report.denial = SPANISH.text
    # "in school" is more than the fact says; the French, said again, repeats the fact; the
    # "I don't know" contradicts it.
    assert rewrite_strictly(report) == SPANISH.text
    # The fact's own words stand as they are.
    report.claims[0] = _rewording("I didn't learn Spanish in school", first, judge=BY_RESTATING)
    assert rewrite_strictly(report) == report.text
    # So does a denial the judge found in another fact, and anything that says more.
    other = Fact(text="I did not go to school in Spain.")
    report.claims[0] = _rewording("I didn't learn Spanish in school", first, evidence=other)
    assert rewrite_strictly(report) == report.text
    report = GroundingReport(text=f"{first} I love learning languages!", question=question)
    report.claims = [
        _rewording("I didn't learn Spanish in school", first),
        _rewording("I love learning languages", "I love learning languages!"),
    ]
    report.denial = SPANISH.text
    assert rewrite_strictly(report) == f"{SPANISH.text} I love learning languages!"


LEAK = (
    "Everything true about your life is in the FACTS you are given with each message. Use them. "
    "How replies look (examples of the rules, not facts about you):"
)


def test_a_recited_system_prompt_is_cut_where_it_starts() -> None:
    assert without_echoed_instructions(LEAK) == ""
    assert without_echoed_instructions(f"Oh, Spirited Away! {LEAK}") == "Oh, Spirited Away!"
    # following an example of the rules is no recital
    follows = "hmm honestly I don't know. I live in Atlanta, you?"
    assert without_echoed_instructions(follows) == follows


def test_strict_answers_a_recited_system_prompt_with_a_decline(lena: Clone) -> None:
    lena.chat_model = ScriptedChatModel(LEAK)
    reply = lena.chat("What's your favourite film?", policy="strict")
    assert reply.text == prompts.ABSTAIN and reply.draft == LEAK
    lena.chat_model = ScriptedChatModel(LEAK)
    assert lena.chat("What's your favourite film?", policy="annotate").text == LEAK  # as it is


def test_strict_declines_a_question_whose_premise_is_contradicted() -> None:
    report = _report(
        ("Oh, that's a great question!", None),
        ("Melanie was motivated by her own journey.", Verdict.SUPPORTED),
    )
    report.question = "What motivated Melanie to pursue counseling?"
    report.premise = _claim("Melanie pursue counseling", report.question, Verdict.CONTRADICTED)
    assert rewrite_strictly(report) == prompts.ABSTAIN
    report.text = "Hmm, I don't know. Melanie was motivated by her own journey."
    assert rewrite_strictly(report) == "Hmm, I don't know."  # its own decline stays
    # Only unsupported, a premise read by rules declines nothing.
    report.premise.verdict = Verdict.UNSUPPORTED
    assert report.grounded and not report.unfounded_premise
    assert rewrite_strictly(report) == report.text


def test_strict_declines_a_question_about_someone_answered_with_the_person_s_own_life() -> None:
    report = _report(("I made a stained glass window for a local church.", Verdict.SUPPORTED))
    report.question = "What did Melanie make for a local church?"
    assert report.grounded and rewrite_strictly(report) == report.text
    report.sidesteps = "Melanie"
    assert not report.grounded
    assert rewrite_strictly(report) == prompts.ABSTAIN


def test_strict_declines_when_what_is_left_says_nothing_of_the_partner_asked_about() -> None:
    report = _report(
        ("Melanie made a stained glass window for a church.", Verdict.UNSUPPORTED),
        ("The window shows time changing our lives.", Verdict.SUPPORTED),
    )
    report.question = "What did Melanie make for a local church?"
    report.asked_about = "Melanie"
    assert rewrite_strictly(report) == prompts.ABSTAIN
    report = _report(
        ("Melanie painted a lake sunrise.", Verdict.SUPPORTED),
        ("Melanie made a bowl.", Verdict.UNSUPPORTED),
    )
    report.question = "What did Melanie make?"
    report.asked_about = "Melanie"
    assert rewrite_strictly(report) == "Melanie painted a lake sunrise."


def test_strict_declines_when_what_took_up_a_question_about_the_person_by_name_is_taken_out() -> (
    None
):
    question = "Why did Caroline choose colors and patterns for her pottery project?"
    report = _report(
        ("I chose colors and patterns for my pottery project.", Verdict.UNSUPPORTED),
        ("I love that you found something that makes you happy.", Verdict.SUPPORTED),
    )
    report.question = question
    report.asks_person = "Caroline"
    assert rewrite_strictly(report) == prompts.ABSTAIN
    # What is left takes up the question: it answers.
    report = _report(
        ("I chose colors and patterns for my pottery project.", Verdict.UNSUPPORTED),
        ("Colors make me happy.", Verdict.SUPPORTED),
    )
    report.question = question
    report.asks_person = "Caroline"
    assert rewrite_strictly(report) == "Colors make me happy."
    # Asked with "you", the kept claim stands.
    report = _report(
        ("I chose colors and patterns for my pottery project.", Verdict.UNSUPPORTED),
        ("I love that you found something that makes you happy.", Verdict.SUPPORTED),
    )
    report.question = "Why did you choose colors and patterns for your pottery project?"
    assert rewrite_strictly(report) == "I love that you found something that makes you happy."
