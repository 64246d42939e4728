"""Split English news text into sentences with exact character offsets.

The regex engine finds every candidate end (a run of ``.``, ``?``, ``!`` or ``…``, or of the CJK
``。！？``, with any closing quotes and brackets glued to it); Python then looks only at those
few places and asks a short, ordered list of named rules whether the sentence ends there. The
first rule with an opinion decides (see :func:`explain_boundaries`). Blank lines, bullets and
numbered list items also start sentences. The only state carried from one candidate to the next
is which quotations are open in the current paragraph (it tells whether a straight quote glued
between two sentences closes the first or opens the second); it starts afresh at every line, so
one unbalanced quote cannot derail the rest of a document.

>>> [s.text for s in split_sentences('Lavrov met Muallem."It is late," he said.Dr. Li left.')]
['Lavrov met Muallem.', '"It is late," he said.', 'Dr. Li left.']
>>> split_sentences("It rose 2.5%. Then it fell.")[1]
Sentence(start=14, end=27, text='Then it fell.')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from newstool import lazyre
from newstool.datafiles import DATA, data_text, data_words
from newstool.model import Document, Edit, Sentence

_CLOSERS = "\"'”’»)]}"
_CLOSING_QUOTES = "\"'”’»"
_OPENERS = "\"'“‘«([{"
_CURRENCY = "$£€¥"
_BULLETS = "•●▪◦‣⁃"

# A candidate end: a spaced ellipsis (". . .") or a run of terminal marks, then closers; never
# glued to a digit, which makes it part of a number (2.5, 10.30, v1.2.3), unless the marks are
# CJK ones (。！？), which no number holds, or a lone period after three lower-case letters
# ("took effect.5 million": no number has letters before its point). The leading lookahead
# changes no match: it lets the engine skip quickly to the next mark.
_CJK_MARKS = "。！？"
_CANDIDATE = lazyre.compile(
    r"(?=[.?!…‽。！？])((?<!\S)\.(?:[ \u00a0]\.){2,}|[.?!…‽。！？]++)([\"'”’»)\]}」』]*+)"
    r"(?:(?!\d)|(?<=[。！？」』])|(?<=[^\W\d_A-Z]{3}\.)(?<!\.\.))"
)
# What follows a candidate: white space, opening punctuation, a word, and the next character.
_FOLLOWING = lazyre.compile(r"(\s*)([\"'“‘«(\[{]*)([^\W_]*)(.?)", re.DOTALL)
_BLANK_LINE = lazyre.compile(r"\n[ \t\u00a0]*\n")
# Bullets: a dash or star opening a line, or a bullet sign anywhere (two patterns, as each alone
# is scanned much faster than their alternation).
_DASH_ITEM = lazyre.compile(r"\n[ \t]*[-*–](?=[ \t])")
_BULLET = lazyre.compile(f"[{_BULLETS}]")
# A list label where an item may start: after a space or a bullet (the pattern starts with
# one, so that the regex engine skips to them), or at the start of the text.
_LABEL = (
    r"(?P<item>\((?P<paren>\d{1,2}|[a-z])\)|(?P<label>\d{1,2}|[A-Za-z])(?P<close>\.\)|[.)]))"
    r"(?=[ \t]+\S)"
)
_LIST_MARKER = lazyre.compile(r"[\s•●▪◦‣⁃]" + _LABEL)
_LIST_MARKER_AT_START = lazyre.compile(_LABEL)
# Where such a label closes: a period or a bracket after its one or two characters (or one or
# two in brackets), after a space or a bullet. The engine skips to periods and brackets far
# faster than it tries the label at every space, so these are looked for first.
_LABEL_CLOSE = lazyre.compile(
    r"[.)](?:(?<=[\s•●▪◦‣⁃][\dA-Za-z].)|(?<=[\s•●▪◦‣⁃]\d\d.)"
    r"|(?<=[\s•●▪◦‣⁃]\([\da-z].)|(?<=[\s•●▪◦‣⁃]\(\d\d.))"
)
# A number label glued to the end of the item before it, where a scraper lost the line break
# ("named by 31%.2. Abortion", "over last year.2. Funding", "by 2027.2. Europe"), or to the
# colon that opens the list ("three priorities:1. Jobs"): after an end mark or a colon that
# follows a word, a sign, a closing mark or a year, never another number or a period ("rose
# 1.2. Then", "wait...2. Go", "won 2:1. Then"). (The digit after the mark is looked for first:
# most end marks are followed by none, and are passed at once.)
_GLUED_LIST_MARKER = lazyre.compile(
    r"[.?!:](?=\d)(?:(?<=[^\s\d.].)|(?<=(?<![\d.])\d{4}.))" + _LABEL
)
# An end mark and any closing quotes or brackets after it, inside a token: a glued sentence end.
_GLUED_END = lazyre.compile(r"[.?!…‽][\"'”’»)\]}]*")
_INITIALISM = lazyre.compile(r"(?:[A-Z]\.){2,}")
_INITIALS = lazyre.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_SPACED_ELLIPSIS_THEN = lazyre.compile(r"(?:\s*\.){3,}\s*[\"'“‘(\[]*(.?)")
_BRACKETED_THEN_END = lazyre.compile(r"\s*\([^()]{1,60}\)[.?!]")
_URL_OR_EMAIL = lazyre.compile(r"^[\"'(<]*(?:www|https?|ftp)\b|://|@", re.IGNORECASE)
_WORD_FILE_ENTRY = lazyre.compile(r"[^\W\d_][\w.'&°-]*")


# --- word lists ---------------------------------------------------------------------------------


def load_abbreviations(path: str | Path) -> frozenset[str]:
    """Read a word list: one word per line, ``#`` starts a comment, a trailing period is optional.

    Raises ValueError naming the file and line when the file is not UTF-8 text or a line holds
    more than one word (OSError when it cannot be read at all).

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    ...     _ = f.write("# mine\\nApprox.\\nkm  # kilometres\\n\\n")
    >>> sorted(load_abbreviations(f.name))
    ['Approx', 'km']
    >>> os.unlink(f.name)
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not a UTF-8 text file; expected one word per line") from None
    words = set()
    for number, line in enumerate(lines, 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if not _WORD_FILE_ENTRY.fullmatch(entry):
            raise ValueError(
                f"{path}:{number}: {entry!r} is not a single word; "
                "write one abbreviation per line (a '#' starts a comment)"
            )
        words.add(entry.rstrip("."))
    return frozenset(words)


def is_listed(word: str, words: frozenset[str]) -> bool:
    """Whether ``word`` is in a word list: lower-case entries match any case, others exactly.

    >>> words = frozenset({"co", "Sat"})
    >>> is_listed("CO", words), is_listed("Sat", words), is_listed("sat", words)
    (True, True, False)
    """
    return word in words or word.lower() in words


@dataclass(frozen=True)
class Lexicon:
    """The word lists the rules consult (see the files in ``newstool/data/``).

    ``kinds`` maps each abbreviation, as written in its list, to ``prefix`` (a title before a
    name), ``final`` (often ends a sentence), ``company`` (a company suffix), ``number`` (only
    before a number), ``place`` (a state, which ends a sentence after a place and a comma) or
    ``general``.
    """

    kinds: dict[str, str]
    starters: frozenset[str]
    calendar: frozenset[str]
    titles: frozenset[str]
    speech_verbs: frozenset[str]
    roles: frozenset[str]  # lower case: a role before a name ("senator", "minister")


def _kinds(lists: dict[str, frozenset[str]]) -> dict[str, str]:
    """One table from several lists; a word in two lists keeps the kind listed last."""
    return {word: kind for kind, words in lists.items() for word in words}


@cache
def lexicon(extra: frozenset[str] | None = None) -> Lexicon:
    """The built-in word lists, loaded once on first use, plus ``extra`` general abbreviations.

    The one source of abbreviations: ``clean``'s rules read them here too (see
    ``newstool/clean/words.py``), so both stages agree on every abbreviation.

    >>> lexicon().kinds["corp"], lexicon(frozenset({"xyz"})).kinds["xyz"]
    ('company', 'general')
    """
    if extra:
        base = lexicon()
        return replace(base, kinds={**_kinds({"general": extra}), **base.kinds})
    return Lexicon(
        kinds=_kinds(
            {
                "general": load_abbreviations(DATA / "abbreviations.txt"),
                "final": load_abbreviations(DATA / "abbreviations_final.txt"),
                "prefix": load_abbreviations(DATA / "abbreviations_prefix.txt"),
                "company": load_abbreviations(DATA / "abbreviations_company.txt"),
                "number": load_abbreviations(DATA / "abbreviations_number.txt"),
                "place": load_abbreviations(DATA / "abbreviations_place.txt"),
            }
        ),
        starters=load_abbreviations(DATA / "sentence_starters.txt"),
        calendar=load_abbreviations(DATA / "calendar_words.txt"),
        titles=load_abbreviations(DATA / "company_titles.txt"),
        speech_verbs=frozenset(form for form in quote_cue_forms() if " " not in form),
        roles=frozenset(
            word.rstrip(".").lower()
            for line in data_words("speaker_titles.txt")
            for word in line.split("#")[0].split()
        ),
    )


@cache
def quote_cue_forms() -> frozenset[str]:
    """Every form of the verbs that attribute a quotation (``newstool/data/quote_cues.txt``,
    one verb's forms a line): a word (``said``), or a phrase of a verb and its particle, whose
    line pairs them (``pointed out points out ...``). The quotes stage finds cues by them; the
    splitter knows a speaker tag by the one-word ones.

    >>> {"said", "asked", "pointed out"} <= quote_cue_forms(), "out" in quote_cue_forms()
    (True, False)
    """
    forms: set[str] = set()
    for line in data_text("quote_cues.txt").splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) % 2 == 0 and words and words[1] in ("out", "on", "up"):
            forms.update(" ".join(words[i : i + 2]) for i in range(0, len(words), 2))
        else:
            forms.update(words)
    return frozenset(forms)


def abbreviation_kind(word: str, lex: Lexicon) -> str | None:
    """How a period after ``word`` behaves: ``prefix``, ``final``, ``company``, ``number``,
    ``place``, ``general`` or None (a word).

    Lower-case list entries match in any case, others exactly (see :func:`is_listed`). Single
    letters and letter-dot chains (``U.S``, ``J.K``) are general abbreviations.

    >>> lex = lexicon()
    >>> [abbreviation_kind(w, lex) for w in ("Mr", "p.m", "U.S.A", "J", "CO", "sat", "said")]
    ['prefix', 'final', 'general', 'general', 'general', None, None]
    """
    kind = lex.kinds.get(word) or lex.kinds.get(word.lower())
    if kind:
        return kind
    if (len(word) == 1 and word.isalpha()) or ("." in word and _INITIALS.fullmatch(word)):
        return "general"
    return None


def previous_word(token: str, lex: Lexicon) -> str:
    """The word a period ends, from the non-space ``token`` before it.

    Leading quotes and brackets go, and so does a glued earlier sentence, with its closing
    quotes (``said.Dr``, ``timing."Gov``, ``election.U.S``), unless the whole token is an
    abbreviation (``U.S``, ``Ph.D``): what is left is the longest abbreviation after an end
    mark, or else the word after the last one.

    >>> lex = lexicon()
    >>> previous_word('"(U.S', lex), previous_word("said.Dr", lex), previous_word("Ph.D", lex)
    ('U.S', 'Dr', 'Ph.D')
    >>> previous_word('timing."Gov', lex), previous_word("election.U.S", lex)
    ('Gov', 'U.S')

    A hyphenated word ends in the abbreviation after its last hyphen when that is a listed one
    (``ex-Sen``, ``R-Kan``) or one capital after another (``D-W`` of ``D-W.Va.``), not a word
    that merely ends in a letter (``Jay-Z``):

    >>> [previous_word(t, lex) for t in ("(R-Kan", "ex-Sen", "(D-W", "Jay-Z", "long-term")]
    ['Kan', 'Sen', 'W', 'Jay-Z', 'long-term']
    """
    word = token.lstrip(_OPENERS)
    if not _GLUED_END.search(word) or abbreviation_kind(word, lex) is not None:
        return _abbreviation_after_hyphen(word, lex)
    rest = word
    for m in _GLUED_END.finditer(word):
        rest = word[m.end() :].lstrip(_OPENERS)
        if rest and abbreviation_kind(rest, lex) is not None:
            return rest
    return _abbreviation_after_hyphen(rest, lex)


def _abbreviation_after_hyphen(word: str, lex: Lexicon) -> str:
    """The abbreviation after the last hyphen of ``word`` (see :func:`previous_word`), or the
    word itself."""
    if "-" not in word or abbreviation_kind(word, lex) is not None:
        return word
    before, last = word.rsplit("-", 1)
    listed = last in lex.kinds or last.lower() in lex.kinds
    capitals = len(last) == 1 and last.isupper() and len(before) == 1 and before.isupper()
    return last if listed or capitals else word


# --- quotations ----------------------------------------------------------------------------------

_QUOTE_MARK = lazyre.compile(r"[\"'“”„«»‘’‚‹›]")
# What follows the apostrophe of a contraction (a straight double quote there is a damaged one).
_CONTRACTION = lazyre.compile(r"(?:t|s|re|ve|ll|d|m)(?![^\W_])")
_DOUBLE = '"“”„«»'
_OPENING = "“„«‘‚‹"
_CLOSING = "”»’›"
# What may stand before an opening quote or after a closing one, besides white space.
_BEFORE_OPENING = "([{/–—-"
_AFTER_CLOSING = ".,;:!?)]}/–—-"


def quote_direction(text: str, index: int) -> str | None:
    r"""How the quote mark at ``text[index]`` reads from its neighbours: ``open``, ``close``,
    ``either`` (a straight quote glued on both sides, or spaced on both), or None (an
    apostrophe). Curly marks say their own direction; ``“`` may close a ``„`` (see
    :class:`QuotationState`).

    >>> text = 'He said "no," then "yes."And Ali\'s \'90s, didn"t'
    >>> [quote_direction(text, i) for i in (8, 12, 19, 25, 32, 35, 45)]
    ['open', 'close', 'open', 'either', None, None, None]
    """
    mark = text[index]
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if mark in "'’" and (before.isalnum() and after.isalnum() or after.isdigit()):
        return None  # don't, Russia's, O’Brien, '90s
    if mark == '"' and before.isalpha() and _CONTRACTION.match(text, index + 1):
        return None  # didn"t: a damaged apostrophe
    if mark in _OPENING:
        return "open"
    if mark in _CLOSING:
        return "close"
    opens = before.isspace() or before in _BEFORE_OPENING
    closes = after.isspace() or after in _AFTER_CLOSING
    if opens != closes:
        return "open" if opens else "close"
    return "either"


def quote_effect(text: str, index: int, opened: str | None) -> str | None:
    """What the quote mark at ``text[index]`` does when ``opened`` (a mark of its kind, double
    or single) has opened a quotation, or None has: ``open``, ``close`` or None (an apostrophe).

    A mark that could be either does the opposite of the next mark of its kind on the line when
    that one says its direction: it closes before an opening (``sleep."Now ... "Every``), and
    opens before a closing (``to him."I feel ... lost."``: the scraper glued two paragraphs of
    one quotation). Otherwise it closes an open quotation and opens one. ``“`` closes a
    quotation that ``„`` opened.

    >>> [quote_effect('said."It is', 5, opened) for opened in (None, '"')]
    ['open', 'close']
    >>> quote_effect('him."I feel lost."', 4, '"'), quote_effect('late."Now "it is', 5, None)
    ('open', 'close')
    """
    mark = text[index]
    direction = quote_direction(text, index)
    if direction == "either":
        following = _next_direction(text, index, _DOUBLE_OR_LINE if mark in _DOUBLE else _SINGLE)
        if following in ("open", "close"):
            return "close" if following == "open" else "open"
    if direction == "either" or (mark in "“‘" and opened in ("„", "‚")):
        return "close" if opened else "open"
    return direction


_DOUBLE_OR_LINE = lazyre.compile(r"[\"“”„«»\n]")
_SINGLE = lazyre.compile(r"['‘’‚‹›\n]")
_LOOK_AHEAD = 4  # marks without a direction (apostrophes) passed over, at most


def _next_direction(text: str, index: int, marks: re.Pattern[str]) -> str | None:
    """The direction of the next quote mark after ``index`` on its line that has one (of the
    kind ``marks`` finds), or None."""
    for _ in range(_LOOK_AHEAD):
        m = marks.search(text, index + 1)
        if m is None or m.group() == "\n":
            return None
        index = m.start()
        direction = quote_direction(text, index)
        if direction is not None:
            return direction
    return None


class QuotationState:
    r"""Which quotations are open at a place in ``text``, read from the start of its line.

    Double and single marks are tracked apart, each mark doing what :func:`quote_effect` says.
    Nothing carries from one line (a paragraph, in a document) to the next. Asked at places
    that do not go backwards, it reads each mark once.

    >>> text = 'He said "we left."Then she spoke.\nThey asked."Why?"\nwe slept."Now "it is'
    >>> quotes = QuotationState(text)
    >>> [quotes.closes(i) for i in (17, 45, 50, 61)]
    [True, False, True, True]
    """

    __slots__ = ("_open", "_pos", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._pos = 0
        self._open: dict[bool, str] = {}  # double marks or not -> the mark that opened

    def closes(self, index: int) -> bool:
        """Whether the quote mark at ``text[index]`` closes a quotation."""
        self._read_to(index)
        opened = self._open.get(self.text[index] in _DOUBLE)
        return quote_effect(self.text, index, opened) == "close"

    def _read_to(self, index: int) -> None:
        text = self.text
        if index < self._pos:
            self._pos, self._open = 0, {}
        line_break = text.rfind("\n", self._pos, index)
        if line_break != -1:
            self._pos, self._open = line_break + 1, {}
        for m in _QUOTE_MARK.finditer(text, self._pos, index):
            double = m.group() in _DOUBLE
            effect = quote_effect(text, m.start(), self._open.get(double))
            if effect == "open":
                self._open[double] = m.group()
            elif effect == "close":
                self._open.pop(double, None)
        self._pos = index


# --- candidates and rules -----------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    """A possible sentence end and the context the rules look at."""

    text: str
    start: int  # the first terminal mark
    end: int  # after the marks and the closers glued to them
    marks: str  # ".", "?!", "...", ". . ."
    closers: str  # closing quotes and brackets after the marks
    token: str  # the non-space run before the marks, as written
    prev: str  # the word the marks end (see previous_word)
    kind: str | None  # abbreviation_kind(prev)
    gap: str  # white space after the candidate
    opener: str  # opening quotes and brackets after the gap
    word: str  # the next word (letters and digits)
    after: str  # the character after that word
    sentence_start: int  # where the current sentence starts

    def sentence_so_far(self) -> str:
        """The current sentence up to the candidate."""
        return self.text[self.sentence_start : self.start]


def no_sentence_to_end(c: Candidate, lex: Lexicon) -> bool | None:
    """Marks with nothing before them in the sentence end nothing: ``... and then``.

    >>> [s.text for s in split_sentences("... The end.")]
    ['... The end.']
    """
    return None if c.token or c.sentence_so_far().strip() else False


def cjk_sentence_mark(c: Candidate, lex: Lexicon) -> bool | None:
    """A CJK full stop, exclamation or question mark (``。！？``) ends a sentence, with or
    without a space after it (CJK text puts none).

    >>> [s.text for s in split_sentences("今天天气很好。我们去公园散步！2024年呢？是的。")]
    ['今天天气很好。', '我们去公园散步！', '2024年呢？', '是的。']
    """
    return True if any(mark in _CJK_MARKS for mark in c.marks) else None


def inside_web_address(c: Candidate, lex: Lexicon) -> bool | None:
    """A period glued inside a URL or an e-mail address is not an end.

    >>> [s.text for s in split_sentences("Write to Jane.Doe@Example.org. Or see www.Example.com.")]
    ['Write to Jane.Doe@Example.org.', 'Or see www.Example.com.']
    """
    if c.gap or c.opener:
        return None
    return False if c.after in ("@", "/") or _URL_OR_EMAIL.search(c.token) else None


# A wire dateline in the style of TASS: a place in capitals, a comma, the date, a full stop and
# the agency between slashes ("MOSCOW, December 3. /TASS/."), the sentence following at once.
_WIRE_DATE = (
    r"\s*(?-i:[A-Z][A-Z.'’ -]*[A-Z]), (?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May"
    r"|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.? \d{1,2}"
)
_WIRE_AGENCY = r"/(?-i:[A-Z][\w-]*)/"
_WIRE_DATE_SO_FAR = lazyre.compile(_WIRE_DATE)
_WIRE_DATELINE_SO_FAR = lazyre.compile(rf"{_WIRE_DATE}\.? {_WIRE_AGENCY}")
_WIRE_AGENCY_NEXT = lazyre.compile(rf"[ \t]+{_WIRE_AGENCY}\.")


def wire_dateline_continues(c: Candidate, lex: Lexicon) -> bool | None:
    """The full stops of a wire dateline end no sentence: after its date, when the agency
    between slashes follows, and after the agency; the dateline opens the first sentence.

    >>> [s.text for s in split_sentences("MOSCOW, December 3. /TASS/. Talks began. "
    ...                                  "He left on December 3. Talks ended.")]
    ['MOSCOW, December 3. /TASS/. Talks began.', 'He left on December 3.', 'Talks ended.']
    """
    if c.marks != "." or c.closers or c.start - c.sentence_start > _DATELINE_LENGTH:
        return None
    so_far = c.sentence_so_far()
    if _WIRE_DATE_SO_FAR.fullmatch(so_far):
        return False if _WIRE_AGENCY_NEXT.match(c.text, c.end) else None
    return False if _WIRE_DATELINE_SO_FAR.fullmatch(so_far) else None


def period_before_spaced_ellipsis(c: Candidate, lex: Lexicon) -> bool | None:
    """A period glued to a word, then a spaced ellipsis: the sentence ends at the period when a
    capital follows the ellipsis (``words. . . . The``), and goes on otherwise.

    >>> [s.text for s in split_sentences("It ended. . . . The rest was lost. . . .")]
    ['It ended.', '. . . The rest was lost. . . .']
    """
    if c.marks != "." or c.closers or not c.gap or c.word or c.after != ".":
        return None
    following = _SPACED_ELLIPSIS_THEN.match(c.text, c.end)
    return bool(following and following.group(1).isupper()) if following else None


def spaced_ellipsis_omits_words(c: Candidate, lex: Lexicon) -> bool | None:
    """Three spaced dots (``. . .``) mark words left out inside a sentence; a fourth ends it.

    >>> [s.text for s in split_sentences("He said . . . I stayed. It ended . . . . Then rain.")]
    ['He said . . . I stayed.', 'It ended . . . .', 'Then rain.']
    """
    return False if c.marks.count(".") == 3 and " " in c.marks else None


def list_label_starts_sentence(c: Candidate, lex: Lexicon) -> bool | None:
    """A number or a letter alone at the start of a sentence is a list label: ``1. Buy milk.``

    >>> [s.text for s in split_sentences("1. Buy milk.")]
    ['1. Buy milk.']
    """
    label = c.token.isdigit() and len(c.token) <= 2 or c.token.isalpha() and len(c.token) == 1
    return False if label and c.sentence_so_far().strip() == c.token else None


def lowercase_sentence_start(c: Candidate, lex: Lexicon) -> bool | None:
    """A full stop after a word, then a lower-case sentence opener, is an end: ``said.the``.

    Scraped text often loses the space and the capital. Only plain words before the period
    count (not ``e.g.``, ``p.m.``), only a bare period, and only words that open sentences.

    >>> [s.text for s in split_sentences("He pointed out.he said. The U.S. and it.")]
    ['He pointed out.', 'he said.', 'The U.S. and it.']
    """
    if c.marks != "." or c.closers or c.opener or c.kind or c.after == ".":
        return None
    plain_word = len(c.prev) >= 2 and c.prev.isalpha()
    return True if plain_word and c.word in lex.starters else None


_CAMEL_CASE = lazyre.compile(r"[a-z]+[A-Z][\w-]*")


def lowercase_brand_starts_sentence(c: Candidate, lex: Lexicon) -> bool | None:
    """A full stop after a word, then a name that keeps its lower-case start (``iPhone``,
    ``eBay``: a capital inside it), is an end; after an abbreviation it is not (``e.g. iPhone``).

    >>> [s.text for s in split_sentences("It was a hit.iPhone sales rose. Try e.g. eBay first.")]
    ['It was a hit.', 'iPhone sales rose.', 'Try e.g. eBay first.']

    So after a quotation that the period closes: ``"Look away."eBay said``.

    >>> [s.text for s in split_sentences('Kim said, "Look away."eBay said no.')]
    ['Kim said, "Look away."', 'eBay said no.']
    """
    if c.marks != "." or c.kind is not None or len(c.prev) < 2:
        return None
    if c.closers.strip(_CLOSING_QUOTES) or c.opener:
        return None
    return True if c.prev.isalpha() and _CAMEL_CASE.fullmatch(c.word) else None


def digit_glued_to_a_name(c: Candidate, lex: Lexicon) -> bool | None:
    """A digit glued after the period of a capitalised word is part of a name (``Kultur.21``,
    a show): only a lower-case word's period ends a sentence there (``took effect.5 million``).

    >>> [s.text for s in split_sentences('The show "Kultur.21" ran until the ban took effect.5 '
    ...                                  'million people watched.')]
    ['The show "Kultur.21" ran until the ban took effect.', '5 million people watched.']
    """
    if c.gap or c.opener or c.closers or not c.word[:1].isdigit():
        return None
    return None if c.prev.islower() else False


_BRACKET_THEN_CAPITAL = lazyre.compile(r"\[[^\[\]\n]{1,40}\][ \t\u00a0]+[\"'“‘]?[A-Z]")


def bracketed_mark_opens_sentence(c: Candidate, lex: Lexicon) -> bool | None:
    """An end mark after a word, then a lower-case mark in brackets and a capital: the mark
    (a transcript's ``[crosstalk]``, ``[laughter]``) opens the next sentence.

    >>> [s.text for s in split_sentences("It changed. [crosstalk] Let me finish.Why?[laughs] No.")]
    ['It changed.', '[crosstalk] Let me finish.', 'Why?', '[laughs] No.']

    After an abbreviation the mark stays in the sentence: ``the U.S. [sic] Government``.
    """
    if c.opener != "[" or not c.word[:1].islower() or c.marks in ("...", ". . ."):
        return None
    if "." in c.marks and c.kind is not None:
        return None
    return True if _BRACKET_THEN_CAPITAL.match(c.text, c.end + len(c.gap)) else None


def lowercase_continues(c: Candidate, lex: Lexicon) -> bool | None:
    """A lower-case word after the mark continues the sentence: ``"Why?" he asked``, ``etc. and``.

    >>> [s.text for s in split_sentences('"Why?" he asked. Pens, ink etc. and paper.')]
    ['"Why?" he asked.', 'Pens, ink etc. and paper.']
    """
    return False if c.word[:1].islower() else None


def orphan_comma_after_full_stop(c: Candidate, lex: Lexicon) -> bool | None:
    """A period after a plain lower-case word, glued to a comma, ends a sentence.

    Scrapers that drop a quotation leave ``said., fighting ...``: ``said`` is no abbreviation,
    so its period is a full stop and the comma opens a fragment. After an abbreviation the
    comma belongs to the sentence (``Inc., the``).

    >>> [s.text for s in split_sentences("Lavrov said., fighting on. Acme Inc., the firm, won.")]
    ['Lavrov said.', ', fighting on.', 'Acme Inc., the firm, won.']
    """
    if c.marks != "." or c.closers or c.gap or c.opener or c.word or c.after != ",":
        return None
    return True if c.kind is None and c.prev.isalpha() and c.prev.islower() else None


def punctuation_continues(c: Candidate, lex: Lexicon) -> bool | None:
    """A comma, semicolon, colon or closing mark after the candidate continues the sentence,
    and so does a full stop glued to its closing bracket or quote: the sentence ends there.

    >>> [s.text for s in split_sentences("Go now!, she said; ok?: fine. Ask Ann Li (R-Kan.).")]
    ['Go now!, she said; ok?: fine.', 'Ask Ann Li (R-Kan.).']
    """
    if c.word or not c.after:
        return None
    glued_end = c.closers and not c.gap and c.after == "."
    return False if c.after in ",;:" + _CLOSERS or glued_end else None


def bracketed_citation_before_end(c: Candidate, lex: Lexicon) -> bool | None:
    """A short bracketed group, then the final mark, belongs to the sentence before it:
    ``"... stairways." (Smith 55).``

    >>> [s.text for s in split_sentences('He wrote "we left..." (Li 2019). Then he stopped.')]
    ['He wrote "we left..." (Li 2019).', 'Then he stopped.']
    """
    return False if c.opener[:1] == "(" and _BRACKETED_THEN_END.match(c.text, c.end) else None


def speaker_tag_after_quoted_question(c: Candidate, lex: Lexicon) -> bool | None:
    """A question or an exclamation that closes a quotation, then who said it, is one sentence:
    a name and a speech verb (``"Why now?" Kavanaugh asked.``, ``"Stop!" Gov. Ann Li said,``)
    or the verb and a name (``"Why?" asked Sen. Ted Cruz.``). A capitalised sentence opener
    (``"Why?" The judge asked``) is no name, and the tag ends at its verb: words after it are
    a sentence of what was said (``"Why?" Mr Li said the vote was late.``) unless they say how,
    where or when it was said (``"Out!" Mr Li called out across the room.``).

    >>> text = '"Is that the one?" Kavanaugh asked. "No!" said Mayor Li. "Why?" The court sat.'
    >>> [s.text for s in split_sentences(text)]
    ['"Is that the one?" Kavanaugh asked.', '"No!" said Mayor Li.', '"Why?"', 'The court sat.']
    >>> [s.text for s in split_sentences('"And when?" Mr Li said the vote was late.')]
    ['"And when?"', 'Mr Li said the vote was late.']
    """
    question = "?" in c.marks or "!" in c.marks or "‽" in c.marks
    if not (question and c.gap and c.closers and c.closers[-1] in _CLOSING_QUOTES):
        return None
    words = _TAG_WORDS.findall(c.text, c.end + len(c.gap), c.end + len(c.gap) + 120)
    if not words or words[0].lower() in lex.starters:
        return None
    if words[0] in lex.speech_verbs:  # "asked Kavanaugh": a capitalised name follows
        return False if len(words) > 1 and words[1][:1].isupper() else None
    for i, word in enumerate(words[1:6], 1):
        if word == "." and abbreviation_kind(words[i - 1], lex) == "prefix":
            continue  # the period of a title: "Gov. Ann Li said"
        if word == ",":  # a name, then who they are: "Sen. Ann Li, D-Ore., asked"
            return _tag_after_apposition(words, i, lex)
        if word in lex.speech_verbs:
            return _tag_ends_at_verb(words, i)
        if not word[:1].isupper() and word not in lex.roles:  # "Greens senator Ann Li asked"
            return None
    return None


def _tag_ends_at_verb(words: list[str], verb: int) -> bool | None:
    """False (no sentence ends before the tag) when the speaker tag ends at its verb
    ``words[verb]``: nothing, a mark or words that say how it was said follow, or whom a
    question was put to (``asked reporters``: what was asked is the quotation).

    >>> [s.text for s in split_sentences('"Why?" Kavanaugh asked reporters. It ended.')]
    ['"Why?" Kavanaugh asked reporters.', 'It ended.']
    """
    following = words[verb + 1] if verb + 1 < len(words) else ""
    if (words[verb].lower(), following) in _NOT_SPEAKING:
        return None  # "Li called on Fox News to apologise": a sentence of its own
    asked = words[verb].lower() in _ASKING
    told = words[verb].lower() in _TELLING and _told_whom(words, verb + 1)
    return False if following in _TAG_ENDS or continues_tag(following) or asked or told else None


def _told_whom(words: list[str], start: int) -> bool:
    """Whether the words from ``start``, after *told*, name only whom it was told, then end
    the tag: a pronoun (``him``), a name or an outlet (``Sky News``), an audience (``the
    crowd``, ``reporters``, ``her colleagues``, ``the ABC's Insiders program``), perhaps with
    where or when (``at a rally in Philadelphia``). What was told is a sentence of its own
    (``Li told them it was over``, ``Li told the truth``).

    >>> [s.text for s in split_sentences('"Why?" Li told the crowd in Des Moines. "No?" Li told '
    ...  'them it was over.')]
    ['"Why?" Li told the crowd in Des Moines.', '"No?"', 'Li told them it was over.']
    """
    return any(_tag_ends_after(words, i) for i in _after_whom(words, start))


def _after_whom(words: list[str], start: int) -> Iterator[int]:
    """Where the words naming whom it was told may end, from ``start``: after a pronoun, and
    after a name or an audience (perhaps with a determiner: ``her colleagues``)."""
    if start < len(words) and words[start].lower() in _OBJECT_PRONOUNS:
        yield start + 1
    i = start + (start < len(words) and words[start].lower() in _DETERMINERS)
    named = i
    while i < len(words) and i - named < _OBJECT_WORDS and words[i][:1].isupper():
        i += 1
    if i < len(words) and words[i].lower() in _audiences():
        yield i + 1
    elif i > named:
        yield i


def _tag_ends_after(words: list[str], i: int) -> bool:
    """Whether the tag ends at word ``i``: a mark, or where or when it was said, then a mark."""
    if i < len(words) and words[i] in _PLACE_OR_TIME:
        tail = words[i + 1 : i + 1 + _OBJECT_WORDS + 2]
        ends = [j for j, word in enumerate(tail) if word in _TAG_ENDS]
        return bool(ends) and all(word[:1].isalpha() for word in tail[: ends[0]])
    return i < len(words) and words[i] in _TAG_ENDS


_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you"})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our"})
_PLACE_OR_TIME = frozenset({"in", "at", "on", "after", "during", "before", "outside", "from"})


@cache
def _audiences() -> frozenset[str]:
    return frozenset(data_words("audiences.txt"))


# A speech verb and a particle that together mean something else ("called on" is urged).
_NOT_SPEAKING = frozenset({("called", "on"), ("calls", "on"), ("call", "on")})
# Speech verbs whose object is the person asked, never what was said.
_ASKING = frozenset({"asked", "asks", "ask"})
# Speech verbs whose object is the person told, then perhaps what was told (see _told_whom).
_TELLING = frozenset({"told", "tells", "tell"})
_OBJECT_WORDS = 4  # words of a name ("Sky News Australia's Sunday") or of where or when


# How many words and marks an apposition after a speaker's name may hold ("D-Ore.", "a
# Democrat from Ohio").
_APPOSITION_TOKENS = 8


def _tag_after_apposition(words: list[str], comma: int, lex: Lexicon) -> bool | None:
    """The speaker tag goes on past an apposition between commas (``"Why?" Sen. Ann Li,
    D-Ore., asked.``, ``"Now?" Li, a Democrat, said.``) when a speech verb follows it.

    >>> [s.text for s in split_sentences('"Why now?" Sen. Ann Li, D-Ore., asked. It ended.')]
    ['"Why now?" Sen. Ann Li, D-Ore., asked.', 'It ended.']
    """
    end = min(comma + 1 + _APPOSITION_TOKENS, len(words))
    close = next((j for j in range(comma + 1, end) if words[j] == ","), None)
    if close is None or close + 1 >= len(words) or words[close + 1] not in lex.speech_verbs:
        return None
    return _tag_ends_at_verb(words, close + 1)


# What ends a speaker tag right after its verb ("Li asked." "Li said, adding"): a word there
# starts what was said ("Mr Li said the vote ...": a sentence of its own), unless it
# continues the tag (see continues_tag).
_TAG_ENDS = frozenset({"", ",", ".", ";", ":", "!", "?"})
# Words after a speech verb that say how, where or when it was said, not what: particles,
# prepositions and conjunctions ("Li called out across the room", "Li said as he left").
_TAG_GOES_ON = frozenset({
    "out", "back", "up", "down", "across", "over", "from", "at", "in", "on", "to", "into",
    "outside", "inside", "during", "before", "after", "as", "while", "when", "with", "without",
    "through", "again", "later",
})  # fmt: skip


def continues_tag(word: str) -> bool:
    """Whether ``word``, right after a speaker tag's verb, belongs to the tag: a particle, a
    preposition or conjunction of :data:`_TAG_GOES_ON`, or a lower-case adverb in -ly.

    >>> [continues_tag(w) for w in ("out", "as", "angrily", "the", "Italy", "that")]
    [True, True, True, False, False, False]
    """
    return word in _TAG_GOES_ON or word.islower() and word.endswith("ly") and len(word) > 4


# The words of a speaker tag, in order, and its punctuation marks, so that its end ("asked."
# or "said,") shows.
_TAG_WORDS = lazyre.compile(r"[^\W\d_][\w'’-]*|[,.;:!?]")


def question_or_exclamation(c: Candidate, lex: Lexicon) -> bool | None:
    """``?``, ``!`` and ``?!`` end a sentence before anything but lower case (handled earlier).

    >>> [s.text for s in split_sentences("Really?! Yes. Why? (No idea.)")]
    ['Really?!', 'Yes.', 'Why?', '(No idea.)']
    """
    return True if "?" in c.marks or "!" in c.marks or "‽" in c.marks else None


def ellipsis_before_capital(c: Candidate, lex: Lexicon) -> bool | None:
    """An unspaced ellipsis (``...``, ``…``) before a capital, a digit or a quote ends a sentence.

    >>> [s.text for s in split_sentences("We waited… Nothing came... and then it did.")]
    ['We waited…', 'Nothing came... and then it did.']
    """
    return True if "…" in c.marks or c.marks.count(".") > 1 else None


def capital_acronym_with_dot(c: Candidate, lex: Lexicon) -> bool | None:
    """Two capital acronyms glued by a period are one name: ``ASP.NET``.

    >>> [s.text for s in split_sentences("It runs on ASP.NET and Java.")]
    ['It runs on ASP.NET and Java.']

    A number is no acronym: ``to A$122,000.NSW Teachers`` ends a sentence.
    """
    glued = not (c.gap or c.opener or c.closers)
    letters = len(c.prev) > 1 and c.prev.isalpha() and c.prev.isupper()
    acronyms = letters and len(c.word) > 1 and c.word.isupper()
    return False if glued and acronyms else None


def initialism_after_glued_word(c: Candidate, lex: Lexicon) -> bool | None:
    """A full stop glued between a word and an initialism of capitals ends the sentence:
    ``the election.U.S. officials``, ``for help.E.U. nations`` (not ``Ph.D.``, ``B.Sc.``).

    >>> [s.text for s in split_sentences("It was the election.U.S. agencies and a Ph.D. agree.")]
    ['It was the election.', 'U.S. agencies and a Ph.D. agree.']
    """
    if c.marks != "." or c.closers or c.gap or c.opener or c.kind is not None:
        return None
    word_before = len(c.prev) > 1 and c.prev.isalpha()
    return True if word_before and _INITIALISM.match(c.text, c.end) else None


def glued_letter_abbreviation(c: Candidate, lex: Lexicon) -> bool | None:
    """A period glued to one letter and another period is inside an abbreviation: ``Ph.D.``

    >>> [s.text for s in split_sentences("She has a Ph.D. in law and a B.Sc. in maths.")]
    ['She has a Ph.D. in law and a B.Sc. in maths.']
    """
    glued = not (c.gap or c.opener or c.closers)
    return False if glued and len(c.word) == 1 and c.after == "." else None


def title_in_capitals_before_name(c: Candidate, lex: Lexicon) -> bool | None:
    """A listed abbreviation written in capitals before a word in capitals, as in a
    transcript's speaker label (``GOV. MARTINEZ:``, ``DR. LI:``), continues the sentence.

    >>> text = "GOV. MARTINEZ: We will see. DR. LI: Yes. It is the SAT. Students"
    >>> [s.text for s in split_sentences(text)]
    ['GOV. MARTINEZ: We will see.', 'DR. LI: Yes.', 'It is the SAT.', 'Students']
    """
    if c.kind is not None or c.marks != "." or c.closers or c.opener or not c.gap:
        return None
    capitals = len(c.prev) > 1 and c.prev.isupper() and len(c.word) > 1 and c.word.isupper()
    listed = abbreviation_kind(c.prev.capitalize(), lex) is not None
    return False if capitals and listed else None


def full_stop_after_word(c: Candidate, lex: Lexicon) -> bool | None:
    """A period after a word that is no abbreviation ends the sentence, glued or not.

    >>> [s.text for s in split_sentences("Talks ended in Idlib.On Wednesday, he left (late).Then")]
    ['Talks ended in Idlib.', 'On Wednesday, he left (late).', 'Then']
    """
    return True if c.kind is None else None


_ROMAN_NUMERAL = lazyre.compile(r"[IVXLCDM]{2,}|[VXLCDM]")


def number_abbreviation_without_number(c: Candidate, lex: Lexicon) -> bool | None:
    """An abbreviation that stands only before a number (``No.``, ``vol.``, ``fig.``; see
    ``abbreviations_number.txt``) is a word anywhere else, and its period a full stop.

    >>> [s.text for s in split_sentences("He voted no.Paul did not. It is No. 2 in Vol. II.")]
    ['He voted no.', 'Paul did not.', 'It is No. 2 in Vol. II.']
    """
    if c.kind != "number":
        return None
    number = c.word[:1].isdigit() or _ROMAN_NUMERAL.fullmatch(c.word) or c.after in _CURRENCY
    return None if number else True


def abbreviation_before_number(c: Candidate, lex: Lexicon) -> bool | None:
    """An abbreviation before a number or a currency sign continues: ``p. 5``, ``No. 10``.

    >>> [s.text for s in split_sentences("See p. 5 and No. 10 on Jan. 5, vol. $3.")]
    ['See p. 5 and No. 10 on Jan. 5, vol. $3.']
    """
    return (
        False if c.word[:1].isdigit() or (not c.word and c.after and c.after in _CURRENCY) else None
    )


def abbreviation_before_closing_mark(c: Candidate, lex: Lexicon) -> bool | None:
    """An abbreviation whose period a closing quote or bracket follows ends a sentence.

    >>> [s.text for s in split_sentences('He joined Acme Co." Mr. Lee (of Acme Inc.) agreed.')]
    ['He joined Acme Co."', 'Mr. Lee (of Acme Inc.) agreed.']
    """
    return True if c.closers else None


def abbreviation_before_glued_opening_quote(c: Candidate, lex: Lexicon) -> bool | None:
    """An abbreviation (not a title) glued to a curly opening quote and a capital ends a
    sentence: the mark says a quotation opens there (``R-Mont.“Broadband is``); a straight
    quote says nothing of its direction, and a title before a quoted name is no end.

    >>> [s.text for s in split_sentences("Sen. Cole Brantley, R-Mont.“Broadband is key.”")]
    ['Sen. Cole Brantley, R-Mont.', '“Broadband is key.”']
    """
    opening = not c.gap and c.opener[:1] in _CURLY_OPENING_MARKS and c.word[:1].isupper()
    return True if opening and c.kind != "prefix" else None


_CURLY_OPENING_MARKS = frozenset("“‘«")  # (a set: "" is in every string)


def title_before_name(c: Candidate, lex: Lexicon) -> bool | None:
    """A title or a prefix abbreviation never ends a sentence: ``Mr. He``, ``Ali vs. Frazier``.

    >>> [s.text for s in split_sentences("Ali vs. Frazier. Prof. Li spoke.")]
    ['Ali vs. Frazier.', 'Prof. Li spoke.']
    """
    return False if c.kind == "prefix" else None


_PLACE_THEN_COMMA = lazyre.compile(r"(?<![\w.])[A-Z][\w'’-]*, \Z")


# A dateline so far: a place in capitals and a comma ("NASHVILLE, Tenn", "SANTA FE, N.M"), in
# at most this many characters.
_DATELINE_SO_FAR = lazyre.compile(r"\s*(?-i:[A-Z][A-Z.'’ -]*[A-Z]), \S+")
_DATELINE_LENGTH = 60


def dateline_continues(c: Candidate, lex: Lexicon) -> bool | None:
    """A place's abbreviation that ends a dateline's place (a city in capitals, a comma, the
    abbreviation) ends no sentence: the dateline goes on to the outlet and the dash.

    >>> [s.text for s in split_sentences("NASHVILLE, Tenn. (AP) — Polls opened. In Nashville, "
    ...                                  "Tenn. (He moved.) Then")]
    ['NASHVILLE, Tenn. (AP) — Polls opened.', 'In Nashville, Tenn.', '(He moved.)', 'Then']
    """
    if c.kind is None or c.start - c.sentence_start > _DATELINE_LENGTH:
        return None  # (a long sentence so far is no dateline, and is never copied out)
    return False if _DATELINE_SO_FAR.fullmatch(c.sentence_so_far()) else None


def place_abbreviation_before_capital(c: Candidate, lex: Lexicon) -> bool | None:
    """A state's abbreviation (``abbreviations_place.txt``) after a place and a comma
    (``Buffalo, N.Y.``, ``Springfield, Ill.``, ``Washington, D.C.``) ends the sentence before a
    capitalised word: inside one, a comma follows it (``in Buffalo, N.Y., on Monday``).

    >>> text = "It was in Buffalo, N.Y. Police came. Here, St. Nick won. Ann Li, J.R. Doe"
    >>> [s.text for s in split_sentences(text)]
    ['It was in Buffalo, N.Y.', 'Police came.', 'Here, St. Nick won.', 'Ann Li, J.R. Doe']
    """
    if c.kind != "place" or c.closers or c.opener:
        return None
    if not c.word[:1].isupper() or (len(c.word) == 1 and c.after == "."):
        return None
    token_start = c.start - len(c.token)
    before = c.text[max(0, token_start - 40) : token_start]
    return True if _PLACE_THEN_COMMA.search(before) else None


def abbreviation_before_sentence_starter(c: Candidate, lex: Lexicon) -> bool | None:
    """An abbreviation before a capitalised sentence opener (``The``, ``He``) ends a sentence.

    A single capital letter followed by a period is an initial, not the word ``A`` or ``I``.

    >>> [s.text for s in split_sentences("He is in the U.S. The firm is J. A. Li's.")]
    ['He is in the U.S.', "The firm is J. A. Li's."]
    """
    if not c.word[:1].isupper() or (len(c.word) == 1 and c.after == "."):
        return None
    return True if c.word.lower() in lex.starters else None


def final_abbreviation_before_capital(c: Candidate, lex: Lexicon) -> bool | None:
    """``etc.``, ``a.m.``, ``p.m.`` end a sentence before a capital, except a day, a month or a
    time zone, or when the sentence would be a short opening phrase (``At 5 a.m. Mr. Li left.``).

    >>> text = "At 5 a.m. Mr. Li left. He was back at 6 p.m. Police came at 7 p.m. Friday."
    >>> [s.text for s in split_sentences(text)]
    ['At 5 a.m. Mr. Li left.', 'He was back at 6 p.m.', 'Police came at 7 p.m. Friday.']

    A time alone is a live blog's stamp, which ends before the entry it heads:

    >>> [s.text for s in split_sentences("9:42 a.m. Polls opened.\\n\\n10:15 a.m.Turnout rose.")]
    ['9:42 a.m.', 'Polls opened.', '10:15 a.m.', 'Turnout rose.']
    """
    if c.kind != "final" or not c.word[:1].isupper() or c.word.isupper():
        return None
    if is_listed(c.word, lex.calendar):
        return None
    so_far = c.sentence_so_far()
    if _TIMESTAMP.fullmatch(so_far):
        return True  # a live blog's time stamp heads its entry: "9:42 a.m. Polls opened."
    return True if len(so_far.split()) >= 4 else None


# The time alone, before the period of its a.m. or p.m.: a live blog's stamp, not a phrase.
_TIMESTAMP = lazyre.compile(r"\s*\d{1,2}(?:[:.]\d\d)?\s?[ap]\.m", re.IGNORECASE)


def company_suffix_before_capital(c: Candidate, lex: Lexicon) -> bool | None:
    """A company suffix (``Corp.``, ``Inc.``, ``Ltd.``) ends a company's name, and a capitalised
    word after it and a space starts a sentence, unless it is a title (``Chairman``, ``Chief``),
    a day, a month or all capitals (``CEO``): these follow a company's name inside a sentence.
    Glued to the suffix (``Inc.Smith``), a name stays in the sentence, as after every listed
    abbreviation.

    >>> text = "He ran Castell Steel Corp. Republicans objected. Acme Inc. Chairman Jo Li agreed."
    >>> [s.text for s in split_sentences(text)]
    ['He ran Castell Steel Corp.', 'Republicans objected.', 'Acme Inc. Chairman Jo Li agreed.']
    """
    if c.kind != "company" or not c.gap or not c.word[:1].isupper() or c.word.isupper():
        return None
    return None if is_listed(c.word, lex.titles) or is_listed(c.word, lex.calendar) else True


def abbreviation_continues(c: Candidate, lex: Lexicon) -> bool | None:
    """Otherwise a period after an abbreviation or an initial continues: ``St. Louis``, ``J. Li``.

    >>> [s.text for s in split_sentences("J. K. Rowling met St. Louis Cardinals fans.")]
    ['J. K. Rowling met St. Louis Cardinals fans.']
    """
    return False


Rule = Callable[[Candidate, Lexicon], "bool | None"]

RULES: tuple[Rule, ...] = (
    no_sentence_to_end,
    cjk_sentence_mark,
    inside_web_address,
    wire_dateline_continues,
    period_before_spaced_ellipsis,
    spaced_ellipsis_omits_words,
    list_label_starts_sentence,
    lowercase_sentence_start,
    lowercase_brand_starts_sentence,
    digit_glued_to_a_name,
    bracketed_mark_opens_sentence,
    lowercase_continues,
    orphan_comma_after_full_stop,
    punctuation_continues,
    bracketed_citation_before_end,
    speaker_tag_after_quoted_question,
    question_or_exclamation,
    ellipsis_before_capital,
    capital_acronym_with_dot,
    initialism_after_glued_word,
    glued_letter_abbreviation,
    title_in_capitals_before_name,
    full_stop_after_word,
    number_abbreviation_without_number,
    abbreviation_before_number,
    abbreviation_before_closing_mark,
    abbreviation_before_glued_opening_quote,
    title_before_name,
    dateline_continues,
    place_abbreviation_before_capital,
    abbreviation_before_sentence_starter,
    final_abbreviation_before_capital,
    company_suffix_before_capital,
    abbreviation_continues,
)
"""The rules, in the order they are asked; the first that answers True or False decides."""


def decide(c: Candidate, lex: Lexicon) -> tuple[bool, str]:
    """Whether the candidate ends a sentence, and the name of the rule that said so."""
    for rule in RULES:
        verdict = rule(c, lex)
        if verdict is not None:
            return verdict, rule.__name__
    raise AssertionError("abbreviation_continues always answers")  # pragma: no cover


# --- structure: blank lines, bullets, numbered lists ----------------------------------------------


@dataclass(frozen=True, slots=True)
class _Label:
    value: int  # 1, 2, 3 or the code of a, b, c
    start: int
    period: int | None  # offset of the label's period, if it has one
    end: int
    opens: bool  # stands where an item may begin
    in_list: bool = False


def _char_before(text: str, pos: int) -> str:
    """The last character before ``pos`` that is not a space or a tab ("" at the start).

    >>> _char_before("a: \\t 1.", 5)
    ':'
    """
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    return text[i - 1] if i else ""


def _opens_item(text: str, pos: int) -> bool:
    """Whether a list label at ``pos`` stands where an item may begin: the start, a new line, or
    after an end mark, a colon or a bullet."""
    before = _char_before(text, pos)
    return not before or before in "\n.?!:;" + _BULLETS + _CLOSERS


def _label(m: re.Match, text: str) -> tuple[tuple, _Label] | None:
    """The style and value of a list label match; None for capital initials such as ``J.``."""
    label = m["paren"] or m["label"]
    close = m["close"] or ")"
    if label.isupper() and close.startswith("."):
        return None
    style = (bool(m["paren"]), label.isdigit(), close)
    value = int(label) if label.isdigit() else ord(label.lower())
    start, period = m.start("item"), m.start("close") if close.startswith(".") else None
    return style, _Label(value, start, period, m.end(), _opens_item(text, start))


def list_markers(text: str) -> Iterator[re.Match]:
    """The matches of ``_LIST_MARKER.finditer(text)``, found from where their labels close.

    >>> [m["item"] for m in list_markers("Do: 1. this (b) that a.) x A. Li 12) y")]
    ['1.', '(b)', 'a.)', 'A.', '12)']
    """
    for close in _LABEL_CLOSE.finditer(text):
        at = close.start()
        for start in range(max(0, at - 4), at - 1):
            m = _LIST_MARKER.match(text, start)
            if m and m.start("item") < at < m.end("item"):
                yield m
                break


def list_items(text: str) -> tuple[list[int], set[int]]:
    """Offsets where numbered or lettered list items start, and the periods of their labels.

    A label counts when the next label of the same style follows with item words in between
    (``1. x 2. y``, ``a) x b) y``) and the first stands where an item may begin. Capital letters
    with a period are initials (``J. K.``), never labels. A label may be glued to the item
    before it (:data:`_GLUED_LIST_MARKER`).

    >>> list_items("Steps: 1. Open it 2. Shut it. In 2. Out 3.")
    ([7, 18], {8, 19})
    >>> list_items("Found:\\n1. Jobs, by 31%.2. Rent.3. Roads.")[0]
    [7, 23, 31]
    """
    last: dict[tuple, _Label] = {}
    items: list[_Label] = []
    at_start = _LIST_MARKER_AT_START.match(text)
    markers = [at_start] if at_start else []
    markers += list_markers(text)
    glued = list(_GLUED_LIST_MARKER.finditer(text))
    if glued:  # (rare: the others are in order already)
        markers = sorted(markers + glued, key=lambda m: m.start("item"))
    if not markers:
        return [], set()
    for m in markers:
        found = _label(m, text)
        if found is None:
            continue
        style, label = found
        prev = last.get(style)
        if (
            prev is not None
            and label.value == prev.value + 1
            and (prev.in_list or prev.opens)
            and any(ch.isalpha() for ch in text[prev.end : label.start])
        ):
            if not prev.in_list:
                items.append(prev)
            label = replace(label, in_list=True)
            items.append(label)
        last[style] = label
    items.sort(key=lambda item: item.start)
    return [i.start for i in items], {i.period for i in items if i.period is not None}


def fact_line_starts(text: str) -> list[int]:
    """The line breaks before the lines of a fact box and the line after it (see
    :func:`newstool.ingest.fact_box_starts`, asked of each run of lines between blank lines):
    each of its lines is a sentence.

    >>> text = "Match details:\\nWhen: Saturday, 7.30pm\\nVenue: MCG\\nHe said:\\nNo: why"
    >>> [text[i + 1 : i + 6] for i in fact_line_starts(text)]
    ['When:', 'Venue', 'He sa']
    """
    if text.count(":") < 2:  # (the quick test: a fact box has a colon a line)
        return []
    from newstool.ingest import fact_box_starts  # here: few texts hold two lines with a colon

    breaks: list[int] = []
    run: list[tuple[int, str]] = []  # (offset, line) of the lines since the last blank one
    at = 0
    for line in [*text.split("\n"), ""]:
        if line.strip():
            run.append((at, line))
        elif run:
            starts = fact_box_starts([run_line for _, run_line in run])
            pairs = zip(run, starts, strict=True)
            breaks += [offset - 1 for (offset, _), start in pairs if start and offset]
            run = []
        at += len(line) + 1
    return breaks


def structural_starts(text: str) -> tuple[list[int], set[int]]:
    """Offsets where a blank line, a bullet or a list item starts a sentence whatever the
    punctuation, and the periods of list labels (which end nothing).

    >>> structural_starts("One\\n\\nTwo • three\\n- four")
    ([5, 9, 16], set())
    """
    items, periods = list_items(text)
    starts = [i for i in items if _char_before(text, i) not in _BULLETS]  # bullets cut already
    if "\n" in text:  # (most paragraphs are one line)
        starts += [m.end() for m in _BLANK_LINE.finditer(text)]
        starts += [m.start() for m in _DASH_ITEM.finditer(text)]
        starts += fact_line_starts(text)
    if any(bullet in text for bullet in _BULLETS):  # (quick: no text of Latin-1 holds one)
        starts += [m.start() for m in _BULLET.finditer(text)]
    return (sorted(set(starts)) if starts else starts), periods


# --- splitting ----------------------------------------------------------------------------------


_TOKEN_WINDOW = 64


def token_before(text: str, pos: int) -> str:
    """The non-space run that ends at ``pos`` (at most its last 64 characters, so that text
    without spaces costs linear time, not quadratic).

    >>> token_before("a (U.S.", 7), token_before("a\\tb\\u00a0(U.S.", 9), token_before("a\\t", 2)
    ('(U.S.', '(U.S.', '')
    >>> token_before("one two\\nthree.", 13)
    'three'
    >>> len(token_before("x." * 100, 200))
    64
    """
    start = max(0, pos - _TOKEN_WINDOW)
    token = text[max(start, text.rfind(" ", start, pos) + 1) : pos]
    if token.isprintable():  # the usual case: no new line, tab or other space inside
        return token
    return "" if token[-1].isspace() else token.split()[-1]


def plain_full_stop(text: str, m: re.Match, token: str, lex: Lexicon) -> bool:
    """The commonest end, settled without the rules: a word that is no abbreviation, one
    period (perhaps closing a quotation), then white space and a capital (perhaps opening
    one), or only white space (``was late. The``, ``was late." "The``, ``was late.\\n\\nThe``).
    The rules agree (a test checks), so this only saves time.

    >>> lex = lexicon()
    >>> [plain_full_stop(t, _CANDIDATE.search(t), t.split(".")[0].split()[-1], lex)
    ...  for t in ("It was late. The", "It was late.", "It was etc. The", "It was late.The",
    ...            'It was late." The', 'It was late. "The', 'It was late. "', 'It was late."')]
    [True, True, False, False, True, True, False, True]
    """
    if m.group() not in _PLAIN_ENDS or len(token) < 2 or not token.isalpha() or token.isupper():
        return False  # (capitals: maybe a title in a speaker label, GOV. LI)
    after = text[m.end() : m.end() + 3]
    rest = after.lstrip()
    if rest and rest[0] in _PLAIN_OPENERS:
        rest = rest[1:] or "."  # ("." when the text may go on: no capital seen)
    spaced_capital = after[:1].isspace() and rest[:1].isupper()
    only_space_left = not rest and len(after) < 3
    return (spaced_capital or only_space_left) and abbreviation_kind(token, lex) is None


# The plain full stop may close a quotation (``was late." The``) or come before one that opens
# (``was late. "The``): no rule before full_stop_after_word looks at double quotes there.
_PLAIN_ENDS = frozenset({".", '."', ".”"})
_PLAIN_OPENERS = '"“'


def _starts_word(text: str, pos: int) -> bool:
    """Whether a word starts at ``pos``: a letter or a digit, or a bracketed alteration that
    starts with a capital (``[This] is``, which a quotation may open with).

    >>> [_starts_word(t, 0) for t in ("It", "[This]", "[a]", "[", " It")]
    [True, True, False, False, False]
    """
    return (
        text[pos : pos + 1].isalnum()
        or text[pos : pos + 1] == "["
        and text[pos + 1 : pos + 2].isupper()
    )


def _candidate(
    text: str, m: re.Match, token: str, sentence_start: int, lex: Lexicon, quotes: QuotationState
) -> Candidate:
    marks, closers = m.group(1), m.group(2)
    end = m.end()
    glued_to_word = _starts_word(text, end)
    if closers[-1:] in "\"'" and closers and glued_to_word and not quotes.closes(end - 1):
        closers, end = closers[:-1], end - 1  # a straight quote glued to a word opens it...
    elif text[end : end + 1] == "“" and quotes.closes(end):
        closers, end = closers + "“", end + 1  # ...and „ is closed by “
    prev = previous_word(token, lex)
    gap, opener, word, after = _FOLLOWING.match(text, end).groups()
    return Candidate(
        text, m.start(), end, marks, closers, token, prev, abbreviation_kind(prev, lex),
        gap, opener, word, after, sentence_start,
    )  # fmt: skip


def iter_decisions(
    text: str, lex: Lexicon, starts: list[int], label_periods: set[int], pos: int = 0
) -> Iterator[tuple[int, int, bool, str]]:
    """Each candidate end in ``text``: where its marks start, where it ends, the verdict and the
    rule that decided. ``starts`` and ``label_periods`` come from :func:`structural_starts`.

    >>> list(iter_decisions("Mr. Li left.Then", lexicon(), [], set()))
    [(2, 3, False, 'title_before_name'), (11, 12, True, 'full_stop_after_word')]

    ``pos``, one of ``starts``, skips the candidates before it: no decision after a structural
    start depends on one before it (the sentence starts there, and the quotations open are
    read from the start of the line).

    >>> list(iter_decisions("Mr. Li left.\\n\\nDr. Li", lexicon(), [14], set(), pos=14))
    [(16, 17, False, 'abbreviation_continues')]
    """
    next_start = 0  # index into starts
    sentence_start = 0
    quotes = QuotationState(text)
    for m in _CANDIDATE.finditer(text, pos):
        start = m.start()
        while next_start < len(starts) and starts[next_start] <= start:
            sentence_start = max(sentence_start, starts[next_start])
            next_start += 1
        if start in label_periods:
            yield start, m.end(), False, "list_item_label"
            continue
        token = token_before(text, start)
        if plain_full_stop(text, m, token, lex):
            verdict, rule, end = True, "full_stop_after_word", m.end()
        else:
            c = _candidate(text, m, token, sentence_start, lex, quotes)
            (verdict, rule), end = decide(c, lex), c.end
        if verdict:
            sentence_start = end
        yield start, end, verdict, rule


def explain_boundaries(
    text: str, abbreviations: frozenset[str] | None = None
) -> list[tuple[int, bool, str]]:
    """For each candidate end: its offset, whether it ends a sentence, and the rule that decided.

    >>> explain_boundaries("Mr. Li left.Then")
    [(2, False, 'title_before_name'), (11, True, 'full_stop_after_word')]
    """
    decisions = iter_decisions(text, lexicon(abbreviations), *structural_starts(text))
    return [(start, verdict, rule) for start, _, verdict, rule in decisions]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` moved inwards past white space."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return end, end
    start += len(chunk) - len(chunk.lstrip())
    return start, start + len(stripped)


def sentence_spans(text: str, abbreviations: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text``, trimmed of white space.

    >>> sentence_spans("  Hi there.  Bye. ")
    [(2, 11), (13, 17)]
    """
    return list(iter_sentence_spans(text, abbreviations))


def iter_sentence_spans(
    text: str, abbreviations: frozenset[str] | None = None, starts: Iterable[int] = ()
) -> Iterator[tuple[int, int]]:
    """The spans of :func:`sentence_spans`, one at a time (a long text's are not all listed).
    ``starts`` are more offsets where a sentence starts whatever the punctuation.

    >>> next(iter_sentence_spans("  Hi there.  Bye. "))
    (2, 11)
    >>> list(iter_sentence_spans("He said. fighting on.", starts=[8]))
    [(0, 8), (9, 21)]
    """
    found, label_periods = structural_starts(text)
    starts = sorted({*found, *starts}) if starts else found
    decisions = iter_decisions(text, lexicon(abbreviations), starts, label_periods)
    cuts = [end for _, end, verdict, _ in decisions if verdict] + starts
    start = 0
    for cut in [*sorted(set(cuts)), len(text)]:
        span = _trimmed(text, start, cut)
        if span[0] < span[1]:
            yield span
        start = cut


def split_sentences(text: str, abbreviations: frozenset[str] | None = None) -> list[Sentence]:
    """The sentences of ``text``, with offsets into it (``text[s.start:s.end] == s.text``).

    ``abbreviations`` adds words whose period does not end a sentence (see
    :func:`load_abbreviations`).

    >>> [s.text for s in split_sentences("The Acme Co. board met.It voted.")]
    ['The Acme Co. board met.', 'It voted.']
    >>> [s.text for s in split_sentences("Gov. Lee met Rear Adm. Li.", frozenset({"Rear"}))]
    ['Gov. Lee met Rear Adm. Li.']
    """
    return [
        Sentence(start, end, text[start:end]) for start, end in sentence_spans(text, abbreviations)
    ]


SUPPORTED_LANGUAGES = ("en",)


def check_language(lang: str) -> None:
    """Raise ValueError unless the segmenter knows ``lang``.

    >>> check_language("fr")
    Traceback (most recent call last):
    ValueError: language 'fr' is not supported yet: only English ('en') for now
    """
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"language {lang!r} is not supported yet: only English ('en') for now")


@dataclass(frozen=True)
class SentenceOptions:
    """Settings for :func:`split_document`: extra abbreviations and the language.

    >>> options = SentenceOptions.from_settings({"lang": "en", "abbreviations": ["Gov", "Sgt."]})
    >>> sorted(options.abbreviations), options.lang
    (['Gov', 'Sgt'], 'en')
    >>> SentenceOptions(lang="fr")
    Traceback (most recent call last):
    ValueError: language 'fr' is not supported yet: only English ('en') for now
    """

    abbreviations: frozenset[str] | None = None
    lang: str = "en"

    def __post_init__(self) -> None:
        check_language(self.lang)

    @cached_property
    def fingerprint(self) -> str:
        """A digest of what changes the sentences found (see :mod:`newstool.fingerprint`)."""
        from newstool.fingerprint import fingerprint

        extra = sorted(self.abbreviations or ())
        return fingerprint("split-sentences", {"lang": self.lang, "abbreviations": extra})

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None = None) -> SentenceOptions:
        """Options from one mapping keyed by the option names: ``abbreviations`` (a word-list
        file, as ``--abbreviations`` takes, or a list of words) and ``lang``."""
        settings = dict(settings or {})
        unknown = sorted(set(settings) - {"abbreviations", "lang"})
        if unknown:
            raise ValueError(
                f"unknown split-sentences setting {unknown[0]!r}; valid keys: abbreviations, lang"
            )
        extra = settings.get("abbreviations")
        if isinstance(extra, str | Path):
            try:
                extra = load_abbreviations(extra)
            except OSError as exc:
                raise ValueError(f"--abbreviations: {extra}: {exc.strerror or exc}") from None
            except ValueError as exc:
                raise ValueError(f"--abbreviations: {exc}") from None
        elif extra is not None:
            extra = frozenset(str(word).rstrip(".") for word in extra)
        return cls(abbreviations=extra, lang=str(settings.get("lang", "en")).lower())


# One instance, so that its fingerprint is worked out once, not once a document.
_DEFAULT_OPTIONS = SentenceOptions()


def split_document(doc: Document, options: SentenceOptions | None = None) -> Document:
    """``doc`` with ``sentences`` found block by block (headings are not sentences).

    >>> doc = Document.from_dict({"text": "Title\\n\\nIt is late.He left.",
    ...     "blocks": [{"type": "heading", "start": 0, "end": 5},
    ...                {"type": "paragraph", "start": 7, "end": 26}]})
    >>> [s.text for s in split_document(doc).sentences]
    ['It is late.', 'He left.']
    """
    options = options or _DEFAULT_OPTIONS
    abbreviations, lang = options.abbreviations, options.lang
    sentences = tuple(_document_sentences(doc, abbreviations))
    record = {"lang": lang, "abbreviations": sorted(abbreviations or ())}
    return doc.add_step(
        "split-sentences", record, fingerprint=options.fingerprint, sentences=sentences
    )


def iter_sentence_texts(
    doc: Document, abbreviations: frozenset[str] | None = None
) -> Iterator[str]:
    """The text of each sentence :func:`split_document` finds, one at a time.

    >>> list(iter_sentence_texts(Document.from_dict({"text": "It is late.He left.\\n\\nGo."})))
    ['It is late.', 'He left.', 'Go.']
    """
    return (sentence.text for sentence in _document_sentences(doc, abbreviations))


def _document_sentences(doc: Document, abbreviations: frozenset[str] | None) -> Iterator[Sentence]:
    """The sentences of the document's paragraphs, with offsets into its text; one block's text
    is copied out at a time. Where ``clean`` removed what was left of lost text, a sentence
    starts (see :func:`lost_text_offsets`)."""
    lost = [p for p in lost_text_offsets(doc.edits or ()) if _char_before(doc.text, p) == "."]
    for block in doc.blocks:
        if block.type == "heading":
            continue
        text = doc.text[block.start : block.end]
        starts = [p - block.start for p in lost if block.start < p < block.end]
        for start, end in iter_sentence_spans(text, abbreviations, starts):
            yield Sentence(block.start + start, block.start + end, text[start:end])


LOST_TEXT_RULES = frozenset({"remove_orphan_punctuation"})
"""The ``clean`` rules whose edits mark where a scraper lost text: a sentence starts there."""


def lost_text_offsets(edits: Iterable[Edit]) -> list[int]:
    """Where, in the text the ``edits`` leave, a rule of :data:`LOST_TEXT_RULES` removed
    something: ``said., fighting`` lost the end of one quotation and the start of the next, so
    ``fighting`` starts a sentence even once its comma is gone.

    Each edit's offsets are in the text as it stood right after its rule ran (see
    :mod:`newstool.clean.edits`); an offset is carried through the edits of each later rule at
    once, so this costs time in proportion to the edits.

    >>> edits = [Edit("remove_orphan_punctuation", 9, 9, ",", ""),  # "a.B said., x": "a.B said. x"
    ...          Edit("separate_glued_sentences", 2, 3, "", " ")]  # then "a. B said. x"
    >>> lost_text_offsets(edits)
    [10]
    """
    offsets: list[int] = []
    batch: list[Edit] = []
    for edit in (*edits, None):
        if batch and (edit is None or edit.rule != batch[-1].rule or edit.start < batch[-1].end):
            offsets = _carried(offsets, batch)
            if batch[0].rule in LOST_TEXT_RULES:
                offsets = sorted([*offsets, *(e.start for e in batch)])
            batch = []
        if edit is not None:
            batch.append(edit)
    return offsets


def _carried(offsets: list[int], batch: list[Edit]) -> list[int]:
    """Sorted ``offsets`` in the text before one rule's ``batch`` of edits, moved to the text
    after it (an offset inside a replaced stretch goes to its end).

    >>> _carried([1, 5], [Edit("r", 0, 2, "x", "yy"), Edit("r", 4, 4, "zz", "")])
    [2, 4]
    """
    moved, shift, i = [], 0, 0
    for offset in offsets:
        while i < len(batch):
            edit = batch[i]
            before_start = edit.start - shift
            if before_start + len(edit.before) > offset:
                break
            shift += len(edit.after) - len(edit.before)
            i += 1
        inside = i < len(batch) and batch[i].start - shift < offset
        moved.append(batch[i].end if inside else offset + shift)
    return moved


__all__ = [
    "RULES",
    "Candidate",
    "Lexicon",
    "SentenceOptions",
    "abbreviation_kind",
    "check_language",
    "decide",
    "explain_boundaries",
    "is_listed",
    "iter_decisions",
    "iter_sentence_spans",
    "iter_sentence_texts",
    "lexicon",
    "list_items",
    "load_abbreviations",
    "lost_text_offsets",
    "plain_full_stop",
    "previous_word",
    "sentence_spans",
    "split_document",
    "split_sentences",
    "structural_starts",
    "token_before",
]
