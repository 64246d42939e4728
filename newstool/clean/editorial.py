"""Editorial notes: bracketed insertions by an agency or editor, moved out of the text.

>>> fixed(extract_editorial_notes, "the Nusra group [banned in Narnia - ABC], try to act")
'the Nusra group, try to act'
"""

from __future__ import annotations

import re

from newstool.clean.edits import Change, fixed, span_with_separator  # noqa: F401 (fixed: examples)
from newstool.model import Note

_BRACKETED = re.compile(r"\[(?P<body>[^\[\]\n]*)\]")
_MIN_WORDS = 2


def extract_editorial_notes(text: str) -> list[Change]:
    """Move square-bracketed insertions of two or more words to ``notes``, tidying the space.

    >>> [change.note for change in extract_editorial_notes("Ann [Editor's note: retired] left")]
    [Note(kind='editorial', text="Editor's note: retired")]
    >>> fixed(extract_editorial_notes, "[Updated at noon] The talks ended.\\n\\n[Photo: AP]")
    'The talks ended.'

    Brackets that stand for a word (``"[The rebels] left"``), touch a word (``[t]he``), or hold
    fewer than two words (``[sic]``, ``[1]``, ``[...]``) stay:

    >>> unchanged = '"[The rebels] left," [t]he man [sic] said [1] [...] of it.'
    >>> fixed(extract_editorial_notes, unchanged) == unchanged
    True
    """
    changes: list[Change] = []
    for match in _BRACKETED.finditer(text):
        body = match["body"].strip()
        if len(body.split()) < _MIN_WORDS or not _stands_apart(text, match.start(), match.end()):
            continue
        start, end = _span_with_tidy_space(text, match.start(), match.end())
        start = max(start, changes[-1].end if changes else 0)  # a space the last one took
        changes.append(Change(start, end, "", note=Note("editorial", body)))
    return changes


def _stands_apart(text: str, start: int, end: int) -> bool:
    """Not glued to a word, and not opening a quotation (where it replaces the quoted words)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum() or before in "\"“‘'")


def _span_with_tidy_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen the bracket's span by the spaces on one side so no double or stray space remains;
    a bracket alone on its line goes with its line break."""
    if (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n"):
        return span_with_separator(text, start, end)
    left = start
    while left > 0 and text[left - 1] == " ":
        left -= 1
    if left < start and left > 0 and text[left - 1] != "\n":
        return left, end
    right = end
    while right < len(text) and text[right] == " ":
        right += 1
    return start, right
