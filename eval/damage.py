"""Scraping damage, added to the undamaged articles of :mod:`eval.articles` the ways scrapers
add it: editorial notes, placeholders where a link or a photo was, a repeated block of
paragraphs (its short bylines and credits too), odd spaces, boilerplate lines.

Each damage is a function ``(paragraphs, rng) -> paragraphs``; which one, where and what is
drawn from a :class:`random.Random` seeded per article, so the set is the same on every run.

>>> damaged_versions(("One two three.", "Four five six."))[0][0]
'placeholder inline'
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Paragraphs = tuple[str, ...]

# Notes that interrupt a sentence (written for this set).
INLINE_NOTES = (
    "[designated a terrorist group in Russia - TASS]",
    "[a regional news agency - RIA]",
    "[Editor's note: the company later withdrew the offer]",
    "[Editor’s note: this quote has been corrected]",
    "[Video: Crowds gather outside the courthouse]",
    "[Photo: Firefighters at the scene on Tuesday]",
    "[Update: the airport reopened at 6 p.m.]",
    "[Updated at 3:40 p.m. ET]",
    "[Correction: an earlier version misstated the vote count]",
    "[Read more: How the budget talks collapsed]",
    "[Watch: The mayor's full statement]",
    "[AP Photo/Lena Marsh]",
    "[Source: state election office]",
    "[Note: figures are preliminary]",
    "[the ministry's spokesman - Ed.]",
    "[Clarification: the report was commissioned in 2020]",
    "[Graphic: Where the storm made landfall]",
    "[UPDATE 2: adds comment from the union]",
    "[Disclosure: the author owns shares in the company]",
)
# Notes that follow a sentence: citations of where a quote comes from.
CITATIONS = (
    "[Remarks at a rally in Dayton, 9/14/22.]",
    "[Interview with a local radio station, March 3, 2021.]",
    "[Speech to the chamber of commerce, 12 May 2019]",
    "[Testimony before the committee, 4/2/19.]",
)
# Notes that stand at the start of a paragraph or alone.
LEADING_NOTES = (
    "[Updated at noon]",
    "[This story has been updated with comment from the police.]",
    "[Editor's note: This article was first published on Monday.]",
    "[Video: The scene on Main Street]",
    "[UPDATE: Officials now say six people were hurt.]",
)
PLACEHOLDERS = (
    "[link]", "[Link]", "[LINK]", "[photo]", "[Photos]", "[video]", "[embed]", "[image]",
    "[Images]", "[advertisement]", "[Advertisement]", "[tweet]", "[gallery]", "[audio]",
    "[chart]", "[map]", "[Embedded content]", "[ad]", "[gif]", "[Facebook post]",
    "[Instagram reel]",
)  # fmt: skip
BOILERPLATE_LINES = (
    "Read more: Flood warnings issued for the coast",
    "Follow us on Facebook and X",
    "Advertisement",
    "© 2024 Valley Herald. All rights reserved.",
    "Share this article",
    "Click here to sign up for our morning briefing",
    "Sign up for our newsletter",
    "Related: Five things to know about the vote",
    "Follow Valley Herald on X @valleyherald",
    "Share via email",
)
# Places inside a paragraph where a note can be slipped in: after a lower-case word of three
# letters or more, before a space, a comma or a full stop (not inside an initialism).
_SLOT = re.compile(r"(?<=[a-z]{3})(?=[ ,;]|\.(?: |$))")


def _slots(paragraph: str) -> list[int]:
    """Offsets after a word where a note fits, outside brackets.

    >>> _slots("He [did] say, ok.")
    [12]
    """
    depth = [paragraph[:i].count("[") - paragraph[:i].count("]") for i in range(len(paragraph))]
    return [m.start() for m in _SLOT.finditer(paragraph) if not depth[m.start() - 1]]


def _insert_inline(pool: tuple[str, ...]) -> Callable[[Paragraphs, random.Random], Paragraphs]:
    def damage(paragraphs: Paragraphs, rng: random.Random) -> Paragraphs:
        candidates = [(i, s) for i, p in enumerate(paragraphs) for s in _slots(p)]
        if not candidates:
            return paragraphs
        index, slot = rng.choice(candidates)
        text = paragraphs[index]
        new = f"{text[:slot]} {rng.choice(pool)}{text[slot:]}"
        return (*paragraphs[:index], new, *paragraphs[index + 1 :])

    return damage


def cite_after_quote(paragraphs: Paragraphs, rng: random.Random) -> Paragraphs:
    """A citation after the paragraph that holds the last quotation."""
    quoted = [i for i, p in enumerate(paragraphs) if p.endswith(("”", '"', "."))] or [0]
    index = rng.choice(quoted)
    new = f"{paragraphs[index]} {rng.choice(CITATIONS)}"
    return (*paragraphs[:index], new, *paragraphs[index + 1 :])


def leading_note(paragraphs: Paragraphs, rng: random.Random) -> Paragraphs:
    """A note opening a paragraph, or standing as a paragraph of its own."""
    index = rng.randrange(len(paragraphs))
    note = rng.choice(LEADING_NOTES)
    if rng.random() < 0.5:
        return (*paragraphs[:index], f"{note} {paragraphs[index]}", *paragraphs[index + 1 :])
    return (*paragraphs[:index], note, *paragraphs[index:])


def placeholder_paragraph(paragraphs: Paragraphs, rng: random.Random) -> Paragraphs:
    """A placeholder alone where an embed stood, between two paragraphs."""
    index = rng.randrange(1, len(paragraphs) + 1)
    return (*paragraphs[:index], rng.choice(PLACEHOLDERS), *paragraphs[index:])


def repeated_block(paragraphs: Paragraphs, rng: random.Random) -> Paragraphs:
    """A run of two or three paragraphs, one of them of three words or more, copied again later
    (a page scraped twice); a run that holds a short paragraph (a byline, a credit) is
    preferred. (Short paragraphs alone that recur cannot be told from a reply or a credit that
    really recurs.)"""
    runs = [
        (start, end)
        for start in range(len(paragraphs))
        for end in range(start + 2, min(len(paragraphs), start + 3) + 1)
        if any(len(p.split()) >= 3 for p in paragraphs[start:end])
    ] or [(0, len(paragraphs))]
    short = [r for r in runs if any(len(p.split()) < 3 for p in paragraphs[r[0] : r[1]])]
    start, end = rng.choice(short or runs)
    at = rng.randrange(end, len(paragraphs) + 1)
    return (*paragraphs[:at], *paragraphs[start:end], *paragraphs[at:])


def odd_spaces(paragraphs: Paragraphs, rng: random.Random) -> Paragraphs:
    """Doubled spaces, no-break spaces, tabs and trailing spaces in one or two paragraphs."""
    damaged = list(paragraphs)
    for index in rng.sample(range(len(damaged)), min(2, len(damaged))):
        words = damaged[index].split(" ")
        gaps = [rng.choice([" ", " ", "  ", "\u00a0", "\t", " \u200b"]) for _ in words[1:]]
        text = words[0] + "".join(gap + word for gap, word in zip(gaps, words[1:], strict=True))
        damaged[index] = text + rng.choice(["", " ", "  "])
    return tuple(damaged)


def boilerplate(paragraphs: Paragraphs, rng: random.Random) -> Paragraphs:
    """One or two boilerplate lines, as paragraphs of their own or a line under one."""
    damaged = list(paragraphs)
    for line in rng.sample(BOILERPLATE_LINES, 2)[: rng.randint(1, 2)]:
        index = rng.randrange(len(damaged) + 1)
        if index and rng.random() < 0.3:
            damaged[index - 1] += "\n" + line
        else:
            damaged.insert(index, line)
    return tuple(damaged)


DAMAGES: dict[str, Callable[[Paragraphs, random.Random], Paragraphs]] = {
    "placeholder inline": _insert_inline(PLACEHOLDERS),
    "note inline": _insert_inline(INLINE_NOTES),
    "citation": cite_after_quote,
    "leading note": leading_note,
    "placeholder paragraph": placeholder_paragraph,
    "repeated block": repeated_block,
    "odd spaces": odd_spaces,
    "boilerplate": boilerplate,
}


def damaged_versions(paragraphs: Paragraphs, seed: int = 0) -> list[tuple[str, str]]:
    """``(what, text)``: the article under each damage alone, then under three at once.

    >>> [what for what, _ in damaged_versions(("One two three.", "Four five six."))][-1]
    'combined: note inline + citation + leading note'
    """
    rng = random.Random(seed)
    versions = [(name, "\n\n".join(damage(paragraphs, rng))) for name, damage in DAMAGES.items()]
    names = sorted(rng.sample(sorted(DAMAGES), 3), key=list(DAMAGES).index)
    combined = paragraphs
    for name in names:
        combined = DAMAGES[name](combined, rng)
    versions.append((f"combined: {' + '.join(names)}", "\n\n".join(combined)))
    return versions
