"""What each input holds, decided by sniffing, and the documents read from it.

Every stage reads the same way. The registry :data:`READERS` is asked in order; the first
reader that claims an input reads it (a reader may still decline once it has looked closer,
and the next one is asked):

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

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from newstool.io import STDIN, InputProblem, expand_paths
from newstool.model import Document, DocumentError

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_JSON_KEY_START = re.compile(rb'\{\s*"[^"\n]{0,200}"\s*:')

Items = Iterable[Document | InputProblem]


@dataclass
class Opened:
    """One input being sniffed: its first non-blank line, and the rest still unread."""

    name: str  # for messages: the path, or <stdin>
    path: str | None  # recorded in source.path; None for stdin
    handle: BinaryIO
    first: bytes
    blank_lines_before: int = 0
    encoding: str | None = None
    _second: bytes | None = field(default=None, repr=False)
    _data: bytes | None = field(default=None, repr=False)

    @property
    def head(self) -> bytes:
        """The first line without a byte-order mark or leading blanks."""
        return self.first.lstrip(b"\xef\xbb\xbf \t")

    def second(self) -> bytes:
        """The line after the first (read once)."""
        if self._second is None:
            self._second = self.handle.readline()
        return self._second

    def lines(self) -> Iterator[bytes]:
        """Every line from the first on. The lines read ahead are let go as they are given out
        (``first`` and ``second()`` are empty from then on): a line can be a whole document of
        many megabytes, which must not stay in memory while it is processed."""
        ahead = [self.first] if self._second is None else [self.first, self._second]
        self.first, self._second = b"", b""
        while ahead:
            yield ahead.pop(0)
        yield from self.handle

    def data(self) -> bytes:
        """The whole input from the first line on (read once)."""
        if self._data is None:
            self._data = self.first + (self._second or b"") + self.handle.read()
        return self._data


@dataclass(frozen=True)
class Reader:
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
    line = line.strip()
    if not line.startswith(b"{"):
        return "text"
    try:
        text = line.decode("utf-8")
        _, end = _VALIDATOR.raw_decode(text)  # it starts with "{": an object, if it parses
    except ValueError:  # not UTF-8, or not JSON
        return "broken-object" if _JSON_KEY_START.match(line) else "text"
    return "text" if end < len(text) else "object"  # followed by prose: an article quoting JSON


# Parses JSON without keeping what it reads (every object becomes None as soon as it is read):
# sniffing a first line of many megabytes must not build the whole document to throw it away.
_VALIDATOR = json.JSONDecoder(object_pairs_hook=lambda pairs: None)


def _claims_json_lines(opened: Opened) -> bool:
    if opened.name.endswith(JSONL_SUFFIXES):
        return True
    kind = line_kind(opened.head)
    if kind == "object":
        return True
    # a damaged JSON line, alone or before others: report it and read the rest
    second = opened.second() if kind == "broken-object" else b""
    return kind == "broken-object" and (not second.strip() or line_kind(second) != "text")


def _read_json_lines(opened: Opened) -> Iterator[Document | InputProblem]:
    """Each line's document or problem. A line can be a whole document of many megabytes, so
    each form of it is let go as soon as the next is made: the bytes once decoded, the text once
    parsed, the parsed JSON once it is a document (which alone is kept while it is used)."""
    number = opened.blank_lines_before
    for raw in opened.lines():  # not enumerate(), whose reused result tuple keeps the last line
        number += 1
        if not raw.strip():
            continue
        try:
            text = raw.decode(json.detect_encoding(raw), "surrogatepass")  # as json.loads does
        except UnicodeDecodeError:
            yield InputProblem(opened.name, "is not UTF-8; JSON Lines must be UTF-8", number)
            continue
        finally:
            del raw
        data = _json_value(text, opened.name, number)
        del text
        item = data if isinstance(data, InputProblem) else _document(data, opened.name, number)
        del data
        yield item


_JSON = json.JSONDecoder()


def _json_value(text: str, name: str, number: int) -> Any:
    """The JSON value of one line, or the problem with it (an :class:`InputProblem`)."""
    try:
        return _JSON.decode(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line"
        return InputProblem(name, message, number)


def _document(data: Any, name: str, number: int) -> Document | InputProblem:
    """The document a line's JSON value holds, or why it holds none."""
    try:
        return Document.from_dict(data)
    except DocumentError as exc:
        return InputProblem(name, f"not a newstool document: {exc}", number)


def _read_json_array(opened: Opened) -> Items | None:
    """Read whole: a JSON array cannot be streamed line by line, which is why stages pass JSON
    Lines. None when the input is not a JSON array of objects (an article opening with ``[``)."""
    try:
        value = json.loads(opened.data())
    except ValueError:
        stripped = opened.data().lstrip(b"\xef\xbb\xbf \t\r\n[ \t\r\n")
        if stripped.startswith(b"{"):
            problem = "looks like a JSON array but is not valid JSON; fix it"
            return [InputProblem(opened.name, problem)]
        return None
    if not isinstance(value, list) or not any(isinstance(item, dict) for item in value):
        return None  # JSON, but not documents: an article that happens to be a JSON list
    items: list[Document | InputProblem] = []
    for number, item in enumerate(value, start=1):
        try:
            items.append(Document.from_dict(item))
        except DocumentError as exc:
            problem = f"array item {number}: not a newstool document: {exc}"
            items.append(InputProblem(opened.name, problem))
    return items


def _read_newstool_markdown(opened: Opened) -> Items | None:
    """None for any other text that opens with ``---``: it is then an article like any other."""
    from newstool.export import MarkdownFormatError, parse_markdown_documents

    try:
        return parse_markdown_documents(opened.data().decode("utf-8"))
    except (UnicodeDecodeError, MarkdownFormatError):
        return None


def _read_text(opened: Opened) -> Items:
    """One raw article, ingested; its ingest warnings are reported (they are new in this run)."""
    from newstool.ingest import IngestError, ingest_bytes

    try:
        doc = ingest_bytes(opened.data(), opened.path, encoding=opened.encoding)
    except IngestError as exc:
        return [InputProblem(opened.name, str(exc))]
    warnings = [InputProblem(opened.name, warning, skipped=True) for warning in doc.warnings]
    return [*warnings, doc]


# The registry of input kinds, asked in this order; ``text`` takes whatever is left.
READERS = (
    Reader("jsonl", _claims_json_lines, _read_json_lines),
    Reader("json", lambda opened: opened.head.startswith(b"["), _read_json_array),
    Reader("markdown", lambda opened: opened.head.rstrip() == b"---", _read_newstool_markdown),
    Reader("text", lambda opened: True, _read_text),
)


def read_stream(
    handle: BinaryIO, name: str, *, path: str | None = None, encoding: str | None = None
) -> Iterator[Document | InputProblem]:
    """Documents from one input, read by the first reader of :data:`READERS` that takes it."""
    first, skipped = handle.readline(), 0
    while first and not first.strip():
        first, skipped = handle.readline(), skipped + 1
    if not first and path is None:
        return  # an empty stream holds zero documents, as for jq or sqlite-utils
    opened = Opened(name, path, handle, first, skipped, encoding)
    del first  # the Opened holds it (and lets it go once read)
    for reader in READERS:
        if reader.claims(opened):
            items = reader.read(opened)
            if items is not None:
                del opened  # nor the input's bytes (read whole by a reader of raw articles)
                yield from items
                return


def read_documents(
    args: Iterable[str], stdin: BinaryIO, *, encoding: str | None = None
) -> Iterator[Document | InputProblem]:
    """Documents from every input named in ``args`` (stdin when ``args`` is empty)."""
    for name in expand_paths(list(args) or [STDIN]):
        if isinstance(name, InputProblem):
            yield name
        elif name == STDIN:
            yield from read_stream(stdin, "<stdin>", path=None, encoding=encoding)
        else:
            try:
                handle = open(name, "rb")  # noqa: SIM115 (closed below; generator body)
            except OSError as exc:
                advice = "check permissions" if isinstance(exc, PermissionError) else "check it"
                yield InputProblem(name, f"cannot be read ({exc.strerror}); {advice}")
                continue
            with handle:
                yield from read_stream(handle, name, path=name, encoding=encoding)
