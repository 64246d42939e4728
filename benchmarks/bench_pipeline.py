"""The whole pipeline as users run it: documents per second and peak memory of each stage.

Each stage runs as its own process over a JSON Lines file of N documents (copies of the seed
article, each made distinct), for two corpus sizes. Memory that stays flat while N grows tenfold
shows that a stage streams: it holds one document at a time, not the corpus.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from benchmarks.common import newstool, run_process

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_a0fc1bd85d46184f.txt"
SIZES = (500, 5000)
STAGES = (
    ["ingest"],
    ["clean"],
    ["split-sentences"],
    ["stats"],
    ["export", "-f", "markdown"],
    ["stats", "--summary"],
)


def make_corpus(directory: Path, count: int) -> Path:
    """``count`` raw articles, each the seed with its own numbered sentence appended."""
    seed = SEED.read_text(encoding="utf-8")
    folder = directory / f"raw-{count}"
    folder.mkdir()
    for i in range(count):
        text = f"{seed.rstrip()} Report number {i} ends here.\n"
        (folder / f"{i:06}.txt").write_text(text, encoding="utf-8")
    return folder


def run_stage(args: list[str], source: Path, target: Path) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one stage process reading ``source``."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0"}
    measured = run_process(newstool(*args, "--quiet", str(source)), target, env=env)
    return measured.seconds, measured.peak_mib


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for count in SIZES:
            source = make_corpus(work, count)
            for args in STAGES:
                target = work / f"{'-'.join(args)}-{count}.out"
                seconds, peak = run_stage(args, source, target)
                rows.append((" ".join(args), count, count / seconds, peak))
                if args[0] != "export" and "--summary" not in args:
                    source = target
            first = json.loads((work / f"stats-{count}.out").open().readline())
            assert first["stats"]["words"] > 0
    print("Each stage as its own process over N seed-sized articles (SOURCE_DATE_EPOCH=0).")
    print(f"{'stage':<22}{'N':>7}{'docs/s':>10}{'peak MiB':>10}")
    for stage, count, rate, peak in rows:
        print(f"{stage:<22}{count:>7}{rate:>10.0f}{peak:>10.1f}")


if __name__ == "__main__":
    main()
