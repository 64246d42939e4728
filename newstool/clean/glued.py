"""Sentences glued together when a scraper dropped the space (or line break) between them.

>>> fixed(separate_glued_sentences, 'He left.Then she said."Stop."')
'He left. Then she said. "Stop."'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from newstool import lazyre
from newstool.clean.edits import Change, fixed  # noqa: F401 (fixed: used in the examples)
from newstool.clean.words import (
    inside_web_address,
    is_abbreviation,
    is_web_ending,
    word_before_period,
)
from newstool.sentences import QuotationState, iter_decisions, lexicon, structural_starts

# A sentence stop, optional closing quotes or brackets, then a letter (maybe after an opening
# quote), or a bracket (maybe after an opening quote) holding a word: an alteration ("[This]")
# or a transcript's mark ("[crosstalk]"), or an aside in parentheses ("(He was"); lower case
# is judged later. A digit after a lone period and three lower-case letters ("took effect.5
# million") is judged by the splitter, which alone knows "fig.3". (The stop is written
# "[.!?][.!?]*", not "[.!?]+": a pattern that starts with a class, not a repeat, lets the
# regex engine skip straight to the next mark, three times faster.)
_CANDIDATE = lazyre.compile(
    r"(?P<stop>[.!?][.!?]*)(?P<close>[\"'”’»)\]]*)(?=[\"“‘]?[\[(]?[^\W\d_]|(?<=[^\W\d_A-Z]{3}\.)\d)"
)
# Curly quotes as straighten_quotes leaves them (one character for one).
_CURLY_QUOTE = lazyre.compile("[“”„‟‘’‚‛]")
_AS_STRAIGHT = str.maketrans("“”„‟‘’‚‛", "\"\"\"\"''''")
# Letters and digits from the start (of a window, reversed: the word before a stop).
_LEADING_WORD = lazyre.compile(r"[^\W_]*")
_WORD = lazyre.compile(r"[^\W\d_]+")
# What may follow a lower-case word for it to read as prose rather than code or a file name.
_NOT_PROSE_AFTER = lazyre.compile(r"[\w@/\\(\[=&–—-]|\.\w")


def separate_glued_sentences(text: str) -> list[Change]:
    r"""Insert the missing space after ``.``, ``!`` or ``?`` (and any closing quote) when a new
    sentence starts right after it.

    A capital, or an opening quote, starts a sentence; so does a lower-case word after a full
    word (``out.he said``: the space is added, the case is left alone).

    >>> fixed(separate_glued_sentences, "in Idlib.On Wednesday, he pointed out.he said.")
    'in Idlib. On Wednesday, he pointed out. he said.'
    >>> fixed(separate_glued_sentences, 'Lavrov said."Our friends agree," he said.Really?Yes!')
    'Lavrov said. "Our friends agree," he said. Really? Yes!'

    After an abbreviation or an initial it applies exactly where ``split-sentences`` ends a
    sentence (both read the same lists): before a usual sentence opener, not before a name.

    >>> fixed(separate_glued_sentences, "Acme Inc.The firm hired Pvt.Jones and Acme Inc.Smith.")
    'Acme Inc. The firm hired Pvt.Jones and Acme Inc.Smith.'

    It does not apply to numbers, web and e-mail addresses, ellipses, or a closing quote
    followed by a lower-case word:

    >>> unchanged = "U.S. and e.g. Ph.D. J.R.R. Tolkien, Mr.Smith 3.5 at 10.30 v2.1.3 wait...What"
    >>> fixed(separate_glued_sentences, unchanged) == unchanged
    True
    >>> unchanged = "see tass.com, www.un.org/en, press@kremlin.ru and ASP.NET; What?!"
    >>> fixed(separate_glued_sentences, unchanged) == unchanged
    True

    A transcript's mark after a sentence's end, glued to the next sentence, gets its space too:

    >>> fixed(separate_glued_sentences, "We have a plan. [applause]And we win. Why? [crosstalk]Let")
    'We have a plan. [applause] And we win. Why? [crosstalk] Let'

    Curly quotes are judged as the straight ones they stand for, so that the quote rules, which
    run later, cannot change the verdict (``„Gut.“Dann`` reads as ``"Gut."Dann``):

    >>> fixed(separate_glued_sentences, "Er sagte „Gut.“Dann ging er.")
    'Er sagte „Gut.“ Dann ging er.'
    """
    spaced = _as_straight(text)
    inserted: list[int] = []  # offsets in ``text`` before which a space goes, in order
    while True:  # a split can change how the rest of a token reads: re-check
        gaps, rejected = _gaps(spaced)
        inserted = sorted(inserted + _offsets_before(gaps, inserted))
        if not (gaps and rejected):
            break  # the spaces leave no candidate but those rejected (see _gaps): none to judge
        del spaced  # (a long text: one copy fewer while the next is made)
        bounds = zip([0, *inserted], [*inserted, len(text)], strict=True)
        spaced = " ".join(_as_straight(text[start:end]) for start, end in bounds)
    if "]" in text:  # (few texts hold a bracket)
        inserted = sorted({*inserted, *(m.end() for m in _MARK_GLUED_TO_CAPITAL.finditer(text))})
    return [Change(i, i, " ") for i in inserted]


# A transcript's mark after a sentence's end, glued to the capital of the next sentence ("a
# plan. [applause]And we", "Why? [crosstalk]Let me"). Only the marks a transcript uses: a
# lower-case bracket may also begin a name, a formula or code ("[bmim]Cl", "[ui]Lab",
# "[quote]Great", "[database]Host").
_MARK_GLUED_TO_CAPITAL = lazyre.compile(
    r"(?<=[.!?])[\"'”’]?[ \t]+\[(?:applause|laughter|laughs|laughing|crosstalk|cross talk"
    r"|inaudible|unintelligible|pause|pauses|cheers|cheering|booing|boos|music|silence|sighs"
    r"|chuckles)\](?=[\"“‘]?[A-Z])"
)


def _as_straight(text: str) -> str:
    """``text`` with its curly quotes straightened; most texts hold none, and looking for one
    (none at all in ASCII) costs a fraction of a translation.

    >>> _as_straight("„Gut.“ Dann"), _as_straight("plain")
    ('"Gut." Dann', 'plain')
    """
    if text.isascii() or not _CURLY_QUOTE.search(text):
        return text
    return text.translate(_AS_STRAIGHT)


def _gaps(text: str) -> tuple[list[int], int]:
    """Offsets where a space is missing between two sentences, and how many candidates are
    no such place.

    A space inserted at a gap (after the closing marks, or before the last closing quote) ends
    the candidate there and makes none: a candidate holds no space, and no space it does not
    hold decides whether it matches. So once spaces go into the gaps, only the candidates
    rejected here are left to judge again (a split may change how they read).

    >>> _gaps("He left.Then U.S.troops came.")
    ([8], 2)
    """
    cuts = SentenceCuts(text)
    quotes = QuotationState(text)
    gaps: list[int] = []
    rejected = 0
    for match in _CANDIDATE.finditer(text):
        gap = _gap_position(text, match, cuts, quotes)
        if gap is None:
            rejected += 1
        else:
            gaps.append(gap)
    return gaps, rejected


class SentenceCuts:
    """The offsets where ``split-sentences`` cuts ``text`` (as :func:`iter_sentence_spans` does:
    after each sentence end, and where a blank line or a list item starts a sentence), worked
    out only where asked: from the last such start before the place asked about (a paragraph's
    start, in most texts) to that place. Most texts are never asked.

    >>> cuts = SentenceCuts("Acme Inc.The firm hired Pvt.Jones.")
    >>> cuts.any_within(8, 9), cuts.any_within(26, 27)
    (True, False)
    """

    __slots__ = ("_decisions", "_ends", "_label_periods", "_read", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._decisions: Iterator[tuple[int, int, bool, str]] | None = None
        self._starts: list[int] = []  # where a blank line or a list item starts a sentence
        self._label_periods: set[int] = set()
        self._ends: list[int] = []  # where the sentences read so far end
        self._read = -1  # where the marks of the last decision read start

    def any_within(self, after: int, upto: int) -> bool:
        """Whether a cut falls at ``after + 1`` to ``upto``."""
        if self._decisions is None:
            self._starts, self._label_periods = structural_starts(self.text)
        i = bisect_left(self._starts, after + 1)
        if i and self._starts[i - 1] > self._read or self._decisions is None:
            pos = self._starts[i - 1] if i else 0  # no decision after it depends on one before
            self._decisions = iter_decisions(
                self.text, lexicon(), self._starts, self._label_periods, pos
            )
            self._ends, self._read = [], pos - 1
        # decisions come in the order of their start, and none ends before it starts
        while self._read <= upto:
            start, end, verdict, _ = next(self._decisions, (len(self.text) + 1, 0, False, ""))
            self._read = start
            if verdict:
                self._ends.append(end)
        starts_within = i < len(self._starts) and self._starts[i] <= upto
        j = bisect_right(self._ends, after)  # ends are read in order: the first one after it
        return starts_within or j < len(self._ends) and self._ends[j] <= upto


def _splitter_ends_sentence(cuts: SentenceCuts, match: re.Match[str]) -> bool:
    """Whether ``split-sentences`` ends a sentence after the stop, within the closing marks:
    whether it cuts there (the stop is no white space, nor what follows the match, so a
    sentence ends within the match exactly where a cut does)."""
    return cuts.any_within(match.start(), match.end())


def _offsets_before(gaps: list[int], inserted: list[int]) -> list[int]:
    """The offsets in the text of ``gaps`` found in the text with spaces already inserted
    before the ``inserted`` offsets (the space before offset ``t`` is the ``j``-th inserted
    one, at ``t + j`` in the spaced text).

    >>> _offsets_before([1, 5], [2])  # in "a. B.C" (from "a.B.C"), before "." and "C"
    [1, 4]
    """
    offsets, j = [], 0
    for gap in gaps:
        while j < len(inserted) and inserted[j] + j < gap:
            j += 1
        offsets.append(gap - j)
    return offsets


def _gap_position(
    text: str,
    match: re.Match[str],
    cuts: SentenceCuts,
    quotes: QuotationState,
) -> int | None:
    """Where the missing space goes for this candidate, or None when it is no boundary.

    ``cuts`` gives where ``split-sentences`` cuts ``text`` into sentences: it alone decides
    after an abbreviation. A straight quote glued on both sides goes with the sentence before
    when it closes a quotation open in the paragraph (``quotes``, read as ``split-sentences``
    reads them), with the sentence after otherwise:

    >>> fixed(separate_glued_sentences, 'He urged "restraint."Police said."It is over."')
    'He urged "restraint." Police said. "It is over."'

    A quotation may open with a bracketed alteration, which starts the sentence as a capital
    does:

    >>> fixed(separate_glued_sentences, 'It ended."[This] is over," he said.')
    'It ended. "[This] is over," he said.'

    A bracketed lower-case mark after the stop opens a sentence where ``split-sentences`` says
    so (a capital after it):

    >>> fixed(separate_glued_sentences, "It changed.[crosstalk] Let me finish.[sic] and more")
    'It changed. [crosstalk] Let me finish.[sic] and more'

    So does an aside in parentheses (``Inc.(NYSE: X)`` continues):

    >>> fixed(separate_glued_sentences, "He had depression.(He is well.) Acme Inc.(NYSE: A) rose.")
    'He had depression. (He is well.) Acme Inc.(NYSE: A) rose.'

    A sentence may start with a digit, where ``split-sentences`` says so:

    >>> fixed(separate_glued_sentences, "The ban took effect.5 million use it, see fig.3 here.")
    'The ban took effect. 5 million use it, see fig.3 here.'
    """
    stop, close = match["stop"], match["close"]
    if ".." in stop or match.start() == 0:
        return None
    left = _word_before(text, match.start())
    opening = text[match.end()] in '"“‘'
    right_start = match.end() + opening
    if text[right_start].isdigit():
        return match.end() if _splitter_ends_sentence(cuts, match) else None
    bracket = text[right_start] if text[right_start] in "[(" else ""
    right_start += bool(bracket)  # '"[This] is', "(He was": the word in the bracket
    right = _WORD.match(text, right_start).group()
    right_end = right_start + len(right)
    if bracket == "(" and stop != ".":
        return None  # '"...forever."?(Reporting': a character lost, most likely
    if bracket == "(" or bracket and right[0].islower():
        if inside_web_address(text, match.start()) or not _splitter_ends_sentence(cuts, match):
            return None  # "[crosstalk] Let" opens a sentence, "[sic] and" does not
    elif stop == "." and is_abbreviation(word_before_period(text, match.start())):
        if not _splitter_ends_sentence(cuts, match):
            return None
    elif (
        stop == "."
        and not text[match.start() - 1].isspace()  # after a space, the stop ends no initial
        and len(right) == 1
        and text[right_end : right_end + 1] == "."
    ):
        if not _splitter_ends_sentence(cuts, match):
            return None  # one more initial follows: Ph.D. (but election.U.S. ends a sentence)
    elif inside_web_address(text, match.start()):
        return None
    elif right[0].islower():
        if close or opening or not _starts_lower_case_sentence(left, right, text, right_end):
            return None
    elif len(left) > 1 and left.isupper() and len(right) > 1 and right.isupper():
        return None  # a name such as ASP.NET
    if close[-1:] in ("'", '"') and not quotes.closes(match.end() - 1):
        return match.end() - 1
    return match.end()


def _word_before(text: str, end: int) -> str:
    """The letters and digits that end ``text[:end]`` (within its last 40 characters); spaces
    between them and ``end`` do not count (a later rule removes them). Read backwards: a
    pattern anchored at ``end`` would be tried at every place of the window.

    >>> _word_before("He left Idlib  .", 15), _word_before("a 3-2.", 5), _word_before(".", 0)
    ('Idlib', '2', '')
    """
    window = text[max(0, end - 40) : end].rstrip(" ")
    return _LEADING_WORD.match(window[::-1]).group()[::-1]


def _starts_lower_case_sentence(left: str, right: str, text: str, right_end: int) -> bool:
    """A lower-case word starts a sentence only after a full word, and only if it reads as prose."""
    return (
        len(left) > 1
        and left.isalpha()
        and len(right) > 1
        and not is_web_ending(right)
        and not _NOT_PROSE_AFTER.match(text, right_end)
    )
