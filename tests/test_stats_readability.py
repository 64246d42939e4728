"""Each index on texts whose counts and values are worked out by hand here."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.model import Document
from newstool.stats import document_stats
from newstool.stats.readability import mtld, mtld_factors, reading_time_s, type_token_ratio

# Words: Beautiful(3) animals(3) wander(2) slowly(2) | Dogs(1) bark(1)
# 6 words, 2 sentences, 12 syllables, 2 words of 3+ syllables (both "complex" for Gunning),
# letters 9 + 7 + 6 + 6 + 4 + 4 = 36, no digits.
TEXT = "Beautiful animals wander slowly. Dogs bark."
W, S, SYL, POLY, LETTERS = 6, 2, 12, 2, 36


@pytest.fixture(scope="module")
def stats() -> dict:
    return document_stats(Document.from_dict({"text": TEXT}))


def test_counts(stats):
    assert (stats["words"], stats["sentences"], stats["syllables"]) == (W, S, SYL)
    assert (stats["polysyllables"], stats["complex_words"], stats["letters"]) == (2, 2, LETTERS)
    assert stats["avg_sentence_words"] == 3.0 and stats["max_sentence_words"] == 4
    assert stats["avg_word_chars"] == 6.0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("flesch_reading_ease", 206.835 - 1.015 * 3 - 84.6 * 2),  # 34.59
        ("flesch_kincaid_grade", 0.39 * 3 + 11.8 * 2 - 15.59),  # 9.18
        ("gunning_fog", 0.4 * (3 + 100 * 2 / 6)),  # 14.53
        ("smog_index", 1.0430 * (2 * 30 / 2) ** 0.5 + 3.1291),  # 8.84
        ("coleman_liau_index", 0.0588 * 600 - 0.296 * 100 * 2 / 6 - 15.8),  # 9.61
        ("automated_readability_index", 4.71 * 36 / 6 + 0.5 * 3 - 21.43),  # 8.33
        ("reading_time_s", 6 * 60 / 238),  # 1.5
    ],
)
def test_index_matches_hand_computation(stats, name, expected):
    assert stats[name] == pytest.approx(expected, abs=0.051 if name == "reading_time_s" else 0.005)


def test_ari_counts_digits_and_coleman_liau_counts_letters_only():
    # "It cost 250 dollars." -> letters 2 + 4 + 7 = 13, letters and digits 13 + 3 = 16;
    # 4 words, 1 sentence; the full stop counts for neither.
    stats = document_stats(Document.from_dict({"text": "It cost 250 dollars."}))
    assert (stats["letters"], stats["letters_and_digits"]) == (13, 16)
    assert stats["automated_readability_index"] == pytest.approx(
        4.71 * 16 / 4 + 0.5 * 4 - 21.43, abs=0.005
    )
    assert stats["coleman_liau_index"] == pytest.approx(0.0588 * 325 - 0.296 * 25 - 15.8, abs=0.005)


def test_gunning_leaves_out_hyphenated_words_and_syllabic_endings():
    # "de-escalation" (5) is hyphenated; "created" (3) is 3 only with its -ed; "terrorist" (3)
    # counts. Polysyllables for SMOG count all three.
    stats = document_stats(Document.from_dict({"text": "A de-escalation created terrorist."}))
    assert (stats["polysyllables"], stats["complex_words"]) == (3, 1)


def test_reading_time_is_238_words_a_minute():
    assert reading_time_s(238) == 60.0
    stats = document_stats(Document.from_dict({"text": "The word " * 238}))
    assert stats["reading_time_s"] == 120.0


def test_lexical_diversity_by_hand():
    # a b a b a b: forward, the ratio falls to 2/3 <= 0.72 after three tokens, twice: 2 factors,
    # 6 / 2 = 3; backward the same. Types 2 of 6 tokens.
    assert mtld(list("ababab")) == 3.0
    assert type_token_ratio(list("ababab")) == pytest.approx(1 / 3)
    # a b c a: 4 tokens, ttr 1, 1, 1, 0.75: no full factor; rest (1 - 0.75) / 0.28 both ways.
    assert mtld(list("abca")) == pytest.approx(4 / (0.25 / 0.28))


def factors_by_definition(tokens: list[str], threshold: float) -> float:
    """MTLD factors with the ratio worked out after every token."""
    factors, types, count = 0.0, set(), 0
    for token in tokens:
        types.add(token)
        count += 1
        if len(types) / count <= threshold:
            factors, types, count = factors + 1, set(), 0
    return factors + ((1 - len(types) / count) / (1 - threshold) if count else 0)


@settings(derandomize=True, max_examples=300)
@given(
    # few kinds of token make many factors, many kinds few
    st.integers(1, 10).flatmap(lambda kinds: st.lists(st.sampled_from("abcdefghij"[:kinds]))),
    st.sampled_from([0.72, 0.5, 0.1, 0.9, 0.75, 1 / 3, 0.999]),
)
def test_mtld_factors_are_those_of_the_definition(tokens, threshold):
    assert mtld_factors(tokens, threshold) == factors_by_definition(tokens, threshold)


def test_scores_are_none_without_words_but_counts_are_zero():
    stats = document_stats(Document.from_dict({"text": ""}))
    assert stats["words"] == stats["sentences"] == stats["syllables"] == 0
    assert stats["flesch_reading_ease"] is None and stats["smog_index"] is None
    assert stats["lexical_diversity"] == {"type_token_ratio": None, "mtld": None}
