"""The input guard: whatever one line holds, it costs that line and nothing more.

The property test generates streams of lines, each a good document or anything else (any JSON
value, NaN, nesting 100,000 deep, a 5,000-digit number, any bytes, a line over the size limit),
runs them through the reader, the three processing stages and a writer, and checks what a
user sees: no exception, every good document out, one error per bad line naming its line,
output a parser reads back.
"""

from __future__ import annotations

import io
import json
import math
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstool import readers
from newstool.export import json_text, parse_markdown_documents
from newstool.io import InputProblem
from newstool.model import Document, replace_lone_surrogates
from newstool.pipeline import compose, step
from newstool.readers import (
    SNIFF_LINES,
    document_from_json_line,
    parse_byte_size,
    read_stream,
)
from newstool.runner import process
from newstool.sinks import DocumentNotWritten, StreamSink

LIMIT = 4096  # --max-doc-bytes for the generated streams: small, so that some lines break it
PIPELINE = compose([step("clean"), step("split-sentences"), step("stats")])
LONE_SURROGATES = ("\ud800", "\udbff", "\udc80", "\udce9", "\udfff")

# Text with what damages text: lone surrogates, Unicode line breaks, controls, quotes, brackets.
hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from([*LONE_SURROGATES, "\u2028", "\u2029", "\x85", "\x00", "\ufeff", '"']),
        st.sampled_from(list("[](){}«»„“”‘’ .,;:!?\n")),
    ),
    max_size=60,
)
sentences = st.lists(
    st.sampled_from(
        ["Talks resumed in Idlib.", 'He said."It is over."', "Lavrov said., fighting", "U.S. aid"]
    ),
    max_size=4,
).map(" ".join)
finite_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)
any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(hostile_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def good_lines(draw) -> tuple[bytes, bool]:
    """A document as a JSON line, written by one tool or another: ``(line, holds_surrogate)``."""
    doc = {"text": draw(st.one_of(sentences, hostile_text, (sentences | hostile_text)))}
    if draw(st.booleans()):
        doc["title"] = draw(hostile_text | st.none())
    if draw(st.booleans()):
        doc["mine"] = draw(finite_json)
    line = json.dumps(doc, ensure_ascii=True).encode("ascii")
    return line, not _encodes_as_utf8(json.dumps(json.loads(line), ensure_ascii=False))


def _encodes_as_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (a pair escaped in JSON is one character)
        return False
    return True


def _not_a_document(value) -> bool:
    return not (isinstance(value, dict) and isinstance(value.get("text"), str))


bad_lines = st.one_of(
    any_json.filter(_not_a_document).map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")),
    st.integers(900, 100_000).map(lambda n: b"[" * n),
    st.integers(900, 20_000).map(lambda n: b'{"text": "x", "a": ' + b'{"a": ' * n),
    st.just(b'{"text": "x", "n": ' + b"9" * 5000 + b"}"),
    st.just(b'{"text": "x", "stats": {"score": NaN}}'),
    st.just(b'{"text": "caf\xe9"}'),  # cp1252, not UTF-8
    st.integers(LIMIT + 1, 3 * LIMIT).map(lambda n: b'{"text": "' + b"a" * n + b'"}'),
)


@st.composite
def streams(draw) -> tuple[list[bytes], set[int], set[int], str]:
    """Lines, the numbers of the good ones, of those holding lone surrogates, and the name."""
    lines, good, repaired = [], set(), set()
    for number in range(1, draw(st.integers(0, 12)) + 1):
        if draw(st.booleans()):
            line, surrogate = draw(good_lines())
            good.add(number)
            if surrogate:
                repaired.add(number)
        else:
            line = draw(bad_lines)
        lines.append(line)
    name = draw(st.sampled_from(["docs.jsonl", "<stdin>"]))
    if name == "<stdin>" and lines and not good & set(range(1, SNIFF_LINES + 1)):
        # a stream is taken for JSON Lines when a document shows in its first lines
        lines[0], _ = draw(good_lines().filter(lambda pair: not pair[1]))
        good.add(1)
        repaired.discard(1)
    return lines, good, repaired, name


def read_back(fmt: str, output: str) -> int:
    """How many documents the output holds, read as a user's tool would."""
    if fmt == "json":
        return len(json.loads(output))
    if fmt == "markdown":
        return len(parse_markdown_documents(output)) if output else 0
    lines = output.splitlines()  # splits on U+2028, U+2029 and NEL too
    return len([json.loads(line) for line in lines])


@settings(
    derandomize=True,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(streams(), st.sampled_from(["jsonl", "json", "markdown"]))
def test_a_bad_line_costs_that_line_and_nothing_more(stream, fmt):
    check_one_error_per_bad_line(stream, fmt)


@settings(
    derandomize=True,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(streams(), st.sampled_from(["jsonl", "markdown"]))
def test_long_lines_read_in_pieces_cost_the_same(stream, fmt):
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(readers, "PIECE_BYTES", 16)  # nearly every line is read in pieces
        check_one_error_per_bad_line(stream, fmt)


def check_one_error_per_bad_line(stream, fmt):
    lines, good, repaired, name = stream
    data = b"\n".join(lines) + b"\n"
    path = None if name == "<stdin>" else name
    source = read_stream(io.BytesIO(data), name, path=path, max_doc_bytes=LIMIT)
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", newline="")  # as stdout: UTF-8, strict
    report = process(source, PIPELINE, StreamSink(fmt, out))
    out.flush()

    bad = {n for n, line in enumerate(lines, 1) if n not in good and line.strip()}
    errors = [m.text for m in report.messages if m.kind == "error"]
    assert report.written == len(good)
    assert len(errors) == len(bad), errors
    assert sorted(int(e.split(":")[1]) for e in errors) == sorted(bad)
    assert all(e.startswith(f"{name}:") for e in errors)
    surrogate_warnings = [m.text for m in report.messages if "lone surrogate" in m.text]
    assert sorted(int(w.split(":")[1]) for w in surrogate_warnings) == sorted(repaired)
    assert read_back(fmt, raw.getvalue().decode("utf-8")) == len(good)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"[" * 100_000, "nested too deeply to be a document"),
        (b'{"text": "x", "n": ' + b"1" * 5000 + b"}", "not valid JSON (Exceeds the limit"),
        (b'{"text": NaN}', "not valid JSON (NaN is not a JSON number)"),
        (b'{"text": "x", "s": -Infinity}', "not valid JSON (-Infinity is not a JSON number)"),
        (b'{"text": "caf\xe9"}', "is not UTF-8; JSON Lines must be UTF-8"),
        (b'"just a string"', "a document must be a JSON object"),
        (b'{"title": "no text"}', 'field "text" is missing'),
        (b'{"text": "x", "title": ' + b"[" * 800 + b"]" * 800 + b"}", '"title" must be'),
    ],
    ids=["deep", "huge-int", "nan", "infinity", "cp1252", "string", "no-text", "deep-title"],
)
def test_each_kind_of_bad_line_says_what_is_wrong(line, message, monkeypatch):
    with pytest.raises(ValueError, match="^") as caught:
        document_from_json_line(line)
    assert message in str(caught.value)
    monkeypatch.setattr(readers, "PIECE_BYTES", 16)  # the same line, read in pieces
    (problem,) = read_stream(io.BytesIO(line + b"\n"), "docs.jsonl")
    assert message in str(problem)


def test_a_lone_surrogate_becomes_u_fffd_with_a_warning_naming_every_field():
    line = rb'{"text": "abc \ud800 def", "title": "T\udfff", "mine": {"k\udc80": ["\udce9"]}}'
    doc, warnings = document_from_json_line(line)
    assert (doc.text, doc.title) == ("abc \ufffd def", "T\ufffd")
    assert doc.extra == {"mine": {"k\ufffd": ["\ufffd"]}}
    assert warnings == [
        "lone surrogates (characters UTF-8 cannot encode) replaced by U+FFFD in "
        "text, title, mine.k\ufffd (its name), mine.k\ufffd[0]"
    ]
    assert doc.warnings[-1] == warnings[0]  # the document keeps it


@pytest.mark.parametrize("escape", [rb"\ud800", rb"\udbff", rb"\udc80", rb"\uDFFF"])
def test_high_and_low_lone_surrogates_are_replaced_in_values_and_keys(escape):
    doc, warnings = document_from_json_line(b'{"text": "a' + escape + b'", "k' + escape + b'": 1}')
    assert doc.text == "a\ufffd" and doc.extra == {"k\ufffd": 1} and len(warnings) == 1


def test_a_surrogate_pair_escaped_by_an_ascii_only_writer_is_one_character_kept():
    doc, warnings = document_from_json_line(rb'{"text": "\ud83d\ude00 news"}')
    assert doc.text == "\U0001f600 news" and warnings == []


def test_the_surrogate_walk_goes_any_depth_without_recursion():
    deep: list = ["\ud800"]
    for _ in range(50_000):
        deep = [deep]
    _, fields = replace_lone_surrogates(deep)
    assert len(fields) == 1 and fields[0].endswith("[0]" * 50_001)


def test_a_document_built_in_python_that_cannot_be_written_is_one_error_and_no_bytes():
    out = io.StringIO()
    sink = StreamSink("jsonl", out)
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    for unwritable in (
        Document(id="a", text="x", stats={"score": math.nan}),
        Document(id="b", text="x", extra={"deep": deep}),
    ):
        with pytest.raises(DocumentNotWritten, match="cannot be written: "):
            sink.write(unwritable)
    sink.write(Document(id="c", text="fine"))
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["c"]


def test_json_output_escapes_the_line_breaks_json_leaves_alone():
    doc = Document.from_dict({"text": "one\u2028two\u2029three\x85four"})
    text = json_text(doc.to_dict())
    assert len(text.splitlines()) == 1
    assert "\\u2028" in text and "\\u2029" in text and "\\u0085" in text
    assert Document.from_dict(json.loads(text)) == doc


def test_a_stream_whose_first_lines_are_damaged_is_still_json_lines():
    data = b"garbage\n\x00\xff\n[1, 2]\n" + json.dumps({"text": "Kept."}).encode() + b"\n"
    items = list(read_stream(io.BytesIO(data), "<stdin>"))
    assert [str(i).split(":")[1] for i in items if isinstance(i, InputProblem)] == ["1", "2", "3"]
    assert [d.text for d in items if isinstance(d, Document)] == ["Kept."]


def test_an_article_is_still_an_article_when_no_document_shows_early():
    data = b'Title line\n\nA paragraph quoting {"text": 1} inline.\n'
    (doc,) = read_stream(io.BytesIO(data), "<stdin>")
    assert doc.title == "Title line"


@pytest.mark.parametrize(
    ("text", "size"),
    [("16M", 16 * 2**20), ("64 MiB", 64 * 2**20), ("1g", 2**30), ("1.5K", 1536), ("0", 0)],
)
def test_sizes_are_read_as_people_write_them(text, size):
    assert parse_byte_size(text) == size


def test_an_over_long_line_is_skipped_in_pieces_and_the_next_one_read():
    data = b'{"text": "' + b"a" * 50_000 + b'"}\n{"text": "Next."}\n'
    items = list(read_stream(io.BytesIO(data), "big.jsonl", path="big.jsonl", max_doc_bytes=1000))
    assert str(items[0]).startswith("big.jsonl:1: is 48.8 KiB, over the 1000 bytes limit")
    assert items[1].text == "Next."


def test_an_input_that_opens_like_markdown_but_is_not_ours_is_an_article():
    data = b"---\nnot: front matter of ours\n---\n\nA paragraph of news.\n"
    (doc,) = read_stream(io.BytesIO(data), "notes.md", path="notes.md")
    assert "A paragraph of news." in doc.text


def test_a_lone_surrogate_escaped_in_markdown_front_matter_is_replaced_too():
    text = '---\nid: a1\ntitle: "T\\ud800"\n---\n\n# T\ufffd\n\nBody.\n'
    (doc,) = parse_markdown_documents(text)
    assert doc.title == "T\ufffd" and "replaced by U+FFFD in title" in doc.warnings[-1]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(any_json)
def test_the_fast_json_codec_reads_and_writes_what_the_standard_one_does(value):
    """JSON Lines are written by msgspec and read by it first (see ``json_text`` and
    ``json_line_bytes_value``): the values, refusals and repairs are the standard library's."""
    try:
        standard = json.dumps(value, ensure_ascii=False, allow_nan=False)
        standard.encode("utf-8")
    except (ValueError, UnicodeEncodeError) as exc:  # NaN, infinity, a lone surrogate
        with pytest.raises(type(exc)):
            json_text(value).encode("utf-8")
    else:
        assert json.loads(json_text(value)) == json.loads(standard)
    line = json.dumps(value, ensure_ascii=True).encode("ascii")  # NaN, escaped surrogates
    try:
        expected = readers.json_line_value(readers.json_line_text(line))
    except ValueError as exc:
        with pytest.raises(ValueError, match=re.escape(str(exc))):
            readers.json_line_bytes_value(line)
    else:
        got = readers.json_line_bytes_value(line)
        assert json.dumps(got, allow_nan=True) == json.dumps(expected, allow_nan=True)
