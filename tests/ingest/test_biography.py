from collections import Counter
from pathlib import Path
from textwrap import dedent

import pytest

from ragclone.dates import start_key
from ragclone.errors import BiographyError, ConfigError
from ragclone.ingest import parse_biography
from ragclone.ingest.biography import ABOUT_CHUNK_CHARS
from ragclone.models import FactKind
from tests.conftest import DEMO_FACTS


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


def test_parses_facts_with_defaults_refs_and_supersedes(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bio.yaml",
        """\
        kind: identity
        tags: [home]
        facts:
          - text: I lived in Boston.
            ref: boston
            valid_from: 2005
            valid_until: 2023-07
          - text: I live in Atlanta.
            valid_from: 2023-08-15
            supersedes: [boston]
          - text: I have one sister.
            kind: Relationship
            tags: family
        """,
    )
    parsed = parse_biography(path)
    boston, atlanta, sister = (located.fact for located in parsed.facts)
    assert boston.kind is FactKind.IDENTITY
    assert (boston.valid_from, boston.valid_until) == ("2005", "2023-07")
    assert atlanta.valid_from == "2023-08-15"
    assert atlanta.supersedes == (boston.id,)
    assert sister.kind is FactKind.RELATIONSHIP
    assert sister.tags == ("home", "family")
    assert [located.line_no for located in parsed.facts] == [4, 8, 11]
    assert boston.source == "bio.yaml:4"


def test_about_text_is_split_into_passages(tmp_path: Path) -> None:
    about = " ".join(f"Sentence number {i} says something about my life." for i in range(20))
    path = write(tmp_path / "about.yaml", f"about: |\n  {about}\n")
    parsed = parse_biography(path)
    assert parsed.passages == len(parsed.facts) > 1
    assert all(len(located.fact.text) <= ABOUT_CHUNK_CHARS for located in parsed.facts)
    assert all("about" in located.fact.tags for located in parsed.facts)
    joined = " ".join(located.fact.text for located in parsed.facts)
    assert joined.split() == about.split()


def test_every_invalid_entry_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad.yaml",
        """\
        facts:
          - text: I knit.
            kind: hobby
          - text: ""
          - text: I was born.
            valid_from: 2019-02-30
          - text: I moved.
            valid_from: 2020
            valid_until: 2019
          - text: I lie.
            colour: red
          - text: I changed.
            supersedes: [nowhere]
        """,
    )
    with pytest.raises(BiographyError) as caught:
        parse_biography(path)
    problems = [(p.line_no, p.message) for p in caught.value.problems]
    assert [line for line, _ in problems] == [3, 4, 6, 7, 11, 13]
    messages = " | ".join(message for _, message in problems)
    assert "unknown kind 'hobby'" in messages
    assert "does not exist in that month" in messages
    assert "before valid_from" in messages
    assert "unknown key 'colour'" in messages
    assert "unknown ref 'nowhere'" in messages
    assert f"{path}:3" in str(caught.value)


def test_yaml_syntax_errors_name_file_and_line(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "facts:\n  - text: fine\n")
    broken = write(tmp_path / "b.yaml", "facts:\n  - text: I watch: a show\n")
    with pytest.raises(BiographyError) as caught:
        parse_biography(tmp_path)
    [problem] = caught.value.problems
    assert (problem.path, problem.line_no) == (broken, 2)
    assert "YAML error" in problem.message


def test_duplicate_keys_and_refs_are_errors(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "facts:\n  - text: one\n    ref: x\n    text: two\n")
    write(tmp_path / "b.yaml", "facts:\n  - text: three\n    ref: y\n  - text: four\n    ref: y\n")
    with pytest.raises(BiographyError) as caught:
        parse_biography(tmp_path)
    messages = [str(p) for p in caught.value.problems]
    assert any("a.yaml:4" in m and "duplicate key 'text'" in m for m in messages)
    assert any("b.yaml:5" in m and "already used" in m for m in messages)


@pytest.mark.parametrize("content", ["", "- just\n- a list\n", "facts: nope\n", "wat: 1\n"])
def test_files_of_the_wrong_shape_are_errors(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "x.yaml", content)
    with pytest.raises(BiographyError):
        parse_biography(path)


def test_missing_paths_and_empty_directories_are_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such"):
        parse_biography(tmp_path / "missing.yaml")
    with pytest.raises(ConfigError, match="no .yaml"):
        parse_biography(tmp_path)


def test_the_demo_persona_is_rich_enough() -> None:
    parsed = parse_biography(DEMO_FACTS)
    facts = [located.fact for located in parsed.facts]
    assert len(facts) >= 150
    assert {f.kind for f in facts} == set(FactKind)
    assert sum(1 for f in facts if f.supersedes) >= 5
    assert sum(1 for f in facts if "absence" in f.tags) >= 20
    assert Counter(f.kind for f in facts)[FactKind.MEDIA] >= 15


def test_the_demo_persona_events_are_in_chronological_order() -> None:
    parsed = parse_biography(DEMO_FACTS / "lena-park" / "events.yaml")
    starts = [start_key(located.fact.valid_from) for located in parsed.facts]
    assert starts == sorted(starts)
    assert len(starts) >= 20


def test_the_demo_persona_states_the_seed_absences() -> None:
    texts = " ".join(located.fact.text for located in parse_biography(DEMO_FACTS).facts)
    for statement in (
        "I do not have a brother.",
        "I never took AP Computer Science A",
        "I do not play soccer.",
        "I have never fasted",
        "I study computer science at Georgia Tech",
    ):
        assert statement in texts
