"""The state of ``newstool run``: one SQLite file (standard library, WAL journal) beside the
outputs, ``.newstool-state.sqlite``.

Table ``inputs``, one row per input path: ``size``, ``mtime_ns``, ``sha256`` (of the bytes that
were processed), ``fingerprint`` (of the pipeline that processed them), ``status`` (``ok`` or
``failed``), ``error`` (every message of a failed input, one per line), ``doc_ids`` and
``documents`` (the processed documents, as JSON Lines, in input order), ``summary`` (their
partial corpus :class:`~newstool.stats.summary.Summary`, as JSON, when the run has a summary
output; empty otherwise, and in a state made before the column existed), and ``published``
(0 until the outputs hold these documents). Table ``meta``: what the installed outputs are (see
:mod:`newstool.run.outputs`). Every change is one transaction, so a killed run leaves each row
either as it was or complete (the rows of several inputs may share one: all or none of them).

Durability: a row is committed without waiting for the disk (WAL with ``synchronous=NORMAL``:
a killed process loses nothing committed, and the file is never corrupt), because a row lost
to a power cut only means its input is processed again. The commit of a publication waits for
the disk (``synchronous=FULL``), which also makes every row committed before it durable (the
WAL is one file, synced up to that point).

>>> import tempfile, pathlib
>>> state = State.open(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite")
>>> state.record(InputRow("a.txt", 3, 1, "ab", "f1", "ok", "", ["id1"], '{"id": "id1"}\\n'))
>>> [row.doc_ids for row in state.rows()], state.pending()
([['id1']], True)
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATE_NAME = ".newstool-state.sqlite"
LOCK_NAME = ".newstool-state.lock"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS inputs (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
    error TEXT NOT NULL,
    doc_ids TEXT NOT NULL,
    documents TEXT NOT NULL,
    published INTEGER NOT NULL DEFAULT 0,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class InputRow:
    """What the state knows of one input."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    fingerprint: str
    status: str
    error: str
    doc_ids: list[str]
    documents: str  # JSON Lines
    published: bool = False
    summary: str = ""  # the documents' partial Summary (``Summary.state()``) as JSON, or ""


class State:
    """The state file, open; every method that changes it is one transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> State:
        """Open (create, unless ``read_only``) the state file."""
        if read_only:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
            return cls(db)
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None)  # transactions are explicit
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # see the module docstring: publish() is FULL
        db.executescript(_SCHEMA)
        columns = {row[1] for row in db.execute("PRAGMA table_info(inputs)")}
        if "summary" not in columns:  # a state from before partial summaries: rows keep theirs ""
            db.execute("ALTER TABLE inputs ADD COLUMN summary TEXT NOT NULL DEFAULT ''")
        return cls(db)

    @classmethod
    def empty(cls) -> State:
        """A state with no rows, in memory (``--dry-run`` before the first run)."""
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.executescript(_SCHEMA)
        return cls(db)

    def close(self) -> None:
        self.db.close()

    def rows(self) -> Iterator[InputRow]:
        """Every row, by path."""
        for row in self.db.execute(
            "SELECT path, size, mtime_ns, sha256, fingerprint, status, error, doc_ids, "
            "documents, published, summary FROM inputs ORDER BY path"
        ):
            yield InputRow(*row[:7], json.loads(row[7]), row[8], bool(row[9]), row[10])

    def summaries(self) -> dict[str, InputRow]:
        """Every row without its documents (cheap), by path."""
        found = {}
        for row in self.db.execute(
            "SELECT path, size, mtime_ns, sha256, fingerprint, status, error, doc_ids, "
            "published FROM inputs"
        ):
            found[row[0]] = InputRow(*row[:7], json.loads(row[7]), "", bool(row[8]))
        return found

    def record(self, row: InputRow) -> None:
        """Insert or replace one input's row, not yet published (one transaction)."""
        self.record_all([row])

    def record_all(self, rows: list[InputRow]) -> None:
        """Insert or replace the rows of several inputs, not yet published, in one transaction
        (cheaper than one each: fewer locks and writes)."""
        with self._transaction():
            self.db.executemany(
                "INSERT OR REPLACE INTO inputs (path, size, mtime_ns, sha256, fingerprint, "
                "status, error, doc_ids, documents, published, summary) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                [
                    (
                        row.path,
                        row.size,
                        row.mtime_ns,
                        row.sha256,
                        row.fingerprint,
                        row.status,
                        row.error,
                        json.dumps(row.doc_ids),
                        row.documents,
                        row.summary,
                    )
                    for row in rows
                ],
            )

    def touch(self, path: str, size: int, mtime_ns: int) -> None:
        """The same bytes under a new size/mtime (a copy, a ``touch``): remember the stat."""
        with self._transaction():
            self.db.execute(
                "UPDATE inputs SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path)
            )

    def remove(self, paths: list[str]) -> None:
        """Drop the rows of inputs that are gone (``--prune``); published again afterwards."""
        with self._transaction():
            self.db.executemany("DELETE FROM inputs WHERE path = ?", [(p,) for p in paths])
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('pruned', '1')")

    def pending(self) -> bool:
        """Whether some rows (or a prune) are not in the outputs yet."""
        unpublished = self.db.execute("SELECT 1 FROM inputs WHERE published = 0 LIMIT 1")
        return unpublished.fetchone() is not None or self.get("pruned") is not None

    def set(self, key: str, value: Any) -> None:
        """Record one ``meta`` value (JSON), in its own transaction."""
        with self._transaction():
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    def get(self, key: str) -> Any:
        """A ``meta`` value (JSON), or None."""
        found = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(found[0]) if found else None

    def publish(self, meta: dict[str, Any]) -> None:
        """The commit point of a publication: every row published and ``meta`` recorded, in one
        transaction, synced to the disk before it returns."""
        self.db.execute("PRAGMA synchronous=FULL")
        try:
            with self._transaction():
                self.db.execute("UPDATE inputs SET published = 1 WHERE published = 0")
                self.db.execute("DELETE FROM meta WHERE key = 'pruned'")
                self.db.executemany(
                    "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                    [(key, json.dumps(value)) for key, value in meta.items()],
                )
        finally:
            self.db.execute("PRAGMA synchronous=NORMAL")

    def _transaction(self) -> Any:
        return _Transaction(self.db)


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on any exception, Ctrl-C included)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: Any, *_: Any) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


__all__ = ["LOCK_NAME", "STATE_NAME", "InputRow", "State"]
