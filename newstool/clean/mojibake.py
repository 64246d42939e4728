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
from functools import cache
from itertools import islice

from newstool import lazyre
from newstool.clean.edits import Change, fixed  # noqa: F401 (fixed: used in the examples)

# What the bytes 0x80-0xBF (UTF-8 continuation bytes) look like when decoded by mistake.
_CONTINUATION_1252 = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION_1251 = "\u0080-\u00bf\u0402-\u040f\u0452-\u045f\u0490\u0491€‚„…†‡‰‹›‘’“”•–—™№"
# The same letters without the punctuation that ordinary Russian puts after a lower-case letter.
_RARE_CONTINUATION_1251 = "\u0402-\u040f\u0452-\u045f\u0490\u0491€‚„†‡‰‹›™"
# A UTF-8 lead byte (0xC2-0xF4) so decoded, followed by such a continuation.
_SUSPECT = lazyre.compile(
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
_LEAD_CHAR = lazyre.compile(f"[{_LEAD}\u0430-\u0444]")  # what every _SUSPECT match starts with
_SPACES = lazyre.compile(
    f"(?<![{_LEAD}])(?<![{_LEAD_OF_THREE}][{_CONTINUATION_1252}{_CONTINUATION_1251}])\u00a0"
    "|[\t\v\f\u1680\u2000-\u200a\u202f\u205f\u3000]"
)
# What normalise_unicode_spaces removes: ftfy sees the text without them, as the next clean will.
_INVISIBLE_CHARS = "\u200b\u2060\ufeff"
_INVISIBLE = lazyre.compile(f"[{_INVISIBLE_CHARS}]")
_LINE = lazyre.compile("[^\n]+")


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
    character of ``old`` lies in its line) and ``offset`` (where the line starts).

    Each stretch where the two differ is diffed on its own, so the cost grows with the line,
    not with its square, however many repairs it holds:

    >>> old, new = "It was donâ€™t. " * 2, "It was don’t. " * 2
    >>> [(c.start, c.end, c.after) for c in _differences(old, new, list(range(33)), 100)]
    [(110, 113, '’'), (126, 129, '’')]
    """
    from difflib import SequenceMatcher  # (only for a text with mojibake)

    changes: list[Change] = []
    for i1, i2, j1, j2 in _differing_stretches(old, new):
        if (i2 - i1) * (j2 - j1) > _DIFF_BUDGET:  # one long garbled stretch: replaced whole
            changes.append(Change(offset + places[i1], offset + places[i2], new[j1:j2]))
            continue
        matcher = SequenceMatcher(None, old[i1:i2], new[j1:j2], autojunk=False)
        changes += [
            Change(offset + places[i1 + a1], offset + places[i1 + a2], new[j1 + b1 : j1 + b2])
            for tag, a1, a2, b1, b2 in matcher.get_opcodes()
            if tag != "equal"
        ]
    return changes


# How many character pairs one differing stretch may cost difflib (a few milliseconds).
_DIFF_BUDGET = 1 << 16
# Where ``new`` may agree with ``old`` again after a difference: a run of ASCII characters.
_ASCII_RUN = lazyre.compile(r"[\x00-\x7f]{1,8}")
# A repaired character stood for at most this many garbled ones (a four-byte UTF-8 character).
_MOST_GARBLED = 4
# How many ASCII runs of ``new`` are looked for before the rest of the line is one difference.
_MOST_TRIES = 16


def _differing_stretches(old: str, new: str) -> Iterator[tuple[int, int, int, int]]:
    """The stretches ``old[i1:i2]``, ``new[j1:j2]`` where the two differ, between stretches
    where they agree, found in one walk along both: after a difference, the two agree again
    at the next ASCII run of ``new`` found in ``old`` as near as a repair can reach.

    >>> list(_differing_stretches("cafÃ© or cafÃ©", "café or café"))
    [(3, 5, 3, 4), (12, 14, 11, 12)]
    """
    i = j = 0
    while True:
        same = _common_length(old, new, i, j)
        i, j = i + same, j + same
        if i == len(old) and j == len(new):
            return
        again = _agreeing_again(old, new, i, j)
        if again is None:
            yield i, len(old), j, len(new)
            return
        yield i, again[0], j, again[1]
        i, j = again


def _agreeing_again(old: str, new: str, i: int, j: int) -> tuple[int, int] | None:
    """Where ``old`` and ``new``, differing at ``old[i]`` and ``new[j]``, agree again: the
    first of the next few ASCII runs of ``new`` that ``old`` holds within a repair's reach.

    >>> _agreeing_again("cafÃ© or", "café or", 3, 3)
    (5, 4)
    """
    for run in islice(_ASCII_RUN.finditer(new, j), _MOST_TRIES):
        reach = i + _MOST_GARBLED * (run.start() - j + 1) + len(run.group())
        found = old.find(run.group(), i, reach)
        if found >= 0:
            return found, run.start()
    return None


def _common_length(a: str, b: str, i: int, j: int) -> int:
    """How many characters ``a[i:]`` and ``b[j:]`` begin with in common, found by comparing
    slices of doubling, then halving, length (in C) rather than character by character.

    >>> _common_length("xabcd", "abxd", 1, 0), _common_length("ab", "ab", 0, 0)
    (2, 2)
    """
    most = min(len(a) - i, len(b) - j)
    length, step = 0, 1
    while step and length < most:
        step = min(step, most - length)
        if a[i + length : i + length + step] == b[j + length : j + length + step]:
            length += step
            step *= 2
        else:
            step //= 2
    return length


def _fix_encoding(line: str) -> str:
    import ftfy

    return repair_garbled_words(ftfy.fix_text(line, _ftfy_config()))


# A run of what UTF-8 lead and continuation bytes look like in cp1252 inside a word, a letter
# after it: "Nguyá»…n".
_GARBLED_IN_WORD = lazyre.compile(rf"\w*(?:[\u00c2-\u00f4][{_CONTINUATION_1252}]+)+\w+")


def repair_garbled_words(line: str) -> str:
    """Words that ftfy leaves garbled when nothing else on their line is ("Ms Nguyá»…n, now
    84"), repaired where their characters, encoded back as cp1252, are UTF-8 for letters only.
    A word that only looks so ("está»…", at a quotation's end) stays: the run must sit inside it.

    >>> repair_garbled_words("Ms Nguyá»…n, now 84, met Ná»™i and said «está»…")
    'Ms Nguyễn, now 84, met Nội and said «está»…'
    """

    def repaired(word: re.Match[str]) -> str:
        try:
            letters = word.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            return word.group()
        return letters if letters.isalpha() else word.group()

    return _GARBLED_IN_WORD.sub(repaired, line)


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
