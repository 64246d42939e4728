"""The word lists and tables shipped in ``newstool/data/``.

Read through :mod:`pathlib`, which every stage imports anyway: :mod:`importlib.resources`
would cost each stage process about 10 ms of imports (zipfile, tempfile, shutil, lzma...).

>>> "click here .{0,80}" in data_text("boilerplate.txt")
True
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"


def data_text(name: str) -> str:
    """The text of ``newstool/data/<name>``."""
    return (DATA / name).read_text(encoding="utf-8")


def data_words(name: str) -> tuple[str, ...]:
    """The entries of ``newstool/data/<name>``: one a line, ``#`` lines and blanks skipped.

    >>> "link" in data_words("placeholders.txt")
    True
    """
    entries = (line.strip() for line in data_text(name).splitlines())
    return tuple(entry for entry in entries if entry and not entry.startswith("#"))
