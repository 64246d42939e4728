"""compute_stats on documents: step, sentences, terms, phrases, numbers, start-up cost."""

import json
import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.model import Document
from newstool.stats import StatsOptions, compute_stats, document_stats, sentence_texts

from .strategies import property_settings

HEADING = "Envoy visits"
PARAGRAPH = (
    "Staffan de Mistura met the Jabhat al-Nusra envoy. The envoy's plan failed in 2017.On "
    "Monday, prices rose 12% and 3 per cent. The envoy left."
)
ARTICLE = {
    "text": f"{HEADING}\n\n{PARAGRAPH}",
    "blocks": [
        {"type": "heading", "start": 0, "end": len(HEADING)},
        {"type": "paragraph", "start": len(HEADING) + 2, "end": len(HEADING) + 2 + len(PARAGRAPH)},
    ],
}


def test_compute_stats_adds_stats_and_a_step_without_touching_the_rest():
    doc = Document.from_dict(ARTICLE)
    out = compute_stats(doc, StatsOptions(top=3))
    assert out.text == doc.text and out.blocks == doc.blocks
    assert out.steps[-1].name == "stats" and out.steps[-1].options == {"top": 3}
    assert json.loads(json.dumps(out.to_dict()))["stats"] == out.stats


def test_glued_sentences_are_split_and_headings_left_out():
    stats = document_stats(Document.from_dict(ARTICLE))
    # 4 sentences; 8 + 6 + 9 + 3 = 26 words (the heading's 2 are not prose)
    assert (stats["sentences"], stats["words"], stats["headings"]) == (4, 26, 1)


def test_given_sentences_are_used_as_they_are():
    doc = Document.from_dict(
        {
            "text": "One two. Three four.",
            "sentences": [{"start": 0, "end": 20, "text": "One two. Three four."}],
        }
    )
    assert document_stats(doc)["sentences"] == 1


def test_top_terms_are_lower_case_without_stopwords_and_limited():
    stats = document_stats(Document.from_dict(ARTICLE), top=2)
    assert stats["top_terms"] == [{"term": "envoy", "count": 3}, {"term": "al-nusra", "count": 1}]


def test_capitalised_phrases_skip_sentence_initial_words_alone():
    phrases = [
        p["phrase"] for p in document_stats(Document.from_dict(ARTICLE))["capitalised_phrases"]
    ]
    assert phrases == ["Jabhat al-Nusra", "Staffan de Mistura"]  # not "On Monday", "The envoy"


def test_numbers_years_and_percentages():
    stats = document_stats(Document.from_dict(ARTICLE))
    assert stats["numbers"] == {"numbers": 3, "years": 1, "percentages": 2}


def test_importing_stats_reads_no_table_and_no_rich():
    code = (
        "import sys, newstool.stats as s, newstool.stats.syllables as y;"
        "print(y.cmu_exceptions.cache_info().currsize, 'rich' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80))
def test_any_text_gives_consistent_counts(text):
    stats = document_stats(Document.from_dict({"text": text}))
    assert stats["words"] >= stats["max_sentence_words"] >= 0
    assert stats["words"] == 0 or stats["sentences"] >= 1
    if stats["language"] == "en":
        assert stats["syllables"] >= stats["words"]
        assert (stats["flesch_reading_ease"] is None) == (stats["words"] == 0)
    else:
        assert stats["syllables"] is stats["flesch_reading_ease"] is None


NUMBER_PIECES = ["1", "25", "3.5", "10,000", ".", ",", " ", "  ", "\u00a0", "%", "per", "cent"]
NUMBER_PIECES += ["Per Cent", "percent", "x", "2017"]
# The percentage pattern as first written, its lookbehinds before the first digit.
PERCENTAGE = re.compile(r"(?<!\d)(?<!\d[.,])\d(?:[\d.,]*\d)?\s?(?:%|per ?cent\b)", re.IGNORECASE)


@property_settings(300)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=12).map("".join))
def test_percentages_are_what_the_plain_pattern_finds(sentence):
    doc = Document.from_dict({"text": sentence})
    expected = sum(len(PERCENTAGE.findall(s)) for s in sentence_texts(doc))
    assert document_stats(doc)["numbers"]["percentages"] == expected
