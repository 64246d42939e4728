"""``newstool quotes`` end to end, and the quotations in ``stats``, ``export`` and ``run``."""

from __future__ import annotations

import json

from newstool.export import parse_markdown_documents
from tests.conftest import SEED


def test_the_seed_in_a_pipe_gives_lavrovs_quotations_as_valid_documents(run, validate):
    cleaned = run(["clean", str(SEED)])
    result = run(["quotes", "-"], input=cleaned.stdout)
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    validate(doc)
    assert [(q["kind"], q["speaker"]) for q in doc["quotes"]] == [
        ("direct", "Sergey Lavrov"),
        ("fragment", "Sergey Lavrov"),
        ("direct", "Sergey Lavrov"),
        ("direct", "Sergey Lavrov"),
    ]
    assert [s["name"] for s in doc["steps"]] == ["ingest", "clean", "quotes"]


def test_stats_counts_quotations_per_speaker_once_quotes_has_run(run):
    quoted = run(["quotes", str(SEED)]).stdout
    (doc,) = run(["stats", "-"], input=quoted).docs
    assert doc["stats"]["quotes"] == 4
    assert doc["stats"]["speakers"] == [{"speaker": "Sergey Lavrov", "quotes": 4}]
    (unquoted,) = run(["stats", str(SEED)]).docs
    assert (unquoted["stats"]["quotes"], unquoted["stats"]["speakers"]) == (None, None)
    summary = json.loads(run(["stats", "--summary", "-"], input=quoted).stdout)
    assert summary["top_speakers"] == [{"speaker": "Sergey Lavrov", "quotes": 4}]
    assert summary["totals"]["quotes"] == 4


def test_markdown_shows_a_table_of_quotations_that_reads_back_as_no_text(run):
    original = run(["ingest", str(SEED)]).docs[0]
    result = run(["quotes", "-f", "markdown", str(SEED)])
    assert result.exit_code == 0, result.stderr
    assert "| Sergey Lavrov | fighting against terrorism" in result.stdout
    (back,) = parse_markdown_documents(result.stdout)
    assert back.text == original["text"]
    exported = run(["export", "-f", "markdown", "--quotes", "-"], input=json.dumps(original))
    assert exported.stdout == result.stdout  # found on the fly: the same table


def test_export_quotes_applies_to_markdown_only(run):
    result = run(["export", "-f", "json", "--quotes", str(SEED)])
    assert result.exit_code == 2
    assert "--quotes applies to -f markdown" in result.stderr and result.stdout == ""


def test_a_document_that_fails_is_reported_and_the_others_written(run):
    lines = '{"text": "\\"Yes,\\" Ann Lee said."}\n{"text": 3}\n'
    result = run(["quotes", "-"], input=lines)
    assert result.exit_code == 1
    assert [doc["quotes"][0]["speaker"] for doc in result.docs] == ["Ann Lee"]
    assert "<stdin>:2:" in result.stderr


def test_a_run_pipeline_takes_quotes_as_a_step(newstool, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "newstool.yaml").write_text(
        "inputs: [in]\nsteps: [clean, quotes, stats]\n"
        "outputs: {jsonl: out/docs.jsonl, markdown: out/md}\nexport: {quotes: true}\n"
    )
    done = newstool(["run", "--config", str(tmp_path / "newstool.yaml")])
    assert done.exit_code == 0, done.stderr
    (doc,) = [json.loads(line) for line in (tmp_path / "out" / "docs.jsonl").open()]
    assert doc["stats"]["speakers"] == [{"speaker": "Sergey Lavrov", "quotes": 4}]
    (markdown,) = (tmp_path / "out" / "md").iterdir()
    assert "| Sergey Lavrov |" in markdown.read_text()
