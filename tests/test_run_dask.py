"""``newstool run --engine dask`` on a real 2-worker cluster (worker processes, so everything
the workers get is pickled): the same documents, summary, report and exit codes as the local
engine; incremental re-runs and ``--full``; workers with another newstool refused.

One cluster serves the whole module (its start costs about a second); the tests run on one
pytest worker (``xdist_group``, with ``--dist loadgroup`` in ``make test``)."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from newstool import version
from newstool.dask_engine import DaskEngine, WorkerVersionMismatch

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.xdist_group("dask")

PIPEFILE = """\
inputs: [in]
steps: [clean, split-sentences, stats]
outputs: {jsonl: out/docs.jsonl, summary: out/summary.json}
"""


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    """The address of a LocalCluster of two single-threaded worker processes whose clock is
    pinned like the driver's (``SOURCE_DATE_EPOCH``), so that documents compare field for field."""
    import dask

    scratch = tmp_path_factory.mktemp("dask")
    with (
        dask.config.set({"temporary-directory": str(scratch)}),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            local_directory=str(scratch),
            silence_logs=logging.ERROR,
            env={"SOURCE_DATE_EPOCH": "0"},
        ) as cluster,
    ):
        yield cluster.scheduler_address


def project(folder: Path) -> Path:
    """40 articles, a JSON Lines input of three documents, one of them broken, and an empty
    file: every input kind and both ways to fail."""
    (folder / "in").mkdir(parents=True)
    for n in range(40):
        body = f"Report {n} came in.It said [sic] that {n} people met on Tuesday."
        (folder / "in" / f"a{n:02}.txt").write_text(f"Story {n}\n\n{body}\n")
    lines = ['{"id": "own-1", "text": "It rained.He left."}', "{broken", '{"text": "Fine."}']
    (folder / "in" / "more.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "in" / "empty.txt").write_text("")
    (folder / "newstool.yaml").write_text(PIPEFILE)
    return folder


def outputs(folder: Path) -> tuple[dict[str, dict], dict, dict]:
    """The documents by id, the summary, and the report without its timings."""
    docs = {}
    for line in (folder / "out" / "docs.jsonl").read_text().splitlines():
        doc = json.loads(line)
        docs[doc["id"]] = doc
    report = json.loads((folder / "report.json").read_text())
    del report["seconds"]
    return docs, json.loads((folder / "out" / "summary.json").read_text()), report


def test_a_dask_run_equals_the_local_run_and_reruns_like_it(run, scheduler, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setattr("newstool.dask_engine.SHARD_BYTES", 800)  # shards of ~7 inputs, not one
    monkeypatch.chdir(project(tmp_path))
    on_dask = ["run", "--engine", "dask", "--scheduler", scheduler, "--report", "report.json"]
    here = run(["run", "--report", "report.json"])
    local = outputs(tmp_path)
    shutil.rmtree(tmp_path / "out")  # no state: the Dask run does everything again
    there = run(on_dask)
    assert (here.exit_code, there.exit_code) == (1, 1)
    assert there.stderr == here.stderr and "processed 42, unchanged 0, failed 2" in there.stderr
    docs, summary, report = outputs(tmp_path)
    assert len(docs) == 42 and docs == local[0]  # by id, field for field
    assert summary == local[1] and summary["documents"] == 42
    assert report == local[2] and len(report["failed_inputs"]) == 2

    again = run(on_dask)
    assert again.exit_code == 1 and "processed 0, unchanged 42, failed 2" in again.stderr
    seconds = json.loads((tmp_path / "report.json").read_text())["seconds"]
    assert seconds["engine_start"] == 0  # nothing to do: no cluster reached
    full = run([*on_dask, "--full"])
    assert full.exit_code == 1 and "processed 42, unchanged 0, failed 2" in full.stderr
    assert outputs(tmp_path) == local


def test_a_worker_with_another_newstool_is_refused_naming_both_versions(scheduler, monkeypatch):
    ours = version.__version__
    monkeypatch.setattr(version, "__version__", "0.0.1")  # this driver, not the workers
    with DaskEngine(scheduler) as engine, pytest.raises(WorkerVersionMismatch) as refused:
        engine.client()
    assert f"has newstool {ours}, but this run is newstool 0.0.1" in str(refused.value)
    monkeypatch.setattr(version, "__version__", ours)
    with DaskEngine(scheduler) as engine:
        engine.client()  # checked and accepted; a worker that joins later is checked per shard
        monkeypatch.setattr(version, "__version__", "0.0.1")
        with pytest.raises(WorkerVersionMismatch, match=f"has newstool {ours}, but this run"):
            list(engine.map(abs, [-1, -2]))


def test_an_unreachable_scheduler_is_a_usage_error(run, tmp_path, monkeypatch):
    monkeypatch.setattr("newstool.dask_engine.CONNECT_TIMEOUT_S", 0.5)
    monkeypatch.chdir(project(tmp_path))
    refused = run(["run", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert refused.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "dask", "--jobs", "2"], "--jobs is for --engine local"),
        (["--scheduler", "tcp://h:8786"], "--scheduler applies to --engine dask"),
    ],
)
def test_options_of_the_other_engine_are_refused(run, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(project(tmp_path))
    refused = run(["run", *args])
    assert refused.exit_code == 2 and message in refused.stderr
    assert not (tmp_path / "out").exists()


def test_without_the_dask_extra_the_error_says_what_to_install(run, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name)
    )
    monkeypatch.chdir(project(tmp_path))
    refused = run(["run", "--engine", "dask"])
    assert refused.exit_code == 2
    assert "--engine dask needs Dask: pip install 'newstool[dask]'" in refused.stderr
