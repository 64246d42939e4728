"""Fingerprints: short digests of everything that changes what a stage writes, recorded in each
step record, so that ``newstool run`` can tell an output made by the same pipeline from a stale
one.

A stage's fingerprint covers its name, newstool's version, every option (including the full
boilerplate patterns and extra abbreviations, not just rule names), the bytes of the word lists
shipped in ``newstool/data/`` and the versions of the libraries whose answers end up in the
document (ftfy repairs mojibake, chardet detects encodings). Two runs with the same fingerprint
write the same document from the same input.

>>> fingerprint("stats", {"top": 10}) == fingerprint("stats", {"top": 10})
True
>>> fingerprint("stats", {"top": 10}) == fingerprint("stats", {"top": 11})
False
>>> len(fingerprint("clean", {"rules": ["fix_mojibake"]}))
16
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from newstool.datafiles import DATA
from newstool.version import __version__

# Libraries whose results are written into documents, by the stage that uses them.
_LIBRARIES = {"ingest": ("chardet",), "clean": ("ftfy",)}


@cache
def data_digest() -> str:
    """SHA-256 over the names and bytes of every shipped word list (read once)."""
    digest = hashlib.sha256()
    for path in sorted(DATA.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@cache
def library_version(name: str) -> str:
    """The installed version of a library, from the name of its ``*.dist-info`` folder, or
    ``missing``. (``importlib.metadata`` would cost a short pipe stage 30 ms of imports.)

    >>> library_version("ftfy") != "missing", library_version("no-such-library")
    (True, 'missing')
    """
    for entry in sys.path:
        try:
            found = sorted(Path(entry or ".").glob(f"{name}-*.dist-info"))
        except OSError:
            continue
        if found:
            return found[-1].name[len(name) + 1 : -len(".dist-info")]
    return "missing"


def fingerprint(stage: str, settings: dict[str, Any]) -> str:
    """16 hex digits of SHA-256 over the stage, the version, ``settings`` (JSON-able, sorted),
    the shipped word lists and the libraries the stage relies on."""
    parts = {
        "stage": stage,
        "version": __version__,
        "settings": settings,
        "data": data_digest(),
        "libraries": {name: library_version(name) for name in _LIBRARIES.get(stage, ())},
    }
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=_sorted_list)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _sorted_list(value: Any) -> list[Any]:
    """Sets and tuples in settings, as a stable JSON list."""
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} cannot be part of a fingerprint")
