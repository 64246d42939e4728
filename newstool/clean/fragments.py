"""Fragments: stray punctuation left behind where a scraper lost a piece of text.

>>> fixed(remove_orphan_punctuation, 'Lavrov said., fighting terrorism," he added.')
'Lavrov said. fighting terrorism," he added.'
>>> fixed(remove_orphan_punctuation, 'A boy was held.\\n\\n. The boy, 16, was')
'A boy was held.\\n\\nThe boy, 16, was'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from newstool import lazyre
from newstool.clean.edits import Change, Later, fixed  # noqa: F401 (fixed: examples)
from newstool.clean.glued import separate_glued_sentences
from newstool.clean.words import is_abbreviation

# A word, its full stop, then a comma, semicolon or colon that cannot belong there. The
# lookbehind starts a match only at the start of a word, so a long run of letters with no
# period after it is scanned once, not once per letter.
_ORPHAN = lazyre.compile(r"(?<![^\W\d_])(?P<word>[^\W\d_]+) *\.(?P<orphan>(?:[ \t]*[,;:])+)")
_CONTEXT = lazyre.compile(r"(?:\S+\s+)?\S+\Z")
_LINE_START = lazyre.compile(r"[^\n]{0,40}(?<=\S)")
# Where an orphan may be (a full stop, then , ; or :) and the word before such a stop: the
# orphan pattern is tried only there, not at the start of every word.
_STOP_THEN_MARK = lazyre.compile(r"\.[ \t]*[,;:]")
_WORD_AND_SPACES_TO_END = lazyre.compile(r"[^\W\d_]+ *\Z")
_WORD_REACH = 200
# One full stop, comma, semicolon or colon opening a line, then spaces and the line's first
# word (or a quotation or bracket opening it): the end of a sentence split from its line. An
# ellipsis (". . . and", "... and") opens a line with its next mark, not a word: it stays.
_MARK_OPENING_LINE = lazyre.compile(r"(?m)^(?P<orphan>[.,;:])[ \t]+(?=[^\W_]|[\"“‘'(\[])")
# A mark left at the end of a line after its last sentence: a bullet, middle dot, bar or star
# after a space ("heading out. •"), or a second full stop glued to a word's ("February..").
# Three stops are an ellipsis; "* * *" is a line of its own.
# (Each branch starts with the end mark it follows, so that the engine skips to end marks.)
_CLOSING_ORPHANS = ("\u2022", "\u00b7", "|", "*", "..")
_MARK_CLOSING_LINE = lazyre.compile(
    r"(?m)[.!?\"”’')](?P<orphan>[ \t]+[•·|*])[ \t\r]*$|\.(?P<stop>\.)(?<=[^\W\d_]..)[ \t\r]*$"
)


def remove_orphan_punctuation(text: str) -> list[Change]:
    """Remove a comma, semicolon or colon stranded right after a sentence's full stop, a
    mark stranded at the start of a line before its first word, and one at the end of a line
    after its last sentence (a bullet or a second full stop).

    ``said., fighting`` is what remains when the end of one quotation and the start of the
    next were lost; the orphan goes and a warning names the place for a human to check.

    >>> [change.warning for change in remove_orphan_punctuation("Lavrov said. , and")]
    ['removed orphan "," after "Lavrov said."']

    A period that belongs to an abbreviation or an initial keeps its comma:

    >>> unchanged = "U.S., Russia etc., Acme Inc., Ph.D., M.Sc., J. Smith; Calif.; Sept.: ok"
    >>> fixed(remove_orphan_punctuation, unchanged) == unchanged
    True
    """
    changes = []
    spaced_later = Later(lambda: {change.start for change in separate_glued_sentences(text)})
    for match in _orphans(text):
        word, start = match["word"], match.start()
        if len(word) < 2 or is_abbreviation(word) or _continues_initials(text, start, spaced_later):
            continue
        orphan = match["orphan"].strip()
        context = _CONTEXT.search(text, max(0, start - 80), match.start("orphan")).group()
        warning = f'removed orphan "{orphan}" after "{context}"'
        changes.append(Change(match.start("orphan"), match.end(), "", warning=warning))
    changes += _marks_opening_lines(text) + _marks_closing_lines(text)
    return sorted(changes, key=lambda change: change.start)


def _marks_opening_lines(text: str) -> list[Change]:
    """The changes that remove a mark opening a line (:data:`_MARK_OPENING_LINE`).

    >>> [c.warning for c in _marks_opening_lines("Held.\\n, and then.\\n. . . and\\n... so")]
    ['removed orphan "," opening the line "and then."']
    """
    changes = []
    for match in _MARK_OPENING_LINE.finditer(text):
        line = _LINE_START.match(text, match.end()).group()
        warning = f'removed orphan "{match["orphan"]}" opening the line "{line}"'
        changes.append(Change(match.start(), match.end(), "", warning=warning))
    return changes


def _marks_closing_lines(text: str) -> list[Change]:
    """The changes that remove a mark closing a line (:data:`_MARK_CLOSING_LINE`).

    >>> fixed(remove_orphan_punctuation, "Roads shut. •\\nIt rained..\\nWait...\\n* * *")
    'Roads shut.\\nIt rained.\\nWait...\\n* * *'
    """
    changes: list[Change] = []
    if not any(mark in text for mark in _CLOSING_ORPHANS):
        return changes  # (most texts hold none of them)
    for match in _MARK_CLOSING_LINE.finditer(text):
        start, end = match.span("orphan") if match["orphan"] else match.span("stop")
        context = _CONTEXT.search(text, max(0, start - 80), start).group()
        orphan = text[start:end].strip()
        warning = f'removed orphan "{orphan}" closing the line "{context}"'
        changes.append(Change(start, end, "", warning=warning))
    return changes


def _orphans(text: str) -> Iterator[re.Match[str]]:
    """The matches of :data:`_ORPHAN` in ``text``, in order (for words of up to
    :data:`_WORD_REACH` letters), looked for only before a full stop followed by a mark."""
    end = 0
    for stop in _STOP_THEN_MARK.finditer(text):
        if stop.start() < end:
            continue
        reach = max(end, stop.start() - _WORD_REACH)
        word = _WORD_AND_SPACES_TO_END.search(text, reach, stop.start())
        match = _ORPHAN.match(text, word.start()) if word else None
        if match:
            end = match.end()
            yield match


def _continues_initials(text: str, index: int, spaced_later: Callable[[], set[int]]) -> bool:
    """True if the word at ``index`` follows an initial and its period, as ``Sc`` in ``M.Sc``,
    and is not a sentence of its own: ``spaced_later`` (where ``separate_glued_sentences``,
    which runs later, puts a space) does not hold ``index``, as in ``Plan B.Talks``."""
    return (
        index >= 2
        and text[index - 1] == "."
        and text[index - 2].isalpha()
        and (index == 2 or not text[index - 3].isalnum())
        and index not in spaced_later()
    )
