"""One huge article: a corpus dump without newlines, through every stage as users run it.

Run with ``make bench``, ``python -m benchmarks bench_huge``, or, for a quick look at a smaller
article, ``python -m benchmarks.bench_huge --size 4`` (megabytes). The article (about 40 MB by
default) is a title line, a heading line and one paragraph line of news sentences damaged as
scrapers damage them: glued boundaries (``Idlib.On Wednesday``), quotations glued to the
sentence before, bracketed editorial notes, orphan commas, doubled spaces, spaces before
punctuation, no-break spaces in numbers. It is generated here from a fixed random seed, out of
the seed article and the sentences of ``bench_sentences``, and never stored.

Each stage is the installed ``newstool`` command in its own process, reading the previous
stage's output file: ingest, clean, split-sentences, stats, then export -f markdown and
export -f json of the stats output. For each: wall seconds, the peak resident memory of that
process alone (``os.wait4`` returns the rusage of the one child it waited for), the size of its
input, and the peak as a multiple of the article's size.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.bench_sentences import SENTENCES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEFAULT_MB = 40
MB = 1_000_000
STAGES = (
    ("ingest", ["ingest"], "article"),
    ("clean", ["clean"], "ingest"),
    ("split-sentences", ["split-sentences"], "clean"),
    ("stats", ["stats"], "split-sentences"),
    ("export -f markdown", ["export", "-f", "markdown"], "stats"),
    ("export -f json", ["export", "-f", "json"], "stats"),
)
# Damage done to the join before a sentence, with its share of the joins.
NOTES = ("outlawed in Russia - TASS", "Photo: AP", "updated at noon", "Editor's note: corrected")
SPEAKERS = ("he said", "she told reporters", "Lavrov added", "the minister said")


def command() -> list[str]:
    """The console script installed beside this Python, as a user runs it."""
    script = Path(sys.executable).parent / "newstool"
    return [str(script)] if script.exists() else [sys.executable, "-m", "newstool"]


def sentence_pool() -> list[str]:
    """Whole sentences from the seed articles' paragraphs and the sentence benchmark."""
    from newstool.sentences import split_sentences

    pool = list(SENTENCES)
    for seed in sorted(SEEDS.glob("*.txt")):
        for paragraph in seed.read_text(encoding="utf-8").split("\n\n")[2:]:
            pool += [s.text for s in split_sentences(paragraph) if s.text[:1].isupper()]
    return pool


def damaged(sentence: str, rng: random.Random) -> str:
    """A sentence, maybe damaged inside: a note, a quotation, an orphan comma, bad spacing."""
    roll = rng.random()
    if roll < 0.03:
        return f"{sentence[:-1]} [{rng.choice(NOTES)}]{sentence[-1]}"
    if roll < 0.08:
        return f'"{sentence[:-1]}," {rng.choice(SPEAKERS)}.'
    if roll < 0.083:
        return f"{rng.choice(SPEAKERS).capitalize()}., {sentence[0].lower()}{sentence[1:]}"
    if roll < 0.10:
        return sentence.replace(", ", " , ", 1)
    if roll < 0.11:
        return f"About {rng.randint(2, 99)}\u00a0{rng.randint(100, 999)} people {sentence}"
    return sentence


def joined(rng: random.Random, pool: list[str]) -> Iterator[str]:
    """Damaged sentences with what joins them: mostly a space, often nothing, sometimes two."""
    while True:
        roll = rng.random()
        yield "" if roll < 0.12 else "  " if roll < 0.14 else " "
        yield damaged(rng.choice(pool), rng)


def write_article(path: Path, size: int, seed: int = 20240612) -> None:
    """The article, about ``size`` bytes, written in pieces (this process stays small: a child
    started from it inherits its peak memory as a floor of its own)."""
    rng = random.Random(seed)
    pool = sentence_pool()
    with path.open("w", encoding="utf-8") as out:
        out.write("Strong warning to the West as talks on Idlib resume\n")
        out.write("Reconciliation in Idlib\n")
        written, batch = 0, []
        for piece in joined(rng, pool):
            batch.append(piece)
            if len(batch) == 10_000:
                written += out.write("".join(batch).lstrip())
                batch = []
                if written >= size:
                    break
        out.write("\n")


def run_stage(args: list[str], source: Path, target: Path) -> tuple[float, int]:
    """Wall seconds and peak resident bytes of one stage process reading ``source``."""
    start = time.perf_counter()
    with open(target, "wb") as out:
        process = subprocess.Popen(
            [*command(), *args, "--quiet", "--max-doc-bytes", "1G", str(source)],
            stdout=out,
            env={**os.environ, "SOURCE_DATE_EPOCH": "0"},
        )
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"newstool {' '.join(args)} failed with status {code}")
    return seconds, usage.ru_maxrss * 1024  # Linux reports KiB


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=float, default=DEFAULT_MB, help="article size in MB")
    size = int(parser.parse_args(argv).size * MB)
    with tempfile.TemporaryDirectory() as tmp:
        files = {"article": Path(tmp) / "article.txt"}
        write_article(files["article"], size)
        article = files["article"].stat().st_size
        own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        rows = []
        for name, args, source in STAGES:
            files[name] = Path(tmp) / f"{name.replace(' ', '')}.out"
            seconds, peak = run_stage(args, files[source], files[name])
            rows.append((name, seconds, peak, files[source].stat().st_size))
    print(f"One article of {article / MB:.1f} MB on one line (title, heading, one paragraph);")
    print("each stage as its own process reading the previous stage's output. MB = 10^6 bytes.")
    print(f"{'stage':<20}{'seconds':>9}{'peak MB':>9}{'input MB':>10}{'peak/article':>14}")
    for name, seconds, peak, read in rows:
        print(
            f"{name:<20}{seconds:>9.1f}{peak / MB:>9.0f}{read / MB:>10.1f}{peak / article:>13.1f}x"
        )
    print(f"(this process, which starts each stage, peaked at {own_peak / MB:.0f} MB)")


if __name__ == "__main__":
    main()
