"""Changes proposed by rules, turned into reversible edits; block offsets carried along.

A rule looks at a text and proposes :class:`Change` objects: "replace ``text[start:end]`` with
``after``", in input offsets, sorted and not overlapping. :func:`apply_changes` applies them
left to right and records one :class:`~newstool.model.Edit` per change.

What ``start`` and ``end`` of an edit mean: ``after`` is ``text[start:end]`` of the text as it
stood right after that edit was made, before any later edit (so before later rules ran; a
rule's own later changes lie further right and do not move it). That is the frame in which
undoing works: undoing edits from last to first (:func:`undo_edits`), each edit finds its
``after`` at ``start:end`` and puts ``before`` back, restoring the original exactly. Later
edits to the left shift an edit's place in the final text: in the seed, the orphan comma's
edit has ``start`` 709 while it sits at 711 of the cleaned text, after two spaces that
``separate_glued_sentences`` inserted earlier in the text. Warnings and ``clean --diff``
give positions in this same frame (the edit's ``start``); the title's edits (``title_edits``)
work the same way in the title.

>>> text, edits = apply_changes("demo", "a.B  c", [Change(2, 2, " "), Change(4, 5, "")])
>>> text
'a. B c'
>>> [(e.start, e.end, e.before, e.after) for e in edits]
[(2, 3, '', ' '), (5, 5, ' ', '')]
>>> undo_edits(text, edits)
'a.B  c'
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Generic, TypeVar

from newstool import lazyre
from newstool.model import Block, Edit, Note

_BLANK_LINE = lazyre.compile(r"\n[ \t]*\n")
T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """Replace ``text[start:end]`` by ``after``; optionally keep a note or flag a warning.

    ``warning`` is a message without a position: :func:`newstool.clean.clean` adds the
    ``start`` of the edit this change becomes.
    """

    start: int
    end: int
    after: str
    note: Note | None = None
    warning: str | None = None


def apply_changes(rule: str, text: str, changes: Sequence[Change]) -> tuple[str, list[Edit]]:
    """Apply sorted, non-overlapping ``changes`` and return the new text and the edits.

    >>> text, edits = apply_changes("r", "xyz", [Change(0, 1, "X"), Change(3, 3, "!")])
    >>> text, edits[1]
    ('Xyz!', Edit(rule='r', start=3, end=4, before='', after='!'))
    """
    pieces: list[str] = []
    edits: list[Edit] = []
    pos = 0
    shift = 0
    for change in changes:
        if change.start < pos or change.end < change.start:
            raise ValueError(f"rule {rule!r} proposed overlapping or unsorted changes")
        pieces.append(text[pos : change.start])
        pieces.append(change.after)
        start = change.start + shift
        edits.append(
            Edit(
                rule,
                start,
                start + len(change.after),
                text[change.start : change.end],
                change.after,
            )
        )
        shift += len(change.after) - (change.end - change.start)
        pos = change.end
    pieces.append(text[pos:])
    return "".join(pieces), edits


def undo_edits(text: str, edits: Iterable[Edit]) -> str:
    """The text before ``edits`` were applied: each one undone, last first.

    >>> undo_edits("a. b", [Edit("r", 2, 3, "", " ")])
    'a.b'
    """
    for edit in reversed(list(edits)):
        if text[edit.start : edit.end] != edit.after:
            raise ValueError(f"edit {edit} does not match the text at {edit.start}..{edit.end}")
        text = text[: edit.start] + edit.before + text[edit.end :]
    return text


def remap_blocks(blocks: Iterable[Block], changes: Sequence[Change]) -> tuple[Block, ...]:
    """Block offsets moved through ``changes``; a block whose text was removed is dropped.

    Text inserted at a block's end belongs to the block; text inserted at its start does too.

    >>> remap_blocks([Block("heading", 0, 1), Block("paragraph", 3, 6)], [Change(0, 3, "")])
    (Block(type='paragraph', start=0, end=3),)
    """
    places = _Places(changes)
    remapped = []
    for block in blocks:
        start, end = places.moved(block.start), places.moved(block.end, at_end=True)
        if start < end:
            remapped.append(_placed(block, start, end))
    return tuple(remapped)


def _placed(block: Block, start: int, end: int) -> Block:
    """``block`` moved to ``start:end``: itself when it stays (most blocks stay, and making a
    block costs more than comparing two offsets)."""
    if block.start == start and block.end == end:
        return block
    return Block(block.type, start, end)


def trim_blocks(blocks: Sequence[Block], text: str) -> tuple[Block, ...]:
    """Blocks fitted to ``text``: widened over the text that touches them, up to a blank line or
    the next block, then shrunk to exclude white space at their edges; blocks left empty are
    dropped. A repair can turn white space just outside a block into text (a NEL, white space
    to Python, is cp1252's ``…`` to ``fix_mojibake``), and text belongs to a block.

    >>> trim_blocks([Block("paragraph", 0, 4), Block("paragraph", 5, 6)], "\\nHi \\n ")
    (Block(type='paragraph', start=1, end=3),)
    >>> trim_blocks([Block("paragraph", 0, 4), Block("paragraph", 7, 9)], "said…\\n\\nOk")
    (Block(type='paragraph', start=0, end=5), Block(type='paragraph', start=7, end=9))
    """
    trimmed: list[Block] = []
    for number, block in enumerate(blocks):
        floor = trimmed[-1].end if trimmed else 0
        ceiling = blocks[number + 1].start if number + 1 < len(blocks) else len(text)
        blank_lines_before = [m.end() for m in _BLANK_LINE.finditer(text, floor, block.start)]
        blank_line_after = _BLANK_LINE.search(text, block.end, ceiling)
        start = blank_lines_before[-1] if blank_lines_before else floor
        end = blank_line_after.start() if blank_line_after else ceiling
        # the span of text[start:end].strip(), found without copying the block's text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append(_placed(block, start, end))
    return tuple(trimmed)


class _Places:
    """Offsets moved through sorted, non-overlapping ``changes``: each found by bisection, not
    by a walk through all the changes before it.

    >>> places = _Places([Change(0, 3, ""), Change(5, 5, "ab")])
    >>> places.moved(1), places.moved(4), places.moved(5), places.moved(5, at_end=True)
    (0, 1, 2, 4)
    """

    __slots__ = ("changes", "shifts", "starts")

    def __init__(self, changes: Sequence[Change]) -> None:
        self.changes = changes
        self.starts = [change.start for change in changes]
        # how far the changes before each one (and all of them, last) move the text after them
        deltas = (len(change.after) - (change.end - change.start) for change in changes)
        self.shifts = list(accumulate(deltas, initial=0))

    def moved(self, pos: int, at_end: bool = False) -> int:
        """Where ``pos`` lands: inside a change, at its start (its end for ``at_end``); a
        change inserted at ``pos`` falls before it for ``at_end`` (it joins the block ending
        there), after it otherwise."""
        changes = self.changes
        if not changes or pos < changes[0].start:
            return pos  # before every change: the blocks before the first one stay
        i = bisect_left(self.starts, pos)  # only the last change before pos may reach past it
        if i and changes[i - 1].end > pos:
            change = changes[i - 1]
            return change.start + self.shifts[i - 1] + (len(change.after) if at_end else 0)
        while at_end and i < len(changes) and changes[i].start == changes[i].end == pos:
            i += 1
        return pos + self.shifts[i]


class Later(Generic[T]):
    """A value worked out when first asked for, then kept: ``Later(make)()`` calls ``make``
    once. (``functools.cache(make)`` does the same, but copies ``make``'s name and docstring
    when made, which cost a rule more than its work on most texts.)

    >>> later = Later(lambda: print("made") or 42)
    >>> later(), later()
    made
    (42, 42)
    """

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], T]) -> None:
        self._make: Callable[[], T] | None = make

    def __call__(self) -> T:
        if self._make is not None:
            self._value = self._make()
            self._make = None
        return self._value


def removal_changes(text: str, spans: Iterable[tuple[int, int]]) -> list[Change]:
    """Changes that delete the sorted ``spans`` of ``text`` and leave the separators tidy.

    Neighbouring spans with only white space between them go as one; each goes with the
    smaller of the separators around it, so lines stay lines and paragraphs stay paragraphs.

    >>> text = "A\\nB\\n\\nC\\n\\nD"
    >>> [text[c.start : c.end] for c in removal_changes(text, [(2, 3), (5, 6)])]
    ['\\nB\\n\\nC']
    """
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not text[merged[-1][1] : start].strip():
            start = merged.pop()[0]
        merged.append((start, end))
    return [Change(*span_with_separator(text, start, end), "") for start, end in merged]


def span_with_separator(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start..end`` by the white space on the side that keeps the text well formed.

    >>> text = "One.\\nTwo.\\n\\nThree."
    >>> [text[slice(*span_with_separator(text, *span))] for span in [(5, 9), (11, 17)]]
    ['\\nTwo.', '\\n\\nThree.']
    """
    before = start
    while before > 0 and text[before - 1].isspace():
        before -= 1
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    if after == len(text):
        return before, end if before else after
    if before == 0:
        return start, after
    if text.count("\n", before, start) < text.count("\n", end, after):
        return before, end
    return start, after


def fixed(rule: Callable[..., list[Change]], text: str, **arguments: object) -> str:
    """The text after one rule: a shorthand for the examples in rule docstrings.

    >>> fixed(lambda text: [Change(0, 0, ">")], "quote")
    '>quote'
    """
    return apply_changes("example", text, rule(text, **arguments))[0]
