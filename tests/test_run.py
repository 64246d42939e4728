"""newstool.run as a library: incremental runs, replacement, pruning, recovery, the lock."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from newstool import database
from newstool.run import CHANGED_PIPELINE, run_pipeline
from newstool.run.lock import Locked, hold_lock
from newstool.run.outputs import database_current, publish
from newstool.run.pipefile import PipefileError, load_pipefile
from newstool.run.state import LOCK_NAME, STATE_NAME, State

PIPEFILE = """\
inputs: [in]
steps: [clean, {stats: {top: 5}}]
outputs: {jsonl: out/docs.jsonl, markdown: out/md, summary: out/summary.json,
          sqlite: out/corpus.db}
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "in").mkdir()
    for n in range(3):
        (tmp_path / "in" / f"a{n}.txt").write_text(f"Title {n}\n\nIt rained {n} times.He left.\n")
    (tmp_path / "newstool.yaml").write_text(PIPEFILE)
    return tmp_path


def texts(folder):
    """The texts of the JSON Lines output, after checking that the database holds the same
    documents (each once, its JSON the line's) and that the state records what it holds."""
    lines = (folder / "out" / "docs.jsonl").read_text().splitlines()
    db = sqlite3.connect(folder / "out" / "corpus.db")
    assert sorted(text for (text,) in db.execute("SELECT json FROM documents")) == sorted(lines)
    db.close()
    state = State.open(folder / "out" / STATE_NAME)
    assert database_current(state, folder / "out" / "corpus.db")
    state.close()
    return sorted(json.loads(line)["text"] for line in lines)


def test_a_rerun_reads_nothing_and_an_added_file_is_the_only_one_processed(project):
    first = run_pipeline(project / "newstool.yaml")
    assert (first.processed, first.unchanged, first.failed) == (3, 0, 0)
    assert run_pipeline(project / "newstool.yaml").processed == 0
    (project / "in" / "new.txt").write_text("New\n\nA new one.\n")
    again = run_pipeline(project / "newstool.yaml")
    assert (again.processed, again.unchanged) == (1, 3)
    assert len(texts(project)) == 4


def test_a_modified_input_replaces_its_document_everywhere(project):
    run_pipeline(project / "newstool.yaml")
    (project / "in" / "a1.txt").write_text("Other title\n\nIt snowed.\n")
    report = run_pipeline(project / "newstool.yaml")
    assert report.processed == 1
    assert "It snowed." in texts(project) and len(texts(project)) == 3
    names = sorted(p.name for p in (project / "out" / "md").iterdir())
    assert len(names) == 3 and any(n.startswith("other-title-") for n in names)
    summary = json.loads((project / "out" / "summary.json").read_text())
    assert summary["documents"] == 3


def test_touching_an_input_without_changing_it_is_unchanged(project):
    run_pipeline(project / "newstool.yaml")
    os.utime(project / "in" / "a0.txt", ns=(1, 1))
    assert run_pipeline(project / "newstool.yaml").unchanged == 3


def test_gone_inputs_are_kept_unless_pruned(project):
    run_pipeline(project / "newstool.yaml")
    (project / "in" / "a2.txt").unlink()
    assert len(texts(project)) == 3 and run_pipeline(project / "newstool.yaml").pruned == 0
    assert len(texts(project)) == 3
    assert run_pipeline(project / "newstool.yaml", prune=True).pruned == 1
    assert len(texts(project)) == 2 and len(list((project / "out" / "md").iterdir())) == 2


def test_a_changed_pipeline_redoes_everything_and_says_why(project):
    run_pipeline(project / "newstool.yaml")
    (project / "newstool.yaml").write_text(PIPEFILE.replace("top: 5", "top: 6"))
    report = run_pipeline(project / "newstool.yaml")
    assert report.processed == 3 and CHANGED_PIPELINE in report.reasons
    assert run_pipeline(project / "newstool.yaml", full=True).processed == 3


def test_dry_run_changes_nothing(project):
    report = run_pipeline(project / "newstool.yaml", dry_run=True)
    assert report.processed == 3 and [a for a, _ in report.actions] == ["new"] * 3
    assert not (project / "out").exists()


def test_outputs_that_disagree_with_the_state_are_rebuilt_first(project):
    run_pipeline(project / "newstool.yaml")
    (project / "out" / "docs.jsonl").write_text("")  # as if the install had not happened
    report = run_pipeline(project / "newstool.yaml")
    assert report.published and len(texts(project)) == 3
    assert any("did not match" in reason for reason in report.reasons)


def test_a_publication_killed_after_its_commit_is_completed_by_the_next_run(project):
    run_pipeline(project / "newstool.yaml")
    (project / "in" / "a1.txt").write_text("Other title\n\nIt snowed.\n")
    spec = load_pipefile(project / "newstool.yaml")
    state = State.open(spec.state_dir / STATE_NAME)
    real_replace = os.replace

    def crash(*_args):
        raise KeyboardInterrupt

    os.replace = crash  # the commit happens, then the run dies before installing
    try:
        with pytest.raises(KeyboardInterrupt):
            run_pipeline(project / "newstool.yaml")
    finally:
        os.replace = real_replace
        state.close()
    assert not list((project / "out").glob(".*.tmp"))
    run_pipeline(project / "newstool.yaml")
    assert "It snowed." in texts(project) and len(texts(project)) == 3
    assert len(list((project / "out" / "md").iterdir())) == 3


def test_a_publication_killed_while_writing_the_database_is_completed_by_the_next_run(
    project, monkeypatch
):
    run_pipeline(project / "newstool.yaml")
    (project / "in" / "a1.txt").write_text("Other title\n\nIt snowed in Homs.\n")
    (project / "in" / "a2.txt").write_text("Third title\n\nIt hailed in Hama.\n")
    monkeypatch.setattr(database, "BATCH_DOCUMENTS", 1)
    real_put = database.CorpusDatabase.put
    written = []

    def put_then_die(self, data, line=None):
        if written:
            raise KeyboardInterrupt  # the second document's transaction never commits
        written.append(data["id"])
        real_put(self, data, line)

    monkeypatch.setattr(database.CorpusDatabase, "put", put_then_die)
    with pytest.raises(KeyboardInterrupt):
        run_pipeline(project / "newstool.yaml")
    monkeypatch.undo()
    db = sqlite3.connect(project / "out" / "corpus.db")
    found = "\n".join(t for (t,) in db.execute("SELECT text FROM documents"))
    assert "Homs" in found and "Hama" not in found  # half written: a1's new document only,
    assert "It rained 1 times" in found  # and the old ones not yet deleted
    db.close()
    state = State.open(project / "out" / STATE_NAME)
    assert not database_current(state, project / "out" / "corpus.db")  # the state knows
    state.close()
    report = run_pipeline(project / "newstool.yaml")
    assert report.processed == 0 and any("did not match" in r for r in report.reasons)
    assert sum("Homs" in t or "Hama" in t for t in texts(project)) == 2


def test_a_failed_input_is_recorded_and_retried_on_request(project):
    (project / "in" / "empty.txt").write_text("")
    report = run_pipeline(project / "newstool.yaml")
    assert report.failed == 1 and report.failed_inputs[0]["input"].endswith("empty.txt")
    db = sqlite3.connect(project / "out" / STATE_NAME)
    assert db.execute("SELECT status FROM inputs WHERE path LIKE '%empty.txt'").fetchone() == (
        "failed",
    )
    again = run_pipeline(project / "newstool.yaml")  # still failing: said again, not re-read
    assert (again.failed, again.processed) == (1, 0)
    assert "unchanged since it failed" in again.failed_inputs[0]["error"]
    retried = run_pipeline(project / "newstool.yaml", retry_failed=True)
    assert (retried.failed, retried.processed) == (1, 1)
    (project / "in" / "empty.txt").write_text("Fixed\n\nNow it has text.\n")
    assert run_pipeline(project / "newstool.yaml").failed == 0


def test_a_second_run_is_refused_while_the_lock_is_held(project):
    with hold_lock(project / "out" / LOCK_NAME), pytest.raises(Locked) as refused:
        run_pipeline(project / "newstool.yaml")
    assert refused.value.pid == os.getpid()


def test_an_empty_state_publishes_empty_outputs(tmp_path):
    (tmp_path / "p.yaml").write_text("inputs: [x]\noutputs: {jsonl: o.jsonl}\n")
    spec = load_pipefile(tmp_path / "p.yaml")
    publish(State.open(tmp_path / "s.sqlite"), spec.outputs)
    assert (tmp_path / "o.jsonl").read_text() == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("inputs: [a]\noutputs: {jsonl: o}\nsteps: [clean, tidy]\n", "p.yaml:3: unknown step"),
        ("inputs: [a]\noutputs: {jsonl: o}\nclean:\n  bogus: 1\nsteps: [clean]\n", "p.yaml:4:"),
        ("inputs: [a]\noutput: {jsonl: o}\n", "p.yaml:2: unknown key 'output'"),
        ("inputs: 3\noutputs: {jsonl: o}\n", "p.yaml:1: inputs must be"),
        ("inputs: [a]\noutputs: {html: o}\n", "p.yaml:2: unknown output 'html'"),
        ("inputs: [a]\noutputs: {jsonl: o}\nsteps: [{stats: {top: x}}]\n", "p.yaml:3: stats:"),
        ("inputs: [a]\n", "the key 'outputs' is missing"),
    ],
)
def test_a_bad_pipeline_file_names_the_line_and_the_key(tmp_path, monkeypatch, text, expected):
    (tmp_path / "p.yaml").write_text(text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(PipefileError, match=expected.replace("[", r"\[")):
        load_pipefile("p.yaml")


def test_the_pipelines_own_outputs_are_never_read_back_as_inputs(project):
    (project / "newstool.yaml").write_text(PIPEFILE.replace("inputs: [in]", "inputs: ['**/*']"))
    for _ in range(3):
        run_pipeline(project / "newstool.yaml")
    assert len(texts(project)) == 3  # not 3, then 6, then 9


def test_two_pipeline_files_cannot_share_one_state(project):
    run_pipeline(project / "newstool.yaml")
    (project / "other.yaml").write_text(PIPEFILE.replace("docs.jsonl", "sport.jsonl"))
    with pytest.raises(PipefileError, match="is the state of another pipeline file"):
        run_pipeline(project / "other.yaml")


def test_inputs_left_out_of_the_pipeline_do_not_make_every_run_a_changed_pipeline(project):
    run_pipeline(project / "newstool.yaml")
    (project / "in" / "a0.txt").unlink()  # gone, kept (no --prune), with the old fingerprint
    (project / "newstool.yaml").write_text(PIPEFILE.replace("top: 5", "top: 6"))
    assert CHANGED_PIPELINE in run_pipeline(project / "newstool.yaml").reasons
    assert CHANGED_PIPELINE not in run_pipeline(project / "newstool.yaml").reasons


@pytest.mark.parametrize("steps", ["[stats, clean]", "[clean, clean]"])
def test_steps_come_once_each_in_pipeline_order(project, steps):
    (project / "newstool.yaml").write_text(PIPEFILE.replace("[clean, {stats: {top: 5}}]", steps))
    with pytest.raises(PipefileError, match="newstool.yaml:2: step .* each step at most once"):
        load_pipefile(project / "newstool.yaml")


def test_unchanged_inputs_are_not_opened_and_a_binary_input_is_passed_over_once(
    project, monkeypatch
):
    (project / "in" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 8)
    first = run_pipeline(project / "newstool.yaml")
    assert (first.processed, first.failed) == (4, 0) and len(texts(project)) == 3
    real_open = open

    def refuse_inputs(path, *args, **kwargs):
        if str(path).startswith(str(project / "in")):
            raise AssertionError(f"{path} was opened")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse_inputs)
    again = run_pipeline(project / "newstool.yaml")
    assert (again.processed, again.unchanged, again.failed) == (0, 4, 0)


def test_the_summary_merges_each_inputs_partial_summary_or_makes_it_when_missing(project):
    def summary():
        return json.loads((project / "out" / "summary.json").read_text())

    run_pipeline(project / "newstool.yaml")
    state = sqlite3.connect(project / "out" / STATE_NAME)
    partials = [json.loads(s) for (s,) in state.execute("SELECT summary FROM inputs")]
    assert [p["documents"] for p in partials] == [1, 1, 1]  # made where the input was processed
    merged = summary()
    assert merged["documents"] == 3 and merged["totals"]["words"] == 3 * 6
    with state:  # as a state from before partial summaries, or made with no summary output
        state.execute("UPDATE inputs SET summary = ''")
    (project / "out" / "summary.json").unlink()
    run_pipeline(project / "newstool.yaml")  # the outputs disagree: published again, from docs
    assert summary() == merged


def test_a_state_from_before_partial_summaries_opens_and_keeps_its_rows(tmp_path):
    path = tmp_path / STATE_NAME
    old = sqlite3.connect(path)
    old.execute(
        "CREATE TABLE inputs (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER "
        "NOT NULL, sha256 TEXT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL, error "
        "TEXT NOT NULL, doc_ids TEXT NOT NULL, documents TEXT NOT NULL, published INTEGER NOT "
        "NULL DEFAULT 0)"
    )
    old.execute("INSERT INTO inputs VALUES ('a.txt', 1, 2, 'ab', 'f', 'ok', '', '[\"i\"]', 'x', 1)")
    old.commit()
    old.close()
    state = State.open(path)
    assert [(row.path, row.doc_ids, row.published, row.summary) for row in state.rows()] == [
        ("a.txt", ["i"], True, "")
    ]
