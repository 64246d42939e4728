"""Document.from_dict and the shipped JSON Schema accept and reject the same documents.

Valid documents are generated; every rule of the schema is read out of the schema itself and
broken one at a time (so a rule added to the schema is tested at once); the rules the schema
states only in its descriptions (offsets, order, spans) are broken by hand. Written documents
have every required field; a reader fills in a missing field that has a ``default`` in the
schema, and derives a missing ``id`` or ``blocks`` from ``text``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.model import Document, DocumentError, blocks_from_blank_lines, text_id

SCHEMA = json.loads(resources.files("newstool").joinpath("document.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Fields a reader derives from text when they are missing (the schema's descriptions say how).
DERIVED: dict[str, Callable[[str], Any]] = {
    "id": text_id,
    "blocks": lambda text: [
        {"type": b.type, "start": b.start, "end": b.end} for b in blocks_from_blank_lines(text)
    ],
}

# --- generating valid documents ----------------------------------------------------------

# Values come from short fixed lists: each draw costs time, and the offsets vary anyway.
WORD = st.sampled_from(["a", "Talks", "é’", "x.y"])
BLOCK_TEXT = st.sampled_from(["Go.", "It is late. He left.", "Café ’s", "a  b\tc"])
SHORT = st.sampled_from(["", " ", "\n", "é", "ab c"])
FULL_SOURCE = {
    "path": "in/a.txt",
    "bytes": 2317,
    "sha256": "0123456789abcdef" * 4,
    "encoding": "utf-8",
    "encoding_confidence": 0.99,
    "encoding_source": "utf8",
    "replacements": 0,
    "ingested_at": "2024-01-31T09:30:00Z",
    "format": "html",
}
NULL_SOURCE = {name: None for name in FULL_SOURCE} | {"replacements": 3}
SOURCE = st.sampled_from([None, FULL_SOURCE, NULL_SOURCE, FULL_SOURCE | {"encoding_confidence": 1}])
FINGERPRINTED_STEP = {
    "name": "clean",
    "version": "0.1.0",
    "options": {"rules": ["collapse_space_runs"]},
    "fingerprint": "0123456789abcdef",
}
STEP = st.sampled_from(
    [
        {"name": "ingest", "version": "0.1.0", "options": {}},
        FINGERPRINTED_STEP,
        {"name": "my-tool", "version": "", "options": {"top": 3}},
    ]
)
NOTE = st.sampled_from([{"kind": "editorial", "text": "said ABC"}, {"kind": "", "text": ""}])
NULL_META = dict.fromkeys(["author", "date", "site", "url", "language", "description"])
META = st.sampled_from(
    [
        NULL_META,
        NULL_META | {"author": "Ann Lee", "date": "2024-03-05", "url": "https://v.example/a"},
        NULL_META | {"site": "Vale", "language": "en-GB", "description": "Trains return."},
    ]
)
STATS = st.sampled_from([{}, {"words": 2, "flesch_reading_ease": 61.5, "top_terms": [["x", 1]]}])


@st.composite
def edits(draw: st.DrawFn, min_size: int) -> list[dict]:
    """Edits whose ``start`` and ``end`` frame their ``after``."""
    items = []
    for _ in range(draw(st.integers(min_size, 2))):
        start, before, after = draw(st.integers(0, 40)), draw(SHORT), draw(SHORT)
        end = start + len(after)
        items.append({"rule": "r", "start": start, "end": end, "before": before, "after": after})
    return items


def quote_record(text: str, start: int, end: int) -> dict:
    """A valid quotation over ``text[start:end]``: attributed to its first character (standing
    for a mark), so that every field is set."""
    return {
        "start": start,
        "end": end,
        "text": text[start + 1 : end - 1],
        "kind": "direct",
        "cue": text[start : start + 1],
        "cue_start": start,
        "cue_end": start + 1,
        "speaker_mention": text[start : start + 1],
        "speaker_mention_start": start,
        "speaker_mention_end": start + 1,
        "speaker": text[start : start + 1],
        "speaker_start": start,
        "speaker_end": start + 1,
        "resolution": "explicit",
        "rule": "quote-speaker-cue",
    }


@st.composite
def documents(draw: st.DrawFn, full: bool = False) -> dict:
    """A valid written document; ``full`` ones hold every field, every list at least one item,
    two blocks or more, a sentence in every paragraph, and a paragraph last."""
    at_least = int(full)
    kind = st.sampled_from(["heading", "paragraph"])
    kinds = draw(st.lists(kind, min_size=at_least, max_size=3)) + (["paragraph"] if full else [])
    text, blocks, sentences, quotes = "", [], [], []
    for kind in kinds:
        text += "\n\n" if text else ""
        block_text = draw(BLOCK_TEXT)
        blocks.append({"type": kind, "start": len(text), "end": len(text) + len(block_text)})
        text += block_text
        if kind == "paragraph" and (full or draw(st.booleans())):
            start = draw(st.integers(blocks[-1]["start"], len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            sentences.append({"start": start, "end": end, "text": text[start:end]})
            if end - start >= 2:
                quotes.append(quote_record(text, start, end))
    if full and not quotes:
        quotes.append(quote_record(text, 0, len(text)))
    optional = {
        "edits": draw(edits(at_least)),
        "title_edits": draw(edits(at_least)),
        "notes": draw(st.lists(NOTE, min_size=at_least, max_size=2)),
        "sentences": sentences,
        "quotes": quotes,
        "stats": draw(STATS),
        "meta": copy.deepcopy(draw(META)),
    }
    kept = optional if full else {k: v for k, v in optional.items() if draw(st.booleans())}
    return {
        "schema": 1,
        "id": draw(WORD),
        "source": copy.deepcopy(FULL_SOURCE if full else draw(SOURCE)),
        "title": draw(WORD if full else st.none() | WORD),
        "text": text,
        "blocks": blocks,
        **kept,
        "steps": [FINGERPRINTED_STEP] if full else draw(st.lists(STEP, max_size=3)),
        "warnings": draw(st.lists(SHORT, min_size=at_least, max_size=2)),
        **({"mine": [1, {"any": None}]} if full or draw(st.booleans()) else {}),
    }


# --- the schema's rules, read out of the schema ------------------------------------------

DELETE = object()
ANNOTATIONS = {"$schema", "$id", "title", "description", "default", "$defs"}
TYPE_SAMPLES = {
    "null": None,
    "boolean": True,
    "integer": 2,
    "number": 1.5,
    "string": "x",
    "array": [],
    "object": {},
}


@dataclass(frozen=True)
class Violation:
    """Break ``rule`` at ``path`` (field names and item numbers): ``change`` turns the value
    there into a wrong one, or is DELETE; ``filled``: a reader fills the deleted field in."""

    path: tuple[str | int, ...]
    rule: str
    change: Any
    filled: bool = False

    def __str__(self) -> str:
        return f"{field_name(self.path)}: {self.rule}"


def field_name(path: tuple[str | int, ...]) -> str:
    """The name of the field at ``path`` as from_dict's messages give it.

    >>> field_name(("blocks", 0, "type"))
    'blocks[0].type'
    """
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)[1:]


def wrong_types(types: list[str]) -> list[Any]:
    allowed = {*types, *(["integer"] if "number" in types else [])}
    return [value for name, value in TYPE_SAMPLES.items() if name not in allowed]


def replaced(value: Any) -> Callable[[Any], Any]:
    return lambda current: value


def violations(schema: dict, path: tuple = (), nullable: bool = False) -> list[Violation]:
    """One violation per rule (and per wrong JSON type) of ``schema`` and its parts; array
    rules apply to item 0. Fails on a keyword it does not know, so no rule goes untested."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return violations(SCHEMA["$defs"][name], path, nullable)
    if "oneOf" in schema:
        null, other = schema["oneOf"]
        assert null == {"type": "null"}, "only 'X or null' is understood"
        return violations(other, path, nullable=True)
    found = []

    def add(rule: str, change: Any, where: tuple = path, filled: bool = False) -> None:
        found.append(Violation(where, rule, change, filled))

    for keyword, value in schema.items():
        if keyword == "type":
            types = [value] if isinstance(value, str) else list(value)
            for wrong in wrong_types(types + (["null"] if nullable else [])):
                add(f"type {json.dumps(wrong)}", replaced(wrong))
        elif keyword == "const":
            for wrong in (value + 1, True, str(value)):
                add(f"const {json.dumps(wrong)}", replaced(wrong))
        elif keyword == "enum":
            for wrong in ("not-" + value[0], True, 2, *([] if None in value else [None])):
                add(f"enum {json.dumps(wrong)}", replaced(wrong))
        elif keyword == "minLength":
            add("minLength", replaced("a" * (value - 1)))
        elif keyword == "maxLength":
            add("maxLength", lambda current, n=value: current + "\n" * (n + 1 - len(current)))
        elif keyword == "pattern":
            add("pattern (an Arabic-Indic digit first)", lambda current: "٣" + current[1:])
        elif keyword == "minimum":
            add("minimum", replaced(value - 1))
        elif keyword == "maximum":
            add("maximum", replaced(value + 0.5))
        elif keyword == "properties":
            for name, part in value.items():
                found += violations(part, (*path, name))
        elif keyword == "required":
            for name in value:
                filled = "default" in schema["properties"][name] or (not path and name in DERIVED)
                add("required", DELETE, (*path, name), filled)
        elif keyword == "additionalProperties":
            assert value is False
            add("additionalProperties", replaced(1), (*path, "unexpected"))
        elif keyword == "items":
            found += violations(value, (*path, 0))
        else:
            assert keyword in ANNOTATIONS, f"{field_name(path)}: keyword {keyword} is not tested"
    return found


SCHEMA_VIOLATIONS = violations(SCHEMA)


def changed(doc: dict, path: tuple, change: Any) -> dict:
    new = copy.deepcopy(doc)
    if not path:
        return change(new)
    parent = new
    for key in path[:-1]:
        parent = parent[key]
    key = path[-1]
    if change is DELETE:
        del parent[key]
    else:
        present = key in parent if isinstance(parent, dict) else True
        parent[key] = change(parent[key] if present else None)
    return new


def completed(doc: dict) -> dict:
    """``doc`` as a reader fills it in: schema defaults, then ``id`` and ``blocks`` from text."""
    out = copy.deepcopy(doc)
    for name, part in SCHEMA["properties"].items():
        if name not in out and "default" in part:
            out[name] = copy.deepcopy(part["default"])
    for name, derive in DERIVED.items():
        out.setdefault(name, derive(out["text"]))
    if isinstance(out["source"], dict):
        source_fields = SCHEMA["properties"]["source"]["oneOf"][1]["properties"]
        for name, part in source_fields.items():
            out["source"].setdefault(name, part["default"])
    if isinstance(out.get("meta"), dict):
        for name, part in SCHEMA["properties"]["meta"]["properties"].items():
            out["meta"].setdefault(name, part["default"])
    return out


def problem(doc: dict) -> str | None:
    """Why from_dict refuses ``doc``; None when it reads it."""
    try:
        Document.from_dict(doc)
    except DocumentError as exc:
        return str(exc)
    return None


def names(message: str | None, path: tuple) -> bool:
    """Whether ``message`` starts by naming the field at ``path`` (or the whole document)."""
    start = f'field "{field_name(path)}" ' if path else "a document must be a JSON object"
    return message is not None and message.startswith(start)


# --- the tests -----------------------------------------------------------------------------


def test_every_rule_of_the_schema_is_found():
    rules = {(field_name(v.path), v.rule.split()[0]) for v in SCHEMA_VIOLATIONS}
    assert {
        ("id", "minLength"),
        ("blocks[0].type", "enum"),
        ("source.sha256", "maxLength"),
    } <= rules
    assert {
        ("edits[0].after", "required"),
        ("title_edits[0].unexpected", "additionalProperties"),
    } <= rules
    filled = {field_name(v.path) for v in SCHEMA_VIOLATIONS if v.filled}
    source = {"path", "bytes", "sha256", "encoding", "encoding_confidence", "encoding_source"}
    source |= {"replacements", "ingested_at", "format"}
    top = {"schema", "id", "source", "title", "blocks", "steps", "warnings"}
    meta = {f"meta.{name}" for name in NULL_META}
    assert filled == top | {f"source.{name}" for name in source} | meta


@settings(derandomize=True, max_examples=30, deadline=None)
@given(documents())
def test_valid_documents_pass_both_and_read_back_unchanged(doc):
    VALIDATOR.validate(doc)
    assert Document.from_dict(doc).to_dict() == doc


@settings(derandomize=True, max_examples=2, deadline=None)
@given(documents(full=True))
def test_each_schema_rule_broken_alone_is_refused_by_both_naming_the_field(doc):
    VALIDATOR.validate(doc)
    for violation in SCHEMA_VIOLATIONS:
        bad = changed(doc, violation.path, violation.change)
        assert not VALIDATOR.is_valid(bad), violation
        if violation.filled:
            assert problem(bad) is None, violation
            assert Document.from_dict(bad).to_dict() == completed(bad), violation
        else:
            assert names(problem(bad), violation.path), (str(violation), problem(bad))


def cross_field_violations(doc: dict) -> list[tuple[str, tuple, tuple, Any]]:
    """(rule, path of the field that breaks it, path to change, wrong value) for each rule the
    schema states only in its descriptions, on a full document."""
    text, blocks = doc["text"], doc["blocks"]
    first, second = blocks[0], blocks[1]
    sentence = doc["sentences"][0]
    home = next(i for i, b in enumerate(blocks) if b["start"] <= sentence["start"] < b["end"])
    crossing = {"start": first["end"] - 1, "end": second["start"] + 1}
    crossing["text"] = text[crossing["start"] : crossing["end"]]
    past_the_end = {"start": sentence["start"], "end": len(text) + 3}
    past_the_end["text"] = text[sentence["start"] :]
    last = len(blocks) - 1
    return [
        ("block ends past the text", ("blocks", last), ("blocks", last, "end"), len(text) + 1),
        ("block starts after its end", ("blocks", 0), ("blocks", 0, "start"), first["end"] + 1),
        ("blocks overlap", ("blocks", 1), ("blocks", 1, "start"), first["end"] - 1),
        ("blocks out of order", ("blocks", 1), ("blocks",), [second, first, *blocks[2:]]),
        ("sentence is not its span", ("sentences", 0, "text"), ("sentences", 0, "text"), "x"),
        ("sentence ends past the text", ("sentences", 0), ("sentences", 0), past_the_end),
        ("sentence crosses blocks", ("sentences", 0), ("sentences", 0), crossing),
        ("sentence in a heading", ("sentences", 0), ("blocks", home, "type"), "heading"),
        ("edit is not its after", ("edits", 0), ("edits", 0, "end"), doc["edits"][0]["end"] + 1),
        ("title edit likewise", ("title_edits", 0), ("title_edits", 0, "after"), "too long"),
    ]


@settings(derandomize=True, max_examples=15, deadline=None)
@given(documents(full=True))
def test_rules_beyond_json_schema_are_refused_by_from_dict_naming_the_field(doc):
    for rule, path, where, wrong in cross_field_violations(doc):
        bad = changed(doc, where, replaced(wrong))
        assert VALIDATOR.is_valid(bad), rule
        assert names(problem(bad), path), (rule, problem(bad))


@settings(derandomize=True, max_examples=30, deadline=None)
@given(documents(), st.data())
def test_minimal_documents_are_filled_in_as_the_schema_says(doc, data):
    fillable = [name for name in doc if "default" in SCHEMA["properties"].get(name, {})]
    for name in data.draw(st.lists(st.sampled_from([*fillable, *DERIVED]), unique=True)):
        del doc[name]
    if "blocks" not in doc:
        doc.pop("sentences", None)  # they were inside the blocks the document had
    if isinstance(doc.get("source"), dict):
        for name in data.draw(st.lists(st.sampled_from(list(doc["source"])), unique=True)):
            del doc["source"][name]
    filled = Document.from_dict(doc).to_dict()
    assert filled == completed(doc)
    VALIDATOR.validate(filled)


@pytest.mark.parametrize(
    ("field", "value"),
    [(("blocks", 0, "start"), 0.0), (("source", "bytes"), 5.0), (("schema",), 1.0)],
)
def test_integral_numbers_count_as_integers_for_both(field, value):
    doc = {
        "schema": 1,
        "text": "Hi.",
        "blocks": [{"type": "paragraph", "start": 0, "end": 3}],
        "source": {"bytes": 5},
    }
    same = changed(doc, field, replaced(value))
    assert VALIDATOR.is_valid(completed(same))
    assert Document.from_dict(same) == Document.from_dict(doc)
