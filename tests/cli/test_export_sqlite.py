"""``newstool export -f sqlite -o FILE``: the corpus as a database, read back with sqlite3."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3

import pytest

from tests.conftest import ROOT, SEED

TABLES = ("documents", "sentences", "notes", "edits", "warnings", "quotes")


def processed_seed(run, epoch: str = "1700000000") -> str:
    """The seed through every stage, as JSON Lines."""
    text = run(["ingest", str(SEED)], env={"SOURCE_DATE_EPOCH": epoch}).stdout
    for stage in ("clean", "split-sentences", "quotes", "stats"):
        text = run([stage, "-q", "-"], input=text).stdout
    return text


def counts(path) -> dict[str, int]:
    db = sqlite3.connect(path)
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_the_seed_is_found_by_a_word_of_its_body_and_its_json_is_the_document(run, tmp_path):
    line = processed_seed(run)
    (tmp_path / "docs.jsonl").write_text(line, encoding="utf-8")
    doc = json.loads(line)
    result = run(["export", "-f", "sqlite", "-o", str(tmp_path / "c.db"), str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"1 written in {tmp_path / 'c.db'}" in result.stderr
    assert counts(tmp_path / "c.db") == {
        "documents": 1,
        "sentences": len(doc["sentences"]),
        "notes": len(doc["notes"]),
        "edits": len(doc["edits"]) + len(doc.get("title_edits", [])),
        "warnings": len(doc["warnings"]),
        "quotes": len(doc["quotes"]),
    }
    db = sqlite3.connect(tmp_path / "c.db")
    found = db.execute(
        "SELECT documents.id, documents.json, documents.words FROM documents_fts "
        "JOIN documents ON documents.rowid = documents_fts.rowid "
        "WHERE documents_fts MATCH 'Idlib'"
    ).fetchall()
    assert [(i, json.loads(j), w) for i, j, w in found] == [(doc["id"], doc, doc["stats"]["words"])]
    assert "Idlib" not in doc["title"]  # found by its body
    speakers = db.execute("SELECT speaker, count(*) FROM quotes GROUP BY speaker").fetchall()
    assert speakers and sum(n for _, n in speakers) == len(doc["quotes"]) > 0
    (quote,) = db.execute(
        'SELECT q.text, substr(d.text, q.start + 2, q."end" - q.start - 2), q.cue, q.rule '
        "FROM quotes q JOIN documents d ON d.id = q.doc_id WHERE q.n = 0"
    ).fetchall()
    first = doc["quotes"][0]
    assert quote == (first["text"], first["text"], first["cue"], first["rule"])


def test_exporting_again_changes_nothing_and_a_changed_document_replaces_its_rows(run, tmp_path):
    path = str(tmp_path / "c.db")
    first = processed_seed(run, "1700000000")
    assert run(["export", "-f", "sqlite", "-o", path, "-"], input=first).exit_code == 0
    before = counts(path)
    next_night = processed_seed(run, "1700086400")  # ingested again: only ingested_at differs
    for text in (first, next_night):
        again = run(["export", "-f", "sqlite", "-o", path, "-"], input=text)
        assert (again.exit_code, again.stderr.strip()) == (
            0,
            f"newstool export: 1 unchanged in {path}",
        )
    raw = run(["export", "-f", "sqlite", "-o", path, str(SEED)])  # no stats, no sentences now
    assert raw.exit_code == 0 and "1 replaced" in raw.stderr
    after = counts(path)
    assert after["documents"] == 1 and after["sentences"] == 0 < before["sentences"]
    stats = sqlite3.connect(path).execute("SELECT words, json FROM documents").fetchone()
    assert stats[0] is None and "stats" not in json.loads(stats[1])


@pytest.mark.parametrize("output", [None, "-", "out/"])
def test_a_database_needs_o_file_never_stdout(run, tmp_path, output):
    args = ["export", "-f", "sqlite", str(SEED)] + ([] if output is None else ["-o", output])
    result = run(args)
    assert result.exit_code == 2 and result.stdout == ""
    assert "-f sqlite writes a database file" in result.stderr and "-o FILE" in result.stderr


def test_a_database_of_another_schema_version_is_refused_untouched(run, tmp_path):
    path = tmp_path / "c.db"
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(
        "CREATE TABLE newstool_schema (version); INSERT INTO newstool_schema VALUES (7)"
    )
    db.close()
    before = path.read_bytes()
    result = run(["export", "-f", "sqlite", "-o", str(path), str(SEED)])
    assert result.exit_code == 2 and "schema version 7" in result.stderr
    assert "Traceback" not in result.stderr and path.read_bytes() == before


def test_one_id_with_two_contents_keeps_the_first_and_exits_1(run, tmp_path):
    one = json.dumps({"id": "x1", "text": "It rained in Idlib."})
    other = json.dumps({"id": "x1", "text": "It snowed in Homs."})
    path = str(tmp_path / "c.db")
    result = run(["export", "-f", "sqlite", "-o", path, "-"], input=f"{one}\n{other}\n")
    assert result.exit_code == 1
    assert "id x1 was written by another document of this export" in result.stderr
    texts = sqlite3.connect(path).execute("SELECT text FROM documents").fetchall()
    assert texts == [("It rained in Idlib.",)]


def test_jobs_write_the_same_database(newstool, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(3):
        shutil.copy(SEED, inputs / f"a{n}.txt")
        (inputs / f"b{n}.txt").write_text(f"Story {n}\n\nIt rained {n} times.\n")
    rows = []
    for jobs in ("1", "2"):
        result = newstool(
            ["export", "-f", "sqlite", "--jobs", jobs, "-o", f"{jobs}.db", "in"], cwd=tmp_path
        )
        assert result.exit_code == 0, result.stderr
        db = sqlite3.connect(tmp_path / f"{jobs}.db")
        rows.append(db.execute("SELECT id, path, text FROM documents ORDER BY id").fetchall())
    assert rows[0] == rows[1] and len(rows[0]) == 4  # the seed's three copies are one document


def test_the_readme_queries_run_on_an_exported_database(run, tmp_path):

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```sql\n(.*?)```", readme, re.S)
    path = str(tmp_path / "c.db")
    assert (
        run(["export", "-f", "sqlite", "-o", path, "-"], input=processed_seed(run)).exit_code == 0
    )
    db = sqlite3.connect(path)
    search, readable, folders = [db.execute(q).fetchall() for q in block.split(";") if q.strip()]
    assert len(search) == 1 and "[Idlib]" in search[0][2]
    assert readable[0][0] == "Strong warning to West" and readable[0][2] > 0
    assert folders[0][1:] == (1, readable[0][3])


def test_a_saved_pages_metadata_fills_its_columns(run, tmp_path):
    pytest.importorskip("trafilatura")

    page = ROOT / "eval" / "html" / "pages" / "01-wordpress-council.html"
    doc = json.loads(run(["ingest", str(page)]).stdout)
    path = str(tmp_path / "c.db")
    assert run(["export", "-f", "sqlite", "-o", path, str(page)]).exit_code == 0
    columns = sqlite3.connect(path).execute("SELECT author, date, site, url FROM documents")
    meta = doc["meta"]
    assert columns.fetchall() == [(meta["author"], meta["date"], meta["site"], meta["url"])]
    assert meta["author"] and meta["url"]
