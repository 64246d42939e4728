"""Every input the fuzzer crashed on, replayed through the same checks without atheris.

Each file in ``regressions/`` is named ``<target>-<what it exercises>.<ext>`` and runs through
``fuzz.targets.CHECKS[target]``; inputs too big to store are generated here instead. A case
that still crashes because the general input guard of issue 12 has not landed is a strict
xfail: when the guard lands it passes, the xfail fails, and its line below is to be removed.
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

# Case -> the crash it still shows: these are for the guard in newstool/readers.py and
# newstool/model.py (issue 12, item 1) to end; remove a line when it does.
AWAITING_GUARD = {
    "reader-lone-surrogate-escape-no-id.jsonl": (
        "UnicodeEncodeError in model.text_id: an escaped lone surrogate in a line's text"
    ),
    "reader-lone-surrogate-escape-with-id.jsonl": (
        "UnicodeEncodeError writing the document: its text keeps the lone surrogate"
    ),
    "reader-lone-surrogate-in-problem-message.jsonl": (
        "UnicodeEncodeError in run/state.py storing the problem, whose message quotes the "
        "lone surrogate (newstool run stops with a traceback)"
    ),
    "reader-nan-and-infinity-written-back.jsonl": (
        "NaN and -Infinity are read from a line and written back: the output is not JSON"
    ),
    "reader-deep-nesting-100000-arrays": "RecursionError in json.loads (readers.py)",
    "reader-deep-nesting-in-a-document": "RecursionError in json.loads (readers.py)",
    "reader-integer-of-5000-digits": (
        "ValueError from json.loads (int over 4,300 digits), not caught in readers.py"
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
