"""``newstool stats`` end to end."""

from __future__ import annotations

import json

from tests.conftest import SEED

FIGURES = {
    "characters", "words", "sentences", "paragraphs", "headings", "avg_sentence_words",
    "max_sentence_words", "avg_word_chars", "syllables", "reading_time_s", "flesch_reading_ease",
    "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
    "automated_readability_index", "lexical_diversity", "top_terms", "capitalised_phrases",
    "numbers",
}  # fmt: skip


def test_stats_are_added_with_every_named_figure(run, validate):
    result = run(["stats", "--top", "3", str(SEED)])
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    validate(doc)
    assert set(doc["stats"]) >= FIGURES
    assert len(doc["stats"]["top_terms"]) == 3
    assert [s["name"] for s in doc["steps"]] == ["ingest", "stats"]


def test_stats_use_sentences_from_an_earlier_stage(run):
    split = run(["split-sentences", "-"], input='{"text": "One two. Three four five."}\n')
    doc = json.loads(split.stdout)
    doc["sentences"] = doc["sentences"][:1]  # what the document says wins over re-splitting
    result = run(["stats", "-"], input=json.dumps(doc) + "\n")
    assert result.docs[0]["stats"]["sentences"] == 1


def test_summary_is_json_when_not_on_a_terminal(run):
    result = run(["stats", "--summary", str(SEED), str(SEED)])
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert summary["documents"] == 2
    assert summary["totals"]["words"] == 2 * run(["stats", str(SEED)]).docs[0]["stats"]["words"]


def test_summary_as_markdown_report(run, tmp_path):
    target = tmp_path / "report.md"
    result = run(["stats", "--summary", "-f", "markdown", str(SEED), "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "Jabhat al-Nusra" in target.read_text()


def test_summary_reports_bad_inputs_and_still_summarises_the_rest(run, tmp_path):
    result = run(["stats", "--summary", str(tmp_path / "gone.txt"), str(SEED)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["documents"] == 1
    assert "gone.txt: no such file or directory" in result.stderr
