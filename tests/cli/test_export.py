"""``newstool export`` and the shared ``-f`` writers, end to end."""

from __future__ import annotations

import json

import yaml

from newstool.export import split_markdown_stream
from tests.conftest import SEED


def test_json_array_on_stdout(run, validate):
    result = run(["export", "-f", "json", str(SEED), str(SEED)])
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert [validate(d)["title"] for d in docs] == ["Strong warning to West"] * 2


def test_empty_stream_is_still_a_valid_json_array(run):
    result = run(["export", "-f", "json", "-"], input='{"text": broken}\n')
    assert result.exit_code == 1
    assert json.loads(result.stdout) == []


def test_markdown_stream_splits_back_into_documents(run):
    result = run(["export", "-f", "markdown", str(SEED), str(SEED)])
    docs = split_markdown_stream(result.stdout)
    assert [front["title"] for front, _ in docs] == ["Strong warning to West"] * 2
    assert "## Reconciliation in Idlib" in docs[0][1]


def test_every_stage_renders_markdown_with_the_same_writer(run):
    result = run(["ingest", "-f", "markdown", str(SEED)])
    front, body = split_markdown_stream(result.stdout)[0]
    assert front["title"] == "Strong warning to West"
    assert body.lstrip().startswith("# Strong warning to West")


def test_directory_export_is_atomic_idempotent_and_refuses_to_clobber(run, tmp_path):
    out = tmp_path / "articles"
    first = run(["export", "-f", "markdown", str(SEED), "-o", f"{out}/"])
    assert first.exit_code == 0 and "1 written" in first.stderr
    (path,) = out.iterdir()
    assert path.name.startswith("strong-warning-to-west-") and path.suffix == ".md"
    front = yaml.safe_load(path.read_text().split("---\n")[1])
    assert front["title"] == "Strong warning to West"

    docs = run(["ingest", str(SEED)], env={"SOURCE_DATE_EPOCH": "1700000000"}).stdout
    run(["export", "-f", "markdown", "-o", str(out), "--force", "-"], input=docs)
    stamp = path.stat().st_mtime_ns
    again = run(["export", "-f", "markdown", "-o", str(out), "-"], input=docs)
    assert again.exit_code == 0 and "1 unchanged" in again.stderr
    assert path.stat().st_mtime_ns == stamp

    edited = json.loads(docs)
    edited["text"] += " More."
    del edited["blocks"]  # recomputed from blank lines, so the new words are in a block
    clash = run(["export", "-f", "markdown", "-o", str(out), "-"], input=json.dumps(edited))
    assert clash.exit_code == 1 and "use --force" in clash.stderr
    forced = run(
        ["export", "-f", "markdown", "-o", str(out), "--force", "-"], input=json.dumps(edited)
    )
    assert forced.exit_code == 0 and path.read_text().rstrip().endswith("More.")
    assert sorted(p.name for p in out.iterdir()) == [path.name]  # no temporary files left


def test_output_file(run, tmp_path):
    target = tmp_path / "docs.json"
    result = run(["export", "-f", "json", "--indent", "0", str(SEED), "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())[0]["id"]
