"""The audit log: every change to a fact (add, superseded, forget), in a SQLite file per clone.

It lives beside the clone's data, `<home>/<clone>/audit.sqlite3`, also when the facts are on a
Chroma server, and survives the facts it describes: a forgotten fact's history stays readable.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from ragclone.errors import StoreError
from ragclone.models import AuditAction, AuditEntry, Fact

_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    fact_id TEXT NOT NULL,
    action  TEXT NOT NULL,
    at      TEXT NOT NULL,
    fact    TEXT NOT NULL,
    note    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_fact_id ON audit (fact_id);
"""


class AuditLog:
    """Append-only record of changes to facts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as e:
            raise StoreError(f"cannot open the audit log {path}: {e}") from e

    def record(self, entries: Sequence[tuple[Fact, AuditAction, str]]) -> None:
        """Append entries in one transaction: all of them are written, or none."""
        if not entries:
            return
        at = datetime.now(UTC).isoformat()
        rows = [(f.id, action, at, f.model_dump_json(), note) for f, action, note in entries]
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT INTO audit (fact_id, action, at, fact, note) VALUES (?, ?, ?, ?, ?)",
                    rows,
                )
        except sqlite3.Error as e:
            raise StoreError(f"cannot write the audit log {self.path}: {e}") from e

    def entries(self, fact_id: str) -> list[AuditEntry]:
        """Every entry for the fact, oldest first."""
        rows = self._db.execute(
            "SELECT fact_id, action, at, fact, note FROM audit WHERE fact_id = ? ORDER BY seq",
            (fact_id,),
        ).fetchall()
        return [
            AuditEntry(
                fact_id=row[0],
                action=row[1],
                at=datetime.fromisoformat(row[2]),
                fact=Fact.model_validate_json(row[3]),
                note=row[4],
            )
            for row in rows
        ]

    def close(self) -> None:
        """Close the database file."""
        self._db.close()
