"""Small word lists the text rules share: abbreviations and the endings of web addresses.

They are deliberately short and conservative: a word missing here makes a rule change a little
less, never damage text that is right.

>>> looks_like_web_address("www.un.org/en"), looks_like_web_address("said.Moscow")
(True, False)
"""

from __future__ import annotations

import re


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Written as they are spelled before their period; matched exactly (case matters: "Mass." the
# state is an abbreviation, "mass." ends a sentence).
ABBREVIATIONS = _word_set(
    """
    Mr Mrs Ms Messrs Mme Mlle Dr Prof Rev Fr Hon Pres Gov Sen Rep Gen Col Maj Capt Lt Sgt Cpl
    Adm Cmdr Supt Insp Det St Mt Ft Ave Blvd Rd Jr Sr Inc Ltd Co Corp Bros Dept Univ Assn
    No Nos Vol Fig Ch Art Sec Para Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont
    Neb Nev Okla Ore Pa Tenn Vt Va Wash Wis Wyo
    etc al vs approx incl esp resp ca cf viz ibid op cit ed eds vol pp ft lb lbs oz
    """
)

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

_TRIM = "\"'“”‘’«»()[]<>.,;:!?"
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+(?:/\S*)?")


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
    """
    core = token.strip(_TRIM)
    if "@" in core or "://" in core or core.lower().startswith("www."):
        return True
    if not _HOST.fullmatch(core):
        return False
    host = core.split("/", 1)[0]
    return is_web_ending(host.rsplit(".", 1)[1])


TOKEN_REACH = 256


def token_around(text: str, index: int) -> str:
    """The run of non-space characters that contains ``text[index]``, at most
    ``TOKEN_REACH`` characters either side (so text without spaces costs linear time, not
    quadratic; no real address is that long).

    >>> token_around("see tass.com now", 8)
    'tass.com'
    >>> len(token_around("Ab." * 1000, 1500)) == 2 * TOKEN_REACH
    True
    """
    start, floor = index, max(0, index - TOKEN_REACH)
    while start > floor and not text[start - 1].isspace():
        start -= 1
    end, ceiling = index, min(len(text), index + TOKEN_REACH)
    while end < ceiling and not text[end].isspace():
        end += 1
    return text[start:end]
