"""The document model every stage reads and writes (schema version 1).

A :class:`Document` travels between stages as one JSON object per line. Stages are pure
functions ``Document -> Document``; they never mutate their input, they return a new document
(see :func:`dataclasses.replace`) with one more record in ``steps``.

Ids: ``ingest`` names a document by the first 16 hex digits of the SHA-256 of the raw input
bytes (before any decoding; the whole digest is ``source.sha256``), so the same bytes give the
same id wherever and whenever they are ingested. A document read without an ``id`` gets the
first 16 hex digits of the SHA-256 of its ``text`` (the body, without the title) encoded as
UTF-8 (:func:`text_id`); an ``id`` that is present is kept as it is.

>>> doc = Document.from_dict({"text": "Hello there.\\n\\nSecond block."})
>>> doc.id, doc.id == text_id(doc.text)
('d0785fcd16d6e615', True)
>>> [(b.type, doc.text[b.start:b.end]) for b in doc.blocks]
[('paragraph', 'Hello there.'), ('paragraph', 'Second block.')]
>>> Document.from_dict({"text": "x", "mine": 1}).to_dict()["mine"]
1
"""

from __future__ import annotations

import json
import operator
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import repeat
from types import NoneType
from typing import Any

from newstool import lazyre
from newstool.version import __version__

SCHEMA_VERSION = 1

_BLOCK_SEPARATOR = lazyre.compile(r"\n[ \t]*\n\s*")


class DocumentError(ValueError):
    """A JSON object that cannot be read as a document; the message says which field and why."""


@dataclass(frozen=True, slots=True)
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
    format: str | None = None  # what the input was read as: "html"; None for a raw text article


@dataclass(frozen=True)
class Meta:
    """What a page says about itself (HTML metadata): each field None when it does not say."""

    author: str | None = None
    date: str | None = None  # as the page gives it, usually an ISO 8601 date
    site: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Step:
    """One stage that touched the document. ``fingerprint`` digests everything that changes
    what the stage writes (see :mod:`newstool.fingerprint`); steps recorded before newstool
    kept fingerprints, or by other tools, have none."""

    name: str
    version: str
    options: dict[str, Any] = field(default_factory=dict)
    fingerprint: str | None = None


@dataclass(frozen=True, slots=True)
class Edit:
    """One change made by ``clean``: ``after`` sits at ``[start:end]`` of the text (or title) as
    it stood right after this edit, replacing ``before`` (see :mod:`newstool.clean.edits`)."""

    rule: str
    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Note:
    """Material taken out of the text (an editorial insertion, say), kept rather than binned."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == document.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation found by ``quotes``: ``text[start:end]`` with its marks, and who said it.

    ``text`` is the content without the marks; ``kind`` is ``direct``, or ``fragment`` when the
    closing mark survives without its opening one (the span then starts at the words). The
    cue verb, the speaker mention as written (``he``, ``Lavrov``) and the speaker it resolves
    to (``Sergey Lavrov``, where the text names them in full) each have their offsets, or are
    null; ``resolution`` says how the mention became the speaker (``explicit``,
    ``pronoun-last-speaker``, ``surname``, ``none``) and ``rule`` which attribution pattern
    matched (null when none did).
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker_mention: str | None
    speaker_mention_start: int | None
    speaker_mention_end: int | None
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    resolution: str
    rule: str | None


QUOTE_KINDS = ("direct", "fragment")
RESOLUTIONS = ("explicit", "pronoun-last-speaker", "surname", "none")


# The fields a document holds (the rest are the user's, kept in ``extra``).
_KNOWN = frozenset(
    {
        "schema",
        "id",
        "source",
        "title",
        "text",
        "meta",
        "blocks",
        "edits",
        "title_edits",
        "notes",
        "sentences",
        "quotes",
        "stats",
        "steps",
        "warnings",
    }
)


@dataclass(frozen=True)
class Document:
    """A news article: title, body text, block structure and what each stage added."""

    id: str
    text: str
    title: str | None = None
    source: Source | None = None
    blocks: tuple[Block, ...] = ()
    meta: Meta | None = None
    steps: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()
    edits: tuple[Edit, ...] | None = None
    title_edits: tuple[Edit, ...] | None = None
    notes: tuple[Note, ...] | None = None
    sentences: tuple[Sentence, ...] | None = None
    quotes: tuple[Quote, ...] | None = None
    stats: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, *, records: bool = True) -> dict[str, Any]:
        """The JSON-ready object, known fields first in a fixed order, unknown fields after.

        Written out field by field (``dataclasses.asdict`` deep-copies, and costs much more).
        With ``records=False`` the blocks, edits, notes and sentences stay tuples of their
        dataclasses, which :func:`record_dict` turns into JSON objects: a writer can then
        convert a long list a batch at a time (``json.dumps(..., default=record_dict)`` writes
        the same JSON as from the full object).

        >>> edit = Edit("collapse_space_runs", 3, 3, " ", "")
        >>> Document(id="a", text="", title="Hi.", title_edits=(edit,)).to_dict()["title_edits"]
        [{'rule': 'collapse_space_runs', 'start': 3, 'end': 3, 'before': ' ', 'after': ''}]
        >>> Document(id="a", text="", title_edits=(edit,)).to_dict(records=False)["title_edits"]
        (Edit(rule='collapse_space_runs', start=3, end=3, before=' ', after=''),)
        """

        def listed(items: tuple, convert: Callable[[Any], dict[str, Any]]) -> list | tuple:
            return list(map(convert, items)) if records else items

        out: dict[str, Any] = {"schema": SCHEMA_VERSION, "id": self.id}
        out["source"] = _source_dict(self.source) if self.source is not None else None
        out["title"] = self.title
        out["text"] = self.text
        if self.meta is not None:
            out["meta"] = _meta_dict(self.meta)
        out["blocks"] = listed(self.blocks, _block_dict)
        for name in ("edits", "title_edits"):
            edits = getattr(self, name)
            if edits is not None:
                out[name] = listed(edits, _edit_dict)
        if self.notes is not None:
            out["notes"] = listed(self.notes, _note_dict)
        if self.sentences is not None:
            out["sentences"] = listed(self.sentences, _sentence_dict)
        if self.quotes is not None:
            out["quotes"] = listed(self.quotes, _quote_dict)
        if self.stats is not None:
            out["stats"] = self.stats
        out["steps"] = [_step_dict(s) for s in self.steps]
        out["warnings"] = list(self.warnings)
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        """Read a document, filling in what a minimal one (``{"text": ...}``) leaves out.

        Checks what ``document.schema.json`` says, plus the rules it cannot express (offsets
        within the text, blocks in order, sentence text equal to its span, and so on); raises
        :class:`DocumentError` naming the offending field.

        >>> def problem(data):
        ...     try:
        ...         Document.from_dict(data)
        ...     except DocumentError as exc:
        ...         return str(exc)
        >>> problem({"text": "x", "blocks": [{"type": "table", "start": 0, "end": 1}]})
        'field "blocks[0].type" must be "heading" or "paragraph", not "table"'
        >>> problem({"text": "Hi.", "sentences": [{"start": 0, "end": 3, "text": "Ho."}]})
        'field "sentences[0].text" is "Ho.", but text[0:3] is "Hi."'
        >>> problem({"id": "", "text": "x"})
        'field "id" must be a non-empty string, not ""'
        """
        try:
            return _read_document(data)
        except _Invalid as invalid:
            raise DocumentError(invalid.message()) from None

    def block_texts(self) -> list[tuple[Block, str]]:
        """Each block with its text.

        >>> Document.from_dict({"text": "A\\n\\nB"}).block_texts()[1][1]
        'B'
        """
        return [(b, self.text[b.start : b.end]) for b in self.blocks]

    def add_step(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        fingerprint: str | None = None,
        **changes: Any,
    ) -> Document:
        """A copy with ``changes`` applied and a step record for stage ``name`` appended.

        >>> doc = Document.from_dict({"text": "x"}).add_step("clean", {"rules": ["a"]}, text="y")
        >>> doc.text, doc.steps[0].name, doc.steps[0].options
        ('y', 'clean', {'rules': ['a']})
        """
        step = Step(name, __version__, dict(options or {}), fingerprint)
        return replace(self, steps=(*self.steps, step), **changes)


def _step_dict(step: Step) -> dict[str, Any]:
    out = {"name": step.name, "version": step.version, "options": dict(step.options)}
    if step.fingerprint is not None:
        out["fingerprint"] = step.fingerprint
    return out


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
        "format": source.format,
    }


def _meta_dict(meta: Meta) -> dict[str, Any]:
    return {
        "author": meta.author,
        "date": meta.date,
        "site": meta.site,
        "url": meta.url,
        "language": meta.language,
        "description": meta.description,
    }


def _edit_dict(edit: Edit) -> dict[str, Any]:
    return {
        "rule": edit.rule,
        "start": edit.start,
        "end": edit.end,
        "before": edit.before,
        "after": edit.after,
    }


def _block_dict(block: Block) -> dict[str, Any]:
    return {"type": block.type, "start": block.start, "end": block.end}


def _note_dict(note: Note) -> dict[str, Any]:
    return {"kind": note.kind, "text": note.text}


def _sentence_dict(sentence: Sentence) -> dict[str, Any]:
    return {"start": sentence.start, "end": sentence.end, "text": sentence.text}


def _quote_dict(quote: Quote) -> dict[str, Any]:
    return {
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind,
        "cue": quote.cue,
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "speaker_mention": quote.speaker_mention,
        "speaker_mention_start": quote.speaker_mention_start,
        "speaker_mention_end": quote.speaker_mention_end,
        "speaker": quote.speaker,
        "speaker_start": quote.speaker_start,
        "speaker_end": quote.speaker_end,
        "resolution": quote.resolution,
        "rule": quote.rule,
    }


_RECORD_DICTS: dict[type, Callable[[Any], dict[str, Any]]] = {
    Block: _block_dict,
    Edit: _edit_dict,
    Note: _note_dict,
    Quote: _quote_dict,
    Sentence: _sentence_dict,
}


def record_dict(record: Any) -> dict[str, Any]:
    """The JSON object of a block, edit, note, sentence or quote, as in :meth:`Document.to_dict`; a
    ``default`` for :func:`json.dumps`, raising its :class:`TypeError` for anything else.

    >>> json.dumps([Sentence(0, 3, "Hi.")], default=record_dict)
    '[{"start": 0, "end": 3, "text": "Hi."}]'
    """
    convert = _RECORD_DICTS.get(type(record))
    if convert is None:
        raise TypeError(f"Object of type {type(record).__name__} is not JSON serializable")
    return convert(record)


def records_as_dicts(items: Iterable[Any]) -> list[Any]:
    """``items`` as a list, each block, edit, note, sentence or quote among them as its JSON
    object (see :func:`record_dict`), any other item as it is.

    >>> records_as_dicts((Sentence(0, 3, "Hi."), 7))
    [{'start': 0, 'end': 3, 'text': 'Hi.'}, 7]
    """
    return [
        _RECORD_DICTS[type(item)](item) if type(item) in _RECORD_DICTS else item for item in items
    ]


def text_id(text: str) -> str:
    """The id of a document that arrives without one: SHA-256 of its UTF-8 text, 16 hex digits.

    >>> text_id("")
    'e3b0c44298fc1c14'
    """
    import hashlib  # here: a stage reading documents that have ids starts without it

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


_LONE_SURROGATE = lazyre.compile("[\ud800-\udfff]")


def replace_lone_surrogates(value: Any) -> tuple[Any, list[str]]:
    """``value`` (a JSON value, changed in place) with each lone surrogate in its strings and
    keys replaced by U+FFFD, and the fields where that happened.

    A lone surrogate (U+D800..U+DFFF) is half of a UTF-16 pair: JSON can escape one
    (``"\\ud800"``), a file name can hold one (bytes that are not UTF-8), but UTF-8 cannot
    encode it, so no output could hold the document. Any depth is walked without recursion.

    >>> value, fields = replace_lone_surrogates({"text": "a\\ud800b", "tags": ["ok", "\\udce9"]})
    >>> value == {"text": "a\\ufffdb", "tags": ["ok", "\\ufffd"]}, fields
    (True, ['text', 'tags[1]'])
    """
    fields: list[str] = []

    def fixed(string: str, where: str) -> str:
        if string.isascii() or not _LONE_SURROGATE.search(string):
            return string
        fields.append(where)
        return _LONE_SURROGATE.sub("\ufffd", string)

    if isinstance(value, str):
        return fixed(value, "the value"), fields
    if not isinstance(value, list | dict):
        return value, fields
    pending: list[tuple[Any, str]] = [(value, "")]
    while pending:
        container, where = pending.pop()
        if isinstance(container, list):
            named = [(index, f"{where}[{index}]") for index in range(len(container))]
        else:
            keys = {key: _LONE_SURROGATE.sub("\ufffd", key) for key in container}
            if any(new != old for old, new in keys.items()):
                items = [(keys[old], item) for old, item in container.items()]
                container.clear()
                container.update(items)
            named = [(key, f"{where}.{key}" if where else key) for key in keys.values()]
            fields.extend(
                f"{path} (its name)"
                for (old, new), (_, path) in zip(keys.items(), named, strict=True)
                if old != new
            )
        for key, path in named:
            item = container[key]
            if isinstance(item, str):
                container[key] = fixed(item, path)
            elif isinstance(item, list | dict):
                pending.append((item, path))
    return value, sorted(set(fields), key=fields.index)


def lone_surrogates_warning(fields: list[str]) -> str:
    """The warning a document keeps when :func:`replace_lone_surrogates` changed it.

    >>> lone_surrogates_warning(["text", "title"])
    'lone surrogates (characters UTF-8 cannot encode) replaced by U+FFFD in text, title'
    """
    shown = ", ".join(fields[:5]) + (f" and {len(fields) - 5} more" if len(fields) > 5 else "")
    return f"lone surrogates (characters UTF-8 cannot encode) replaced by U+FFFD in {shown}"


def join_blocks(parts: Iterable[tuple[str, str]]) -> tuple[str, tuple[Block, ...]]:
    """The text of blocks given as (type, text), one blank line between them, and the blocks.

    >>> text, blocks = join_blocks([("heading", "Why"), ("paragraph", "It rained.")])
    >>> text, [(block.type, block.start, block.end) for block in blocks]
    ('Why\\n\\nIt rained.', [('heading', 0, 3), ('paragraph', 5, 15)])
    """
    texts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, text in parts:
        if texts:
            pos += 2
        blocks.append(Block(kind, pos, pos + len(text)))
        texts.append(text)
        pos += len(text)
    return "\n\n".join(texts), tuple(blocks)


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


def paragraphs_from_blank_lines(text: str) -> list[str]:
    """The text of each block of :func:`blocks_from_blank_lines`, without making the blocks
    (for a caller that needs only the text, as most texts' repeated-paragraph check does).

    >>> paragraphs_from_blank_lines("  one\\n\\n\\ntwo  \\n \\n")
    ['one', 'two']
    """
    return [paragraph for chunk in _BLOCK_SEPARATOR.split(text) if (paragraph := chunk.strip())]


# Reading. Each check mirrors a rule of document.schema.json; the rules JSON Schema cannot
# express (offsets within the text, blocks in order, ...) are in its descriptions.
# tests/test_model_schema.py generates documents from the schema to keep the two in step.

Check = Callable[[Any], Any]


class _Invalid(Exception):
    """A value that breaks a rule; its ``path`` (field names, item numbers) grows on the way out.

    >>> _Invalid("is missing", "end").within(0).within("blocks").message()
    'field "blocks[0].end" is missing'
    """

    def __init__(self, problem: str, *path: str | int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = list(path)

    def within(self, name: str | int) -> _Invalid:
        self.path.insert(0, name)
        return self

    def message(self) -> str:
        if not self.path:
            return self.problem
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        return f'field "{where[1:]}" {self.problem}'


def _shown(value: Any) -> str:
    """``value`` as JSON for a message, cut short.

    >>> _shown(None), _shown("a" * 50)
    ('null', '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ...')
    """
    try:
        shown = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        shown = repr(value) if not isinstance(value, list | dict) else type(value).__name__
    return shown if len(shown) <= 40 else shown[:36] + " ..."


def _wrong(expected: str, value: Any) -> _Invalid:
    return _Invalid(f"must be {expected}, not {_shown(value)}")


def _rule(
    expected: str,
    accepts: Callable[[Any], bool],
    plain: Callable[[Sequence], bool] | None = None,
) -> Check:
    """A check passing the values ``accepts`` approves, rejecting the others as not ``expected``;
    ``plain``, its column test, is ``accepts`` on each value unless given (as a faster test).

    >>> _rule("a string", lambda v: isinstance(v, str))(3)
    Traceback (most recent call last):
    ...
    newstool.model._Invalid: must be a string, not 3
    """

    def check(value: Any) -> Any:
        if accepts(value):
            return value
        raise _wrong(expected, value)

    check.plain = plain or (lambda values: all(map(accepts, values)))  # type: ignore[attr-defined]
    return check


# The types a column test wants its values to have exactly, as ``set(map(type, values)) <=``
# tests it (``True`` is no ``int``).
_INT, _STR, _STR_OR_NULL, _DICT = {int}, {str}, {str, NoneType}, {dict}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _natural(value: Any, expected: str = "an integer >= 0") -> int:
    """A JSON Schema integer >= 0 (``2.0`` counts, ``true`` does not), as an ``int``.

    >>> _natural(2.0), _natural(-0.0)
    (2, 0)
    """
    if type(value) is int and value >= 0:  # the usual case, first
        return value
    if _is_number(value) and value >= 0 and (isinstance(value, int) or value.is_integer()):
        return int(value)
    raise _wrong(expected, value)


def _string(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _wrong("a string", value)


def _natural_or_null(value: Any) -> int | None:
    return None if value is None else _natural(value, "an integer >= 0 or null")


def _naturals(values: Sequence) -> bool:
    return set(map(type, values)) <= _INT and min(values, default=0) >= 0


def _strings(values: Sequence) -> bool:
    return set(map(type, values)) <= _STR


def _naturals_or_nulls(values: Sequence) -> bool:
    return _naturals([value for value in values if value is not None])


# Each check's column test, ``plain``: whether the check passes each of a list of values as it
# is, tested over the whole list at once (see _records_at_once). _rule's checks have theirs.
_natural.plain = _naturals  # type: ignore[attr-defined]
_string.plain = _strings  # type: ignore[attr-defined]
_natural_or_null.plain = _naturals_or_nulls  # type: ignore[attr-defined]


def _one_of(*choices: str | None) -> Check:
    """A check for one of the strings (or null) ``choices``.

    >>> _one_of("heading", "paragraph")("table")
    Traceback (most recent call last):
    ...
    newstool.model._Invalid: must be "heading" or "paragraph", not "table"
    """
    shown = [_shown(choice) for choice in choices]
    expected = f"{', '.join(shown[:-1])} or {shown[-1]}"
    allowed = set(choices)
    return _rule(
        expected,
        lambda v: (v is None or isinstance(v, str)) and v in choices,
        lambda values: set(map(type, values)) <= _STR_OR_NULL and set(values) <= allowed,
    )


def _matching_or_null(pattern: str, expected: str) -> Check:
    regex = re.compile(pattern)
    return _rule(expected, lambda v: v is None or isinstance(v, str) and regex.fullmatch(v))


def _list_of(check_item: Check) -> Check:
    """A check for a JSON array whose items all pass ``check_item``, read as a tuple: all at
    once when ``check_item`` can (see :func:`_records_at_once`), else item by item."""
    at_once = getattr(check_item, "at_once", None)

    def check(items: Any) -> tuple:
        if not isinstance(items, list):
            raise _wrong("a list", items)
        if at_once is not None and len(items) > 1:  # one record is cheaper read on its own
            records = at_once(items)
            if records is not None:
                return records
        checked = []
        for number, item in enumerate(items):
            try:
                checked.append(check_item(item))
            except _Invalid as invalid:
                raise invalid.within(number) from None
        return tuple(checked)

    check.item = check_item  # type: ignore[attr-defined]  (see read_record)
    return check


def _record(
    kind: type,
    checks: dict[str, Check],
    *,
    partial: bool = False,
    optional: tuple = (),
    rule: Callable[[Any], None] | None = None,
) -> Check:
    """A check for a JSON object with just the fields ``checks`` names, read as ``kind``;
    ``partial`` lets any field be missing, ``optional`` those named (``kind`` fills them in);
    ``rule`` checks the record once read (a rule across its fields).

    >>> _record(Note, {"kind": _string, "text": _string})({"kind": "editorial"})
    Traceback (most recent call last):
    ...
    newstool.model._Invalid: is missing
    """

    def check(item: Any) -> Any:
        if type(item) is kind:
            return item  # read already (see read_record)
        if not isinstance(item, dict):
            raise _wrong("an object", item)
        if item.keys() != checks.keys():
            _check_names(item, checks, partial, optional)
        values = {}
        name = ""
        try:
            for name, check_field in checks.items():
                if name in item:
                    values[name] = check_field(item[name])
        except _Invalid as invalid:
            raise invalid.within(name) from None
        record = kind(**values)
        if rule is not None:
            rule(record)
        return record

    check.at_once = _records_at_once(kind, checks, rule)  # type: ignore[attr-defined]
    return check


def _maker(kind: type) -> Callable[[list[tuple]], tuple]:
    """What makes ``kind`` records from columns of checked values (one per field, in field
    order): ``tuple(map(kind, *columns))``, or for a frozen dataclass with slots (blocks,
    sentences, edits...), records made empty and each field stored straight into its slot.
    Their ``__init__`` stores each field through ``object.__setattr__`` (they are frozen),
    which made it half the cost of reading a document's sentences. Every field is given, so
    only a ``__post_init__`` could be missed: a class with one is made through ``__init__``.

    >>> _maker(Sentence)([(0, 4), (3, 7), ("Hi.", "Ho.")])
    (Sentence(start=0, end=3, text='Hi.'), Sentence(start=4, end=7, text='Ho.'))
    """
    if not hasattr(kind, "__slots__") or hasattr(kind, "__post_init__"):
        return lambda columns: tuple(map(kind, *columns))
    store = [getattr(kind, name).__set__ for name in kind.__dataclass_fields__]

    def make(columns: list[tuple]) -> tuple:
        records = list(map(object.__new__, repeat(kind, len(columns[0]))))
        for store_field, column in zip(store, columns, strict=True):
            for _ in map(store_field, records, column):  # run for its effect
                pass
        return tuple(records)

    return make


def _records_at_once(
    kind: type, checks: dict[str, Check], rule: Callable[[Any], None] | None
) -> Callable[[list], tuple | None]:
    """How :func:`_list_of` reads a list of ``kind`` records fast: field by field across the
    whole list, each field's values tested at once by its check's column test (``plain``),
    rather than by a check call per value; the records are made from the columns. None, for
    the item-by-item checks to say what is wrong (or to fill in an optional field left out),
    when any item is not plainly valid: not an object, a field missing or extra, a value its
    check would refuse or change (``2.0`` read as ``2``), a record breaking ``rule``.

    >>> at_once = _records_at_once(Note, {"kind": _string, "text": _string}, None)
    >>> at_once([{"kind": "k", "text": "t"}]), at_once([{"kind": "k", "text": 1}])
    ((Note(kind='k', text='t'),), None)
    """
    names = tuple(kind.__dataclass_fields__)  # the order of the positional arguments
    tests = [checks[name].plain for name in names]  # type: ignore[attr-defined]
    fields_of = operator.itemgetter(*names)  # an item's values in that order (two or more)
    make = _maker(kind)
    width = {len(names)}

    def read(items: list) -> tuple | None:
        if not items:
            return ()
        if not set(map(type, items)) <= _DICT or not set(map(len, items)) <= width:
            return None
        try:
            columns = list(zip(*map(fields_of, items), strict=True))
        except KeyError:
            return None
        for test, column in zip(tests, columns, strict=True):
            if not test(column):
                return None
        records = make(columns)
        if rule is not None:
            try:
                for record in records:
                    rule(record)
            except _Invalid:
                return None
        return records

    return read


def _check_names(item: dict, checks: dict[str, Check], partial: bool, optional: tuple) -> None:
    for name in item:
        if name not in checks:
            raise _Invalid(f"is not allowed here (the fields are {', '.join(checks)})", name)
    for name in checks:
        if name not in item and not partial and name not in optional:
            raise _Invalid("is missing", name)


_STRING_OR_NULL = _rule(
    "a string or null",
    lambda v: v is None or isinstance(v, str),
    lambda values: set(map(type, values)) <= _STR_OR_NULL,
)
_NON_EMPTY_STRING = _rule(
    "a non-empty string",
    lambda v: isinstance(v, str) and v != "",
    lambda values: _strings(values) and all(values),
)
_OBJECT = _rule(
    "an object", lambda v: isinstance(v, dict), lambda values: set(map(type, values)) <= _DICT
)
_SOURCE_FIELDS = {
    "path": _STRING_OR_NULL,
    "bytes": _natural_or_null,
    "sha256": _matching_or_null("[0-9a-f]{64}", "64 lowercase hex digits or null"),
    "encoding": _STRING_OR_NULL,
    "encoding_confidence": _rule(
        "a number from 0 to 1 or null", lambda v: v is None or _is_number(v) and 0 <= v <= 1
    ),
    "encoding_source": _one_of(
        "bom", "meta", "utf8", "utf8-lossy", "detector", "fallback", "user", None
    ),
    "replacements": _natural,
    "ingested_at": _matching_or_null(
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z",
        "a UTC time such as 2024-01-31T09:30:00Z, or null",
    ),
    "format": _one_of("html", None),
}
_SOURCE = _record(Source, _SOURCE_FIELDS, partial=True)
_META = _record(Meta, {name: _STRING_OR_NULL for name in Meta.__dataclass_fields__}, partial=True)


def _source_or_null(value: Any) -> Source | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return _SOURCE(value)
    raise _wrong("an object or null", value)


_BLOCKS = _list_of(
    _record(Block, {"type": _one_of("heading", "paragraph"), "start": _natural, "end": _natural})
)


def _check_edit_span(edit: Edit) -> None:
    """An edit's ``start`` and ``end`` frame its ``after``.

    >>> _check_edit_span(Edit("r", 2, 2, "", " "))
    Traceback (most recent call last):
    ...
    newstool.model._Invalid: spans 2..2, but end - start must be the length of "after" (1)
    """
    if edit.end - edit.start != len(edit.after):
        raise _Invalid(
            f"spans {edit.start}..{edit.end}, "
            f'but end - start must be the length of "after" ({len(edit.after)})'
        )


_EDITS = _list_of(
    _record(
        Edit,
        {"rule": _string, "start": _natural, "end": _natural, "before": _string, "after": _string},
        rule=_check_edit_span,
    )
)
_NOTES = _list_of(_record(Note, {"kind": _string, "text": _string}))
_SENTENCES = _list_of(
    _record(Sentence, {"start": _natural, "end": _natural, "text": _NON_EMPTY_STRING})
)
_QUOTE_RECORD = _record(
    Quote,
    {
        "start": _natural,
        "end": _natural,
        "text": _string,
        "kind": _one_of(*QUOTE_KINDS),
        "cue": _STRING_OR_NULL,
        "cue_start": _natural_or_null,
        "cue_end": _natural_or_null,
        "speaker_mention": _STRING_OR_NULL,
        "speaker_mention_start": _natural_or_null,
        "speaker_mention_end": _natural_or_null,
        "speaker": _STRING_OR_NULL,
        "speaker_start": _natural_or_null,
        "speaker_end": _natural_or_null,
        "resolution": _one_of(*RESOLUTIONS),
        "rule": _STRING_OR_NULL,
    },
)
_QUOTES = _list_of(_QUOTE_RECORD)
_RECORD_LISTS = {
    "blocks": _BLOCKS,
    "edits": _EDITS,
    "title_edits": _EDITS,
    "notes": _NOTES,
    "sentences": _SENTENCES,
    "quotes": _QUOTES,
}


def read_record(field: str, item: Any) -> Any:
    """An item of the list ``field`` of a document (``blocks``, ``edits``, ``title_edits``,
    ``notes``, ``sentences``, ``quotes``) read as its record, as :meth:`Document.from_dict`
    reads it (and then takes it as it is): a reader can convert a long list item by item,
    never holding it all as JSON objects. Anything else is given back as it is, an item that is
    not valid too (``from_dict`` then says what is wrong with it).

    >>> read_record("sentences", {"start": 0, "end": 3, "text": "Hi."})
    Sentence(start=0, end=3, text='Hi.')
    >>> read_record("sentences", {"start": 0}), read_record("stats", 1)
    ({'start': 0}, 1)
    """
    check = _RECORD_LISTS.get(field)
    if check is None:
        return item
    try:
        return check.item(item)  # type: ignore[attr-defined]
    except _Invalid:
        return item


_HEX16 = lazyre.compile("[0-9a-f]{16}")
_STEPS = _list_of(
    _record(
        Step,
        {
            "name": _NON_EMPTY_STRING,
            "version": _string,
            "options": _OBJECT,
            "fingerprint": _rule(
                "16 lowercase hex digits",
                lambda v: isinstance(v, str) and _HEX16.fullmatch(v),
                lambda values: _strings(values) and all(map(_HEX16.fullmatch, values)),
            ),
        },
        optional=("fingerprint",),
    )
)
_STRINGS = _list_of(_string)


def _field(data: dict, name: str, check: Check) -> Any:
    try:
        return check(data[name])
    except _Invalid as invalid:
        raise invalid.within(name) from None


def _optional(data: dict, name: str, check: Check) -> Any:
    return _field(data, name, check) if name in data else None


def _read_document(data: Any) -> Document:
    """The document ``data`` holds, with what a minimal one leaves out filled in; raises
    :class:`_Invalid` at the first broken rule."""
    if not isinstance(data, dict):
        raise _Invalid(f"a document must be a JSON object, not {_shown(data)}")
    version = data.get("schema", SCHEMA_VERSION)
    if not (_is_number(version) and version == SCHEMA_VERSION):
        raise _Invalid(
            f"is {_shown(version)}, but this newstool reads schema version {SCHEMA_VERSION}",
            "schema",
        )
    if "text" not in data:
        raise _Invalid("is missing", "text")
    text = _field(data, "text", _string)
    blocks = _field(data, "blocks", _BLOCKS) if "blocks" in data else blocks_from_blank_lines(text)
    _check_blocks(blocks, len(text))
    sentences = _optional(data, "sentences", _SENTENCES)
    if sentences is not None:
        _check_sentences(sentences, text, blocks)
    quotes = _optional(data, "quotes", _QUOTES)
    if quotes is not None:
        _check_quotes(quotes, text)
    return Document(
        id=_field(data, "id", _NON_EMPTY_STRING) if "id" in data else text_id(text),
        text=text,
        title=_optional(data, "title", _STRING_OR_NULL),
        source=_optional(data, "source", _source_or_null),
        blocks=blocks,
        meta=_optional(data, "meta", _META),
        steps=_optional(data, "steps", _STEPS) or (),
        warnings=_optional(data, "warnings", _STRINGS) or (),
        edits=_optional(data, "edits", _EDITS),
        title_edits=_optional(data, "title_edits", _EDITS),
        notes=_optional(data, "notes", _NOTES),
        sentences=sentences,
        quotes=quotes,
        stats=_optional(data, "stats", _OBJECT),
        extra={key: value for key, value in data.items() if key not in _KNOWN},
    )


def _check_span(span: Block | Sentence, length: int, *path: str | int) -> None:
    if span.start > span.end:
        raise _Invalid(f"starts at {span.start}, after its end {span.end}", *path)
    if span.end > length:
        raise _Invalid(f"ends at {span.end}, past the end of the text (length {length})", *path)


def _check_blocks(blocks: tuple[Block, ...], length: int) -> None:
    """Blocks lie within the text, in text order, without overlapping.

    >>> _check_blocks((Block("paragraph", 0, 4), Block("paragraph", 2, 6)), 6)
    Traceback (most recent call last):
    ...
    newstool.model._Invalid: starts at 2, before the block before it ends (at 4)
    """
    previous_end = 0
    for number, block in enumerate(blocks):
        if block.start > block.end or block.end > length:  # as in _check_sentences
            _check_span(block, length, "blocks", number)
        if block.start < previous_end:
            raise _Invalid(
                f"starts at {block.start}, before the block before it ends (at {previous_end})",
                "blocks",
                number,
            )
        previous_end = block.end


def _check_sentences(sentences: tuple[Sentence, ...], text: str, blocks: tuple[Block, ...]) -> None:
    """Each sentence is its span of the text, inside one paragraph block (headings hold none).

    >>> _check_sentences((Sentence(0, 2, "Hi"),), "Hi", (Block("heading", 0, 2),))
    Traceback (most recent call last):
    ...
    newstool.model._Invalid: spans 0..2, which is not inside one paragraph block
    """
    paragraphs = [block for block in blocks if block.type == "paragraph"]
    starts = [block.start for block in paragraphs]
    length = len(text)
    for number, sentence in enumerate(sentences):
        start, end = sentence.start, sentence.end
        if start > end or end > length:  # the check says how (inlined: read for every sentence)
            _check_span(sentence, length, "sentences", number)
        if text[start:end] != sentence.text:
            problem = (
                f"is {_shown(sentence.text)}, but text[{start}:{end}] is {_shown(text[start:end])}"
            )
            raise _Invalid(problem, "sentences", number, "text")
        inside = bisect_right(starts, start) - 1
        if inside < 0 or paragraphs[inside].end < end:
            raise _Invalid(
                f"spans {start}..{end}, which is not inside one paragraph block",
                "sentences",
                number,
            )


def _check_quotes(quotes: tuple[Quote, ...], text: str) -> None:
    """Each quote's content, cue, mention and speaker are the text at their offsets.

    >>> q = Quote(0, 4, "Hi,", "direct", None, None, None, None, None, None, None, None, None,
    ...           "none", None)
    >>> try:
    ...     _check_quotes((q,), '"Hi," he said.')
    ... except _Invalid as invalid:
    ...     print(invalid.message())
    field "quotes[0].text" is "Hi,", but text[1:3] is "Hi"
    """
    for number, quote in enumerate(quotes):
        if quote.start > quote.end or quote.end > len(text):
            raise _Invalid(
                f"spans {quote.start}..{quote.end}, which is not within the text "
                f"(length {len(text)})",
                "quotes",
                number,
            )
        content = (quote.start + (quote.kind == "direct"), quote.end - 1)
        parts = (
            ("text", quote.text, content),
            ("cue", quote.cue, (quote.cue_start, quote.cue_end)),
            (
                "speaker_mention",
                quote.speaker_mention,
                (quote.speaker_mention_start, quote.speaker_mention_end),
            ),
            ("speaker", quote.speaker, (quote.speaker_start, quote.speaker_end)),
        )
        for name, value, (start, end) in parts:
            if value is None and start is None and end is None:
                continue
            if value is None or start is None or end is None:
                raise _Invalid(
                    f"{name}, {name}_start and {name}_end must all be null or all be set",
                    "quotes",
                    number,
                    name,
                )
            if text[start:end] != value:
                raise _Invalid(
                    f"is {_shown(value)}, but text[{start}:{end}] is {_shown(text[start:end])}",
                    "quotes",
                    number,
                    name,
                )


__all__ = [
    "QUOTE_KINDS",
    "RESOLUTIONS",
    "SCHEMA_VERSION",
    "Block",
    "Document",
    "DocumentError",
    "Edit",
    "Meta",
    "Note",
    "Quote",
    "Sentence",
    "Source",
    "Step",
    "blocks_from_blank_lines",
    "join_blocks",
    "lone_surrogates_warning",
    "read_record",
    "record_dict",
    "replace_lone_surrogates",
    "text_id",
]
