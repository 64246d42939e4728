"""One sentence per line in Markdown (``split-sentences -f markdown``, ``export --sentences``),
glued boundaries included, whether or not the documents were split before."""

from __future__ import annotations

from newstool.export import split_markdown_stream
from tests.conftest import SEED

GLUED = ['Muallem.\n"It is', "Lavrov said.\nMoscow", "Syria.\nIdlib is", "Russia).\nOn Wednesday"]


def body_of(markdown: str) -> str:
    [(_, body)] = split_markdown_stream(markdown)
    return body


def test_split_sentences_markdown_breaks_glued_boundaries_of_the_uncleaned_seed(run):
    result = run(["split-sentences", "-f", "markdown", str(SEED)])
    assert result.exit_code == 0
    body = body_of(result.stdout)
    assert all(boundary in body for boundary in GLUED)
    assert 'Muallem."It' not in body and "Russia).On" not in body


def test_export_sentences_splits_documents_that_have_no_sentences(newstool, run):
    docs = run(["ingest", str(SEED)]).stdout
    assert "sentences" not in run(["ingest", str(SEED)]).docs[0]
    exported = newstool(["export", "-f", "markdown", "--sentences", "-"], input=docs)
    assert exported.exit_code == 0, exported.stderr
    split = run(["split-sentences", "-f", "markdown", "-"], input=docs)
    assert body_of(exported.stdout) == body_of(split.stdout)
    assert all(boundary in body_of(exported.stdout) for boundary in GLUED)


def test_export_without_sentences_option_keeps_paragraph_lines(run):
    body = body_of(run(["export", "-f", "markdown", str(SEED)]).stdout)
    assert 'Muallem."It is' in body and "Russia).On Wednesday" in body
