"""Corpus summaries that merge exactly: per-worker summaries combine into the whole.

A :class:`Summary` holds sums, counters and two small sketches, never the documents: its size
depends on the number of distinct values it keeps (at most ``capacity`` terms and phrases, a
few hundred histogram buckets), not on the corpus. ``a.merge(b)`` gives the summary of both
parts, so parallel workers or a cluster engine can each summarise a share and combine.

>>> from newstool.model import Document
>>> a, b = Summary(), Summary()
>>> a.add(Document.from_dict({"text": "Idlib is calm. Idlib waits."}))
>>> b.add(Document.from_dict({"text": "Moscow spoke."}))
>>> whole = a.merge(b)
>>> whole.documents, whole.totals["words"], whole.to_dict()["top_terms"][0]
(2, 7, {'term': 'idlib', 'count': 2})
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newstool.stats.terms import most_common

RELATIVE_ACCURACY = 0.01
CAPACITY = 1000
TOTALS = ("characters", "words", "sentences", "paragraphs", "headings", "syllables", "quotes")
# Flesch (1948) reading-ease bands: (lowest score, label).
READING_EASE_BANDS = (
    (90, "90+ very easy"),
    (80, "80-90 easy"),
    (70, "70-80 fairly easy"),
    (60, "60-70 standard"),
    (50, "50-60 fairly difficult"),
    (30, "30-50 difficult"),
    (-math.inf, "<30 very difficult"),
)
NO_SCORE = "no score"


def reading_ease_band(score: float | None) -> str:
    """The Flesch band a reading-ease score falls in.

    >>> reading_ease_band(65.0), reading_ease_band(-12.0), reading_ease_band(None)
    ('60-70 standard', '<30 very difficult', 'no score')
    """
    if score is None:
        return NO_SCORE
    return next(label for low, label in READING_EASE_BANDS if score >= low)


@dataclass
class LogHistogram:
    """Counts of non-negative values in buckets whose bounds grow by a factor
    ``(1 + a) / (1 - a)``, a = relative accuracy (the DDSketch mapping of Masson, Rim and Lee,
    "DDSketch: a fast and fully-mergeable quantile sketch with relative-error guarantees",
    PVLDB 12(12), 2019). A quantile is off by at most ``a`` times the true value, and never
    outside the exact minimum and maximum, which are kept too; merging adds counts, so it is
    exact, associative and commutative.

    >>> h = LogHistogram()
    >>> for v in range(1, 101): h.add(v)
    >>> h.quantile(0.5), h.quantile(0.9), h.count
    (49.9, 89.1, 100)
    >>> one = LogHistogram(); one.add(354); one.quantile(0.5)
    354.0
    """

    relative_accuracy: float = RELATIVE_ACCURACY
    zeros: int = 0
    buckets: Counter[int] = field(default_factory=Counter)
    minimum: float | None = None
    maximum: float | None = None

    @property
    def gamma(self) -> float:
        return (1 + self.relative_accuracy) / (1 - self.relative_accuracy)

    @property
    def count(self) -> int:
        return self.zeros + sum(self.buckets.values())

    def add(self, value: float) -> None:
        self.minimum = value if self.minimum is None else min(self.minimum, value)
        self.maximum = value if self.maximum is None else max(self.maximum, value)
        if value <= 0:
            self.zeros += 1
        else:
            self.buckets[math.ceil(math.log(value, self.gamma))] += 1

    def merge(self, other: LogHistogram) -> LogHistogram:
        if other.relative_accuracy != self.relative_accuracy:
            raise ValueError("cannot merge histograms of different relative accuracy")
        return LogHistogram(
            self.relative_accuracy,
            self.zeros + other.zeros,
            self.buckets + other.buckets,
            _combine(min, self.minimum, other.minimum),
            _combine(max, self.maximum, other.maximum),
        )

    def quantile(self, q: float) -> float | None:
        """The value at rank ``floor(q * (count - 1))`` in sorted order, within the relative
        accuracy (then rounded to one decimal); None when empty."""
        if not self.count:
            return None
        rank = math.floor(q * (self.count - 1))
        seen = self.zeros
        if rank < seen:
            return 0.0
        for index in sorted(self.buckets):
            seen += self.buckets[index]
            if rank < seen:
                estimate = 2 * self.gamma**index / (self.gamma + 1)
                return round(float(min(max(estimate, self.minimum), self.maximum)), 1)
        raise AssertionError("unreachable: rank is below count")

    def to_dict(self) -> dict[str, Any]:
        buckets = sorted(self.buckets.items())
        return {
            "relative_accuracy": self.relative_accuracy,
            "zeros": self.zeros,
            "buckets": buckets,
            "minimum": self.minimum,
            "maximum": self.maximum,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LogHistogram:
        buckets = Counter({int(i): int(n) for i, n in data["buckets"]})
        return cls(
            data["relative_accuracy"],
            data["zeros"],
            buckets,
            data.get("minimum"),
            data.get("maximum"),
        )


def _combine(pick: Any, a: float | None, b: float | None) -> float | None:
    """``pick(a, b)`` where either may be missing (an empty histogram)."""
    return b if a is None else a if b is None else pick(a, b)


@dataclass
class TopCounts:
    """Counts of the most frequent items in at most ``capacity`` counters (the mergeable
    Misra-Gries summary of Agarwal et al., "Mergeable summaries", PODS 2012). While no more than
    ``capacity`` distinct items have been seen the counts are exact, and merging is exact,
    associative and commutative. Past that, the counters are reduced, and every reported count
    is at most :attr:`error_bound` below the true one.

    >>> t = TopCounts(capacity=2)
    >>> t.add(Counter({"a": 5, "b": 3, "c": 1}))
    >>> dict(t.counts), t.error_bound
    ({'a': 4, 'b': 2}, 1.0)
    """

    capacity: int = CAPACITY
    counts: Counter[str] = field(default_factory=Counter)
    total: int = 0

    @property
    def error_bound(self) -> float:
        """(all counted - counts kept) / (capacity + 1)."""
        return (self.total - sum(self.counts.values())) / (self.capacity + 1)

    def add(self, counts: Counter[str]) -> None:
        self.counts.update(counts)
        self.total += sum(counts.values())
        self._reduce()

    def merge(self, other: TopCounts) -> TopCounts:
        merged = TopCounts(min(self.capacity, other.capacity), self.counts + other.counts)
        merged.total = self.total + other.total
        merged._reduce()
        return merged

    def _reduce(self) -> None:
        if len(self.counts) > self.capacity:
            cut = sorted(self.counts.values(), reverse=True)[self.capacity]
            self.counts = Counter({k: n - cut for k, n in self.counts.items() if n > cut})

    def to_dict(self) -> dict[str, Any]:
        return {"capacity": self.capacity, "total": self.total, "counts": dict(self.counts)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TopCounts:
        return cls(data["capacity"], Counter(data["counts"]), data["total"])


@dataclass
class Summary:
    """A corpus summary: add documents, merge summaries, report (see the README)."""

    top: int = 10
    documents: int = 0
    totals: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TOTALS, 0))
    words_per_document: LogHistogram = field(default_factory=LogHistogram)
    sentence_words: LogHistogram = field(default_factory=LogHistogram)
    reading_ease: Counter[str] = field(default_factory=Counter)
    terms: TopCounts = field(default_factory=TopCounts)
    phrases: TopCounts = field(default_factory=TopCounts)
    speakers: TopCounts = field(default_factory=TopCounts)
    encodings: Counter[str] = field(default_factory=Counter)
    warnings: int = 0
    languages: Counter[str] = field(default_factory=Counter)

    def add(self, doc: Any) -> None:
        """Count one document in (its figures are computed here, whatever ``stats`` it has).

        A figure that is null (the syllables of a text that is not English) adds nothing to
        its total; ``languages`` says how many documents were left out that way.
        """
        from newstool.stats import analyse

        analysis = analyse(doc, self.top)
        stats = analysis.stats
        self.documents += 1
        for name in TOTALS:
            self.totals[name] += stats[name] or 0
        self.languages[stats["language"]] += 1
        self.words_per_document.add(stats["words"])
        for length in analysis.sentence_words:
            self.sentence_words.add(length)
        self.reading_ease[reading_ease_band(stats["flesch_reading_ease"])] += 1
        self.terms.add(analysis.terms)
        self.phrases.add(analysis.phrases)
        self.speakers.add(analysis.speakers)
        encoding = doc.source.encoding if doc.source and doc.source.encoding else "unknown"
        self.encodings[encoding] += 1
        self.warnings += len(doc.warnings)

    def merge(self, other: Summary) -> Summary:
        """The summary of both parts; neither part is changed."""
        return Summary(
            top=max(self.top, other.top),
            documents=self.documents + other.documents,
            totals={name: self.totals[name] + other.totals[name] for name in TOTALS},
            words_per_document=self.words_per_document.merge(other.words_per_document),
            sentence_words=self.sentence_words.merge(other.sentence_words),
            reading_ease=self.reading_ease + other.reading_ease,
            terms=self.terms.merge(other.terms),
            phrases=self.phrases.merge(other.phrases),
            speakers=self.speakers.merge(other.speakers),
            encodings=self.encodings + other.encodings,
            warnings=self.warnings + other.warnings,
            languages=self.languages + other.languages,
        )

    def report(self) -> dict[str, Any]:
        """The figures an analyst reads (no sketch internals)."""
        totals = {name: self.totals[name] for name in TOTALS}
        return {
            "documents": self.documents,
            "totals": totals,
            "words_per_document": _distribution(
                self.words_per_document, totals["words"], self.documents
            ),
            "sentence_words": _distribution(
                self.sentence_words, totals["words"], totals["sentences"]
            ),
            "reading_ease": {
                label: self.reading_ease[label]
                for label in [label for _, label in READING_EASE_BANDS] + [NO_SCORE]
            },
            "top_terms": [
                {"term": t, "count": n} for t, n in most_common(self.terms.counts, self.top)
            ],
            "top_phrases": [
                {"phrase": p, "count": n} for p, n in most_common(self.phrases.counts, self.top)
            ],
            "top_speakers": [
                {"speaker": s, "quotes": n} for s, n in most_common(self.speakers.counts, self.top)
            ],
            "encodings": dict(sorted(self.encodings.items())),
            "warnings": self.warnings,
            "languages": dict(sorted(self.languages.items())),
            "english_only_skipped": self.languages["not-en"],
            "accuracy": {
                "quantile_relative_error": RELATIVE_ACCURACY,
                "top_terms_max_undercount": self.terms.error_bound,
                "top_phrases_max_undercount": self.phrases.error_bound,
                "top_speakers_max_undercount": self.speakers.error_bound,
            },
        }

    def to_dict(self) -> dict[str, Any]:
        """The report plus, under ``state``, everything :meth:`from_dict` needs to merge later."""
        return {**self.report(), "state": self.state()}

    def state(self) -> dict[str, Any]:
        """Everything :meth:`from_state` needs to merge later (JSON-ready), without the report."""
        return {
            "top": self.top,
            "documents": self.documents,
            "totals": dict(self.totals),
            "words_per_document": self.words_per_document.to_dict(),
            "sentence_words": self.sentence_words.to_dict(),
            "reading_ease": dict(self.reading_ease),
            "terms": self.terms.to_dict(),
            "phrases": self.phrases.to_dict(),
            "speakers": self.speakers.to_dict(),
            "encodings": dict(self.encodings),
            "warnings": self.warnings,
            "languages": dict(self.languages),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        """Read back what :meth:`to_dict` wrote (only its ``state`` is used)."""
        return cls.from_state(data["state"])

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Summary:
        """Read back what :meth:`state` gave."""
        return cls(
            top=state["top"],
            documents=state["documents"],
            totals={name: state["totals"].get(name, 0) for name in TOTALS},
            words_per_document=LogHistogram.from_dict(state["words_per_document"]),
            sentence_words=LogHistogram.from_dict(state["sentence_words"]),
            reading_ease=Counter(state["reading_ease"]),
            terms=TopCounts.from_dict(state["terms"]),
            phrases=TopCounts.from_dict(state["phrases"]),
            speakers=TopCounts.from_dict(state["speakers"]) if "speakers" in state else TopCounts(),
            encodings=Counter(state["encodings"]),
            warnings=state["warnings"],
            languages=Counter(state.get("languages", {})),
        )

    def render_markdown(self) -> str:
        """A Markdown report: one table per part of :meth:`report`."""
        return "\n".join(_markdown_lines(self.report())) + "\n"

    def rich_table(self) -> Any:
        """The report as a rich Table for a terminal (rich is imported only here)."""
        from rich.table import Table

        noun = "document" if self.documents == 1 else "documents"
        table = Table(title=f"newstool corpus summary: {self.documents} {noun}")
        table.add_column("figure")
        table.add_column("value", justify="right")
        for section, rows in _sections(self.report()):
            table.add_section()
            for name, value in rows:
                table.add_row(f"{section}: {name}" if section else name, value)
        return table


class MergeTree:
    """Summaries merged by a tree reduction: pairwise, as a balanced tree over the order they
    are added, holding at most one pending part per level. The same parts in the same order
    always give the same tree, so the same result, whichever engine made them.

    >>> from newstool.model import Document
    >>> tree = MergeTree()
    >>> for n in range(5):
    ...     part = Summary(); part.add(Document.from_dict({"text": "Go now." * n})); tree.add(part)
    >>> merged = tree.merged(top=3)
    >>> merged.documents, merged.totals["words"], merged.top, MergeTree().merged().documents
    (5, 20, 3, 0)
    """

    def __init__(self) -> None:
        self.pending: list[tuple[int, Summary]] = []  # (level, the merge of 2**level parts)

    def add(self, summary: Summary) -> None:
        level = 0
        while self.pending and self.pending[-1][0] == level:
            summary = self.pending.pop()[1].merge(summary)
            level += 1
        self.pending.append((level, summary))

    def merged(self, top: int = 10) -> Summary:
        """Every part added, as one summary reporting ``top`` terms and phrases (parts kept
        from an older pipeline may have been made with another ``top``)."""
        merged = Summary(top=top)
        for _, part in reversed(self.pending):
            merged = part.merge(merged)
        merged.top = top
        return merged


def _distribution(histogram: LogHistogram, total: int, count: int) -> dict[str, float | None]:
    mean = round(total / count, 2) if count else None
    return {"mean": mean, "median": histogram.quantile(0.5), "p90": histogram.quantile(0.9)}


def _top(counts: TopCounts, name: str, n: int) -> list[dict[str, Any]]:
    return [{name: item, "count": count} for item, count in most_common(counts.counts, n)]


def _sections(report: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The report as titled rows of (name, value) text, shared by Markdown and rich."""
    return [
        ("", [("documents", str(report["documents"])), ("warnings", str(report["warnings"]))]),
        ("total", [(k, str(v)) for k, v in report["totals"].items()]),
        (
            "language",
            [(k, str(v)) for k, v in report["languages"].items()]
            + [("English-only figures skipped", str(report["english_only_skipped"]))],
        ),
        ("words per document", [(k, _text(v)) for k, v in report["words_per_document"].items()]),
        ("words per sentence", [(k, _text(v)) for k, v in report["sentence_words"].items()]),
        ("reading ease", [(k, str(v)) for k, v in report["reading_ease"].items()]),
        ("top term", [(t["term"], str(t["count"])) for t in report["top_terms"]]),
        ("top phrase", [(p["phrase"], str(p["count"])) for p in report["top_phrases"]]),
        ("top speaker", [(s["speaker"], str(s["quotes"])) for s in report["top_speakers"]]),
        ("encoding", [(k, str(v)) for k, v in report["encodings"].items()]),
    ]


def _markdown_lines(report: dict[str, Any]) -> list[str]:
    lines = ["# Corpus summary", ""]
    for section, rows in _sections(report):
        lines += [
            f"## {section.capitalize() or 'Corpus'}",
            "",
            "| figure | value |",
            "| --- | ---: |",
        ]
        lines += [f"| {_cell(name)} | {_cell(value)} |" for name, value in rows] + [""]
    return lines[:-1]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _text(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"
