"""Readability and lexical-diversity formulas, one small function each, with its source.

Inputs are raw counts (words, sentences, syllables, ...) so that every score can be checked
by hand next to the counts it comes from. A score is ``None`` when its counts are zero.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence

WORDS_PER_MINUTE = 238
MTLD_THRESHOLD = 0.72


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float | None:
    """206.835 - 1.015 * words/sentences - 84.6 * syllables/words.

    Source: R. Flesch (1948), "A new readability yardstick", Journal of Applied Psychology
    32(3), 221-233.

    >>> round(flesch_reading_ease(100, 5, 150), 3)
    59.635
    """
    if not words or not sentences:
        return None
    return 206.835 - 1.015 * words / sentences - 84.6 * syllables / words


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float | None:
    """0.39 * words/sentences + 11.8 * syllables/words - 15.59.

    Source: J. P. Kincaid, R. P. Fishburne, R. L. Rogers, B. S. Chissom (1975), "Derivation of
    new readability formulas for Navy enlisted personnel", Research Branch Report 8-75, Naval
    Technical Training, Millington, TN.

    >>> round(flesch_kincaid_grade(100, 5, 150), 2)
    9.91
    """
    if not words or not sentences:
        return None
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def gunning_fog(words: int, sentences: int, complex_words: int) -> float | None:
    """0.4 * (words/sentences + 100 * complex_words/words).

    Complex words have three or more syllables (see :func:`is_complex_word`).
    Source: R. Gunning (1952), The Technique of Clear Writing, McGraw-Hill.

    >>> gunning_fog(100, 5, 10)
    12.0
    """
    if not words or not sentences:
        return None
    return 0.4 * (words / sentences + 100 * complex_words / words)


def smog_index(sentences: int, polysyllables: int) -> float | None:
    """1.0430 * sqrt(polysyllables * 30/sentences) + 3.1291.

    Polysyllables are words of three or more syllables. Source: G. H. McLaughlin (1969), "SMOG
    grading: a new readability formula", Journal of Reading 12(8), 639-646 (the regression
    form 1.0430/3.1291 is his).

    >>> round(smog_index(30, 16), 4)
    7.3011
    """
    if not sentences:
        return None
    return 1.0430 * math.sqrt(polysyllables * 30 / sentences) + 3.1291


def coleman_liau_index(words: int, sentences: int, letters: int) -> float | None:
    """0.0588 * L - 0.296 * S - 15.8, L = letters per 100 words, S = sentences per 100 words.

    Source: M. Coleman, T. L. Liau (1975), "A computer readability formula designed for
    machine scoring", Journal of Applied Psychology 60(2), 283-284.

    >>> round(coleman_liau_index(100, 5, 500), 3)
    12.12
    """
    if not words:
        return None
    return 0.0588 * 100 * letters / words - 0.296 * 100 * sentences / words - 15.8


def automated_readability_index(words: int, sentences: int, characters: int) -> float | None:
    """4.71 * characters/words + 0.5 * words/sentences - 21.43, characters = letters and digits.

    Source: E. A. Smith, R. J. Senter (1967), "Automated Readability Index", AMRL-TR-66-220,
    Aerospace Medical Research Laboratories, Wright-Patterson Air Force Base, Ohio.

    >>> round(automated_readability_index(100, 5, 500), 2)
    12.12
    """
    if not words or not sentences:
        return None
    return 4.71 * characters / words + 0.5 * words / sentences - 21.43


def reading_time_s(words: int) -> float:
    """Seconds to read ``words`` at 238 words per minute.

    Source: M. Brysbaert (2019), "How many words do we read per minute? A review and
    meta-analysis of reading rate", Journal of Memory and Language 109, 104047 (238 wpm for
    silent reading of non-fiction by adults).

    >>> reading_time_s(476)
    120.0
    """
    return words * 60 / WORDS_PER_MINUTE


def is_complex_word(syllables: int, word: str, stem_syllables: int) -> bool:
    """Gunning's "hard word": three or more syllables, unless it is a hyphenated compound or
    reaches three only through an -es, -ed or -ing ending (``stem_syllables`` < 3).

    >>> is_complex_word(4, "situation", 4), is_complex_word(3, "created", 2)
    (True, False)
    >>> is_complex_word(5, "de-escalation", 5)
    False
    """
    return syllables >= 3 and "-" not in word and stem_syllables >= 3


def type_token_ratio(tokens: Sequence[Hashable]) -> float | None:
    """Distinct tokens / tokens.

    >>> type_token_ratio(["a", "b", "a", "c"])
    0.75
    """
    return len(set(tokens)) / len(tokens) if tokens else None


def mtld_factors(tokens: Iterable[Hashable], threshold: float = MTLD_THRESHOLD) -> float:
    """MTLD factor count of one pass: a factor ends each time the running type/token ratio
    falls to ``threshold`` (below 1); the rest counts as (1 - ttr) / (1 - threshold) of a factor.

    Only a repeated token can bring the ratio down: a new one raises it toward 1, above the
    threshold, so the ratio is worked out only at repeats.

    >>> mtld_factors(["a", "a", "a", "b"])  # ttr 1, .5 -> factor; then b: rest ttr 1 -> 0
    1.0
    """
    factors = 0.0
    types: set[Hashable] = set()
    add, clear = types.add, types.clear  # bound once: this loop visits every word twice
    count = 0
    for token in tokens:
        count += 1
        if token not in types:
            add(token)
        elif len(types) / count <= threshold:
            factors += 1
            clear()
            count = 0
    if count:
        factors += (1 - len(types) / count) / (1 - threshold)
    return factors


def mtld(tokens: Sequence[Hashable], threshold: float = MTLD_THRESHOLD) -> float | None:
    """Measure of textual lexical diversity: mean of tokens/factors forward and backward.

    A pass with no complete or partial factor (every token distinct) has no defined length;
    it counts as one factor, so MTLD is then the token count.
    Source: P. M. McCarthy, S. Jarvis (2010), "MTLD, vocd-D, and HD-D: a validation study of
    sophisticated approaches to lexical diversity assessment", Behavior Research Methods
    42(2), 381-392.

    >>> mtld(["a", "a", "a", "b"])
    4.0
    """
    if not tokens:
        return None
    passes = (mtld_factors(tokens, threshold), mtld_factors(reversed(tokens), threshold))
    return sum(len(tokens) / (factors or 1) for factors in passes) / 2
