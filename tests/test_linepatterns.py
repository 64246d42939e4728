"""Line patterns tried by their first character, and by the text they need, match what one
alternation of them matches."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.clean.boilerplate import compile_patterns, default_boilerplate_patterns
from newstool.clean.linepatterns import LinePatterns, ascii_forms

# Patterns that stress the reading of a parse: sets, ranges, negations, categories, lookarounds,
# repeats that may take nothing, case-sensitive groups, back references, a character outside
# ASCII that a case-blind match takes for an ASCII letter.
TRICKY = (
    r"[^a-m]x",
    r"[\d_]+ comments?",
    r"\W?yes",
    r"(?=[^>]{1,5}+>)[\w ]+>.+",
    r"(?<!z)(?:ab)*c",
    r"(?-i:[A-Z])\S*+ rule",
    r"(?P<q>['\"])quote(?P=q)",
    "\u017ftop",  # ſ: a case-blind match takes it for s
    "\u212a-?\\d",  # the Kelvin sign: k
    r"[\u0100-\u0200]x",  # holds ı and ſ
    r"\s*tab",
    r"(?:\b|^)$",
    r"x{0}y",
    # Patterns that may start anywhere, tried only on a line holding the text they need: in a
    # branch, a class of glyphs, a case-sensitive group, behind a look-around, letters that a
    # case-blind match takes for others.
    r".{0,20}opens (a )?new (tab|window)",
    r"[^\n]{0,9}[▾≡]x?",
    r".{0,9}(?-i:Tags).*",
    r"[^|]{0,9}(?<=q)end",
    r".{0,5}\bst(op|ep)\b.?",
    r".{0,5}(?=.{0,3}yes)\w+",
    ".{0,5}\u212a.?",
)
PIECES = st.sampled_from(
    [*string.ascii_letters[::3], *" .,:>#'\"_-0127xz", "ſ", "ı", "İ", "\u212a", "é", "Ж", "ab", "c",
     "yes", "comments", "top", "rule", "quote", "tab", "Follow us on X", "Read more: ",
     "Share", "Loading…", "© 2024 AAP", "Posted 5h ago", "Skip to main content",
     "opens new tab", " opens a new window", "▾", "≡", "Tags", "tags", "q", "end", "STEP", "k"]
)  # fmt: skip


SETS = {"tricky": TRICKY, "shipped": default_boilerplate_patterns()}
BUILT = {name: (compile_patterns(patterns), re.compile("|".join(f"(?:{p})" for p in patterns),
         re.IGNORECASE)) for name, patterns in SETS.items()}  # fmt: skip


@pytest.mark.parametrize("name", SETS)
@settings(derandomize=True, max_examples=400, deadline=None)
@given(line=st.lists(PIECES, min_size=1, max_size=8).map("".join), start=st.integers(0, 3))
def test_line_patterns_match_what_their_alternation_matches(name, line, start):
    lines, alternation = BUILT[name]
    assert lines.fullmatch(line, start) == bool(alternation.fullmatch(line, start))


@pytest.mark.parametrize(
    "line",
    [
        "zx",  # a negated set starts with what it leaves out
        "Stop",  # "ſ" in the pattern
        "k9",  # the Kelvin sign
        "Ix",  # "ı" in a range
        "__ comment",
        "'quote'",
        " tab",
    ],
)
def test_each_tricky_line_matches_as_the_alternation_says(line):
    lines, alternation = BUILT["tricky"]
    assert alternation.fullmatch(line) and lines.fullmatch(line)


def test_the_characters_a_case_blind_match_takes_for_ascii_ones_are_all_known():
    """Asked of the engine itself, for every character: the only ones outside ASCII that a
    case-blind match takes for an ASCII character are those ascii_forms knows."""
    everything = "".join(map(chr, range(0x110000)))
    for code in range(128):
        character = chr(code)
        for found in set(re.findall(re.escape(character), everything, re.IGNORECASE)):
            assert character in ascii_forms(found), (character, found)


@pytest.mark.parametrize(("pattern", "shown"), [("(", "\\("), ("(?<=a+)b", "\\(\\?<=a\\+\\)b")])
def test_an_invalid_pattern_is_named_with_its_place(pattern, shown):
    """Whether the parser or the compiler finds the fault (a look-behind of no fixed width)."""
    with pytest.raises(ValueError, match=f"item 2 '{shown}' is not a valid regular expression"):
        LinePatterns(("ok", pattern), "item")
