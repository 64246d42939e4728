"""What the text rules ask about words: abbreviations, and the endings of web addresses.

Abbreviations come from the lists in ``newstool/data/abbreviations*.txt``, loaded once by
:func:`newstool.sentences.lexicon`: ``clean`` and ``split-sentences`` read the same lists the
same way, so they agree on every abbreviation. The web endings are deliberately short and
conservative: a word missing here makes a rule change a little less, never damage text that is
right.

>>> looks_like_web_address("www.un.org/en"), looks_like_web_address("said.Moscow")
(True, False)
>>> word_before_period("the Pvt.Jones", 7), is_abbreviation("Pvt")
('Pvt', True)
"""

from __future__ import annotations

import re

from newstool import lazyre
from newstool.sentences import abbreviation_kind, lexicon, previous_word, token_before


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Endings after a dot that mean a web address or a file name rather than a new sentence.
WEB_ENDINGS = _word_set(
    """
    com org net edu gov mil int info biz name pro mobi asia news online site app dev tech xyz
    html htm php asp aspx jsp pdf doc docx xls xlsx ppt pptx csv txt json xml jpg jpeg png gif
    svg mp3 mp4 zip rar exe js css py
    """
)

# Two-letter lower-case words that are not country domains; every other two-letter ending
# (".ru", ".uk", ".it") is taken for one.
TWO_LETTER_WORDS = _word_set("he we of on or if up an oh ok go hi")

TOKEN_REACH = 256
_TRIM = "\"'“”‘’«»()[]<>.,;:!?"
_HOST = lazyre.compile(r"[\w-]+(?:\.[\w-]+)+(?:/\S*)?")


def is_web_ending(word: str) -> bool:
    """True if ``word`` after a dot reads as a domain or file-name ending.

    >>> [is_web_ending(w) for w in ("com", "Com", "ru", "he", "the", "UN")]
    [True, True, True, False, False, False]
    """
    if word.lower() in WEB_ENDINGS:
        return True
    return len(word) == 2 and word.isascii() and word.islower() and word not in TWO_LETTER_WORDS


def looks_like_web_address(token: str) -> bool:
    """True if the white-space-free ``token`` is a URL, an e-mail address or a domain name.

    >>> [looks_like_web_address(t) for t in ("press@kremlin.ru", "(tass.com).", "out.he")]
    [True, True, False]
    >>> looks_like_web_address("https://example.org/a.b?c=d"), looks_like_web_address("Syria.Idlib")
    (True, False)

    A capitalised ending is a word that starts a glued sentence, unless more of an address is
    around it (a path or another dot):

    >>> [looks_like_web_address(t) for t in ("estimates.Net", "Example.Com/news", "www.Acme.Net")]
    [False, True, True]
    """
    core = token.strip(_TRIM)
    if "@" in core or "://" in core or core.lower().startswith("www."):
        return True
    if not _HOST.fullmatch(core):
        return False
    host = core.split("/", 1)[0]
    ending = host.rsplit(".", 1)[1]
    if host == core and host.count(".") == 1 and ending.istitle():
        return False  # a capitalised word after a sentence: estimates.Net income
    return is_web_ending(ending)


def is_abbreviation(word: str) -> bool:
    """True if a period after ``word`` may belong to it: a listed abbreviation, an initial or a
    chain of initials. Lower-case list entries match any case, others exactly ("Mass." the
    state is one, "mass." is not).

    >>> [is_abbreviation(w) for w in ("Mr", "Pvt", "CO", "U.S", "J", "Mass", "mass", "said")]
    [True, True, True, True, True, True, False, False]
    """
    return abbreviation_kind(word, lexicon()) is not None


def word_before_period(text: str, index: int) -> str:
    """The word the period at ``text[index]`` ends, read as ``split-sentences`` reads it: the
    non-space run before it, less opening quotes and any glued earlier sentence.

    >>> word_before_period('he said "(U.S.', 13), word_before_period("said.Dr.", 7)
    ('U.S', 'Dr')
    """
    return previous_word(token_before(text, index), lexicon())


def inside_web_address(text: str, index: int) -> bool:
    """True if ``text[index]`` lies inside a URL, an e-mail address or a domain name, not in the
    punctuation around one: the ``!`` of ``,!Tass.com`` is outside it (and stays outside once
    ``remove_space_before_punctuation`` glues the comma to the word before it).

    >>> inside_web_address("see tass.com now", 8), inside_web_address("Up ,!Tass.com", 4)
    (True, False)
    """
    start, end = token_span(text, index)
    token = text[start:end]
    core = token.lstrip(_TRIM)
    core_start = start + len(token) - len(core)
    core = core.rstrip(_TRIM)
    return core_start <= index < core_start + len(core) and looks_like_web_address(core)


def token_span(text: str, index: int) -> tuple[int, int]:
    """Where the run of non-space characters that contains ``text[index]`` starts and ends, at
    most ``TOKEN_REACH`` characters either side (so text without spaces costs linear time, not
    quadratic; no real address is that long).

    >>> token_span("see tass.com now", 8)
    (4, 12)
    >>> token_span("Ab." * 1000, 1500)
    (1244, 1756)
    """
    floor = max(0, index - TOKEN_REACH)
    last_space = _UP_TO_LAST_SPACE.match(text, floor, index)
    start = last_space.end() if last_space else floor
    return start, _NON_SPACES.match(text, index, index + TOKEN_REACH).end()


_NON_SPACES = lazyre.compile(r"\S*")
_UP_TO_LAST_SPACE = lazyre.compile(r".*\s", re.DOTALL)  # backtracks from the end: linear
