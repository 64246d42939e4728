"""The one word tokenisation every figure uses.

A word is a run of letters and digits. Inside a word, an apostrophe (' or ’) or a hyphen
joins two runs, so hyphenated words ("de-escalation", "al-Nusra") and contractions or
possessives ("isn't", "Russia's") count once. A number is one word, with its thousands
separators and decimal point ("10,000", "3.5"). Dotted initialisms ("U.S.", "e.g.") are one
word. Everything else (punctuation, symbols such as "%", spaces) is not part of a word and
separates words, so a glued sentence boundary ("Muallem.It") gives two words.

Chinese and Japanese put no spaces between words, so each Han character and each kana is one
word (the usual convention for counting CJK text); a length or iteration mark (ー, 々, ゝ, ヽ)
belongs to the character before it. Korean separates its words with spaces, so a run of
Hangul is one word, as Latin letters are.

>>> words('Muallem."It is 10,000 de-escalation zones," Russia\\'s envoy said (U.S.).')
['Muallem', 'It', 'is', '10,000', 'de-escalation', 'zones', "Russia's", 'envoy', 'said', 'U.S.']
>>> words("東京は晴れ。コーヒー・2杯 오늘은 좋다")
['東', '京', 'は', '晴', 'れ', 'コー', 'ヒー', '2', '杯', '오늘은', '좋다']
"""

from __future__ import annotations

from newstool import lazyre

# Han ideographs (with 々 and 〇, compatibility and extension blocks) and the letters of
# hiragana and katakana (not the middle dot ・ or the sound marks ゛゜).
_HAN_AND_KANA = (
    "\u3005\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f"
)
_CJK_WORD = f"[{_HAN_AND_KANA}][ー々ゝゞヽヾ]*"


def _word_pattern(start: str, letter: str, digit: str, run: str, joiner: str, cjk: str = "") -> str:
    """The pattern of a word (see the module docstring) from the classes of its characters: one
    that can start a word, a letter, a digit, a letter or digit of a run, a joiner of runs, and
    the pattern of a CJK word, if there can be one.

    The lookahead for the start changes no match: it lets the engine skip quickly to the next
    word. Nothing follows the joined runs, so they need no backtracking (``*+``).
    """
    initials = rf"(?:{letter}\.){{2,}}"
    run = rf"(?:{digit}+(?:[.,]{digit}+)+|{run}+)"
    joined = rf"{run}(?:{joiner}{run})*+"
    return rf"(?={start})(?:{initials}|{cjk + '|' if cjk else ''}{joined})"


# Compiled on first use (see newstool.lazyre) like every pattern, which matters here: the large
# CJK classes take milliseconds to compile, and ASCII text (most news) needs neither pattern.
WORD = lazyre.compile(
    _word_pattern(
        r"\w", r"[^\W\d_]", r"\d", rf"[^\W_{_HAN_AND_KANA}]", "['’\\-\u2010\u2011]", _CJK_WORD
    )
)
# Splitting on a captured word gives gap, word, gap, ..., word, gap.
_WORD_OR_GAP = lazyre.compile(f"({WORD.pattern})")
# The same on ASCII text (most news): each class holds just its ASCII characters, and no CJK word
# can start. Plain sets of characters are what the engine tests fastest.
_ASCII_WORD = _word_pattern("[A-Za-z0-9]", "[A-Za-z]", "[0-9]", "[A-Za-z0-9]", r"['\-]")
_ASCII_WORD_OR_GAP = lazyre.compile(f"({_ASCII_WORD})")


def words(text: str) -> list[str]:
    """The words of ``text``, in order (see the module docstring for what a word is).

    >>> words("It's 50% -- or 3.5 times -- more")
    ["It's", '50', 'or', '3.5', 'times', 'more']
    """
    return WORD.findall(text)


def words_and_gaps(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` and the gaps between them (one gap fewer than words), in one
    scan, for callers that need to know what separates two words.

    >>> words_and_gaps("Idlib,  said Lavrov.")
    (['Idlib', 'said', 'Lavrov'], [',  ', ' '])
    """
    parts = (_ASCII_WORD_OR_GAP if text.isascii() else _WORD_OR_GAP).split(text)
    return parts[1::2], parts[2:-1:2]


def is_number(word: str) -> bool:
    """A word that is a number (digits with optional separators).

    >>> is_number("10,000"), is_number("3.5"), is_number("G7")
    (True, True, False)
    """
    return word[:1].isdecimal() and word.replace(",", "").replace(".", "").isdecimal()


def letters_and_digits(word: str) -> int:
    """Letters and digits in a word, not counting apostrophes, hyphens or separators.

    >>> letters_and_digits("de-escalation"), letters_and_digits("10,000")
    (12, 5)
    """
    return len(word) if word.isalnum() else sum(map(str.isalnum, word))
