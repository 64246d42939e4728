"""Top terms and capitalised phrases: what an article is about, and whom it names."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources
from operator import itemgetter

from newstool.stats.tokens import word_spans

# Lower-case particles that may stand inside a name: "Staffan de Mistura", "Bank of England".
_POSSESSIVE = re.compile("['\u2019]s$")
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
    text = resources.files("newstool").joinpath("data", "stopwords_en.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def term(word: str) -> str | None:
    """The term a word counts toward: lower case, possessive 's dropped; None for stopwords,
    single letters and words without a letter.

    >>> term("Russia's"), term("The"), term("2017"), term("de-escalation")
    ('russia', None, None, 'de-escalation')
    """
    lowered = word.lower().replace("\u2019", "'")
    if lowered.endswith("'s"):
        lowered = lowered[:-2]
    if len(lowered) < 2 or lowered in stopwords() or not any(c.isalpha() for c in lowered):
        return None
    return lowered


def term_counts(words: Iterable[str]) -> Counter[str]:
    """How often each term occurs.

    >>> term_counts(["The", "army", "and", "the", "Army's", "drones"])
    Counter({'army': 2, 'drones': 1})
    """
    return Counter(t for t in map(term, words) if t)


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
    phrases: list[str] = []
    run: list[str] = []
    previous_end = None
    for match in word_spans(sentence):
        word = match.group()
        joined = previous_end is not None and sentence[previous_end : match.start()].isspace()
        if not joined:
            phrases.extend(_name(run))
            run = []
        opens_sentence = previous_end is None and word.lower() in stopwords()
        if is_capitalised(word) and not opens_sentence or run and word in NAME_PARTICLES:
            run.append(word)
        else:
            phrases.extend(_name(run))
            run = []
        if _POSSESSIVE.search(word):  # "Russia's Hmeimim": the owner's name ends here
            phrases.extend(_name(run))
            run = []
        previous_end = match.end()
    phrases.extend(_name(run))
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
    by_item = sorted(counts.items())  # items are distinct: no count is ever compared here
    return sorted(by_item, key=itemgetter(1), reverse=True)[:n]  # stable: ties keep that order
