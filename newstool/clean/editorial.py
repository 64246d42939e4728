"""Editorial notes: bracketed insertions by an agency or editor, moved out of the text.

>>> fixed(extract_editorial_notes, "the Nusra group [banned in Narnia - ABC], try to act")
'the Nusra group, try to act'

A bracket is judged by what it holds, never by its length: a note has a note's marks (see
:func:`bracket_kind`); an alteration that the sentence needs (``[doesn't]``, ``[Governor Ana]
Ruiz``, ``under [state law] to``) has none and stays, as do transcript marks (``[inaudible]``)
and every bracket of unknown purpose. When in doubt it stays: a note left in is a blemish, a
word removed falsifies a quotation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import cache

from newstool import lazyre
from newstool.clean.edits import (  # noqa: F401 (fixed: used in the examples)
    Change,
    Later,
    apply_changes,
    fixed,
    span_with_separator,
)
from newstool.clean.fragments import remove_orphan_punctuation
from newstool.clean.glued import separate_glued_sentences
from newstool.datafiles import data_words
from newstool.model import Note
from newstool.sentences import abbreviation_kind, lexicon, previous_word, token_before

_BRACKETED = lazyre.compile(r"\[(?P<body>[^\[\]\n]*)\]")
_SQUARE_BRACKET = lazyre.compile(r"[\[\]]")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# 10/7/14, 2014-10-07, March 3, 2021, 3 March 2021, or a year after a comma ("Speech, 2016").
_DATE = lazyre.compile(
    rf"\b\d{{1,2}}/\d{{1,2}}/\d{{2,4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    rf"|\b{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b|\b\d{{1,2}} {_MONTH} \d{{4}}\b"
    r"|, (?:1[89]|20)\d\d\.?$"
)
# "[Updated at noon]", "[This story has been updated ...]": any continuation. Also a
# correction's notice ("[An earlier version of this article misstated ...]"), the outlet's word
# that it asked for comment ("[AAP has contacted the minister's office for comment]") and an
# editor's note signed "Ed:".
_UPDATE = lazyre.compile(
    r"(?:updated|corrected|amended|correction appended)\b"
    r"|this (?:story|article|report|post|piece|page) (?:has|had|was|is|will)\b"
    r"|an? (?:earlier|previous) version of this (?:story|article|report|post|piece|page)\b"
    r"|(?:(?-i:[A-Z]{2,6})|we) (?:has|have) (?:contacted|approached|asked|sought comment from"
    r"|reached out to) [^.]{1,60}? for comment\b|(?-i:Eds?|ED)\.?:\s",
    re.IGNORECASE,
)
# Where an advertisement broke the story ("[article continues after advertisement]"), or a
# control of the page was ("[click to expand]", "[tap to enlarge]").
_AD_BREAK = lazyre.compile(
    r"(?:the )?(?:story|article|text) continues (?:below|after)"
    r"(?: (?:the |this )?(?:advertisement|ad))?"
    r"|(?:click|tap) (?:here )?to (?:expand|enlarge|zoom)",
    re.IGNORECASE,
)
# A legal status that Russian media must print after certain names, inserted by the agency
# ("[outlawed in Russia]", "[recognised as a terrorist organisation and banned in Russia]",
# "[designated a foreign agent]"), and an agency's note of where it heard a quotation
# ("said [to journalists, as quoted by TASS] that"): neither is a word of the sentence.
_AGENCY_INSERT = lazyre.compile(
    r"(?:.{0,80}\b(?:banned|outlawed|prohibited|proscribed|liquidated)\b.{0,20}"
    r"\b(?:in|by) (?:Russia|the Russian Federation)\b|(?:designated|recognised|recognized|"
    r"listed) (?:as )?(?:an? )?(?:foreign agent|undesirable organi[sz]ation)"
    r"|.{0,40}\bas (?:quoted|cited|reported) by [A-Z][\w-]+(?: [A-Z][\w-]+)?)\.?",
    re.IGNORECASE,
)
# A note pointing the reader at media on the page: "[Watch the full press conference above.]",
# "[Listen to the interview below]", "[Click here for the video.]". An alteration in a sentence
# neither opens with such a verb in capitals nor points above, below or here.
_MEDIA_POINTER = lazyre.compile(
    r"(?:Watch|Listen|See|View|Hear|Scroll|Click|Tap)\b[^.!?\[\]]{0,80}"
    r"\b(?:above|below|here)\b[^.!?\[\]]{0,40}[.!]?"
)
# A photo or video credit: "AP Photo/Lena Marsh", "AAP Image/Joel Carrett", "Getty Images",
# "AFP via Getty Images" (not a name such as "Sony Pictures" alone).
_MEDIA_CREDIT = lazyre.compile(
    r"(?:[A-Z][\w.&'’-]*\s+){0,3}(?:via\s+(?:[A-Z][\w.&-]*\s+){1,2})?"
    r"(?:(?i:photos?|photographs?|images?|pictures|video|footage|illustration)\s*/\s*\S.*"
    r"|Images\.?$)"
)
# A person's name in a credit: two to four capitalised words or initials, perhaps with a
# particle ("Kevin Lamarque", "J. Scott Applewhite", "Ana de Souza").
_NAME_WORD = r"[A-Z](?:\.|[a-z][\w'’-]*)"
_PARTICLE = r"(?:de|da|di|du|van|von|der|le|la|al|el|bin)\s+"
_PERSON = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE})?{_NAME_WORD}){{1,3}}"
# What ends a sentence before a citation: a full stop, ? or !, perhaps with a closing quote.
_SENTENCE_END = lazyre.compile(r"[.!?][\"'”’»)]*\s*$")
# A dateline that opens a line, its place in capitals, perhaps with its state or country and
# the date ("WASHINGTON ", "DES MOINES, Iowa ", "SACRAMENTO, Calif. ", "KYIV, Ukraine, March 3
# "): an agency's name in brackets after it, and a dash, is the story's credit ("MELBOURNE
# [AAP] - ..."). Without the dash, capitals and a bracket are a headline's or a transcript's
# ("ADVANCED PLACEMENT [AP] scores rose", "REPORTER [AFP]: Prime Minister, ...").
_DATELINE = lazyre.compile(
    r"[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3}"
    r"(?:, [A-Z0-9][\w'’.-]*(?: [A-Z0-9][\w'’.-]*){0,2}){0,2} +"
)
_DASH_NEXT = lazyre.compile(r"[ \t]*(?:—|–|--?)[ \t]")
_LOWER_CASE_NEXT = lazyre.compile(r"[ \t]+[a-z]")
_CAPITAL_NEXT = lazyre.compile(r"[ \t]+[\"'“‘]?[A-Z]")


# A call to look at what a placeholder stood for: "[see map]", "[view gallery]" (in a quotation
# a bracket such as "[see the map]" stands for the speaker's words: see bracket_kind).
_LOOK_AT = lazyre.compile(r"(?i:see|view|watch|click for) (?=\S)")
# A transcript's speaker label opening a line ("MODERATOR:", "Q.", "QUESTION:"), where a
# bracketed outlet says who asks ("QUESTION: Thanks. [Kyodo] Prime Minister, ...").
_SPEAKER_LABEL = lazyre.compile(r"[ \t]*(?:[A-Z][A-Z.'’ -]{0,40}[A-Z.]|Q|A)[.:][ \t]")


@cache
def _placeholders() -> frozenset[str]:
    return frozenset(entry.lower() for entry in data_words("placeholders.txt"))


@cache
def _platform_items() -> frozenset[str]:
    return frozenset(entry.lower() for entry in data_words("platform_items.txt"))


def _is_placeholder(body: str) -> bool:
    """Only words of ``placeholders.txt`` (any case, singular or plural), or one of them or of
    ``platform_items.txt`` in the singular after one capitalised name of letters only (a
    platform: ``YouTube video``, ``Facebook post``; not a name such as ``Google Maps`` or ``Sony
    Pictures``, nor ``Reuters/Ipsos poll``); a platform item alone is a word (``[post]``).

    >>> [_is_placeholder(b) for b in ["LINK", "embedded videos", "Twitter embed", "the video",
    ...  "Sony Pictures", "Reuters/Ipsos poll", "Facebook post", "post", "GIF"]]
    [True, True, True, False, False, False, True, False, True]
    """
    *first, last = body.split() or [""]
    names = [word for word in first if not _is_placeholder_word(word.lower())]
    if not names:
        return _is_placeholder_word(last.lower())
    platform = len(names) == 1 and names[0][:1].isupper() and names[0].isalpha()
    return platform and (last.lower() in _placeholders() or last.lower() in _platform_items())


def _is_placeholder_word(word: str) -> bool:
    """A word of ``placeholders.txt``, perhaps with a plural "s".

    >>> _is_placeholder_word("photos"), _is_placeholder_word("photon")
    (True, False)
    """
    return word in _placeholders() or (word.endswith("s") and word[:-1] in _placeholders())


@cache
def _label() -> re.Pattern[str]:
    """A note label at the start of a bracket, with what may follow it; the label may follow
    the agency or paper whose note it is (an all-capital name, or one of ``news_agencies.txt``:
    ``[AAP note: ...]``, ``[Reuters update: ...]``).

    >>> [bool(_label().match(b)) for b in ("AAP note: fixes a name", "Reuters Update 2",
    ...     "Her note: none", "Note", "AAP")]
    [True, True, False, True, False]
    """
    labels = sorted(data_words("note_labels.txt"), key=len, reverse=True)
    alternatives = "|".join(re.escape(label).replace("'", "['’]") for label in labels)
    agencies = _agency_alternatives()
    return re.compile(
        rf"(?-i:(?:[A-Z]{{2,}}|{agencies}) )?(?:{alternatives})s?\b(?:[^:\[\]]{{0,30}}?:|(?: \d+)?"
        rf"(?:\s*[–—-]|\s+(?:by|credit|courtesy)\b|\.?$))",
        re.IGNORECASE,
    )


@cache
def agency_names() -> frozenset[str]:
    """The news agencies and editors' signatures of ``news_agencies.txt``, with their case."""
    return frozenset(data_words("news_agencies.txt"))


def _agency_alternatives(editors: bool = True) -> str:
    """The names of ``news_agencies.txt`` as the alternatives of a pattern, in the file's order;
    without ``editors``, not the editors' signatures (``Ed.``, ``Eds.``)."""
    names = data_words("news_agencies.txt")
    return "|".join(re.escape(n) for n in names if editors or not n.lower().startswith("ed"))


def _after_sentence(before: str) -> bool:
    """Whether a bracket after ``before`` (the text before it on its line) opens its line or
    follows a sentence's end: not the period of an abbreviation (``a cut in Sept. [Chart]``).

    >>> [_after_sentence(b) for b in ("", "It fell. ", "a cut in Sept. ", "the U.S. ", "a cut ")]
    [True, True, False, False, False]
    """
    if not before.strip():
        return True
    end = _SENTENCE_END.search(before)
    if end is None:
        return False
    if before[end.start()] != ".":
        return True
    word = previous_word(token_before(before, end.start()), lexicon())
    return abbreviation_kind(word, lexicon()) is None


def _after_statement(before: str) -> bool:
    """Whether a bracket after ``before`` opens its line or follows a sentence that is not a
    question (a quiz's answer, ``Who broke the story? [AP] Which ...``, is the article's)."""
    return _after_sentence(before) and not before.rstrip().rstrip("\"'”’»)").endswith("?")


def _credits_agency(body: str, before: str = "") -> bool:
    """Whether a bracket's ``body`` names only wire agencies: one (``AAP``), or, after a
    statement (not a question: a quiz's answer is the article's), with others or the wires
    (``AAP/AFP``, ``AAP/Wires``) or after "with" (``with AAP``).

    >>> [_credits_agency(b, "It fell. ") for b in ("AAP", "AAP/Wires", "with AAP", "with Ed.")]
    [True, True, True, False]
    >>> _credits_agency("AP/Reuters", "Which agencies broke it? "), _credits_agency("NATO")
    (False, False)
    """
    if body in agency_names():
        return True
    return not before.rstrip().endswith("?") and _agencies_only().fullmatch(body) is not None


@cache
def _agencies_only() -> re.Pattern[str]:
    names = _agency_alternatives(editors=False)  # "with Ed." is a person's credit
    return re.compile(rf"(?:with )?(?:{names})(?:\s?/\s?(?:{names}|[Ww]ires|[Aa]gencies))*")


@cache
def _agency_credit() -> re.Pattern[str]:
    """A bracket ending with a dash and an agency or an editor's signature."""
    names = _agency_alternatives()
    return re.compile(rf".*\w.*\s[-–—]\s?(?:[A-Z][A-Z]+\b|{names})(?: [A-Z][a-z]+)?\.?$", re.DOTALL)


@cache
def _agency_photographer() -> re.Pattern[str]:
    """A credit written ``Agency/Photographer`` or ``Photographer/Agency``: an agency of
    ``news_agencies.txt`` (after a name, also an agency's initials), a slash and a person's
    name (``Reuters/Kevin Lamarque``, ``Dean Lewins/AAP``; not ``Reuters/Ipsos poll``, nor
    ``and/or``).

    >>> [bool(_agency_photographer().fullmatch(b)) for b in ("Reuters/Kevin Lamarque",
    ...  "Xinhua / Li Wei", "Dean Lewins/AAP", "Reuters/Ipsos poll", "Reuters/Ipsos",
    ...  "US/New Zealand", "Labor Party/AAP poll")]
    [True, True, True, False, False, False, False]
    """
    names = _agency_alternatives()
    return re.compile(rf"(?:{names})\s*/\s*{_PERSON}|{_PERSON}\s*/\s*(?:{names}|[A-Z]{{2,6}})")


def bracket_kind(
    body: str, before: str = "", *, ends_line: bool = False, after: str = "", quoted: bool = False
) -> str | None:
    """``"placeholder"``, ``"editorial"`` or None (the bracket stays) for a bracket holding
    ``body`` after the text ``before`` on its line (``ends_line``: nothing after it there) and
    before ``after`` (its next few characters), ``quoted`` when a quotation is open there. The
    tests, in turn:

    - a placeholder (see :func:`_is_placeholder`): ``[link]``, ``[Photos]``, ``[Twitter embed]``,
      outside a quotation a call to look at one (``[see map]``, ``[view gallery]``), where an
      advertisement broke the story (``[article continues after advertisement]``) or a page's
      control was (``[click to expand]``);
    - a labelled note: a capitalised label from ``note_labels.txt`` (note, update, correction,
      media and link captions), then a colon (within a few words: ``Note to readers:``), a
      dash, "by" or nothing; or an update notice (``Updated at noon``);
    - an agency's or editor's note: ending with a dash and an agency (``- TASS``, ``- Ed.``),
      or what an agency inserts: a legal status (``banned in Russia``, ``designated a foreign
      agent``), where a quotation was heard (``to journalists, as quoted by TASS``);
    - a photo or video credit (``AP Photo/Jane Doe``, ``Getty Images``, ``Reuters/Jo Li``);
    - an agency's name alone (``news_agencies.txt``, or with others: ``AAP/Wires``, ``with
      AAP``) ending a line, after a sentence or alone on it; after a statement and before the
      capital of the next sentence, outside a quotation and a transcript's line (where it says
      who asks: ``Q. Thanks. [Reuters] Can you ...``); or between a dateline and its dash: its
      credit (``... on Friday. [AAP]``, ``... premiums. [AP] A legislative``, ``MELBOURNE [AAP]
      -``);
    - a pointer to media on the page (``Watch the full briefing above.``, ``Click here``);
    - a citation: capitalised, holding a date, right after the end of a sentence or ending
      with a full stop of its own (``[Remarks at a rally, 3/14/16.]``).

    >>> bracket_kind("Polls", "", after=" show"), bracket_kind("link", "north of the ", after=" ci")
    (None, 'placeholder')
    >>> [bracket_kind(body) for body in ["Links", "Editor's note: he left", "Video: A fire",
    ...  "Updated at noon", "outlawed in Russia - TASS", "the mayor - Ed.", "AP Photo/Jo Li"]]
    ['placeholder', 'editorial', 'editorial', 'editorial', 'editorial', 'editorial', 'editorial']
    >>> [bracket_kind(body) for body in ["recognised as extremist and banned in Russia",
    ...  "designated a foreign agent", "to reporters, as quoted by RIA Novosti", "banned"]]
    ['editorial', 'editorial', 'editorial', None]
    >>> bracket_kind("AAP", "It rained on Friday. ", ends_line=True), bracket_kind("AAP", "It "
    ...     "rained. ", ends_line=False), bracket_kind("NATO", "It rained. ", ends_line=True)
    ('editorial', None, None)
    >>> [bracket_kind("AP", before, after=" A l") for before in ("It rained. ", "Who? ", "By ",
    ...  "Q. Thanks. ")], bracket_kind("AP", "It rained. ", after=" A l", quoted=True)
    (['editorial', None, None, None], None)
    >>> [bracket_kind("see map", quoted=q) for q in (False, True)], bracket_kind("see Table 2")
    (['placeholder', None], None)
    >>> [bracket_kind("AP", before, after=" — ") for before in ("DES MOINES, Iowa ",
    ...  "LONDON, May 5 ", "Officials told the ")], bracket_kind("AP", "ADVANCED PLACEMENT ")
    (['editorial', 'editorial', None], None)
    >>> bracket_kind("Remarks to a bank, 10/7/14.", before='"We will win."')
    'editorial'
    >>> bracket_kind("Remarks to a bank, 10/7/14.", before="the Senate"), bracket_kind(
    ...     "Remarks to a bank, 10/7/14", before="the Senate")
    ('editorial', None)

    An alteration fits the sentence and carries none of these marks: a verb form, a pronoun, a
    name, a phrase inside a quotation; transcript marks and anything unknown stay too:

    >>> [bracket_kind(body) for body in ["doesn’t", "Governor Ana", "federal law", "it",
    ...  "inaudible", "crosstalk", "sic", "note", "updated", "12:45 p.m.", "On March 3, 2021"]]
    [None, None, None, None, None, None, None, None, None, None, None]
    """
    body = body.strip()
    if _is_placeholder(body) or _AD_BREAK.fullmatch(body):
        # opening a sentence, before its lower-case verb, it is the sentence's altered subject
        # ("[Polls] show the government ahead"; after a label's colon it is the placeholder:
        # "Sentence: [Image] seven years")
        return None if _after_sentence(before) and _LOWER_CASE_NEXT.match(after) else "placeholder"
    looked_at = _LOOK_AT.match(body)
    if looked_at and not quoted and _is_placeholder(body[looked_at.end() :]):
        return "placeholder"
    if _agency_credit().fullmatch(body) or _AGENCY_INSERT.fullmatch(body):
        return "editorial"
    if _credits_agency(body, before) and (
        (ends_line and _after_sentence(before))
        or (
            _after_statement(before)
            and _CAPITAL_NEXT.match(after)
            and not quoted
            and not _SPEAKER_LABEL.match(before)
            and _agencies_only().fullmatch(body)  # (not an editor's "[Ed.]": a correction's)
        )
        or (_DATELINE.fullmatch(before) and _DASH_NEXT.match(after))
    ):
        return "editorial"
    if not body[:1].isupper():  # labels, credits and citations are capitalised
        return None
    if _label().match(body) or _UPDATE.match(body) or _is_media_credit(body):
        return "editorial"
    if _MEDIA_POINTER.fullmatch(body):
        return "editorial"
    if _DATE.search(body) and (_SENTENCE_END.search(before) or body.endswith(".")):
        return "editorial"
    return None


def _is_media_credit(body: str) -> bool:
    """A photo or video credit: ``AP Photo/Jane Doe``, ``AAP Image/Joel Carrett``, ``Getty
    Images`` or an agency and a photographer (:func:`_agency_photographer`).

    >>> [_is_media_credit(b) for b in ("AAP Image/Joel Carrett", "Reuters/Kevin Lamarque",
    ...  "Sony Pictures", "Labor/Greens deal")]
    [True, True, False, False]
    """
    return bool(_MEDIA_CREDIT.fullmatch(body) or _agency_photographer().fullmatch(body))


def extract_editorial_notes(text: str) -> list[Change]:
    """Move square-bracketed editorial notes and placeholders to ``notes``, tidying the space.

    >>> [change.note for change in extract_editorial_notes("Ann [Editor's note: retired] left")]
    [Note(kind='editorial', text="Editor's note: retired")]
    >>> fixed(extract_editorial_notes, "[Updated at noon] The talks ended.\\n\\n[Photo: AP]")
    'The talks ended.'
    >>> [change.note for change in extract_editorial_notes("north of the [link] city")]
    [Note(kind='placeholder', text='link')]

    Alterations and other brackets that are not notes (see :func:`bracket_kind`) stay, as do
    brackets that stand for quoted words (right after a quote mark: ``"[The rebels] left"``),
    touch a word (``[t]he``) or sit inside another bracket:

    >>> unchanged = ('"[The rebels] left," [t]he man said he "honestly [doesn’t] know" why '
    ...              '[Governor Ana] Ruiz [sic] spoke [inaudible] under [federal law] [1, 2].')
    >>> fixed(extract_editorial_notes, unchanged) == unchanged
    True

    A bracket that ends a sentence glued to the next one goes too, as it would once
    ``separate_glued_sentences`` (which runs later) had put the space after it:

    >>> fixed(extract_editorial_notes, "Talks ended [Updated at noon.]The vote is today.")
    'Talks ended The vote is today.'

    So does a placeholder that lost the space before a capital: ``peaked. [Photo]The``.

    >>> fixed(extract_editorial_notes, "Demand peaked. [Photo]The minister spoke.")
    'Demand peaked. The minister spoke.'
    """
    if "[" not in text:
        return []  # no bracket: most texts
    brackets = list(_BRACKETED.finditer(text))
    spaced_later = Later(lambda: _glued_sentence_spaces(text))
    states = zip(
        brackets, _inside_open_bracket(text, brackets), _in_quotation(text, brackets), strict=True
    )
    kinds = {
        match: kind
        for match, nested, quoted in states
        if not nested
        and (
            kind := bracket_kind(
                match["body"],
                _line_before(text, match.start()),
                ends_line=_ends_line(text, match.end()),
                after=text[match.end() : match.end() + 4],
                quoted=quoted,
            )
        )
        and _stands_apart(text, match.start(), match.end(), spaced_later, kind == "placeholder")
    }
    changes: list[Change] = []
    for group in _runs(text, list(kinds)):
        start, end = _span_with_tidy_space(text, group[0].start(), group[-1].end())
        start = max(start, changes[-1].end if changes else 0)  # a line break the last run took
        # one change per note; together they remove the run and its tidy space
        cuts = [start, *(match.start() for match in group[1:]), end]
        for match, cut_start, cut_end in zip(group, cuts, cuts[1:], strict=False):
            note = Note(kinds[match], match["body"].strip())
            changes.append(Change(cut_start, cut_end, "", note=note))
    return changes


def _in_quotation(text: str, matches: list[re.Match[str]]) -> list[bool]:
    """For each match, whether a quotation is open where it starts, read from the start of its
    line: an odd number of straight double marks, or more opening curly marks than closing
    ones. One pass over the text, however many brackets a line holds.

    >>> text = 'He said "we [x] left." [y] "and [v]\\n“We [z] left,” he [w]'
    >>> _in_quotation(text, list(_BRACKETED.finditer(text)))
    [True, False, True, True, False]
    """
    quoted = []
    straight = opening = closing = position = 0
    for match in matches:
        segment = text[position : match.start()]
        if (newline := segment.rfind("\n")) >= 0:
            straight = opening = closing = 0
            segment = segment[newline + 1 :]
        straight += segment.count('"')
        opening += segment.count("“")
        closing += segment.count("”")
        quoted.append(straight % 2 == 1 or opening > closing)
        position = match.start()
    return quoted


def _line_before(text: str, start: int) -> str:
    """The text of the line before ``start``, its last 200 characters at most (a citation is
    judged on the end of what it follows; a whole article on one line is not copied for each
    bracket).

    >>> _line_before("One.\\nHe said no. [x]", 17)
    'He said no. '
    """
    reach = max(start - 200, 0)
    return text[max(text.rfind("\n", reach, start) + 1, reach) : start]


def _ends_line(text: str, end: int) -> bool:
    """Whether only spaces follow ``end`` on its line.

    >>> _ends_line("ok. [AAP] \\nNext", 9), _ends_line("ok. [AAP] Next", 9)
    (True, False)
    """
    after = _SPACES.match(text, end).end()  # only the spaces after it are read
    return after == len(text) or text[after] == "\n"


_SPACES = lazyre.compile(r"[^\S\n]*")


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


def _stands_apart(
    text: str, start: int, end: int, spaced_later: Callable[[], set[int]], placeholder: bool
) -> bool:
    """Not glued to a word and not right after a quote mark (where it stands for the quoted
    words; any quote mark, so the quote style cannot change this). A word right after it does
    not count where ``spaced_later`` (see :func:`_glued_sentence_spaces`) has ``end``:
    the bracket ends a sentence, and the next clean would find it apart; nor a capitalised one
    after a ``placeholder``, which stands for no letters of a word (``peaked. [Photo]The``)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "\"'“”‘’«»„":
        return False
    if placeholder and after.isupper():
        return True
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
