"""`newstool run` as a real process: incremental runs, the lock, SIGKILL and SIGINT, reports."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import NEWSTOOL

PIPEFILE = """\
inputs: ["in/**/*.txt"]
steps: [clean, split-sentences, stats]
outputs: {jsonl: out/docs.jsonl, markdown: out/md, summary: out/summary.json,
          sqlite: out/corpus.db}
"""


def article(n: int, body: str = "It rained.He left.") -> str:
    return f"Story number {n}\n\n{body} Number {n} was here.\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "in").mkdir()
    for n in range(3):
        (tmp_path / "in" / f"a{n}.txt").write_text(article(n))
    (tmp_path / "newstool.yaml").write_text(PIPEFILE)
    return tmp_path


def outputs(folder: Path) -> tuple[list[dict], list[str], dict]:
    """The documents of the jsonl output, the Markdown file names, the summary."""
    out = folder / "out"
    docs = [json.loads(line) for line in (out / "docs.jsonl").read_text().splitlines()]
    names = sorted(p.name for p in (out / "md").iterdir())
    return docs, names, json.loads((out / "summary.json").read_text())


def assert_each_document_once(folder: Path, count: int) -> None:
    """Every output holds each document of the state exactly once, and the state agrees."""
    docs, names, summary = outputs(folder)
    ids = [doc["id"] for doc in docs]
    assert len(ids) == len(set(ids)) == count
    assert sorted(name.rsplit("-", 1)[1][:8] for name in names) == sorted(i[:8] for i in ids)
    assert summary["documents"] == count
    db = sqlite3.connect(folder / "out" / ".newstool-state.sqlite")
    rows = db.execute("SELECT doc_ids, published FROM inputs").fetchall()
    assert sorted(i for row in rows for i in json.loads(row[0])) == sorted(ids)
    assert all(published for _, published in rows)
    assert not list((folder / "out").rglob("*.tmp"))
    stored = sqlite3.connect(folder / "out" / "corpus.db").execute("SELECT id FROM documents")
    assert sorted(i for (i,) in stored) == sorted(ids)


def test_first_run_rerun_added_and_modified_inputs(newstool, project):
    first = newstool(["run"], cwd=project)
    assert first.exit_code == 0, first.stderr
    assert first.stderr == "newstool run: processed 3, unchanged 0, failed 0\n"
    assert_each_document_once(project, 3)
    again = newstool(["run"], cwd=project)
    assert again.stderr == "newstool run: processed 0, unchanged 3, failed 0\n"
    (project / "in" / "sub").mkdir()
    (project / "in" / "sub" / "new.txt").write_text(article(9))
    added = newstool(["--config", str(project / "newstool.yaml"), "run"])
    assert added.stderr == "newstool run: processed 1, unchanged 3, failed 0\n"
    assert_each_document_once(project, 4)
    (project / "in" / "a1.txt").write_text(article(1, "It snowed all day.Nobody came."))
    modified = newstool(["run", "--config", "newstool.yaml"], cwd=project)
    assert modified.stderr == "newstool run: processed 1, unchanged 3, failed 0\n"
    assert_each_document_once(project, 4)
    docs, names, _ = outputs(project)
    texts = [doc["text"] for doc in docs]
    assert sum("It snowed all day." in t for t in texts) == 1
    assert not any("It rained. He left. Number 1 " in t for t in texts)
    markdown = "".join((project / "out" / "md" / n).read_text() for n in names)
    assert markdown.count("It snowed all day.") == 1 and "Number 1 was" in markdown
    assert "\x1b" not in first.stderr + modified.stderr


def test_a_second_run_gets_75_naming_the_holder(newstool, project):
    (project / "out").mkdir()
    with open(project / "out" / ".newstool-state.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        refused = newstool(["run"], cwd=project)
    assert refused.exit_code == 75
    assert f"pid {os.getpid()}" in refused.stderr and not (project / "out" / "docs.jsonl").exists()
    assert newstool(["run"], cwd=project).exit_code == 0  # released: a dead holder never blocks


def many_inputs(folder: Path, count: int) -> None:
    for n in range(count):
        (folder / "in" / f"b{n:03}.txt").write_text(article(n + 10))


def start_and_wait_for_rows(
    folder: Path, rows: int, *args: str, env: dict[str, str] | None = None
) -> subprocess.Popen:
    """Start `newstool run` (in a process group of its own, as a shell starts a command) and
    return once the state holds ``rows`` committed inputs."""
    process = subprocess.Popen(
        [*NEWSTOOL, "run", *args],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        process_group=0,
    )
    state = folder / "out" / ".newstool-state.sqlite"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if state.exists():
            try:
                db = sqlite3.connect(f"file:{state}?mode=ro", uri=True, timeout=0.1)
                found = db.execute("SELECT count(*) FROM inputs").fetchone()[0]
                db.close()
            except sqlite3.OperationalError:
                found = 0
            if found >= rows:
                return process
        time.sleep(0.005)
    process.kill()
    pytest.fail("the run ended before the state held enough rows to interrupt it")


def processes_in(folder: Path) -> list[int]:
    """Processes still working in ``folder`` (a worker outliving its parent would be one)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.readlink(f"/proc/{pid}/cwd") == str(folder):
                found.append(int(pid))
        except OSError:
            continue
    return found


def no_process_left_in(folder: Path) -> bool:
    deadline = time.monotonic() + 10
    while processes_in(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not processes_in(folder)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigkill_in_the_middle_then_a_rerun_gives_every_document_once(newstool, project, jobs):
    many_inputs(project, 300)
    process = start_and_wait_for_rows(project, 40, "--jobs", jobs)
    process.kill()
    process.wait()
    assert no_process_left_in(project)  # workers end with their parent
    assert not (project / "out" / "docs.jsonl").exists()  # nothing published, nothing torn
    finish = newstool(["run"], cwd=project)
    assert finish.exit_code == 0, finish.stderr
    assert "unchanged 0" not in finish.stderr  # the killed run's committed inputs were kept
    assert_each_document_once(project, 303)
    assert newstool(["run"], cwd=project).stderr.startswith("newstool run: processed 0,")


def database_ids(path: Path) -> list[str] | None:
    """The ids in the database, read as Datasette would, while a run writes it."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1)
        try:
            return [i for (i,) in db.execute("SELECT id FROM documents")]
        finally:
            db.close()
    except sqlite3.OperationalError:  # not there yet, or no tables yet
        return None


def test_sigkill_while_the_database_is_written_then_a_rerun_completes_it(newstool, tmp_path):
    (tmp_path / "in").mkdir()
    with open(tmp_path / "in" / "many.jsonl", "w") as docs:
        for n in range(1000):  # one input, many documents: several transactions to kill between
            docs.write(json.dumps({"id": f"d{n:04}", "text": f"Rain in Idlib, day {n}."}) + "\n")
    (tmp_path / "newstool.yaml").write_text(
        "inputs: [in]\nsteps: [split-sentences]\noutputs: {sqlite: out/corpus.db}\n"
    )
    process = subprocess.Popen([*NEWSTOOL, "run"], cwd=tmp_path, stderr=subprocess.PIPE)
    database = tmp_path / "out" / "corpus.db"
    deadline = time.monotonic() + 30
    while not database_ids(database) and time.monotonic() < deadline:
        time.sleep(0.001)
    process.kill()  # once the first batch of documents is committed
    process.wait()
    ids = database_ids(database)
    assert ids is not None and 0 < len(ids) < 1000, "the kill came after the last transaction"
    db = sqlite3.connect(database)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
    assert db.execute(
        "SELECT count(*) FROM sentences WHERE doc_id NOT IN (SELECT id FROM documents)"
    ).fetchone() == (0,)
    db.close()
    finish = newstool(["run"], cwd=tmp_path)
    assert finish.exit_code == 0, finish.stderr
    assert "the outputs did not match the state" in finish.stderr  # the state knew
    db = sqlite3.connect(database)
    assert db.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (
        1000,
        1000,
    )
    assert db.execute("SELECT count(*) FROM sentences").fetchone() == (1000,)
    found = db.execute(
        "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'Idlib'"
    ).fetchone()
    assert found == (1000,)
    assert newstool(["run"], cwd=tmp_path).stderr == (
        "newstool run: processed 0, unchanged 1, failed 0\n"
    )


@pytest.mark.parametrize(
    ("sent", "status", "jobs"),
    [(signal.SIGINT, 130, "1"), (signal.SIGTERM, 143, "1"), (signal.SIGINT, 130, "2")],
)
def test_sigint_and_sigterm_stop_cleanly_with_no_partial_output(project, sent, status, jobs):
    many_inputs(project, 300)
    process = start_and_wait_for_rows(project, 10, "--jobs", jobs)
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == status, stderr
    assert b"Traceback" not in stderr
    assert no_process_left_in(project)
    leftovers = [p.name for p in (project / "out").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == [] and not (project / "out" / "docs.jsonl").exists()


@pytest.mark.xdist_group("dask")  # beside the Dask tests' cluster, not on a second core
def test_ctrl_c_in_a_terminal_stops_a_dask_run_and_its_cluster_leaving_nothing(project, tmp_path):
    pytest.importorskip("distributed")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    many_inputs(project, 300)
    process = start_and_wait_for_rows(project, 5, "--engine", "dask", env={"TMPDIR": str(scratch)})
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to every process of the group
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert b"Traceback" not in stderr and b"KeyboardInterrupt" not in stderr
    assert no_process_left_in(project)  # the local cluster's workers were shut down
    assert list(scratch.iterdir()) == []  # and its scratch space removed
    assert not (project / "out" / "docs.jsonl").exists()


def test_a_bad_pipeline_file_names_key_and_line(newstool, project):
    (project / "newstool.yaml").write_text(PIPEFILE + "stats:\n  top: many\n")
    bad = newstool(["run"], cwd=project)
    assert bad.exit_code == 2
    assert "newstool.yaml:6: stats: top must be a whole number" in bad.stderr
    (project / "newstool.yaml").write_text(PIPEFILE.replace("steps:", "stepz:"))
    assert "newstool.yaml:2: unknown key 'stepz'" in newstool(["run"], cwd=project).stderr


def test_a_failing_input_among_good_ones_gives_1_and_is_reported(newstool, project):
    (project / "in" / "empty.txt").write_text("")
    (project / "newstool.yaml").write_text(PIPEFILE.replace('"in/**/*.txt"', "in, broken.jsonl"))
    (project / "broken.jsonl").write_text('{"text": "Fine."}\n{"text": broken\n')
    done = newstool(["run", "--report", "report.json", "--log-file", "run.log", "-q"], cwd=project)
    assert done.exit_code == 1
    report = json.loads((project / "report.json").read_text())
    assert (report["processed"], report["failed"]) == (5, 2)
    failed = {Path(item["input"]).name for item in report["failed_inputs"]}
    assert failed == {"empty.txt", "broken.jsonl"}
    assert "processed 5, unchanged 0, failed 2" in (project / "run.log").read_text()
    assert "error:" in done.stderr and "processed 5" not in done.stderr  # -q: errors only
    assert len(outputs(project)[0]) == 4  # three articles and the good line


def test_no_ansi_on_a_terminal_with_no_color(newstool_on_tty, project):
    many_inputs(project, 20)
    plain = newstool_on_tty(["run"], cwd=project, env={"NO_COLOR": "1"})
    assert plain.exit_code == 0
    assert "\x1b" not in plain.terminal and "processed 23" in plain.terminal


def test_jobs_give_the_same_state_and_outputs(newstool, tmp_path):
    built = {}
    for jobs in ("1", "2"):
        folder = tmp_path / f"jobs{jobs}"
        (folder / "in").mkdir(parents=True)
        for n in range(40):
            (folder / "in" / f"a{n:02}.txt").write_text(article(n, "It rained.He left [sic]."))
        (folder / "in" / "bad.txt").write_bytes(b"")
        (folder / "newstool.yaml").write_text(PIPEFILE)
        done = newstool(["run", "--jobs", jobs], cwd=folder, env={"SOURCE_DATE_EPOCH": "0"})
        assert done.exit_code == 1 and "bad.txt" in done.stderr
        out = folder / "out"
        built[jobs] = {
            str(p.relative_to(out)): p.read_bytes().replace(bytes(folder), b"FOLDER")
            for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".") and p.suffix != ".db"
        }
        db = sqlite3.connect(out / "corpus.db")
        rows = db.execute("SELECT json FROM documents ORDER BY id").fetchall()
        built[jobs]["corpus.db"] = [row[0].replace(str(folder), "FOLDER") for row in rows]
    assert built["1"] == built["2"] and len(built["1"]) == 43
