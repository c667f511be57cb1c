import pytest
from pydantic import ValidationError

from ragclone.models import Fact, FactKind, fact_id_for


def test_fact_id_is_a_content_hash_ignoring_case_spacing_and_source() -> None:
    a = Fact(text="I have one sister.", kind="relationship", source="a.yaml")
    b = Fact(text="  i have   ONE sister. ", kind="relationship", source="cli", tags=("x",))
    assert a.id == b.id
    assert a.id.startswith("f_")
    assert b.text == "i have ONE sister."


def test_fact_id_changes_with_kind_subject_and_validity() -> None:
    base = Fact(text="I live in Boston.")
    assert Fact(text="I live in Boston.", kind="identity").id != base.id
    assert Fact(text="I live in Boston.", subject="Mina").id != base.id
    assert Fact(text="I live in Boston.", valid_from="2005").id != base.id
    assert Fact(text="I live in Boston.", valid_until="2023").id != base.id


def test_fact_id_for_matches_the_model() -> None:
    fact = Fact(text="I knit.", kind=FactKind.HABIT, valid_from="2024-01")
    assert fact.id == fact_id_for(
        "I knit.", kind="habit", subject=None, valid_from="2024-01", valid_until=None
    )


def test_given_id_is_kept_so_stored_facts_round_trip() -> None:
    fact = Fact(text="I knit.", valid_from="2024")
    changed = fact.model_copy(update={"valid_until": "2025"})
    again = Fact.model_validate_json(changed.model_dump_json())
    assert again.id == fact.id
    assert again.valid_until == "2025"


def test_fact_dates_are_normalised_and_checked() -> None:
    fact = Fact(text="x", valid_from="2019-6", valid_until="2020")
    assert (fact.valid_from, fact.valid_until) == ("2019-06", "2020")
    assert fact.validity() == "2019-06 to 2020"
    with pytest.raises(ValidationError, match="before valid_from"):
        Fact(text="x", valid_from="2020", valid_until="2019")
    with pytest.raises(ValidationError, match="does not exist"):
        Fact(text="x", valid_from="2019-02-30")


@pytest.mark.parametrize(
    "bad", [{"text": ""}, {"text": "x", "kind": "hobby"}, {"text": "x", "colour": "red"}]
)
def test_fact_rejects_bad_fields(bad: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        Fact(**bad)  # type: ignore[arg-type]


def test_every_kind_named_in_the_design_exists() -> None:
    expected = {
        "identity", "trait", "preference", "behaviour", "event", "relationship",
        "education", "work", "media", "belief", "habit", "other",
    }  # fmt: skip
    assert {k.value for k in FactKind} == expected
