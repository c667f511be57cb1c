"""The CLI through click's runner: arguments, files, JSON output, errors and exit codes."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ragclone.cli import cli
from tests.conftest import DEMO_FACTS


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_init_remember_facts_recall_forget_history(isolated_home: Path) -> None:
    assert "is ready (0 facts)" in run("init", "sam").output
    stored = json.loads(
        run("remember", "sam", "I have one sister.", "--kind", "relationship", "--json").output
    )
    assert stored["kind"] == "relationship" and stored["source"] == "cli"
    run("remember", "sam", "I live in Boston.", "--kind", "identity", "--valid-from", "2005")
    facts = json.loads(run("facts", "sam", "--json").output)
    assert [f["text"] for f in facts] == ["I have one sister.", "I live in Boston."]
    assert json.loads(run("facts", "sam", "--kind", "identity", "--json").output)[0]["valid_from"]
    assert json.loads(run("facts", "sam", "--as-of", "2000", "--json").output) == [facts[0]]
    hits = json.loads(run("recall", "sam", "siblings?", "-k", "1", "--json").output)
    assert hits[0]["fact"]["id"] == stored["id"] and 0 < hits[0]["score"] <= 1
    table = run("recall", "sam", "siblings?").output
    assert "I have one sister." in table
    assert stored["id"] in run("forget", "sam", stored["id"]).output
    history = json.loads(run("history", "sam", stored["id"], "--json").output)
    assert [h["action"] for h in history] == ["add", "forget"]
    assert (isolated_home / "sam" / "chroma").is_dir()


def test_supersedes_from_the_cli(isolated_home: Path) -> None:
    old = run("remember", "sam", "I live in Boston.", "--valid-from", "2005").output.split()[0]
    run("remember", "sam", "I live in Atlanta.", "--valid-from", "2023-08", "--supersedes", old)
    text = run("history", "sam", old).output
    assert "superseded" in text


def test_load_reports_counts_and_is_idempotent() -> None:
    first = json.loads(run("load", "lena", str(DEMO_FACTS), "--json").output)
    assert len(first["added"]) >= 150
    second = run("load", "lena", str(DEMO_FACTS)).output
    assert f"{len(first['added'])} already stored" in second and " 0 new" in second


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("facts", "ghost"), "no clone named 'ghost'"),
        (("remember", "sam", "x", "--valid-from", "2019-02-30"), "does not exist"),
        (("remember", "sam", "   "), "needs some text"),
        (("init", "../escape"), "invalid clone name"),
        (("forget", "sam", "f_nothing"), "no fact with id 'f_nothing'"),
    ],
)
def test_errors_are_one_line_with_a_non_zero_exit(args: tuple[str, ...], message: str) -> None:
    run("init", "sam")
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


def test_a_broken_biography_names_file_and_line(tmp_path: Path) -> None:
    bio = tmp_path / "b.yaml"
    bio.write_text("facts:\n  - text: ok\n  - text: bad\n    kind: hobby\n")
    result = CliRunner().invoke(cli, ["load", "sam", str(bio)])
    assert result.exit_code == 1
    assert f"{bio}:4: kind: unknown kind 'hobby'" in result.output


def test_usage_errors_exit_2() -> None:
    result = CliRunner().invoke(cli, ["remember", "sam", "x", "--kind", "hobby"])
    assert result.exit_code == 2
    assert "Invalid value for '--kind'" in result.output


@pytest.mark.parametrize(
    "command", ["", "init", "remember", "load", "facts", "recall", "forget", "history", "demo"]
)
def test_help_everywhere(command: str) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_home_option_wins_over_the_environment(tmp_path: Path, isolated_home: Path) -> None:
    run("--home", str(tmp_path / "elsewhere"), "init", "sam")
    assert (tmp_path / "elsewhere" / "sam").is_dir()
    assert not (isolated_home / "sam").exists()


def test_demo_loads_the_persona_and_answers() -> None:
    output = run("demo", "--facts", str(DEMO_FACTS)).output
    assert "clone 'lena-park'" in output
    assert "> Do you have a brother?" in output
    assert "I do not have a brother." in output
