"""Is a text English? The readability formulas and syllable counts are English-only, so stats
leaves them out for text that is not.

Two signals, no language model: the script of the letters (most letters not Latin: not English)
and, for Latin-script text, the share of words on the English stop-word list
(``newstool/data/stopwords_en.txt``). English news prose has 30-50% of them; German, French,
Spanish, Italian, Dutch or Portuguese prose under 10% (a few shared words: "in", "a", "so").
A text of fewer than :data:`MIN_WORDS` words is taken as English whatever its stop words: a
headline or a list is English with hardly any.

>>> check_english("The minister said that the talks would resume on Monday.".split()).language
'en'
>>> check_english("Министр заявил, что переговоры продолжатся".split()).reason
'most of its letters are Cyrillic (100% not Latin)'
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from newstool.stats.terms import stopwords

MIN_WORDS = 40
MIN_STOPWORD_SHARE = 0.15
MIN_LATIN_SHARE = 0.5


@dataclass(frozen=True)
class LanguageCheck:
    """The verdict (``"en"`` or ``"not-en"``), the evidence, and why when not English."""

    language: str
    script: str | None
    latin_letter_share: float | None
    words: int
    english_stopword_share: float | None
    reason: str | None = None

    def evidence(self) -> dict[str, object]:
        """The figures the verdict rests on, for ``stats.language_evidence``."""
        return {
            "script": self.script,
            "latin_letter_share": self.latin_letter_share,
            "words": self.words,
            "english_stopword_share": self.english_stopword_share,
        }


@cache
def script_of(letter: str) -> str:
    """The Unicode script of a letter, from its character name ("Han" for CJK ideographs).

    >>> [script_of(c) for c in "aÉжλ中かA"]
    ['Latin', 'Latin', 'Cyrillic', 'Greek', 'Han', 'Hiragana', 'Latin']
    """
    name = unicodedata.name(letter, "")
    if "LATIN" in name.split():
        return "Latin"
    first = name.split(" ", 1)[0]
    return {"CJK": "Han", "": "Unknown"}.get(first, first.capitalize())


def letter_scripts(words: Sequence[str]) -> Counter[str]:
    """Letters of ``words`` counted by script.

    >>> letter_scripts(["Idlib", "Идлиб", "2017"])
    Counter({'Latin': 5, 'Cyrillic': 5})
    """
    return _scripts(Counter("".join(words)))


def latin_letters(word: str) -> int:
    """Letters of ``word`` in the Latin script.

    >>> latin_letters("Pérez-Путин"), latin_letters("2017")
    (5, 0)
    """
    if word.isascii():  # every ASCII letter is Latin
        return len(word) if word.isalpha() else sum(map(str.isalpha, word))
    return sum(script_of(c) == "Latin" for c in word if c.isalpha())


def _scripts(characters: Counter[str]) -> Counter[str]:
    """The letters among counted ``characters``, counted by script (in the order each script is
    first met)."""
    scripts: Counter[str] = Counter()
    for char, count in characters.items():
        if char.isalpha():
            scripts[script_of(char)] += count
    return scripts


def english_stopword_share(words: Sequence[str]) -> tuple[int, float | None]:
    """The number of words with a letter, and the share of them on the English stop-word list
    (None when there is none).

    >>> english_stopword_share(["The", "talks", "in", "Geneva", "2017"])
    (4, 0.5)
    """
    counted, common = _stopword_counts(words)
    return counted, common / counted if counted else None


def is_english_stopword(word: str) -> bool:
    """A word on the English stop-word list, in any case, with either apostrophe.

    >>> is_english_stopword("The"), is_english_stopword("Don\u2019t"), is_english_stopword("Idlib")
    (True, True, False)
    """
    return word.lower().replace("\u2019", "'") in stopwords()


def _stopword_counts(words: Sequence[str]) -> tuple[int, int]:
    """The number of words with a letter, and how many of them are English stop words."""
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    return len(lettered), sum(map(is_english_stopword, lettered))


@dataclass
class EnglishEvidence:
    """What :func:`check_english` weighs, gathered a batch of words at a time, so that a long
    text's words need not be held all at once.

    >>> evidence = EnglishEvidence()
    >>> evidence.add(["The", "minister"]); evidence.add(["said", "so"])
    >>> evidence.verdict() == check_english(["The", "minister", "said", "so"])
    True
    """

    scripts: Counter[str] = field(default_factory=Counter)
    counted: int = 0
    common: int = 0

    def add(self, words: Sequence[str]) -> None:
        """Take in the next words of the text."""
        self.add_counts(letter_scripts(words), *_stopword_counts(words))

    def add_counts(self, scripts: Counter[str], counted: int, common: int) -> None:
        """Take in the next words of the text as counted already: their letters by script (see
        :func:`letter_scripts`), how many have a letter, and how many of those are English stop
        words."""
        self.scripts.update(scripts)  # a script first met in these words goes last, as it should
        self.counted += counted
        self.common += common

    def verdict(self) -> LanguageCheck:
        """Whether the words taken in so far are English (see the module docstring)."""
        scripts = self.scripts
        letters = sum(scripts.values())
        latin = scripts["Latin"] / letters if letters else None
        counted = self.counted
        share = self.common / counted if counted else None
        main = scripts.most_common(1)[0][0] if scripts else None
        figures = (main, _round(latin), counted, _round(share))
        if latin is not None and latin < MIN_LATIN_SHARE:
            reason = f"most of its letters are {main} ({1 - latin:.0%} not Latin)"
            return LanguageCheck("not-en", *figures, reason)
        if share is not None and counted >= MIN_WORDS and share < MIN_STOPWORD_SHARE:
            reason = (
                f"only {share:.0%} of its {counted} words are common English words "
                "(40% or so in English prose)"
            )
            return LanguageCheck("not-en", *figures, reason)
        return LanguageCheck("en", *figures)


def check_english(words: Sequence[str]) -> LanguageCheck:
    """Whether the text of ``words`` is English (see the module docstring for the rule).

    >>> french = "Le ministre a déclaré que les négociations reprendraient la semaine prochaine."
    >>> check = check_english(french.split() * 4)
    >>> check.language, check.reason
    ('not-en', 'only 9% of its 44 words are common English words (40% or so in English prose)')
    >>> check_english(["Russia", "Syria", "agree", "Idlib", "plan"]).language
    'en'
    """
    evidence = EnglishEvidence()
    evidence.add(words)
    return evidence.verdict()


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


__all__ = [
    "EnglishEvidence",
    "LanguageCheck",
    "check_english",
    "english_stopword_share",
    "is_english_stopword",
    "latin_letters",
    "letter_scripts",
]
