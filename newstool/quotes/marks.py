"""Quote marks paired into quotations, by direction rather than by counting.

Each mark opens or closes by its neighbours (:func:`newstool.sentences.quote_effect`, the same
reading ``split-sentences`` makes), so one lost mark never turns the rest of a document inside
out: a closing mark with nothing open is a *fragment* (its opening mark was lost), and an
opening mark never closed is dropped at the end of its paragraph, unless the next paragraph
opens again, which continues the same quotation (news style for a quotation of several
paragraphs). Double marks (``" “ ” „ « »``) are paired first; single ones (``' ‘ ’ ‹ ›``) are
quotations only outside them (inside, they are a quotation within the quotation; a single
pair that crosses a double one is no quotation).

>>> text = 'He said "we won." Then\\n\\n, the last,” she said. \\'Yes,\\' I said.'
>>> [(s.kind, text[s.start:s.end]) for s in pair_marks(text)]
[('direct', '"we won."'), ('fragment', 'the last,”'), ('direct', "'Yes,'")]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstool import lazyre
from newstool.model import Block, blocks_from_blank_lines
from newstool.sentences import quote_effect

DOUBLE_MARKS = '"“”„«»'
SINGLE_MARKS = "'‘’‚‹›"
_DOUBLE = lazyre.compile(f"[{DOUBLE_MARKS}]")
_SINGLE = lazyre.compile(f"[{SINGLE_MARKS}]")
# Where a fragment may start: after the last sentence end, or the punctuation before its words.
_END_MARK = lazyre.compile(r"[.!?]")
_LEADING_PUNCTUATION = lazyre.compile(r"[\s,;:.\-–—]*")


@dataclass(frozen=True, slots=True)
class Span:
    """A quotation's place: ``text[start:end]``, its marks included (a fragment has no opening
    mark: it starts where its words do). ``kind`` is ``direct`` or ``fragment``."""

    start: int
    end: int
    kind: str

    @property
    def content_start(self) -> int:
        """Where the words start, after the opening mark."""
        return self.start + (self.kind == "direct")


def pair_marks(text: str, blocks: tuple[Block, ...] | None = None) -> list[Span]:
    """Every quotation of ``text``'s paragraph ``blocks`` (blank-line paragraphs by default),
    in text order; none lies inside another.

    A quotation continued in the next paragraph is one span:

    >>> text = '“We will act.\\n\\n“And win,” he said.'
    >>> [text[s.start:s.end] for s in pair_marks(text)]
    ['“We will act.\\n\\n“And win,”']
    """
    paragraphs = [
        (b.start, b.end)
        for b in (blocks if blocks is not None else blocks_from_blank_lines(text))
        if b.type == "paragraph"
    ]
    spans = _paired(text, paragraphs, _DOUBLE, fragments=True)
    spans += [
        span
        for span in _paired(text, paragraphs, _SINGLE, fragments=False)
        if not any(span.start < outer.end and outer.start < span.end for outer in spans)
    ]
    spans.sort(key=lambda span: span.start)
    return [
        span
        for span in spans
        if not any(
            other is not span and other.start <= span.start and span.end <= other.end
            for other in spans
        )
    ]


def _paired(
    text: str, paragraphs: list[tuple[int, int]], marks: re.Pattern[str], *, fragments: bool
) -> list[Span]:
    """The quotations of one kind of mark, paragraph by paragraph, carrying a quotation left
    open into the next paragraph when that one starts by opening again."""
    spans: list[Span] = []
    carried: int | None = None  # where a quotation open at the end of the last paragraph began
    for start, end in paragraphs:
        opened: int | None = None
        floor = start  # a fragment starts after this
        reopens = carried is not None and marks.match(text, start) is not None
        if reopens:
            opened = carried
        for m in marks.finditer(text, start + reopens, end):
            index = m.start()
            effect = quote_effect(text, index, text[opened] if opened is not None else None)
            if effect == "open":
                opened = index
            elif effect == "close":
                if opened is not None:
                    spans.append(Span(opened, index + 1, "direct"))
                elif fragments:
                    spans.append(_fragment(text, floor, index))
                opened = None
                floor = index + 1
        carried = opened
    return spans


def _fragment(text: str, floor: int, index: int) -> Span:
    """The fragment a closing mark at ``index`` ends: from the last sentence end after
    ``floor``, without the punctuation left before its words."""
    start = floor
    for m in _END_MARK.finditer(text, floor, index):
        start = m.end()
    start = _LEADING_PUNCTUATION.match(text, start, index).end()
    return Span(start, index + 1, "fragment")


__all__ = ["DOUBLE_MARKS", "SINGLE_MARKS", "Span", "pair_marks"]
