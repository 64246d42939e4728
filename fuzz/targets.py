"""What each fuzz target promises, as plain functions of the fuzzer's bytes.

A check returns quietly when newstool handled the input as it documents, and raises otherwise:
an exception the library does not document, or an :class:`Broken` naming the promise that was
broken. The atheris entry points (``fuzz/fuzz_*.py``) and ``tests/fuzz/test_regressions.py``
call the same functions, so a crash the fuzzer finds is replayed by the test suite as it is.

>>> check_ingest(b"Strong warning\\n\\nIt is late.He left.\\n")
>>> check_reader(b'{"text": "Hi."}\\nnot json\\n')
>>> check_stages(b"")  # empty input: IngestError, as documented
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Callable

from newstool.clean import clean
from newstool.ingest import IngestError, ingest_bytes
from newstool.io import InputProblem
from newstool.model import Document
from newstool.readers import read_stream
from newstool.sentences import split_document
from newstool.stats import compute_stats

PATH = "fuzz.txt"
# The two ways a stage opens an input: a named file (whose suffix alone makes it JSON Lines),
# and standard input (sniffed: JSON Lines, a JSON array, newstool Markdown or a raw article).
READER_INPUTS = (("fuzz.jsonl", "fuzz.jsonl"), ("<stdin>", None))
# What ingest promises to remove (see newstool.ingest.normalise_text): control characters but
# tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Broken(AssertionError):
    """A promise of the document model or of a stage that an input broke."""


class NotStrictJSON(Broken):
    """A written line that is not JSON as RFC 8259 has it (``NaN``, ``Infinity``)."""


def _expect(holds: bool, promise: str) -> None:
    if not holds:
        raise Broken(promise)


def serialise(doc: Document) -> bytes:
    """The JSON line a stage writes for ``doc``; it must be strict JSON, in UTF-8, that the
    next stage reads back as the same object.

    >>> serialise(Document.from_dict({"id": "a", "text": "Hi."}))[:22]
    b'{"schema": 1, "id": "a'
    """
    line = json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8")
    value = json.loads(line, parse_constant=_refuse_constant)
    _expect(Document.from_dict(value).to_dict() == value, "a written line reads back as it was")
    return line


def _refuse_constant(name: str) -> None:
    raise NotStrictJSON(f"a written line holds {name}, which is not JSON")


def check_document(doc: Document) -> bytes:
    """The model's promises for any document a stage gives out; returns its JSON line."""
    _expect(isinstance(doc.text, str) and bool(doc.id), "a document has an id and a text")
    end = 0
    for block in doc.blocks:
        _expect(end <= block.start <= block.end <= len(doc.text), "blocks lie in text, in order")
        end = block.end
    _expect(Document.from_dict(doc.to_dict()) == doc, "from_dict(to_dict()) round-trips")
    return serialise(doc)


def check_ingested(doc: Document, data: bytes, path: str | None) -> None:
    """What ingest promises beyond the model: the id and source describe the raw bytes; the
    text is its blocks joined by one blank line, each block trimmed and one line; title and
    text hold no control characters but tab and newline, in Unicode NFC."""
    digest = hashlib.sha256(data).hexdigest()
    _expect(doc.id == digest[:16], "the id is the SHA-256 of the raw bytes")
    source = doc.source
    _expect(source is not None and source.sha256 == digest, "source.sha256 is of the raw bytes")
    _expect(source.bytes == len(data) and source.path == path, "source names the input")
    parts = [doc.text[b.start : b.end] for b in doc.blocks]
    _expect("\n\n".join(parts) == doc.text, "text is its blocks joined by one blank line")
    for part in parts:
        _expect(part and part == part.strip() and "\n" not in part, "a block is trimmed, one line")
    if doc.title is not None:
        title = doc.title
        _expect(title and title == title.strip() and "\n" not in title, "a title is one line")
    for name, value in (("title", doc.title or ""), ("text", doc.text)):
        _expect(not _CONTROL.search(value), f"the {name} holds no control characters")
        _expect(unicodedata.is_normalized("NFC", value), f"the {name} is in Unicode NFC")


def check_ingest(data: bytes) -> None:
    """Decode + structure: any bytes give a document that keeps every promise, or
    :class:`~newstool.ingest.IngestError`."""
    try:
        doc = ingest_bytes(data, PATH)
    except IngestError:
        return
    check_ingested(doc, data, PATH)
    check_document(doc)


def check_reader(data: bytes) -> None:
    """The readers of every stage: the bytes as a named ``.jsonl`` file and as standard input
    give only documents (each of which keeps the model's promises) and problems (each a line of
    text naming the input), never an exception."""
    for name, path in READER_INPUTS:
        for item in read_stream(io.BytesIO(data), name, path=path):
            if isinstance(item, Document):
                check_document(item)
            elif isinstance(item, InputProblem):
                message = str(item)
                _expect(item.name == name, "a problem names its input")
                _expect("\n" not in message, "a problem is reported on one line")
                message.encode("utf-8")  # it is printed: no lone surrogates
            else:
                raise Broken(f"read_stream yielded {type(item).__name__}, not a document")


def check_stages(data: bytes) -> None:
    """ingest, then clean, split-sentences and stats in turn: no exception, and every
    document on the way keeps the model's promises."""
    try:
        doc = ingest_bytes(data, PATH)
    except IngestError:
        return
    for stage in (clean, split_document, compute_stats):
        doc = stage(doc)
        check_document(doc)


CHECKS: dict[str, Callable[[bytes], None]] = {
    "ingest": check_ingest,
    "reader": check_reader,
    "stages": check_stages,
}
