"""One abbreviation list: ``clean`` and ``split-sentences`` agree on every abbreviation.

Both read ``newstool/data/abbreviations*.txt`` through :func:`newstool.sentences.lexicon`; after
an abbreviation, clean separates a glued sentence exactly where the splitter ends one.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.clean import clean
from newstool.clean.words import is_abbreviation
from newstool.model import Document
from newstool.sentences import lexicon, split_sentences

ENTRIES = sorted(lexicon().kinds)
# A lower-case entry matches any case ("co": "Co", "CO"); others match as written.
SPELLINGS = sorted({*ENTRIES, *(e.capitalize() for e in ENTRIES if e.islower())})
FOLLOWERS = ["Jones", "The", "and", '"It', "He"]
LEADS = ["They met", "In the long report the group cited"]


def separated(text: str) -> str:
    """The text after clean's glued-sentence rule alone."""
    return clean(Document.from_dict({"text": text}), rules=["separate_glued_sentences"]).text


def sentence_count(text: str) -> int:
    return len(split_sentences(text))


def test_the_list_is_read_from_the_data_files():
    assert len(ENTRIES) > 190
    for word in ("Pvt", "Brig", "etc", "a.m", "Mass", "La", "esp"):
        assert is_abbreviation(word), word
    assert not is_abbreviation("mass") and not is_abbreviation("said")


def kind(word: str) -> str:
    kinds = lexicon().kinds
    return kinds.get(word) or kinds[word.lower()]


def test_no_listed_abbreviation_glued_to_a_name_is_separated_or_split():
    for word in SPELLINGS:
        if kind(word) == "number":
            continue  # a word unless a number follows (the test below)
        text = f"They met {word}.Jones today."
        assert separated(text) == text, word
        assert sentence_count(text) == 1, word


def test_an_abbreviation_of_numbers_is_a_word_before_a_name_and_stays_before_a_number():
    numbered = [word for word in SPELLINGS if kind(word) == "number"]
    assert {"No", "no", "Vol", "fig"} <= set(numbered)
    for word in numbered:
        glued = f"They voted {word}.Jones left."
        assert separated(glued) == f"They voted {word}. Jones left.", word
        assert sentence_count(glued) == 2 and sentence_count(separated(glued)) == 2, word
        assert sentence_count(f"They cited {word}. 4 and {word}. IV at length.") == 1, word


def test_clean_separates_after_an_abbreviation_exactly_where_the_splitter_splits():
    for word in SPELLINGS:
        for lead in LEADS:
            for follower in FOLLOWERS:
                text = f"{lead} {word}.{follower} went on."
                splits = sentence_count(text) == 2
                assert (separated(text) != text) == splits, text
                if splits:
                    assert sentence_count(separated(text)) == 2, text


PIECES = ["Pvt.", "Inc.", "etc.", "U.S.", "Gen.", "No.", "a.m.", "said.", "left.", "The", "Jones"]
PIECES += ["He", "and", "it", " ", " ", ","]  # no quotes: the splitter reads 'Inc."No.' oddly


@settings(derandomize=True, max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_cleaning_glued_abbreviations_leaves_the_sentences_the_splitter_found(text):
    """The splitter finds the same sentences before and after clean separated glued ones."""
    before = [s.text.replace(" ", "") for s in split_sentences(text)]
    after = [s.text.replace(" ", "") for s in split_sentences(separated(text))]
    assert after == before
