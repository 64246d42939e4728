"""The ``quotes`` stage: direct quotations, who said them, and how that was decided.

It reads the document text with its paragraph blocks, not its sentences (the seed glues
quotations onto sentences): :mod:`newstool.quotes.marks` pairs the quote marks,
:mod:`newstool.quotes.attribution` finds each quotation's cue verb and speaker mention by named
rules, :mod:`newstool.quotes.resolution` turns mentions (``he``, ``Lavrov``) into speakers
(``Sergey Lavrov``). Scare quotes (a few words inside a sentence with no cue verb) and titles of
works are not quotations.

>>> from newstool.model import Document
>>> doc = Document.from_dict({"text": 'Sen. Ana Ruiz spoke. "We won," she said. It was "huge".'})
>>> [(q.text, q.speaker, q.resolution, q.rule) for q in extract_quotes(doc).quotes]
[('We won,', 'Ana Ruiz', 'pronoun-last-speaker', 'quote-speaker-cue')]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from newstool import lazyre
from newstool.model import Document, Quote, blocks_from_blank_lines
from newstool.quotes.attribution import (
    Attribution,
    Context,
    attribute,
    known_names,
    looks_like_a_title,
    reported_speech,
    reports_on,
    sentence_subjects,
    starts_sentence,
    window,
)
from newstool.quotes.marks import Span, pair_marks
from newstool.quotes.resolution import NOBODY, Resolver, Speaker
from newstool.quotes.speakers import Mention

CONTINUES = "continues-previous-quote"
PREVIOUS_SENTENCE = "speaker-in-previous-sentence"
_COLON_BEFORE = lazyre.compile(r":\s*$")


@dataclass(frozen=True)
class QuoteOptions:
    """Settings for :func:`extract_quotes` (none yet: the stage has no switches).

    >>> QuoteOptions.from_settings({"speakers": 3})
    Traceback (most recent call last):
    ValueError: unknown quotes setting 'speakers'; the quotes step takes no settings
    """

    @cached_property
    def fingerprint(self) -> str:
        """A digest of what changes the quotations found (see :mod:`newstool.fingerprint`)."""
        from newstool.fingerprint import fingerprint

        return fingerprint("quotes", {})

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None = None) -> QuoteOptions:
        """Options from one mapping; there are no keys yet."""
        unknown = sorted(settings or {})
        if unknown:
            raise ValueError(
                f"unknown quotes setting {unknown[0]!r}; the quotes step takes no settings"
            )
        return cls()


@dataclass(slots=True)
class _Found:
    """A quotation while it is being attributed and resolved."""

    span: Span
    attribution: Attribution | None
    paragraph: int
    speaker: Speaker = NOBODY
    mention: Mention | None = None
    rule: str | None = None


def find_quotes(text: str, blocks: tuple | None = None) -> tuple[Quote, ...]:
    """The quotations of ``text`` (paragraphs: ``blocks``, else blank-line paragraphs).

    A closing mark whose opening mark was lost makes a ``fragment``:

    >>> quotes = find_quotes('Ann Lee said.fighting on," Lee said.')
    >>> [(q.kind, q.text, q.speaker, q.resolution) for q in quotes]
    [('fragment', 'fighting on,', 'Ann Lee', 'surname')]
    """
    blocks = blocks if blocks is not None else blocks_from_blank_lines(text)
    paragraphs = [(b.start, b.end) for b in blocks if b.type == "paragraph"]
    spans = pair_marks(text, blocks)
    ctx = Context(text, spans)
    found = _attributed(ctx, spans, paragraphs)
    _resolve(ctx, found, paragraphs)
    return tuple(_record(text, each) for each in found)


def _attributed(ctx: Context, spans: list[Span], paragraphs: list[tuple[int, int]]) -> list[_Found]:
    """Each span with its attribution, less scare quotes and titles."""
    starts = [start for start, _ in paragraphs]
    ends = [end for _, end in paragraphs]
    whole = (0, len(ctx.text))
    found = []
    for index, span in enumerate(spans):
        first = max(0, bisect_right(starts, span.start) - 1)
        last = min(len(ends) - 1, bisect_left(ends, span.end))  # a quotation may span several
        reach = (starts[first], ends[last]) if paragraphs else whole
        previous_end = spans[index - 1].end if index else 0
        next_start = spans[index + 1].start if index + 1 < len(spans) else len(ctx.text)
        w = window(ctx, span, reach, (previous_end, next_start))
        found_attribution = attribute(ctx, span, w)
        content = ctx.text[span.content_start : span.end - 1]
        if span.kind == "direct":
            opens = starts_sentence(ctx, w) or _COLON_BEFORE.search(
                ctx.text, w.before_start, w.before_end
            )
            if looks_like_a_title(content) and (found_attribution is None or not opens):
                continue  # the title of a work
            carried = bool(found) and found[-1].attribution is not None
            carried = carried and reports_on(ctx, found[-1].span, w)
            if found_attribution is None and not opens and not carried:
                continue  # a scare quote
        found.append(_Found(span, found_attribution, first))
    return found


def _resolve(ctx: Context, found: list[_Found], paragraphs: list[tuple[int, int]]) -> None:
    """Resolve every mention in text order: those of the quotations, of reported speech and
    of sentence subjects; quotations without a mention take the speaker before them."""
    events: list[tuple[int, int, Any]] = []
    for at, mention in reported_speech(ctx, paragraphs):
        events.append((at, 1, mention))
    for at, mention in sentence_subjects(ctx, paragraphs):
        events.append((at, 3, mention))
    for start, end in known_names(ctx):
        events.append((start, 0, (start, end)))
    for each in found:
        mention = each.attribution.mention if each.attribution else None
        events.append((mention.start if mention else each.span.start, 2, each))
    events.sort(key=lambda event: (event[0], event[1]))
    resolver = Resolver(ctx.text)
    last_reported: tuple[int, Speaker] | None = None
    previous: _Found | None = None
    for at, kind, item in events:
        if kind == 0:
            resolver.know_name(*item)
            continue
        if kind == 3:
            for mention in item:  # the first that names a person
                if resolver.resolve_subject(mention) is not None:
                    break
            continue
        if kind == 1:
            speaker = resolver.resolve(item)
            if speaker.speaker is not None:
                last_reported = (at, speaker)
            continue
        each: _Found = item
        if each.attribution is not None:
            each.rule = each.attribution.rule
            each.mention = each.attribution.mention
            each.speaker = resolver.resolve(each.mention) if each.mention else NOBODY
        elif previous is not None and previous.speaker.speaker and _follows(ctx, previous, each):
            each.rule, each.mention, each.speaker = CONTINUES, previous.mention, previous.speaker
            resolver.remember(each.speaker)
        elif last_reported is not None and _in_previous_sentence(ctx, last_reported[0], each.span):
            each.rule, each.speaker = PREVIOUS_SENTENCE, last_reported[1]
            resolver.remember(each.speaker)
        previous = each


def _follows(ctx: Context, previous: _Found, each: _Found) -> bool:
    """Whether ``each`` comes right after ``previous``: only its attribution (one sentence at
    most) between them, in the same paragraph or the next one."""
    if each.paragraph - previous.paragraph > 1:
        return False
    between = [b for b in ctx.boundaries if previous.span.end < b <= each.span.start]
    gap = ctx.text[previous.span.end : each.span.start]
    return len(between) <= 1 or not gap.strip()


def _in_previous_sentence(ctx: Context, at: int, span: Span) -> bool:
    """Whether ``at`` lies in the sentence just before the one ``span`` starts."""
    start = ctx.sentence_start(span.start, 0)
    earlier = ctx.sentence_start(max(0, start - 1), 0)
    return earlier <= at < start


def _record(text: str, each: _Found) -> Quote:
    span, speaker, mention = each.span, each.speaker, each.mention
    attribution = each.attribution
    cue = (
        (attribution.cue_start, attribution.cue_end)
        if attribution and attribution.cue_start is not None
        else (None, None)
    )
    return Quote(
        start=span.start,
        end=span.end,
        text=text[span.content_start : span.end - 1],
        kind=span.kind,
        cue=text[cue[0] : cue[1]] if cue[0] is not None else None,
        cue_start=cue[0],
        cue_end=cue[1],
        speaker_mention=text[mention.start : mention.end] if mention else None,
        speaker_mention_start=mention.start if mention else None,
        speaker_mention_end=mention.end if mention else None,
        speaker=speaker.speaker,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        resolution=speaker.resolution,
        rule=each.rule,
    )


# One instance, so that its fingerprint is worked out once, not once a document.
_DEFAULT_OPTIONS = QuoteOptions()


def extract_quotes(doc: Document, options: QuoteOptions | None = None) -> Document:
    """``doc`` with ``quotes`` added and a ``quotes`` step recorded."""
    options = options or _DEFAULT_OPTIONS
    quotes = find_quotes(doc.text, doc.blocks)
    return doc.add_step("quotes", {}, fingerprint=options.fingerprint, quotes=quotes)


__all__ = ["QuoteOptions", "extract_quotes", "find_quotes"]
