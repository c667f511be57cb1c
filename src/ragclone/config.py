"""Settings: explicit arguments win over RAGCLONE_* environment variables, which win over defaults.

| setting      | environment variable   | default                                          |
|--------------|------------------------|--------------------------------------------------|
| home         | RAGCLONE_HOME          | platformdirs.user_data_dir("ragclone")           |
| chroma_url   | RAGCLONE_CHROMA_URL    | none: an on-disk store under home/<clone>        |
| threads      | RAGCLONE_THREADS       | the CPU count, at most 4                         |
| embedder     | RAGCLONE_EMBEDDER      | the packaged all-MiniLM-L6-v2 (a local path)     |
| chat model   | RAGCLONE_CHAT_MODEL    | the packaged Qwen2.5-Coder-1.5B-Instruct GGUF;   |
|              |                        | or a GGUF path, a packaged name, `openai:MODEL`  |
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import platformdirs

from ragclone.errors import ConfigError

# Chroma's collection-name rules, which clone names must also meet since they name collections.
_CLONE_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$")


def _env(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def data_dir(home: str | Path | None = None) -> Path:
    """Where clones live: `home`, else $RAGCLONE_HOME, else the user data dir. Never the cwd."""
    chosen = home if home is not None else _env("RAGCLONE_HOME")
    if chosen is None:
        return Path(platformdirs.user_data_dir("ragclone", appauthor=False))
    path = Path(chosen).expanduser()
    if not path.is_absolute():
        # A relative RAGCLONE_HOME would silently follow the current directory around.
        raise ConfigError(f"the ragclone home must be an absolute path, not {str(chosen)!r}")
    return path


def check_clone_name(name: str) -> str:
    """Return the name if it can name a clone (and its directory and collections)."""
    if not isinstance(name, str) or not _CLONE_NAME.match(name):
        raise ConfigError(
            f"invalid clone name {name!r}: use 1-63 letters, digits, '-' or '_', "
            "starting and ending with a letter or digit"
        )
    return name


def chroma_url(explicit: str | None = None) -> str | None:
    """The Chroma server URL, when one is configured."""
    url = explicit or _env("RAGCLONE_CHROMA_URL")
    if url is None:
        return None
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ConfigError(f"invalid Chroma server URL {url!r}: expected http(s)://host:port")
    return url


def thread_count(explicit: int | None = None) -> int:
    """How many CPU threads model code may use. Set explicitly, or libraries oversubscribe."""
    raw: int | str | None = explicit if explicit is not None else _env("RAGCLONE_THREADS")
    if raw is None:
        return max(1, min(4, os.cpu_count() or 1))
    try:
        count = int(raw)
    except ValueError:
        raise ConfigError(f"RAGCLONE_THREADS must be a whole number, not {raw!r}") from None
    if count < 1:
        raise ConfigError(f"the thread count must be at least 1, not {count}")
    return count


def embedder_path(explicit: str | Path | None = None) -> str | None:
    """A user-chosen embedding model (local path or hub name), or None for the packaged default."""
    chosen = explicit if explicit is not None else _env("RAGCLONE_EMBEDDER")
    return None if chosen is None else str(chosen)
