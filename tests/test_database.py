"""newstool.database: tables, full-text index, upsert by id, schema checks, batches."""

from __future__ import annotations

import json
import sqlite3

import pytest

from newstool import database
from newstool.database import CorpusDatabase, DatabaseError
from newstool.model import Document

RECORD_TABLES = ("sentences", "notes", "edits", "warnings", "quotes")

QUOTE = {
    "start": 0,
    "end": 12,
    "text": "We will go",
    "kind": "direct",
    "cue": "said",
    "cue_start": 20,
    "cue_end": 24,
    "speaker_mention": "Lavrov",
    "speaker_mention_start": 13,
    "speaker_mention_end": 19,
    "speaker": "Lavrov",
    "speaker_start": 13,
    "speaker_end": 19,
    "resolution": "surname",
    "rule": "quote-speaker-cue",
}


def article(doc_id: str, body: str, **fields) -> Document:
    """A processed article: sentences, a note, edits of text and title, a warning, stats."""
    text = f'"We will go" Lavrov said. {body}'
    first = text.index(body)
    return Document.from_dict(
        {
            "id": doc_id,
            "title": f"Talks {doc_id}",
            "text": text,
            "source": {"path": f"in/{doc_id}.txt", "sha256": "ab" * 32, "encoding": "utf-8"},
            "sentences": [
                {"start": 0, "end": first - 1, "text": text[: first - 1]},
                {"start": first, "end": len(text), "text": body},
            ],
            "notes": [{"kind": "editorial", "text": "outlawed in Russia"}],
            "edits": [
                {"rule": "collapse_space_runs", "start": 4, "end": 5, "before": "  ", "after": " "}
            ],
            "title_edits": [
                {"rule": "strip_title", "start": 0, "end": 0, "before": " ", "after": ""}
            ],
            "warnings": ["clean: removed an orphan comma"],
            "stats": {
                "words": 9,
                "sentences": 2,
                "flesch_reading_ease": 71.5,
                "top_terms": [{"term": "idlib", "count": 1}],
            },
            "meta": {"author": "A. Writer", "site": "Example News", "url": "https://x.test/a"},
            "quotes": [QUOTE],
            **fields,
        }
    )


def counts(path) -> dict[str, int]:
    db = sqlite3.connect(path)
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in database.TABLES}


def search(path, query: str) -> list[str]:
    db = sqlite3.connect(path)
    return [
        row[0]
        for row in db.execute(
            "SELECT documents.id FROM documents_fts JOIN documents "
            "ON documents.rowid = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY 1",
            (query,),
        )
    ]


def assert_consistent(path) -> None:
    """No orphan record, no duplicate record, the FTS index agrees with its content."""
    db = sqlite3.connect(path)
    for table in RECORD_TABLES:
        orphans = db.execute(
            f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        twins = db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY doc_id, n HAVING count(*) > 1)"
        ).fetchone()[0]
        assert (table, orphans, twins) == (table, 0, 0)
    db.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def write(path, *docs: Document) -> None:
    with CorpusDatabase.open(path) as db:
        for doc in docs:
            db.put(doc.to_dict())


def test_every_table_gets_its_rows_and_the_json_column_is_the_document(tmp_path):
    path = tmp_path / "c.db"
    docs = [article("a1", "Rain fell on Idlib."), article("b2", "Snow fell on Aleppo.")]
    write(path, *docs)
    assert counts(path) == {
        "documents": 2,
        "sentences": 4,
        "notes": 2,
        "edits": 4,
        "warnings": 2,
        "quotes": 2,
    }
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    row = db.execute("SELECT * FROM documents WHERE id = 'a1'").fetchone()
    assert json.loads(row["json"]) == docs[0].to_dict()
    assert (row["title"], row["path"], row["encoding"]) == ("Talks a1", "in/a1.txt", "utf-8")
    assert (row["author"], row["site"], row["date"]) == ("A. Writer", "Example News", None)
    assert (row["words"], row["sentences"], row["flesch_reading_ease"]) == (9, 2, 71.5)
    sentences = db.execute('SELECT n, start, "end", text FROM sentences WHERE doc_id = ?', ("a1",))
    text = docs[0].text
    assert [(s["n"], text[s["start"] : s["end"]]) for s in sentences] == [
        (0, '"We will go" Lavrov said.'),
        (1, "Rain fell on Idlib."),
    ]
    fields = db.execute("SELECT field FROM edits WHERE doc_id = 'a1' ORDER BY n").fetchall()
    assert [f[0] for f in fields] == ["text", "title"]
    quote = db.execute("SELECT speaker, cue_start, resolution FROM quotes").fetchone()
    assert tuple(quote) == ("Lavrov", 20, "surname")
    assert [tuple(r) for r in db.execute("SELECT version FROM newstool_schema")] == [(1,)]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for table in RECORD_TABLES:
        indexes = {r["name"] for r in db.execute(f"PRAGMA index_list({table})")}
        assert f"idx_{table}_doc_id" in indexes
        (key,) = db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
        assert (key["table"], key["from"], key["to"]) == ("documents", "doc_id", "id")
    assert search(path, "Idlib") == ["a1"] and search(path, "title:talks") == ["a1", "b2"]
    found_as_datasette_does = db.execute(  # Datasette and sqlite-utils look for this spelling
        "SELECT name FROM sqlite_master WHERE rootpage = 0 "
        """AND sql LIKE '%VIRTUAL TABLE%USING FTS%content="documents"%'"""
    ).fetchall()
    assert [tuple(r) for r in found_as_datasette_does] == [("documents_fts",)]
    assert_consistent(path)


def test_a_changed_document_replaces_its_rows_and_search_follows(tmp_path):
    path = tmp_path / "c.db"
    write(path, article("a1", "Rain fell on Idlib."), article("b2", "Snow fell on Aleppo."))
    changed = article("a1", "Fog hid Homs.", warnings=[], notes=[])
    write(path, changed)
    assert counts(path) == {
        "documents": 2,
        "sentences": 4,
        "notes": 1,
        "edits": 4,
        "warnings": 1,
        "quotes": 2,
    }
    assert search(path, "Idlib") == [] and search(path, "Homs") == ["a1"]
    text = sqlite3.connect(path).execute("SELECT json FROM documents WHERE id = 'a1'").fetchone()
    assert json.loads(text[0]) == changed.to_dict()
    with CorpusDatabase.open(path) as db:
        db.delete(["b2"])
    assert search(path, "Aleppo") == [] and counts(path)["sentences"] == 2
    assert_consistent(path)


def test_rows_a_users_connection_left_behind_are_replaced_too(tmp_path):
    path = tmp_path / "c.db"
    write(path, article("a1", "Rain fell on Idlib."))
    user = sqlite3.connect(path)  # foreign keys off, as every connection starts
    user.execute("DELETE FROM documents")
    user.commit()
    write(path, article("a1", "Rain fell on Idlib."))
    assert counts(path)["sentences"] == 2
    assert_consistent(path)


def test_a_document_that_cannot_be_stored_leaves_nothing_of_itself(tmp_path):
    path = tmp_path / "c.db"
    bad = {**article("a1", "Rain.").to_dict(), "quotes": [{**QUOTE, "speaker": {"a": "b"}}]}
    with CorpusDatabase.open(path) as db:
        with pytest.raises(sqlite3.ProgrammingError):
            db.put(bad)
        db.put(article("b2", "Snow.").to_dict())
    assert counts(path)["documents"] == 1 and counts(path)["sentences"] == 2
    assert_consistent(path)


def test_writes_are_committed_a_batch_of_documents_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "BATCH_DOCUMENTS", 2)
    path = tmp_path / "c.db"
    db = CorpusDatabase.open(path)
    for n in range(3):
        db.put({"id": f"d{n}", "text": f"Text {n}."})
    assert counts(path)["documents"] == 2  # what another connection sees: the first batch
    db.abandon()  # as if killed: the third document's batch is rolled back
    assert counts(path)["documents"] == 2
    assert_consistent(path)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda p: p.write_text('{"id": "x"}\n'), "not a SQLite database"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE mine (x)"),
            "did not write .it has no newstool_schema table.",
        ),
        (
            lambda p: sqlite3.connect(p, isolation_level=None).executescript(
                "CREATE TABLE newstool_schema (version); INSERT INTO newstool_schema VALUES (2)"
            ),
            "schema version 2, but this newstool writes version 1",
        ),
    ],
)
def test_a_file_newstool_cannot_write_into_is_refused_untouched(tmp_path, setup, message):
    path = tmp_path / "c.db"
    setup(path)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match=message) as refused:
        CorpusDatabase.open(path)
    assert str(refused.value).startswith(f"{path}: ")
    assert path.read_bytes() == before


def test_a_sqlite_without_fts5_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(database, "has_fts5", lambda db: False)
    with pytest.raises(DatabaseError, match="built without FTS5"):
        CorpusDatabase.open(tmp_path / "c.db")


def test_this_python_has_fts5():
    assert database.has_fts5(sqlite3.connect(":memory:"))
