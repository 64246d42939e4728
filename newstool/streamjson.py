"""JSON parsed from pieces of text, never as one string: the reader of a long JSON line.

A document of many megabytes arrives as one JSON line. :func:`json.loads` needs that line as
one string beside the objects it builds, twice the line's size in memory when the line holds
any character past U+00FF. :func:`parse_pieces` reads the same JSON from pieces (of a file,
as they are read): the top-level object member by member, a long array item by item, a long
string gathered once; only the value being parsed and one piece are held beside the result.
Values and errors are those of the standard parser (``decoder``), error positions included.

>>> parse_pieces(['{"text": "Hi', ' there.", "sentences": [{"start"', ': 0}, 1]}'])
{'text': 'Hi there.', 'sentences': [{'start': 0}, 1]}
>>> parse_pieces(['{"a": [1, 2', ']}x'])
Traceback (most recent call last):
...
json.decoder.JSONDecodeError: Extra data: line 1 column 14 (char 13)
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from json.decoder import scanstring
from typing import Any

from newstool import lazyre

_WHITESPACE = lazyre.compile(r"[ \t\n\r]*")
_QUOTE_OR_BACKSLASH = lazyre.compile(r'["\\]')
_NUMBER_GOES_ON = lazyre.compile(r"[0-9.eE+-]*")


class _Text:
    """The text being parsed: a window over the pieces, read forward, with the offset of the
    window in the whole text (for error positions)."""

    def __init__(self, pieces: Iterable[str], decoder: json.JSONDecoder) -> None:
        self._pieces: Iterator[str] = iter(pieces)
        self._decoder = decoder
        self.window = ""
        self.pos = 0  # in the window
        self.offset = 0  # of the window in the whole text

    def _more(self, wanted: int) -> bool:
        """Add pieces until ``wanted`` more characters are held (or the text ends); False when
        there was nothing more. What was parsed already is let go."""
        added, count = [], 0
        while count < wanted:
            piece = next(self._pieces, None)
            if piece is None:
                break
            added.append(piece)
            count += len(piece)
        if not added:
            return False
        self.offset += self.pos
        self.window = self.window[self.pos :] + "".join(added)
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not whitespace ("" at the end of the text)."""
        while True:
            self.pos = _WHITESPACE.match(self.window, self.pos).end()
            if self.pos < len(self.window):
                return self.window[self.pos]
            if not self._more(1):
                return ""

    def error(self, message: str, pos: int | None = None) -> json.JSONDecodeError:
        """The standard parser's error for ``message`` at ``pos`` in the window (here by
        default), placed in the whole text (a JSON line: line 1)."""
        exc = json.JSONDecodeError(message, "", 0)
        exc.pos = self.offset + (self.pos if pos is None else pos)
        exc.lineno, exc.colno = 1, exc.pos + 1
        exc.args = (f"{message}: line 1 column {exc.colno} (char {exc.pos})",)
        return exc

    def expect(self, char: str, message: str) -> None:
        if self.peek() != char:
            raise self.error(message)
        self.pos += 1

    def value(self) -> Any:
        """The next JSON value, by the standard parser. A value cut short by the end of the
        window is parsed again over a window twice as long (so a long value is scanned a
        bounded number of times); a string, over pieces gathered once."""
        if self.peek() == '"':
            return self._string()
        while True:
            try:
                value, end = self._decoder.raw_decode(self.window, self.pos)
            except json.JSONDecodeError as exc:
                if _cut_short(exc, self.window) and self._more(len(self.window) - self.pos):
                    continue
                raise self.error(exc.msg, exc.pos) from None
            if _NUMBER_GOES_ON.fullmatch(self.window, end) and self._more(1):
                continue  # a number may go on in the next piece (``0.`` then ``5``)
            self.pos = end
            return value

    def _string(self) -> str:
        """The string that starts here; found in the window, or gathered from further pieces
        up to its closing quote and decoded once."""
        quote, carry = _closing_quote(self.window, self.pos + 1)
        if quote is not None:
            return self._decoded_string(self.window, self.pos)
        parts = [self.window[self.pos :]]
        while quote is None:
            piece = next(self._pieces, None)
            if piece is None:
                raise self.error("Unterminated string starting at")
            parts.append(piece)
            quote, carry = _closing_quote(piece, carry)
        last = parts.pop()
        parts.append(last[: quote + 1])
        self.offset += self.pos
        self.window, self.pos = "".join(parts), 0
        del parts
        value = self._decoded_string(self.window, 0)
        self.offset += self.pos
        self.window, self.pos = last[quote + 1 :], 0
        return value

    def _decoded_string(self, window: str, start: int) -> str:
        try:
            value, self.pos = scanstring(window, start + 1)
        except json.JSONDecodeError as exc:
            raise self.error(exc.msg, exc.pos) from None
        return value


def _cut_short(exc: json.JSONDecodeError, window: str) -> bool:
    """Whether the parser may have failed only because the value goes on past the window."""
    return exc.msg.startswith("Unterminated string") or exc.pos >= len(window) - 6


def _closing_quote(text: str, scan: int) -> tuple[int | None, int]:
    r"""The index of the quote that closes a string in ``text``, scanning from ``scan``
    (inside the string), or None and where to scan the next piece from (1 when it starts
    with an escaped character).

    >>> _closing_quote('ab\\"c"d', 0), _closing_quote('ab\\', 0)
    ((5, 0), (None, 1))
    """
    while (match := _QUOTE_OR_BACKSLASH.search(text, scan)) is not None:
        if match[0] == '"':
            return match.start(), 0
        scan = match.end() + 1
    return None, max(scan - len(text), 0)


def parse_pieces(
    pieces: Iterable[str],
    decoder: json.JSONDecoder | None = None,
    item: Callable[[str, Any], Any] | None = None,
) -> Any:
    """The JSON value of the text the ``pieces`` make up, as ``decoder.decode`` gives it for
    the whole text (``json.JSONDecoder()`` by default), and its :class:`json.JSONDecodeError`
    (or the decoder's own errors) when it is not JSON. A top-level object is read member by
    member and an array member item by item, each item becoming ``item(key, value)`` at once
    (by default the value itself); any other value is read whole.

    >>> parse_pieces(["[1,", " 2]"]), parse_pieces(['"a\\\\', 'nb"'])
    ([1, 2], 'a\\nb')
    >>> parse_pieces(['{"n": [1, ', '2], "m": 3}'], item=lambda key, value: (key, value))
    {'n': [('n', 1), ('n', 2)], 'm': 3}
    """
    text = _Text(pieces, decoder or json.JSONDecoder())
    value = _object(text, item) if text.peek() == "{" else text.value()
    if text.peek():
        raise text.error("Extra data")
    return value


def _object(text: _Text, item: Callable[[str, Any], Any] | None) -> dict[str, Any]:
    text.pos += 1
    members: dict[str, Any] = {}
    if text.peek() == "}":
        text.pos += 1
        return members
    while True:
        if text.peek() != '"':
            raise text.error("Expecting property name enclosed in double quotes")
        key = text.value()
        text.expect(":", "Expecting ':' delimiter")
        if text.peek() == "[":
            members[key] = _array(text, functools.partial(item, key) if item else None)
        else:
            members[key] = text.value()
        if text.peek() == ",":
            text.pos += 1
            continue
        text.expect("}", "Expecting ',' delimiter")
        return members


def _array(text: _Text, item: Callable[[Any], Any] | None) -> list[Any]:
    text.pos += 1
    items: list[Any] = []
    if text.peek() == "]":
        text.pos += 1
        return items
    while True:
        items.append(item(text.value()) if item else text.value())
        if text.peek() == ",":
            text.pos += 1
            continue
        text.expect("]", "Expecting ',' delimiter")
        return items
