"""Every input the fuzzer crashed on, replayed through the same checks without atheris.

Each file in ``regressions/`` is named ``<target>-<what it exercises>.<ext>`` and runs through
``fuzz.targets.CHECKS[target]``; inputs too big to store are generated here instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.targets import CHECKS

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


def stored() -> list[Path]:
    return sorted(path for path in REGRESSIONS.iterdir() if path.name != "README.md")


def cases() -> list:
    found = [(path.name, path.read_bytes) for path in stored()]
    params = []
    for name, data in [*found, *GENERATED.items()]:
        params.append(pytest.param(name, data, id=name))
    return params


@pytest.mark.parametrize(("name", "data"), cases())
def test_regression(name: str, data) -> None:
    CHECKS[name.split("-", 1)[0]](data())


def test_every_stored_input_names_its_target_and_is_small() -> None:
    for path in stored():
        assert path.name.split("-", 1)[0] in CHECKS, f"{path.name}: start it with a target name"
        assert path.stat().st_size <= MAX_STORED_BYTES, f"{path.name}: minimise it, or generate it"
