"""``newstool run --engine dask`` on a local cluster against ``newstool run --jobs 2``, on the
same real news, in the same benchmark run.

``make bench`` (or ``.venv/bin/python -m benchmarks bench_dask``). The corpus is the one
``bench_peers`` grows from the NewsArticles corpus (``benchmarks/news_corpus.py``), N raw
article files; the pipeline is ``run``'s of ``bench_peers`` (clean, split-sentences, stats into
JSON Lines). Each run is a real ``newstool run`` process in a fresh folder (no state), A B A B;
the Dask engine starts its own ``LocalCluster``, one single-threaded worker process per core
(two here). From each run's ``--report``: ``process`` (the inputs through the steps) and, for
Dask, ``engine_start`` (reaching the workers: the cluster's start-up), shown apart; "once up"
is ``process - engine_start``. The ratio is the median of the pair ratios of docs/s once up,
Dask over ``--jobs 2``, with its range; wall time (start-up and shut-down included) and CPU
time of every process are shown beside. Outputs are compared byte for byte
(``SOURCE_DATE_EPOCH=0``).

Settings: ``NEWSTOOL_BENCH_DASK_DOCS`` (default 1500), ``NEWSTOOL_BENCH_PAIRS`` (default 3).
"""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.bench_peers import available, run_of, run_output, written
from benchmarks.common import median_and_range, ratios

DOCS = int(os.environ.get("NEWSTOOL_BENCH_DASK_DOCS", "1500"))
PAIRS = int(os.environ.get("NEWSTOOL_BENCH_PAIRS", "3"))
TARGET = 0.8  # the issue's: Dask's docs/s once the cluster is up, at least 0.8x --jobs 2
ENGINES = {"--jobs 2": ["--jobs", "2"], "--engine dask": ["--engine", "dask"]}


@dataclass(frozen=True)
class Timed:
    """One run: wall and CPU seconds of the whole process tree, and its report's timings."""

    wall: float
    cpu: float
    process: float  # the report's "process": inputs through the steps, start-up included
    startup: float  # the report's "engine_start" (0 for --jobs)
    output: Path

    @property
    def once_up(self) -> float:
        return self.process - self.startup


def run_once(folder: Path, source: Path, engine: list[str]) -> Timed:
    """``newstool run`` with ``engine`` options over ``source``, in ``folder`` (no state)."""
    folder.mkdir()
    report = folder / "report.json"
    [command] = run_of(source, "--report", str(report), *engine)(folder)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=folder, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed with status {status}")
    seconds = json.loads(report.read_text())["seconds"]
    return Timed(
        wall,
        usage.ru_utime + usage.ru_stime,  # the workers too: children the run waited for
        seconds["process"],
        seconds.get("engine_start", 0.0),
        run_output(folder / "out.jsonl"),
    )


def median(values: list[float]) -> float:
    return median_and_range(values)[0]


def main() -> None:
    if not available("distributed"):
        print("skipped: Dask is not installed (pip install -e '.[dask]'; make bench does)")
        return
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = written("write", str(work / "in"), str(DOCS))
        runs: dict[str, list[Timed]] = {name: [] for name in ENGINES}
        same = True
        for pair in range(PAIRS):
            for name, options in ENGINES.items():
                runs[name].append(run_once(work / f"{pair}-{options[-1]}", corpus.folder, options))
            local, dask = runs["--jobs 2"][-1], runs["--engine dask"][-1]
            same = same and filecmp.cmp(local.output, dask.output, shallow=False)
    megabytes = corpus.raw_bytes / 1e6
    print(
        f"`newstool run` (clean, split-sentences, stats) over {corpus.docs} news articles "
        f"({megabytes:.1f} MB) on {cores} cores, A B A B, {PAIRS} pairs; the Dask engine "
        f"starts a LocalCluster of {cores} worker processes each run.\n"
    )
    print(
        "| engine | runs | wall s | docs/s (wall) | start-up s | processing s once up "
        "| docs/s once up | CPU s |\n|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    for name, timed in runs.items():
        wall, once_up = median([t.wall for t in timed]), median([t.once_up for t in timed])
        print(
            f"| {name} | {len(timed)} | {wall:.2f} | {corpus.docs / wall:.0f} "
            f"| {median([t.startup for t in timed]):.2f} | {once_up:.2f} "
            f"| {corpus.docs / once_up:.0f} | {median([t.cpu for t in timed]):.2f} |"
        )
    # docs/s of Dask over docs/s of --jobs 2 = seconds of --jobs 2 over seconds of Dask
    up = ratios([t.once_up for t in runs["--jobs 2"]], [t.once_up for t in runs["--engine dask"]])
    wall = ratios([t.wall for t in runs["--jobs 2"]], [t.wall for t in runs["--engine dask"]])
    ratio, low, high = median_and_range(up)
    print(
        f"\n--engine dask / --jobs 2, docs/s once the cluster is up: {ratio:.2f}× "
        f"(pairs {', '.join(f'{r:.2f}' for r in up)}; range {low:.2f}–{high:.2f}); "
        f"wall time, start-up and shut-down included: {median(wall):.2f}×; "
        f"output {'byte-identical' if same else 'DIFFERS'}"
    )
    verdict = "PASS" if ratio >= TARGET else "FAIL"
    print(
        f"| `--engine dask` ≥ {TARGET}× `--jobs 2` once up, two cores | {ratio:.2f}× | {verdict} |"
    )


if __name__ == "__main__":
    main()
