"""The exceptions ragclone raises.

```
RagcloneError
├── ConfigError
├── StoreError
│   ├── FactNotFound
│   └── EmbedderMismatch
├── ModelError            (wraps the backend's error with `raise ... from e`)
└── IngestError
    ├── ExportParseError  (path, line_no, line)
    └── BiographyError    (every invalid entry, each with file and line)
```

An unsupported claim is data in a reply, never an exception.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class RagcloneError(Exception):
    """Base class of every error ragclone raises on purpose."""


class ConfigError(RagcloneError, ValueError):
    """A setting, an argument or a value given by the user is invalid.

    It is a ValueError too, so pydantic validators can raise it and report it per field.
    """


class StoreError(RagcloneError):
    """The fact or history store cannot be opened, read or written."""


class FactNotFound(StoreError):
    """No fact with the given id exists in the clone's store."""

    def __init__(self, fact_id: str) -> None:
        super().__init__(f"no fact with id {fact_id!r}")
        self.fact_id = fact_id


class EmbedderMismatch(StoreError):
    """The store was built with a different embedder than the one given."""

    def __init__(self, stored: str, given: str) -> None:
        super().__init__(
            f"this store was embedded with {stored!r}, not {given!r}; "
            "open it with the same embedder or rebuild it"
        )
        self.stored = stored
        self.given = given


class ModelError(RagcloneError):
    """A chat or embedding model failed; the backend's error is the cause."""


class IngestError(RagcloneError):
    """Input to be ingested (a chat export, a biography) is invalid."""


class ExportParseError(IngestError):
    """A line of a chat export cannot be parsed."""

    def __init__(self, path: str | Path | None, line_no: int, line: str, reason: str) -> None:
        where = f"{path}:{line_no}" if path else f"line {line_no}"
        super().__init__(f"{where}: {reason}: {line[:200]!r}")
        self.path = path
        self.line_no = line_no
        self.line = line
        self.reason = reason


class BiographyProblem:
    """One invalid entry of a biography file."""

    __slots__ = ("path", "line_no", "message")

    def __init__(self, path: Path, line_no: int, message: str) -> None:
        self.path = path
        self.line_no = line_no
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}:{self.line_no}: {self.message}"

    def __repr__(self) -> str:
        return f"BiographyProblem({str(self)!r})"


class BiographyError(IngestError):
    """One or more biography entries are invalid; nothing was stored."""

    def __init__(self, problems: Sequence[BiographyProblem]) -> None:
        lines = "\n".join(f"  {p}" for p in problems)
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the biography, nothing was stored:\n{lines}")
        self.problems = list(problems)
