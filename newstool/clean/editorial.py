"""Editorial notes: bracketed insertions by an agency or editor, moved out of the text.

>>> fixed(extract_editorial_notes, "the Nusra group [banned in Narnia - ABC], try to act")
'the Nusra group, try to act'
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache

from newstool.clean.edits import (  # noqa: F401 (fixed: used in the examples)
    Change,
    apply_changes,
    fixed,
    span_with_separator,
)
from newstool.clean.fragments import remove_orphan_punctuation
from newstool.clean.glued import separate_glued_sentences
from newstool.model import Note

_BRACKETED = re.compile(r"\[(?P<body>[^\[\]\n]*)\]")
_SQUARE_BRACKET = re.compile(r"[\[\]]")
_WORD = re.compile(r"[^\W\d_]+")  # letters only: "[1, 2]" holds no words
_MIN_WORDS = 2


def extract_editorial_notes(text: str) -> list[Change]:
    """Move square-bracketed insertions of two or more words to ``notes``, tidying the space.

    >>> [change.note for change in extract_editorial_notes("Ann [Editor's note: retired] left")]
    [Note(kind='editorial', text="Editor's note: retired")]
    >>> fixed(extract_editorial_notes, "[Updated at noon] The talks ended.\\n\\n[Photo: AP]")
    'The talks ended.'

    Brackets that stand for a word (``"[The rebels] left"``), touch a word (``[t]he``), or hold
    fewer than two words (``[sic]``, ``[1, 2]``, ``[...]``) stay:

    >>> unchanged = '"[The rebels] left," [t]he man [sic] said [1, 2] [...] of it.'
    >>> fixed(extract_editorial_notes, unchanged) == unchanged
    True

    A bracket that ends a sentence glued to the next one goes too, as it would once
    ``separate_glued_sentences`` (which runs later) had put the space after it:

    >>> fixed(extract_editorial_notes, "Talks ended [Updated at noon.]The vote is today.")
    'Talks ended The vote is today.'
    """
    brackets = list(_BRACKETED.finditer(text))
    spaced_later = cache(lambda: _glued_sentence_spaces(text))
    notes = [
        match
        for match, nested in zip(brackets, _inside_open_bracket(text, brackets), strict=True)
        if not nested
        and len(_WORD.findall(match["body"])) >= _MIN_WORDS
        and _stands_apart(text, match.start(), match.end(), spaced_later)
    ]
    changes: list[Change] = []
    for group in _runs(text, notes):
        start, end = _span_with_tidy_space(text, group[0].start(), group[-1].end())
        start = max(start, changes[-1].end if changes else 0)  # a line break the last run took
        # one change per note; together they remove the run and its tidy space
        cuts = [start, *(match.start() for match in group[1:]), end]
        for match, cut_start, cut_end in zip(group, cuts, cuts[1:], strict=False):
            note = Note("editorial", match["body"].strip())
            changes.append(Change(cut_start, cut_end, "", note=note))
    return changes


def _runs(text: str, matches: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Group matches that only spaces separate (``[a b] [c d]``), or that fill whole lines."""
    runs: list[list[re.Match[str]]] = []
    for match in matches:
        gap = text[runs[-1][-1].end() : match.start()] if runs else "x"
        lines = not gap.strip() and _fills_lines(text, runs[-1][0].start(), match.end())
        if not gap.strip(" ") or lines:
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def _inside_open_bracket(text: str, matches: list[re.Match[str]]) -> list[bool]:
    """For each match, whether a ``[`` before it on its line is still open: it sits inside
    another bracket (a ``]`` with none open closes nothing). One pass over the text, however
    many brackets a line holds.

    >>> text = "[a [b c] d] [e f] ] [g [h i] j]"
    >>> _inside_open_bracket(text, list(_BRACKETED.finditer(text)))
    [True, False, True]
    """
    inside = []
    depth, position = 0, 0
    for match in matches:
        segment = text[position : match.start()]
        if (newline := segment.rfind("\n")) >= 0:
            depth, segment = 0, segment[newline + 1 :]
        for mark in _SQUARE_BRACKET.findall(segment):  # a "]" with no "[" open closes nothing
            depth = depth + 1 if mark == "[" else max(depth - 1, 0)
        inside.append(depth > 0)
        position = match.start()
    return inside


def _stands_apart(text: str, start: int, end: int, spaced_later: Callable[[], set[int]]) -> bool:
    """Not glued to a word and not right after a quote mark (where it stands for the quoted
    words; any quote mark, so the quote style cannot change this). A word right after it does
    not count where ``spaced_later`` (see :func:`_glued_sentence_spaces`) has ``end``:
    the bracket ends a sentence, and the next clean would find it apart."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "\"'“”‘’«»„":
        return False
    return not after.isalnum() or end in spaced_later()


def _glued_sentence_spaces(text: str) -> set[int]:
    """Offsets in ``text`` where ``separate_glued_sentences`` will put a space, judged on the
    text as ``remove_orphan_punctuation`` (which runs between the two) leaves it.

    >>> sorted(_glued_sentence_spaces("[Lavrov said.,]Lavrov left.Then"))
    [15, 27]
    """
    orphans = remove_orphan_punctuation(text)
    tidied = apply_changes("orphans", text, orphans)[0]
    cuts, removed = [], []  # where each orphan was in the tidied text; length removed so far
    for change in orphans:
        cuts.append(change.start - (removed[-1] if removed else 0))
        removed.append((removed[-1] if removed else 0) + change.end - change.start)
    spaces = set()
    for change in separate_glued_sentences(tidied):
        before = bisect_right(cuts, change.start)
        spaces.add(change.start + (removed[before - 1] if before else 0))
    return spaces


def _fills_lines(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")


def _span_with_tidy_space(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen the bracket's span by the spaces on one side so no double or stray space remains
    (not those before it when a word follows it: they part the two words); a bracket alone on
    its line goes with its line break."""
    if _fills_lines(text, start, end):
        return span_with_separator(text, start, end)
    left = start
    while left > 0 and text[left - 1] == " ":
        left -= 1
    if left < start and left > 0 and text[left - 1] != "\n" and not text[end : end + 1].isalnum():
        return left, end
    right = end
    while right < len(text) and text[right] == " ":
        right += 1
    return start, right
