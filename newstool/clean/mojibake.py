"""Mojibake: UTF-8 text that was once decoded as cp1252, Latin-1 or cp1251.

The repair is ftfy's encoding fixer and nothing else (no quote uncurling, no normalisation, no
line-break or width fixes), so text that is already right is never touched. ftfy is slow
(about 1-6 MB/s) and slow to import, so it runs only on the lines a cheap pattern flags.

>>> fixed(fix_mojibake, "I donâ€™t know ZoÃ« MÃ©nard")
'I don’t know Zoë Ménard'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import Match, SequenceMatcher
from functools import cache

from newstool.clean.edits import Change, fixed  # noqa: F401 (fixed: used in the examples)

# What the bytes 0x80-0xBF (UTF-8 continuation bytes) look like when decoded by mistake.
_CONTINUATION_1252 = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION_1251 = "\u0080-\u00bf\u0402-\u040f\u0452-\u045f\u0490\u0491€‚„…†‡‰‹›‘’“”•–—™№"
# The same letters without the punctuation that ordinary Russian puts after a lower-case letter.
_RARE_CONTINUATION_1251 = "\u0402-\u040f\u0452-\u045f\u0490\u0491€‚„†‡‰‹›™"
# A UTF-8 lead byte (0xC2-0xF4) so decoded, followed by such a continuation.
_SUSPECT = re.compile(
    f"[\u00c2-\u00f4][{_CONTINUATION_1252}]"  # cp1252 / Latin-1: "Ã©", "â€™"
    f"|[\u0412-\u042f][{_CONTINUATION_1251}]"  # cp1251, two bytes: "Р“", "Рѕ", "Г©"
    f"|[\u0430-\u0444][{_RARE_CONTINUATION_1251}]"  # cp1251, three or four bytes: "вЂ™"
    "|\u00c3 "  # "à" whose second byte (0xA0, a no-break space) became a space: "Ã la carte"
)
# No-break spaces that cannot be a mojibake byte (one is 0xA0, a continuation byte, only after a
# lead byte, or after a lead and a continuation), and the other spaces: ftfy sees them as the
# plain spaces normalise_unicode_spaces will make them (one such space in a stretch would make
# ftfy give up on its neighbours, and the next clean would judge the stretch differently).
_LEAD = "\u00c2-\u00f4\u0412-\u042f"
_LEAD_OF_THREE = "\u00e0-\u00ef\u0430-\u0444"
_LEAD_CHAR = re.compile(f"[{_LEAD}\u0430-\u0444]")  # what every _SUSPECT match starts with
_SPACES = re.compile(
    f"(?<![{_LEAD}])(?<![{_LEAD_OF_THREE}][{_CONTINUATION_1252}{_CONTINUATION_1251}])\u00a0"
    "|[\t\v\f\u1680\u2000-\u200a\u202f\u205f\u3000]"
)
# What normalise_unicode_spaces removes: ftfy sees the text without them, as the next clean will.
_INVISIBLE_CHARS = "\u200b\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_LINE = re.compile("[^\n]+")


def fix_mojibake(text: str) -> list[Change]:
    """Repair UTF-8 that was decoded as cp1252, Latin-1 or cp1251, where a cheap check sees it.

    >>> fixed(fix_mojibake, "Р“РѕСЂРѕРґ and cafÃ© â€” closed, Ã la carte")
    'Город and café — closed, à la carte'

    Correct text in any script stays as it is, curly quotes included:

    >>> unchanged = "Москва, “Zoë” Ménard, naïve café, Ελλάδα, 東京"
    >>> fixed(fix_mojibake, unchanged) == unchanged
    True
    """
    changes: list[Change] = []
    if text.isascii() or not _LEAD_CHAR.search(text):
        return changes  # no character that could start a garbled one: most English news
    for start, end in _line_spans(text):
        line = text[start:end]
        if not _LEAD_CHAR.search(line):
            continue
        seen = _as_normalised(line)
        if _SUSPECT.search(seen):
            changes += _differences(seen, _fix_encoding(seen), _visible_places(line), start)
    return changes


# A line longer than this is judged a stretch at a time, each ending after a space.
_STRETCH = 2**16


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """The spans of the lines of ``text``; a line of more than :data:`_STRETCH` characters
    (a whole article on one line) in stretches that end after a space, never as one copy.

    >>> list(_line_spans("ab\\n\\ncd"))
    [(0, 2), (4, 6)]
    """
    for line in _LINE.finditer(text):
        start, end = line.span()
        while end - start > _STRETCH:
            cut = text.rfind(" ", start + _STRETCH // 2, start + _STRETCH) + 1 or start + _STRETCH
            yield start, cut
            start = cut
        yield start, end


def has_mojibake(text: str) -> bool:
    """Whether :func:`fix_mojibake` would repair something in ``text``.

    >>> has_mojibake("donâ€™t"), has_mojibake("don’t"), has_mojibake("Ã©Р“Рѕ")
    (True, False, False)
    """
    return bool(fix_mojibake(text))


def _as_normalised(line: str) -> str:
    """``line`` as normalise_unicode_spaces will leave it, but for a no-break space that may be
    a byte of mojibake.

    >>> _as_normalised("a\\u00a0b\\u200bc\\tÃ\\u00a0")
    'a bc Ã\\xa0'
    """
    return _INVISIBLE.sub("", _SPACES.sub(" ", line))


def _visible_places(line: str) -> list[int]:
    """Where each character that :func:`_as_normalised` keeps lies in ``line``, then its end.

    >>> _visible_places("ab\\u200bc")
    [0, 1, 3, 4]
    """
    return [index for index, char in enumerate(line) if char not in _INVISIBLE_CHARS] + [len(line)]


def _differences(old: str, new: str, places: list[int], offset: int) -> list[Change]:
    """The smallest changes that turn ``old`` into ``new``, placed by ``places`` (where each
    character of ``old`` lies in its line) and ``offset`` (where the line starts)."""
    if old == new:
        return []
    matcher = _EndsFirstMatcher(None, old, new, autojunk=False)
    return [
        Change(offset + places[i1], offset + places[i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


class _EndsFirstMatcher(SequenceMatcher):
    """A :class:`~difflib.SequenceMatcher` that finds the same matches, quicker where a repair
    changed a few characters of a long line: there the longest match is what the two ranges
    begin or end with, and string searches (in C) can prove it, where difflib would compare
    each character with every equal one (in Python).

    >>> old, new = "It was donâ€™t. " * 20, "It was don’t. " * 20
    >>> quick = _EndsFirstMatcher(None, old, new, autojunk=False).get_opcodes()
    >>> quick == SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    True
    """

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):
        """What :meth:`SequenceMatcher.find_longest_match` returns (with no junk: the longest
        block, then the earliest in ``a``, then in ``b``), when that is the common start or end
        of the two ranges and proving it is cheap enough; otherwise it asks difflib."""
        a, b = self.a, self.b
        ahi = len(a) if ahi is None else ahi
        bhi = len(b) if bhi is None else bhi
        width = min(ahi - alo, bhi - blo)
        start = _common_length(a, b, alo, blo, 1, width)
        end = _common_length(a, b, ahi - 1, bhi - 1, -1, width - start)
        if start and start >= end and self._none_common(alo, ahi, blo, bhi, start + 1, ahi - start):
            return Match(alo, blo, start)  # the start: no longer block is common
        if end > start and self._none_common(alo, ahi, blo, bhi, end, ahi - end):
            # the end: no block as long starts earlier in ``a`` (nor later: it would not fit)
            return Match(ahi - end, b.find(a[ahi - end : ahi], blo, bhi), end)
        return super().find_longest_match(alo, ahi, blo, bhi)

    def _none_common(self, alo: int, ahi: int, blo: int, bhi: int, size: int, stop: int) -> bool:
        """True if no block of ``size`` characters starting in ``a[alo:stop]`` occurs in
        ``b[blo:bhi]``; False too when finding out would cost more than :data:`_SEARCH_BUDGET`.
        """
        if stop <= alo:
            return True
        if (stop - alo) * (size + bhi - blo) > _SEARCH_BUDGET:
            return False
        a, within = self.a, self.b[blo:bhi]
        return not any(a[i : i + size] in within for i in range(alo, stop))


# How many characters _EndsFirstMatcher may compare to prove a match (about a millisecond);
# past that, difflib's own search is used.
_SEARCH_BUDGET = 1 << 22


def _common_length(a: str, b: str, i: int, j: int, step: int, most: int) -> int:
    """How many characters ``a`` and ``b`` have in common from ``a[i]`` and ``b[j]`` on, going
    forwards (``step`` 1) or backwards (``step`` -1), at most ``most``.

    >>> _common_length("abcd", "abxd", 0, 0, 1, 4), _common_length("abcd", "xbcd", 3, 3, -1, 4)
    (2, 3)
    """
    length = 0
    while length < most and a[i + step * length] == b[j + step * length]:
        length += 1
    return length


def _fix_encoding(line: str) -> str:
    import ftfy

    return ftfy.fix_text(line, _ftfy_config())


@cache
def _ftfy_config():
    """ftfy limited to its encoding repair."""
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
