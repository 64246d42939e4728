"""Quotes and dashes, made all straight (ASCII) or all typographic. Both are off by default:
the text keeps whatever style it came with.

Neither touches a line that, once changed, would hold mojibake for ``fix_mojibake`` to repair:
a curly quote there may be a byte of mojibake (``Р“`` is a garbled ``Г``), and changing it must
not decide whether the line is repaired, or cleaning a cleaned text would change it again.

>>> fixed(straighten_quotes, "“It’s late” – he said — twice")
'"It\\'s late" - he said -- twice'
>>> fixed(curl_quotes, '"It\\'s late" - he said -- twice')
'“It’s late” – he said — twice'
"""

from __future__ import annotations

from bisect import bisect
from itertools import groupby

from newstool import lazyre
from newstool.clean.edits import Change, apply_changes, fixed  # noqa: F401 (fixed: examples)
from newstool.clean.mojibake import has_mojibake

_STRAIGHT = {"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'", "‛": "'",
             "–": "-", "—": "--"}  # fmt: skip
_CURLY_OR_DASH = lazyre.compile("[" + "".join(_STRAIGHT) + "]")
# A straight quote, a double hyphen, or a hyphen with a space on each side.
_STRAIGHT_MARK = lazyre.compile(r"[\"']|(?<=\S)--(?=\S)|(?<= )--?(?= )")
_ELISION = lazyre.compile(r"'(?:n'|tis\b|twas\b|em\b)")
_OPENING_CONTEXT = set(" \t\n([{“‘—–-")
_LINE_BREAK = lazyre.compile("\n")


def straighten_quotes(text: str) -> list[Change]:
    """Curly quotes to ``"`` and ``'``; en dash to ``-``, em dash to ``--``.

    Guillemets (« ») and primes (′ ″) are left alone.

    >>> fixed(straighten_quotes, "„Gut“, sagte er. «Bon» 5′")
    '"Gut", sagte er. «Bon» 5′'

    A line whose mojibake could be repaired once a quote is straightened stays as it is:

    >>> fixed(straighten_quotes, "ZoÃ«Р“Рѕ “x”\\n“y”")
    'ZoÃ«Р“Рѕ “x”\\n"y"'
    """
    changes = [
        Change(m.start(), m.end(), _STRAIGHT[m.group()]) for m in _CURLY_OR_DASH.finditer(text)
    ]
    return _sparing_mojibake(text, changes)


def curl_quotes(text: str) -> list[Change]:
    """Straight quotes to curly ones, facing the right way; ``--`` to an em dash and a spaced
    hyphen to a spaced en dash. An apostrophe inside or after a word becomes ``’``.

    >>> fixed(curl_quotes, "'Rock 'n' roll' from the '90s, he said - 'it's over'")
    '‘Rock ’n’ roll’ from the ’90s, he said – ‘it’s over’'

    Hyphens inside words and numbers stay:

    >>> fixed(curl_quotes, "well-known 2017-2018 -5")
    'well-known 2017-2018 -5'

    A straight quote that would become part of mojibake (``Р"`` curled is ``Р”``, a garbled
    ``Д``) stays, with the rest of its line:

    >>> fixed(curl_quotes, 'Р"Рѕ "x"\\n"y"')
    'Р"Рѕ "x"\\n“y”'
    """
    changes = [
        Change(m.start(), m.end(), _typographic(text, m.start(), m.group()))
        for m in _STRAIGHT_MARK.finditer(text)
    ]
    return _sparing_mojibake(text, changes)


def _sparing_mojibake(text: str, changes: list[Change]) -> list[Change]:
    """``changes`` (none across a line break) less those on any line that, once they are made,
    would hold mojibake that ``fix_mojibake`` repairs.

    >>> text = "Ã©Р“Рѕ\\n“ok”"
    >>> [c.start for c in _sparing_mojibake(text, straighten_quotes(text))]
    [7, 10]
    """
    breaks = [match.start() for match in _LINE_BREAK.finditer(text)]
    kept: list[Change] = []
    for line, group in groupby(changes, key=lambda change: bisect(breaks, change.start)):
        on_line = list(group)
        start = breaks[line - 1] + 1 if line else 0
        end = breaks[line] if line < len(breaks) else len(text)
        shifted = [Change(c.start - start, c.end - start, c.after) for c in on_line]
        if not has_mojibake(apply_changes("quotes", text[start:end], shifted)[0]):
            kept += on_line
    return kept


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
