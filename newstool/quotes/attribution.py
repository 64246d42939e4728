"""Attribution: which cue verb and which speaker mention go with a quotation.

Each pattern is a named rule, tried in order on the words right after a quotation (to the end
of its sentence) and right before it (from the start of its sentence); the first that matches
gives the quotation its ``rule``, its cue and its mention. Rules that need no cue (a quotation
continuing the one before it) are in :mod:`newstool.quotes.resolution`, as they need the
speaker resolved already.

>>> text = '"We will win," said Ana Ruiz, the mayor.'
>>> found = attribute(Context(text), Span(0, 14, "direct"))
>>> mention = found.mention
>>> found.rule, text[found.cue_start:found.cue_end], text[mention.name_start:mention.name_end]
('quote-cue-speaker', 'said', 'Ana Ruiz')
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from newstool import lazyre
from newstool.quotes.marks import Span
from newstool.quotes.speakers import (
    BETWEEN,
    Mention,
    cue_pattern,
    find_cues,
    first_name_pronouns,
    mention_after,
    mention_before,
    name_in_run,
    name_runs,
)
from newstool.sentences import abbreviation_kind, lexicon
from newstool.stats.terms import stopwords

# A sentence end: end marks and closers, then space and a capital or an opening mark, or glued
# to a capitalised word ("said.Moscow"); an abbreviation before the period is no end.
_BOUNDARY = lazyre.compile(r"[.!?]+[\"'”’»)]*(?:\s+(?=[\"'“‘«„(]?[A-Z0-9])|(?=[\"“«„]?[A-Z][a-z]))")
_WORD_BEFORE = lazyre.compile(r"[\w.]{1,30}$")
_SPACE_OR_COMMA = lazyre.compile(r"[\s,]*")
_TRAILING_BETWEEN = lazyre.compile(rf"\s+{BETWEEN}$")
_ACCORDING_TO_AFTER = lazyre.compile(r"[\s,]*according to\s+", re.IGNORECASE)
_ACCORDING_TO_BEFORE = lazyre.compile(r"according to\s+([^,]+),\s*$", re.IGNORECASE)
_COLON_END = lazyre.compile(r":\s*$")
_ADDING_END = lazyre.compile(r",\s*adding(?:\s+that)?[:,]?\s*$")
_CUE_FIRST = lazyre.compile(r"\s*[A-Z]\w*\s+")
# What a title of a work looks like: every word capitalised, but for short function words.
# A clause before the subject: "Asked about it,", "Speaking in Kent,", "Inside the hall,".
_OPENING_CLAUSE = lazyre.compile(r"([A-Z][a-z]+)\b[^,.;:\"“”]{0,80},\s*")
_SUBJECT_REACH = 160
# A dateline opening a paragraph: "WASHINGTON — ", "BRUSSELS (AFP) - ", "CANBERRA, AAP - ".
_DATELINE = lazyre.compile(
    r"[A-Z][A-Z.'’ ]+(?:,[^—–\n]{1,30}?)?(?:\s*\([^()\n]{1,30}\))?\s+[—–-]\s+"
)
_LEAD_WORDS = 3  # lower-case words before a subject's name ("former Gov.", "retired machinist")
_MINOR_WORDS = frozenset(
    ["&", "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
_TITLE_WORDS = 8


@dataclass(frozen=True, slots=True)
class Attribution:
    """The rule that matched, its cue verb at ``[cue_start:cue_end]`` (or None) and the
    speaker mention."""

    rule: str
    cue_start: int | None
    cue_end: int | None
    mention: Mention | None


class Context:
    """A text and what the rules look up in it: its sentence ends, and its quotations (words
    inside them are never a cue or a mention)."""

    def __init__(self, text: str, spans: list[Span] | None = None) -> None:
        self.text = text
        self.spans = spans or []
        self._starts = [span.start for span in self.spans]

    @cached_property
    def boundaries(self) -> list[int]:
        """Where sentences start (after an end mark and the space after it)."""
        lex = lexicon()
        ends = []
        text = self.text
        for m in _BOUNDARY.finditer(text):
            start = m.start()
            if text[start] == ".":
                before = _WORD_BEFORE.search(text, max(0, start - 30), start)
                if before and abbreviation_kind(before.group().lstrip("."), lex):
                    continue
            ends.append(m.end())
        return ends

    @cached_property
    def runs(self) -> list[tuple[int, int]]:
        """Every run of capitalised words (:func:`~newstool.quotes.speakers.name_runs`)."""
        return name_runs(self.text, 0, len(self.text))

    @cached_property
    def run_starts(self) -> list[int]:
        """Where each of :attr:`runs` starts."""
        return [start for start, _ in self.runs]

    def sentence_start(self, pos: int, floor: int) -> int:
        """Where the sentence holding ``pos`` starts, not before ``floor``."""
        index = bisect_right(self.boundaries, pos) - 1
        return max(floor, self.boundaries[index]) if index >= 0 else floor

    def sentence_end(self, pos: int, ceiling: int) -> int:
        """Where the sentence holding ``pos`` ends (the next one starts), not after ``ceiling``."""
        index = bisect_right(self.boundaries, pos)
        return min(ceiling, self.boundaries[index]) if index < len(self.boundaries) else ceiling

    def outside(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` touches no quotation."""
        index = bisect_left(self._starts, end)
        return index == 0 or self.spans[index - 1].end <= start


@dataclass(frozen=True, slots=True)
class Window:
    """The words before a quotation (from its sentence start, or the quotation before it) and
    after it (to its sentence end, or the next quotation), within its paragraph."""

    before_start: int
    before_end: int
    after_start: int
    after_end: int


Rule = Callable[[Context, Span, Window], Attribution | None]


def _cue_then_mention_after(ctx: Context, span: Span, w: Window) -> Attribution | None:
    """``"…," said X`` (and ``"…," says the minister``): the cue comes first."""
    text = ctx.text
    start = _SPACE_OR_COMMA.match(text, w.after_start, w.after_end).end()
    cue = cue_pattern().match(text, start, w.after_end)
    if cue is None or not _continues_sentence(text, span):
        return None
    mention = mention_after(text, cue.end(), w.after_end)
    return Attribution("quote-cue-speaker", cue.start(), cue.end(), mention) if mention else None


def _mention_then_cue_after(ctx: Context, span: Span, w: Window) -> Attribution | None:
    """``"…," X said`` (``Earnest told reporters``, ``he added``, ``Mr Taylor said``)."""
    text = ctx.text
    start = _SPACE_OR_COMMA.match(text, w.after_start, w.after_end).end()
    cue = next(iter(find_cues(text, start, w.after_end)), None)
    if cue is None or cue.start() == start or not _continues_sentence(text, span):
        return None
    end = _subject_end(text, start, cue.start())
    mention = mention_before(text, start, end)
    if mention is None or mention.start != start:
        return None
    return Attribution("quote-speaker-cue", cue.start(), cue.end(), mention)


def _according_to_after(ctx: Context, span: Span, w: Window) -> Attribution | None:
    """``"…," according to X``."""
    m = _ACCORDING_TO_AFTER.match(ctx.text, w.after_start, w.after_end)
    if m is None:
        return None
    mention = mention_after(ctx.text, m.end(), w.after_end)
    cue_start = m.end() - len(m.group().lstrip(" ,"))
    return Attribution("according-to", cue_start, m.end() - 1, mention) if mention else None


def _according_to_before(ctx: Context, span: Span, w: Window) -> Attribution | None:
    """``According to X, "…"``."""
    m = _ACCORDING_TO_BEFORE.search(ctx.text, w.before_start, w.before_end)
    if m is None:
        return None
    mention = mention_after(ctx.text, m.start(1), m.end(1))
    cue_end = m.start() + len("according to")
    return Attribution("according-to", m.start(), cue_end, mention) if mention else None


def _cue_then_mention_before(ctx: Context, span: Span, w: Window) -> Attribution | None:
    """``Said X: "…"`` (a cue opening the sentence, its speaker after it, then a colon)."""
    text = ctx.text
    cue = cue_pattern().match(text, w.before_start, w.before_end)
    if cue is None or not _COLON_END.search(text, w.before_start, w.before_end):
        return None
    colon = text.rindex(":", w.before_start, w.before_end)
    mention = mention_after(text, cue.end(), colon)
    return Attribution("cue-speaker-quote", cue.start(), cue.end(), mention) if mention else None


def _adding_before(ctx: Context, span: Span, w: Window) -> Attribution | None:
    """``X said …, adding "…"``: the speaker of the first cue adds the quotation."""
    text = ctx.text
    if not _ADDING_END.search(text, w.before_start, w.before_end):
        return None
    first = next(iter(find_cues(text, w.before_start, w.before_end)), None)
    if first is None or first.group().lower().startswith("adding"):
        return None
    adding = text.rindex("adding", w.before_start, w.before_end)
    mention = _subject_before(ctx, w.before_start, first.start())
    if mention is None:
        return None
    return Attribution("speaker-cue-adding", adding, adding + len("adding"), mention)


def _mention_then_cue_before(ctx: Context, span: Span, w: Window) -> Attribution | None:
    """``X said: "…"``, ``X told reporters, "…"``, ``X wrote in a letter: "…"``, and a partial
    quotation in reported speech (``Moore said the plan had "moved the goalposts"``,
    ``speaker-cue-partial``): the speaker is the subject of the last cue before it (of the
    sentence, for a participle: ``Lee hit back, saying the city had "…"``). A partial
    quotation reported through a thing (``he said the poll suggested Labour was "…"``) is the
    words of the person who reported it."""
    text = ctx.text
    cues = find_cues(text, w.before_start, w.before_end)
    found: Attribution | None = None
    for index in reversed(range(len(cues))):
        cue = cues[index]
        # a subject never reaches over an earlier cue: in "he said the poll suggested", the
        # subject of "suggested" is "the poll", not the words before "said"
        floor = cues[index - 1].end() if index else w.before_start
        mention = _subject_before(ctx, floor, cue.start()) or _participle_subject(ctx, w, cue)
        if mention is None:
            continue
        rest = text[cue.end() : w.before_end]
        introduces = (
            _COLON_END.search(rest) or rest.strip() in ("", ",") or rest.rstrip().endswith(",")
        )
        rule = "speaker-cue-quote" if introduces else "speaker-cue-partial"
        attribution = Attribution(rule, cue.start(), cue.end(), mention)
        if mention.kind != "phrase" or (introduces and found is None):
            return attribution
        found = found or attribution
    return found


_PARTICIPLE_CUE = lazyre.compile(r",\s*$")


def _participle_subject(ctx: Context, w: Window, cue: re.Match[str]) -> Mention | None:
    """The subject of a cue that is a participle after a comma (``Mayor Ann Lee pushed back,
    saying the city had "…"``): the subject of the sentence, or None."""
    if not cue.group().endswith("ing"):
        return None
    if not _PARTICIPLE_CUE.search(ctx.text, w.before_start, cue.start()):
        return None
    mentions = subjects_at(ctx, w.before_start, cue.start())
    return mentions[-1] if mentions else None


def _subject_then_colon(ctx: Context, span: Span, w: Window) -> Attribution | None:
    """``Commerce Secretary Gina Raimondo put it simply: "…"``: a colon introduces the
    quotation, and the subject of the sentence says it (no cue verb needed)."""
    if not _COLON_END.search(ctx.text, w.before_start, w.before_end):
        return None
    mentions = subjects_at(ctx, w.before_start, w.before_end)
    return Attribution("speaker-colon-quote", None, None, mentions[-1]) if mentions else None


RULES: tuple[tuple[str, Rule], ...] = (
    ("quote-cue-speaker", _cue_then_mention_after),
    ("quote-speaker-cue", _mention_then_cue_after),
    ("according-to", _according_to_after),
    ("cue-speaker-quote", _cue_then_mention_before),
    ("speaker-cue-adding", _adding_before),
    ("according-to", _according_to_before),
    ("speaker-cue-quote", _mention_then_cue_before),
    ("speaker-colon-quote", _subject_then_colon),
)


def window(
    ctx: Context, span: Span, paragraph: tuple[int, int], neighbours: tuple[int, int]
) -> Window:
    """The window of ``span`` within ``paragraph``, between the quotations either side
    (``neighbours``: the end of the one before, the start of the one after)."""
    floor = max(paragraph[0], neighbours[0])
    ceiling = min(paragraph[1], neighbours[1])
    before_start = ctx.sentence_start(span.start, floor) if span.kind == "direct" else span.start
    after_end = ctx.sentence_end(span.end, ceiling)
    return Window(min(before_start, span.start), span.start, span.end, max(after_end, span.end))


def attribute(ctx: Context, span: Span, w: Window | None = None) -> Attribution | None:
    """The first rule of :data:`RULES` that attributes ``span``, or None.

    >>> text = 'Gov. Josh Shapiro wrote: "Pass it."'
    >>> found = attribute(Context(text), Span(25, 35, "direct"))
    >>> found.rule, text[found.mention.name_start:found.mention.name_end]
    ('speaker-cue-quote', 'Josh Shapiro')
    """
    if w is None:
        w = window(ctx, span, (0, len(ctx.text)), (0, len(ctx.text)))
    for _, rule in RULES:
        found = rule(ctx, span, w)
        if found is not None:
            return found
    return None


def reports_on(ctx: Context, previous: Span, w: Window) -> bool:
    """Whether the words between ``previous`` and the quotation after it carry the same
    reported speech on in one sentence (``had "done its part" and said the state had "…"``,
    ``… "…" to the region and that "…"``): a cue or ``that`` between them, no sentence end.

    >>> text = 'Lee said it had "done its part" and said it was "out of time."'
    >>> ctx = Context(text)
    >>> reports_on(ctx, Span(16, 31, "direct"), Window(31, 48, 62, 62))
    True
    """
    text = ctx.text
    gap_start, gap_end = previous.end, w.before_end
    if w.before_start != gap_start or ctx.sentence_start(gap_end, gap_start) != gap_start:
        return False  # the quotation before is in another sentence
    return bool(find_cues(text, gap_start, gap_end) or _THAT.search(text, gap_start, gap_end))


_THAT = lazyre.compile(r"\bthat\b")


def starts_sentence(ctx: Context, w: Window) -> bool:
    """Whether nothing but space (or a dash) comes before the quotation in its sentence."""
    return not ctx.text[w.before_start : w.before_end].strip(" \t\n—–-")


def looks_like_a_title(content: str) -> bool:
    """A short run of capitalised words: the title of a work, not a quotation.

    >>> looks_like_a_title("Face the Nation."), looks_like_a_title("We are going,")
    (True, False)
    >>> looks_like_a_title("Fox & Friends")
    True
    """
    words = content.strip(" ,.!?;:").split()
    if not words or len(words) > _TITLE_WORDS:
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w[:1].isdigit() or w in _MINOR_WORDS for w in words
    )


def reported_speech(ctx: Context, paragraphs: list[tuple[int, int]]) -> list[tuple[int, Mention]]:
    """Every speaker of reported speech outside the quotations (``Lavrov said the talks
    …``), at the place of their cue: who the next ``he`` may be.

    >>> text = 'Ann Lee said it rained. "Yes," he said.'
    >>> ctx = Context(text, [Span(24, 30, "direct")])
    >>> [(at, text[m.name_start:m.name_end]) for at, m in reported_speech(ctx, [(0, len(text))])]
    [(8, 'Ann Lee')]
    """
    found = []
    text = ctx.text
    for start, end in paragraphs:
        for cue in find_cues(text, start, end):
            if not ctx.outside(cue.start(), cue.end()):
                continue
            floor = start
            index = bisect_left(ctx._starts, cue.start())
            if index:
                floor = max(floor, ctx.spans[index - 1].end)
            mention = _subject_before(ctx, ctx.sentence_start(cue.start(), floor), cue.start())
            if mention is None or mention.kind == "pronoun":
                continue
            if not _addresses_someone(ctx, cue.start()):
                found.append((cue.start(), mention))
    return found


def sentence_subjects(
    ctx: Context, paragraphs: list[tuple[int, int]]
) -> list[tuple[int, tuple[Mention, ...]]]:
    """Names that open a sentence outside the quotations (``Barrett stood by the claim.``),
    or its main clause after an opening one (``Asked about it, former Gov. Chris Christie
    laughed.``), or a dateline (``BRUSSELS (AFP) -``): candidates for a later pronoun, at
    their place. When the first name is one word, the name after a role that follows it is
    the other candidate (``India coach Rahul Dravid``): the resolver keeps the one that names
    a person.

    >>> text = "Asked again, Gov. Chris Christie laughed. India coach Rahul Dravid left."
    >>> found = sentence_subjects(Context(text), [(0, len(text))])
    >>> [[text[m.name_start:m.name_end] for m in ms] for _, ms in found]
    [['Chris Christie'], ['India', 'Rahul Dravid']]

    A capitalised qualifier of the role is no candidate when a known first name follows:

    A relative named in apposition is the subject, and a person (the role tells he or she):

    >>> text = "Her husband, Jim, disagreed."
    >>> [[text[m.start:m.name_end] for m in ms] for _, ms in sentence_subjects(
    ...     Context(text), [(0, len(text))])]
    [['Her husband, Jim']]

    >>> text = "Former City striker Owen Pask was blunt."
    >>> [[text[m.name_start:m.name_end] for m in ms] for _, ms in sentence_subjects(
    ...     Context(text), [(0, len(text))])]
    [['Owen Pask']]
    """
    found = []
    starts = [p[0] for p in paragraphs]
    for pos in sorted(set(starts) | set(ctx.boundaries)):
        if not ctx.outside(pos, pos + 1):
            continue
        mentions = subjects_at(ctx, pos, min(len(ctx.text), pos + _SUBJECT_REACH))
        if mentions and not _addresses_someone(ctx, pos):
            found.append((pos, mentions))
    return found


# Words that put a question or a point to someone: "put it to him", "asked her whether".
_ADDRESSES = lazyre.compile(
    r"\b(?:to|asked|told|pressed|urged|challenged|interrupted|quizzed|grilled)\s+(?:him|her)\b"
)


def _addresses_someone(ctx: Context, pos: int) -> bool:
    """Whether the sentence at ``pos`` puts something to someone named before (``Fordham put
    it to him that …``): its subject is then not who a following ``he replied`` stands for.

    >>> text = "Ann Lee spoke. Tom Ford put it to her that fees rose. Tom Ford left."
    >>> [_addresses_someone(Context(text), pos) for pos in (0, 15, 54)]
    [False, True, False]
    """
    end = ctx.sentence_end(pos, len(ctx.text))
    return _ADDRESSES.search(ctx.text, ctx.sentence_start(pos, 0), end) is not None


def subjects_at(ctx: Context, pos: int, end: int) -> tuple[Mention, ...]:
    """The subject names of the sentence starting at ``pos`` (see :func:`sentence_subjects`)."""
    text = ctx.text
    relation = _RELATION.match(text, pos, end)
    if relation:
        index = bisect_left(ctx.run_starts, relation.end())
        if index < len(ctx.runs) and ctx.runs[index][0] == relation.end():
            name = name_in_run(text, *ctx.runs[index])  # "Her husband, Jim,": Jim, a person
            return (Mention(pos, ctx.runs[index][1], "name", *name),)
    start = _main_clause(text, pos, end)
    index = bisect_left(ctx.run_starts, start)
    mentions: list[Mention] = []
    while index < len(ctx.runs) and ctx.runs[index][0] < end and len(mentions) < 2:
        run = ctx.runs[index]
        lead = text[start : run[0]].split()
        if len(lead) > _LEAD_WORDS or not all(word.islower() for word in lead):
            break
        mention = mention_before(text, *run)
        if mention is None or mention.kind != "name":
            break
        if len(mentions) == 1 and _modifier_before_person(text, mentions[0], mention):
            mentions.pop()  # "Former United defender Gary Neville": a club, then the person
        mentions.append(mention)
        full = " " in text[mention.name_start : mention.name_end]
        if full and (len(mentions) == 2 or not _unknown_first_word(text, mention)):
            break  # a full name with a known first name, or a second one: no other candidate
        start, index = run[1], index + 1
    return tuple(mentions)


def _unknown_first_word(text: str, mention: Mention) -> bool:
    """Whether the name of ``mention`` starts with a word that is no known first name."""
    first = text[mention.name_start : mention.name_end].split()[0]
    return first not in first_name_pronouns()


def _modifier_before_person(text: str, first: Mention, second: Mention) -> bool:
    """Whether ``first`` (``Former United``) only qualifies the role before ``second``, a
    name that starts with a known first name (``Gary Neville``)."""
    return _unknown_first_word(text, first) and not _unknown_first_word(text, second)


# A relative or a colleague named in apposition: "Her husband, Jim,", "His lawyer, Ann Cole,".
_RELATION = lazyre.compile(r"(?:His|Her|Their|My|Our)\s+[a-z]+(?:\s+[a-z]+)?,\s+")


def _main_clause(text: str, start: int, end: int) -> int:
    """Where the main clause of the sentence at ``start`` begins: after an opening clause
    led by a participle, an adverb or a function word (``Asked whether he would run,``)."""
    dateline = _DATELINE.match(text, start, end)
    if dateline is not None:
        start = dateline.end()
    opening = _OPENING_CLAUSE.match(text, start, end)
    if opening is None:
        return start
    word = opening.group(1)
    if word.lower() in stopwords() or word.endswith(("ed", "ing", "ly")):
        return opening.end()
    return start


def known_names(ctx: Context) -> list[tuple[int, int]]:
    """Every name outside the quotations, without its titles, as ``(start, end)``: what a
    later surname may stand for (``White House press secretary Josh Earnest on Monday``).

    >>> text = 'Treasurer Jim Chalmers spoke. "Ask Bob Hawke," he said.'
    >>> ctx = Context(text, [Span(30, 45, "direct")])
    >>> [text[a:b] for a, b in known_names(ctx)]
    ['Jim Chalmers']
    """
    return [name_in_run(ctx.text, a, b) for a, b in ctx.runs if ctx.outside(a, b)]


def _subject_before(ctx: Context, start: int, end: int) -> Mention | None:
    """The subject of the cue verb at ``end``: the mention the words from ``start`` end with."""
    return mention_before(ctx.text, start, _subject_end(ctx.text, start, end))


def _subject_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over the words a subject and its verb may have between them."""
    m = _TRAILING_BETWEEN.search(text, start, end)
    return m.start() if m else end


def _continues_sentence(text: str, span: Span) -> bool:
    """Whether the words after the quotation can still belong to its sentence: the content
    does not end in a period, or a lower-case word follows."""
    content_end = text[span.content_start : span.end - 1].rstrip()
    if not content_end.endswith("."):
        return True
    after = text[span.end : span.end + 3].lstrip(" ,")
    return after[:1].islower()


__all__ = [
    "RULES",
    "Attribution",
    "Context",
    "Window",
    "attribute",
    "known_names",
    "looks_like_a_title",
    "reported_speech",
    "reports_on",
    "sentence_subjects",
    "starts_sentence",
    "subjects_at",
    "window",
]
