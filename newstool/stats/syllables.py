"""Syllable counts: CMU Pronouncing Dictionary for known words, rules for the rest, offline.

:func:`syllables` is the one entry point. It reads numbers aloud, counts hyphenated words and
possessives by their parts, spells out acronyms, and looks every other word up in
``newstool/data/cmudict_syllables.tsv``. That table holds only the CMU words whose count the
rules of :func:`heuristic_syllables` get wrong, so rules + table give the CMU count (first
pronunciation) for every CMU word; ``scripts/build_syllables.py`` generates it from the
``cmudict`` package. The table is read lazily, on the first look-up.

>>> [syllables(w) for w in ("reconciliation", "10,000", "2017", "Russia's", "de-escalation")]
[6, 3, 5, 2, 5]
"""

from __future__ import annotations

import re
from functools import cache

from newstool import lazyre
from newstool.datafiles import data_text

_V = "[aeiouy]"
_C = "[^aeiouy]"

# Ordered adjustments to the vowel-group count: (name, pattern, change per match, hint). Each one
# was kept only because it raises agreement with CMU (see benchmarks/bench_syllables.py). The hint
# is a part of every match, so a word without it is not searched (most words lack most hints); a
# hint ending in "$" ends every match and the word, so only words ending so are searched. Where a
# pattern can, it starts with a letter rather than a lookbehind, so that the engine can skip to
# the next place that letter occurs instead of trying every position.
RULES: tuple[tuple[str, re.Pattern[str], int, str], ...] = tuple(
    (name, lazyre.compile(pattern), delta, hint)
    for name, pattern, delta, hint in (
        # "make", "whale", "lorraine" (but "able", "little" keep their -le)
        ("silent final e", rf"{_V}{_C}*{_C}(?<![^aeiouyl]l)e$", -1, "e$"),
        # "jumped", "played" (but "wanted", "needed", "tabled", "hundred")
        (
            "silent -ed",
            rf"{_V}{_C}*{_C}(?<![td])(?<![^aeiouyl]l)(?<!{_C}r)ed$|(?<=[aeiou])yed$",
            -1,
            "ed$",
        ),
        # "makes", "homes" (but "places", "wishes", "tables")
        ("silent -es", rf"{_V}{_C}*{_C}(?<![sxzcg])(?<!ch)(?<!sh)(?<![^aeiouyl]l)es$", -1, "es$"),
        # "lately", "statement", "careful", "homeless", "likeness", "foreman", "livestock"
        (
            "silent e before a suffix",
            rf"{_V}{_C}{_C}?e(?:ly|ment|ful|less|ness|man|s?tock)",
            -1,
            "e",
        ),
        # "radio", "trivial", "media" (but "nation", "social", "region" keep one)
        (
            "i before a vowel",
            r"i(?<![cgstx]i)(?<!chi)(?<!shi)[aou]|(?<=[^aeiouy])(?:[cgstx]|ch|sh)i[ao]$",
            1,
            "i",
        ),
        # "video", "dual", "duo", "chaos", "skiing" (but "guard", "quarter")
        ("other split vowels", r"eo|u(?<![gq]u)a|uo|ao|ii", 1, ""),
        # "tastier", "happiest"
        ("comparative -ier/-iest", rf"{_C}{_C}?ie(?:r|rs|st)$", 1, "ie"),
        # "basically"
        ("-ically", r"ically$", -1, "ically$"),
        # "truer", "bauer"
        ("-uer", r"(?<![gq])uer", 1, "uer"),
        # "infante", "parente"
        ("-nte", r"nte$", 1, "nte$"),
        # "mccain": Mc is a syllable of its own
        ("Mc", r"^mc", 1, "mc"),
        # "terrorism", "spasm"
        ("-sm", r"sm$", 1, "sm$"),
        # "player", "lawyer", "foyer"
        ("-yer", r"[aoe]yer", 1, "yer"),
        # "going", "seeing", "copying"
        ("vowel + -ing", r"[aeiouy]ing", 1, "ing"),
        # "appreciate", "initiated"
        ("-iate", r"(?<=[cgstx])iat", 1, "iat"),
        # "league", "unique", "plaques"
        ("silent -gue/-que", rf"{_V}{_C}*[gq]ues?$", -1, "ue"),
        # "beyond", "layout", "royal"
        ("y between vowels", r"(?<=[aeiou])y[aeiou](?!r)", 1, "y"),
    )
)

# The rules each of whose matches holds two vowels side by side ("io", "ue", "ay", ...): a word
# with no vowel group of two letters or more (two words in three) is not searched for them.
VOWEL_PAIR_RULES = frozenset(
    [
        "i before a vowel",
        "other split vowels",
        "comparative -ier/-iest",
        "-uer",
        "-yer",
        "vowel + -ing",
        "-iate",
        "silent -gue/-que",
        "y between vowels",
    ]
)
_RULES_WITHOUT_VOWEL_PAIRS = tuple(rule for rule in RULES if rule[0] not in VOWEL_PAIR_RULES)

_ONES = (2, 1, 1, 1, 1, 1, 1, 2, 1, 1)  # zero, one, two, ... nine
_TEENS = (1, 3, 1, 2, 2, 2, 2, 3, 2, 2)  # ten, eleven, twelve, ... nineteen
_TENS = (0, 0, 2, 2, 2, 2, 2, 3, 2, 2)  # -, -, twenty, thirty, ... seventy, eighty, ninety
_HUNDRED = 2
_SCALES = (0, 2, 2, 2, 2)  # -, thousand, million, billion, trillion
_LETTER = {"w": 3}  # every other letter name has one syllable
_NUMBER = lazyre.compile(r"\d+(?:[.,]\d+)*")
_ORDINAL = lazyre.compile(r"(\d+)(?:st|nd|rd|th)", re.IGNORECASE)
_DECADE = lazyre.compile(r"(\d+)'?s")
_RUNS = lazyre.compile(r"\d+|[^\W\d_]+")
_HYPHENS = lazyre.compile(r"[-\u2010\u2011\u2013]")
_SIBILANT_END = lazyre.compile(r"(?:[sxz]|[cgsz]e|ch|sh)$")
_VOWEL_GROUP = lazyre.compile(f"{_V}+")


def heuristic_syllables(word: str) -> int:
    """Syllables of a lower-case word by rule: vowel groups adjusted by :data:`RULES`.

    Agrees with CMU on 93% of its plain alphabetic words (vowel groups alone: 78%).

    >>> [heuristic_syllables(w) for w in ("make", "jumped", "wanted", "radio", "nation", "going")]
    [1, 1, 2, 3, 2, 2]
    """
    groups = _VOWEL_GROUP.findall(word)
    count = len(groups)
    paired = len("".join(groups)) > count  # a group of two vowels or more
    ended = word + "$"  # for the hints that end the word
    for _name, pattern, delta, hint in RULES if paired else _RULES_WITHOUT_VOWEL_PAIRS:
        if hint in ended:
            count += delta * len(pattern.findall(word))
    return max(1, count)


def below_thousand_syllables(n: int) -> int:
    """Syllables of 1..999 read aloud in American English, without "and".

    >>> below_thousand_syllables(377)  # three hundred seventy-seven
    8
    """
    hundreds, rest = divmod(n, 100)
    count = _ONES[hundreds] + _HUNDRED if hundreds else 0
    if 10 <= rest < 20:
        return count + _TEENS[rest - 10]
    tens, ones = divmod(rest, 10)
    return count + _TENS[tens] + (_ONES[ones] if ones else 0)


def cardinal_syllables(n: int) -> int:
    """Syllables of a whole number read aloud; past the trillions, digit by digit.

    >>> cardinal_syllables(10_000), cardinal_syllables(0), cardinal_syllables(2_500_000)
    (3, 2, 8)
    >>> cardinal_syllables(10**15)  # one zero zero ... zero: 1 + 15 * 2
    31
    """
    if n == 0:
        return _ONES[0]
    if n >= 1000 ** len(_SCALES):
        return digit_syllables(str(n))
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    return sum(
        below_thousand_syllables(group) + _SCALES[scale]
        for scale, group in enumerate(groups)
        if group
    )


def digit_syllables(digits: str) -> int:
    """Syllables of digits read one by one ("three point one four").

    >>> digit_syllables("1407")  # one four zero seven
    6
    """
    return sum(_ONES[int(d)] for d in digits)


def whole_syllables(digits: str) -> int:
    """Syllables of a string of digits read as a whole number, without converting a string
    longer than any number with a name (Python refuses int() of very long strings).

    >>> whole_syllables("10000"), whole_syllables("7" * 5000) == 2 * 5000
    (3, True)
    """
    significant = digits.lstrip("0")
    if len(significant) > 3 * len(_SCALES):
        return digit_syllables(significant)
    return cardinal_syllables(int(significant or 0))


def year_syllables(year: int) -> int:
    """Syllables of a year read as one: "nineteen ninety", "two thousand five", "twenty seventeen".

    >>> [year_syllables(y) for y in (1990, 2005, 1905, 1900, 2017)]
    [4, 4, 4, 4, 5]
    """
    century, rest = divmod(year, 100)
    if year % 1000 < 10 or rest == 0 and century % 10 == 0:
        return cardinal_syllables(year)
    if rest == 0:
        return cardinal_syllables(century) + _HUNDRED
    if rest < 10:
        return cardinal_syllables(century) + 1 + _ONES[rest]  # "oh"
    return cardinal_syllables(century) + cardinal_syllables(rest)


def ordinal_syllables(digits: str) -> int:
    """Syllables of an ordinal: as the cardinal, plus one for "second" and "-tieth".

    >>> [ordinal_syllables(n) for n in ("1", "2", "12", "20", "22")]
    [1, 2, 1, 3, 4]
    """
    rest = int(digits[-2:])
    longer = rest % 10 == 2 and rest != 12 or (rest >= 20 and rest % 10 == 0)
    return whole_syllables(digits) + longer


def is_year(digits: str) -> bool:
    """A four-digit number from 1100 to 2099, read as a year.

    >>> is_year("2017"), is_year("3000"), is_year("20,17")
    (True, False, False)
    """
    return len(digits) == 4 and digits.isdecimal() and 1100 <= int(digits) <= 2099


def number_syllables(number: str) -> int:
    """Syllables of a number token read aloud: commas group thousands, one point is a decimal point.

    >>> [number_syllables(n) for n in ("10,000", "2017", "3.25", "1.000.000")]
    [3, 5, 4, 3]
    """
    if is_year(number):
        return year_syllables(int(number))
    whole, point, decimals = number.replace(",", "").rpartition(".")
    if not point or len(decimals) == 3 and "." in whole:
        return whole_syllables(number.replace(",", "").replace(".", ""))
    return whole_syllables(whole.replace(".", "")) + 1 + digit_syllables(decimals)  # "point"


def is_spelled_out(word: str) -> bool:
    """An all-caps acronym read letter by letter: at most three letters, no vowel, or ending in
    three consonants ("FBI", "NHS", "USSR"; but "NATO" and "TASS" are read as words).

    >>> [is_spelled_out(w) for w in ("FBI", "NHS", "USSR", "NATO", "TASS", "Idlib")]
    [True, True, True, False, False, False]
    """
    return (
        word.isupper()
        and word.isalpha()
        and len(word) > 1
        and (
            len(word) <= 3
            or not re.search("[AEIOU]", word)
            or bool(re.search("[^AEIOUY]{3}$", word))
        )
    )


def spelled_syllables(letters: str) -> int:
    """Syllables of letter names: one each, three for "double-u".

    >>> spelled_syllables("WHO")
    5
    """
    return sum(_LETTER.get(letter, 1) for letter in letters.lower())


def plain_letters(word: str) -> str:
    """Lower case with accents removed, so the rules see "é" as "e".

    >>> plain_letters("Pérez")
    'perez'
    """
    if word.isascii():
        return word.lower()
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def count_syllables(token: str, exceptions: dict[str, int]) -> int:
    """Syllables of one word token (see :mod:`newstool.stats.tokens`), looking words up in
    ``exceptions`` (CMU counts the rules get wrong) before applying the rules.

    >>> count_syllables("player's", {})
    2
    >>> count_syllables("F-16", {}), count_syllables("1990s", {}), count_syllables("21st", {})
    (3, 4, 3)
    """
    if token.isalpha():  # no digit, hyphen or apostrophe: the common case, quickly
        if is_spelled_out(token):
            return spelled_syllables(token)
        return word_syllables(plain_letters(token), exceptions)
    token = token.replace("\u2019", "'")
    if _NUMBER.fullmatch(token):
        return number_syllables(token)
    parts = [p for p in _HYPHENS.split(token) if p]
    if len(parts) > 1:
        return sum(count_syllables(part, exceptions) for part in parts)
    if is_spelled_out(token):
        return spelled_syllables(token)
    if any(c.isdigit() for c in token):
        return mixed_syllables(token, exceptions)
    return word_syllables(plain_letters(token), exceptions)


def mixed_syllables(token: str, exceptions: dict[str, int]) -> int:
    """Syllables of a token mixing digits and letters: ordinals, decades, codes like "G7".

    >>> mixed_syllables("3rd", {}), mixed_syllables("1980's", {}), mixed_syllables("MH17", {})
    (1, 4, 5)
    """
    if ordinal := _ORDINAL.fullmatch(token):
        return ordinal_syllables(ordinal.group(1))
    if decade := _DECADE.fullmatch(token):
        return number_syllables(decade.group(1))
    return sum(
        number_syllables(run)
        if run.isdecimal()
        else spelled_syllables(run)
        if len(run) <= 3
        else word_syllables(plain_letters(run), exceptions)
        for run in _RUNS.findall(token)
    )


def word_syllables(word: str, exceptions: dict[str, int]) -> int:
    """Syllables of a lower-case word: the exceptions table, then possessives by their stem,
    then the rules.

    >>> word_syllables("church's", {}), word_syllables("idlib's", {})
    (2, 2)
    >>> word_syllables("isn't", {"isn't": 2})
    2
    """
    if word in exceptions:
        return exceptions[word]
    if word.endswith("'s") and len(word) > 2:
        stem = word[:-2]
        return word_syllables(stem, exceptions) + bool(_SIBILANT_END.search(stem))
    return heuristic_syllables(word.replace("'", ""))


_COMMENT_LINE = lazyre.compile(r"^#.*\n", re.MULTILINE)


@cache
def cmu_exceptions() -> dict[str, int]:
    """The generated table of CMU words whose count the rules miss, read once on first use:
    split whole, words and counts zipped (a loop over its 8,000 lines costs twice as long)."""
    cells = _COMMENT_LINE.sub("", data_text("cmudict_syllables.tsv")).split()
    return dict(zip(cells[::2], map(int, cells[1::2]), strict=True))


def syllables(token: str) -> int:
    """Syllables of one word token: CMU-exact for CMU words, read aloud for numbers, by rule
    for the rest (see the module docstring)."""
    return count_syllables(token, cmu_exceptions())
