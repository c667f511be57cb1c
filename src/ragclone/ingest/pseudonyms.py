"""Pseudonyms for the other people in a chat: names and phone numbers replaced before storing.

A pseudonym is a keyed hash of the name ("Contact 3f9a1c"), with a random key kept beside the
clone: the same person gets the same pseudonym in every ingest (so re-ingesting stays
idempotent), and nobody without the key can test a guessed name against the stored text.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

KEY_FILE = "pseudonym.key"
PHONE = re.compile(r"(?<![\w+])\+?\d[\d \u00a0\-().]{6,}\d(?!\w)")


def load_key(clone_dir: Path) -> bytes:
    """The clone's pseudonym key, created (readable by the owner only) on first use."""
    path = clone_dir / KEY_FILE
    if path.is_file():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    clone_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as f:
        f.write(key.hex())
    return key


class Pseudonymizer:
    """Replaces the names of other participants, and any phone number, in names and texts.

    Args:
        key: the clone's secret key.
        names: the other participants' names as the export writes them.
    """

    def __init__(self, key: bytes, names: Iterable[str]) -> None:
        self._key = key
        self._names = {name: self.pseudonym(name) for name in names if name}
        # First names too ("Mina" for "Mina Park"), longest first so full names win.
        for name in list(self._names):
            first = name.split()[0] if " " in name else ""
            if len(first) >= 3 and first not in self._names:
                self._names[first] = self._names[name]
        ordered = sorted(self._names, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
            if ordered
            else None
        )

    def pseudonym(self, name: str) -> str:
        """The stable pseudonym of a name or number."""
        digest = hmac.new(self._key, name.strip().casefold().encode("utf-8"), hashlib.sha256)
        return f"Contact {digest.hexdigest()[:6]}"

    def __call__(self, text: str) -> str:
        """`text` with every known name and every phone number replaced."""
        if text in self._names:
            return self._names[text]
        replaced = PHONE.sub(lambda m: self.pseudonym(re.sub(r"\D", "", m.group())), text)
        if self._pattern is None:
            return replaced
        return self._pattern.sub(lambda m: self._names[m.group(1)], replaced)
