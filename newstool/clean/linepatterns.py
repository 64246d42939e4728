"""Many case-blind patterns matched against whole lines, quickly: what one alternation of them
matches, at a fraction of its cost.

The regex engine enters every branch of a case-blind alternation in full for every line (it
skips a branch by its first character only when the branch is case-sensitive), so a hundred
boilerplate patterns cost a line a hundred starts. Here each pattern is compiled alone, and a
line is tried only against the patterns that can start with its first character, as read from
each pattern's parse (:func:`ascii_starts`). A line that starts outside ASCII is tried against
every pattern: case-blind matching relates some of those characters to others in ways no
simple table gives (``ſ`` matches ``s``, ``K``, the Kelvin sign, ``k``).

Patterns that may start anywhere (``.{0,300},? opens (in )?(a )?new (tab|window)``) are tried
on most lines, and cost most. Each pattern's parse also names the text every match must hold
(:func:`required_text`: `` opens `` there); an ASCII line that holds none of it, in lower case, is
not tried against that pattern.

>>> lines = LinePatterns(("follow us on .+", r"(\\d+ )?comments?"))
>>> lines.fullmatch("Follow us on Mastodon"), lines.fullmatch("12 comments")
(True, True)
>>> lines.fullmatch("Rain fell."), lines.fullmatch("Sign up: comments", 9)
(False, True)
"""

from __future__ import annotations

import re
from functools import cache
from re import _compiler, _parser
from re import _constants as sre  # the parse's node names (re's own modules, since 3.11)

_ASCII = frozenset(map(chr, range(128)))
_FEW_STARTS = 32  # a pattern that may start with more (lower-case) characters: a look first
# The flag as a plain number, as re.compile passes it on (its enum is slow in the compiler).
_CASE_BLIND = re.IGNORECASE.value


class LinePatterns:
    """``patterns``, each compiled case-blind, grouped by the ASCII characters a match can start
    with. Raises :class:`ValueError` naming the first pattern that is not a valid expression
    (``item`` and its place among ``patterns``, counted from 1)."""

    def __init__(self, patterns: tuple[str, ...], item: str = "boilerplate pattern") -> None:
        self.every: list[re.Pattern[str]] = []
        # For each first character (lower case): every pattern that can start with it (for a
        # line not in ASCII); those a line in ASCII is tried against at once; and, for those
        # that may start almost anywhere, each text one of which the line must hold first
        # (a text outside ASCII is never in such a line: not listed).
        self._by_start: dict[str, tuple[list[re.Pattern[str]], list[re.Pattern[str]], list[_Needs]]]
        self._by_start = {key: ([], [], []) for key in _keys(_ASCII)}
        for number, pattern in enumerate(patterns, 1):
            parsed, compiled = compile_line_pattern(pattern, number, item)
            self.every.append(compiled)
            starts = _keys(ascii_starts(parsed))
            # A pattern that starts with one of a few characters fails at a line's first ones,
            # sooner than a search of the line for a text would.
            required = required_text(parsed) if len(starts) > _FEW_STARTS else None
            for key in starts:
                every, at_once, needing = self._by_start[key]
                every.append(compiled)
                if required is None:
                    at_once.append(compiled)
                else:
                    needing += ((text, compiled) for text in required if text.isascii())

    def fullmatch(self, line: str, pos: int = 0, endpos: int | None = None) -> bool:
        """Whether one of the patterns matches ``line[pos:endpos]`` as a whole."""
        pos, end = max(pos, 0), len(line) if endpos is None else endpos
        first = line[pos : pos + 1]
        if not (first and first.isascii() and pos < end):
            return any(pattern.fullmatch(line, pos, end) for pattern in self.every)
        every, at_once, needing = self._by_start[first.lower()]
        segment = line[pos:end]
        if not segment.isascii():  # case-blind matching of other characters: no shortcut
            return any(pattern.fullmatch(line, pos, end) for pattern in every)
        if any(pattern.fullmatch(line, pos, end) for pattern in at_once):
            return True
        lowered = segment.lower()
        return any(
            text in lowered and pattern.fullmatch(line, pos, end) for text, pattern in needing
        )


def compile_line_pattern(
    pattern: str, number: int, item: str
) -> tuple[_parser.SubPattern, re.Pattern[str]]:
    """The parse of ``pattern`` and the pattern compiled from it (parsed once, not twice),
    case-blind; a :class:`ValueError` naming it (``item`` and its ``number``) when it is not
    a valid expression, found by the parser or by the compiler (``(?<=a+)b``).

    >>> compile_line_pattern("(?<=a+)b", 3, "item")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: item 3 '(?<=a+)b' is not a valid regular expression: look-behind requires ...
    """
    try:
        parsed = _parser.parse(pattern, _CASE_BLIND)
        return parsed, _compiler.compile(parsed, _CASE_BLIND)
    except re.error as exc:
        raise ValueError(
            f"{item} {number} {pattern!r} is not a valid regular expression: {exc}"
        ) from None


_Needs = tuple[str, re.Pattern[str]]  # a text that a pattern needs, and the pattern


def required_text(pattern: str | _parser.SubPattern) -> tuple[str, ...] | None:
    r"""Texts, in lower case, one of which every case-blind match of ``pattern`` (or of its
    parse) holds when the text matched is ASCII; None when the parse promises none this can
    tell. A text holding a character outside ASCII can never be in an ASCII line: a pattern
    that needs it never matches one.

    >>> required_text(r".{0,300},? opens (in )?(a )?new (tab|window)")
    (' opens ',)
    >>> required_text(r".{0,120}\b(sign up|subscribe|register) (for|to) our\b.*")
    ('sign up', 'subscribe', 'register')
    >>> required_text("[^\n]{0,250}[▾▸≡][^\n]{0,250}"), required_text(r"\d+|more")
    (('▾', '▸', '≡'), None)

    Case-sensitive groups need their text in lower case too; what a look-around sees may lie
    outside the match, and a letter that a case-blind match takes for another (``ſ`` for
    ``s``) cannot be told by its lower case, so neither counts:

    >>> required_text("(?-i:Tags) .+"), required_text(r"(?=.*xyz)\w+"), required_text("ſtop")
    (('tags',), None, None)
    """
    parsed = _parser.parse(pattern, _CASE_BLIND) if isinstance(pattern, str) else pattern
    needs = _sequence_needs(parsed)
    return None if needs is None else _lowered(needs)


def _sequence_needs(nodes) -> tuple[str, ...] | None:
    """The most telling of what a sequence of nodes needs: its runs of literal characters and
    each node's own needs; the longer the shortest text, the more telling."""
    found: list[tuple[str, ...]] = []
    run: list[str] = []
    for op, argument in (*nodes, (None, None)):  # a last node that ends the last run
        if op is sre.LITERAL:
            run.append(chr(argument))
            continue
        if run:
            found.append(("".join(run),))
            run = []
        needs = _node_needs(op, argument) if op is not None else None
        if needs is not None:
            found.append(needs)
    usable = [needs for needs in found if all(map(_telling, needs))]
    if not usable:
        return None
    return max(usable, key=lambda needs: (min(map(len, needs)), -len(needs)))


def _node_needs(op, argument) -> tuple[str, ...] | None:
    """What one parse node needs of the text it matches (see :func:`_sequence_needs`)."""
    if (wrapped := _wrapped(op, argument)) is not None:
        body, fewest = wrapped
        return _sequence_needs(body) if fewest > 0 else None
    if op is sre.BRANCH:
        branches = [_sequence_needs(branch) for branch in argument[1]]
        if any(needs is None for needs in branches):
            return None
        return tuple(dict.fromkeys(text for needs in branches for text in needs))
    if op is sre.IN and 0 < len(argument) <= 32 and all(o is sre.LITERAL for o, _ in argument):
        return tuple(dict.fromkeys(chr(code) for _, code in argument))
    return None


def _telling(text: str) -> bool:
    """Whether a line's lower case tells if it holds ``text`` as a case-blind match would:
    ``text`` is ASCII (lowered like the line), or holds a character that no ASCII one
    matches, which an ASCII line then never holds."""
    return text.isascii() or any(not c.isascii() and not ascii_forms(c) for c in text)


def _lowered(needs: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(text.lower() if text.isascii() else text for text in needs))


def _keys(characters: frozenset[str]) -> set[str]:
    """The keys of ``characters`` in :class:`LinePatterns`: each in lower case."""
    return {character.lower() for character in characters}


def ascii_starts(pattern: str | _parser.SubPattern) -> frozenset[str]:
    r"""The ASCII characters a case-blind match of ``pattern`` (or of its parse) can start
    with, in both cases; every one where the parse holds a node this does not read.

    >>> sorted(ascii_starts(r"(\d+ )?comments?|©"))
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'C', 'c']
    >>> sorted(ascii_starts("(?=[^>]{1,9}+>)[#\\]]x|\\b\u212a"))  # (the Kelvin sign is a k)
    ['#', 'K', ']', 'k']
    >>> len(ascii_starts(".{0,80}x")), len(ascii_starts(r"(?P<a>x)(?P=a)?y"))
    (127, 2)
    """
    parsed = _parser.parse(pattern, _CASE_BLIND) if isinstance(pattern, str) else pattern
    starts, _ = _sequence_starts(parsed)
    return frozenset(starts)


def _sequence_starts(nodes) -> tuple[set[str], bool]:
    """What a sequence of parse nodes can start with, and whether it can match nothing."""
    starts: set[str] = set()
    for op, argument in nodes:
        found, empty = _node_starts(op, argument)
        starts |= found
        if not empty:
            return starts, False
    return starts, True


def _node_starts(op, argument) -> tuple[set[str], bool]:
    """What one parse node can start with, and whether it can match nothing."""
    if op is sre.LITERAL:
        return ascii_forms(chr(argument)), False
    if op is sre.NOT_LITERAL:
        return set(_ASCII - ascii_forms(chr(argument))), False
    if op is sre.IN:
        return _set_starts(argument), False
    if op is sre.ANY:
        return set(_ASCII - {"\n"}), False
    if op is sre.BRANCH:
        branches = [_sequence_starts(branch) for branch in argument[1]]
        return set().union(*(s for s, _ in branches)), any(e for _, e in branches)
    if (wrapped := _wrapped(op, argument)) is not None:
        body, fewest = wrapped
        starts, empty = _sequence_starts(body)
        return starts, empty or fewest == 0
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # takes no character (a lookahead only narrows what follows)
    return set(_ASCII), True  # anything else (a back reference): it may start with anything


def _wrapped(op, argument) -> tuple[list, int] | None:
    """The sequence of nodes a group or a repeat wraps, and the fewest times it matches; None
    for any other node."""
    if op is sre.SUBPATTERN:
        return argument[-1], 1
    if op is sre.ATOMIC_GROUP:
        return argument, 1
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _, body = argument
        return body, low
    return None


def _set_starts(items) -> set[str]:
    """The ASCII characters a character set (``[...]``, ``\\d``) takes."""
    members: set[str] = set()
    for op, argument in items:
        if op is sre.LITERAL:
            members |= ascii_forms(chr(argument))
        elif op is sre.RANGE:
            low, high = argument
            for code in (*range(low, min(high, 127) + 1), *_OUTSIDE_ASCII_FORMS):
                if low <= code <= high:
                    members |= ascii_forms(chr(code))
        elif op is sre.CATEGORY and argument in _CATEGORY:
            members |= _category_members(argument)
        elif op is not sre.NEGATE:
            return set(_ASCII)  # an item this does not read
    negated = any(op is sre.NEGATE for op, _ in items)
    return set(_ASCII - members) if negated else members


def ascii_forms(character: str) -> set[str]:
    """The ASCII characters a case-blind match of ``character`` takes: its other case, and for
    four characters outside ASCII the letters Python's matching takes them for (``ſ`` is
    ``s``; a test checks this against every character)."""
    if character in _OUTSIDE_ASCII_FORMS_BY_CHAR:
        return set(_OUTSIDE_ASCII_FORMS_BY_CHAR[character])
    forms = {character, character.lower(), character.upper()}
    return {form for form in forms if form.isascii() and len(form) == 1}


_OUTSIDE_ASCII_FORMS_BY_CHAR = {"\u0130": "Ii", "\u0131": "Ii", "\u017f": "Ss", "\u212a": "Kk"}
_OUTSIDE_ASCII_FORMS = tuple(map(ord, _OUTSIDE_ASCII_FORMS_BY_CHAR))


@cache
def _category_members(category) -> frozenset[str]:
    return frozenset(c for c in _ASCII if re.match(_CATEGORY[category], c))


_CATEGORY = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
