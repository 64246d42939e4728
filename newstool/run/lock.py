"""One ``newstool run`` at a time on the same outputs: ``fcntl.flock`` on a lock file beside
the state. The kernel releases the lock when its holder dies however it dies, so a lock left
by a killed run never blocks the next one; the holder's pid is written in the file so that the
refused run can name it.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / ".newstool-state.lock"
>>> with hold_lock(path):
...     with hold_lock(path):
...         pass
Traceback (most recent call last):
...
newstool.run.lock.Locked: another newstool run (pid ...) holds the lock ...
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path


class Locked(Exception):
    """Another run holds the lock; ``pid`` is the holder's (None when it could not be read)."""

    def __init__(self, path: Path, pid: int | None) -> None:
        self.path = path
        self.pid = pid
        holder = f"pid {pid}" if pid is not None else "pid unknown"
        super().__init__(
            f"another newstool run ({holder}) holds the lock {path}; it is still running, "
            "try again later"
        )


def read_holder(path: Path) -> int | None:
    """The pid written in a lock file, or None.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "lock"; _ = f.write_text("123\\n")
    >>> read_holder(f)
    123
    """
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def hold_lock(path: Path) -> Iterator[None]:
    """Hold the lock on ``path`` (created if missing) for the block; raise :class:`Locked`
    at once, never wait, when another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Locked(path, read_holder(path)) from None
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(descriptor)  # releases the lock


__all__ = ["Locked", "hold_lock", "read_holder"]
