"""Top terms and capitalised phrases: what an article is about, and whom it names."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import compress
from operator import itemgetter

from newstool import lazyre
from newstool.datafiles import data_words
from newstool.stats.tokens import words_and_gaps

# Lower-case particles that may stand inside a name: "Staffan de Mistura", "Bank of England".
_POSSESSIVE = lazyre.compile("['\u2019]s$")
NAME_PARTICLES = frozenset(
    [
        "al",
        "bin",
        "da",
        "de",
        "del",
        "della",
        "der",
        "di",
        "du",
        "el",
        "ibn",
        "la",
        "le",
        "of",
        "van",
        "von",
    ]
)


@cache
def stopwords() -> frozenset[str]:
    """The stopword list ``newstool/data/stopwords_en.txt``, read once on first use.

    >>> "the" in stopwords(), "idlib" in stopwords()
    (True, False)
    """
    return frozenset(data_words("stopwords_en.txt"))


def term(word: str) -> str | None:
    """The term a word counts toward: lower case, possessive 's dropped; None for stopwords,
    single letters and words without a letter.

    >>> term("Russia's"), term("The"), term("2017"), term("de-escalation")
    ('russia', None, None, 'de-escalation')
    """
    lowered = word.lower().replace("\u2019", "'")
    if lowered.endswith("'s"):
        lowered = lowered[:-2]
    if len(lowered) < 2 or lowered in stopwords():
        return None
    if not (lowered.isalpha() or any(c.isalpha() for c in lowered)):  # most words are all letters
        return None
    return lowered


def is_capitalised(word: str) -> bool:
    """A word that starts with a capital, or a hyphenated one whose last part does ("al-Nusra").

    >>> is_capitalised("Idlib"), is_capitalised("al-Nusra"), is_capitalised("de-escalation")
    (True, True, False)
    """
    return word[:1].isupper() or ("-" in word and word.rsplit("-", 1)[1][:1].isupper())


def capitalised_phrases(sentence: str) -> list[str]:
    """Runs of two or more capitalised words separated only by spaces, with name particles
    ("de", "al", "of", ...) allowed inside; punctuation ends a run. A capitalised stopword
    that opens the sentence ("The", "On") is not part of a name.

    >>> capitalised_phrases("On Wednesday, Staffan de Mistura met Jabhat al-Nusra in Idlib.")
    ['Staffan de Mistura', 'Jabhat al-Nusra']
    >>> capitalised_phrases("The Syrian Army and the Bank of England's Governor Andrew Bailey")
    ['Syrian Army', 'Bank of England', 'Governor Andrew Bailey']
    """
    words, gaps = words_and_gaps(sentence)
    return phrases_among(words, gaps, [is_capitalised(w) for w in words])


def phrases_among(
    words: Sequence[str], gaps: Sequence[str], capitalised: Sequence[bool]
) -> list[str]:
    """The :func:`capitalised_phrases` of a sentence given as its words, the gaps between them
    and which words are capitalised. Only the capitalised words, and the runs they start, are
    looked at: a run goes on while a space joins it to a capitalised word or a name particle,
    and stops after a possessive ("Russia's Hmeimim": the owner's name ends there).

    >>> phrases_among(["Met", "Bank", "of", "England", "staff"], [" ", " ", " ", " "],
    ...     [True, True, False, True, False])
    ['Met Bank of England']
    """
    phrases: list[str] = []
    end = 0
    for start in compress(range(len(words)), capitalised):
        if start < end or start == 0 and words[0].lower() in stopwords():
            continue
        end = start + 1
        while (
            end < len(words)
            and not _POSSESSIVE.search(words[end - 1])
            and gaps[end - 1].isspace()
            and (capitalised[end] or words[end] in NAME_PARTICLES)
        ):
            end += 1
        if end - start >= 2:  # a name has two words or more
            phrases.extend(_name(words[start:end]))
    return phrases


def _name(run: list[str]) -> list[str]:
    while run and run[-1] in NAME_PARTICLES:
        run = run[:-1]
    name = " ".join(run)
    return [_POSSESSIVE.sub("", name)] if len(run) >= 2 else []


def most_common(counts: Counter[str], n: int) -> list[tuple[str, int]]:
    """The ``n`` most frequent items, ties in alphabetical order (stable across runs).

    >>> most_common(Counter({"b": 2, "a": 2, "c": 3}), 2)
    [('c', 3), ('a', 2)]
    """
    items: Iterable[tuple[str, int]] = counts.items()
    if 0 < n < len(counts):  # only items as frequent as the n-th most frequent can be in it
        least = sorted(counts.values(), reverse=True)[n - 1]
        items = [item for item in items if item[1] >= least]
    by_item = sorted(items)  # items are distinct: no count is ever compared here
    return sorted(by_item, key=itemgetter(1), reverse=True)[:n]  # stable: ties keep that order
