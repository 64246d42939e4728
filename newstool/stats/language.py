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
from dataclasses import dataclass
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
    scripts: Counter[str] = Counter()
    for char, count in Counter("".join(words)).items():
        if char.isalpha():
            scripts[script_of(char)] += count
    return scripts


def english_stopword_share(words: Sequence[str]) -> tuple[int, float | None]:
    """The number of words with a letter, and the share of them on the English stop-word list
    (None when there is none).

    >>> english_stopword_share(["The", "talks", "in", "Geneva", "2017"])
    (4, 0.5)
    """
    lowered = [w.lower().replace("\u2019", "'") for w in words if any(c.isalpha() for c in w)]
    if not lowered:
        return 0, None
    return len(lowered), sum(w in stopwords() for w in lowered) / len(lowered)


def check_english(words: Sequence[str]) -> LanguageCheck:
    """Whether the text of ``words`` is English (see the module docstring for the rule).

    >>> french = "Le ministre a déclaré que les négociations reprendraient la semaine prochaine."
    >>> check = check_english(french.split() * 4)
    >>> check.language, check.reason
    ('not-en', 'only 9% of its 44 words are common English words (40% or so in English prose)')
    >>> check_english(["Russia", "Syria", "agree", "Idlib", "plan"]).language
    'en'
    """
    scripts = letter_scripts(words)
    letters = sum(scripts.values())
    latin = scripts["Latin"] / letters if letters else None
    counted, share = english_stopword_share(words)
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


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


__all__ = ["LanguageCheck", "check_english", "english_stopword_share", "letter_scripts"]
