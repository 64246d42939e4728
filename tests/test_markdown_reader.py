"""Reading newstool's own Markdown back into documents (export.parse_markdown_documents)."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.export import (
    MarkdownFormatError,
    open_writer,
    parse_markdown_documents,
    render_markdown,
)
from newstool.ingest import ingest_path
from newstool.model import Document
from newstool.stats import document_stats

from .conftest import SEED
from .strategies import nasty_blocks, nasty_text
from .test_export import make_doc


def read_back(doc: Document, **options) -> Document:
    [back] = parse_markdown_documents(render_markdown(doc, **options))
    return back


@settings(derandomize=True, max_examples=150, deadline=None)
@given(title=st.one_of(st.none(), nasty_text), blocks=nasty_blocks)
def test_any_title_and_blocks_come_back_exactly(title, blocks):
    doc = make_doc(title, blocks, id="12e45678")
    back = read_back(doc)
    assert (back.id, back.title, back.text, back.blocks) == (
        doc.id,
        doc.title,
        doc.text,
        doc.blocks,
    )


@settings(derandomize=True, max_examples=100, deadline=None)
@given(titles=st.lists(st.one_of(st.none(), nasty_text), max_size=4), blocks=nasty_blocks)
def test_a_stream_reads_back_as_its_documents(titles, blocks):
    docs = [make_doc(t, blocks, id=f"d{i}", warnings=[t or "-"]) for i, t in enumerate(titles)]
    out = io.StringIO()
    with open_writer("markdown", out) as writer:
        for doc in docs:
            writer.write(doc)
    assert parse_markdown_documents(out.getvalue()) == docs


def test_the_seed_reads_back_with_its_front_matter_and_same_stats():
    doc = ingest_path(SEED)
    back = read_back(doc)
    assert (back.title, back.text, back.blocks) == (doc.title, doc.text, doc.blocks)
    assert (back.source.path, back.source.encoding, back.source.ingested_at) == (
        doc.source.path,
        doc.source.encoding,
        doc.source.ingested_at,
    )
    assert back.source.sha256 is None and back.steps == ()  # not in the front matter
    assert document_stats(back) == document_stats(doc)


def test_notes_stats_and_warnings_come_back_from_the_front_matter():
    doc = make_doc(
        "T",
        [("paragraph", "x")],
        notes=[{"kind": "editorial", "text": "Updated: 5pm"}],
        stats={"words": 1, "flesch_reading_ease": None},
        warnings=["stats: odd"],
    )
    back = read_back(doc)
    assert (back.notes, back.stats, back.warnings) == (doc.notes, doc.stats, doc.warnings)


def test_a_nel_or_a_line_separator_in_the_front_matter_comes_back():
    """PyYAML wrote these inside single quotes as line breaks and read a NEL back as a space."""
    doc = make_doc(
        "Talks\x85ended",
        [("paragraph", "Body.")],
        notes=[{"kind": "editorial", "text": "Photo:\u2028AP News"}],
        warnings=["clean: odd\u2029text"],
    )
    back = read_back(doc)
    assert (back.title, back.notes, back.warnings) == (doc.title, doc.notes, doc.warnings)


def test_sentence_lines_read_back_as_newlines():
    doc = make_doc(None, [("paragraph", "One. Two.Three.")])
    assert read_back(doc, sentences=True).text == "One.\nTwo.\nThree."


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        ("# Just Markdown\n\nText.\n", "not newstool Markdown: line 1: expected a document"),
        ("", None),
        ("---\ntitle: T\n---\n\n# T\n", "the document: the front matter is not newstool's"),
        ("---\n- a list\n---\n", "the front matter is not newstool's"),
        ("---\nid: a\ntitle: T\n---\n\nNo heading.\n", "does not start with the title"),
        ("---\nid: a\ntitle: null\n---\n\n# Extra\n", "a '# ' heading other than the title"),
        ("---\nid: a\nnotes: 3\n---\n", 'does not describe a document: field "notes"'),
        ("---\nid: [unclosed\n---\n", "not newstool Markdown: while parsing"),
        ("---\nid: a\n---\n\nOk.\n---\ntitle: T\n---\n", "document 2: the front matter"),
    ],
)
def test_text_that_is_not_newstool_markdown_is_refused_clearly(markdown, message):
    if message is None:
        assert parse_markdown_documents(markdown) == []
        return
    with pytest.raises(MarkdownFormatError, match=message.replace("(", r"\(")) as caught:
        parse_markdown_documents(markdown)
    assert isinstance(caught.value, ValueError)


def test_markdown_from_the_installed_command_reads_back_as_its_documents(newstool, run):
    exported = newstool(["export", "-f", "markdown", str(SEED), str(SEED)])
    assert exported.exit_code == 0, exported.stderr
    docs = [Document.from_dict(d) for d in run(["ingest", str(SEED)]).docs]
    back = parse_markdown_documents(exported.stdout)
    assert [(d.title, d.text, d.blocks) for d in back] == [
        (d.title, d.text, d.blocks) for d in docs
    ] * 2
