"""Hostile input: long runs of one pattern and no spaces, where a careless regex or look-back
turns quadratic. Each stage runs on every pattern at two sizes; the growth column should stay
near the size ratio (4), never near its square (16).
"""

from __future__ import annotations

import time

from newstool.clean import clean
from newstool.export import render_markdown
from newstool.model import Document
from newstool.sentences import split_sentences
from newstool.stats import compute_stats

SIZES = (20_000, 80_000)
PATTERNS = (
    "a", "A", "1", "1,", ".", "Ab.", "x.", "a.b", "e.g.", "www.", "a@b.", "Dr. ", "[a b] ",
    "[", '"', "â€", "*", "a,", "1.5 ", "He said. ", "Read more: ", "\n",
    "cafÃ© ", "Р“РѕСЂРѕРґ ", "X. ", "NASHVILLE, Tenn. ", "{{a ", "[ab c=d ", "<!--a ",
    "a | ", "Sign up. ",
)  # fmt: skip
STAGES = {
    "clean": clean,
    "split": lambda doc: split_sentences(doc.text),
    "stats": compute_stats,
    "markdown": render_markdown,
}


def seconds(stage, doc: Document) -> float:
    start = time.perf_counter()
    stage(doc)
    return time.perf_counter() - start


def main() -> None:
    small, large = SIZES
    print(f"seconds at {small:,} and {large:,} characters, and their ratio (linear = 4)")
    print(f"{'pattern':<14}" + "".join(f"{name:>24}" for name in STAGES))
    worst = 0.0
    for pattern in PATTERNS:
        cells = []
        for stage in STAGES.values():
            a, b = (
                seconds(stage, Document.from_dict({"text": pattern * (n // len(pattern)) + ".B"}))
                for n in SIZES
            )
            ratio = f"{b / a:5.1f}x" if a > 0.001 else "     -"  # too fast to time: no ratio
            worst = max(worst, b)
            cells.append(f"{a:7.3f} {b:7.3f} {ratio}")
        print(f"{pattern!r:<14}" + "".join(f"{c:>24}" for c in cells))
    print(f"slowest stage on {large:,} characters: {worst:.2f} s")


if __name__ == "__main__":
    main()
