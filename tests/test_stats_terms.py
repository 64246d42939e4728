"""Top terms and capitalised phrases, against simple references."""

import re
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from newstool.stats.terms import NAME_PARTICLES, capitalised_phrases, most_common, stopwords
from newstool.stats.tokens import WORD

from .strategies import property_settings

POSSESSIVE = re.compile("['\u2019]s$")
# Words and gaps that names are made of, and that end them.
NAME_WORDS = [
    "The", "On", "the", "Staffan", "de", "Mistura", "Jabhat", "al-Nusra", "Bank", "of",
    "England's", "England\u2019s", "Governor", "Andrew", "Bailey", "al", "van", "met", "in",
    "Idlib", "IDLIB", "U.S.", "2017", "F-16", "de-escalation", "Russia's", "Hmeimim", "It's",
    "東京", "Москва", "Путин",
]  # fmt: skip
NAME_GAPS = [" ", "  ", "\t", "\u00a0", ", ", ".", ". ", " - ", "(", "", "\n"]
sentences = st.lists(st.tuples(st.sampled_from(NAME_WORDS), st.sampled_from(NAME_GAPS))).map(
    lambda pieces: "".join(word + gap for word, gap in pieces)
)


def reference_phrases(sentence: str) -> list[str]:
    """Capitalised phrases read word by word: each word joins the open run, ends it, or both."""

    def name(run: list[str]) -> list[str]:
        while run and run[-1] in NAME_PARTICLES:
            run = run[:-1]
        return [POSSESSIVE.sub("", " ".join(run))] if len(run) >= 2 else []

    phrases: list[str] = []
    run: list[str] = []
    previous_end = None
    for match in WORD.finditer(sentence):
        word = match.group()
        if previous_end is None or not sentence[previous_end : match.start()].isspace():
            phrases += name(run)
            run = []
        capitalised = word[:1].isupper() or "-" in word and word.rsplit("-", 1)[1][:1].isupper()
        opens_sentence = previous_end is None and word.lower() in stopwords()
        if capitalised and not opens_sentence or run and word in NAME_PARTICLES:
            run.append(word)
        else:
            phrases += name(run)
            run = []
        if POSSESSIVE.search(word):
            phrases += name(run)
            run = []
        previous_end = match.end()
    return phrases + name(run)


@property_settings(500)
@given(sentences)
def test_capitalised_phrases_are_the_runs_read_word_by_word(sentence):
    assert capitalised_phrases(sentence) == reference_phrases(sentence)


def test_a_run_ends_at_a_possessive_a_gap_or_a_plain_word():
    sentence = "Russia's Hmeimim base, Bank of England staff met Idlib  Governor Jo de"
    assert capitalised_phrases(sentence) == [
        "Bank of England",
        "Idlib Governor Jo",
    ]


@property_settings(300)
@given(st.dictionaries(st.text("abcAB ", max_size=3), st.integers(1, 5)), st.integers(0, 8))
def test_most_common_is_by_count_then_alphabetical(counts, n):
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
    assert most_common(Counter(counts), n) == expected
