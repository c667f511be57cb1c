"""Reading an export file as numbered lines: encodings, zip archives, binary files, streaming.

Exports come as UTF-8 (with or without a BOM) or UTF-16, as `.txt` or as the `.zip` WhatsApp
shares (the `_chat.txt` inside; media files ignored), with CRLF, LF or both. Lines are read one
at a time, so a file of any size takes constant memory, and the file can be read again for a
second pass.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ragclone.errors import ExportParseError, IngestError

SNIFF_BYTES = 4096
ZIP_MAGIC = b"PK\x03\x04"


def is_zip(path: Path) -> bool:
    """Whether the file starts like a zip archive."""
    with path.open("rb") as f:
        return f.read(4) == ZIP_MAGIC


def detect_encoding(head: bytes, *, name: str) -> str:
    """The text encoding of a file from its first bytes.

    Raises:
        IngestError: the bytes are not text (a binary file).
    """
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head:
        even, odd = head[0::2], head[1::2]
        if odd and odd.count(0) > 0.9 * len(odd):
            return "utf-16-le"
        if even and even.count(0) > 0.9 * len(even):
            return "utf-16-be"
        raise IngestError(f"{name} is a binary file, not a chat export")
    return "utf-8"


@contextmanager
def open_binary(path: Path, *, member_suffix: str = ".txt") -> Iterator[IO[bytes]]:
    """The export's bytes: the file itself, or the chat inside a zip archive.

    Raises:
        IngestError: the file is missing, or the zip is damaged or holds no chat.
    """
    if not path.is_file():
        raise IngestError(f"no file at {path}")
    if not is_zip(path):
        with path.open("rb") as f:
            yield f
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise IngestError(f"{path} is not a readable zip archive (truncated or damaged?)") from e
    with archive:
        member = pick_member(archive.namelist(), member_suffix)
        if member is None:
            raise IngestError(f"{path} holds no chat ({member_suffix} file) to read")
        with archive.open(member) as f:
            yield f


def pick_member(names: list[str], suffix: str) -> str | None:
    """The chat file in an archive: WhatsApp's `_chat.txt`, else the only file with `suffix`."""
    for name in names:
        if name.rsplit("/", 1)[-1] == "_chat.txt":
            return name
    candidates = [n for n in names if n.lower().endswith(suffix) and not n.endswith("/")]
    return candidates[0] if len(candidates) == 1 else None


def iter_lines(source: Path | str, *, name: str | None = None) -> Iterator[tuple[int, str]]:
    """Numbered lines (1-based) of a file, or of text given directly, newlines removed.

    Raises:
        IngestError: the file is binary, damaged or not valid text in its encoding; the error
            names the line.
    """
    if isinstance(source, str):
        yield from _numbered(io.StringIO(source, newline=""), name or "<text>")
        return
    label = name or str(source)
    with open_binary(source) as raw:
        encoding = detect_encoding(raw.read(SNIFF_BYTES), name=label)
    with open_binary(source) as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        yield from _numbered(text, label)


def _numbered(text: IO[str], label: str) -> Iterator[tuple[int, str]]:
    line_no = 0
    try:
        for line_no, line in enumerate(text, 1):  # noqa: B007 - line_no is read in the except
            yield line_no, line.rstrip("\r\n")
    except UnicodeDecodeError as e:
        raise ExportParseError(label, line_no + 1, "", f"not valid {e.encoding} text") from e
    except (zipfile.BadZipFile, zlib.error, EOFError) as e:
        raise IngestError(f"{label} is truncated or damaged after line {line_no}") from e


def read_head(source: Path | str, size: int = SNIFF_BYTES) -> str:
    """The first characters of an export, for telling formats apart."""
    chunks: list[str] = []
    total = 0
    for _, line in iter_lines(source):
        chunks.append(line)
        total += len(line) + 1
        if total >= size:
            break
    return "\n".join(chunks)[:size]
