"""Reading inputs and writing outputs: paths, globs, stdin, JSON Lines, atomic files.

Every stage reads the same way: each input is either JSON Lines (documents from an earlier
stage or from elsewhere) or a raw article, which is ingested on the fly. Problems with one input
are yielded as :class:`InputProblem` values, never raised, so the other inputs go on.

>>> import io as _io
>>> items = list(read_stream(_io.BytesIO(b'{"text": "Hi."}\\nnot json\\n'), "docs.jsonl"))
>>> items[0].text, str(items[1])
('Hi.', 'docs.jsonl:2: not valid JSON (Expecting value at column 1); fix or remove the line')
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import json
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from newstool.ingest import BINARY_SNIFF_BYTES, IngestError, ingest_bytes, looks_binary
from newstool.model import Document, DocumentError

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = frozenset("*?[")
HIDDEN_MESSAGE = "hidden (its name starts with '.'); passed over (name it directly to read it)"


@dataclass(frozen=True)
class InputProblem:
    """One input (or one line of it) that could not be read; ``str()`` is the user message."""

    name: str
    message: str
    line: int | None = None
    skipped: bool = False  # a warning (file passed over on purpose), not a failure

    def __str__(self) -> str:
        where = f"{self.name}:{self.line}" if self.line is not None else self.name
        return f"{where}: {self.message}"


def expand_paths(args: Iterable[str]) -> Iterator[str | InputProblem]:
    """Input names from command-line arguments: files, directories (walked recursively, hidden
    entries and binary files passed over), glob patterns (``**`` recurses), and ``-`` for stdin.

    >>> list(expand_paths(["no/such/file.txt"]))[0].message
    'no such file or directory; check the path'
    """
    for arg in args:
        if arg == STDIN:
            yield STDIN
        elif os.path.isdir(arg):
            yield from _walk_directory(arg)
        elif os.path.exists(arg):
            yield binary_file_problem(arg) if _looks_binary(arg) else arg
        elif os.path.islink(arg):
            target = os.readlink(arg)
            yield InputProblem(arg, f"is a broken symbolic link (to {target}); fix or remove it")
        elif _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            if not files:
                yield InputProblem(arg, "the pattern matches no file; check it (and quote it)")
            yield from files
        else:
            yield InputProblem(arg, "no such file or directory; check the path")


def binary_file_problem(path: str) -> InputProblem:
    """The one warning for a binary file, whether named directly or met in a directory."""
    return InputProblem(path, "looks binary (not text); passed over", skipped=True)


def _walk_directory(root: str) -> Iterator[str | InputProblem]:
    found = False
    for dirpath, dirnames, filenames in os.walk(root):
        for hidden in sorted(n for n in (*dirnames, *filenames) if n.startswith(".")):
            yield InputProblem(os.path.join(dirpath, hidden), HIDDEN_MESSAGE, skipped=True)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            if _looks_binary(path):
                yield binary_file_problem(path)
                continue
            found = True
            yield path
    if not found:
        yield InputProblem(root, "the directory holds no text files; nothing to do", skipped=True)


def _looks_binary(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return looks_binary(handle.read(BINARY_SNIFF_BYTES))
    except OSError:
        return False  # reported properly when the file is read


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


def read_stream(
    handle: BinaryIO, name: str, *, path: str | None = None, encoding: str | None = None
) -> Iterator[Document | InputProblem]:
    """Documents from one input, whatever newstool wrote or a user brought:

    - JSON Lines: the file is named ``*.jsonl``/``*.ndjson``, or its first line is a JSON
      object, or opens like one (``{"key":``) and is alone or followed by JSON (see
      :func:`line_kind`): a damaged line is then reported, not taken for an article;
    - a JSON array of documents (``export -f json``);
    - Markdown with front matter as newstool writes it (``export -f markdown``), read back
      with :func:`newstool.export.parse_markdown_documents`;
    - anything else is one raw article, ingested. Empty standard input is zero documents.

    >>> import io as _io
    >>> [d.text for d in read_stream(_io.BytesIO(b'[{"text": "A."}, {"text": "B."}]'), "x")]
    ['A.', 'B.']
    >>> doc, = read_stream(_io.BytesIO(b'{"a": 1} is how JSON looks.'), "x")
    >>> doc.text
    '{"a": 1} is how JSON looks.'
    """
    first, skipped = handle.readline(), 0
    while first and not first.strip():
        first, skipped = handle.readline(), skipped + 1
    if not first and path is None:
        return  # an empty stream holds zero documents, as for jq or sqlite-utils
    head = first.lstrip(b"\xef\xbb\xbf \t")
    kind = line_kind(head)
    if name.endswith(JSONL_SUFFIXES) or kind == "object":
        yield from _read_json_lines(first, handle, name, skipped)
        return
    second = handle.readline() if kind == "broken-object" else b""
    if kind == "broken-object" and (not second.strip() or line_kind(second) != "text"):
        # a damaged JSON line, alone or before others: report it, read the rest
        yield from _read_json_lines(first, itertools.chain([second], handle), name, skipped)
        return
    data = first + second + handle.read()
    documents = None
    if head.startswith(b"["):
        documents = _json_array(data, name)
    elif head.rstrip(b"\r\n") == b"---":
        documents = _newstool_markdown(data)
    if documents is not None:
        yield from documents
        return
    try:
        doc = ingest_bytes(data, path, encoding=encoding)
    except IngestError as exc:
        yield InputProblem(name, str(exc))
        return
    for warning in doc.warnings:  # new in this run: the stage reports them
        yield InputProblem(name, warning, skipped=True)
    yield doc


_JSON_KEY_START = re.compile(rb'\{\s*"[^"\n]{0,200}"\s*:')


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
        value, end = json.JSONDecoder().raw_decode(line.decode("utf-8"))
    except UnicodeDecodeError:
        return "broken-object" if _JSON_KEY_START.match(line) else "text"
    except ValueError:
        return "broken-object" if _JSON_KEY_START.match(line) else "text"
    if end < len(line.decode("utf-8")):
        return "text"  # an object followed by prose: an article that quotes JSON
    return "object" if isinstance(value, dict) else "text"


def _json_array(data: bytes, name: str) -> list[Document | InputProblem] | None:
    """The documents of a JSON array; None when ``data`` is not a JSON array of objects (a raw
    article that happens to open with ``[``). Read whole: a JSON array cannot be streamed
    line by line, which is why stages pass JSON Lines."""
    try:
        value = json.loads(data)
    except ValueError:
        stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n[ \t\r\n")
        if stripped.startswith(b"{"):
            return [InputProblem(name, "looks like a JSON array but is not valid JSON; fix it")]
        return None
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        return None
    items: list[Document | InputProblem] = []
    for number, item in enumerate(value, start=1):
        try:
            items.append(Document.from_dict(item))
        except DocumentError as exc:
            items.append(InputProblem(name, f"array item {number}: not a newstool document: {exc}"))
    return items


def _newstool_markdown(data: bytes) -> list[Document] | None:
    """The documents of Markdown that newstool wrote (front matter with an id); None for any
    other text that opens with ``---``, which is then an article like any other."""
    from newstool.export import MarkdownFormatError, parse_markdown_documents

    try:
        return parse_markdown_documents(data.decode("utf-8"))
    except (UnicodeDecodeError, MarkdownFormatError):
        return None


def _read_json_lines(
    first: bytes, rest: Iterable[bytes], name: str, blank_lines_before: int = 0
) -> Iterator[Document | InputProblem]:
    lines = itertools.chain([first], rest)
    for number, raw in enumerate(lines, start=1 + blank_lines_before):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except UnicodeDecodeError:
            yield InputProblem(name, "is not UTF-8; JSON Lines must be UTF-8", number)
            continue
        except json.JSONDecodeError as exc:
            message = f"not valid JSON ({exc.msg} at column {exc.colno}); fix or remove the line"
            yield InputProblem(name, message, number)
            continue
        try:
            yield Document.from_dict(data)
        except DocumentError as exc:
            yield InputProblem(name, f"not a newstool document: {exc}", number)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "w") -> Iterator[IO[Any]]:
    """A stream (text, or bytes with ``mode="wb"``) that becomes ``path`` only when the block
    ends without an exception: written to a temporary file beside it, synced, then renamed, so
    readers see the old file or the new one, never half a file. A new file gets the usual
    permissions (umask); a replaced one keeps its mode.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> with atomic_output(target) as out:
    ...     _ = out.write("{}\\n")
    >>> target.read_text(), [p.name for p in target.parent.iterdir()]
    ('{}\\n', ['out.jsonl'])
    """
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        text = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
        with os.fdopen(descriptor, mode, **text) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o7777)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def is_directory_output(path: str) -> bool:
    """``-o`` names a directory (one file per document) when it ends in ``/`` or is one.

    >>> is_directory_output("out/"), is_directory_output("out.jsonl")
    (True, False)
    """
    return path.endswith(("/", os.sep)) or os.path.isdir(path)


@contextlib.contextmanager
def output_file(path: str, mode: str = "w") -> Iterator[IO[Any]]:
    """The stream behind ``-o FILE``:

    - a FIFO, a terminal or another device (``/dev/stdout``, ``/dev/null``) is written
      through, never replaced by a regular file;
    - a symbolic link keeps being a link: its target is replaced atomically;
    - anything else is written atomically (see :func:`atomic_output`), missing parent
      directories created first.

    Raises :class:`ValueError` for an empty name, :class:`OSError` when it cannot be written.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "new" / "dir" / "out.jsonl"
    >>> with output_file(str(target)) as out:
    ...     _ = out.write("{}\\n")
    >>> target.read_text()
    '{}\\n'
    """
    if not path:
        raise ValueError("the file name is empty (is the variable you used unset?)")
    text = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
    if _is_special_file(path):
        with open(path, mode, **text) as handle:
            yield handle
        return
    real = os.path.realpath(path)
    os.makedirs(os.path.dirname(real), exist_ok=True)
    with atomic_output(real, mode) as handle:
        yield handle


def _is_special_file(path: str) -> bool:
    """Not a regular file: something to write through rather than replace."""
    if os.path.realpath(path).startswith(("/dev/", "/proc/")):
        return True
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return False
