"""The one word tokenisation: what counts as a word, and what does not."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.stats.tokens import WORD, is_number, letters_and_digits, words, words_and_gaps


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Talks with Muallem."It is late', ["Talks", "with", "Muallem", "It", "is", "late"]),
        ("a de-escalation zone", ["a", "de-escalation", "zone"]),
        ("they didn't go", ["they", "didn't", "go"]),
        ("the army\u2019s drones", ["the", "army\u2019s", "drones"]),
        ("about 10,000 men, 3.5 km", ["about", "10,000", "men", "3.5", "km"]),
        ("rose 40% in 2017.", ["rose", "40", "in", "2017"]),
        ("Russia - TASS", ["Russia", "TASS"]),
        ("the U.S. army", ["the", "U.S.", "army"]),
        ("civilians' security", ["civilians", "security"]),
        ("said., fighting", ["said", "fighting"]),
        ("", []),
        ("... -- !!", []),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


def test_numbers_and_character_counts():
    assert [is_number(w) for w in ("10,000", "2017", "3.5", "F-16", "Idlib")] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert letters_and_digits("Russia's") == 7


@settings(derandomize=True, max_examples=200)
@given(st.text(alphabet="ab1 .,'-\"", max_size=40))
def test_words_never_hold_spaces_or_edge_punctuation(text):
    for word in words(text):
        assert word.strip() == word and word[0].isalnum()
        assert word[-1].isalnum() or word.endswith(".")


def assert_words_and_gaps_follow_word(text):
    spans = [match.span() for match in WORD.finditer(text)]
    between = [text[end:start] for (_, end), (start, _) in zip(spans, spans[1:], strict=False)]
    assert words_and_gaps(text) == (words(text), between)


@settings(derandomize=True, max_examples=300)
@given(st.text(alphabet="aB1 .,'-_\u00a0東ー", max_size=40))
def test_words_and_gaps_are_the_words_and_what_lies_between_them(text):
    assert_words_and_gaps_follow_word(text)


@settings(derandomize=True, max_examples=500)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_text_gives_the_words_of_the_one_pattern(text):
    # words_and_gaps scans ASCII text with a pattern of ASCII classes: the same words
    assert_words_and_gaps_follow_word(text)
