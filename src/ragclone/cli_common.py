"""What every `ragclone` command shares: opening a clone, printing, turning errors into messages."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

import click
from pydantic import BaseModel
from rich.console import Console

from ragclone.chat import chat_model_from_config
from ragclone.clone import Clone
from ragclone.errors import RagcloneError

F = TypeVar("F", bound=Callable[..., Any])


def console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def print_json(value: BaseModel | Sequence[BaseModel]) -> None:
    if isinstance(value, BaseModel):
        click.echo(value.model_dump_json(indent=2))
    else:
        click.echo(json.dumps([item.model_dump(mode="json") for item in value], indent=2))


def handle_errors(command: F) -> F:
    """Turn a RagcloneError into a one-line message and exit code 1, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except RagcloneError as e:
            raise click.ClickException(str(e)) from e

    return wrapper  # type: ignore[return-value]


def open_clone(
    ctx: click.Context, name: str, *, create: bool = False, model_spec: str | None = None
) -> Clone:
    options = ctx.find_root().obj or {}
    clone = Clone(
        name, home=options.get("home"), chroma_url=options.get("chroma_url"), create=create
    )
    ctx.call_on_close(clone.close)
    if model_spec:
        clone.chat_model = chat_model_from_config(model_spec)
    return clone


def text_or_stdin(text: str | None) -> str:
    """The argument, or standard input when it is missing or "-"."""
    return sys.stdin.read() if text is None or text == "-" else text
