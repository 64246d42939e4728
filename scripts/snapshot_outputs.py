"""Run every stage, with its main option variants, over one varied corpus and keep the outputs,
so that a refactoring can prove it changed no byte: run before, run after, compare.

    python scripts/snapshot_outputs.py /tmp/before
    python scripts/snapshot_outputs.py /tmp/after
    diff -r /tmp/before/out /tmp/after/out && echo identical

The corpus (written under DIR/corpus): the seed articles, the 2 MB news-like benchmark corpus
(622 articles built from the seed and our own sentences), the hostile-input patterns, and, when
``../shared`` is beside the checkout, its real files in many encodings (read there, never
copied into the repository). Every run uses ``SOURCE_DATE_EPOCH=0`` and paths relative to DIR,
so outputs are comparable. To snapshot another checkout's code (say a worktree of an older
commit), run this script with ``PYTHONPATH`` pointing at that checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_FIXTURES = ROOT.parent / "shared" / "fixtures" / "encodings"

# (output name, stage arguments, which output it reads: "raw" or another output's name)
RUNS = (
    ("ingest", ["ingest"], "raw"),
    ("clean", ["clean"], "ingest"),
    ("clean-straight-keep-notes", ["clean", "--quotes", "straight", "--keep-notes"], "ingest"),
    ("clean-from-raw", ["clean"], "raw"),
    ("split", ["split-sentences"], "clean"),
    ("split-raw", ["split-sentences"], "ingest"),
    ("stats", ["stats"], "split"),
    ("stats-top3", ["stats", "--top", "3"], "clean"),
    ("summary", ["stats", "--summary"], "stats"),
    ("summary-md", ["stats", "--summary", "-f", "markdown"], "stats"),
    ("export-json", ["export", "-f", "json"], "stats"),
    ("export-md", ["export", "-f", "markdown"], "stats"),
    ("export-md-sentences", ["export", "-f", "markdown", "--sentences"], "split"),
    ("split-md", ["split-sentences", "-f", "markdown"], "clean"),
)


def build_corpus(folder: Path) -> None:
    """Raw articles of every kind newstool meets, under ``folder``."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_hostile import PATTERNS
    from benchmarks.bench_sentences import build_corpus as news_like

    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    (folder / "news").mkdir()
    for number, article in enumerate(news_like()):
        (folder / "news" / f"{number:04}.txt").write_text(article, encoding="utf-8")
    (folder / "hostile").mkdir()
    for number, unit in enumerate(PATTERNS):
        text = f"Hostile {number}\n\n" + unit * (5000 // len(unit) + 1)
        (folder / "hostile" / f"{number:02}.txt").write_text(text, encoding="utf-8")
    if SHARED_FIXTURES.is_dir():
        shutil.copytree(SHARED_FIXTURES, folder / "encodings")


def run_all(directory: Path) -> None:
    """Every run of :data:`RUNS`, outputs under ``directory/out``."""
    out = directory / "out"
    out.mkdir(parents=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    for name, args, source in RUNS:
        reads = "corpus" if source == "raw" else f"out/{source}.out"  # relative: same paths
        with open(out / f"{name}.out", "wb") as target:
            done = subprocess.run(
                [sys.executable, "-m", "newstool", *args, "--quiet", reads],
                stdout=target,
                stderr=subprocess.PIPE,
                env=env,
                cwd=directory,
            )
        (out / f"{name}.err").write_bytes(done.stderr + f"exit {done.returncode}\n".encode())


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    directory = Path(sys.argv[1])
    if directory.exists():
        raise SystemExit(f"{directory} exists; give a new directory")
    build_corpus(directory / "corpus")
    run_all(directory)
    print(f"outputs in {directory / 'out'}")


if __name__ == "__main__":
    main()
