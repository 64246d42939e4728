"""Hypothesis strategies for text as scrapers deliver it: the one home of the generators that
the property tests share.

- :data:`hostile_text` and :func:`hostile_articles`: news sentences (glued ends such as
  ``Idlib.On Wednesday`` or ``Muallem."It is``, abbreviations, numbers, editorial notes, quotes
  and brackets of every kind) with the characters that break naive code sprinkled in: Unicode
  line and paragraph separators, NEL, bidi controls, combining marks, ZWJ emoji sequences, soft
  hyphens, byte-order marks in the middle, exotic spaces, ``\\r``, tabs, form feeds and lone
  control characters.
- :data:`clean_soup` (with :data:`any_text`, :data:`any_title`): pieces the clean rules react to.
- :data:`SPLITTER_PIECES` and :data:`CJK_PIECES`: pieces the sentence splitter reacts to.
- :data:`nasty_text` and :data:`nasty_blocks`: Markdown markup that escaping must defuse.

Every test that uses them fixes the seed and bounds the examples (:func:`property_settings`, or
``@settings(derandomize=True, max_examples=...)``), so ``make test`` is repeatable and quick.
"""

from __future__ import annotations

import os

from hypothesis import settings
from hypothesis import strategies as st

# --- settings ---------------------------------------------------------------------------------


def property_settings(max_examples: int) -> settings:
    """A fixed seed and ``max_examples`` examples, as ``make test`` runs them.

    For a long local search, ``PROPERTY_EXAMPLES=5000 pytest tests/test_properties.py
    --hypothesis-seed=N --hypothesis-show-statistics`` runs that many examples per test from a
    random seed instead (vary ``N``).
    """
    long_run = int(os.environ.get("PROPERTY_EXAMPLES", "0"))
    if long_run:
        return settings(max_examples=long_run, deadline=None, derandomize=False)
    return settings(max_examples=max_examples, deadline=None, derandomize=True)


# --- hostile news text --------------------------------------------------------------------------

SUBJECTS = [
    "Lavrov", "The minister", "Russian Foreign Minister Sergey Lavrov", "Mr. Smith", "Dr. Li",
    "Acme Inc.", "The U.S. envoy", "Staffan de Mistura", "Moscow", "Damascus", "Zoë Ménard",
    "his Syrian counterpart Walid Muallem", "the U.N. Security Council", "Sen. Warren", "It",
    "he", "the Jabhat al-Nusra group [outlawed in Russia - TASS]", "J. K. Rowling", "Gov. Lee",
]  # fmt: skip
VERBS = [
    "said", "met", "warned", "arrived at 10.30 a.m.", "cut rates by 0.25%", "sent 10,000 troops",
    "left", "pointed out", "expressed hope", "added", "has a Ph.D.", "rose 2.5%", "won 3-1",
    "cost $3.5bn", "wrote", "asked",
]  # fmt: skip
TAILS = [
    "", "in Idlib", "on Wednesday", "in 2017", "at 5 p.m.", "on Jan. 5", "e.g. in Syria",
    "at www.un.org", "via tass.com", "by 3.5 per cent", "in Washington, D.C.", "(AP)",
    "[Editor's note: updated at noon]", "[sic]", "[1, 2]", "[...]", "{citation needed}",
    "(both outlawed in Russia)", "[Photo: AP News]", "[outlawed in Russia - TASS],", "etc.",
    "vs. Frazier", "No. 10", "in the U.S.", "1. first 2. second", "- a bullet", "• a dot",
]  # fmt: skip
ENDS = [".", ".", ".", "!", "?", "...", "…", "?!", ". . .", ".,", ":", ""]
# (opening, closing) marks of every kind; a sentence or a part of one is wrapped in a pair.
PAIRS = [
    ('"', '"'), ("'", "'"), ("“", "”"), ("‘", "’"), ("«", "»"), ("„", "“"), ("‹", "›"),
    ("「", "」"), ("『", "』"), ("(", ")"), ("[", "]"), ("{", "}"), ("»", "«"), ("„", "”"),
    ('"', ""), ("", "”"), ("(", ""), ("", "]"),
]  # fmt: skip
# What comes between two sentences: often nothing (glued), sometimes any kind of break.
SEPARATORS = [
    "", "", " ", " ", " ", "  ", "\n", "\n\n", " \n\n ", "\u00a0", "\t", "\u2028", "\u2029",
    "\x85", "\r\n", "\r", "\f", "\v", "\u3000", "\n \n", "\n\n\n",
]  # fmt: skip
HOSTILE_CHARACTERS = [
    "\u2028", "\u2029", "\x85",  # line separator, paragraph separator, NEL
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # bidi marks, embeddings
    "\u2066", "\u2067", "\u2068", "\u2069", "\u061c",  # bidi isolates, Arabic letter mark
    "\u0301", "\u0308", "\u0327", "\u20dd", "\u0489", "e\u0301", "\u0301\u0301",  # combining
    "👨\u200d👩\u200d👧", "👍🏽", "🏳️\u200d🌈",  # emoji: ZWJ sequences, skin tone, flag
    "\u200d", "\u200c", "\ufe0f",  # zero-width joiner and non-joiner, variation selector
    "\u00ad", "\ufeff", "\u200b", "\u2060",  # soft hyphen, BOM, zero-width space, word joiner
    "\u00a0", "\u2009", "\u202f", "\u2007", "\u3000", "\u1680", "\u205f",  # other spaces
    "\r", "\r\n", "\t", "\f", "\v", "\x00", "\x07", "\x1b", "\x1c", "\x1f", "\x7f", "\x80",
    "\x9f", "\ufffd", "\U0001d400",  # controls, C1, replacement character, astral letter
    "Ã©", "â€™", "Р“Рѕ", "Ã",  # mojibake and its lead bytes
]  # fmt: skip

hostile_character = st.one_of(
    st.sampled_from(HOSTILE_CHARACTERS), st.characters(blacklist_categories=("Cs",))
)


@st.composite
def sprinkled(draw: st.DrawFn, text: str, max_insertions: int = 3) -> str:
    """``text`` with up to ``max_insertions`` hostile characters inserted anywhere."""
    places = draw(st.lists(st.integers(0, len(text)), max_size=max_insertions))
    for place in sorted(places, reverse=True):
        text = text[:place] + draw(hostile_character) + text[place:]
    return text


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    """One sentence of news, perhaps quoted or bracketed, perhaps damaged."""
    words = " ".join(
        part
        for part in (draw(st.sampled_from(SUBJECTS)), draw(st.sampled_from(VERBS)))
        + tuple(draw(st.lists(st.sampled_from(TAILS), max_size=2)))
        if part
    )
    end = draw(st.sampled_from(ENDS))
    if draw(st.booleans()):
        opening, closing = draw(st.sampled_from(PAIRS))
        inside = draw(st.booleans())  # "It is." or "It is".
        words = f"{opening}{words}{end}{closing}" if inside else f"{opening}{words}{closing}{end}"
    else:
        words += end
    return draw(sprinkled(words)) if draw(st.integers(0, 3)) == 0 else words


@st.composite
def hostile_paragraphs(draw: st.DrawFn, max_sentences: int = 6) -> str:
    """Sentences glued or separated by anything, with hostile characters around them."""
    sentences = draw(st.lists(news_sentence(), min_size=1, max_size=max_sentences))
    pieces = []
    for sentence in sentences:
        pieces.append(sentence)
        pieces.append(draw(st.sampled_from(SEPARATORS)))
    return draw(sprinkled("".join(pieces).rstrip(" ")))


# Fragments of news and of page furniture, dense enough that rules meet each other's work.
FRAGMENTS = [
    "said", "He", "Then", "the", "la", "x", "U.S.", "e.g.", "Inc.", "tass.com", "3.5", "10,000",
    ".", ".", ",", ";", ":", "!", "?", "...", "?!", "-", "--", " - ", "—", "–", " ", " ", "  ",
    "\n", "\n\n", "[a b]", "[Photo: AP News]", "[outlawed in Russia - TASS]", "[sic]",
    "Read more: x", "Follow us on Y", "©", "Лавров", "東京",
]  # fmt: skip
hostile_pieces = st.sampled_from(
    FRAGMENTS + [mark for pair in PAIRS for mark in pair if mark] + HOSTILE_CHARACTERS
)
hostile_soup = st.lists(hostile_pieces, max_size=24).map("".join)

hostile_text = st.one_of(
    hostile_paragraphs(),
    hostile_soup,
    st.lists(
        st.one_of(hostile_paragraphs(max_sentences=2), hostile_soup, st.text(max_size=8)),
        max_size=4,
    ).map("".join),
)
"""Article bodies: news prose with hostile characters, a soup of its fragments, or a mixture of
these with any text."""

hostile_title = st.one_of(
    st.none(),
    news_sentence(),
    hostile_soup,
    st.lists(st.one_of(news_sentence(), hostile_character), max_size=3).map("".join),
)


@st.composite
def hostile_articles(draw: st.DrawFn) -> tuple[str | None, str]:
    """``(title, body)`` of an article, each possibly hostile."""
    return draw(hostile_title), draw(hostile_text)


hostile_raw_articles = hostile_articles().map(
    lambda article: (f"{article[0]}\n\n" if article[0] is not None else "") + article[1]
)
"""A whole raw article as a file holds it: the title line (if any), a blank line, the body."""

# --- pieces the clean rules react to ------------------------------------------------------------

CLEAN_PIECES = [
    "He", "the", "said", "Idlib", "U.S.", "e.g.", "Ph.D.", "tass.com", "3.5", "it", "out",
    ".", ".", ",", ";", ":", "!", "?", "...", "?!", '"', "“", "”", "'", "’", "(", ")", "[", "]",
    " ", " ", " ", "  ", "\u00a0", "\t", "\u200b", "\n", "\n\n", "-", "--", " - ", "—",
    "Ã©", "â€™", "Р“Рѕ", "Read more: x", "Follow us on Y", "[a b - C]",
]  # fmt: skip
clean_soup = st.lists(st.sampled_from(CLEAN_PIECES), max_size=40).map("".join)
any_text = st.one_of(clean_soup, st.text(max_size=60))
any_title = st.one_of(clean_soup.map(lambda text: text.replace("\n", " ")), st.text(max_size=30))
quote_styles = st.sampled_from(["keep", "straight", "typographic"])

# --- pieces the sentence splitter reacts to -----------------------------------------------------

SPLITTER_PIECES = st.sampled_from(
    [
        "word", "Word", "U.S.", "Mr.", "e.g.", "3.5", "10", "a", "I", "etc.", " ", " ", "  ",
        "\n", "\n\n", ".", ". ", "?", "!", "...", "…", '"', "“", "”", "'", "(", ")", ",", "-",
        "•", "1.", "b)", "www.x.org", "a@b.co", "\t", "\u00a0", ". . .",
    ]
)  # fmt: skip
CJK_PIECES = st.sampled_from(
    ["今天", "東京は", "晴れ", "。", "！", "？", "」", "「", "2024年", "、"]
)

# --- Markdown markup ----------------------------------------------------------------------------

NASTY_PIECES = [
    "#", "##", "*", "**", "_", "__", "[x](y)", "![i](s)", "[a]", "]:", "][", "<b>", "</b>",
    "<http://a.b>", "&amp;", "&#35;", "&", "1.", "2)", "---", "===", "***", "`", "```", "~~~",
    "\\", " ", "  ", "    ", "\t", ">", "-", "+", "=", "~", "|", "!", "<", "\n", "\r",
    "word", "é", "\u00a0", "\u2028", "\u3000",
]  # fmt: skip
# Any character but C0/C1 controls (CommonMark turns NUL into U+FFFD; tab, CR and LF are above).
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc"))
nasty_text = st.lists(st.one_of(st.sampled_from(NASTY_PIECES), CHARACTERS), max_size=12).map(
    "".join
)
nasty_blocks = st.lists(
    st.tuples(st.sampled_from(["heading", "paragraph"]), nasty_text.filter(bool)), max_size=4
)
