"""``newstool export -f sqlite`` and ``-f markdown`` next to ``-f jsonl``: documents per second,
on real news.

``make bench`` (or ``.venv/bin/python -m benchmarks bench_export``). The corpus is grown from the
NewsArticles data (``python -m benchmarks.news_corpus write DIR N``, see that module), run once
through ``ingest | clean | split-sentences | stats`` to fully processed JSON Lines (sentences,
edits, notes, stats: every table gets rows), then exported on one core, A B C rounds:

- ``-f jsonl -o docs.jsonl`` (the reference: read, check, write JSON Lines);
- ``-f markdown -o docs.md`` (YAML front matter with every figure, then the text);
- ``-f sqlite -o new.db``, a new database each time;
- ``-f sqlite -o same.db`` into the database of the round before, every document unchanged
  (the upsert's look-ups, nothing written).

Each run is a real process; wall time and CPU time (user + system) are the medians of
``NEWSTOOL_BENCH_PAIRS`` rounds (default 3), wall time with its range (on a busy machine the
CPU figure is the steadier one); every output is checked to hold every document. Settings:
``NEWSTOOL_BENCH_EXPORT_DOCS`` (default 1000), ``NEWSTOOL_BENCH_PAIRS``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import (
    ROOT,
    Measured,
    first_core,
    median_and_range,
    newstool,
    run_pipe,
    run_process,
)

DOCS = int(os.environ.get("NEWSTOOL_BENCH_EXPORT_DOCS", "1000"))
PAIRS = int(os.environ.get("NEWSTOOL_BENCH_PAIRS", "3"))


def processed_corpus(folder: Path) -> tuple[Path, int, int]:
    """DOCS grown articles through every stage: the JSON Lines file, its documents, its bytes."""
    raw = folder / "raw"
    command = [sys.executable, "-m", "benchmarks.news_corpus", "write", str(raw), str(DOCS)]
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    docs = folder / "docs.jsonl"
    stages = [
        newstool("ingest", "-q", str(raw)),
        newstool("clean", "-q"),
        newstool("split-sentences", "-q"),
        newstool("stats", "-q"),
    ]
    run_pipe(stages, docs)
    with open(docs, "rb") as data:
        count = sum(1 for _ in data)
    return docs, count, docs.stat().st_size


def database_documents(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        db.close()


def jsonl_documents(path: Path) -> int:
    with open(path, "rb") as data:
        return sum(1 for _ in data)


def markdown_documents(path: Path) -> int:
    from newstool.export import split_markdown_stream

    return len(split_markdown_stream(path.read_text(encoding="utf-8")))


def main() -> None:
    core = first_core()
    with tempfile.TemporaryDirectory(prefix="newstool-bench-export-") as tmp:
        folder = Path(tmp)
        docs, count, size = processed_corpus(folder)
        log = folder / "stderr.log"
        same = folder / "same.db"
        run_process(newstool("export", "-q", "-f", "sqlite", str(docs), "-o", str(same)), log)
        cases = {
            "export -f jsonl": ("jsonl", folder / "out.jsonl", jsonl_documents, True),
            "export -f markdown": ("markdown", folder / "out.md", markdown_documents, True),
            "export -f sqlite (a new database)": (
                "sqlite",
                folder / "new.db",
                database_documents,
                True,
            ),
            "export -f sqlite (again: every document unchanged)": (
                "sqlite",
                same,
                database_documents,
                False,
            ),
        }
        runs: dict[str, list[Measured]] = {name: [] for name in cases}
        for _ in range(PAIRS):
            for name, (fmt, target, documents, fresh) in cases.items():
                if fresh:
                    for path in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
                        path.unlink(missing_ok=True)
                command = newstool("export", "-q", "-f", fmt, str(docs), "-o", str(target))
                runs[name].append(run_process(command, log, cores=core, log=log))
                if documents(target) != count:
                    raise SystemExit(f"{target}: {documents(target)} documents, not {count}")
        print(
            f"\n### Export of {count} processed documents ({size / 1e6:.1f} MB of JSON Lines), "
            f"one core, {PAIRS} rounds\n"
        )
        print("| output | wall s (median, range) | docs/s | CPU s | docs per CPU s | peak MiB |")
        print("|---|---|---|---|---|---|")
        results = {}
        for name, measured in runs.items():
            wall, low, high = median_and_range([m.seconds for m in measured])
            cpu = median_and_range([m.cpu_seconds for m in measured])[0]
            peak = max(m.peak_mib for m in measured)
            results[name] = {
                "docs_per_s": round(count / wall),
                "docs_per_cpu_s": round(count / cpu),
            }
            print(
                f"| {name} | {wall:.2f} ({low:.2f}–{high:.2f}) | {count / wall:,.0f} | "
                f"{cpu:.2f} | {count / cpu:,.0f} | {peak:.0f} |"
            )
        database_size = (folder / "new.db").stat().st_size
        print(
            f"\nThe database: {database_size / 1e6:.1f} MB for {size / 1e6:.1f} MB of JSON Lines."
        )
        print(json.dumps(results))


if __name__ == "__main__":
    main()
