"""Per-document statistics (``compute_stats``) and mergeable corpus summaries (``Summary``).

Every figure is computed over the document's sentences, which cover its paragraphs; headings
are counted in ``headings`` but are not prose, so their words are not in ``words``. Words
follow the one tokenisation of :mod:`newstool.stats.tokens`, syllables
:mod:`newstool.stats.syllables`, scores :mod:`newstool.stats.readability`.

>>> from newstool.model import Document
>>> doc = Document.from_dict({"text": "Heading\\n\\nThe cat sat. It is 10,000 years old.",
...     "blocks": [{"type": "heading", "start": 0, "end": 7},
...                {"type": "paragraph", "start": 9, "end": 45}]})
>>> figures = compute_stats(doc).stats
>>> figures["words"], figures["sentences"], figures["syllables"], figures["headings"]
(8, 2, 10, 1)
"""

from __future__ import annotations

import re
import struct
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from newstool import lazyre
from newstool.stats import readability as r
from newstool.stats import syllables as syl
from newstool.stats.language import (
    EnglishEvidence,
    LanguageCheck,
    is_english_stopword,
    latin_letters,
    letter_scripts,
)
from newstool.stats.terms import is_capitalised, most_common, phrases_among, term
from newstool.stats.tokens import is_number, letters_and_digits, words_and_gaps

if TYPE_CHECKING:
    from newstool.model import Document
    from newstool.stats.summary import Summary

# Figures that only mean something for English text (syllables follow English spelling and the
# CMU dictionary; the formulas and the reading rate were fitted to English readers); null when
# the text is not English (see :mod:`newstool.stats.language`).
ENGLISH_ONLY = (
    "syllables",
    "polysyllables",
    "complex_words",
    "reading_time_s",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
)
_SYLLABIC_ENDING = lazyre.compile(r"..(?:ing|[td]ed|(?:[sxz]|ch|sh|[cg])es)$")
# How many sentences are analysed at a time (a whole document of ordinary size at once).
SENTENCE_BATCH = 2000


def _percentage_pattern(digit: str, space: str) -> re.Pattern[str]:
    """A percentage ("12%", "3.5 per cent"), given what a digit and a space are (the insides of
    a character class).

    The lookbehinds start a match only where a number starts, so a long run of digits is
    scanned once rather than once per digit. They follow the first digit, so that the engine
    can skip ahead to the next digit instead of trying them at every character.
    """
    d = f"[{digit}]"
    number = rf"{d}(?<!{d}{d})(?<!{d}[.,]{d})(?:[{digit}.,]*{d})?"
    return re.compile(rf"{number}[{space}]?(?:%|per ?cent\b)", re.IGNORECASE)


_PERCENTAGE = _percentage_pattern(r"\d", r"\s")
# The same on ASCII text, with the ASCII characters of \d and \s (tab to carriage return, the
# separators \x1c to \x1f, space) as plain sets, which the engine tests faster.
_ASCII_PERCENTAGE = _percentage_pattern("0-9", "\t-\r\x1c- ")
# Joins sentences for one _PERCENTAGE scan: no percentage can take it in, and to the lookbehinds
# and \b it is what the start or end of a sentence is (neither a digit, a separator nor a space).
_APART = "\0"


@dataclass(frozen=True)
class Analysis:
    """One document's figures (``stats``), its sentence lengths, full term and phrase counts,
    whether it is English, and how many quotations each speaker has (of its ``quotes``)."""

    stats: dict[str, Any]
    sentence_words: tuple[int, ...]
    terms: Counter[str]
    phrases: Counter[str]
    language: LanguageCheck
    speakers: Counter[str]


def sentence_texts(doc: Document) -> Iterator[str]:
    """The document's sentences: its own ``sentences`` when present, else split block by block
    (headings are not sentences), one at a time.

    >>> from newstool.model import Document
    >>> list(sentence_texts(Document.from_dict({"text": "It is late.He left.\\n\\nGo."})))
    ['It is late.', 'He left.', 'Go.']
    """
    if doc.sentences is not None:
        return (s.text for s in doc.sentences)
    from newstool.sentences import iter_sentence_texts

    return iter_sentence_texts(doc)


def stem_syllables(word: str, count: int) -> int:
    """Syllables without an -ing, -ed or -es ending that is a syllable of its own (for Gunning's
    complex words): -ing always, -ed after t or d, -es after a hissing sound.

    >>> stem_syllables("created", 3), stem_syllables("announces", 3), stem_syllables("terrorist", 3)
    (2, 2, 3)
    """
    return count - bool(_SYLLABIC_ENDING.search(word.lower()))


class WordFigures(NamedTuple):
    """What the document figures need to know of one word (see :func:`word_figures`); the
    first :data:`COUNTED` fields are the ones a document adds up. Those that are mostly zero come
    last: they cost no room when packed (see :func:`pack_counts`)."""

    syllables: int
    letters_and_digits: int
    letters: int
    latin_letters: int
    lettered: bool
    english_stopword: bool
    polysyllabic: bool
    complex: bool
    year: bool
    number: bool
    term: str | None
    capitalised: bool


# The leading fields of WordFigures that a document adds up, word by word.
COUNTED = WordFigures._fields[:10]
# Each count gets 64 bits of the packed number: no count of a real text comes near 2**64.
_PACKED = struct.Struct(f"<{len(COUNTED)}Q")


def word_figures(word: str) -> WordFigures:
    """Everything the figures take from one word.

    >>> figures = word_figures("Russia's")
    >>> figures.syllables, figures.letters_and_digits, figures.term, figures.capitalised
    (2, 7, 'russia', True)
    """
    return WordFigures(*counted_figures(word), term(word), is_capitalised(word))


def counted_figures(word: str) -> tuple[int, ...]:
    """The :data:`COUNTED` figures of one word, in order, as numbers (True counts as 1): what
    :func:`pack_counts` packs, without a :class:`WordFigures` made for each new word.

    >>> counted_figures("Russia's")
    (2, 7, 7, 7, True, False, False, False, False, False)
    """
    count = syl.syllables(word)
    letters = len(word) if word.isalpha() else sum(map(str.isalpha, word))
    return (
        count,  # syllables
        letters_and_digits(word),
        letters,
        latin_letters(word),
        letters > 0,  # lettered
        letters > 0 and is_english_stopword(word),
        count >= 3,  # polysyllabic
        # stem_syllables only matters from three syllables on: most words are spared it
        count >= 3 and r.is_complex_word(count, word, stem_syllables(word, count)),
        syl.is_year(word),
        is_number(word),
    )


def pack_counts(counts: Sequence[int]) -> int:
    """The :data:`COUNTED` figures as one number, so that a document's totals are one sum of
    occurrences times packed counts (see :func:`unpack_counts`).

    >>> counts = [1, 5, 4, 4, 1, 1, 0, 0, 0, 0]
    >>> unpack_counts(3 * pack_counts(counts) + pack_counts(counts))
    (4, 20, 16, 16, 4, 4, 0, 0, 0, 0)
    """
    return int.from_bytes(_PACKED.pack(*counts), "little")  # the first count is the lowest


def unpack_counts(packed: int) -> tuple[int, ...]:
    """The :data:`COUNTED` figures, in order, of a sum of :func:`pack_counts` numbers."""
    return _PACKED.unpack(packed.to_bytes(_PACKED.size, "little"))


class WordTally(NamedTuple):
    """What a document takes from each occurrence of a word: its :data:`COUNTED` figures
    packed (:func:`pack_counts`), its lower-case form, its term and whether it is capitalised."""

    counts: int
    lower: str
    term: str | None
    capitalised: bool


class _Tallies(dict[str, WordTally]):
    """The :class:`WordTally` of the words met lately, worked out on a word's first look-up
    (news repeats its words). Words are remembered in two generations of at most
    :data:`TALLY_GENERATION` words each: a word looked up again while it is in the older one
    moves to the newer one, and when the newer one is full it becomes the older one and the
    older one is forgotten. That bounds memory however long the corpus while keeping the words
    in use, as an LRU cache does, but at less time and memory a word: a plain dict's look-ups
    can be mapped over a document's words without a Python call for each. (Two generations of
    12,000 words keep the peak memory of 1,000 documents within 1.2 times that of 100.)"""

    def __init__(self) -> None:
        super().__init__()
        self.older: dict[str, WordTally] = {}

    def __missing__(self, word: str) -> WordTally:
        tally = self.older.get(word) or _new_tally(word)
        if len(self) >= TALLY_GENERATION:
            self.older = dict(self)
            self.clear()
        self[word] = tally
        return tally


def _new_tally(word: str) -> WordTally:
    lower = word.lower()
    lower = word if lower == word else lower  # one string, not two, where they are equal
    word_term = term(word)
    word_term = lower if word_term == lower else word_term
    return WordTally(pack_counts(counted_figures(word)), lower, word_term, is_capitalised(word))


TALLY_GENERATION = 12_000
_TALLIES = _Tallies()


def forget_words() -> None:
    """Empty the remembered words (both generations of :class:`_Tallies`): the next figures
    start cold, as in a new process (``benchmarks/bench_syllables.py`` measures both)."""
    _TALLIES.clear()
    _TALLIES.older = {}


def word_tally(word: str) -> WordTally:
    """The :class:`WordTally` of a word, worked out once while it is remembered (see
    :class:`_Tallies`).

    >>> tally = word_tally("Russia's")
    >>> unpack_counts(tally.counts)[COUNTED.index("syllables")], tally.lower, tally.term
    (2, "russia's", 'russia')
    """
    return _TALLIES[word]


@dataclass
class _Tally:
    """Running totals over a document's sentences, taken in a batch of sentences at a time: a
    long document's words are never all in memory at once. Each word is kept only as a
    reference to its lower-case form (``lowered``, the string its :class:`WordTally` holds), for
    the lexical diversity measures."""

    words: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTED, 0))
    sentence_words: list[int] = field(default_factory=list)
    percentages: int = 0
    terms: Counter[str] = field(default_factory=Counter)
    phrases: Counter[str] = field(default_factory=Counter)
    language: EnglishEvidence = field(default_factory=EnglishEvidence)
    lowered: list[str] = field(default_factory=list)

    def add(self, sentences: list[str]) -> None:
        """Take in the next sentences: one scan of each for its words, and the
        :func:`word_tally` of each word, mapped over the words (so that each step is one pass
        in C rather than Python code for each word)."""
        per_sentence = [words_and_gaps(s) for s in sentences]
        self.sentence_words += (len(ws) for ws, _ in per_sentence)
        joined = _APART.join(sentences)
        percentage = _ASCII_PERCENTAGE if joined.isascii() else _PERCENTAGE
        self.percentages += len(percentage.findall(joined))
        tokens = [w for ws, _ in per_sentence for w in ws]
        if not tokens:
            return
        tallies = list(map(_TALLIES.__getitem__, tokens))
        counts = dict(zip(COUNTED, unpack_counts(sum(map(_COUNTS, tallies))), strict=True))
        for name, total in counts.items():
            self.counts[name] += total
        self.words += len(tokens)
        self.terms.update(filter(None, map(_TERM, tallies)))
        self.lowered += map(_LOWER, tallies)
        self.phrases.update(_phrases(per_sentence, list(map(_CAPITALISED, tallies))))
        # When every letter is Latin, as in English text, there is no need to look at each one.
        letters = counts["letters"]
        scripts = Counter({"Latin": letters} if letters else {})
        if counts["latin_letters"] < letters:
            scripts = letter_scripts(tokens)
        self.language.add_counts(scripts, counts["lettered"], counts["english_stopword"])


_COUNTS, _LOWER, _TERM, _CAPITALISED = map(attrgetter, WordTally._fields)


def _phrases(
    per_sentence: list[tuple[list[str], list[str]]], capitalised: list[bool]
) -> Iterator[str]:
    """The capitalised phrases of sentences given as words and gaps, with whether each of their
    words (all the sentences' words, in order) is capitalised."""
    start = 0
    for ws, gaps in per_sentence:
        end = start + len(ws)
        yield from phrases_among(ws, gaps, capitalised[start:end])
        start = end


def analyse(doc: Document, top: int = 10) -> Analysis:
    """All figures of one document; ``top`` bounds the term and phrase lists in ``stats``.

    The :data:`ENGLISH_ONLY` figures are None when the text is not English:

    >>> from newstool.model import Document
    >>> figures = analyse(Document.from_dict({"text": "Переговоры продолжатся."})).stats
    >>> figures["words"], figures["language"], figures["syllables"], figures["smog_index"]
    (2, 'not-en', None, None)
    """
    tally = _Tally()
    sentences = sentence_texts(doc)
    while batch := list(islice(sentences, SENTENCE_BATCH)):
        tally.add(batch)
    language = tally.language.verdict()
    totals = tally.counts
    n_words, n_sentences, n_syllables = tally.words, len(tally.sentence_words), totals["syllables"]
    characters, letters = totals["letters_and_digits"], totals["letters"]
    polysyllables, complex_words = totals["polysyllabic"], totals["complex"]
    blocks = Counter(b.type for b in doc.blocks)
    speakers = Counter(q.speaker for q in doc.quotes or () if q.speaker is not None)
    stats = {
        "characters": len(doc.text),
        "words": n_words,
        "sentences": n_sentences,
        "paragraphs": blocks["paragraph"],
        "headings": blocks["heading"],
        "avg_sentence_words": _round(n_words / n_sentences if n_sentences else None),
        "max_sentence_words": max(tally.sentence_words, default=0),
        "avg_word_chars": _round(characters / n_words if n_words else None),
        "syllables": n_syllables,
        "polysyllables": polysyllables,
        "complex_words": complex_words,
        "letters": letters,
        "letters_and_digits": characters,
        "reading_time_s": _round(r.reading_time_s(n_words), 1),
        "flesch_reading_ease": _round(r.flesch_reading_ease(n_words, n_sentences, n_syllables)),
        "flesch_kincaid_grade": _round(r.flesch_kincaid_grade(n_words, n_sentences, n_syllables)),
        "gunning_fog": _round(r.gunning_fog(n_words, n_sentences, complex_words)),
        "smog_index": _round(r.smog_index(n_sentences, polysyllables)),
        "coleman_liau_index": _round(r.coleman_liau_index(n_words, n_sentences, letters)),
        "automated_readability_index": _round(
            r.automated_readability_index(n_words, n_sentences, characters)
        ),
        "lexical_diversity": {
            "type_token_ratio": _round(r.type_token_ratio(tally.lowered), 3),
            "mtld": _round(r.mtld(tally.lowered)),
        },
        "top_terms": [{"term": t, "count": n} for t, n in most_common(tally.terms, top)],
        "capitalised_phrases": [
            {"phrase": p, "count": n} for p, n in most_common(tally.phrases, top)
        ],
        "numbers": {
            "numbers": totals["number"],
            "years": totals["year"],
            "percentages": tally.percentages,
        },
        # counted when the quotes stage has run (finding them costs as much as the rest)
        "quotes": len(doc.quotes) if doc.quotes is not None else None,
        "speakers": [{"speaker": s, "quotes": n} for s, n in most_common(speakers, len(speakers))]
        if doc.quotes is not None
        else None,
        "language": language.language,
        "language_evidence": language.evidence(),
    }
    if language.language != "en":
        stats.update(dict.fromkeys(ENGLISH_ONLY))
    return Analysis(
        stats, tuple(tally.sentence_words), tally.terms, tally.phrases, language, speakers
    )


def document_stats(doc: Document, top: int = 10) -> dict[str, Any]:
    """The ``stats`` object of one document (see the README for every figure).

    >>> from newstool.model import Document
    >>> document_stats(Document.from_dict({"text": "Go now."}))["flesch_reading_ease"]
    120.21
    """
    return analyse(doc, top).stats


@dataclass(frozen=True)
class StatsOptions:
    """Settings for :func:`compute_stats`: how many top terms and phrases are kept.

    >>> StatsOptions.from_settings({"top": 3})
    StatsOptions(top=3)
    >>> StatsOptions(top=0)
    Traceback (most recent call last):
    ValueError: top must be a whole number from 1 to 1000, not 0
    """

    top: int = 10

    def __post_init__(self) -> None:
        if isinstance(self.top, bool) or not isinstance(self.top, int) or not 1 <= self.top <= 1000:
            raise ValueError(f"top must be a whole number from 1 to 1000, not {self.top!r}")

    @cached_property
    def fingerprint(self) -> str:
        """A digest of what changes the figures (see :mod:`newstool.fingerprint`)."""
        from newstool.fingerprint import fingerprint

        return fingerprint("stats", {"top": self.top})

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None = None) -> StatsOptions:
        """Options from one mapping keyed by the option names (``top``)."""
        settings = dict(settings or {})
        unknown = sorted(set(settings) - {"top"})
        if unknown:
            raise ValueError(f"unknown stats setting {unknown[0]!r}; valid keys: top")
        return cls(top=settings.get("top", 10))


# One instance, so that its fingerprint is worked out once, not once a document.
_DEFAULT_OPTIONS = StatsOptions()


def compute_stats(doc: Document, options: StatsOptions | None = None) -> Document:
    """``doc`` with ``stats`` added and a ``stats`` step recorded; a warning says so when the
    text is not English and the English-only figures are left null.

    >>> from newstool.model import Document
    >>> compute_stats(Document.from_dict({"text": "Переговоры продолжатся."})).warnings
    ('stats: the text does not look like English: most of its letters are Cyrillic (100% not \
Latin); readability scores, syllables and reading time are English-only and were left null',)
    """
    options = options or _DEFAULT_OPTIONS
    top = options.top
    analysis = analyse(doc, top)
    reason = analysis.language.reason
    warnings = doc.warnings
    if reason is not None:
        warning = (
            f"stats: the text does not look like English: {reason}; readability scores, "
            "syllables and reading time are English-only and were left null"
        )
        warnings = tuple(w for w in warnings if w != warning) + (warning,)
    return doc.add_step(
        "stats",
        {"top": top},
        fingerprint=options.fingerprint,
        stats=analysis.stats,
        warnings=warnings,
    )


def summarise(docs: Any, top: int = 10) -> Summary:
    """A corpus :class:`~newstool.stats.summary.Summary` of an iterable of documents.

    >>> from newstool.model import Document
    >>> summarise([Document.from_dict({"text": "Go now."})] * 3).report()["totals"]["words"]
    6
    """
    from newstool.stats.summary import Summary

    summary = Summary(top=top)
    for doc in docs:
        summary.add(doc)
    return summary


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


__all__ = [
    "ENGLISH_ONLY",
    "Analysis",
    "StatsOptions",
    "analyse",
    "compute_stats",
    "document_stats",
    "forget_words",
    "sentence_texts",
    "summarise",
]
