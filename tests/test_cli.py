"""The CLI through click's runner: arguments, files, JSON output, errors and exit codes."""

import json
import re
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
    "command",
    [
        "",
        "init",
        "remember",
        "load",
        "facts",
        "recall",
        "forget",
        "history",
        "demo",
        "ask",
        "chat",
        "models",
        "check",
        "ingest",
        "search-history",
    ],  # fmt: skip
)
def test_help_everywhere(command: str) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_home_option_wins_over_the_environment(tmp_path: Path, isolated_home: Path) -> None:
    run("--home", str(tmp_path / "elsewhere"), "init", "sam")
    assert (tmp_path / "elsewhere" / "sam").is_dir()
    assert not (isolated_home / "sam").exists()


def test_demo_without_chat_recalls_facts() -> None:
    output = run("demo", "--facts", str(DEMO_FACTS), "--no-chat").output
    assert "clone 'lena-park'" in output
    assert "> Do you have a brother?" in output
    assert "I do not have a brother." in output


@pytest.mark.slow
def test_demo_chats_on_the_default_model(
    default_gguf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RAGCLONE_CHAT_MODEL", str(default_gguf))
    output = run("demo", "--facts", str(DEMO_FACTS)).output
    assert output.count("facts used:") == 5
    assert "[f_" in output and "tokens; retrieve" in output


@pytest.mark.slow
def test_ask_prints_json_and_reads_stdin(small_gguf: Path) -> None:
    run("load", "lena", str(DEMO_FACTS))
    reply = json.loads(
        run("ask", "lena", "Do you have a brother?", "--model", str(small_gguf), "--json").output
    )
    assert reply["text"] and reply["message"] == "Do you have a brother?"
    assert any(h["fact"]["text"] == "I do not have a brother." for h in reply["facts"])
    assert set(reply["timings"]) == {"retrieve", "prompt", "generate", "check"}
    piped = run("ask", "lena", "--model", str(small_gguf), input="Where do you live?\n")
    assert piped.exit_code == 0 and "tokens; retrieve" in piped.output


@pytest.mark.slow
def test_interactive_chat_streams_and_takes_commands(small_gguf: Path) -> None:
    run("load", "lena", str(DEMO_FACTS))
    script = (
        "/facts\nDo you have a brother?\n/facts\n/as-of 2015\n/as-of 2019-02-30\n/bogus\n/quit\n"
    )
    result = CliRunner().invoke(cli, ["chat", "lena", "--model", str(small_gguf)], input=script)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "(nothing retrieved yet)" in out
    assert "lena-park" not in out and "lena> " in out
    assert "I do not have a brother." in out  # /facts after the turn
    assert "answering as of 2015" in out
    assert "does not exist" in out and "unknown command" in out


@pytest.mark.slow
def test_interactive_chat_under_strict_shows_only_the_checked_answer(small_gguf: Path) -> None:
    run("load", "lena", str(DEMO_FACTS))
    args = ["chat", "lena", "--model", str(small_gguf), "--policy", "strict"]
    result = CliRunner().invoke(cli, args, input="Do you play soccer?\n/quit\n")
    assert result.exit_code == 0, result.output
    assert re.search(r"lena> \S", result.output), result.output  # an answer, not an empty line
    assert "(checked)" not in result.output


def test_models_lists_the_packaged_models_and_the_default() -> None:
    listed = json.loads(run("models", "--json").output)
    default = [m for m in listed if m["default"]]
    assert len(default) == 1 and default[0]["installed"]
    assert "* qwen2.5-coder-1.5b-instruct" in run("models").output


@pytest.mark.slow
def test_check_reads_argument_or_stdin_and_lists_skipped(small_gguf: Path) -> None:
    run("load", "lena", str(DEMO_FACTS))
    report = json.loads(
        run(
            "check", "lena", "I play soccer. What about you?", "--model", str(small_gguf), "--json"
        ).output
    )
    assert [c["text"] for c in report["claims"]] == ["I play soccer"]
    assert report["claims"][0]["verdict"] in ("supported", "contradicted", "unsupported")
    assert report["skipped"] == [{"text": "What about you?", "reason": "question to the user"}]
    piped = run("check", "lena", "--model", str(small_gguf), input="haha ok\n")
    assert piped.exit_code == 0 and "0 claims, 0 flagged" in piped.output
    asked = ("--question", "How did your marathon go?", "--model", str(small_gguf))
    declined = run("check", "lena", "Hmm, I don't know.", *asked)
    assert "takes for granted: I have never run a marathon." in declined.output
