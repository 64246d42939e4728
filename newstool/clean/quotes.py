"""Quotes and dashes, made all straight (ASCII) or all typographic. Both are off by default:
the text keeps whatever style it came with.

>>> fixed(straighten_quotes, "“It’s late” – he said — twice")
'"It\\'s late" - he said -- twice'
>>> fixed(curl_quotes, '"It\\'s late" - he said -- twice')
'“It’s late” – he said — twice'
"""

from __future__ import annotations

import re

from newstool.clean.edits import Change, fixed  # noqa: F401 (fixed: used in the examples)

_STRAIGHT = {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'",
             "–": "-", "—": "--"}  # fmt: skip
_CURLY_OR_DASH = re.compile("[" + "".join(_STRAIGHT) + "]")
# A straight quote, a double hyphen, or a hyphen with a space on each side.
_STRAIGHT_MARK = re.compile(r"[\"']|(?<=\S)--(?=\S)|(?<= )--?(?= )")
_ELISION = re.compile(r"'(?:n'|tis\b|twas\b|em\b)")
_OPENING_CONTEXT = set(" \t\n([{“‘—–-")


def straighten_quotes(text: str) -> list[Change]:
    """Curly quotes to ``"`` and ``'``; en dash to ``-``, em dash to ``--``.

    Guillemets (« ») and primes (′ ″) are left alone.

    >>> fixed(straighten_quotes, "„Gut“, sagte er. «Bon» 5′")
    '"Gut", sagte er. «Bon» 5′'
    """
    return [Change(m.start(), m.end(), _STRAIGHT[m.group()]) for m in _CURLY_OR_DASH.finditer(text)]


def curl_quotes(text: str) -> list[Change]:
    """Straight quotes to curly ones, facing the right way; ``--`` to an em dash and a spaced
    hyphen to a spaced en dash. An apostrophe inside or after a word becomes ``’``.

    >>> fixed(curl_quotes, "'Rock 'n' roll' from the '90s, he said - 'it's over'")
    '‘Rock ’n’ roll’ from the ’90s, he said – ‘it’s over’'

    Hyphens inside words and numbers stay:

    >>> fixed(curl_quotes, "well-known 2017-2018 -5")
    'well-known 2017-2018 -5'
    """
    return [
        Change(m.start(), m.end(), _typographic(text, m.start(), m.group()))
        for m in _STRAIGHT_MARK.finditer(text)
    ]


def _typographic(text: str, index: int, mark: str) -> str:
    """The typographic form of the straight ``mark`` found at ``text[index]``."""
    if mark in ("--", "-"):
        return "—" if mark == "--" else "–"
    opening = index == 0 or text[index - 1] in _OPENING_CONTEXT
    if mark == '"':
        return "“" if opening else "”"
    follows = text[index + 1 : index + 2]
    if opening and follows.isalpha() and not _is_elision(text, index):
        return "‘"
    return "’"


def _is_elision(text: str, index: int) -> bool:
    """An apostrophe that stands for dropped letters or digits: ``'n'``, ``'tis``, ``'em``."""
    return bool(_ELISION.match(text, index))
