"""``newstool export -o DIR/``: one file per document; re-running on the same content (ingested
again, or from another path) leaves the files alone and succeeds."""

from __future__ import annotations

import shutil

from tests.conftest import SEED


def test_two_identical_input_files_make_one_file(newstool, tmp_path):
    for name in ("a.txt", "b.txt"):
        shutil.copy(SEED, tmp_path / name)
    out = tmp_path / "articles"
    result = newstool(
        ["export", "-f", "markdown", "a.txt", "b.txt", "-o", "articles/"], cwd=tmp_path
    )
    assert result.exit_code == 0, result.stderr
    assert "1 unchanged, 1 written" in result.stderr
    (path,) = out.iterdir()
    assert "path: a.txt\n" in path.read_text(encoding="utf-8")


def test_nightly_ingest_then_export_of_unchanged_input_succeeds(run, tmp_path):
    out = tmp_path / "articles"
    nights = [
        run(["ingest", str(SEED)], env={"SOURCE_DATE_EPOCH": epoch}).stdout
        for epoch in ("1700000000", "1700086400")
    ]
    assert nights[0] != nights[1]
    for fmt in ("markdown", "json", "jsonl"):
        first = run(["export", "-f", fmt, "-o", f"{out}/", "-"], input=nights[0])
        assert first.exit_code == 0 and "1 written" in first.stderr
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    for fmt in ("markdown", "json", "jsonl"):
        again = run(["export", "-f", fmt, "-o", f"{out}/", "-"], input=nights[1])
        assert again.exit_code == 0 and "1 unchanged" in again.stderr, again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
