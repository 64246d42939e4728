"""Corpus summaries: exact merges, JSON round trip, bounded size, sketch error bounds, reports."""

import json
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.model import Document
from newstool.stats.summary import (
    LogHistogram,
    MergeTree,
    Summary,
    TopCounts,
    reading_ease_band,
)

SENTENCES = [
    "Lavrov met Walid Muallem in Damascus.",
    "The talks lasted two hours.",
    "Idlib is calm.",
    "About 10,000 fighters remain in the province, officials said.",
    "Prices rose 12% in 2017.",
    "",
]

documents = st.lists(st.sampled_from(SENTENCES), max_size=4).map(
    lambda parts: Document.from_dict({"text": " ".join(parts)})
)
corpora = st.lists(documents, max_size=6)


def summary_of(docs) -> Summary:
    summary = Summary()
    for doc in docs:
        summary.add(doc)
    return summary


@settings(derandomize=True, max_examples=25, deadline=None)
@given(corpora, corpora, corpora)
def test_merge_is_exact_associative_and_commutative(a, b, c):
    sa, sb, sc = summary_of(a), summary_of(b), summary_of(c)
    whole = summary_of(a + b + c)
    assert sa.merge(sb).merge(sc).to_dict() == whole.to_dict()
    assert sa.merge(sb.merge(sc)).to_dict() == whole.to_dict()
    assert sb.merge(sa).to_dict() == summary_of(a + b).to_dict()


@settings(derandomize=True, max_examples=25, deadline=None)
@given(corpora)
def test_json_round_trip_keeps_everything_needed_to_merge(docs):
    summary = summary_of(docs)
    again = Summary.from_dict(json.loads(json.dumps(summary.to_dict())))
    assert again.to_dict() == summary.to_dict()
    assert again.merge(summary).to_dict() == summary_of(docs + docs).to_dict()


def test_report_figures():
    docs = [
        Document.from_dict(
            {"text": "Idlib is calm. Idlib waits for news."}
        ),  # 7 words, 2 sentences
        Document.from_dict(
            {"text": "Moscow spoke.", "source": {"encoding": "cp1252"}, "warnings": ["1 byte"]}
        ),
    ]
    report = summary_of(docs).report()
    assert report["documents"] == 2 and report["warnings"] == 1
    assert report["totals"]["words"] == 9 and report["totals"]["sentences"] == 3
    assert report["words_per_document"]["mean"] == 4.5
    assert report["sentence_words"]["mean"] == 3.0
    assert report["top_terms"][0] == {"term": "idlib", "count": 2}
    assert report["encodings"] == {"unknown": 1, "cp1252": 1}
    assert sum(report["reading_ease"].values()) == 2


def test_reading_ease_bands_follow_flesch():
    assert [reading_ease_band(s) for s in (95, 85, 75, 65, 55, 40, 10)] == [
        "90+ very easy", "80-90 easy", "70-80 fairly easy", "60-70 standard",
        "50-60 fairly difficult", "30-50 difficult", "<30 very difficult",
    ]  # fmt: skip


@settings(derandomize=True, max_examples=100)
@given(st.lists(st.integers(0, 100_000), min_size=1, max_size=300), st.sampled_from([0.5, 0.9]))
def test_quantiles_are_within_the_stated_relative_error(values, q):
    histogram = LogHistogram()
    for value in values:
        histogram.add(value)
    true = sorted(values)[int(q * (len(values) - 1))]
    assert abs(histogram.quantile(q) - true) <= 0.01 * true + 0.05


@settings(derandomize=True, max_examples=100)
@given(st.lists(st.sampled_from("abcdefgh"), max_size=60), st.integers(1, 5))
def test_top_counts_never_overcount_and_undercount_within_the_bound(items, capacity):
    top = TopCounts(capacity=capacity)
    for item in items:
        top.add(Counter([item]))
    true = Counter(items)
    assert len(top.counts) <= capacity
    for item, count in true.items():
        assert count - top.error_bound <= top.counts.get(item, 0) <= count


def test_size_is_bounded_by_the_summary_not_the_corpus():
    summary = Summary()
    for i in range(1500):
        summary.add(Document.from_dict({"text": f"Word{i} Name{i} Other{i} went home."}))
    assert len(summary.terms.counts) <= summary.terms.capacity
    assert len(summary.phrases.counts) <= summary.phrases.capacity
    assert len(summary.words_per_document.buckets) < 50


def test_markdown_report_is_tables():
    markdown = summary_of(
        [Document.from_dict({"text": "Idlib is calm | quiet."})]
    ).render_markdown()
    assert markdown.startswith("# Corpus summary\n")
    assert "| documents | 1 |" in markdown and "| words | 4 |" in markdown
    assert "| idlib | 1 |" in markdown


def test_rich_table_renders_for_a_terminal():
    from rich.console import Console

    console = Console(record=True, width=80)
    console.print(summary_of([Document.from_dict({"text": "Idlib is calm."})]).rich_table())
    text = console.export_text()
    assert "documents" in text and "idlib" in text


def test_histograms_of_different_accuracy_do_not_merge():
    with pytest.raises(ValueError, match="relative accuracy"):
        LogHistogram(0.01).merge(LogHistogram(0.02))


@settings(derandomize=True, max_examples=25, deadline=None)
@given(st.lists(corpora, max_size=9), st.integers(1, 20))
def test_a_merge_tree_of_parts_is_the_summary_of_all_their_documents(parts, top):
    tree = MergeTree()
    for part in parts:
        tree.add(summary_of(part))
    merged, whole = tree.merged(top), summary_of(doc for part in parts for doc in part)
    whole.top = top
    assert merged.to_dict() == whole.to_dict()  # exact below the sketches' capacity


def test_top_speakers_merge_and_a_summary_written_before_them_still_reads():
    from newstool.quotes import extract_quotes

    quoted = [
        extract_quotes(Document.from_dict({"text": text}))
        for text in ('"Yes," Ana Ruiz said. "No," Bo Li said.', '"Go," said Ana Ruiz.')
    ]
    parts = summary_of(quoted[:1]).merge(summary_of(quoted[1:]))
    assert parts.to_dict() == summary_of(quoted).to_dict()
    assert parts.report()["top_speakers"] == [
        {"speaker": "Ana Ruiz", "quotes": 2},
        {"speaker": "Bo Li", "quotes": 1},
    ]
    assert parts.report()["totals"]["quotes"] == 3
    older = summary_of(quoted).to_dict()
    del older["state"]["speakers"], older["state"]["totals"]["quotes"]
    again = Summary.from_dict(older)
    assert again.report()["top_speakers"] == [] and again.report()["totals"]["quotes"] == 0
