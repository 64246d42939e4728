"""Top terms and capitalised phrases, against simple references."""

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from newstool.stats.terms import most_common

from .strategies import property_settings


@property_settings(300)
@given(st.dictionaries(st.text("abcAB ", max_size=3), st.integers(1, 5)), st.integers(1, 8))
def test_most_common_is_by_count_then_alphabetical(counts, n):
    expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
    assert most_common(Counter(counts), n) == expected
