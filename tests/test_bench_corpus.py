"""The benchmark's corpus grower (benchmarks/news_corpus.py) and its pure helpers.

The real news comes from a package installed only by ``make bench``; these tests use a few
articles written here.
"""

import doctest
import random

import pytest

from benchmarks import common, news_corpus
from benchmarks.news_corpus import NOTES, Article, damage, encode, grow, sentences_of

SENTENCES = [
    "The minister said on Tuesday that talks would resume next week.",
    '"We will not accept this," Mr. Okafor told reporters.',
    "Officials said the new rules would apply to all firms with more than fifty staff.",
    "Rescue teams searched the collapsed building through the night.",
    "The central bank warned that growth would remain weak for the rest of the year.",
    "Thousands of people marched through the capital to demand higher wages.",
]
ARTICLES = [
    Article(
        site=f"site{i % 2}.example",
        title=f"Headline number {i}",
        subtitle="",
        text=" ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(12)).replace(
            "wages", "wages \u2019" if i == 2 else "wages"
        ),
    )
    for i in range(5)
]


def test_growing_is_deterministic_prefix_stable_and_distinct():
    first = list(grow(ARTICLES, 40))
    assert first == list(grow(ARTICLES, 40))
    assert list(grow(ARTICLES, 12)) == first[:12]
    assert len(set(first)) == 40


def test_a_different_seed_grows_a_different_corpus():
    assert list(grow(ARTICLES, 10, seed=1)) != list(grow(ARTICLES, 10, seed=2))


def test_damage_leaves_the_marks_of_scraping():
    rng = random.Random(7)
    paragraphs = [SENTENCES * 3 for _ in range(40)]
    texts = [damage(paragraphs, rng, ("Other story", "site.example")) for _ in range(30)]
    joined = "\n".join(texts)
    assert "week.Officials" in joined or 'week."We' in joined or "week.Rescue" in joined
    assert any(note in joined for note in NOTES)
    assert "., " in joined  # a fragment after a lost sentence start
    assert "\u00a0" in joined or "  " in joined or "\t" in joined
    assert any(line.strip() == "Advertisement" or line.startswith("Read more:")
               for line in joined.split("\n"))  # fmt: skip


def test_damage_keeps_the_words():
    rng = random.Random(3)
    text = damage([SENTENCES], rng, ("Other", "x.example"))
    for word in ("minister", "Okafor", "marched", "wages"):
        assert word in text


def test_encode_mixes_utf8_cp1252_and_mojibake():
    rng = random.Random(5)
    text = "Prices don\u2019t fall \u2013 they said.\n\nMore.\n"
    encoded = [encode(text, rng) for _ in range(400)]
    assert text.encode("utf-8") in encoded
    assert text.encode("cp1252") in encoded
    assert "don\u00e2\u20ac\u2122t".encode() in b"".join(encoded)
    assert any(data.startswith(b"\xef\xbb\xbf") for data in encoded)
    assert any(b"\r\n" in data for data in encoded)


def test_sentences_of_keeps_closing_quotes():
    assert sentences_of('He said "no." Then he left. 3 fell.') == [
        'He said "no."',
        "Then he left.",
        "3 fell.",
    ]


def test_cmudict_lines_become_nltk_lines():
    assert common.cmudict_as_nltk(["tomato(2) T AH0 M AA1 T OW2", "tomato T AH0 M EY1 T OW2"]) == [
        "tomato 2 T AH0 M AA1 T OW2",
        "tomato 1 T AH0 M EY1 T OW2",
    ]


def test_pair_ratios():
    assert common.ratios([10.0, 9.0], [2.0, 3.0]) == [5.0, 3.0]
    assert common.median_and_range([3.0, 1.0, 2.0]) == (2.0, 1.0, 3.0)


@pytest.mark.parametrize("module", [news_corpus, common])
def test_doctests(module):
    assert doctest.testmod(module).failed == 0
