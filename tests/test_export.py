"""Export renderers, read back with real parsers: PyYAML for front matter, markdown-it-py (the
CommonMark preset) for the body. Rendered text must equal the document's text exactly."""

from __future__ import annotations

import io
import json
import os
import re
import stat
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newstool import export
from newstool.clean import clean
from newstool.export import (
    FORMATS,
    OUTPUT_FORMATS,
    ExportFileExistsError,
    atomic_write_bytes,
    dump_jsonl_line,
    export_filename,
    json_text,
    jsonl_pieces,
    markdown_body,
    markdown_paragraph,
    open_writer,
    render_document,
    render_markdown,
    slugify,
    split_markdown_stream,
    write_document_file,
)
from newstool.ingest import ingest_path
from newstool.model import Document, Edit, Note, Sentence
from newstool.sentences import split_document
from newstool.stats import compute_stats

from .conftest import SEED
from .strategies import nasty_blocks, nasty_text, property_settings

COMMONMARK = MarkdownIt("commonmark")


def rendered_blocks(body: str) -> list[tuple[str, str]]:
    """What a CommonMark renderer shows: (tag, text) per block, soft breaks as newlines.

    Fails when anything but headings and paragraphs of plain text comes out.
    """
    blocks = []
    tokens = COMMONMARK.parse(body)
    assert {t.type for t in tokens} <= {
        "heading_open",
        "heading_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
    }, [t.type for t in tokens]
    for opening, inline in zip(tokens, tokens[1:], strict=False):
        if inline.type != "inline":
            continue
        kinds = {child.type for child in inline.children}
        assert kinds <= {"text", "softbreak"}, inline.children
        text = "".join(c.content if c.type == "text" else "\n" for c in inline.children)
        blocks.append((opening.tag, text))
    return blocks


def expected_blocks(doc: Document) -> list[tuple[str, str]]:
    """The headings and paragraphs the document holds, as a renderer should show them."""
    blocks = [("h1", doc.title)] if doc.title else []
    for block, text in doc.block_texts():
        if text:
            blocks.append(("h2" if block.type == "heading" else "p", text))
    return blocks


def split_front_matter(markdown: str) -> tuple[dict, str]:
    """The one document of ``markdown``, as (front matter, body)."""
    [(fields, body)] = split_markdown_stream(markdown)
    return fields, body


def make_doc(title: str | None, blocks: list[tuple[str, str]], **fields) -> Document:
    """A document with the given title and (type, text) blocks, joined by blank lines."""
    text, spans = "", []
    for kind, block_text in blocks:
        if text:
            text += "\n\n"
        spans.append({"type": kind, "start": len(text), "end": len(text) + len(block_text)})
        text += block_text
    return Document.from_dict({"title": title, "text": text, "blocks": spans, **fields})


# --- the seed -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    return ingest_path(SEED)


def test_seed_front_matter_loads_with_pyyaml(seed_doc):
    fields, _ = split_front_matter(render_markdown(seed_doc))
    assert fields["id"] == seed_doc.id
    assert fields["title"] == "Strong warning to West"
    assert fields["source"] == {
        "path": seed_doc.source.path,
        "encoding": "utf-8",
        "ingested_at": seed_doc.source.ingested_at,
    }


def test_seed_body_renders_as_the_documents_title_heading_and_paragraph(seed_doc):
    _, body = split_front_matter(render_markdown(seed_doc))
    paragraph = seed_doc.text[seed_doc.blocks[1].start : seed_doc.blocks[1].end]
    assert rendered_blocks(body) == [
        ("h1", "Strong warning to West"),
        ("h2", "Reconciliation in Idlib"),
        ("p", paragraph),
    ]


def test_seed_markdown_stays_readable(seed_doc):
    """Ordinary news prose, editorial [brackets] included, needs no escape at all."""
    _, body = split_front_matter(render_markdown(seed_doc))
    assert "\\" not in body
    assert "[outlawed in Russia - TASS]" in body


# --- escaping, case by case -------------------------------------------------------------------

NASTY_PARAGRAPHS = [
    "1. Not a list",
    "2) Not a list either",
    "123456789. Nine digits",
    "# Not a heading",
    "###### Six",
    "> not a quote",
    "- not a bullet",
    "+ not a bullet",
    "* not a bullet",
    "---",
    "***",
    "___",
    "- - -",
    "Setext?\n===",
    "Setext?\n---",
    "```\nnot code\n```",
    "~~~\nnot code\n~~~",
    "`code` and ``more``",
    "    indented four",
    "\tindented by a tab",
    "line one\n    indented continuation\n\tand a tab",
    "trailing spaces  \nhard break?",
    "trailing backslash\\\nhard break?",
    "<b>bold</b> and <br/> and </p>",
    "<!-- comment -->",
    "<?php echo 1; ?>",
    "<![CDATA[x]]>",
    "<div>\nblock html\n</div>",
    "<http://example.com> and <me@example.com>",
    "&amp; &lt; &#42; &#x2A; &copy; but AT&T and R&D; stay",
    "*emphasis* **strong** _under_ __score__",
    "snake_case_name and _leading and trailing_",
    "[link](http://example.com) ![image](x.png)",
    "[ref][label] and [collapsed][]",
    "[label]: http://example.com",
    "[editorial note] stays as written",
    "a \\ backslash and \\* escaped star and C:\\Users",
    "~~strike~~ and ~tilde",
    "a\n\nblank line inside",
    "\nstarts with a newline",
    "ends with a newline\n",
    "   ",
    "\u00a0non-breaking edges\u00a0",
    "carriage\rreturn",
    "| a | b |\n| - | - |",
    "2 < 3 and 5 > 4, 3.5 per cent.",
]


@pytest.mark.parametrize("text", NASTY_PARAGRAPHS)
def test_nasty_paragraph_renders_exactly_its_text(text):
    doc = make_doc("T", [("paragraph", text)])
    assert rendered_blocks(markdown_body(doc)) == [("h1", "T"), ("p", text)]


NASTY_HEADINGS = ["C#", "F #", "#", "## ##", "  spaced  ", "two\nlines", "=== x ===", "- a", "1. a"]


@pytest.mark.parametrize("text", NASTY_HEADINGS)
def test_nasty_heading_and_title_render_exactly(text):
    doc = make_doc(text, [("heading", text)])
    assert rendered_blocks(markdown_body(doc)) == [("h1", text), ("h2", text)]


@pytest.mark.parametrize(
    "prose",
    [
        "It's 3.5 per cent, said Mr. Smith (AP) - in 2018. Really?",
        "snake_case, AT&T, 2 < 3, 5 > 4, [sic] and #hashtag inside",
        "Line one\nLine two",
    ],
)
def test_ordinary_prose_is_not_escaped(prose):
    assert markdown_paragraph(prose) == prose


# --- escaping, generated ---------------------------------------------------------------------


@settings(derandomize=True, max_examples=200, deadline=None)
@given(title=st.one_of(st.none(), nasty_text), blocks=nasty_blocks)
def test_generated_documents_render_exactly_and_front_matter_round_trips(title, blocks):
    doc = make_doc(title, blocks, id="12e45678")
    fields, body = split_front_matter(render_markdown(doc))
    assert (fields["id"], fields["title"]) == ("12e45678", title)
    assert rendered_blocks(body) == expected_blocks(doc)


@settings(derandomize=True, max_examples=100, deadline=None)
@given(titles=st.lists(nasty_text, max_size=4), blocks=nasty_blocks)
def test_markdown_stream_splits_back_into_its_documents(titles, blocks):
    docs = [make_doc(title, blocks, notes=[{"kind": "n", "text": title}]) for title in titles]
    out = io.StringIO()
    with open_writer("markdown", out) as writer:
        for doc in docs:
            writer.write(doc)
    pairs = split_markdown_stream(out.getvalue())
    assert [fields["title"] for fields, _ in pairs] == titles
    assert [fields["notes"][0]["text"] for fields, _ in pairs] == titles
    assert [body for _, body in pairs] == [markdown_body(doc) for doc in docs]


def test_body_lines_of_dashes_are_never_document_boundaries():
    doc = make_doc("---", [("paragraph", "---\n---"), ("heading", "---")])
    out = io.StringIO()
    with open_writer("markdown", out) as writer:
        writer.write(doc)
        writer.write(doc)
    assert [body for _, body in split_markdown_stream(out.getvalue())] == [markdown_body(doc)] * 2


def test_split_rejects_text_that_is_not_a_stream():
    with pytest.raises(ValueError, match="line 1: expected a document starting with '---'"):
        split_markdown_stream("# just markdown\n")


# --- front matter -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["A: B", "'quoted' \"double\"", "---", "...", "- item", "yes", "null", "1e3", "#x", "{a}"],
)
def test_front_matter_title_round_trips_whatever_the_title(title):
    fields, _ = split_front_matter(render_markdown(make_doc(title, [])))
    assert fields["title"] == title


def test_front_matter_carries_notes_stats_and_warnings_when_present():
    doc = make_doc(
        "T",
        [("paragraph", "x")],
        notes=[{"kind": "editorial", "text": "Updated: 5pm"}],
        stats={"words": 1, "flesch_reading_ease": 120.5},
        warnings=["decoded with replacement characters"],
    )
    fields, _ = split_front_matter(render_markdown(doc))
    assert list(fields) == ["id", "title", "notes", "stats", "warnings"]
    assert fields["notes"] == [{"kind": "editorial", "text": "Updated: 5pm"}]
    assert fields["stats"] == {"words": 1, "flesch_reading_ease": 120.5}
    assert fields["warnings"] == ["decoded with replacement characters"]


@pytest.mark.parametrize("doc_id", ["1234e567", "0o17", "1.5", "12"])
def test_ids_that_yaml_1_2_reads_as_numbers_are_quoted(doc_id):
    markdown = render_markdown(Document.from_dict({"id": doc_id, "text": ""}))
    assert f"id: '{doc_id}'\n" in markdown


# --- sentences --------------------------------------------------------------------------------


def line_starts(rendered: str, text: str) -> list[int]:
    """Where each rendered line starts in ``text``, checking that the lines are ``text`` with
    line breaks that stand for one space or for nothing (a glued boundary): no other change."""
    starts, position = [], 0
    for line in rendered.split("\n"):
        assert text.startswith(line, position), (line, text[position:])
        starts.append(position)
        position += len(line)
        position += text.startswith((" ", "\n"), position)
    assert position == len(text)
    return starts


def paragraph_sentence_starts(doc: Document, block) -> list[int]:
    inside = [s.start - block.start for s in doc.sentences if block.start <= s.start < block.end]
    return sorted(inside) or [0]


def test_sentences_option_puts_each_sentence_on_its_own_line():
    text = "First one. Second.Glued. Third 1.  Fourth."
    spans = [(0, 10), (11, 18), (18, 24), (25, 33), (35, 42)]
    sentences = [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]
    doc = make_doc(None, [("paragraph", text)], sentences=sentences)
    body = markdown_body(doc, sentences=True)
    assert body == "First one.\nSecond.\nGlued.\nThird 1.&#32;\nFourth.\n"
    [(tag, rendered)] = rendered_blocks(body)
    assert line_starts(rendered, text) == [s for s, _ in spans]


def test_seed_without_clean_has_every_sentence_on_its_own_line(seed_doc):
    doc = split_document(seed_doc)
    before = doc.to_dict()
    markdown = render_markdown(doc, sentences=True)
    assert doc.to_dict() == before
    fields, body = split_front_matter(markdown)
    assert fields == split_front_matter(render_markdown(doc))[0]
    assert "Russia).\nOn Wednesday" in body and 'Muallem.\n"It is' in body
    block = doc.blocks[1]
    [_, _, (tag, rendered)] = rendered_blocks(body)
    paragraph = doc.text[block.start : block.end]
    assert tag == "p"
    assert line_starts(rendered, paragraph) == paragraph_sentence_starts(doc, block)


def test_sentences_option_splits_a_document_without_sentences_on_the_fly(seed_doc):
    assert seed_doc.sentences is None
    on_the_fly = render_markdown(seed_doc, sentences=True)
    assert on_the_fly == render_markdown(split_document(seed_doc), sentences=True)
    assert on_the_fly != render_markdown(seed_doc)


def test_a_document_split_into_no_sentences_is_left_as_it_is():
    doc = make_doc(None, [("paragraph", "One. Two.")], sentences=[])
    assert markdown_body(doc, sentences=True) == "One. Two.\n"


SENTENCE_PIECES = ["It rose.", "He said.", "1. Not a list.", "- Not a bullet.", "# No.", "Why?",
                   "*Stars*.", "U.S. troops left.", "Mr. Smith came.", "(AP) Talks ended.",
                   '"Quoted."', "said.the", "10.30 am.", "[sic] Done."]  # fmt: skip
SEPARATORS = ["", " ", " ", "  ", "\t", "\n", " \n"]
prose = st.lists(
    st.tuples(st.sampled_from(SENTENCE_PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=8
).map(lambda pairs: "".join(piece + sep for piece, sep in pairs).strip())


@settings(derandomize=True, max_examples=300, deadline=None)
@given(paragraphs=st.lists(prose, min_size=1, max_size=3))
def test_generated_prose_has_one_sentence_per_line_and_renders_unchanged(paragraphs):
    doc = split_document(make_doc("T", [("paragraph", p) for p in paragraphs]))
    [_, *rendered] = rendered_blocks(markdown_body(doc, sentences=True))
    assert [tag for tag, _ in rendered] == ["p"] * len(paragraphs)
    for block, (_, lines) in zip(doc.blocks, rendered, strict=True):
        text = doc.text[block.start : block.end]
        starts = paragraph_sentence_starts(doc, block)
        assert set(line_starts(lines, text)) == set(starts) | {
            i + 1 for i, c in enumerate(text) if c == "\n"
        }


# --- JSON and JSON Lines ----------------------------------------------------------------------


DOCS = [
    make_doc("Über", [("paragraph", "Café <b>")]),
    make_doc(None, [("heading", "H"), ("paragraph", "p")], stats={"words": 1}),
]


@pytest.mark.parametrize("indent", [0, 2, 4])
def test_json_writer_writes_the_same_array_as_json_dumps(indent):
    out = io.StringIO()
    with open_writer("json", out, indent=indent) as writer:
        for doc in DOCS:
            writer.write(doc)
    expected = [doc.to_dict() for doc in DOCS]
    assert out.getvalue() == json_text(expected, indent=indent) + "\n"


# A long document with every kind of field, built by the stages themselves: escapes (quotes,
# backslashes, tabs), non-ASCII, U+2028/U+2029, a character outside the BMP, edits, notes,
# sentences, stats, steps, warnings, and a user's own fields (a long string, a long list).
_DAMAGED = (
    'Talks ended.Both  sides left [said ABC - XYZ]. "Hi," he said\\. Ça va\u2028ok\u2029 😀 '
    "Lavrov said., fighting\tgoes on. "
)
LONG = compute_stats(
    split_document(
        clean(
            Document.from_dict(
                {"title": "Über “news”", "text": _DAMAGED * 9 + "\n\n## Heading\n\n" + _DAMAGED * 3}
            )
        )
    )
)
LONG = replace(LONG, extra={"mine": 'é\\"' * 20, "list": list(range(12)), "none": None})
SHORT = DOCS[0]


@pytest.fixture
def in_small_pieces(monkeypatch):
    """Documents count as long from 7 characters on, and long lists go 3 items at a time."""
    monkeypatch.setattr(export, "PIECE_CHARS", 7)
    monkeypatch.setattr(export, "PIECE_ITEMS", 3)


def written(fmt: str, docs: list[Document], indent: int = 2) -> bytes:
    """What the writer of ``fmt`` writes for ``docs``, as UTF-8 bytes (as on a file)."""
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="\n")
    with open_writer(fmt, out, indent=indent) as writer:
        for doc in docs:
            writer.write(doc)
    out.flush()
    return buffer.getvalue()


@pytest.mark.parametrize("fmt, indent", [("jsonl", 2), ("json", 0), ("json", 2), ("json", 3)])
def test_a_long_document_written_in_pieces_is_the_same_json(in_small_pieces, fmt, indent):
    docs = [LONG, SHORT, LONG]
    dicts = [doc.to_dict() for doc in docs]
    if fmt == "jsonl":
        expected = "".join(json_text(d) + "\n" for d in dicts)
    else:
        expected = json_text(dicts, indent=indent) + "\n"
    assert written(fmt, docs, indent) == expected.encode("utf-8")
    assert len(list(jsonl_pieces(LONG))) > 100  # it was written in pieces


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=8), title=st.none() | st.text(), mine=st.text(min_size=8))
def test_any_long_text_written_in_pieces_is_the_same_json(in_small_pieces, text, title, mine):
    doc = Document.from_dict({"title": title, "text": text, "mine": mine})
    doc = replace(doc, edits=(Edit("r", 0, 0, text[:3], ""),) * 4, notes=(Note("k", mine),) * 5)
    doc = replace(doc, sentences=(Sentence(0, 1, text[:1]),) * 7)
    expected = json_text(doc.to_dict()) + "\n"
    assert "".join(jsonl_pieces(doc)) == dump_jsonl_line(doc) == expected


@pytest.mark.parametrize("sentences", [False, True])
def test_a_long_document_written_in_pieces_is_the_same_markdown(in_small_pieces, sentences):
    docs = [LONG, SHORT, LONG]
    out = io.StringIO()
    with open_writer("markdown", out, sentences=sentences) as writer:
        for doc in docs:
            writer.write(doc)
    rendered = [render_markdown(doc, sentences=sentences) for doc in docs]
    assert out.getvalue() == "\n".join(rendered)
    assert len(list(export.markdown_pieces(LONG))) > 4  # it was written a block at a time


@pytest.mark.parametrize("fmt", ["jsonl", "json", "markdown"])
def test_a_long_document_that_cannot_be_encoded_is_not_half_written(in_small_pieces, fmt):
    bad = replace(LONG, text=LONG.text.replace("Ç", "\ud800"))  # a lone surrogate: not UTF-8
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="\n")
    writer = open_writer(fmt, out)
    writer.write(SHORT)
    with pytest.raises(UnicodeEncodeError):
        writer.write(bad)
    out.flush()
    assert buffer.getvalue() == written(fmt, [SHORT])[: -len("\n]\n") if fmt == "json" else None]


def test_json_writer_streams_each_document_as_it_comes():
    out = io.StringIO()
    writer = open_writer("json", out)
    writer.write(DOCS[0])
    assert json.loads(out.getvalue() + "\n]") == [DOCS[0].to_dict()]
    writer.write(DOCS[1])
    assert json.loads(out.getvalue() + "\n]") == [d.to_dict() for d in DOCS]


@pytest.mark.parametrize("fmt, expected", [("json", "[]\n"), ("jsonl", ""), ("markdown", "")])
def test_an_empty_stream_is_valid_output(fmt, expected):
    out = io.StringIO()
    open_writer(fmt, out).close()
    assert out.getvalue() == expected


def test_jsonl_writer_writes_one_document_per_line_readable_back():
    out = io.StringIO()
    with open_writer("jsonl", out) as writer:
        for doc in DOCS:
            writer.write(doc)
    lines = out.getvalue().splitlines()
    assert [Document.from_dict(json.loads(line)) for line in lines] == DOCS
    assert "Über" in lines[0]


def test_writer_rejects_unknown_format():
    with pytest.raises(ValueError, match="unknown format 'yaml'; use one of jsonl, json, markdown"):
        open_writer("yaml", io.StringIO())


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_document_file_reads_back(fmt):
    content = render_document(DOCS[0], fmt)
    if fmt == "markdown":
        fields, body = split_front_matter(content)
        assert rendered_blocks(body) == expected_blocks(DOCS[0])
    else:
        assert Document.from_dict(json.loads(content)) == DOCS[0]
    assert content.endswith("\n")


# --- file names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Strong warning to West", "strong-warning-to-west"),
        ("../../etc/passwd", "etc-passwd"),
        (".hidden", "hidden"),
        ("C:\\Windows\\System32", "c-windows-system32"),
        ("CON", "con-doc"),
        ("nul", "nul-doc"),
        ("COM1", "com1-doc"),
        ("Crème brûlée à Göteborg", "creme-brulee-a-goteborg"),
        ("Łódź Straße Ærøskøbing", "lodz-strasse-aeroskobing"),
        ("ﬁnal ½ ２０２４", "final-1-2-2024"),
        ("日本語のニュース", "untitled"),
        ("", "untitled"),
        (None, "untitled"),
        ("---", "untitled"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


@settings(derandomize=True, max_examples=300)
@given(title=st.text(max_size=200), max_length=st.integers(8, 80))
def test_slug_is_always_a_safe_ascii_name(title, max_length):
    slug = slugify(title, max_length)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    assert len(slug) <= max_length + len("-doc")
    assert slug not in {"con", "prn", "aux", "nul", "com1", "lpt1"}


def test_export_filename_uses_slug_and_first_8_of_id():
    doc = make_doc("Strong warning to West", [], id="a0fc1bd85d46184f")
    assert [export_filename(doc, fmt) for fmt in FORMATS] == [
        f"strong-warning-to-west-a0fc1bd8{OUTPUT_FORMATS[fmt].extension}" for fmt in FORMATS
    ]


@pytest.mark.parametrize("doc_id", ["../../x", "a/b", "", "ünï", "..\\..\\"])
def test_export_filename_is_safe_whatever_the_id(doc_id):
    name = export_filename(replace(make_doc(None, []), id=doc_id), "markdown")
    assert re.fullmatch(r"untitled-[0-9a-f]{8}\.md", name)


# --- files ------------------------------------------------------------------------------------


def test_write_document_file_writes_then_leaves_the_same_bytes_alone(tmp_path):
    doc = DOCS[0]
    assert write_document_file(tmp_path, doc, "markdown") == "written"
    path = tmp_path / export_filename(doc, "markdown")
    assert path.read_text(encoding="utf-8") == render_markdown(doc)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert write_document_file(tmp_path, doc, "markdown") == "unchanged"
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert os.listdir(tmp_path) == [path.name]


def test_a_different_existing_file_is_kept_unless_forced(tmp_path):
    path = tmp_path / export_filename(DOCS[0], "json")
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(ExportFileExistsError, match="already exists; use --force to overwrite"):
        write_document_file(tmp_path, DOCS[0], "json")
    assert path.read_text(encoding="utf-8") == "mine"
    assert isinstance(ExportFileExistsError(path), FileExistsError)
    assert write_document_file(tmp_path, DOCS[0], "json", force=True) == "replaced"
    assert json.loads(path.read_text(encoding="utf-8")) == DOCS[0].to_dict()


def ingested(path: str, at: str, text: str = "Polls close at eight.") -> Document:
    source = {"path": path, "encoding": "utf-8", "encoding_source": "utf8", "ingested_at": at}
    return make_doc("Vote", [("paragraph", text)], id="ab" * 8, source=source)


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_content_ingested_again_or_from_another_path_is_unchanged(tmp_path, fmt):
    first = ingested("in/a.txt", "2024-05-01T02:00:00Z")
    assert write_document_file(tmp_path, first, fmt) == "written"
    path = tmp_path / export_filename(first, fmt)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    for again in (
        ingested("in/a.txt", "2024-05-02T02:00:00Z"),
        ingested("b.txt", "2025-01-01T00:00:00Z"),
    ):
        assert write_document_file(tmp_path, again, fmt) == "unchanged"
    assert path.read_bytes() == render_document(first, fmt).encode("utf-8")
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert os.listdir(tmp_path) == [path.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_different_content_under_the_same_name_still_needs_force(tmp_path, fmt):
    write_document_file(tmp_path, ingested("a.txt", "2024-05-01T02:00:00Z"), fmt)
    changed = ingested("a.txt", "2024-05-02T02:00:00Z", text="Polls close at nine.")
    with pytest.raises(ExportFileExistsError):
        write_document_file(tmp_path, changed, fmt)
    assert write_document_file(tmp_path, changed, fmt, force=True) == "replaced"
    path = tmp_path / export_filename(changed, fmt)
    assert path.read_bytes() == render_document(changed, fmt).encode("utf-8")


def test_only_path_and_ingestion_time_are_volatile(tmp_path):
    doc = ingested("a.txt", "2024-05-01T02:00:00Z")
    write_document_file(tmp_path, doc, "json")
    other_encoding = replace(doc, source=replace(doc.source, encoding="cp1252"))
    with pytest.raises(ExportFileExistsError):
        write_document_file(tmp_path, other_encoding, "json")


def test_options_change_the_file_content(tmp_path):
    write_document_file(tmp_path, DOCS[0], "json", indent=2)
    with pytest.raises(ExportFileExistsError):
        write_document_file(tmp_path, DOCS[0], "json", indent=4)


def test_atomic_write_keeps_the_mode_of_a_replaced_file(tmp_path):
    path = tmp_path / "out.md"
    path.write_bytes(b"old")
    path.chmod(0o600)
    atomic_write_bytes(path, b"new")
    assert (path.read_bytes(), stat.S_IMODE(path.stat().st_mode)) == (b"new", 0o600)


def test_atomic_write_leaves_no_temporary_file_when_it_fails(tmp_path):
    target = tmp_path / "a-directory"
    target.mkdir()
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"x")
    assert os.listdir(tmp_path) == ["a-directory"]


# Strings of what front matter holds, and of what YAML emitters treat differently: quotes,
# indicators, line breaks of every kind, control characters, a byte-order mark, no-break and
# zero-width spaces, and letters of several scripts, emoji (past U+FFFF) among them.
_YAML_TEXT = st.text(
    st.sampled_from(
        list("aZ 09.:-#'\"\\\t\n\r{}[],&*!|>%@`?eE+")
        + ["\x85", "\u2028", "\u2029", "\x00", "\x1b", "\ufeff", "\ufffe", "\xa0", "\u200b"]
        + ["é", "ы", "東", "\ud7ff", "😀", "\U0010fffd"]
    ),
    max_size=30,
)


@property_settings(300)
@given(
    strings=st.lists(_YAML_TEXT, min_size=1, max_size=4),
    number=st.floats(allow_nan=False, allow_infinity=False) | st.integers(),
    key=st.sampled_from(["meta", "yes", "null", "on", "x1", "_n"]),
    odd_key=st.booleans(),  # a key that is not a plain word: PyYAML's own emitter writes it
)
@example(strings=["Go 🚀"], number=1, key="meta", odd_key=False)
@example(strings=["\r"], number=0, key="meta", odd_key=True)  # a complex key to PyYAML
def test_front_matter_is_what_pyyaml_itself_writes(strings, number, key, odd_key):
    # libyaml writes the block where it writes what PyYAML's own emitter writes (see
    # dump_front_matter): the same bytes, whichever emitter wrote them
    import yaml

    fields = {"id": strings[0], "title": strings[-1], "stats": {"x": number, "top": strings}}
    fields[key] = {(strings[0] or "k") if odd_key else "author": strings[-1]}
    expected = yaml.dump(
        fields,
        Dumper=export._front_matter_dumper(),
        allow_unicode=True,
        sort_keys=False,
        width=float("inf"),
    )
    assert export.dump_front_matter(fields) == f"---\n{expected}---\n"
