"""Score article extraction on the saved news pages of ``eval/html/pages``: ``make eval-html``.

Each page ``pages/NAME.html`` has its body text written out by hand in ``truth/NAME.txt``: the
article as a reader sees it, without the headline, byline, captions, pull quotes, related
links, share buttons, comments or any other boilerplate. A system's output for the page is
scored by word-level F1 against it (words lowercased, counted with repeats, as in the usual
extraction benchmarks). Each page is scored twice: as written, and weighed down as live news
pages are (:func:`weighed_down`: the same page with hundreds of kilobytes of inline script,
style, icons and menu links added, which no article holds). The systems, in the same run:
newstool's ``ingest`` (its text, the title apart), the same followed by ``clean``, and
trafilatura's ``extract`` in its default, ``favor_precision`` and ``favor_recall`` modes (the
body text it returns, as it returns it).

>>> f1("the storm hit the coast", "the storm hit")
0.75
>>> f1("", "anything"), f1("", "")
(0.0, 1.0)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

PAGES = Path(__file__).parent / "pages"
TRUTH = Path(__file__).parent / "truth"
# A page scored below this is a failed extraction (the target: fewer than 5% of pages).
FAILED_BELOW = 0.5

_WORD = re.compile(r"\w+")


def words(text: str) -> Counter[str]:
    """The words of ``text``, lowercased, with their counts.

    >>> words("Wind, wind and RAIN.")
    Counter({'wind': 2, 'and': 1, 'rain': 1})
    """
    return Counter(_WORD.findall(text.lower()))


def f1(truth: str, found: str) -> float:
    """Word-level F1 of ``found`` against ``truth`` (1.0 when both are empty)."""
    expected, got = words(truth), words(found)
    if not expected and not got:
        return 1.0
    common = sum((expected & got).values())
    if not common:
        return 0.0
    precision, recall = common / sum(got.values()), common / sum(expected.values())
    return round(2 * precision * recall / (precision + recall), 4)


def weighed_down(page: bytes) -> bytes:
    """``page`` with what a live news page carries besides its article: inline scripts (a
    state blob, trackers) and styles in its head, an icon sprite and a mega-menu of 450 links
    after ``<body>``, 200 footer links before ``</body>``; the same bytes every time.

    >>> page = weighed_down(b"<html><head></head><body><p>Hi.</p></body></html>")
    >>> len(page) > 150_000, page.count(b"<p>Hi.</p>")
    (True, 1)
    """
    script = b"".join(
        b'window.__s%d={"id":"v%d","tags":[1,2,3],"blob":"%s"};\n' % (i, i, b"x" * 80)
        for i in range(600)
    )
    style = b"".join(b".c%d{margin:0 %dpx;color:#%06x}\n" % (i, i % 9, i) for i in range(1500))
    sprite = b"".join(
        b'<symbol id="i%d" viewBox="0 0 24 24"><path d="M%d 0L24 %dZ"/></symbol>'
        % (i, i % 24, i % 24)
        for i in range(200)
    )
    menu = b"".join(
        b'<li><a href="/s/%d">Section %d</a><ul><li><a href="/s/%d/a">Latest</a></li>'
        b'<li><a href="/s/%d/b">Analysis</a></li></ul></li>' % (i, i, i, i)
        for i in range(150)
    )
    footer = b"".join(b'<a href="/f/%d">Footer link %d</a> ' % (i, i) for i in range(200))
    head = b"<script>" + script + b"</script><style>" + style + b"</style>"
    top = b'<svg style="display:none">' + sprite + b'</svg><nav class="mega-menu"><ul>'
    top += menu + b"</ul></nav>"
    bottom = b'<div class="footer-links">' + footer + b"</div>"
    page = re.sub(rb"(?i)</head>", lambda m: head + m.group(), page, count=1)
    page = re.sub(rb"(?i)<body[^>]*>", lambda m: m.group() + top, page, count=1)
    return re.sub(rb"(?i)</body>", lambda m: bottom + m.group(), page, count=1)


def pages() -> list[tuple[str, bytes, str]]:
    """Every page of the set: (name, its bytes, its ground truth), in name order."""
    return [
        (page.stem, page.read_bytes(), (TRUTH / f"{page.stem}.txt").read_text("utf-8"))
        for page in sorted(PAGES.glob("*.html"))
    ]


@dataclass
class Scores:
    """One system's F1 for each page, and the pages where it failed outright (an error)."""

    system: str
    f1: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def mean(self) -> float:
        return sum(self.f1.values()) / len(self.f1) if self.f1 else 0.0

    @property
    def below(self) -> int:
        return sum(score < FAILED_BELOW for score in self.f1.values())

    def line(self) -> str:
        """The report line: mean F1, and how many pages scored below 0.5."""
        share = self.below / len(self.f1) if self.f1 else 0.0
        errors = f", {len(self.errors)} errors" if self.errors else ""
        return (
            f"{self.system:<34} mean F1 {self.mean:.4f}   below {FAILED_BELOW}: "
            f"{self.below}/{len(self.f1)} ({share:.1%}){errors}"
        )


def score(
    system: str, extract: Callable[[bytes], str], cases: Iterable[tuple[str, bytes, str]]
) -> Scores:
    """F1 of ``extract`` on each page; an exception counts as an error and F1 0.

    >>> score("echo", bytes.decode, [("a", b"one two", "one two")]).line()[35:]
    'mean F1 1.0000   below 0.5: 0/1 (0.0%)'
    """
    result = Scores(system)
    for name, page, truth in cases:
        try:
            found = extract(page)
        except Exception as exc:  # noqa: BLE001 (a crash is a result, and is reported)
            result.errors[name] = f"{type(exc).__name__}: {exc}"
            found = ""
        result.f1[name] = f1(truth, found)
    return result
