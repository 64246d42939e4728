"""The document model every stage reads and writes (schema version 1).

A :class:`Document` travels between stages as one JSON object per line. Stages are pure
functions ``Document -> Document``; they never mutate their input, they return a new document
(see :func:`dataclasses.replace`) with one more record in ``steps``.

>>> doc = Document.from_dict({"text": "Hello there.\\n\\nSecond block."})
>>> doc.id
'd0785fcd16d6e615'
>>> [(b.type, doc.text[b.start:b.end]) for b in doc.blocks]
[('paragraph', 'Hello there.'), ('paragraph', 'Second block.')]
>>> Document.from_dict({"text": "x", "mine": 1}).to_dict()["mine"]
1
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any

SCHEMA_VERSION = 1

_BLOCK_SEPARATOR = re.compile(r"\n[ \t]*\n\s*")


class DocumentError(ValueError):
    """A JSON object that cannot be read as a document; the message says which field and why."""


@dataclass(frozen=True)
class Block:
    """A heading or paragraph: ``text[start:end]``."""

    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    """Where the document came from and how its bytes were decoded."""

    path: str | None = None
    bytes: int | None = None
    sha256: str | None = None
    encoding: str | None = None
    encoding_confidence: float | None = None
    encoding_source: str | None = None
    replacements: int = 0
    ingested_at: str | None = None


@dataclass(frozen=True)
class Step:
    """One stage that touched the document."""

    name: str
    version: str
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Edit:
    """One change made by ``clean``: ``after`` sits at ``[start:end]`` of the text (or title) as
    it stood right after this edit, replacing ``before`` (see :mod:`newstool.clean.edits`)."""

    rule: str
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True)
class Note:
    """Material taken out of the text (an editorial insertion, say), kept rather than binned."""

    kind: str
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


# Field order of the JSON object; optional stage outputs are written only when present.
_KNOWN = (
    "schema",
    "id",
    "source",
    "title",
    "text",
    "blocks",
    "edits",
    "title_edits",
    "notes",
    "sentences",
    "stats",
    "steps",
    "warnings",
)


@dataclass(frozen=True)
class Document:
    """A news article: title, body text, block structure and what each stage added."""

    id: str
    text: str
    title: str | None = None
    source: Source | None = None
    blocks: tuple[Block, ...] = ()
    steps: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()
    edits: tuple[Edit, ...] | None = None
    title_edits: tuple[Edit, ...] | None = None
    notes: tuple[Note, ...] | None = None
    sentences: tuple[Sentence, ...] | None = None
    stats: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready object, known fields first in a fixed order, unknown fields after.

        Written out field by field (``dataclasses.asdict`` deep-copies, and costs much more).

        >>> edit = Edit("collapse_space_runs", 3, 3, " ", "")
        >>> Document(id="a", text="", title="Hi.", title_edits=(edit,)).to_dict()["title_edits"]
        [{'rule': 'collapse_space_runs', 'start': 3, 'end': 3, 'before': ' ', 'after': ''}]
        """
        out: dict[str, Any] = {"schema": SCHEMA_VERSION, "id": self.id}
        out["source"] = _source_dict(self.source) if self.source is not None else None
        out["title"] = self.title
        out["text"] = self.text
        out["blocks"] = [{"type": b.type, "start": b.start, "end": b.end} for b in self.blocks]
        for name in ("edits", "title_edits"):
            edits = getattr(self, name)
            if edits is not None:
                out[name] = [_edit_dict(edit) for edit in edits]
        if self.notes is not None:
            out["notes"] = [{"kind": note.kind, "text": note.text} for note in self.notes]
        if self.sentences is not None:
            out["sentences"] = [
                {"start": s.start, "end": s.end, "text": s.text} for s in self.sentences
            ]
        if self.stats is not None:
            out["stats"] = self.stats
        out["steps"] = [
            {"name": s.name, "version": s.version, "options": dict(s.options)} for s in self.steps
        ]
        out["warnings"] = list(self.warnings)
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        """Read a document, filling in what a minimal one (``{"text": ...}``) leaves out.

        Raises :class:`DocumentError` naming the offending field.
        """
        if not isinstance(data, dict):
            raise DocumentError(f"expected a JSON object, got {type(data).__name__}")
        schema = data.get("schema", SCHEMA_VERSION)
        if schema != SCHEMA_VERSION:
            raise DocumentError(
                f"schema version {schema!r} is not supported (this newstool reads {SCHEMA_VERSION})"
            )
        text = data.get("text")
        if not isinstance(text, str):
            raise DocumentError('field "text" is missing or not a string')
        title = data.get("title")
        if title is not None and not isinstance(title, str):
            raise DocumentError('field "title" must be a string or null')
        doc_id = data.get("id")
        if doc_id is None:
            doc_id = text_id(text)
        elif not isinstance(doc_id, str | int):
            raise DocumentError('field "id" must be a string')
        source = _record(Source, data["source"], 'field "source"') if data.get("source") else None
        blocks = _records(Block, data.get("blocks"), "blocks")
        if blocks is None:
            blocks = blocks_from_blank_lines(text)
        steps = _records(Step, data.get("steps") or [], "steps")
        edits = _records(Edit, data.get("edits"), "edits")
        title_edits = _records(Edit, data.get("title_edits"), "title_edits")
        notes = _records(Note, data.get("notes"), "notes")
        sentences = _records(Sentence, data.get("sentences"), "sentences")
        warnings = data.get("warnings") or []
        if not isinstance(warnings, list) or not all(isinstance(w, str) for w in warnings):
            raise DocumentError('field "warnings" must be a list of strings')
        stats = data.get("stats")
        if stats is not None and not isinstance(stats, dict):
            raise DocumentError('field "stats" must be an object')
        _check_spans(blocks, len(text), "blocks")
        if sentences is not None:
            _check_spans(sentences, len(text), "sentences")
        return cls(
            id=str(doc_id),
            text=text,
            title=title,
            source=source,
            blocks=blocks,
            steps=steps,
            warnings=tuple(warnings),
            edits=edits,
            title_edits=title_edits,
            notes=notes,
            sentences=sentences,
            stats=stats,
            extra={k: v for k, v in data.items() if k not in _KNOWN},
        )

    def block_texts(self) -> list[tuple[Block, str]]:
        """Each block with its text.

        >>> Document.from_dict({"text": "A\\n\\nB"}).block_texts()[1][1]
        'B'
        """
        return [(b, self.text[b.start : b.end]) for b in self.blocks]

    def add_step(
        self, name: str, options: dict[str, Any] | None = None, **changes: Any
    ) -> Document:
        """A copy with ``changes`` applied and a step record for stage ``name`` appended.

        >>> doc = Document.from_dict({"text": "x"}).add_step("clean", {"rules": ["a"]}, text="y")
        >>> doc.text, doc.steps[0].name, doc.steps[0].options
        ('y', 'clean', {'rules': ['a']})
        """
        from newstool import __version__

        step = Step(name=name, version=__version__, options=dict(options or {}))
        return replace(self, steps=(*self.steps, step), **changes)


def _source_dict(source: Source) -> dict[str, Any]:
    return {
        "path": source.path,
        "bytes": source.bytes,
        "sha256": source.sha256,
        "encoding": source.encoding,
        "encoding_confidence": source.encoding_confidence,
        "encoding_source": source.encoding_source,
        "replacements": source.replacements,
        "ingested_at": source.ingested_at,
    }


def _edit_dict(edit: Edit) -> dict[str, Any]:
    return {
        "rule": edit.rule,
        "start": edit.start,
        "end": edit.end,
        "before": edit.before,
        "after": edit.after,
    }


def text_id(text: str) -> str:
    """The id of a document that arrives without one: SHA-256 of its UTF-8 text, 16 hex digits.

    >>> text_id("")
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def blocks_from_blank_lines(text: str) -> tuple[Block, ...]:
    """Paragraph blocks separated by blank lines, trimmed of surrounding white space.

    >>> blocks_from_blank_lines("  one\\n\\n\\ntwo  ")
    (Block(type='paragraph', start=2, end=5), Block(type='paragraph', start=8, end=11))
    """
    blocks = []
    pos = 0
    for part in [*_BLOCK_SEPARATOR.finditer(text), None]:
        end = part.start() if part else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            start = pos + chunk.index(stripped)
            blocks.append(Block("paragraph", start, start + len(stripped)))
        if part:
            pos = part.end()
    return tuple(blocks)


def _records(kind: type, items: Any, name: str) -> tuple | None:
    """A list of JSON objects as ``kind`` instances (None stays None).

    >>> _records(Note, [{"kind": "editorial"}], "notes")
    Traceback (most recent call last):
    ...
    newstool.model.DocumentError: field "notes" item 0: missing text
    """
    if items is None:
        return None
    if not isinstance(items, list):
        raise DocumentError(f'field "{name}" must be a list of objects')
    return tuple(_record(kind, item, f'field "{name}" item {i}') for i, item in enumerate(items))


def _record(kind: type, item: Any, where: str) -> Any:
    """One JSON object as a ``kind`` instance; ``where`` names it in the error.

    >>> _record(Block, {"type": "heading", "start": 0, "size": 3}, 'field "blocks" item 0')
    Traceback (most recent call last):
    ...
    newstool.model.DocumentError: field "blocks" item 0: missing end; unknown size
    """
    if not isinstance(item, dict):
        raise DocumentError(f"{where} must be an object")
    known = {f.name for f in fields(kind)}
    required = [f.name for f in fields(kind) if f.default is f.default_factory is MISSING]
    problems = []
    if missing := [n for n in required if n not in item]:
        problems.append(f"missing {', '.join(missing)}")
    if unknown := sorted(set(item) - known):
        problems.append(f"unknown {', '.join(unknown)}")
    if problems:
        raise DocumentError(f"{where}: {'; '.join(problems)}")
    return kind(**item)


def _check_spans(spans: tuple, length: int, name: str) -> None:
    for span in spans:
        if not (
            isinstance(span.start, int)
            and isinstance(span.end, int)
            and 0 <= span.start <= span.end <= length
        ):
            raise DocumentError(
                f'field "{name}" has span {span.start}..{span.end} outside the text '
                f"(length {length})"
            )


__all__ = [
    "SCHEMA_VERSION",
    "Block",
    "Document",
    "DocumentError",
    "Edit",
    "Note",
    "Sentence",
    "Source",
    "Step",
    "blocks_from_blank_lines",
    "text_id",
]
