"""Renderers for every output: JSON Lines, a JSON array, and Markdown with YAML front matter.

Every subcommand writes through :func:`open_writer`, so ``-f json`` or ``-f markdown`` look the
same whichever stage produced the documents; ``export`` adds one file per document
(:func:`write_document_file`), written atomically and never rewritten when unchanged.

Markdown is escaped so that a CommonMark renderer shows exactly the document's words:

>>> from newstool.model import Document
>>> doc = Document.from_dict({"id": "abc", "title": "A: B", "text": "1. *Not* a list"})
>>> print(render_markdown(doc), end="")
---
id: abc
title: 'A: B'
---
<BLANKLINE>
# A: B
<BLANKLINE>
1\\. \\*Not\\* a list
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, NamedTuple, TextIO

from newstool import lazyre
from newstool.io import atomic_output
from newstool.model import (
    Document,
    lone_surrogates_warning,
    records_as_dicts,
    replace_lone_surrogates,
    text_id,
)

# --- JSON ------------------------------------------------------------------------------------


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON as newstool writes it: characters as they are (UTF-8 output), except the line
    breaks JSON leaves unescaped, U+0085 (NEL), U+2028 and U+2029: escaped, so that readers
    splitting on every Unicode line break (JavaScript, Python's ``str.splitlines``) still see
    one document per line. NaN and Infinity are refused (:class:`ValueError`): not JSON.

    Compact JSON, the JSON Lines every stage reads and writes, is written by msgspec's encoder,
    with no space after ``,`` and ``:``: on documents it takes a sixth of :func:`json.dumps`'s
    time, and with the walk that refuses NaN (msgspec would write null) under half. JSON with
    ``indent`` is written by :func:`json.dumps`.

    >>> json_text({"text": "Café\\u2028next", "n": [1, 2]})
    '{"text":"Café\\\\u2028next","n":[1,2]}'
    >>> print(json_text({"n": [1]}, indent=1))
    {
     "n": [
      1
     ]
    }
    """
    if indent is None:
        refuse_non_finite(value)  # msgspec would write null
        text = _compact_encoder().encode(value).decode("utf-8")
    else:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_UNICODE_LINE_BREAKS)
    return text


@functools.cache
def _compact_encoder() -> Any:
    import msgspec  # here: a stage that writes no JSON starts without it

    return msgspec.json.Encoder()


def refuse_non_finite(value: Any) -> None:
    """:class:`ValueError` when ``value`` holds NaN or an infinity anywhere in its lists and
    objects, as :func:`json.dumps` with ``allow_nan=False`` raises it.

    >>> refuse_non_finite({"stats": {"scores": [1.5, float("nan")]}})
    Traceback (most recent call last):
    ValueError: Out of range float values are not JSON compliant: nan
    """
    kind = type(value)
    if kind is float:
        if not math.isfinite(value):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    elif kind is dict or kind is list or kind is tuple:
        for item in value.values() if kind is dict else value:
            item_kind = type(item)  # tested here: most items are strings and whole numbers
            if item_kind is float or item_kind is dict or item_kind is list or item_kind is tuple:
                refuse_non_finite(item)


_UNICODE_LINE_BREAKS = str.maketrans({c: f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"})


def dump_jsonl_line(doc: Document) -> str:
    """One document as one compact JSON line (see :func:`json_text`).

    >>> dump_jsonl_line(Document.from_dict({"id": "x", "text": "Café"}))[:35]
    '{"schema":1,"id":"x","source":null,'
    >>> dump_jsonl_line(Document.from_dict({"text": "é"})).endswith("]}\\n")
    True
    """
    return json_text(doc.to_dict()) + "\n"


def dump_json(doc: Document, indent: int = 2) -> str:
    """One document as a pretty JSON object (no trailing newline).

    >>> print(dump_json(Document.from_dict({"id": "x", "text": ""}), indent=1)[:27])
    {
     "schema": 1,
     "id": "x",
    """
    return json_text(doc.to_dict(), indent=indent)


# A document whose text is longer than this many characters is written in pieces of about
# this size (strings) or this many items (lists), never as one string: the JSON line of a
# 40 MB article, as one string and then encoded, took ten times the article's size.
PIECE_CHARS = 1 << 20
PIECE_ITEMS = 2000


def jsonl_pieces(doc: Document) -> list[str] | Iterator[str]:
    """:func:`dump_jsonl_line` in pieces to write one after the other: the whole line for a
    document of ordinary size, bounded pieces for a long one (see :func:`json_pieces`).

    >>> jsonl_pieces(Document.from_dict({"id": "x", "text": "Hi."}))[0][:21]
    '{"schema":1,"id":"x",'
    """
    if len(doc.text) <= PIECE_CHARS:
        return [dump_jsonl_line(doc)]
    return _checked(lambda: itertools.chain(json_pieces(doc), ["\n"]))


def json_pieces(doc: Document, indent: int | None = None) -> Iterator[str]:
    """The JSON of ``doc`` (``json.dumps(doc.to_dict())``, compact or with ``indent``) in pieces:
    each field on its own, a long string :data:`PIECE_CHARS` characters at a time, a long list
    :data:`PIECE_ITEMS` items at a time, each converted to JSON objects only then.

    >>> doc = Document.from_dict({"id": "x", "text": "A. B.", "sentences": [
    ...     {"start": 0, "end": 2, "text": "A."}, {"start": 3, "end": 5, "text": "B."}]})
    >>> "".join(json_pieces(doc)) == dump_jsonl_line(doc)[:-1]
    True
    >>> "".join(json_pieces(doc, indent=2)) == dump_json(doc, indent=2)
    True
    """
    yield "{"
    for number, (key, value) in enumerate(doc.to_dict(records=False).items()):
        if number:
            yield ","
        yield from _member_pieces(key, value, indent)
    yield "}" if indent is None else "\n}"


def _member_pieces(key: Any, value: Any, indent: int | None) -> Iterator[str]:
    """``"key": value`` as :func:`json.dumps` writes it inside the document object."""
    close = 1 if indent is None else 2  # "}" or "\n}" after the member
    if isinstance(value, str) and len(value) > PIECE_CHARS:
        yield _dumps({key: ""}, indent)[1 : -close - 1]  # up to the opening quote
        for start in range(0, len(value), PIECE_CHARS):
            yield _dumps(value[start : start + PIECE_CHARS], indent)[1:-1]
        yield '"'
    elif isinstance(value, list | tuple) and len(value) > PIECE_ITEMS:
        yield _dumps({key: []}, indent)[1 : -close - 1]  # up to the opening bracket
        for start in range(0, len(value), PIECE_ITEMS):
            yield ("," if start else "") + _list_items(value[start : start + PIECE_ITEMS], indent)
        yield "]" if indent is None else "\n" + " " * indent + "]"
    else:
        yield _dumps({key: value}, indent)[1:-close]


def _list_items(items: list | tuple, indent: int | None) -> str:
    """The items of a list that is a member of the document object, as they appear there."""
    if indent is None:
        return _dumps(items, indent)[1:-1]
    nested = "\n" + " " * indent
    return _dumps(items, indent).replace("\n", nested)[1 : -len(nested) - 1]


def _dumps(value: Any, indent: int | None) -> str:
    """:func:`json_text` of a part of ``to_dict(records=False)``, its records as JSON objects."""
    if isinstance(value, dict):
        value = {key: _records(item) for key, item in value.items()}
    return json_text(_records(value), indent)


def _records(value: Any) -> Any:
    return records_as_dicts(value) if isinstance(value, tuple) else value


def _checked(pieces: Callable[[], Iterator[str]]) -> Iterator[str]:
    """``pieces()``, once every piece has been made and found to encode as UTF-8: a document that
    cannot be written fails before any of it is written, as when written as one string."""
    for piece in pieces():
        piece.encode("utf-8")
    return pieces()


# --- Markdown escaping ---------------------------------------------------------------------

# Characters CommonMark reads as markup anywhere in a line: backslash escapes, code spans and
# emphasis; "~" is escaped for GitHub-flavoured strikethrough (harmless in CommonMark). An
# underscore between two letters or digits cannot open or close emphasis, so snake_case stays
# readable. A link or image needs "](" (inline), "][" (full reference) or "]:" (a definition,
# without which "[shortcut]" stays text), so editorial [brackets] stay readable. "<" starts HTML
# or an autolink only when a non-space follows; "&" matters only when it would be read as an
# entity or character reference.
_INLINE_MARKUP = lazyre.compile(
    r"""[\\`*~]
    | \](?=[(\[:])
    | (?<![^\W_])_ | _(?![^\W_])
    | <(?=\S)
    | &(?=\#[0-9]+;|\#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)""",
    re.VERBOSE,
)
_MARKUP_CHAR = lazyre.compile(r"[\\`*~\]_<&]")
# What starts a block at the beginning of a line: ATX headings, block quotes, bullet lists,
# thematic breaks and setext underlines (the rest of the line is escaped as inline text).
_BLOCK_START_CHARS = frozenset("#>+-=")
_ORDERED_LIST_START = lazyre.compile(r"\A(\d{1,9})([.)])(?=[ \t]|$)")


def escape_inline(text: str) -> str:
    r"""Escape what CommonMark would read as inline markup, keeping ordinary prose readable.

    A carriage return becomes a character reference: a CommonMark parser would read it as a
    line ending.

    >>> print(escape_inline("*bold* [x](y) <b> &amp; `code` a\\b snake_case _x_ AT&T 2 < 3"))
    \*bold\* [x\](y) \<b> \&amp; \`code\` a\\b snake_case \_x\_ AT&T 2 < 3
    """
    if _MARKUP_CHAR.search(text):  # (every markup match holds one: most paragraphs hold none)
        text = _INLINE_MARKUP.sub(r"\\\g<0>", text)
    return text.replace("\r", "&#13;")


def escape_line_start(line: str) -> str:
    r"""Escape the start of an (already inline-escaped) line that would open a block.

    >>> [escape_line_start(s) for s in ["# x", "> q", "- a", "---", "===", "+1", "1. a", "1999)"]]
    ['\\# x', '\\> q', '\\- a', '\\---', '\\===', '\\+1', '1\\. a', '1999\\)']
    >>> escape_line_start("2018 was a year. 3.5 per cent")
    '2018 was a year. 3.5 per cent'
    """
    if line[:1] in _BLOCK_START_CHARS:
        return "\\" + line
    return _ORDERED_LIST_START.sub(r"\1\\\2", line, count=1)


def encode_edge_whitespace(line: str) -> str:
    """Write white space at either end of a line as a character reference.

    CommonMark strips it (and four leading spaces would start a code block; two trailing spaces
    a hard line break); a character reference is kept as the character it stands for.

    >>> encode_edge_whitespace("    code?  ")
    '&#32;   code? &#32;'
    >>> encode_edge_whitespace("\\u00a0")
    '&#160;'
    """
    if line[:1].isspace():
        line = f"&#{ord(line[0])};{line[1:]}"
    if line[-1:].isspace():
        line = f"{line[:-1]}&#{ord(line[-1])};"
    return line


def escape_markdown_text(text: str, *, at_line_start: bool = True) -> str:
    r"""Escape one line of text so that CommonMark renders exactly ``text``.

    With ``at_line_start`` the line may begin a block, so block markers are escaped too.

    >>> print(escape_markdown_text("# Not a heading_ "))
    \# Not a heading\_&#32;
    >>> print(escape_markdown_text("# inside", at_line_start=False))
    # inside
    """
    escaped = escape_inline(text)
    if at_line_start:
        escaped = escape_line_start(escaped)
    return encode_edge_whitespace(escaped)


def markdown_paragraph(text: str) -> str:
    r"""A paragraph whose rendering is ``text``, each ``\n`` kept as a line break (a soft break).

    An empty line cannot sit inside a Markdown paragraph (it would end it), so the newlines
    around one are written as ``&#10;``, which renders as a newline too.

    >>> print(markdown_paragraph("First line\n- not a list\n\n# nor a heading"))
    First line
    \- not a list&#10;&#10;\# nor a heading
    """
    lines = [escape_markdown_text(line) for line in text.split("\n")]
    parts = [lines[0]]
    for previous, line in zip(lines, lines[1:], strict=False):
        parts.append("\n" if previous and line else "&#10;")
        parts.append(line)
    return "".join(parts)


def markdown_heading(text: str, level: int) -> str:
    r"""An ATX heading (one line) whose rendering is ``text``.

    A trailing ``#`` is escaped (it would be read as a closing sequence) and newlines are written
    as ``&#10;``.

    >>> print(markdown_heading("C# and F #", 2))
    ## C# and F \#
    >>> print(markdown_heading("Two\nlines", 1))
    # Two&#10;lines
    """
    content = escape_markdown_text(text, at_line_start=False).replace("\n", "&#10;")
    if content.endswith("#"):
        content = content[:-1] + "\\#"
    return f"{'#' * level} {content}".rstrip(" ")


# --- Markdown documents --------------------------------------------------------------------


def front_matter(doc: Document) -> dict[str, Any]:
    """The YAML front matter fields: ``id``, ``title``, then, when present, ``source`` (path,
    encoding, ingested_at), ``meta`` (the fields the page gave), ``notes`` (kind, text),
    ``stats`` and ``warnings``.

    >>> front_matter(Document.from_dict({"id": "a1", "text": "", "warnings": ["odd"]}))
    {'id': 'a1', 'title': None, 'warnings': ['odd']}
    >>> front_matter(Document.from_dict({"id": "a1", "text": "", "meta": {"author": "Ann"}}))
    {'id': 'a1', 'title': None, 'meta': {'author': 'Ann'}}
    """
    fields: dict[str, Any] = {"id": doc.id, "title": doc.title}
    if doc.source is not None:
        source = doc.source
        fields["source"] = {
            "path": source.path,
            "encoding": source.encoding,
            "ingested_at": source.ingested_at,
        }
    if doc.meta is not None:
        fields["meta"] = {name: value for name, value in vars(doc.meta).items() if value}
    if doc.notes:
        fields["notes"] = [{"kind": note.kind, "text": note.text} for note in doc.notes]
    if doc.stats:
        fields["stats"] = doc.stats
    if doc.warnings:
        fields["warnings"] = list(doc.warnings)
    return fields


# What YAML readers (PyYAML, ruamel.yaml) take for line breaks besides CR and LF: NEL, line
# and paragraph separators.
_YAML_LINE_BREAKS = lazyre.compile("[\x85\u2028\u2029]")


@functools.cache
def _front_matter_dumper(libyaml: bool = False) -> type:
    """PyYAML's safe dumper, also quoting strings that YAML 1.2 readers would take for numbers,
    and writing strings that hold a NEL, a line or a paragraph separator double-quoted; with
    ``libyaml``, the same dumper on libyaml's emitter, written in C (:func:`dump_front_matter`
    keeps what it writes only where PyYAML's own emitter writes the same).

    PyYAML (YAML 1.1) writes the id ``12e45678`` (or ``0o17``) unquoted, but js-yaml or ruamel
    read it as a number; quoting such strings keeps the front matter lossless for other tools.
    PyYAML writes those three characters as line breaks inside a single-quoted string, and
    reads a NEL there back as a space (so does ruamel.yaml); in double quotes they are escaped
    (``\\N``, ``\\L``, ``\\P``), which both read back as the character.
    """
    import yaml

    class FrontMatterDumper(yaml.CSafeDumper if libyaml else yaml.SafeDumper):
        def represent_str(self, data: str) -> yaml.ScalarNode:
            style = '"' if _YAML_LINE_BREAKS.search(data) else None
            return self.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    FrontMatterDumper.add_representer(str, FrontMatterDumper.represent_str)

    FrontMatterDumper.add_implicit_resolver(
        "tag:yaml.org,2002:float",
        re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
        list("-+0123456789."),
    )
    FrontMatterDumper.add_implicit_resolver(
        "tag:yaml.org,2002:int", re.compile(r"^0o[0-7]+$"), ["0"]
    )
    return FrontMatterDumper


def dump_front_matter(fields: dict[str, Any]) -> str:
    """The front matter block: ``---``, the fields as YAML, ``---``.

    >>> print(dump_front_matter({"id": "12e45678", "title": "--- Yes: no"}), end="")
    ---
    id: '12e45678'
    title: '--- Yes: no'
    ---
    >>> print(dump_front_matter({"title": "Talks\\x85ended"}), end="")
    ---
    title: "Talks\\Nended"
    ---

    libyaml's emitter (PyYAML's, in C: four times faster on news front matter) writes what
    PyYAML's own writes but for characters past U+FFFF, such as emoji, which it escapes in
    double quotes (``"\\U0001F600"``, where PyYAML writes the character), and for keys that
    are not plain words (one holding a line break is a complex key to PyYAML only). So it writes
    fields whose keys are all plain words (newstool's always are), and its block is kept unless
    it holds ``\\U``; PyYAML's own emitter writes the others (and a string that is not valid
    Unicode, which libyaml cannot take):

    >>> print(dump_front_matter({"title": "Go 🚀", "path": "C:\\\\Users"}), end="")
    ---
    title: Go 🚀
    path: C:\\Users
    ---
    """
    import yaml

    options: dict[str, Any] = {"allow_unicode": True, "sort_keys": False}
    if yaml.__with_libyaml__ and _plain_keys(fields):
        try:  # width -1: no wrapping
            body = yaml.dump(fields, Dumper=_front_matter_dumper(True), width=-1, **options)
        except UnicodeEncodeError:  # a lone surrogate, which PyYAML escapes
            body = None
        if body is not None and "\\U" not in body:
            return f"---\n{body}---\n"
    body = yaml.dump(fields, Dumper=_front_matter_dumper(), width=float("inf"), **options)
    return f"---\n{body}---\n"


_PLAIN_KEY = lazyre.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _plain_keys(value: Any) -> bool:
    """Whether every key of the mappings in ``value`` is a plain word (``top_terms``).

    >>> _plain_keys({"stats": {"words": 3, "top": [{"term": "x"}]}}), _plain_keys({"a\\rb": 1})
    (True, False)
    """
    if isinstance(value, dict):
        return all(
            isinstance(key, str) and _PLAIN_KEY.fullmatch(key) and _plain_keys(item)
            for key, item in value.items()
        )
    if isinstance(value, list):
        return all(map(_plain_keys, value))
    return True


def sentence_starts(doc: Document) -> tuple[int, ...]:
    """Offsets where the document's sentences start, in order: where sentence-per-line output
    starts a new line. A document without ``sentences`` is split here, with the library
    splitter (:func:`newstool.sentences.split_document`); the document itself is not changed.

    >>> sentence_starts(Document.from_dict({"text": "One. Two.Three.\\n\\nFour."}))
    (0, 5, 9, 17)
    """
    sentences = doc.sentences
    if sentences is None:
        from newstool.sentences import split_document

        sentences = split_document(doc).sentences or ()
    return tuple(sorted({sentence.start for sentence in sentences}))


def break_lines(text: str, offset: int, starts: Sequence[int]) -> str:
    """``text`` (found at ``offset`` in the document) with a line break before each sentence
    that starts at one of the sorted ``starts`` and not already at the start of a line.

    The single space before such a sentence becomes the line break; a sentence glued to the
    previous one (no space between) gets a line break inserted. No other character changes.

    >>> break_lines("One. Two.Three.  Four.", 10, [10, 15, 19, 27])
    'One.\\nTwo.\\nThree. \\nFour.'
    """
    lines, line_start = [], 0
    first, last = (
        bisect.bisect_right(starts, offset),
        bisect.bisect_left(starts, offset + len(text)),
    )
    for start in (s - offset for s in starts[first:last]):
        if text[start - 1] == "\n":
            continue
        lines.append(text[line_start : start - (text[start - 1] == " ")])
        line_start = start
    lines.append(text[line_start:])
    return "\n".join(lines)


def markdown_body(doc: Document, *, sentences: bool = False) -> str:
    """The Markdown body: ``# title``, then ``## heading`` and paragraphs, blank-line separated.

    Empty blocks are left out (Markdown has no empty paragraph); a block of a type other than
    ``heading`` is written as a paragraph.

    >>> blocks = [{"type": "heading", "start": 0, "end": 1},
    ...           {"type": "paragraph", "start": 3, "end": 4}]
    >>> doc = Document.from_dict({"title": "T", "text": "H\\n\\nP", "blocks": blocks})
    >>> markdown_body(doc)
    '# T\\n\\n## H\\n\\nP\\n'
    """
    return "".join(_body_pieces(doc, sentences))


def _body_pieces(doc: Document, sentences: bool) -> Iterator[str]:
    """The body a block at a time: each block, then a blank line, or a newline after the last."""
    blocks = _markdown_blocks(doc, sentences)
    block = next(blocks, None)
    while block is not None:
        following = next(blocks, None)
        yield block
        yield "\n\n" if following is not None else "\n"
        block = following


def _markdown_blocks(doc: Document, sentences: bool) -> Iterator[str]:
    """The title, the headings and the paragraphs, each rendered; one block's text at a time."""
    starts = sentence_starts(doc) if sentences else ()
    if doc.title:
        yield markdown_heading(doc.title, 1)
    for block in doc.blocks:
        text = doc.text[block.start : block.end]
        if not text:
            continue
        if block.type == "heading":
            yield markdown_heading(text, 2)
        else:
            yield markdown_paragraph(break_lines(text, block.start, starts))


def render_markdown(doc: Document, *, sentences: bool = False, quotes: bool = False) -> str:
    """The document as Markdown: YAML front matter, a blank line, then the body.

    With ``sentences`` each sentence starts a new line inside its paragraph (semantic line
    breaks, see :func:`break_lines`; a renderer still shows one paragraph). A document without
    ``sentences`` is split on the fly.

    >>> print(render_markdown(Document.from_dict({"id": "x", "text": "Hi."})), end="")
    ---
    id: x
    title: null
    ---
    <BLANKLINE>
    Hi.
    """
    return "".join(_markdown_pieces(doc, sentences, quotes))


def markdown_pieces(
    doc: Document, *, sentences: bool = False, quotes: bool = False
) -> list[str] | Iterator[str]:
    """:func:`render_markdown` in pieces to write one after the other: the whole of a document
    of ordinary size, a block at a time for a long one (see :func:`jsonl_pieces`).

    >>> "".join(markdown_pieces(Document.from_dict({"id": "x", "text": "Hi."})))[-6:]
    '\\n\\nHi.\\n'
    """
    if len(doc.text) <= PIECE_CHARS:
        return [render_markdown(doc, sentences=sentences, quotes=quotes)]
    return _checked(lambda: _markdown_pieces(doc, sentences, quotes))


def _markdown_pieces(doc: Document, sentences: bool, quotes: bool = False) -> Iterator[str]:
    yield dump_front_matter(front_matter(doc))
    body = _body_pieces(doc, sentences)
    first = next(body, None)
    if first is not None:
        yield "\n"
        yield first
        yield from body
    if quotes:
        yield "\n" if first is not None else "\n\n"
        yield markdown_quotes_table(doc)


# What opens the table of quotations after a body: a line no body line can be (``<`` starting
# a body line is always escaped), where the Markdown reader stops.
QUOTES_MARKER = "<!-- newstool: quotes -->"
_TABLE_CELL = str.maketrans({"|": "\\|", "\n": " "})


def markdown_quotes_table(doc: Document) -> str:
    """The document's quotations as a Markdown table (speaker, quotation, how the speaker was
    found), after :data:`QUOTES_MARKER`; a document without ``quotes`` has them found here
    (:func:`newstool.quotes.find_quotes`), the document itself is not changed.

    >>> doc = Document.from_dict({"text": '"We won," Ann Lee said.'})
    >>> print(markdown_quotes_table(doc), end="")
    <!-- newstool: quotes -->
    <BLANKLINE>
    | Speaker | Quotation | Kind | Resolution | Rule |
    | --- | --- | --- | --- | --- |
    | Ann Lee | We won, | direct | explicit | quote-speaker-cue |
    """
    found = doc.quotes
    if found is None:
        from newstool.quotes import find_quotes

        found = find_quotes(doc.text, doc.blocks)
    lines = [
        QUOTES_MARKER,
        "",
        "| Speaker | Quotation | Kind | Resolution | Rule |",
        "| --- | --- | --- | --- | --- |",
    ]
    for quote in found:
        cells = (quote.speaker or "", quote.text, quote.kind, quote.resolution, quote.rule or "")
        lines.append(
            "| " + " | ".join(escape_inline(c).translate(_TABLE_CELL) for c in cells) + " |"
        )
    return "\n".join(lines) + "\n"


# A document in a stream: its front matter, then its body up to the next document's "---" line
# (body lines never consist of "---": a leading "-" is always escaped).
_STREAM_DOCUMENT = lazyre.compile(
    r"---\n(.*?)^---\n(?:\n(?!---\n)(.*?))?(?:\n(?=---\n)|\Z)", re.DOTALL | re.MULTILINE
)


def split_markdown_stream(text: str) -> list[tuple[dict[str, Any], str]]:
    """Split a Markdown stream (as :func:`open_writer` writes it) into (front matter, body) pairs.

    Raises :class:`ValueError` if the text is not such a stream.

    >>> from newstool.model import Document
    >>> docs = [Document.from_dict({"id": i, "text": "---"}) for i in ("a", "b")]
    >>> stream = render_markdown(docs[0]) + "\\n" + render_markdown(docs[1])
    >>> split_markdown_stream(stream)
    [({'id': 'a', 'title': None}, '\\\\---\\n'), ({'id': 'b', 'title': None}, '\\\\---\\n')]
    """
    import yaml

    pairs = []
    position = 0
    while position < len(text):
        match = _STREAM_DOCUMENT.match(text, position)
        if match is None:
            line = text.count("\n", 0, position) + 1
            raise ValueError(f"line {line}: expected a document starting with '---'")
        pairs.append((yaml.safe_load(match.group(1)), match.group(2) or ""))
        position = match.end()
    return pairs


# --- Reading Markdown back ---------------------------------------------------------------


class MarkdownFormatError(ValueError):
    """Text that is not Markdown as newstool writes it (front matter, then the body)."""


# The escapes newstool writes: a backslash before the character it escapes, and character
# references for white space at line ends, line breaks inside blocks and carriage returns.
_ESCAPE = lazyre.compile(r"\\(.)|&#([0-9]+);", re.DOTALL)


def unescape_markdown(text: str) -> str:
    r"""Undo :func:`escape_markdown_text` (and the ``&#10;`` of paragraphs and headings).

    >>> unescape_markdown(r"\# Not a heading\_&#32; \&#35; a\\b&#10;")
    '# Not a heading_  &#35; a\\b\n'
    """
    return _ESCAPE.sub(lambda m: m.group(1) or chr(int(m.group(2))), text)


def markdown_blocks(body: str) -> list[tuple[str, str]]:
    r"""The (type, text) blocks of a body as :func:`markdown_body` writes it: ``## `` lines are
    headings, everything else paragraphs (blocks never hold a blank line: it is ``&#10;``).

    >>> markdown_blocks("# T\n\n## C\\#\n\nOne\n\\- two\n")
    [('title', 'T'), ('heading', 'C#'), ('paragraph', 'One\n- two')]
    """
    blocks = []
    for part in body.removesuffix("\n").split("\n\n") if body else []:
        if part == QUOTES_MARKER:
            break  # the table of quotations (export --quotes) is not text
        marks, _, content = part.partition(" ")
        kind = {"#": "title", "##": "heading"}.get(marks) if "\n" not in part else None
        if kind is None:
            kind, content = "paragraph", part
        blocks.append((kind, unescape_markdown(content)))
    return blocks


def document_from_markdown(fields: Any, body: str) -> Document:
    r"""One document from its front matter ``fields`` and Markdown ``body``.

    Raises :class:`MarkdownFormatError` when they are not what :func:`render_markdown` writes.

    >>> doc = document_from_markdown({"id": "a1", "title": "T"}, "# T\n\n## H\n\nP \\*1\\*\n")
    >>> doc.text, [(b.type, b.start, b.end) for b in doc.blocks]
    ('H\n\nP *1*', [('heading', 0, 1), ('paragraph', 3, 8)])
    """
    if not isinstance(fields, dict) or "id" not in fields:
        raise MarkdownFormatError("the front matter is not newstool's (it has no id)")
    fields, repaired = replace_lone_surrogates(fields)  # YAML can escape them: "\ud800"
    if repaired and isinstance(fields.get("warnings", []), list):
        fields["warnings"] = [*fields.get("warnings", []), lone_surrogates_warning(repaired)]
    blocks = markdown_blocks(body)
    title = fields.get("title")
    if title:
        if not blocks or blocks[0] != ("title", title):
            raise MarkdownFormatError("the body does not start with the title as a '# ' heading")
        blocks = blocks[1:]
    if any(kind == "title" for kind, _ in blocks):
        raise MarkdownFormatError("a '# ' heading other than the title is in the body")
    text, spans = "", []
    for kind, block_text in blocks:
        text += "\n\n" if spans else ""
        spans.append({"type": kind, "start": len(text), "end": len(text) + len(block_text)})
        text += block_text
    known = {k: fields[k] for k in ("source", "meta", "notes", "stats", "warnings") if k in fields}
    try:
        return Document.from_dict(
            {"id": fields["id"], "title": title, "text": text, "blocks": spans, **known}
        )
    except ValueError as exc:
        raise MarkdownFormatError(f"the front matter does not describe a document: {exc}") from None


def parse_markdown_documents(text: str) -> list[Document]:
    r"""The documents of newstool's own Markdown (:func:`render_markdown`, one document or a
    stream of several as :func:`open_writer` writes them), read back.

    Title, text and blocks come back exactly, for any text, from Markdown written without
    ``sentences``; ``id``, ``meta``, ``notes``, ``stats``, ``warnings`` and ``source`` (path,
    encoding, ingested_at) come from the front matter. What the front matter does not hold is lost:
    ``steps``, ``edits``, ``sentences``, the other ``source`` fields, unknown fields, empty
    blocks, block types other than heading and paragraph, and any text between blocks other
    than one blank line. Written with ``sentences``, each line break between sentences reads
    back as a newline in the text. Raises :class:`MarkdownFormatError` (a :class:`ValueError`)
    naming the document when the text is not newstool Markdown.

    >>> doc = Document.from_dict({"id": "a1", "title": "A: B", "text": "1. *Not* a list"})
    >>> [back] = parse_markdown_documents(render_markdown(doc))
    >>> back.title, back.text
    ('A: B', '1. *Not* a list')
    >>> parse_markdown_documents("# Just Markdown\n")
    Traceback (most recent call last):
    ...
    newstool.export.MarkdownFormatError: not newstool Markdown: line 1: expected a document ...
    """
    import yaml

    try:
        pairs = split_markdown_stream(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise MarkdownFormatError(f"not newstool Markdown: {exc}") from None
    documents = []
    for number, (fields, body) in enumerate(pairs, 1):
        try:
            documents.append(document_from_markdown(fields, body))
        except MarkdownFormatError as exc:
            where = f"document {number}" if len(pairs) > 1 else "the document"
            raise MarkdownFormatError(f"not newstool Markdown: {where}: {exc}") from None
    return documents


# --- Writers -----------------------------------------------------------------------------


@dataclass
class DocumentWriter:
    """Writes a stream of documents in one format to ``out``: on a terminal each one is
    flushed as it is written; elsewhere ``out`` is flushed when its buffer fills and at the end
    (a stage also flushes it before it waits for input: see
    :func:`newstool.io.input_flushing_before_wait`).

    ``render`` gives the pieces of one document's output, written one after the other (a long
    document is never one string). ``close()`` finishes the stream (the ``]`` of a JSON array,
    ``[]`` when no document came) but does not close ``out``. Also a context manager that
    closes the stream on exit.
    """

    out: TextIO
    render: Callable[[Document], Iterable[str]]
    opening: str = ""
    separator: str = ""
    closing: str = ""
    empty: str = ""
    count: int = 0
    flush_each: bool = field(init=False)

    def __post_init__(self) -> None:
        try:
            self.flush_each = self.out.isatty()
        except (OSError, ValueError):  # closed, or no file behind it
            self.flush_each = False

    def write(self, doc: Document) -> None:
        """Write one document."""
        # rendered (and checked) first: a document that cannot be rendered writes nothing
        self.write_rendered(self.render(doc))

    def write_rendered(self, pieces: Iterable[str]) -> None:
        """Write one document rendered by ``render`` (in a worker process, say). The first
        piece goes with the separator, so that a first piece that cannot be encoded writes
        nothing at all."""
        pieces = iter(pieces)
        self.out.write((self.separator if self.count else self.opening) + next(pieces, ""))
        for piece in pieces:
            self.out.write(piece)
        if self.flush_each:
            self.out.flush()
        self.count += 1

    def close(self) -> None:
        """Finish the stream."""
        self.out.write(self.closing if self.count else self.empty)
        self.out.flush()

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def json_array_item_pieces(doc: Document, indent: int = 2) -> list[str] | Iterator[str]:
    """One document as an item of a JSON array written with ``indent``, in pieces (see
    :func:`jsonl_pieces`).

    >>> print("".join(json_array_item_pieces(Document.from_dict({"id": "x", "text": ""}), 1))[:30])
     {
      "schema": 1,
      "id": "x",
    """
    pad = " " * indent
    if len(doc.text) <= PIECE_CHARS:
        return [pad + dump_json(doc, indent).replace("\n", "\n" + pad)]
    return _checked(
        lambda: itertools.chain(
            [pad], (piece.replace("\n", "\n" + pad) for piece in json_pieces(doc, indent))
        )
    )


def _json_array_writer(
    out: TextIO, *, indent: int = 2, sentences: bool = False, quotes: bool = False
) -> DocumentWriter:
    return DocumentWriter(
        out,
        functools.partial(json_array_item_pieces, indent=indent),
        opening="[\n",
        separator=",\n",
        closing="\n]\n",
        empty="[]\n",
    )


def _markdown_writer(
    out: TextIO, *, indent: int = 2, sentences: bool = False, quotes: bool = False
) -> DocumentWriter:
    return DocumentWriter(
        out, functools.partial(markdown_pieces, sentences=sentences, quotes=quotes), separator="\n"
    )


def _jsonl_writer(
    out: TextIO, *, indent: int = 2, sentences: bool = False, quotes: bool = False
) -> DocumentWriter:
    return DocumentWriter(out, jsonl_pieces)


def _json_file(
    doc: Document, *, indent: int = 2, sentences: bool = False, quotes: bool = False
) -> str:
    return dump_json(doc, indent) + "\n"


def _markdown_file(
    doc: Document, *, indent: int = 2, sentences: bool = False, quotes: bool = False
) -> str:
    return render_markdown(doc, sentences=sentences, quotes=quotes)


def _jsonl_file(
    doc: Document, *, indent: int = 2, sentences: bool = False, quotes: bool = False
) -> str:
    return dump_jsonl_line(doc)


class OutputFormat(NamedTuple):  # not a frozen dataclass: made at start-up far faster
    """A text format documents are written in: as a stream, and as one file per document.

    Both take the same keyword options (``indent`` for JSON, ``sentences`` and ``quotes`` for
    Markdown) and ignore the ones that are not theirs.
    """

    name: str
    extension: str
    stream: Callable[..., DocumentWriter]  # (out, **options) -> a writer of many documents
    file: Callable[..., str]  # (doc, **options) -> the content of its own file


# The registry of output formats: the CLI's -f choices, file extensions and writers come from it.
OUTPUT_FORMATS = {
    f.name: f
    for f in (
        OutputFormat("jsonl", ".jsonl", _jsonl_writer, _jsonl_file),
        OutputFormat("json", ".json", _json_array_writer, _json_file),
        OutputFormat("markdown", ".md", _markdown_writer, _markdown_file),
    )
}
FORMATS = tuple(OUTPUT_FORMATS)
# ``export`` also writes a SQLite database (:mod:`newstool.database`): a file, never a stream.
DATABASE_FORMAT = "sqlite"
EXPORT_FORMATS = (*FORMATS, DATABASE_FORMAT)


def output_format(fmt: str) -> OutputFormat:
    """The registered format named ``fmt``; :class:`ValueError` naming the known ones if none.

    >>> output_format("markdown").extension
    '.md'
    >>> output_format("yaml")
    Traceback (most recent call last):
    ...
    ValueError: unknown format 'yaml'; use one of jsonl, json, markdown
    """
    try:
        return OUTPUT_FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}") from None


def open_writer(
    fmt: str, out: TextIO, *, indent: int = 2, sentences: bool = False, quotes: bool = False
) -> DocumentWriter:
    """A writer of ``fmt`` (one of :data:`FORMATS`) to ``out``.

    ``json`` writes one array item by item (never the whole corpus in memory); ``markdown``
    separates documents with a blank line, each starting with its own front matter.

    >>> import io
    >>> out = io.StringIO()
    >>> with open_writer("json", out, indent=1) as writer:
    ...     writer.write(Document.from_dict({"id": "a", "text": ""}))
    >>> print(out.getvalue()[:32])
    [
     {
      "schema": 1,
      "id": "a",
    >>> out = io.StringIO()
    >>> open_writer("json", out).close()
    >>> out.getvalue()
    '[]\\n'
    """
    return output_format(fmt).stream(out, indent=indent, sentences=sentences, quotes=quotes)


def render_document(
    doc: Document, fmt: str, *, indent: int = 2, sentences: bool = False, quotes: bool = False
) -> str:
    """The content of a one-document file: a JSON line, a JSON object, or Markdown.

    >>> render_document(Document.from_dict({"id": "a", "text": ""}), "json", indent=0)[:12]
    '{\\n"schema": '
    """
    return output_format(fmt).file(doc, indent=indent, sentences=sentences, quotes=quotes)


# --- File names and files ----------------------------------------------------------------

# Latin letters that Unicode does not decompose into ASCII, and the fraction slash of "½".
_TRANSLITERATION = str.maketrans(
    {"\u2044": "-", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
     "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"}
)  # fmt: skip
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{name}{n}" for name in ("com", "lpt") for n in range(10)]
)


def slugify(title: str | None, max_length: int = 60) -> str:
    """An ASCII file-name stem from a title: lower case, words joined by ``-``.

    Only ``a-z``, ``0-9`` and ``-`` remain (so no dot, slash or colon), never empty
    (``untitled``), never a reserved Windows name; cut at a word boundary to ``max_length``.

    >>> slugify("Strong warning to West")
    'strong-warning-to-west'
    >>> slugify("Ærø's Straße: café/bar"), slugify("../.."), slugify(None), slugify("CON")
    ('aero-s-strasse-cafe-bar', 'untitled', 'untitled', 'con-doc')
    >>> slugify("a very long title indeed", max_length=12)
    'a-very-long'
    """
    decomposed = unicodedata.normalize("NFKD", title or "").translate(_TRANSLITERATION)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
        slug = slug.strip("-")
    if not slug:
        return "untitled"
    return f"{slug}-doc" if slug in _WINDOWS_RESERVED else slug


def export_filename(doc: Document, fmt: str) -> str:
    """``<slug-of-title>-<first 8 of id>.<ext>``.

    An id whose first 8 characters are not all ASCII letters and digits (a user's own id) is
    replaced by the first 8 hex digits of its SHA-256, so the name stays safe.

    >>> doc = Document.from_dict({"id": "a0fc1bd85d46184f", "title": "Strong warning", "text": ""})
    >>> export_filename(doc, "markdown")
    'strong-warning-a0fc1bd8.md'
    >>> export_filename(Document.from_dict({"id": "../x", "text": ""}), "json")
    'untitled-d6b96a97.json'
    """
    extension = output_format(fmt).extension
    prefix = doc.id[:8]
    if not re.fullmatch(r"[A-Za-z0-9]+", prefix):
        prefix = text_id(doc.id)[:8]
    return f"{slugify(doc.title)}-{prefix}{extension}"


class ExportFileExistsError(FileExistsError):
    """A different file already has the export's name, and ``force`` was not given."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: a different file already exists; use --force to overwrite it")
        self.path = path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and a rename.

    Readers see the old file or the new one, never half a file. A new file gets the usual
    permissions (umask); a replaced one keeps its mode.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     atomic_write_bytes(Path(tmp, "f.txt"), b"new")
    ...     Path(tmp, "f.txt").read_bytes(), [p.name for p in Path(tmp).iterdir()]
    (b'new', ['f.txt'])
    """
    with atomic_output(path, "wb") as handle:
        handle.write(data)


# Fields that differ between two exports of the same content: when it was ingested, and from
# which path (identical files, or the same file moved, give the same document and file name).
VOLATILE_SOURCE_FIELDS = ("path", "ingested_at")


def recorded_source(content: bytes, fmt: str) -> dict[str, Any] | None:
    """The ``source`` object that an export file's ``content`` records (in its JSON or its
    front matter); None when it records none or is not a readable export of ``fmt``.

    >>> recorded_source(b'{"source": {"path": "a.txt"}}', "json")
    {'path': 'a.txt'}
    >>> recorded_source(b"---\\nsource: {path: a.txt}\\n---\\n", "markdown")
    {'path': 'a.txt'}
    >>> recorded_source(b"mine", "jsonl"), recorded_source(b"\\xff", "markdown")
    (None, None)
    """
    import yaml

    try:
        text = content.decode("utf-8")
        if fmt == "markdown":
            pairs = split_markdown_stream(text)
            fields = pairs[0][0] if pairs else None
        else:
            fields = json.loads(text)
    except (ValueError, yaml.YAMLError):
        return None
    source = fields.get("source") if isinstance(fields, dict) else None
    return source if isinstance(source, dict) else None


def with_volatile_fields_of(doc: Document, content: bytes, fmt: str) -> Document:
    """``doc`` with the :data:`VOLATILE_SOURCE_FIELDS` that the export file ``content`` records:
    rendered again, it gives ``content`` exactly when nothing else differs.

    >>> doc = Document.from_dict({"text": "x", "source": {"path": "new.txt"}})
    >>> with_volatile_fields_of(doc, b'{"source": {"path": "old.txt"}}', "json").source.path
    'old.txt'
    """
    recorded = recorded_source(content, fmt)
    if doc.source is None or recorded is None:
        return doc
    volatile = {name: recorded.get(name) for name in VOLATILE_SOURCE_FIELDS}
    return replace(doc, source=replace(doc.source, **volatile))


def write_document_file(
    directory: Path,
    doc: Document,
    fmt: str,
    *,
    force: bool = False,
    indent: int = 2,
    sentences: bool = False,
    quotes: bool = False,
) -> Literal["written", "replaced", "unchanged"]:
    """Write ``doc`` into ``directory`` as :func:`export_filename`, atomically.

    Returns ``"written"`` for a new file, ``"unchanged"`` when the file already holds this
    export apart from the volatile ``source.path`` and ``source.ingested_at`` (it is not
    touched, so its mtime and recorded source stay), ``"replaced"`` when a different file was
    overwritten with ``force``. Without ``force``, a different existing file raises
    :class:`ExportFileExistsError` (a :class:`FileExistsError`).

    >>> import tempfile
    >>> from newstool.model import Source
    >>> doc = Document.from_dict({"id": "a0fc1bd8", "title": "T", "text": "x", "source": {
    ...     "path": "a.txt", "ingested_at": "2024-01-01T00:00:00Z"}})
    >>> copy = replace(doc, source=Source(path="copy.txt", ingested_at="2024-01-02T00:00:00Z"))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [write_document_file(Path(tmp), d, "markdown") for d in (doc, copy)]
    ['written', 'unchanged']
    """
    path = Path(directory) / export_filename(doc, fmt)

    def render(document: Document) -> bytes:
        rendered = render_document(document, fmt, indent=indent, sentences=sentences, quotes=quotes)
        return rendered.encode("utf-8")

    data = render(doc)
    if path.exists():
        existing = path.read_bytes()
        if existing in (data, render(with_volatile_fields_of(doc, existing, fmt))):
            return "unchanged"
        if not force:
            raise ExportFileExistsError(path)
        atomic_write_bytes(path, data)
        return "replaced"
    atomic_write_bytes(path, data)
    return "written"
