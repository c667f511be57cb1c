"""Chat models: one protocol, an OpenAI-compatible client and an in-process GGUF model.

Both take OpenAI-style messages (`{"role": ..., "content": ...}`), return a `Completion` with the
text and token usage, stream text deltas, and can constrain output to a JSON schema. Every backend
failure is a `ModelError` with the backend's exception as its cause.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pydantic import BaseModel

from ragclone.config import thread_count
from ragclone.errors import ConfigError, ModelError
from ragclone.models import Usage

Message = Mapping[str, str]


class Completion(BaseModel):
    """A model's answer to one call."""

    text: str
    usage: Usage
    model: str


@runtime_checkable
class ChatModel(Protocol):
    """What ragclone needs from a chat model."""

    @property
    def name(self) -> str: ...

    def complete(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        json_schema: Mapping[str, Any] | None = None,
    ) -> Completion:
        """The whole answer; with `json_schema`, text that parses as JSON matching it."""
        ...

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int = 256, temperature: float = 0.2
    ) -> Iterator[str | Completion]:
        """Text deltas as they are generated, then the whole `Completion`."""
        ...


def _check_messages(messages: Sequence[Message]) -> list[dict[str, str]]:
    if not messages:
        raise ConfigError("a chat needs at least one message")
    checked = []
    for message in messages:
        role, content = message.get("role"), message.get("content")
        if role not in ("system", "user", "assistant") or not isinstance(content, str):
            raise ConfigError(f"invalid chat message: {dict(message)!r}")
        checked.append({"role": role, "content": content})
    return checked


class OpenAIChatModel:
    """Any OpenAI-compatible endpoint: OpenAI (a fine-tuned `ft:` id too), vLLM, Ollama,
    `llama_cpp.server`.

    Args:
        model: the model id the endpoint serves.
        base_url: the endpoint; defaults to $OPENAI_BASE_URL, else OpenAI's.
        api_key: defaults to $OPENAI_API_KEY; local endpoints that need none get a placeholder.
        timeout: seconds per request.
        max_retries: retries on connection errors, 429 and 5xx.
        json_mode: how to ask for schema-constrained output: "json_schema" (OpenAI's form) or
            "json_object" (llama.cpp's form, `{"type": "json_object", "schema": ...}`).
    """

    def __init__(
        self,
        model: str,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 2,
        json_mode: str = "json_schema",
    ) -> None:
        if json_mode not in ("json_schema", "json_object"):
            raise ConfigError(
                f"json_mode must be 'json_schema' or 'json_object', not {json_mode!r}"
            )
        import openai

        self._model = model
        self._json_mode = json_mode
        base_url = base_url or os.environ.get("OPENAI_BASE_URL") or None
        api_key = api_key or os.environ.get("OPENAI_API_KEY") or None
        if api_key is None:
            if base_url is None:
                raise ConfigError("no API key: set OPENAI_API_KEY or pass api_key=")
            api_key = "no-key-needed"  # local servers accept any key
        self._base_url = base_url
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries
        )

    @property
    def name(self) -> str:
        return self._model

    def __repr__(self) -> str:
        # Never the API key.
        return f"OpenAIChatModel(model={self._model!r}, base_url={self._base_url!r})"

    def _response_format(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        if self._json_mode == "json_object":
            return {"type": "json_object", "schema": dict(schema)}
        return {
            "type": "json_schema",
            "json_schema": {"name": "ragclone_output", "schema": dict(schema), "strict": True},
        }

    def _error(self, e: Exception) -> ModelError:
        import openai

        if isinstance(e, openai.AuthenticationError):
            return ModelError(f"the endpoint refused the API key for {self._model!r}")
        if isinstance(e, openai.APIConnectionError):
            where = self._base_url or "the OpenAI API"
            return ModelError(f"cannot reach {where}: {e}")
        if isinstance(e, openai.APIStatusError):
            return ModelError(f"the endpoint answered {e.status_code}: {e.message}")
        return ModelError(f"the chat model {self._model!r} failed: {e}")

    def complete(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        json_schema: Mapping[str, Any] | None = None,
    ) -> Completion:
        import openai

        extra: dict[str, Any] = {}
        if json_schema is not None:
            extra["response_format"] = self._response_format(json_schema)
        try:
            response = self._client.chat.completions.create(
                model=self._model,
                messages=_check_messages(messages),  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=temperature,
                **extra,
            )
        except openai.OpenAIError as e:
            raise self._error(e) from e
        usage = response.usage
        return Completion(
            text=response.choices[0].message.content or "",
            usage=Usage(
                prompt_tokens=usage.prompt_tokens if usage else 0,
                completion_tokens=usage.completion_tokens if usage else 0,
            ),
            model=response.model or self._model,
        )

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int = 256, temperature: float = 0.2
    ) -> Iterator[str | Completion]:
        import openai

        checked = _check_messages(messages)
        parts: list[str] = []
        usage = Usage()
        try:
            chunks = self._client.chat.completions.create(  # type: ignore[call-overload]
                model=self._model,
                messages=checked,
                max_tokens=max_tokens,
                temperature=temperature,
                stream=True,
                stream_options={"include_usage": True},
            )
            for chunk in chunks:
                if chunk.usage is not None:
                    usage = Usage(
                        prompt_tokens=chunk.usage.prompt_tokens,
                        completion_tokens=chunk.usage.completion_tokens,
                    )
                if chunk.choices and chunk.choices[0].delta.content:
                    parts.append(chunk.choices[0].delta.content)
                    yield chunk.choices[0].delta.content
        except openai.OpenAIError as e:
            raise self._error(e) from e
        yield Completion(text="".join(parts), usage=usage, model=self._model)


_llamas: dict[tuple[str, int, int], Any] = {}
_llamas_lock = threading.Lock()


class LocalChatModel:
    """A GGUF model run in this process by llama-cpp-python.

    Args:
        path: a GGUF file, or the name of a packaged model (see `ragclone models`); defaults
            to the packaged default model, assembled and verified on first use.
        n_ctx: context window in tokens.
        threads: CPU threads; defaults to $RAGCLONE_THREADS or the CPU count (at most 4).
        seed: sampling seed, for repeatable answers.
    """

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        n_ctx: int = 4096,
        threads: int | None = None,
        seed: int = 0,
    ) -> None:
        from ragclone.local_models import DEFAULT_MODEL, PACKAGED_MODELS

        self._packaged = DEFAULT_MODEL if path is None else None
        if isinstance(path, str) and path in PACKAGED_MODELS:
            self._packaged = path
        self._path = None if self._packaged else Path(path) if path is not None else None
        self._n_ctx = n_ctx
        self._threads = thread_count(threads)
        self._seed = seed

    @property
    def path(self) -> Path:
        """The GGUF file (the packaged default is assembled and verified here)."""
        if self._path is None:
            from ragclone.local_models import packaged_gguf

            self._path = packaged_gguf(self._packaged or "")
        return self._path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def n_ctx(self) -> int:
        """The context window in tokens."""
        return self._n_ctx

    def __repr__(self) -> str:
        which = self._packaged or str(self._path)
        return f"LocalChatModel({which!r}, threads={self._threads})"

    @property
    def llama(self) -> Any:
        """The loaded `llama_cpp.Llama`, loaded once per process per file and settings."""
        path = self.path
        key = (str(path), self._n_ctx, self._threads)
        with _llamas_lock:
            if key not in _llamas:
                if not path.is_file():
                    raise ModelError(f"no GGUF model at {path}")
                try:
                    from llama_cpp import Llama

                    _llamas[key] = Llama(
                        model_path=str(path),
                        n_ctx=self._n_ctx,
                        n_threads=self._threads,
                        n_threads_batch=self._threads,
                        seed=self._seed,
                        verbose=False,
                    )
                except Exception as e:
                    raise ModelError(f"cannot load the GGUF model {path}: {e}") from e
            return _llamas[key]

    def count_tokens(self, text: str) -> int:
        """Tokens `text` takes in this model."""
        return len(self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    def complete(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.2,
        json_schema: Mapping[str, Any] | None = None,
    ) -> Completion:
        checked = _check_messages(messages)
        extra: dict[str, Any] = {}
        if json_schema is not None:
            extra["response_format"] = {"type": "json_object", "schema": dict(json_schema)}
        try:
            response = self.llama.create_chat_completion(
                messages=checked, max_tokens=max_tokens, temperature=temperature, **extra
            )
        except ModelError:
            raise
        except Exception as e:
            raise ModelError(f"generation failed: {e}") from e
        usage = response.get("usage") or {}
        return Completion(
            text=response["choices"][0]["message"].get("content") or "",
            usage=Usage(
                prompt_tokens=usage.get("prompt_tokens", 0),
                completion_tokens=usage.get("completion_tokens", 0),
            ),
            model=self.name,
        )

    def stream(
        self, messages: Sequence[Message], *, max_tokens: int = 256, temperature: float = 0.2
    ) -> Iterator[str | Completion]:
        checked = _check_messages(messages)
        parts: list[str] = []
        try:
            llama = self.llama
            for chunk in llama.create_chat_completion(
                messages=checked, max_tokens=max_tokens, temperature=temperature, stream=True
            ):
                delta = chunk["choices"][0]["delta"].get("content")
                if delta:
                    parts.append(delta)
                    yield delta
        except ModelError:
            raise
        except Exception as e:
            raise ModelError(f"generation failed: {e}") from e
        text = "".join(parts)
        # llama.cpp reports no usage when streaming; its context now holds prompt + answer.
        completion_tokens = self.count_tokens(text)
        prompt_tokens = max(0, int(llama.n_tokens) - completion_tokens)
        yield Completion(
            text=text,
            usage=Usage(prompt_tokens=prompt_tokens, completion_tokens=completion_tokens),
            model=self.name,
        )


def chat_model_from_config(spec: str | None = None) -> ChatModel:
    """The chat model a setting names: $RAGCLONE_CHAT_MODEL unless `spec` is given.

    A spec is a packaged model's name, a path to a GGUF file, or `openai:MODEL` for an
    OpenAI-compatible endpoint (OPENAI_BASE_URL / OPENAI_API_KEY). None: the packaged default.
    """
    chosen = spec or os.environ.get("RAGCLONE_CHAT_MODEL", "").strip() or None
    if chosen is None:
        return LocalChatModel()
    if chosen.startswith("openai:"):
        return OpenAIChatModel(chosen.removeprefix("openai:"))
    return LocalChatModel(chosen)


def parse_json(completion: Completion) -> Any:
    """The JSON a schema-constrained completion holds, tolerating a Markdown code fence.

    Raises:
        ModelError: the text is not JSON.
    """
    text = completion.text.strip()
    if text.startswith("```"):
        text = text.strip("`").removeprefix("json").strip()
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ModelError(f"the model did not return JSON: {completion.text[:200]!r}") from e
