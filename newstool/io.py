"""Files in and out: which inputs the command-line arguments name (files, directories, globs,
stdin), and writing outputs safely (atomic files, FIFOs and devices written through).

Problems with one input are :class:`InputProblem` values, never raised, so the other inputs go
on. What each input *holds* is :mod:`newstool.readers`' business.

>>> [str(p) for p in expand_paths(["no/such/file.txt"])]
['no/such/file.txt: no such file or directory; check the path']
"""

from __future__ import annotations

import contextlib
import errno
import glob
import io
import os
import select
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, NamedTuple, TextIO

from newstool import lazyre
from newstool.sniff import BINARY_SNIFF_BYTES, looks_binary

STDIN = "-"
_GLOB_CHARS = frozenset("*?[")
# The temporary file atomic_output writes beside its target, renamed into place when complete.
_TEMPORARY_NAME = lazyre.compile(r"\..+\.[0-9a-f]{8}\.tmp")
HIDDEN_MESSAGE = "hidden (its name starts with '.'); passed over (name it directly to read it)"


class InputProblem(NamedTuple):  # not a frozen dataclass: made at start-up far faster
    """One input (or one line of it) that could not be read; ``str()`` is the user message."""

    name: str
    message: str
    line: int | None = None
    skipped: bool = False  # a warning (file passed over on purpose), not a failure

    def __str__(self) -> str:
        where = f"{self.name}:{self.line}" if self.line is not None else self.name
        return f"{where}: {self.message}"


def expand_paths(
    args: Iterable[str], *, sniff: bool = True, outputs: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[str | InputProblem]:
    """Input names from command-line arguments: files, directories (walked recursively, hidden
    entries and binary files passed over), glob patterns (``**`` recurses), and ``-`` for stdin.
    ``sniff=False`` leaves binary files in (the caller looks at the bytes it reads anyway, and
    files it will not read are not opened). A file that is one of ``outputs`` (or inside one)
    is this command's own output: passed over with a warning, never read back.

    >>> list(expand_paths(["no/such/file.txt"]))[0].message
    'no such file or directory; check the path'
    """
    own = [os.path.abspath(output) for output in outputs]
    for item in _expand(args, sniff):
        if isinstance(item, str) and item != STDIN and own:
            where = os.path.abspath(item)
            if any(where == o or where.startswith(o.rstrip(os.sep) + os.sep) for o in own):
                item = InputProblem(item, OWN_OUTPUT, skipped=True)
        yield item


OWN_OUTPUT = "is one of this command's own files (an output, or its pipeline file); passed over"


def _expand(args: Iterable[str], sniff: bool) -> Iterator[str | InputProblem]:
    for arg in args:
        if arg == STDIN:
            yield STDIN
        elif os.path.isdir(arg):
            yield from _walk_directory(arg, sniff)
        elif os.path.exists(arg):
            yield binary_file_problem(arg) if sniff and _looks_binary(arg) else arg
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


def _walk_directory(root: str, sniff: bool = True) -> Iterator[str | InputProblem]:
    """The files under ``root``, in name order. Symbolic links to directories are followed,
    but never twice into the same directory (a loop is passed over with a warning); what cannot
    be read (a folder or file without permission, a broken link, a FIFO that would block, a
    socket or a device) is passed over with one warning each."""
    found = False
    problems: list[InputProblem] = []
    visited = {os.path.realpath(root)}

    def unreadable(error: OSError) -> None:
        name = error.filename or root
        problems.append(
            InputProblem(name, f"cannot be read ({error.strerror}); passed over", skipped=True)
        )

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=True):
        yield from problems
        problems.clear()
        for hidden in sorted(n for n in (*dirnames, *filenames) if n.startswith(".")):
            if not _TEMPORARY_NAME.fullmatch(hidden):  # an output being written: not news
                yield InputProblem(os.path.join(dirpath, hidden), HIDDEN_MESSAGE, skipped=True)
        kept = []
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            real = os.path.realpath(os.path.join(dirpath, name))
            if real in visited:
                message = f"is a symbolic link back into {real} (a loop); passed over"
                yield InputProblem(os.path.join(dirpath, name), message, skipped=True)
                continue
            visited.add(real)
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            problem = _unreadable_entry(path)
            if problem is None and sniff and _looks_binary(path):
                problem = binary_file_problem(path)
            if problem is not None:
                yield problem
                continue
            found = True
            yield path
    yield from problems
    if not found:
        yield InputProblem(root, "the directory holds no text files; nothing to do", skipped=True)


def _unreadable_entry(path: str) -> InputProblem | None:
    """Why a file met in a directory cannot be read, if it cannot: then it is passed over."""
    try:
        info = os.stat(path)
    except OSError as exc:
        why = "a broken symbolic link" if exc.errno == errno.ENOENT else exc.strerror
        if exc.errno == errno.ELOOP:
            why = "a symbolic link loop"
        return InputProblem(path, f"cannot be read ({why}); passed over", skipped=True)
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
        message = f"is {kind}; passed over in a directory (name it directly to read it)"
        return InputProblem(path, message, skipped=True)
    if not os.access(path, os.R_OK):
        return InputProblem(path, "cannot be read (permission denied); passed over", skipped=True)
    return None


def _looks_binary(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return looks_binary(handle.read(BINARY_SNIFF_BYTES))
    except OSError:
        return False  # reported properly when the file is read


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
    import secrets  # here: it costs a stage writing to stdout several ms to start

    target = Path(path)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")  # _TEMPORARY_NAME
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


# Documents on a stdout that is not a terminal go out in blocks of this many bytes, and before
# the stage waits for more input (see :func:`input_flushing_before_wait`): five stages of a
# pipe on one core then take turns once a block rather than once a document.
STDOUT_BLOCK = 2**20


@contextlib.contextmanager
def document_stdout() -> Iterator[TextIO]:
    """stdout as the stages write documents to it: UTF-8 whatever the locale says; when it is
    this process's own stdout and not a terminal, through a buffer of :data:`STDOUT_BLOCK`
    bytes, flushed at the end (also when the block ends with an exception: the documents
    written so far go out). A terminal, or a stdout a test harness put in place, is used as
    it is."""
    stdout = sys.stdout
    if stdout is not sys.__stdout__ or os.name != "posix" or stdout.isatty():
        if hasattr(stdout, "reconfigure"):
            stdout.reconfigure(encoding="utf-8")
        yield stdout
        return
    stdout.flush()
    blocks = open(stdout.fileno(), "wb", buffering=STDOUT_BLOCK, closefd=False)  # noqa: SIM115
    out = io.TextIOWrapper(blocks, encoding="utf-8")
    try:
        yield out
    except BaseException:
        with contextlib.suppress(OSError, ValueError):  # the reader may be gone
            out.flush()
        raise
    out.flush()


class _FlushBeforeWaiting(io.RawIOBase):
    """The bytes of the pipe ``fd``, read as they come; ``before_wait()`` is called first
    whenever the pipe is empty, so that a read would wait for its writer."""

    def __init__(self, fd: int, before_wait: Callable[[], None]) -> None:
        super().__init__()
        self._fd = fd
        self._before_wait = before_wait

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def readinto(self, buffer: Any) -> int:
        if not select.select([self._fd], [], [], 0)[0]:
            self._before_wait()
        return os.readv(self._fd, [buffer])


def input_flushing_before_wait(stdin: BinaryIO, flush: Callable[[], None]) -> BinaryIO:
    """``stdin`` (not read yet), read so that ``flush()`` sends on the output written so far
    before each wait for more input: a stage writing its output in blocks (see
    :func:`document_stdout`) never holds back documents it has finished while the stage
    before it is still working. Only a pipe or a socket can make a read wait: anything else
    is ``stdin`` itself.

    >>> stdin = io.BytesIO(b"{}")
    >>> input_flushing_before_wait(stdin, print) is stdin
    True
    """
    try:
        mode = os.fstat(stdin.fileno()).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return stdin
    if os.name != "posix" or not (stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        return stdin
    return io.BufferedReader(_FlushBeforeWaiting(stdin.fileno(), flush), buffer_size=2**16)


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
