"""Chat models for real: a GGUF in process, and behind llama_cpp.server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ragclone.chat import (
    ChatModel,
    Completion,
    LocalChatModel,
    OpenAIChatModel,
    chat_model_from_config,
    parse_json,
)
from ragclone.errors import ConfigError, ModelError

pytestmark = pytest.mark.slow

HELLO = [{"role": "user", "content": "Say hello in five words or fewer."}]
SCHEMA = {
    "type": "object",
    "properties": {"verdict": {"type": "string", "enum": ["yes", "no"]}},
    "required": ["verdict"],
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_local_model_completes_streams_and_follows_a_schema(small_gguf: Path) -> None:
    model = LocalChatModel(small_gguf, n_ctx=1024, threads=2)
    assert isinstance(model, ChatModel)
    answer = model.complete(HELLO, max_tokens=16)
    assert answer.text.strip()
    assert answer.usage.prompt_tokens > 5 and 0 < answer.usage.completion_tokens <= 16
    events = list(model.stream(HELLO, max_tokens=16))
    final = events[-1]
    assert isinstance(final, Completion)
    assert "".join(e for e in events[:-1] if isinstance(e, str)) == final.text
    assert final.usage.completion_tokens > 0 and final.usage.prompt_tokens > 5
    question = [{"role": "user", "content": "Is the sky blue? Answer in JSON."}]
    verdict = parse_json(model.complete(question, max_tokens=20, json_schema=SCHEMA))
    assert verdict["verdict"] in ("yes", "no")


def test_a_missing_or_corrupt_gguf_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="no GGUF model at"):
        LocalChatModel(tmp_path / "missing.gguf").complete(HELLO)
    corrupt = tmp_path / "corrupt.gguf"
    corrupt.write_bytes(b"GGUF" + b"\x00garbage" * 1000)
    with pytest.raises(ModelError, match="cannot load the GGUF model"):
        LocalChatModel(corrupt).complete(HELLO)


def test_bad_messages_are_config_errors(small_gguf: Path) -> None:
    with pytest.raises(ConfigError):
        LocalChatModel(small_gguf).complete([])
    with pytest.raises(ConfigError):
        LocalChatModel(small_gguf).complete([{"role": "wizard", "content": "hi"}])


@pytest.fixture(scope="module")
def llama_server(small_gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log_path = tmp_path_factory.mktemp("llama-server") / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                str(small_gguf),
                "--model_alias",
                "smollm2",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--n_threads",
                "2",
                "--n_ctx",
                "1024",
                "--api_key",
                "sekrit",
            ],  # fmt: skip
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 120
            while True:
                request = urllib.request.Request(
                    f"{url}/v1/models", headers={"Authorization": "Bearer sekrit"}
                )
                try:
                    with urllib.request.urlopen(request, timeout=1):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log_path.read_text()) from None
                    time.sleep(0.5)
            yield f"{url}/v1"
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_openai_client_against_llama_cpp_server(llama_server: str) -> None:
    model = OpenAIChatModel(
        "smollm2", base_url=llama_server, api_key="sekrit", json_mode="json_object"
    )
    answer = model.complete(HELLO, max_tokens=16)
    assert answer.text.strip() and answer.usage.completion_tokens > 0
    events = list(model.stream(HELLO, max_tokens=16))
    assert isinstance(events[-1], Completion)
    assert "".join(e for e in events[:-1] if isinstance(e, str)) == events[-1].text
    assert events[-1].text.strip()
    question = [{"role": "user", "content": "Is the sky blue? Answer in JSON."}]
    verdict = json.loads(model.complete(question, max_tokens=20, json_schema=SCHEMA).text)
    assert verdict["verdict"] in ("yes", "no")
    assert "sekrit" not in repr(model)


def test_a_wrong_api_key_is_a_model_error(llama_server: str) -> None:
    model = OpenAIChatModel("smollm2", base_url=llama_server, api_key="wrong", max_retries=0)
    with pytest.raises(ModelError, match="refused the API key") as caught:
        model.complete(HELLO)
    assert caught.value.__cause__ is not None
    assert "wrong" not in str(caught.value)


def test_an_unreachable_endpoint_is_a_model_error() -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"
    model = OpenAIChatModel("any", base_url=url, timeout=2, max_retries=0)
    with pytest.raises(ModelError, match="cannot reach"):
        model.complete(HELLO)
    with pytest.raises(ModelError, match="cannot reach"):
        list(model.stream(HELLO))


def test_openai_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="no API key"):
        OpenAIChatModel("gpt-4o-mini")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    model = OpenAIChatModel("ft:gpt-4o-mini:me:lena:abc")
    assert "127.0.0.1:9" in repr(model) and model.name == "ft:gpt-4o-mini:me:lena:abc"
    monkeypatch.setenv("RAGCLONE_CHAT_MODEL", "openai:ft:gpt-4o-mini:me:lena:abc")
    assert isinstance(chat_model_from_config(), OpenAIChatModel)
    assert isinstance(chat_model_from_config("smollm2-135m-instruct"), LocalChatModel)
