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
from difflib import SequenceMatcher
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
# Where ftfy's input is cut: line breaks, and no-break spaces that cannot be a mojibake byte
# (one is 0xA0, a continuation byte, only after a lead byte, or after a lead and a continuation).
# ftfy judges a stretch as a whole, and such a space, which a later rule turns into a plain one,
# would make it give up on its neighbours.
_LEAD = "\u00c2-\u00f4\u0412-\u042f"
_LEAD_OF_THREE = "\u00e0-\u00ef\u0430-\u0444"
_CUT = re.compile(
    f"\\n|(?<![{_LEAD}])(?<![{_LEAD_OF_THREE}][{_CONTINUATION_1252}{_CONTINUATION_1251}])\u00a0+"
)
# Spaces other than the no-break space (which can be part of mojibake) and the plain one.
_OTHER_SPACES = re.compile("[\t\v\f\u1680\u2000-\u200a\u202f\u205f\u3000]")


def fix_mojibake(text: str) -> list[Change]:
    """Repair UTF-8 that was decoded as cp1252, Latin-1 or cp1251, where a cheap check sees it.

    >>> fixed(fix_mojibake, "Р“РѕСЂРѕРґ and cafÃ© â€” closed, Ã la carte")
    'Город and café — closed, à la carte'

    Correct text in any script stays as it is, curly quotes included:

    >>> unchanged = "Москва, “Zoë” Ménard, naïve café, Ελλάδα, 東京"
    >>> fixed(fix_mojibake, unchanged) == unchanged
    True
    """
    changes = []
    for start, stretch in _stretches(text):
        # Checked and fixed with the spaces as normalise_unicode_spaces will leave them (one
        # for one, so offsets agree); only what ftfy itself changes becomes an edit.
        spaced = _OTHER_SPACES.sub(" ", stretch)
        if _SUSPECT.search(spaced):
            changes.extend(_differences(spaced, _fix_encoding(spaced), start))
    return changes


def has_mojibake(text: str) -> bool:
    """Whether :func:`fix_mojibake` would repair something in ``text``.

    >>> has_mojibake("donâ€™t"), has_mojibake("don’t"), has_mojibake("Ã©Р“Рѕ")
    (True, False, False)
    """
    return bool(fix_mojibake(text))


def _stretches(text: str) -> Iterator[tuple[int, str]]:
    """The pieces of ``text`` between cuts, with their offsets.

    >>> list(_stretches("a\\u00a0b\\nÃ\\u00a0c “\\u00a0d"))
    [(0, 'a'), (2, 'b'), (4, 'Ã\\xa0c “'), (10, 'd')]
    """
    start = 0
    for cut in _CUT.finditer(text):
        if cut.start() > start:
            yield start, text[start : cut.start()]
        start = cut.end()
    if start < len(text):
        yield start, text[start:]


def _differences(old: str, new: str, offset: int) -> list[Change]:
    """The smallest changes that turn ``old`` into ``new``, with offsets shifted by ``offset``."""
    if old == new:
        return []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    return [
        Change(offset + i1, offset + i2, new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


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
