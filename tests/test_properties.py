"""The promises users rely on, checked on hostile generated articles (see tests/strategies.py).

Each test states one invariant of the pipeline, for documents as ``ingest`` makes them from raw
bytes and as users bring them in JSON (``{"title": ..., "text": ...}``, no normalisation):

- ``clean`` is idempotent: a second run changes nothing and records nothing;
- ``clean`` is reversible: undoing its edits restores the text and the title exactly;
- sentences slice back, in order, inside paragraph blocks, trimmed, and lose no character;
- Markdown read back gives the document back; so does a JSON line;
- ``clean`` and ``split-sentences`` agree where a sentence ends after an abbreviation, however
  little of the text ``clean`` reads to find out.

``make test`` runs a fixed seed and few examples; ``PROPERTY_EXAMPLES=5000`` searches longer
(see :func:`tests.strategies.property_settings`).
"""

from __future__ import annotations

import json

from hypothesis import example, given, reject
from hypothesis import strategies as st

from newstool.clean import CleanOptions, clean, undo_edits
from newstool.clean.glued import _CANDIDATE, SentenceCuts
from newstool.export import dump_jsonl_line, parse_markdown_documents, render_markdown
from newstool.ingest import IngestError, ingest_bytes
from newstool.model import Document, blocks_from_blank_lines
from newstool.sentences import (
    iter_decisions,
    iter_sentence_spans,
    lexicon,
    split_document,
    structural_starts,
)
from newstool.stats import compute_stats

from .strategies import hostile_articles, hostile_raw_articles, hostile_text, property_settings

INGESTED_AT = "2024-05-01T12:00:00Z"
clean_options = st.builds(
    CleanOptions,
    quotes=st.sampled_from(["keep", "straight", "typographic"]),
    keep_editorial_notes=st.booleans(),
)


def ingested(raw: str) -> Document:
    """``raw`` as ``ingest`` makes it a document (inputs it refuses are not generated)."""
    try:
        return ingest_bytes(raw.encode("utf-8"), "hostile.txt", ingested_at=INGESTED_AT)
    except IngestError:
        reject()


def brought(article: tuple[str | None, str]) -> Document:
    """An article as a user brings it in JSON: title and text only, nothing normalised."""
    title, text = article
    return Document.from_dict({"title": title, "text": text})


documents = st.one_of(hostile_raw_articles.map(ingested), hostile_articles().map(brought))


def block_texts(doc: Document) -> list[tuple[str, str]]:
    return [(block.type, text) for block, text in doc.block_texts() if text]


def pipeline(doc: Document) -> Document:
    """clean, split-sentences and stats, as ``make demo`` chains them."""
    return compute_stats(split_document(clean(doc)))


# --- clean --------------------------------------------------------------------------------------


@property_settings(max_examples=50)
@given(doc=documents, options=clean_options)
@example(doc=ingested("[Lavrov said.]Lavrov said."), options=CleanOptions())  # glued after a note
@example(doc=ingested("[Lavrov said.,]Lavrov said."), options=CleanOptions())  # an orphan too
@example(doc=brought((None, "Prices fell Â [Photo: AP News]\x85")), options=CleanOptions())
def test_cleaning_a_cleaned_document_changes_nothing(doc, options):
    once = clean(doc, options=options)
    twice = clean(once, options=options)
    assert (twice.title, twice.text, twice.blocks) == (once.title, once.text, once.blocks)
    assert (twice.edits, twice.title_edits) == (once.edits, once.title_edits)
    assert (twice.notes, twice.warnings) == (once.notes, once.warnings)


@property_settings(max_examples=40)
@given(doc=documents, options=clean_options)
@example(doc=ingested("Lavrov said.\n\n\ufeff"), options=CleanOptions())  # a paragraph of a BOM
@example(doc=brought((None, "Ã©said\x85")), options=CleanOptions())  # the NEL becomes "…"
def test_clean_leaves_blocks_the_paragraphs_of_the_text(doc, options):
    """DESIGN.md section 2: blocks are separated by one blank line. Ingest writes the text as
    its blocks so joined, and clean keeps it so; a document brought with a text alone gets its
    blocks from blank lines, and clean keeps them the paragraphs of the text it leaves."""
    canonical = doc.text == "\n\n".join(text for _, text in block_texts(doc))
    cleaned = clean(doc, options=options)
    if canonical:
        assert cleaned.text == "\n\n".join(text for _, text in block_texts(cleaned))
    else:
        assert cleaned.blocks == blocks_from_blank_lines(cleaned.text)


@property_settings(max_examples=40)
@given(doc=documents, options=clean_options)
def test_undoing_the_edits_of_clean_restores_text_and_title(doc, options):
    cleaned = clean(doc, options=options)
    assert undo_edits(cleaned.text, cleaned.edits) == doc.text
    if doc.title is not None:
        assert undo_edits(cleaned.title, cleaned.title_edits) == doc.title


# --- sentences ----------------------------------------------------------------------------------


@property_settings(max_examples=40)
@given(doc=documents, cleaned=st.booleans())
def test_sentences_slice_back_in_order_inside_paragraphs_and_lose_no_character(doc, cleaned):
    """DESIGN.md section 2 and 4: offsets slice back to the sentence, no sentence crosses a block
    boundary, headings are not sentences, the segmenter drops no character. As the splitter's
    own tests have it, a sentence is never empty and has no white space (``str.isspace``) at
    its ends, and only white space lies between sentences."""
    doc = split_document(clean(doc) if cleaned else doc)
    paragraphs = [block for block in doc.blocks if block.type == "paragraph"]
    covered = set()
    previous_end = 0
    for sentence in doc.sentences:
        assert doc.text[sentence.start : sentence.end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert previous_end <= sentence.start < sentence.end
        assert any(b.start <= sentence.start and sentence.end <= b.end for b in paragraphs)
        covered.update(range(sentence.start, sentence.end))
        previous_end = sentence.end
    for block in paragraphs:
        for index in range(block.start, block.end):
            assert index in covered or doc.text[index].isspace(), (index, doc.text[index])


# --- Markdown and JSON Lines --------------------------------------------------------------------


@property_settings(max_examples=20)
@given(doc=documents)
@example(doc=brought((None, "Lavrov said [Photo: AP N\x85ews].")))  # a NEL in the front matter
def test_markdown_reads_back_as_the_document(doc):
    """What the Markdown reader promises (``parse_markdown_documents``): title, block texts and
    the front matter fields come back; the whole text and the blocks too, exactly, when the
    blocks are the text's paragraphs joined by one blank line, as ingest and clean leave them."""
    doc = pipeline(doc)
    [back] = parse_markdown_documents(render_markdown(doc))
    assert (back.id, back.title, block_texts(back)) == (doc.id, doc.title, block_texts(doc))
    assert (back.notes or (), back.stats, back.warnings) == (doc.notes, doc.stats, doc.warnings)
    source = doc.source
    assert (back.source is None) == (source is None)
    if source is not None:
        assert (back.source.path, back.source.encoding, back.source.ingested_at) == (
            source.path,
            source.encoding,
            source.ingested_at,
        )
    if doc.text == "\n\n".join(text for _, text in block_texts(doc)):
        assert (back.text, back.blocks) == (doc.text, doc.blocks)


def with_line_breaks(doc: Document) -> str:
    """The text as Markdown with ``sentences`` reads back: each sentence that does not start a
    line starts one, the single space before it (if there is one) becoming the line break."""
    starts = {s.start for s in doc.sentences} - {b.start for b in doc.blocks}
    pieces = []
    for index, char in enumerate(doc.text):
        if index + 1 in starts and char == " ":
            char = "\n"
        elif index in starts and doc.text[index - 1] not in " \n":
            pieces.append("\n")
        pieces.append(char)
    return "".join(pieces)


@property_settings(max_examples=20)
@given(raw=hostile_raw_articles)
@example(raw="Lavrov said.\n\n\ufeff")  # the BOM's paragraph left a blank line behind
def test_markdown_with_a_sentence_per_line_reads_back_with_those_line_breaks(raw):
    doc = pipeline(ingested(raw))
    [back] = parse_markdown_documents(render_markdown(doc, sentences=True))
    assert (back.title, back.text) == (doc.title, with_line_breaks(doc))


@property_settings(max_examples=20)
@given(doc=documents)
def test_a_json_line_reads_back_as_the_document_at_every_stage(doc):
    for stage in (doc, clean(doc), pipeline(doc)):
        line = dump_jsonl_line(stage)
        assert line.count("\n") == 1 and line.endswith("\n")
        assert Document.from_dict(json.loads(line)) == stage


@property_settings(max_examples=40)
@given(text=hostile_text)
@example(text="Mr. Li left.\n\nDr. Li met\n- Gen. Wu.\n1. Acme Inc.The 2. firm")
def test_sentence_decisions_after_a_structural_start_ignore_the_text_before_it(text):
    starts, label_periods = structural_starts(text)
    whole = list(iter_decisions(text, lexicon(), starts, label_periods))
    for pos in starts:
        tail = [decision for decision in whole if decision[0] >= pos]
        assert list(iter_decisions(text, lexicon(), starts, label_periods, pos)) == tail


@property_settings(max_examples=40)
@given(text=hostile_text)
@example(text="Acme Inc.The firm.\n\nIt hired Pvt.Jones and Ph.D.s from the U.S.Then")
def test_glued_sentences_see_the_sentence_ends_that_split_sentences_finds(text):
    ends = [end for _, end in iter_sentence_spans(text)]
    cuts = SentenceCuts(text)
    for match in _CANDIDATE.finditer(text):
        expected = any(match.start() < end <= match.end() for end in ends)
        assert cuts.any_within(match.start(), match.end()) == expected
