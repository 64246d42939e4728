"""Every input the fuzzer crashed on, replayed through the same checks without atheris.

Each file in ``regressions/`` is named ``<target>-<what it exercises>.<ext>`` and runs through
``fuzz.targets.CHECKS[target]``; inputs too big to store are generated here instead. A case
that still crashes because the input guard of issue 12 does not cover it yet is a strict
xfail: once the guard covers it, it passes, the xfail fails, and its line below is removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.targets import CHECKS, awaiting_guard

REGRESSIONS = Path(__file__).parent / "regressions"
MAX_STORED_BYTES = 4096

# Inputs that would be too big to store, made on the fly.
GENERATED = {
    "reader-deep-nesting-100000-arrays": lambda: b"[" * 100_000 + b"\n",
    "reader-deep-nesting-in-a-document": lambda: (
        b'{"id": "a1", "text": "x"}\n{"text": "y", "extra": ' + b"[" * 100_000 + b"\n"
    ),
    "reader-integer-of-5000-digits": lambda: b'{"text": "x", "n": ' + b"7" * 5000 + b"}\n",
}

# Case -> the crash it still shows, for the input guard in newstool/readers.py (issue 12,
# item 1) to end; remove a line when it does. The guard's pre-check for escaped surrogates,
# _ESCAPED_SURROGATE = rb"\\u[dD][89abAB]", sees high ones (\ud800-\udbff) only: a low one
# (\udc00-\udfff) passes unreplaced, and the stage stops with a traceback when it writes the
# document. (Without an id, text_id fails first and the line becomes an error, so that case,
# reader-lone-low-surrogate-escape-no-id.jsonl, no longer crashes.)
AWAITING_GUARD = {
    "reader-lone-surrogate-escape-with-id.jsonl": (
        "UnicodeEncodeError writing the document: \\udc80 (a low surrogate) is not replaced"
    ),
    "reader-lone-low-surrogate-escape-in-a-key.jsonl": (  # found by the fuzzer, on main
        "UnicodeEncodeError writing the document: \\udfff in an unknown key is not replaced"
    ),
    "reader-lone-low-surrogate-escape-in-json-array.json": (
        "UnicodeEncodeError writing the document: \\uDC80 in a JSON array is not replaced"
    ),
}


class AwaitedCrash(Exception):
    """The crash an ``AWAITING_GUARD`` case is expected to show (and no other)."""


def stored() -> list[Path]:
    return sorted(path for path in REGRESSIONS.iterdir() if path.name != "README.md")


def cases() -> list:
    found = [(path.name, path.read_bytes) for path in stored()]
    params = []
    for name, data in [*found, *GENERATED.items()]:
        marks = []
        if name in AWAITING_GUARD:
            reason = AWAITING_GUARD[name]
            marks.append(pytest.mark.xfail(strict=True, raises=AwaitedCrash, reason=reason))
        params.append(pytest.param(name, data, id=name, marks=marks))
    return params


@pytest.mark.parametrize(("name", "data"), cases())
def test_regression(name: str, data) -> None:
    raw = data()
    try:
        CHECKS[name.split("-", 1)[0]](raw)
    except Exception as exc:
        if name in AWAITING_GUARD and awaiting_guard(exc, raw):
            raise AwaitedCrash(f"{awaiting_guard(exc, raw)}: {exc!r}") from exc
        raise


def test_every_stored_input_names_its_target_and_is_small() -> None:
    for path in stored():
        assert path.name.split("-", 1)[0] in CHECKS, f"{path.name}: start it with a target name"
        assert path.stat().st_size <= MAX_STORED_BYTES, f"{path.name}: minimise it, or generate it"


def test_every_awaited_crash_is_a_case() -> None:
    names = {path.name for path in stored()} | set(GENERATED)
    assert set(AWAITING_GUARD) <= names
