"""What each input holds, decided by sniffing, and the documents read from it.

Every stage reads the same way. The registry :data:`READERS` is asked in order; the first
reader that claims an input reads it (a reader may still decline once it has looked closer,
and the next one is asked):

- ``html``: a saved web page, by name (``.html``, ``.htm``, ``.xhtml``, gzipped too) or by its
  first bytes (a doctype or ``<html``, or gzip that unpacks to one): its article is extracted
  (:mod:`newstool.html`, the optional extra ``newstool[html]``);
- ``jsonl``: the file is named ``*.jsonl``/``*.ndjson``, or its first line is a JSON object, or
  opens like one (``{"key":``) and is alone or followed by JSON (see :func:`line_kind`): a
  damaged line is then reported, not taken for an article;
- ``json``: a JSON array of documents (``export -f json``);
- ``markdown``: Markdown with front matter as newstool writes it (``export -f markdown``);
- ``text``: anything else is one raw article, ingested.

An empty standard input holds zero documents. Problems are :class:`~newstool.io.InputProblem`
values in the stream, never exceptions.

>>> import io
>>> items = list(read_stream(io.BytesIO(b'{"text": "Hi."}\\nnot json\\n'), "docs.jsonl"))
>>> items[0].text, str(items[1])
('Hi.', 'docs.jsonl:2: not valid JSON (Expecting value at column 1); fix or remove the line')
>>> [d.text for d in read_stream(io.BytesIO(b'[{"text": "A."}, {"text": "B."}]'), "x")]
['A.', 'B.']
>>> doc, = read_stream(io.BytesIO(b'{"a": 1} is how JSON looks.'), "x")
>>> doc.text
'{"a": 1} is how JSON looks.'
"""

from __future__ import annotations

import codecs
import functools
import io
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO, NamedTuple

from newstool import lazyre
from newstool.io import STDIN, InputProblem, expand_paths
from newstool.model import (
    Document,
    DocumentError,
    lone_surrogates_warning,
    read_record,
    replace_lone_surrogates,
)
from newstool.sniff import (
    BINARY_SNIFF_BYTES,
    GZIP_MAGIC,
    gunzipped_head,
    is_html_name,
    looks_like_html,
)
from newstool.streamjson import parse_pieces

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_JSON_KEY_START = lazyre.compile(rb'\{\s*"[^"\n]{0,200}"\s*:')
# Only a \uD800..\uDFFF escape can put a lone surrogate into a string json.loads returns.
_ESCAPED_SURROGATE = lazyre.compile(rb"\\u[dD][89a-fA-F]")

DEFAULT_MAX_DOC_BYTES = 16 * 2**20
# How far into an input the JSON Lines sniffer looks for a document past a damaged start.
SNIFF_LINES = 8
SNIFF_BYTES = 2**20

Items = Iterable[Document | InputProblem]


class InputTooLarge(Exception):
    """An input read whole (an article, a JSON array, a Markdown export) over the size limit."""

    def __init__(self, size: int | None, limit: int) -> None:
        super().__init__(size, limit)
        self.size = size  # None when only "more than the limit" is known (a stream)
        self.limit = limit


def format_byte_size(size: int) -> str:
    """A byte count for people, in binary units.

    >>> format_byte_size(16 * 2**20), format_byte_size(1536), format_byte_size(12)
    ('16 MiB', '1.5 KiB', '12 bytes')
    """
    for unit, factor in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def parse_byte_size(text: str) -> int:
    """``--max-doc-bytes``: bytes, or with a binary suffix (``K``, ``M``, ``G``); 0 = no limit.

    >>> parse_byte_size("16M"), parse_byte_size("500k"), parse_byte_size("0")
    (16777216, 512000, 0)
    >>> parse_byte_size("lots")
    Traceback (most recent call last):
    ...
    ValueError: 'lots' is not a size; use bytes or a number with K, M or G (e.g. 64M), ...
    """
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)(?:i?[bB])?\s*", str(text))
    if match is None:
        raise ValueError(
            f"{text!r} is not a size; use bytes or a number with K, M or G (e.g. 64M), "
            "0 for no limit"
        )
    number, unit = match.groups()
    return int(float(number) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[unit.lower()])


def too_large_message(exc: InputTooLarge, what: str = "one document") -> str:
    """The user message for :class:`InputTooLarge`: the size, the limit, how to raise it.

    >>> too_large_message(InputTooLarge(120 * 2**20, 16 * 2**20))[:53]
    'is 120 MiB, over the 16 MiB limit for one document; s'
    >>> too_large_message(InputTooLarge(None, 2**20))[:48]
    'is over the 1 MiB limit for one document; skippe'
    """
    size = f"is {format_byte_size(exc.size)}, over" if exc.size else "is over"
    wanted = 1 << (max(exc.size or 0, exc.limit) * 2 - 1).bit_length()  # a power of 2
    suggestion = f"{wanted >> 30}G" if wanted >= 2**30 else f"{max(wanted >> 20, 1)}M"
    return (
        f"{size} the {format_byte_size(exc.limit)} limit for {what}; skipped: raise the limit "
        f"(--max-doc-bytes {suggestion}, or max-doc-bytes: {suggestion} in the config file or "
        "a pipeline file's ingest section), 0 for none"
    )


# A line longer than this is read, and parsed, in pieces of this size (never held whole).
PIECE_BYTES = 2**20


class _LongLine:
    """A line over the size limit, skipped unread: only its length is kept."""

    def __init__(self, size: int) -> None:
        self.size = size


class _PiecedLine:
    """A line longer than :data:`PIECE_BYTES`: its bytes in pieces, read from the input as
    they are taken (:meth:`pieces`). One that is over the size limit is skipped once that is
    known, and taking it raises :class:`InputTooLarge`. Reading the line after it first
    reads the rest of it into memory (:meth:`load`)."""

    def __init__(self, handle: BinaryIO, limit: int, first: bytes) -> None:
        self.head = first  # for sniffing
        self._handle = handle
        self._limit = limit
        self._held = [first]
        self._open = True
        self._size = len(first)
        self._too_large: InputTooLarge | None = None

    def pieces(self) -> Iterator[bytes]:
        """The pieces, each let go once taken; :class:`InputTooLarge` over the limit."""
        while self._held:
            yield self._held.pop(0)
        while self._open:
            yield self._read_piece()
        if self._too_large is not None:
            raise self._too_large

    def whole(self) -> bytes | _LongLine:
        """The line as one bytes value, or a :class:`_LongLine` when it is over the limit."""
        try:
            return b"".join(self.pieces())
        except InputTooLarge as exc:
            return _LongLine(exc.size or 0)

    def load(self) -> None:
        """Read the rest of the line now: the input is wanted past it."""
        while self._open:
            self._held.append(self._read_piece())

    def _read_piece(self) -> bytes:
        piece = self._handle.readline(PIECE_BYTES)
        self._size += len(piece)
        self._open = bool(piece) and not piece.endswith(b"\n")
        if self._limit and self._size > self._limit:
            self._held.clear()
            while self._open:
                piece = self._handle.readline(PIECE_BYTES)
                self._size += len(piece)
                self._open = bool(piece) and not piece.endswith(b"\n")
            self._too_large = InputTooLarge(self._size, self._limit)
            return b""
        return piece


Line = bytes | _LongLine | _PiecedLine


class _BoundedLines:
    """The lines of ``handle``: bytes, a :class:`_PiecedLine` for one longer than
    :data:`PIECE_BYTES`, a :class:`_LongLine` for one longer than a ``limit`` under that
    (skipped in pieces, never held whole); ``limit`` 0 means none. An iterator class, not a
    generator: a generator's frame would keep the last line it gave, a whole document of many
    megabytes, while that document is processed."""

    def __init__(self, handle: BinaryIO, limit: int) -> None:
        self.handle = handle
        self.limit = limit
        self._pieced: _PiecedLine | None = None

    def __iter__(self) -> _BoundedLines:
        return self

    def __next__(self) -> Line:
        if self._pieced is not None:
            self._pieced.load()
            self._pieced = None
        wanted = min(self.limit + 1, PIECE_BYTES) if self.limit else PIECE_BYTES
        line = self.handle.readline(wanted)
        if not line:
            raise StopIteration
        if len(line) < wanted or line.endswith(b"\n"):
            return line
        if wanted == PIECE_BYTES:
            self._pieced = _PiecedLine(self.handle, self.limit, line)
            return self._pieced
        size = len(line)
        del line
        while (piece := self.handle.readline(2**20)) and not piece.endswith(b"\n"):
            size += len(piece)
        return _LongLine(size + len(piece))


def _line_bytes(line: Line, limit: int) -> bytes:
    """A line read ahead as one bytes value; :class:`InputTooLarge` when it is over the limit."""
    if isinstance(line, _PiecedLine):
        line = line.whole()
    if isinstance(line, _LongLine):
        raise InputTooLarge(line.size, limit)
    return line


@dataclass
class Opened:
    """One input being sniffed: the lines read ahead from its first non-blank one, and the
    rest still unread. ``limit`` is the most bytes one document may take (0 = no limit)."""

    name: str  # for messages: the path, or <stdin>
    path: str | None  # recorded in source.path; None for stdin
    handle: BinaryIO
    limit: int = DEFAULT_MAX_DOC_BYTES
    blank_lines_before: int = 0
    encoding: str | None = None
    ahead: list[Line] = field(default_factory=list, repr=False)
    _rest: Iterator[Line] | None = field(default=None, repr=False)
    _data: bytes | None = field(default=None, repr=False)

    @classmethod
    def start(cls, handle: BinaryIO, name: str, **fields: Any) -> Opened:
        """Open ``handle`` at its first non-blank line (an empty input has none)."""
        opened = cls(name, handle=handle, **fields)
        opened._rest = _BoundedLines(handle, opened.limit)
        for line in opened._rest:
            if not isinstance(line, bytes) or line.strip():
                opened.ahead.append(line)
                break
            opened.blank_lines_before += 1
        return opened

    @property
    def first(self) -> bytes:
        """The first non-blank line (empty for an empty input; cut short when over the limit)."""
        line = self.ahead[0] if self.ahead else b""
        if isinstance(line, _PiecedLine):
            return line.head
        return line if isinstance(line, bytes) else b""

    @property
    def head(self) -> bytes:
        """The first line without a byte-order mark or leading blanks."""
        return self.first.lstrip(b"\xef\xbb\xbf \t")

    def line(self, index: int) -> Line | None:
        """Line ``index`` from the first non-blank one (read ahead once; None past the end)."""
        while len(self.ahead) <= index:
            line = next(self._rest, None)
            if line is None:
                return None
            self.ahead.append(line)
        return self.ahead[index]

    def lines(self) -> Iterator[Line]:
        """Every line from the first on. The lines read ahead are let go as they are given out
        (:attr:`first` is empty from then on): a line can be a whole document of many
        megabytes, which must not stay in memory while it is processed."""
        while self.ahead:
            yield self.ahead.pop(0)
        yield from self._rest

    def data(self) -> bytes:
        """The whole input from the first line on, read once: :class:`InputTooLarge` when it
        is over the limit (the rest of a stream is still read through, a piece at a time, so
        that the writer of a pipe is not cut off)."""
        if self._data is not None:
            return self._data
        try:
            read = b"".join([_line_bytes(line, self.limit) for line in self.ahead])
        except InputTooLarge:
            self._drain()
            raise InputTooLarge(self._known_size(), self.limit) from None
        room = self.limit - len(read) + 1 if self.limit else -1
        rest = self.handle.read(room) if room else b""
        if self.limit and len(read) + len(rest) > self.limit:
            self._drain()
            raise InputTooLarge(self._known_size(), self.limit)
        self.ahead = []
        self._data = read + rest
        return self._data

    def _known_size(self) -> int | None:
        """The size of a named input (a stream's is unknown)."""
        if self.path is None:
            return None
        try:
            return os.fstat(self.handle.fileno()).st_size
        except (OSError, ValueError):  # an input given as bytes (newstool run)
            getbuffer = getattr(self.handle, "getbuffer", None)
            return getbuffer().nbytes if getbuffer is not None else None

    def _drain(self) -> None:
        if self.path is None:
            while self.handle.read(2**20):
                pass


class Reader(NamedTuple):  # not a frozen dataclass: made at start-up far faster
    """A kind of input: ``claims`` looks at the start cheaply; ``read`` gives the documents and
    problems, or None when, looking closer, the input is not of this kind after all."""

    name: str
    claims: Callable[[Opened], bool]
    read: Callable[[Opened], Items | None]


def line_kind(line: bytes) -> str:
    """What the first line of an input is: a JSON ``object`` (JSON Lines follow), a
    ``broken-object`` (opens like one, ``{"key":``, but does not parse), or ``text``.

    >>> [line_kind(x) for x in (b'{"text": "Hi."}', b'{"text": broken}', b'{"a": 1} is how')]
    ['object', 'broken-object', 'text']
    >>> line_kind(b'{"Hello," she said.')
    'text'
    """
    return _parse_line(line)[0]


def _parse_line(line: bytes) -> tuple[str, bool]:
    """:func:`line_kind`, and whether the object, when the line is one, has a ``text``."""
    line = line.lstrip()
    if not line.startswith(b"{"):
        return "text", False
    try:
        text = line.decode("utf-8")
        has_text, end = _SNIFFER.raw_decode(text)
    except (ValueError, RecursionError):  # not UTF-8, not JSON, or nested without end
        return ("broken-object" if _JSON_KEY_START.match(line) else "text"), False
    if text[end:].strip():
        return "text", False  # an object followed by prose: an article that quotes JSON
    return "object", has_text


# Parses JSON keeping of each object only whether it has a "text" (a document would): sniffing
# a first line of many megabytes must not build the whole document only to throw it away.
_SNIFFER = json.JSONDecoder(object_pairs_hook=lambda pairs: any(key == "text" for key, _ in pairs))


def _claims_json_lines(opened: Opened) -> bool:
    """JSON Lines: by name; by a first line that is a JSON object or a damaged one (alone or
    followed by JSON); or by a document (an object with ``text``) among the first
    :data:`SNIFF_LINES` lines, after damaged ones: a stream whose first lines were lost or
    garbled is still read line by line, each bad line reported."""
    if opened.name.endswith(JSONL_SUFFIXES):
        return True
    if isinstance(opened.line(0), _PiecedLine) and _JSON_KEY_START.match(opened.head):
        return True  # a document of megabytes: parsed once, by the reader (which reports damage)
    kind = line_kind(opened.head)
    if kind == "object":
        return True
    if kind == "broken-object":
        second = opened.line(1)
        if second is None or (
            isinstance(second, bytes) and (not second.strip() or line_kind(second) != "text")
        ):
            return True
    seen = len(opened.first)  # bytes held: a line over the limit is not
    for index in range(1, SNIFF_LINES):
        line = opened.line(index)
        if line is None or seen > SNIFF_BYTES:
            return False
        if isinstance(line, _PiecedLine) and _JSON_KEY_START.match(line.head):
            return True  # as for a first line of megabytes
        if isinstance(line, bytes):
            seen += len(line)
            if _parse_line(line) == ("object", True):
                return True
    return False


def document_from_json_line(raw: bytes) -> tuple[Document, list[str]]:
    """The document one JSON line holds, and the warnings reading it gave (a lone surrogate
    replaced); :class:`ValueError` with a message for the user when it holds none.

    Guards what any bytes can do: not UTF-8, not JSON, NaN or Infinity (not JSON either), a
    number of thousands of digits, nesting too deep for the parser, any JSON value that is not
    a newstool document. The three steps are also apart (:func:`json_line_text`,
    :func:`json_line_value`, :func:`json_line_document`), so that a reader can let go of each
    form of a long line once the next is made.

    >>> document_from_json_line(b'{"text": "a \\\\ud800 b"}')[0].text
    'a \ufffd b'
    >>> document_from_json_line(b'[' * 100_000)
    Traceback (most recent call last):
    ...
    ValueError: nested too deeply to be a document (arrays or objects inside each other, ...
    """
    return json_line_document(json_line_value(json_line_text(raw)))


def json_line_text(raw: bytes) -> tuple[str, bool]:
    """The text of one JSON line, UTF-8 (a byte-order mark let go), and whether it may hold a
    lone surrogate (escaped, or encoded in the bytes: kept, to be replaced like escaped ones);
    :class:`ValueError` when the bytes are not UTF-8."""
    try:
        return raw.decode("utf-8-sig"), _ESCAPED_SURROGATE.search(raw) is not None
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("utf-8-sig", "surrogatepass"), True
    except UnicodeDecodeError:
        raise ValueError("is not UTF-8; JSON Lines must be UTF-8") from None


def json_line_value(line: tuple[str, bool]) -> tuple[Any, list[str]]:
    """The JSON value of one line's text, its lone surrogates replaced by U+FFFD (with the
    warning that says where), or :class:`ValueError` with a message for the user."""
    text, may_hold_surrogates = line
    data = _parsed(lambda: _JSON.decode(text))
    if not may_hold_surrogates:
        return data, []
    data, fields = replace_lone_surrogates(data)
    return data, _surrogates_warnings(fields)


def json_line_bytes_value(raw: bytes) -> tuple[Any, list[str]]:
    """:func:`json_line_value` of one line's bytes. msgspec parses the bytes as they are, about
    twice as fast as the standard parser on the text decoded first; a line it refuses (not
    UTF-8, a byte-order mark, a lone surrogate, NaN, anything wrong) is read the standard way,
    whose repairs, warnings and messages are the reader's.

    >>> json_line_bytes_value(b'{"text": "Hi."}')
    ({'text': 'Hi.'}, [])
    >>> json_line_bytes_value(b'{"text": "\\\\ud800"}')[0]
    {'text': '\ufffd'}
    """
    decoder = _fast_json()
    try:
        return decoder.decode(raw), []
    except (ValueError, RecursionError):  # msgspec's DecodeError is a ValueError
        return json_line_value(json_line_text(raw))


def _parsed(parse: Callable[[], Any]) -> Any:
    """What ``parse`` gives, its errors made messages for the user (:class:`ValueError`)."""
    try:
        return parse()
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line"
        ) from None
    except RecursionError:
        raise ValueError(
            "nested too deeply to be a document (arrays or objects inside each other, "
            "hundreds deep); fix or remove the line"
        ) from None
    except ValueError as exc:  # NaN, Infinity, an integer of more than 4,300 digits
        raise ValueError(f"not valid JSON ({exc}); fix or remove the line") from None


def _surrogates_warnings(fields: list[str]) -> list[str]:
    return [lone_surrogates_warning(fields)] if fields else []


class _DecodedPieces:
    """The text of a long line's pieces (UTF-8, a byte-order mark let go), decoded as they are
    taken; ``may_hold_surrogates`` as for :func:`json_line_text`, and ``error`` when the
    bytes are not UTF-8 (the text then stops there)."""

    def __init__(self, pieces: Iterable[bytes]) -> None:
        self._pieces = pieces
        self.may_hold_surrogates = False
        self.error: str | None = None

    def __iter__(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        tail = ""
        try:
            for number, piece in enumerate(self._pieces):
                text = decoder.decode(piece)
                if number == 0:
                    text = text.removeprefix("\ufeff")
                if _SURROGATE_IN_TEXT.search(tail + text[:6]) or _SURROGATE_IN_TEXT.search(text):
                    self.may_hold_surrogates = True
                tail = text[-6:]
                yield text
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            self.error = "is not UTF-8; JSON Lines must be UTF-8"


_SURROGATE_IN_TEXT = lazyre.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")


def _pieced_line_value(line: _PiecedLine) -> tuple[Any, list[str]]:
    """:func:`json_line_value` for a long line, parsed from its pieces (never whole), each item
    of a list of records (sentences, edits...) read as its record at once."""
    text = _DecodedPieces(line.pieces())
    repaired: list[str] = []  # fields of list items where lone surrogates were replaced
    numbers: dict[str, int] = {}

    def record(key: str, item: Any) -> Any:
        number = numbers[key] = numbers.get(key, -1) + 1
        if text.may_hold_surrogates:
            item, fields = replace_lone_surrogates(item)
            where = f"{key}[{number}]"
            repaired.extend(where if f == "the value" else f"{where}.{f}" for f in fields)
        return read_record(key, item)

    try:
        data = _parsed(lambda: parse_pieces(text, _JSON, record))
    except ValueError:
        if text.error is None:
            raise
        data = None
    if text.error is not None:
        raise ValueError(text.error)
    if not text.may_hold_surrogates:
        return data, []
    data, fields = replace_lone_surrogates(data)  # the records were repaired as they came
    return data, _surrogates_warnings([*fields, *repaired])


def json_line_document(value: tuple[Any, list[str]]) -> tuple[Document, list[str]]:
    """The document a line's JSON value (and its warnings) holds, or :class:`ValueError`."""
    data, warnings = value
    try:
        doc = Document.from_dict(data)
    except DocumentError as exc:
        raise ValueError(f"not a newstool document: {exc}") from None
    if warnings:
        doc = replace(doc, warnings=(*doc.warnings, *warnings))
    return doc, warnings


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


_JSON = json.JSONDecoder(parse_constant=_refuse_constant)


@functools.cache
def _fast_json() -> Any:
    import msgspec  # here: a stage reading no JSON starts without it

    return msgspec.json.Decoder()


def _read_json_lines(opened: Opened) -> Iterator[Document | InputProblem]:
    first_number = 1 + opened.blank_lines_before
    return _json_line_items(opened.name, opened.lines(), first_number, opened.limit)


def _json_line_items(
    name: str, lines: Iterable[Line], first_number: int, limit: int
) -> Iterator[Document | InputProblem]:
    """The documents and problems of the JSON lines of the input ``name``, the first numbered
    ``first_number``. A line can be a whole document of many megabytes, so each form of it is
    let go as soon as the next is made: the bytes once decoded, the text once parsed, the
    parsed JSON once it is a document (which alone is kept while the stages use it)."""
    number = first_number - 1
    for raw in lines:  # not enumerate(), whose reused result tuple would keep the last line
        number += 1
        if isinstance(raw, bytes) and (not raw or raw.isspace()):
            continue  # not strip(): that would copy a long line
        try:
            if isinstance(raw, _LongLine):
                raise InputTooLarge(raw.size, limit)
            if isinstance(raw, _PiecedLine):
                value = _pieced_line_value(raw)
            else:
                value = json_line_bytes_value(raw)
                del raw
            doc, warnings = json_line_document(value)
            del value
        except InputTooLarge as exc:
            yield InputProblem(name, too_large_message(exc, "one JSON line"), number)
            continue
        except ValueError as exc:
            yield InputProblem(name, str(exc), number)
            continue
        items = [InputProblem(name, warning, number, skipped=True) for warning in warnings]
        items.append(doc)
        del doc
        while items:
            yield items.pop(0)  # held by no name here while the stages use it


def _read_json_array(opened: Opened) -> Items | None:
    """Read whole: a JSON array cannot be streamed line by line, which is why stages pass JSON
    Lines. None when the input is not a JSON array of objects (an article opening with ``[``)."""
    data = opened.data()
    try:
        value = json.loads(data, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n[ \t\r\n")
        if stripped.startswith(b"{"):
            problem = "looks like a JSON array but is not valid JSON; fix it"
            return [InputProblem(opened.name, problem)]
        return None
    if not isinstance(value, list) or not any(isinstance(item, dict) for item in value):
        return None  # JSON, but not documents: an article that happens to be a JSON list
    repaired = _ESCAPED_SURROGATE.search(data) is not None
    del data
    items: list[Document | InputProblem] = []
    for number, item in enumerate(value, start=1):
        fields = replace_lone_surrogates(item)[1] if repaired else []
        try:
            doc = Document.from_dict(item)
        except DocumentError as exc:
            problem = f"array item {number}: not a newstool document: {exc}"
            items.append(InputProblem(opened.name, problem))
            continue
        if fields:
            warning = lone_surrogates_warning(fields)
            items.append(InputProblem(opened.name, f"array item {number}: {warning}", skipped=True))
            doc = replace(doc, warnings=(*doc.warnings, warning))
        items.append(doc)
    return items


def _read_newstool_markdown(opened: Opened) -> Items | None:
    """None for any other text that opens with ``---``: it is then an article like any other."""
    from newstool.export import MarkdownFormatError, parse_markdown_documents

    try:
        return parse_markdown_documents(opened.data().decode("utf-8"))
    except (UnicodeDecodeError, MarkdownFormatError):
        return None


def _read_text(opened: Opened) -> Items:
    """One raw article, ingested."""
    from newstool.ingest import ingest_bytes

    return _ingested(
        opened, lambda: ingest_bytes(opened.data(), opened.path, encoding=opened.encoding)
    )


def _ingested(opened: Opened, ingest: Callable[[], Document]) -> Items:
    """The document ``ingest`` makes of the input, its ingest warnings reported before it
    (they are new in this run), or the problem that stopped it."""
    from newstool.ingest import IngestError

    try:
        doc = ingest()
    except IngestError as exc:
        return [InputProblem(opened.name, str(exc))]
    warnings = [InputProblem(opened.name, warning, skipped=True) for warning in doc.warnings]
    return [*warnings, doc]


def _claims_html(opened: Opened) -> bool:
    """By name, by first bytes that open a page (a doctype or ``<html``, after comments on
    lines of their own), or by gzip magic (looked into when read)."""
    if is_html_name(opened.name) or opened.first.startswith(GZIP_MAGIC):
        return True
    head = b""
    for index in range(SNIFF_LINES):
        line = opened.line(index)
        if not isinstance(line, bytes) or len(head) >= BINARY_SNIFF_BYTES:
            break
        head += line
    return looks_like_html(head or opened.first)


def _read_html(opened: Opened) -> Items | None:
    """One saved page, its article extracted; None for gzip that holds no page (then it is
    not an HTML input after all)."""
    from newstool.html import ingest_html

    data = opened.data()
    gzipped = data.startswith(GZIP_MAGIC)
    if gzipped and not is_html_name(opened.name) and not looks_like_html(gunzipped_head(data)):
        return None
    return _ingested(
        opened,
        lambda: ingest_html(data, opened.path, encoding=opened.encoding, max_bytes=opened.limit),
    )


# The registry of input kinds, asked in this order; ``text`` takes whatever is left. A page
# comes first: a line of JSON in one of its scripts must not make it JSON Lines.
READERS = (
    Reader("html", _claims_html, _read_html),
    Reader("jsonl", _claims_json_lines, _read_json_lines),
    Reader("json", lambda opened: opened.head.startswith(b"["), _read_json_array),
    Reader("markdown", lambda opened: opened.head.rstrip() == b"---", _read_newstool_markdown),
    Reader("text", lambda opened: True, _read_text),
)
# What an input read whole holds, for the size-limit message.
_WHOLE = {"json": "one JSON array (read whole: as JSON Lines, the limit is per document)"}


def read_stream(
    handle: BinaryIO,
    name: str,
    *,
    path: str | None = None,
    encoding: str | None = None,
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES,
) -> Iterator[Document | InputProblem]:
    """Documents from one input, read by the first reader of :data:`READERS` that takes it.
    An input read whole that is over ``max_doc_bytes`` is one problem (0 = no limit)."""
    opened = Opened.start(handle, name, path=path, encoding=encoding, limit=max_doc_bytes)
    if not opened.ahead and path is None:
        return  # an empty stream holds zero documents, as for jq or sqlite-utils
    for reader in READERS:
        if reader.claims(opened):
            try:
                items = reader.read(opened)
            except InputTooLarge as exc:
                what = _WHOLE.get(reader.name, "one document")
                yield InputProblem(name, too_large_message(exc, what))
                return
            if items is not None:
                del opened  # nor the input's bytes (read whole by a reader of raw articles)
                yield from items
                return


def read_documents(
    args: Iterable[str],
    stdin: BinaryIO,
    *,
    encoding: str | None = None,
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES,
    outputs: Iterable[str] = (),
) -> Iterator[Document | InputProblem]:
    """Documents from every input named in ``args`` (stdin when ``args`` is empty); the
    command's own ``outputs`` are passed over."""
    options = {"encoding": encoding, "max_doc_bytes": max_doc_bytes}
    for name in expand_paths(list(args) or [STDIN], outputs=outputs):
        if isinstance(name, InputProblem):
            yield name
        elif name == STDIN:
            yield from read_stream(stdin, "<stdin>", path=None, **options)
        else:
            try:
                handle = open(name, "rb")  # noqa: SIM115 (closed below; generator body)
            except OSError as exc:
                advice = "check permissions" if isinstance(exc, PermissionError) else "check it"
                yield InputProblem(name, f"cannot be read ({exc.strerror}); {advice}")
                continue
            with handle:
                yield from read_stream(handle, name, path=name, **options)


# --- work units: inputs cut into pieces that a worker process reads by itself -----------------


class Unit(NamedTuple):  # not a frozen dataclass: made at start-up far faster
    """A piece of input that a worker reads by itself: some lines of a JSON Lines input
    (``lines``, the first numbered ``first_line``), or one whole input (its bytes ``data``, or
    the file at ``path`` when ``data`` is None). Small to send: a worker parses the lines."""

    name: str
    path: str | None
    encoding: str | None = None
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES
    first_line: int = 1
    lines: tuple[bytes | _LongLine, ...] | None = None  # a long line read whole
    data: bytes | None = None

    def size(self) -> int:
        """About how many bytes this piece reads (an engine sends small pieces together).

        >>> Unit("x.jsonl", "x.jsonl", lines=(b'{"text": "Hi."}',)).size()
        15
        """
        if self.lines is not None:
            return sum(len(line) for line in self.lines if isinstance(line, bytes))
        if self.data is not None:
            return len(self.data)
        try:
            return os.path.getsize(self.path or self.name)
        except OSError:
            return 0

    def items(self) -> Iterator[Document | InputProblem]:
        """What :func:`read_documents` gives for this piece.

        >>> [d.text for d in Unit("x.jsonl", "x.jsonl", lines=(b'{"text": "Hi."}',)).items()]
        ['Hi.']
        """
        if self.lines is not None:
            yield from _json_line_items(self.name, self.lines, self.first_line, self.max_doc_bytes)
            return
        options = {"encoding": self.encoding, "max_doc_bytes": self.max_doc_bytes}
        if self.data is not None:
            yield from read_stream(io.BytesIO(self.data), self.name, path=self.path, **options)
            return
        yield from read_documents([self.name], io.BytesIO(), **options)


def read_units(
    args: Iterable[str],
    stdin: BinaryIO,
    *,
    encoding: str | None = None,
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES,
    outputs: Iterable[str] = (),
    batch_bytes: int = 2**16,
    batch_lines: int = 64,
) -> Iterator[Unit | InputProblem]:
    """The inputs :func:`read_documents` reads, cut into :class:`Unit` pieces in input order:
    a JSON Lines input into slices of about ``batch_bytes`` (at most ``batch_lines`` lines),
    any other input whole. Only the start of an input is looked at here (to tell JSON Lines),
    and only when it is larger than a slice: a small file is a piece for its worker to read."""
    options = {"encoding": encoding, "max_doc_bytes": max_doc_bytes}
    for name in expand_paths(list(args) or [STDIN], outputs=outputs):
        if isinstance(name, InputProblem):
            yield name
            continue
        path = None if name == STDIN else name
        shown = "<stdin>" if path is None else name
        if path is not None and _small_file(path, batch_bytes):
            yield Unit(name, path, **options)  # too small to cut: the worker reads it all
            continue
        try:
            handle = stdin if path is None else open(path, "rb")  # noqa: SIM115 (closed below)
        except OSError:
            yield Unit(name, path, **options)  # the worker reports why it cannot be read
            continue
        try:
            opened = Opened.start(handle, shown, path=path, encoding=encoding, limit=max_doc_bytes)
            if not opened.ahead and path is None:
                continue
            if _claims_html(opened) or not _claims_json_lines(opened):
                if path is not None:
                    yield Unit(name, path, **options)
                    continue
                try:
                    yield Unit(shown, None, data=opened.data(), **options)
                except InputTooLarge as exc:
                    yield InputProblem(shown, too_large_message(exc))
                continue
            yield from _line_slices(opened, path, batch_bytes, batch_lines, options)
        finally:
            if path is not None:
                handle.close()


def _small_file(path: str, size: int) -> bool:
    """Whether ``path`` is a regular file of at most ``size`` bytes (not a pipe, a device...)."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size <= size


def _line_slices(
    opened: Opened, path: str | None, batch_bytes: int, batch_lines: int, options: dict
) -> Iterator[Unit]:
    first, batch, size = 1 + opened.blank_lines_before, [], 0
    for line in opened.lines():
        if isinstance(line, _PiecedLine):
            line = line.whole()
        batch.append(line)
        size += len(line) if isinstance(line, bytes) else 0
        if size >= batch_bytes or len(batch) >= batch_lines:
            yield Unit(opened.name, path, first_line=first, lines=tuple(batch), **options)
            first, batch, size = first + len(batch), [], 0
    if batch:
        yield Unit(opened.name, path, first_line=first, lines=tuple(batch), **options)
