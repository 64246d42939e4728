"""compute_stats on documents: step, sentences, terms, phrases, numbers, start-up cost."""

import json
import re
import subprocess
import sys
from collections import Counter
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import newstool.stats
from newstool.model import Document
from newstool.stats import (
    StatsOptions,
    analyse,
    compute_stats,
    document_stats,
    sentence_texts,
    stem_syllables,
)
from newstool.stats.language import check_english
from newstool.stats.readability import is_complex_word
from newstool.stats.syllables import is_year, syllables
from newstool.stats.terms import capitalised_phrases, term
from newstool.stats.tokens import is_number, letters_and_digits, words

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


# Words that news repeats in several forms (case, apostrophes, hyphens, digits, scripts), and
# what separates them.
NEWS_WORDS = [
    "Idlib", "idlib", "IDLIB", "Russia's", "Russia\u2019s", "russia", "The", "the", "THE", "de",
    "Staffan", "Mistura", "al-Nusra", "Bank", "of", "England's", "2017", "1990s", "10,000",
    "3.5", "40", "per", "cent", "F-16", "U.S.", "FBI", "created", "situation", "de-escalation",
    "Don\u2019t", "isn't", "Pérez", "Москва", "東京", "ヒー", "오늘은", "Ω", "ii", "x",
]  # fmt: skip
NEWS_GAPS = [" ", " ", " ", "  ", ", ", "% ", " (", ") ", "-", "", "\u00a0"]
news_sentences = st.lists(
    st.lists(st.tuples(st.sampled_from(NEWS_WORDS), st.sampled_from(NEWS_GAPS)), max_size=12).map(
        lambda pieces: "".join(word + gap for word, gap in pieces).strip() + "."
    ),
    min_size=1,
    max_size=6,
)
NUMBER_PIECES = ["1", "25", "3.5", "10,000", ".", ",", " ", "  ", "\u00a0", "%", "per", "cent"]
NUMBER_PIECES += ["Per Cent", "percent", "x", "2017"]
# The percentage pattern as first written, its lookbehinds before the first digit.
PERCENTAGE = re.compile(r"(?<!\d)(?<!\d[.,])\d(?:[\d.,]*\d)?\s?(?:%|per ?cent\b)", re.IGNORECASE)


def reference_figures(sentences: list[str]) -> dict:
    """The word figures of sentences, each summed over the words on its own."""
    tokens = [w for s in sentences for w in words(s)]
    counts = [syllables(w) for w in tokens]
    return {
        "words": len(tokens),
        "sentences": len(sentences),
        "max_sentence_words": max(len(words(s)) for s in sentences),
        "syllables": sum(counts),
        "polysyllables": sum(n >= 3 for n in counts),
        "complex_words": sum(
            is_complex_word(n, w, stem_syllables(w, n)) for w, n in zip(tokens, counts, strict=True)
        ),
        "letters": sum(c.isalpha() for w in tokens for c in w),
        "letters_and_digits": sum(map(letters_and_digits, tokens)),
        "numbers": {
            "numbers": sum(map(is_number, tokens)),
            "years": sum(map(is_year, tokens)),
            "percentages": sum(len(PERCENTAGE.findall(s)) for s in sentences),
        },
        "type_token_ratio": round(len({w.lower() for w in tokens}) / len(tokens), 3)
        if tokens
        else None,
        "language_evidence": check_english(tokens).evidence(),
        "terms": list(Counter(t for t in map(term, tokens) if t).items()),
        "phrases": list(Counter(p for s in sentences for p in capitalised_phrases(s)).items()),
    }


@property_settings(300)
@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=12).map("".join))
def test_percentages_are_what_the_plain_pattern_finds(sentence):
    doc = Document.from_dict({"text": sentence})
    expected = sum(len(PERCENTAGE.findall(s)) for s in sentence_texts(doc))
    assert document_stats(doc)["numbers"]["percentages"] == expected


# ASCII text is scanned with ASCII character sets: each ASCII character of \s must be a space
# there too, the separators \x1c to \x1f as well (given as a sentence: they would end a line).
ASCII_NUMBER_PIECES = ["1", "3.5", "10,000", " ", "\t", "\x0b", "\x1c", "\x1f", "_", "%"]
ASCII_NUMBER_PIECES += ["per", "cent"]


@property_settings(300)
@given(st.lists(st.sampled_from(ASCII_NUMBER_PIECES), max_size=12).map("Rates {} today".format))
@example("Rates 1\x1c% today")
@example("Rates 3.5\x1fper cent today")
def test_percentages_in_ascii_text_are_what_the_plain_pattern_finds(sentence):
    span = {"start": 0, "end": len(sentence)}
    doc = Document.from_dict(
        {
            "text": sentence,
            "blocks": [{"type": "paragraph", **span}],
            "sentences": [{**span, "text": sentence}],
        }
    )
    assert document_stats(doc)["numbers"]["percentages"] == len(PERCENTAGE.findall(sentence))


@property_settings(300)
@given(news_sentences, st.sampled_from([1, 2, 2000]))
def test_every_figure_is_the_sum_over_the_words_whatever_the_batch(sentences, batch):
    text = " ".join(sentences)
    starts = [text.index(s) for s in sentences]
    doc = Document.from_dict(
        {
            "text": text,
            "sentences": [
                {"start": i, "end": i + len(s), "text": s}
                for i, s in zip(starts, sentences, strict=True)
            ],
        }
    )
    with mock.patch.object(newstool.stats, "SENTENCE_BATCH", batch):
        analysis = analyse(doc, top=1000)
    stats = analysis.stats
    expected = reference_figures(sentences)
    if stats["language"] != "en":
        del expected["syllables"], expected["polysyllables"], expected["complex_words"]
    assert {name: stats[name] for name in expected if name in stats} == {
        name: figure for name, figure in expected.items() if name in stats
    }
    assert stats["lexical_diversity"]["type_token_ratio"] == expected["type_token_ratio"]
    assert list(analysis.terms.items()) == expected["terms"]  # the same counts, in the same order
    assert list(analysis.phrases.items()) == expected["phrases"]


@pytest.mark.parametrize(
    ("sentences", "script"),
    [(["Idlib.", "Идлиб."], "Latin"), (["2017.", "Идлиб.", "Idlib."], "Cyrillic")],
)
def test_of_scripts_as_frequent_the_first_met_is_the_main_one_across_batches(sentences, script):
    text = " ".join(sentences)
    doc = Document.from_dict(
        {
            "text": text,
            "sentences": [
                {"start": text.index(s), "end": text.index(s) + len(s), "text": s}
                for s in sentences
            ],
        }
    )
    with mock.patch.object(newstool.stats, "SENTENCE_BATCH", 1):
        evidence = document_stats(doc)["language_evidence"]
    assert evidence == check_english(words(text)).evidence()
    assert evidence["script"] == script


number_sentences = (
    st.lists(st.sampled_from(NUMBER_PIECES), max_size=8).map("".join).map(str.strip).filter(bool)
)


@property_settings(300)
@given(st.lists(number_sentences, min_size=1))
def test_percentages_are_found_sentence_by_sentence(sentences):
    # a number that ends one sentence and a "%" or "per cent" that starts the next are no
    # percentage, although the sentences are scanned together
    text = "".join(sentences)
    starts = [sum(map(len, sentences[:i])) for i in range(len(sentences))]
    doc = Document.from_dict(
        {
            "text": text,
            "sentences": [
                {"start": i, "end": i + len(s), "text": s}
                for i, s in zip(starts, sentences, strict=True)
            ],
        }
    )
    expected = sum(len(PERCENTAGE.findall(s)) for s in sentences)
    assert document_stats(doc)["numbers"]["percentages"] == expected


@pytest.mark.parametrize("generation", [1, 2, 5])
def test_figures_do_not_depend_on_how_many_words_are_remembered(generation):
    doc = Document.from_dict(ARTICLE)
    expected = document_stats(doc)
    tallies = newstool.stats._TALLIES
    with mock.patch.object(newstool.stats, "TALLY_GENERATION", generation):
        newstool.stats.forget_words()
        assert document_stats(doc) == expected
        assert len(tallies) <= generation and len(tallies.older) <= generation
    newstool.stats.forget_words()
