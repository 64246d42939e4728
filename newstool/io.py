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
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from newstool.ingest import BINARY_SNIFF_BYTES, IngestError, ingest_bytes, looks_binary
from newstool.model import Document, DocumentError

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_CHARS = frozenset("*?[")


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
            yield arg
        elif _GLOB_CHARS & set(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            if not files:
                yield InputProblem(arg, "the pattern matches no file; check it (and quote it)")
            yield from files
        else:
            yield InputProblem(arg, "no such file or directory; check the path")


def _walk_directory(root: str) -> Iterator[str | InputProblem]:
    found = False
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            if _looks_binary(path):
                yield InputProblem(path, "looks binary; passed over", skipped=True)
                continue
            found = True
            yield path
    if not found:
        yield InputProblem(root, "the directory holds no text files")


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
                yield InputProblem(name, f"cannot be read ({exc.strerror}); check permissions")
                continue
            with handle:
                yield from read_stream(handle, name, path=name, encoding=encoding)


def read_stream(
    handle: BinaryIO, name: str, *, path: str | None = None, encoding: str | None = None
) -> Iterator[Document | InputProblem]:
    """JSON Lines when the file is named ``*.jsonl``/``*.ndjson`` or its first line opens a JSON
    object (``{"``, or ``{`` and the line parses); otherwise one raw article, ingested."""
    first = handle.readline()
    if _is_json_lines(first, name):
        yield from _read_json_lines(first, handle, name)
        return
    data = first + handle.read()
    try:
        yield ingest_bytes(data, path, encoding=encoding)
    except IngestError as exc:
        yield InputProblem(name, str(exc))


def _is_json_lines(first_line: bytes, name: str) -> bool:
    if name.endswith(JSONL_SUFFIXES):
        return True
    stripped = first_line.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b'{"'):  # a JSON object's first key: JSON Lines, even if broken
        return True
    if not stripped.startswith(b"{"):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except ValueError:
        return False


def _read_json_lines(first: bytes, rest: BinaryIO, name: str) -> Iterator[Document | InputProblem]:
    for number, raw in enumerate(itertools.chain([first], rest), start=1):
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
