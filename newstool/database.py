"""The corpus as a SQLite database (standard library ``sqlite3``), with full-text search.

One row per document in ``documents`` (its source fields, page metadata, main figures as
columns, and the whole document in ``json``), one row per record in ``sentences``, ``notes``,
``edits``, ``warnings`` and ``quotes`` (each with ``doc_id`` and ``n``, the record's position in
the document's list), the FTS5 index ``documents_fts`` over title and text (external content,
kept in sync by triggers on ``documents``, as sqlite-utils names and builds it, written
``content="documents"`` so that sqlite-utils and Datasette find it), and
``newstool_schema`` (the version of these tables).

Writing a document deletes its old rows in every table first, so a changed document never
leaves orphans or duplicates (the record tables also cascade from ``documents`` for a user who
deletes documents with foreign keys on). Writes are grouped in
transactions of at most :data:`BATCH_DOCUMENTS` documents; the journal is WAL, so readers
(Datasette, the ``sqlite3`` shell) see the last committed transaction while a writer works.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "corpus.db"
>>> with CorpusDatabase.open(path) as db:
...     db.put({"id": "a1", "title": "Talks in Idlib", "text": "Talks went on."})
>>> import sqlite3
>>> sqlite3.connect(path).execute(
...     "SELECT id FROM documents_fts JOIN documents ON documents.rowid = documents_fts.rowid "
...     "WHERE documents_fts MATCH 'idlib'").fetchall()
[('a1',)]
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# The version of the tables below; another version in an existing file is refused.
DATABASE_VERSION = 1

# Documents per transaction: a crash loses at most the batch being written, and a long export
# shows its progress to readers as it goes.
BATCH_DOCUMENTS = 200

# Columns of ``documents`` taken from ``source``, ``meta`` and ``stats``, in table order.
SOURCE_COLUMNS = ("path", "sha256", "encoding", "ingested_at")
META_COLUMNS = ("author", "date", "site", "url")
STATS_COLUMNS = {
    "characters": "INTEGER",
    "words": "INTEGER",
    "sentences": "INTEGER",
    "paragraphs": "INTEGER",
    "syllables": "INTEGER",
    "reading_time_s": "REAL",
    "flesch_reading_ease": "REAL",
    "flesch_kincaid_grade": "REAL",
    "gunning_fog": "REAL",
    "smog_index": "REAL",
    "coleman_liau_index": "REAL",
    "automated_readability_index": "REAL",
    "language": "TEXT",
}

# The record tables: name -> (the document's field, the record's columns).
RECORD_TABLES = {
    "sentences": ("sentences", ("start", "end", "text")),
    "notes": ("notes", ("kind", "text")),
    "quotes": (
        "quotes",
        (
            "start",
            "end",
            "text",
            "kind",
            "cue",
            "cue_start",
            "cue_end",
            "speaker_mention",
            "speaker_mention_start",
            "speaker_mention_end",
            "speaker",
            "speaker_start",
            "speaker_end",
            "resolution",
            "rule",
        ),
    ),
}
EDIT_COLUMNS = ("field", "rule", "start", "end", "before", "after")
TABLES = ("documents", "sentences", "notes", "edits", "warnings", "quotes")


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f'"{name}"' for name in names)


def _column_type(column: str) -> str:
    """Offsets are integers, the rest text.

    >>> _column_type("cue_start"), _column_type("end"), _column_type("speaker")
    ('INTEGER', 'INTEGER', 'TEXT')
    """
    offset = column in ("start", "end") or column.endswith(("_start", "_end"))
    return "INTEGER" if offset else "TEXT"


def _record_table(table: str, columns: Iterable[str]) -> str:
    return (
        f"CREATE TABLE {table} (\n"
        "    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
        "    n INTEGER NOT NULL,\n"
        + ",\n".join(f'    "{column}" {_column_type(column)}' for column in columns)
        + f"\n);\nCREATE INDEX idx_{table}_doc_id ON {table}(doc_id);\n"
    )


_DOCUMENT_COLUMNS = (
    "id",
    "title",
    "text",
    *SOURCE_COLUMNS,
    *META_COLUMNS,
    *STATS_COLUMNS,
    "json",
    "json_sha256",
)

SCHEMA = (
    "CREATE TABLE newstool_schema (version INTEGER NOT NULL);\n"
    "CREATE TABLE documents (\n    id TEXT PRIMARY KEY,\n    title TEXT,\n    text TEXT NOT NULL,\n"
    + "".join(f"    {name} TEXT,\n" for name in (*SOURCE_COLUMNS, *META_COLUMNS))
    + "".join(f"    {name} {kind},\n" for name, kind in STATS_COLUMNS.items())
    + "    json TEXT NOT NULL,\n    json_sha256 TEXT NOT NULL\n);\n"
    + "".join(_record_table(table, columns) for table, (_, columns) in RECORD_TABLES.items())
    + _record_table("edits", EDIT_COLUMNS)
    + _record_table("warnings", ("text",))
    + """\
CREATE VIRTUAL TABLE documents_fts
    USING fts5(title, text, content="documents", content_rowid="rowid");
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
"""
)

_INSERT_DOCUMENT = (
    f"INSERT INTO documents ({_quoted(_DOCUMENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_DOCUMENT_COLUMNS))})"
)
_INSERT_RECORDS = {
    table: f"INSERT INTO {table} (doc_id, n, {_quoted(columns)}) "
    f"VALUES (?, ?{', ?' * len(columns)})"
    for table, (_, columns) in {
        **RECORD_TABLES,
        "edits": ("edits", EDIT_COLUMNS),
        "warnings": ("warnings", ("text",)),
    }.items()
}


class DatabaseError(Exception):
    """The database file cannot be used (not SQLite, another schema, no FTS5); the message
    names the file and says what to do."""


def json_digest(line: str) -> str:
    """The SHA-256 of a document's JSON, as ``documents.json_sha256`` records it.

    >>> json_digest('{"id": "a"}')[:12]
    '6f580d13632c'
    """
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def corpus_digest(digests: dict[str, str]) -> str:
    """One digest of which documents a database holds: its ids and their JSON digests.

    >>> corpus_digest({"b": "2", "a": "1"}) == corpus_digest({"a": "1", "b": "2"})
    True
    >>> corpus_digest({}) == corpus_digest({"a": "1"})
    False
    """
    digest = hashlib.sha256()
    for doc_id in sorted(digests):
        digest.update(f"{doc_id}\0{digests[doc_id]}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def has_fts5(db: sqlite3.Connection) -> bool:
    """Whether this Python's SQLite library was built with FTS5 (full-text search)."""
    return bool(db.execute("SELECT sqlite_compileoption_used('ENABLE_FTS5')").fetchone()[0])


def document_values(data: dict[str, Any], line: str, digest: str) -> tuple[Any, ...]:
    """The ``documents`` row of a document (its JSON object ``data``, written as ``line``).

    >>> document_values({"id": "a", "text": "Hi.", "stats": {"words": 1}}, "{}", "d")[:3]
    ('a', None, 'Hi.')
    """
    source = data.get("source") or {}
    meta = data.get("meta") or {}
    stats = data.get("stats") or {}
    return (
        data["id"],
        data.get("title"),
        data["text"],
        *(_scalar(source, name) for name in SOURCE_COLUMNS),
        *(_scalar(meta, name) for name in META_COLUMNS),
        *(_scalar(stats, name) for name in STATS_COLUMNS),
        line,
        digest,
    )


def _scalar(fields: Any, name: str) -> Any:
    """A column's value: the field when it is a string or a number SQLite can hold, else NULL
    (a user's own ``meta`` or ``stats`` may hold anything; ``json`` keeps it).

    >>> _scalar({"words": 2**64}, "words"), _scalar({"words": [1]}, "words"), _scalar(None, "x")
    (None, None, None)
    """
    value = fields.get(name) if isinstance(fields, dict) else None
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return None
    return value if isinstance(value, str | int | float) else None


def record_rows(data: dict[str, Any], field: str, columns: tuple[str, ...]) -> list[tuple]:
    """The rows of one record table: ``(doc_id, n, *columns)`` per record of ``data[field]``.

    >>> record_rows({"id": "a", "sentences": [{"start": 0, "end": 3, "text": "Hi."}]},
    ...             "sentences", ("start", "end", "text"))
    [('a', 0, 0, 3, 'Hi.')]
    """
    records = data.get(field)
    if not isinstance(records, list):
        return []
    return [
        (data["id"], n, *(record.get(column) for column in columns))
        for n, record in enumerate(records)
        if isinstance(record, dict)
    ]


def warning_rows(data: dict[str, Any]) -> list[tuple]:
    """The ``warnings`` rows: ``(doc_id, n, text)``.

    >>> warning_rows({"id": "a", "warnings": ["odd"]})
    [('a', 0, 'odd')]
    """
    warnings = data.get("warnings") or []
    return [(data["id"], n, text) for n, text in enumerate(warnings) if isinstance(text, str)]


def edit_rows(data: dict[str, Any]) -> list[tuple]:
    """The ``edits`` rows: the text's edits (``field`` ``text``), then the title's (``title``).

    >>> edit = {"rule": "r", "start": 0, "end": 1, "before": "", "after": "x"}
    >>> edit_rows({"id": "a", "edits": [edit], "title_edits": [edit]})
    [('a', 0, 'text', 'r', 0, 1, '', 'x'), ('a', 1, 'title', 'r', 0, 1, '', 'x')]
    """
    edits = [
        ("text" if name == "edits" else "title", edit)
        for name in ("edits", "title_edits")
        for edit in (data.get(name) or [])
        if isinstance(edit, dict)
    ]
    return [
        (data["id"], n, field, *(edit.get(column) for column in EDIT_COLUMNS[1:]))
        for n, (field, edit) in enumerate(edits)
    ]


class CorpusDatabase:
    """A corpus database open for writing: :meth:`put` and :meth:`delete` documents; every
    :data:`BATCH_DOCUMENTS` changes, and at :meth:`close`, the transaction is committed."""

    def __init__(self, db: sqlite3.Connection, path: Path) -> None:
        self.db = db
        self.path = path
        self._changes = 0

    @classmethod
    def open(cls, path: str | Path) -> CorpusDatabase:
        """Open (creating it and its tables when new or empty) the database at ``path``.

        Raises :class:`DatabaseError` when ``path`` is not a SQLite database, is one that
        newstool did not write, holds another schema version, or when this Python's SQLite
        lacks FTS5."""
        path = Path(path)
        try:
            db = sqlite3.connect(path, isolation_level=None, timeout=30)
        except sqlite3.Error as exc:
            raise DatabaseError(f"{path}: cannot open the database ({exc})") from None
        try:
            if not has_fts5(db):
                raise DatabaseError(
                    f"{path}: this Python's SQLite ({sqlite3.sqlite_version}) was built without "
                    "FTS5, which the database's full-text index needs; use a Python whose "
                    "sqlite3 module has it (the python.org and most Linux builds do)"
                )
            _prepare(db, path)
        except sqlite3.Error as exc:  # a read-only file or folder, a full disk, a lock held
            db.close()
            raise DatabaseError(f"{path}: cannot write the database ({exc})") from None
        except BaseException:
            db.close()
            raise
        return cls(db, path)

    def __enter__(self) -> CorpusDatabase:
        return self

    def __exit__(self, kind: Any, *_: Any) -> None:
        if kind is None:
            self.close()
        else:
            self.abandon()

    def digests(self) -> dict[str, str]:
        """``{id: json_sha256}`` of every document the database holds (committed or not)."""
        return dict(self.db.execute("SELECT id, json_sha256 FROM documents"))

    def stored(self, doc_id: str) -> tuple[str, str] | None:
        """``(json_sha256, json)`` of the document ``doc_id``, or None when there is none."""
        return self.db.execute(
            "SELECT json_sha256, json FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()

    def put(self, data: dict[str, Any], line: str | None = None) -> None:
        """Write one document (its JSON object ``data``; ``line``, its JSON text, when the
        caller has it), replacing every row of a document with the same id.

        Nothing of it is written when one of its values cannot be stored (a
        :class:`sqlite3.Error`, :class:`TypeError` or :class:`ValueError` is raised)."""
        if line is None:
            from newstool.export import json_text

            line = json_text(data)
        digest = json_digest(line)
        self._begin()
        self.db.execute("SAVEPOINT document")
        try:
            self._remove(data["id"])
            self.db.execute(_INSERT_DOCUMENT, document_values(data, line, digest))
            for table, (field, columns) in RECORD_TABLES.items():
                rows = record_rows(data, field, columns)
                if rows:
                    self.db.executemany(_INSERT_RECORDS[table], rows)
            for table, rows in (("edits", edit_rows(data)), ("warnings", warning_rows(data))):
                if rows:
                    self.db.executemany(_INSERT_RECORDS[table], rows)
        except BaseException:
            self.db.execute("ROLLBACK TO document")
            self.db.execute("RELEASE document")
            raise
        self.db.execute("RELEASE document")
        self._changed()

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove documents and all their rows."""
        for doc_id in doc_ids:
            self._begin()
            self._remove(doc_id)
            self._changed()

    def _remove(self, doc_id: str) -> None:
        """Delete a document's rows in every table (by name, not by cascade: a user's
        connection deletes without foreign keys unless it turns them on)."""
        for table in TABLES[::-1]:
            key = "id" if table == "documents" else "doc_id"
            self.db.execute(f"DELETE FROM {table} WHERE {key} = ?", (doc_id,))

    def commit(self) -> None:
        """Commit what was written since the last commit."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self._changes = 0

    def close(self) -> None:
        """Commit and close."""
        try:
            self.commit()
        finally:
            self.db.close()

    def abandon(self) -> None:
        """Close without committing the batch being written (it is rolled back)."""
        self.db.close()

    def _begin(self) -> None:
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")

    def _changed(self) -> None:
        self._changes += 1
        if self._changes >= BATCH_DOCUMENTS:
            self.commit()


def _prepare(db: sqlite3.Connection, path: Path) -> None:
    """Check the file's tables (creating them in an empty file), turn on WAL and foreign keys."""
    try:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError:
        raise DatabaseError(
            f"{path}: not a SQLite database; give -o the name of a new file or of a "
            "database newstool wrote"
        ) from None
    if not tables:
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(
            f"BEGIN; {SCHEMA} INSERT INTO newstool_schema VALUES ({DATABASE_VERSION}); COMMIT;"
        )
    elif "newstool_schema" not in tables:
        raise DatabaseError(
            f"{path}: a SQLite database that newstool did not write (it has no newstool_schema "
            "table); newstool does not mix its tables into it: give -o the name of a new file"
        )
    else:
        versions = [v for (v,) in db.execute("SELECT version FROM newstool_schema")]
        if versions != [DATABASE_VERSION]:
            found = ", ".join(map(str, versions)) or "none"
            raise DatabaseError(
                f"{path}: a newstool database of schema version {found}, but this newstool "
                f"writes version {DATABASE_VERSION}; write to a new file, or delete this one "
                "to rebuild it"
            )
        db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA synchronous=NORMAL")


def read_digests(path: str | Path) -> dict[str, str] | None:
    """``{id: json_sha256}`` of the documents in the database at ``path``; None when there is
    no such file or it is not a newstool database of this version."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=30)
    except sqlite3.Error:
        return None
    try:
        version = db.execute("SELECT version FROM newstool_schema").fetchall()
        if version != [(DATABASE_VERSION,)]:
            return None
        return dict(db.execute("SELECT id, json_sha256 FROM documents"))
    except sqlite3.DatabaseError:
        return None
    finally:
        db.close()


__all__ = [
    "BATCH_DOCUMENTS",
    "DATABASE_VERSION",
    "CorpusDatabase",
    "DatabaseError",
    "corpus_digest",
    "json_digest",
    "read_digests",
]
