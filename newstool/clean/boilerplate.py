"""Page furniture that scrapers keep: boilerplate lines and paragraphs repeated word for word.

>>> fixed(remove_boilerplate_lines, "Talks ended.\\n\\nRead more: Talks began\\n\\nBoth left.")
'Talks ended.\\n\\nBoth left.'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import cache

from newstool import lazyre
from newstool.clean.editorial import agency_names
from newstool.clean.edits import Change, fixed, removal_changes  # noqa: F401 (fixed: examples)
from newstool.clean.linepatterns import LinePatterns, compile_line_pattern
from newstool.datafiles import data_text, data_words
from newstool.model import blocks_from_blank_lines, paragraphs_from_blank_lines
from newstool.sentences import iter_sentence_spans

# What each line holds but the white space at its ends (its ``strip()``); blank lines hold none.
LINE_CONTENT = lazyre.compile(r"\S(?:[^\n]*\S)?")
# The signs of a copyright notice, which no sentence of an article holds: a notice that ends a
# paragraph (a line under it that ingest joined to it) goes, the sentences before it stay.
_NOTICE = lazyre.compile(r"©|\ball rights reserved\b|\(c\)\s*(?:19|20)\d\d", re.IGNORECASE)
# White space other than one plain space between two words.
_IRREGULAR_SPACE = lazyre.compile(r"\s{2,}|[^\S ]")
# A paragraph repeated alone counts as damage when it reads as prose: this many words or more
# ("Yes." twice in an interview is not), ending as a sentence ends, and no credit or caption
# ("Photo: Dean Lewins/AAP" under two photos is not).
_MIN_REPEATED_WORDS = 3
_ENDS_AS_SENTENCE = lazyre.compile(r"[.!?…][\"'”’»)\]]*(?:\s*\[[^\[\]\n]{1,40}\])*\Z")
_CREDIT_LABEL = lazyre.compile(
    r"(?:photo(?:graph)?|picture|pic|image|credit|video|graphic|illustration)s?\s*:", re.IGNORECASE
)


@cache
def default_boilerplate_patterns() -> tuple[str, ...]:
    """The patterns shipped in ``newstool/data/boilerplate.txt``.

    >>> "click here .{0,80}" in default_boilerplate_patterns()
    True
    """
    lines = data_text("boilerplate.txt")
    return tuple(line for line in lines.splitlines() if line.strip() and not line.startswith("#"))


@cache
def compile_patterns(patterns: tuple[str, ...]) -> LinePatterns | None:
    """``patterns``, case-blind, ready to match lines (see :class:`LinePatterns`); None for
    none. Raises :class:`ValueError` naming the first pattern that is not a valid expression.

    >>> compile_patterns(("follow us on .+",)).fullmatch("Follow us on Mastodon")
    True
    >>> compile_patterns(("ok", "(unclosed"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: boilerplate pattern 2 '(unclosed' is not a valid regular expression: missing ), ...
    """
    return LinePatterns(patterns) if patterns else None


def check_patterns(patterns: Iterable[str], item: str = "boilerplate pattern") -> None:
    """Raise :class:`ValueError` for the first of ``patterns`` that is not a valid regular
    expression, naming it ``item`` and its place among ``patterns`` (counted from 1).

    >>> check_patterns(["ok", "(unclosed"], "clean.boilerplate item")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: clean.boilerplate item 2 '(unclosed' is not a valid regular expression: missing ...
    """
    for number, pattern in enumerate(patterns, 1):
        compile_line_pattern(pattern, number, item)


def remove_boilerplate_lines(text: str, patterns: Iterable[str] | None = None) -> list[Change]:
    """Remove lines that match a boilerplate pattern as a whole ("Read more: ...",
    "Follow us on ...", "All rights reserved"), with the line break or blank line around them.

    ``patterns`` defaults to :func:`default_boilerplate_patterns`.

    >>> fixed(remove_boilerplate_lines, "Rates rose.\\nFollow us on Twitter\\n© 2024 Example News")
    'Rates rose.'

    A sentence that merely mentions the words is not boilerplate, nor one that starts like it
    (the patterns want the shape of the furniture: a platform after "Follow us on", a sign or a
    year after "Copyright", a headline with no full stop after "Read more:"):

    >>> unchanged = "Officials said they would follow us on the issue, and read more reports."
    >>> fixed(remove_boilerplate_lines, unchanged) == unchanged
    True
    >>> unchanged = "Copyright law changed in 2021.\\nJoin us on the picket line, the union said."
    >>> fixed(remove_boilerplate_lines, unchanged) == unchanged
    True

    A copyright notice (``©``, "All rights reserved") that ends a line after its sentences goes
    alone, as when ``ingest`` joined the line of the notice to the paragraph above it:

    >>> fixed(remove_boilerplate_lines, "Talks ended. Copyright © 2024 AAP. All rights reserved.")
    'Talks ended.'
    """
    pattern = compile_patterns(
        default_boilerplate_patterns() if patterns is None else tuple(patterns)
    )
    if pattern is None:
        return []
    lines = list(LINE_CONTENT.finditer(text))
    contents = [line.group() for line in lines]
    furniture = [pattern.fullmatch(line) and not _ATTRIBUTED.search(line) for line in contents]
    if len(contents) > 1 and _is_live_blog_opening(contents[0], contents[1]):
        furniture[1] = False
    for index, line in enumerate(lines[1:], 1):  # not the first: a live blog's heading
        if not furniture[index] and is_promo_line(contents[index]) and _alone(text, line):
            furniture[index] = True
    for first, end in [*headline_lists(contents, furniture), *section_menus(contents)]:
        furniture[first:end] = [True] * (end - first)
    for index in _header_times(contents, furniture):  # the story's own, under its headline
        furniture[index] = False
    for index in _table_rows(text, lines):  # a table's header row is no row of links
        furniture[index] = False
    spans = []
    notice = _may_hold_notice(text)
    for line, stripped, goes in zip(lines, contents, furniture, strict=True):
        start = line.start()
        if goes:
            spans.append((start, start + len(stripped)))
        elif notice and (tail := _notice_after_sentences(stripped, pattern)) is not None:
            spans.append((start + tail, start + len(stripped)))
    return removal_changes(text, spans)


# When the story was posted or updated ("Posted Thu 14 March at 6:12am", "Updated 11:42 p.m.
# ET", "Posted 3 hours ago"): in the text's header, the story's own line; elsewhere the page's.
_PAGE_TIME = lazyre.compile(
    r"(?:posted|updated|published|last updated|first published|last modified|modified)\b"
    r".*(?:\d|\bago\b)",
    re.IGNORECASE,
)
# A line of the header between the headline and the story's time: a byline ("By Jo Li"), or
# a line of three words at most that ends no sentence and is no list's item or label
# ("Business Reporter", "Austin Bureau"; not "- Crews remain", "Best Film: Dune", "Power is
# out for 40,000 homes").
_HEADER_LINE = lazyre.compile(
    r"(?:By|BY) \S.*|(?![-*•●▪◦‣⁃]|\d+[.)])(?!.*:\s)(?:\S+ ){0,2}\S+(?<![.!?:])"
)
_HEADER_LINES = 5


def _header_times(contents: list[str], furniture: list[bool]) -> list[int]:
    """The lines among the first :data:`_HEADER_LINES` that say when the story was posted or
    updated, after its headline and perhaps its byline, one after the other (no line before
    them furniture: the times of a list of headlines are the page's; none after another line:
    a live blog's entries have their own).

    >>> _header_times(["Storm hits coast", "By Jo Li", "Updated 11:42 p.m. ET", "Rain fell."],
    ...               [False, False, True, False])
    [2]
    >>> _header_times(["Trending", "Mayor quits", "Posted 2 hours ago"], [True, True, True])
    []
    >>> _header_times(["Key points:", "- Crews remain", "Posted 3 hours ago"], [False, False, True])
    []
    >>> _header_times(["Live: Storm", "Updated 5 min ago", "6:12am", "Posted 6:12am"], [0, 1, 0, 1])
    [1]
    >>> _header_times(["Rain fell.", "Posted 5h ago", "Roads flooded."], [False, True, False])
    []
    """
    if not contents or _ENDS_AS_SENTENCE.search(contents[0]):
        return []  # the text opens with its first sentence, no headline
    times: list[int] = []
    for index, line in enumerate(contents[:_HEADER_LINES]):
        if index and _PAGE_TIME.match(line):
            times.append(index)
        elif times or furniture[index] or (index and not _HEADER_LINE.fullmatch(line)):
            break
    return [index for index in times if furniture[index]]


def _table_rows(text: str, lines: list[re.Match[str]]) -> list[int]:
    """The lines that hold bars (``|``) as many as the line right above or below them, with no
    blank line between: the rows of a table in text ("Candidate | Likely voters | Registered
    voters" over "Nakamura (D) | 44% | 43%").

    >>> text = "Poll:\\nCandidate | Likely | All\\nLi | 44% | 43%\\n\\nHome | News | Sport"
    >>> _table_rows(text, list(LINE_CONTENT.finditer(text)))
    [1, 2]
    """
    if "|" not in text:
        return []
    bars = [line.group().count("|") for line in lines]
    rows = []
    for index, line in enumerate(lines):
        if not bars[index]:
            continue
        above = index and bars[index - 1] == bars[index] and _adjacent(text, lines[index - 1], line)
        below = index + 1 < len(lines) and bars[index + 1] == bars[index]
        if above or (below and _adjacent(text, line, lines[index + 1])):
            rows.append(index)
    return rows


def _adjacent(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two lines follow each other with no blank line between them."""
    return text.count("\n", first.end(), second.start()) == 1


def is_promo_line(line: str) -> bool:
    """Whether ``line`` is a promotion's shape: a short label, a colon and a headline of
    :data:`_PROMO_WORDS` words at most, with no quotation mark and no full stop, question or
    exclamation mark at its end ("Trending Now: Airport lines could get longer", "Health News
    Today: Get the latest research in your inbox"; see ``_PROMO``). A byline's, a credit's
    or a contact's label (``Author: Chase Winter``) is the article's, and so is a question
    after a speaker's label (``DW: Was that just German angst?``) or a transcript's line, whose
    sentences a headline does not have (``PRESIDENT: Thank you. God bless you all. [applause]``).

    >>> is_promo_line("Campaign Cash Tracker: See who is funding the 2024 races in your state")
    True

    A teaser's one word labels the same shape (``Watch: Premier faces reporters after cabinet
    meeting``, ``More: Former minister breaks silence``), but for a fact box's digits
    (``Watch: Channel Seven from 7.25pm AEST``, ``More: Tickets from $25``), and so does ``More
    from`` a section (``More from Politics: ...``); a value holding a date or a day is a fact
    box's (``Match Details: Saturday at the MCG``).

    >>> [is_promo_line(line) for line in ("Watch: Premier faces reporters", "WATCH: Channel "
    ...  "Seven from 7.25pm", "Match Details: Sat at the MCG", "Listen: the wind is calling")]
    [True, False, False, False]
    >>> [is_promo_line(line) for line in ("Author: Chase Winter, Berlin bureau", "Labor: 45",
    ...  "SMITH: We will win the seat.", "Explainer: What is the skate?", 'Li: "We won"',
    ...  "PRESIDENT: Thank you. God bless you all. [applause]")]
    [False, False, False, False, False, False]
    """
    match = _PROMO.fullmatch(line)
    if match is None or match["label"].lower() in _NOT_PROMO_LABELS:
        return False
    rest = match["rest"]
    return (
        3 <= len(rest.split()) <= _PROMO_WORDS
        and not _SENTENCE_INSIDE.search(rest)
        and "," not in rest  # a list: "Goals: Fritsch 3, Petracca 2", "Starring: ..."
        and not _ATTRIBUTED_END.search(rest)
        and not _DATED.search(rest)
        # a teaser's one word also labels a fact box's line: "Watch: Channel Seven from 7.25pm"
        and not (match["teaser"] and _DIGIT.search(rest))
    )


# The label: two to four words, each capitalised but for a few short words between them
# ("Trending Now", "LIVE SCORECARD", "Health News Today", "State of Play"), no digit (a
# part's or a step's number: "Part 2: The road to recovery"), not opening as a sentence does
# ("The results: ..."), or "More from" a section or an outlet ("More from Politics"; not
# "Flights from Melbourne", "Caller from Toowoomba"); one word is a fact box's ("Crowd:",
# "Verdict:") or a speaker's ("SMITH:"), but for a teaser's (``teaser``: "Watch:", "More:").
# The rest: a capital first (not "45,321 at the MCG"), no quotation mark, ending without a
# stop, a dash or an ellipsis (a speaker broken off: "REPORTER: Prime Minister -").
_PROMO = lazyre.compile(
    r"(?!(?:The|A|An|This|That|It|He|She|We|They|I|You)\b)"
    r"(?P<label>[A-Z][^\W\d_][\w'’&-]*(?: (?:of|the|and|in|on|for|to|at|&))?"
    r"(?: [A-Z][^\W\d_][\w'’&-]*(?: (?:of|the|and|in|on|for|to|at|&))?){1,3}"
    r"|(?:More|MORE) (?:from|From|FROM)(?: the)?(?: [A-Z][\w'’&-]*){1,3}"
    r"|Trending now"
    r"|(?P<teaser>Watch|WATCH|Listen|LISTEN|Video|VIDEO|More|MORE)):[ \t]+"
    r"(?P<rest>[A-Z][^\"“”«»\n]*[^\"“”«».!?\s—–…-])"
)
_PROMO_WORDS = 16
# The verbs that say who said it, in a promotion's headline or after a sentence's comma.
_REPORTING_VERBS = (
    r"(?:said|says|told|tells|added|adds|advises|advised|warned|warns|heard|wrote|writes|urged"
    r"|urges|confirmed|announced)"
)
# Who said it: news, not a promotion ("Breaking: The minister quit on Friday officials said").
_ATTRIBUTED_END = lazyre.compile(rf"\b{_REPORTING_VERBS}\b")
_SENTENCE_INSIDE = lazyre.compile(r"[.!?][\"'”’)\]]*\s")
# A fact box's value that holds a date or a day ("Match Details: Saturday at the MCG", "Polling
# Day: Sat May 3", "Key Dates: Nominations close at noon on March 3", "Opening Hours: Mon to
# Fri"), not a headline ("Trending Now: Monday's storm in pictures").
_DATED = lazyre.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat"
    r"|Sun)\.?|January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)(?![\w'’-])"
)
_DIGIT = lazyre.compile(r"\d")
# Labels over the article's own lines: its byline, credits, sources and contacts.
_NOT_PROMO_LABELS = frozenset(
    {"author", "authors", "by", "written by", "reporting by", "editing by", "words", "photo",
     "photos", "photograph", "photography", "picture", "pictures", "image", "images", "credit",
     "credits", "source", "sources", "contact", "media contact", "email", "e-mail", "tel",
     "phone", "q", "a"}
)  # fmt: skip


def _alone(text: str, line: re.Match[str]) -> bool:
    """Whether ``line`` is a paragraph of its own: blank lines (or the text's ends) around it.
    Only the characters next to it are read, however long the text.

    >>> [_alone(t, LINE_CONTENT.search(t, 3)) for t in ("Hi.\\n\\nAd\\n\\nNo.", "Hi.\\nAd")]
    [True, False]
    """
    return _blank_on(text, line.start(), -1) and _blank_on(text, line.end(), 1)


def _blank_on(text: str, position: int, step: int) -> bool:
    """Whether a blank line, or the text's edge, comes first from ``position`` going the way
    of ``step`` (-1 back, 1 on), past spaces and tabs."""
    newlines = 0
    index = position - 1 if step < 0 else position
    while 0 <= index < len(text):
        character = text[index]
        if character == "\n":
            newlines += 1
            if newlines == 2:
                return True
        elif character not in " \t":
            return False
        index += step
    return True


def _is_live_blog_opening(first: str, second: str) -> bool:
    """Whether ``second``, under the headline ``first`` (no final stop), is a live blog's own
    opening sentence ("Follow our live coverage of the bushfire emergency in the Blue
    Mountains."), which elsewhere is a call to it (boilerplate.txt: "... of the count here").

    >>> [_is_live_blog_opening("Fires in the Blue Mountains", f"Follow our live coverage {end}")
    ...  for end in ("of the fires.", "here.")], _is_live_blog_opening("Labor won.", "Follow ...")
    ([True, False], False)
    """
    return (
        not _ENDS_NO_HEADLINE.search(first)
        and second.endswith(".")
        and _LIVE_BLOG_OPENING.match(second) is not None
        and _POINTS_AWAY.search(second) is None
    )


_LIVE_BLOG_OPENING = lazyre.compile(r"(?:follow|read) our live (?:coverage|blog|updates)\b", re.I)
_POINTS_AWAY = lazyre.compile(r"\b(?:here|above)\b", re.I)  # (not "below": the entries follow)
# A sentence that says who said it ("..., the airline said.", "..., Ms Li says.") is news,
# whatever a pattern's free tail took in; a headline under "Read more:" ends with no stop.
_ATTRIBUTED = lazyre.compile(rf",[^,]{{1,40}}\b{_REPORTING_VERBS}\b[^,]{{0,40}}[.!]$")


# The label over a list of links to other articles ("More from City Hall", "Most read",
# "Recommended for you", "You may also like:") or of the page's topics ("Topics"), alone on
# its line: a short one. (Those that never head an article's own lines go even with no list
# under them: a line of boilerplate.txt.)
_LIST_LABEL = lazyre.compile(
    r"(?:(?:more|latest) (?:from|in|on) (?:the )?(?-i:[A-Z])[\w'’&-]*(?: [\w'’&-]+){0,3}"
    r"|most (?:read|popular|viewed|shared|watched|commented)"
    r"(?: (?:stories|articles|today|this week|now|in [\w ]{1,30}))?"
    r"|(?:recommended|suggested|related|popular|trending|top|latest|more|other) "
    r"(?:for you|stories|articles|news|reads|videos|headlines|reading|coverage)"
    r"|recommended(?: for you)?|trending(?: now)?|popular now|editor(?:s|['’]s|s['’])? picks"
    r"|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|(?:what )?to read next"
    r"|read next|up next|watch next|don['’]t miss|in other news|in case you missed it"
    r"|further reading"
    r"|more stories(?: like this)?|around the web|from (?:around the web|our partners)"
    r"|(?:sponsored|promoted|partner) (?:stories|links|content)"
    r"|popular in [^.!?]{1,40}|(?:(?:related|suggested|popular|trending|more) )?topics|tags"
    r"|filed under|related|key events)\s*:?",
    re.IGNORECASE,
)
_LABEL_LENGTH = 60
# A headline in such a list: a line of at most this many words that does not end as a
# sentence ends (with a full stop, a question or an exclamation mark, perhaps inside a quote
# or bracket: "REPORTER: Will you commit to more beds?" in a transcript is no headline).
_HEADLINE_WORDS = 20
_ENDS_NO_HEADLINE = lazyre.compile(r"[.;:,?!][\"'”’»)\]]*\Z")


def headline_lists(lines: list[str], furniture: list[bool]) -> list[tuple[int, int]]:
    """The ranges of ``lines`` that are lists of links to other articles: a list's label
    (``_LIST_LABEL``), then the headlines under it (lines of no sentence: no final full stop)
    up to the end of the text, or two of them at least before the article goes on. Lines
    already known as ``furniture`` (a date under a headline) are part of the list.

    >>> lines = ["Rain fell.", "More from City Hall", "Mayor quits", "Budget passes"]
    >>> headline_lists(lines, [False] * 4)
    [(1, 4)]

    A label that a sentence follows, or a single headline before more of the article, is
    kept: a heading of the article may read like a label.

    >>> headline_lists(["Most read", "The mayor quit on Friday.", "Mayor quits"], [False] * 3)
    []
    >>> headline_lists(["Up next", "The budget", "It passed on Friday."], [False] * 3)
    []

    A headline ends no sentence, and another label ends the list: the text's own title between
    two labels is no list.

    >>> headline_lists(["Most read", "Cyclist killed in crash", "Top stories", "A man died."],
    ...                [False] * 4)
    []

    A label whose list runs to the end of the text is the list's, though all its lines are
    furniture (a sponsored link, "Advertisement"):

    >>> headline_lists(["Rain fell.", "Recommended for you", "Advertisement"], [False, False, True])
    [(1, 3)]


    A time alone heads a live blog's entry: it ends the list.

    >>> headline_lists(["Key events", "Stumps", "Tea", "5.10pm AEDT", "Play ended."], [False] * 5)
    [(0, 3)]
    """
    found = []
    index = 0
    while index < len(lines):
        end = index + 1
        if _is_list_label(lines[index]):
            while end < len(lines) and (furniture[end] or _is_headline(lines[end])):
                end += 1
            items = end - index - 1
            headlines = items - sum(furniture[index + 1 : end])
            if headlines >= 2 or (end == len(lines) and items >= 1):
                found.append((index, end))
            else:
                end = index + 1
        index = end
    return found


# A site's menu: this many section names or more, one to a line.
_MENU_ITEMS = 5
# The site's name over its menu ("ABC News"): a short line with no punctuation of a sentence.
_SITE_NAME = lazyre.compile(r"[^.,;:!?\n]{1,40}")


def section_menus(lines: list[str]) -> list[tuple[int, int]]:
    """The ranges of ``lines`` that are a site's menu: :data:`_MENU_ITEMS` section names or more
    (``site_sections.txt``) one after the other, with the short line above them that names the
    site; a list that a line ending with a colon introduces is the article's own. A line that
    holds nothing but such names, spaces between them, is a menu too.

    >>> section_menus(["ABC News", "Just In", "Politics", "World", "Business", "Sport",
    ...                "Rain fell on Monday."])
    [(0, 6)]
    >>> section_menus(["The festival has five stages:", "Food", "Arts", "Culture", "Travel",
    ...                "Health"])
    []
    >>> section_menus(["Home  Politics  Courts Congress White House Opinion", "Rain fell."])
    [(0, 1)]
    """
    sections = _sections()
    found = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and lines[end].lower() in sections:
            end += 1
        if end - index < _MENU_ITEMS:
            if end == index and is_menu_line(lines[index]):
                found.append((index, index + 1))
            index = end + 1
            continue
        before = lines[index - 1] if index else ""
        if not before.endswith(":"):
            named = bool(before) and _SITE_NAME.fullmatch(before) is not None
            found.append((index - named, end))
        index = end
    return found


def is_menu_line(line: str) -> bool:
    """Whether ``line`` is :data:`_MENU_ITEMS` section names or more (``site_sections.txt``,
    a name of up to :data:`_LONGEST_SECTION` words) and nothing else, spaces between them.

    >>> is_menu_line("News Politics Sports Business Opinion Obituaries e-Edition")
    True
    >>> is_menu_line("Politics, sports and business news"), is_menu_line("News Politics World")
    (False, False)
    """
    if _ENDS_NO_HEADLINE.search(line):
        return False  # (most lines of an article, told at once)
    words = line.lower().split()
    if len(words) < _MENU_ITEMS or len(words) > _MENU_MOST_WORDS:
        return False
    sections = _sections()
    names = start = 0
    while start < len(words):
        for size in range(min(_LONGEST_SECTION, len(words) - start), 0, -1):
            if " ".join(words[start : start + size]) in sections:
                start += size
                names += 1
                break
        else:
            return False
    return names >= _MENU_ITEMS


_LONGEST_SECTION = 3  # words
_MENU_MOST_WORDS = 30  # a menu on one line: five names or more, and no longer than this


@cache
def _sections() -> frozenset[str]:
    return frozenset(data_words("site_sections.txt"))


# A time alone on its line heads a live blog's next entry ("5.10pm AEDT", "9:30 a.m. ET"):
# no headline of a list.
_LIVE_BLOG_TIME = lazyre.compile(
    r"\d{1,2}(?:[.:]\d\d)?\s?(?:[ap]\.?m\.?)?(?:\s(?-i:[A-Z]{2,5}))?", re.IGNORECASE
)


def _is_headline(line: str) -> bool:
    if line.count(" ") >= _HEADLINE_WORDS or _ENDS_NO_HEADLINE.search(line):
        return False
    if _LIVE_BLOG_TIME.fullmatch(line) or _is_byline(line):
        return False
    return not _is_list_label(line)  # another label ends the list


def _is_byline(line: str) -> bool:
    """A byline, which ends no sentence but is the article's: "By ..." or a name with its
    agency in brackets ("Hamish Burke (AAP)").

    >>> _is_byline("Hamish Burke (AAP)"), _is_byline("By Jo Li"), _is_byline("Mayor quits (video)")
    (True, True, False)
    """
    if line.startswith("By "):
        return True
    credit = _CREDIT_IN_BRACKETS.search(line)
    return credit is not None and credit["agency"] in agency_names()


_CREDIT_IN_BRACKETS = lazyre.compile(r"\((?P<agency>[^()]{2,20})\)$")


def _is_list_label(line: str) -> bool:
    return len(line) <= _LABEL_LENGTH and _LIST_LABEL.fullmatch(line) is not None


def _may_hold_notice(text: str) -> bool:
    """False when no line of ``text`` can hold a notice's sign (see ``_NOTICE``): a test of
    what every such sign holds, many times quicker than the case-blind pattern (none of these
    letters has a look-alike that the pattern takes for it, as ``ſ`` is taken for ``s``).

    >>> _may_hold_notice("Rain fell."), _may_hold_notice("Rain fell. ALL RIGHTS RESERVED")
    (False, True)
    """
    if "©" in text:
        return True
    rved = ght = False
    for start in range(0, len(text), _LOWER_CHUNK):
        # a piece at a time: lower() of a long text outside Latin-1 takes twelve times its
        # length while it works; 3 more characters, so that no sign is lost across a cut
        piece = text[start : start + _LOWER_CHUNK + 3].lower()
        if "(c)" in piece:
            return True
        rved, ght = rved or "rved" in piece, ght or "ght" in piece
        if rved and ght:
            return True
    return False


_LOWER_CHUNK = 1 << 16


def _notice_after_sentences(line: str, pattern: LinePatterns) -> int | None:
    """Where a copyright notice that ends ``line`` starts (0: the line is the notice): the
    first sentence start from which the rest of the line holds a notice's sign (see
    ``_NOTICE``) and is boilerplate, matching ``pattern`` as a whole or sentence by sentence
    (a wire service's notice and terms, longer than any one pattern takes).

    >>> pattern = compile_patterns(default_boilerplate_patterns())
    >>> _notice_after_sentences("Rain fell. © 2024 AAP", pattern)
    11
    >>> _notice_after_sentences("Copyright 2024 The Associated Press. All rights reserved. "
    ...     "This material may not be published, broadcast, rewritten or redistributed.", pattern)
    0
    >>> _notice_after_sentences("Rain fell. Follow us on X", pattern) is None  # a sentence
    True
    """
    if not _may_hold_notice(line) or not _NOTICE.search(line):
        return None  # (the quick test first: the case-blind pattern is tried at every place)
    last_sign = max(sign.start() for sign in _NOTICE.finditer(line))  # found once, not per start
    spans = list(iter_sentence_spans(line))
    found = None
    # from the last sentence back, while each sentence is boilerplate on its own
    for start, end in reversed(spans):
        if not pattern.fullmatch(line, start, end):
            break
        if start <= last_sign:
            found = start
    for start, _ in spans:
        if (found is not None and start >= found) or start > last_sign:
            break
        if start and pattern.fullmatch(line, start):
            return start
    return found


def remove_repeated_paragraphs(text: str) -> list[Change]:
    """Remove a paragraph that repeats an earlier one word for word (spacing aside), and a run
    of paragraphs that repeats an earlier run as a whole, its short ones included.

    >>> fixed(remove_repeated_paragraphs, "The vote is on Monday.\\n\\nIt is close.\\n\\n"
    ...       "The  vote is on Monday.")
    'The vote is on Monday.\\n\\nIt is close.'

    A repeated block goes whole, the byline or credit in it too (see :func:`repeated_runs`):

    >>> fixed(remove_repeated_paragraphs, "Polls close at eight.\\n\\nAlex Bieri.\\n\\n"
    ...       "Turnout was high.\\n\\nPolls close at eight.\\n\\nAlex Bieri.")
    'Polls close at eight.\\n\\nAlex Bieri.\\n\\nTurnout was high.'

    Short paragraphs (fewer than three words), credits and other lines that are no sentence
    stay when they merely recur:

    >>> fixed(remove_repeated_paragraphs, "Yes.\\n\\nReally?\\n\\nYes.\\n\\nGetty Images.")
    'Yes.\\n\\nReally?\\n\\nYes.\\n\\nGetty Images.'
    >>> unchanged = "Photo: Jo Li/AAP\\n\\nMills won.\\n\\nPhoto: Jo Li/AAP\\n\\nHe left."
    >>> fixed(remove_repeated_paragraphs, unchanged) == unchanged
    True
    """
    # its words, one space between them (a paragraph has no white space at either end); not
    # split into a list of words, which for a long paragraph costs ten times its size
    paragraphs = paragraphs_from_blank_lines(text)
    keys = [_single_spaced(paragraph) for paragraph in paragraphs]
    if len(set(keys)) == len(keys):
        return []  # no paragraph repeats another: most texts
    lists = {key for key, paragraph in zip(keys, paragraphs, strict=True) if _is_list(paragraph)}
    blocks = blocks_from_blank_lines(text)
    spans = [(blocks[i].start, blocks[i].end) for i in repeated_runs(keys, lists)]
    return removal_changes(text, spans)


def _is_list(paragraph: str) -> bool:
    """A paragraph of two lines or more and six words or more (a list's items, an address):
    pasted again alone, it is a repeat, as a sentence is (a credit or a caption is one line).

    >>> _is_list("- Grampians Rd\\n- Mt Victory Rd\\n- Northern Rd"), _is_list("- Yes\\n- No")
    (True, False)
    """
    return "\n" in paragraph and len(paragraph.split()) >= _MIN_LIST_WORDS


_MIN_LIST_WORDS = 6


def _single_spaced(paragraph: str) -> str:
    """``paragraph`` with one plain space for each run of white space in it; most paragraphs
    have one already, as a quick test shows (no other white space is printable).

    >>> _single_spaced("The  vote\\tis on\\nMonday."), _single_spaced("The vote.")
    ('The vote is on Monday.', 'The vote.')
    """
    if "  " not in paragraph and paragraph.isprintable():
        return paragraph
    return _IRREGULAR_SPACE.sub(" ", paragraph)


# How many earlier places of a paragraph are tried as the start of the run it repeats.
_RUN_CANDIDATES = 8


def repeated_runs(keys: list[str], lists: Collection[str] = ()) -> list[int]:
    """Indexes of the ``keys`` (paragraphs) that repeat earlier ones: each longest run of
    paragraphs repeating an earlier run, when one of them has three words or more; a single
    paragraph that recurs alone is a repeat when it reads as prose (:func:`reads_as_prose`) or
    is one of ``lists`` (see :func:`_is_list`), or when a byline or a live blog's time comes
    right after itself (:func:`_doubled`).

    >>> repeated_runs(["A b c.", "Bio.", "X y z.", "A b c.", "Bio.", "Bio.", "Q."])
    [3, 4]
    >>> repeated_runs(["Yes.", "No.", "Yes.", "No."])  # no paragraph of three words
    []
    >>> repeated_runs(["A b c.", "Jo Li (AAP)", "Jo Li (AAP)", "Jo Li (AAP)", "8:02 p.m.",
    ...                 "8:02 p.m.", "Photo: AAP", "Photo: AAP", "Four more", "Four more"])
    [2, 3, 5]
    >>> repeated_runs(["Photo: Jo Li/AAP", "A b c.", "Photo: Jo Li/AAP", "A b c.", "Q."])
    [2, 3]
    """
    places: dict[str, list[int]] = {}
    repeated: list[int] = []
    last_kept = -1  # the paragraph kept last, which a pasted byline repeats
    index = 0
    while index < len(keys):
        earlier = places.get(keys[index], [])[-_RUN_CANDIDATES:]
        length = max((_common_run(keys, start, index) for start in earlier), default=0)
        for i in range(index, index + max(length, 1)):
            places.setdefault(keys[i], []).append(i)
        run = keys[index : index + length]
        if (len(run) > 1 and any(map(_has_words_enough, run))) or (
            run and (reads_as_prose(run[0]) or run[0] in lists or _doubled(keys, index, last_kept))
        ):
            repeated += range(index, index + length)
        else:
            last_kept = index + max(length, 1) - 1
        index += max(length, 1)
    return repeated


def _doubled(keys: list[str], index: int, last_kept: int) -> bool:
    """Whether paragraph ``index`` is a byline or a live blog's time pasted right after itself
    ("Claire Nunn (AAP)", "8:02 p.m."): the paragraph kept last before it (``last_kept``) is
    the same. Any other short paragraph may stand twice in a row: a credit under two photos, a
    chant, a flattened table's cell (``W``, ``77``), a transcript's ``No.``."""
    key = keys[index]
    if not (_is_byline(key) or (_LIVE_BLOG_TIME.fullmatch(key) and not key.isdigit())):
        return False
    return last_kept >= 0 and keys[last_kept] == key


def reads_as_prose(paragraph: str) -> bool:
    """Whether a paragraph reads as a sentence or more: three words or more, ending as a
    sentence ends (a transcript's mark may follow), and no credit or caption label.

    >>> [reads_as_prose(p) for p in ("The vote is on Monday.", "Yes.", "Photo: Jo Li/AAP.",
    ...                              "Key dates this week", "Will you go? [interjections]")]
    [True, False, False, False, True]
    """
    return (
        _has_words_enough(paragraph)
        and _ENDS_AS_SENTENCE.search(paragraph) is not None
        and not _CREDIT_LABEL.match(paragraph)
    )


def _has_words_enough(paragraph: str) -> bool:
    return paragraph.count(" ") + 1 >= _MIN_REPEATED_WORDS


def _common_run(keys: list[str], earlier: int, later: int) -> int:
    """How many keys from ``later`` on repeat those from ``earlier`` on, the earlier run ending
    where the later one starts at the latest: in credit, caption, credit, caption, credit (a
    caption and its credit pasted again after two photos' credits), the repeat is the
    caption and one credit, not the three.

    >>> _common_run(["a", "b", "a", "b", "c"], 0, 2), _common_run(["p", "s", "p", "s", "p"], 0, 2)
    (2, 2)
    """
    length = 0
    while (
        later + length < len(keys)
        and earlier + length < later
        and keys[earlier + length] == keys[later + length]
    ):
        length += 1
    return length
