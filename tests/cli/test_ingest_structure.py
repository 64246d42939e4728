"""``newstool ingest`` as a user runs it (the installed command): how raw text becomes a title
and blocks, and the repairs made while decoding (terminal escapes, mixed UTF-8)."""

from __future__ import annotations

import pytest


def blocks_of(doc: dict) -> list[tuple[str, str]]:
    return [(b["type"], doc["text"][b["start"] : b["end"]]) for b in doc["blocks"]]


@pytest.mark.parametrize(
    ("raw", "text", "warned"),
    [
        (b"\x1b[31mred\x1b[0m text\n", "red text", False),
        (b"\x1b]0;title\x07\x1b[1mBold\x1b[22m move.\n", "Bold move.", False),
        (
            "naïve café résumé\n".encode() * 3 + b"caf\xe9\n",
            "naïve café résumé " * 3 + "café",
            True,
        ),
        (b"na\xefve r\xc3\xa9sum\xc3\xa9 caf\xc3\xa9.\n", "naïve résumé café.", True),
    ],
    ids=["ansi colours", "ansi title and bold", "mostly utf-8", "stray byte first"],
)
def test_decoding_repairs(newstool, validate, raw, text, warned):
    result = newstool(["ingest"], input=raw)
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    validate(doc)
    assert doc["text"] == text
    assert bool(doc["warnings"]) == warned
    assert ("warning" in result.stderr) == warned
