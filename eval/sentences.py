"""Sentence boundaries on glued news: precision, recall and F1 (``make eval-sentences``).

The articles in ``eval/data/glued_news.txt`` (written for this evaluation, one sentence a
line) are damaged the way scrapers damage text: about half the spaces after sentence ends are
removed, chosen by a fixed seed. Each splitter then reads the damaged articles, and each
boundary it finds inside a paragraph is compared with the true ones. A boundary inside a
quotation (``"We lost.|We will fight," she said``) counts neither way, found or not. Boundaries
are compared by how many non-space characters precede them, so a splitter that re-spaces the
text (``clean`` then ``split-sentences``) is scored on the same terms.

Peers (pySBD, syntok, sentencex) are scored too when installed (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "glued_news.txt"
SEED = 20240611
GLUE_RATE = 0.5

Splitter = Callable[[str], list[str]]

_STRAIGHT_OR_CURLY_DOUBLE = re.compile(r"[\"“”]")
_CURLY_SINGLE = re.compile(r"‘|(?<![^\W_])’|’(?![^\W_])")  # ’ inside a word is an apostrophe


@dataclass(frozen=True)
class Article:
    """An article as its paragraphs, each a list of sentences."""

    paragraphs: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Damaged:
    """A damaged article: its text, the true boundaries and the places that count neither way,
    both as numbers of non-space characters before the place."""

    text: str
    boundaries: frozenset[int]
    ignored: frozenset[int]


@dataclass(frozen=True)
class Score:
    """Boundary counts and the scores they give."""

    found: int
    invented: int
    missed: int

    @property
    def precision(self) -> float:
        return self.found / (self.found + self.invented) if self.found + self.invented else 1.0

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.missed) if self.found + self.missed else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.found + other.found, self.invented + other.invented, self.missed + other.missed
        )


def parse_articles(source: str) -> list[Article]:
    """Articles from the data file's format: ``---`` between articles, blank lines between
    paragraphs, one sentence a line, ``#`` comment lines.

    >>> [a.paragraphs for a in parse_articles("# c\\n---\\nA b.\\nC d.\\n\\nE.\\n---\\nF.\\n")]
    [(('A b.', 'C d.'), ('E.',)), (('F.',),)]
    """
    lines = [line.rstrip() for line in source.splitlines() if not line.startswith("#")]
    articles = []
    for chunk in re.split(r"^---$", "\n".join(lines), flags=re.MULTILINE):
        paragraphs = tuple(
            tuple(p.strip().splitlines()) for p in re.split(r"\n\s*\n", chunk) if p.strip()
        )
        if paragraphs:
            articles.append(Article(paragraphs))
    return articles


def quotation_insides(paragraph: str) -> set[int]:
    """Offsets in ``paragraph`` that lie inside a quotation: after its opening mark, up to and
    including its closing mark. Straight double quotes pair up in turn; curly ones say their
    direction. Raises ValueError for a paragraph whose quotes do not balance.

    >>> sorted(quotation_insides('He said "no." Then'))
    [9, 10, 11, 12]
    """
    inside: set[int] = set()
    for pattern in (_STRAIGHT_OR_CURLY_DOUBLE, _CURLY_SINGLE):
        opened = None
        for m in pattern.finditer(paragraph):
            mark = m.group()
            opens = mark in "“‘" or (mark == '"' and opened is None)
            if opens and opened is None:
                opened = m.start()
            elif not opens and opened is not None:
                inside.update(range(opened + 1, m.start() + 1))
                opened = None
            else:
                raise ValueError(f"unbalanced quotes at {m.start()}: {paragraph!r}")
        if opened is not None:
            raise ValueError(f"unclosed quote at {opened}: {paragraph!r}")
    return inside


def damage(article: Article, rng: random.Random, rate: float = GLUE_RATE) -> Damaged:
    """The article's text with the space after a sentence end removed at about ``rate`` of the
    boundaries inside paragraphs, the true boundaries, and those inside quotations.

    >>> d = damage(Article(((' A "b.', 'C." D.', "E."),)), random.Random(1), rate=1.0)
    >>> d.text, sorted(d.boundaries), sorted(d.ignored)
    ('A "b.C." D.E.', [9], [2, 3, 4, 5, 6])
    """
    paragraphs, boundaries, ignored = [], set(), set()
    base = 0  # non-space characters before the paragraph
    for sentences in article.paragraphs:
        text, ends = "", []
        for number, sentence in enumerate(sentences):
            if number:
                ends.append(len(text))
                text += "" if rng.random() < rate else " "
            text += sentence.strip()
        inside = quotation_insides(text)
        for end in ends:
            key = base + non_space_count(text, end)
            (ignored if end in inside else boundaries).add(key)
        ignored.update(base + non_space_count(text, i) for i in inside)
        base += non_space_count(text, len(text))
        paragraphs.append(text)
    return Damaged("\n\n".join(paragraphs), frozenset(boundaries), frozenset(ignored))


def non_space_count(text: str, end: int) -> int:
    """How many non-space characters ``text[:end]`` holds.

    >>> non_space_count("a b\\nc", 4)
    2
    """
    return end - sum(1 for ch in text[:end] if ch.isspace())


def found_boundaries(text: str, sentences: Iterable[str]) -> set[int]:
    """The boundaries ``sentences`` of ``text`` put inside its paragraphs, keyed as in
    :class:`Damaged` (the end of a paragraph is no boundary).

    >>> sorted(found_boundaries("A. B.\\n\\nC.", ["A.", "B.", "C."]))
    [2]
    """
    squeezed = "".join(text.split())
    paragraph_ends = set()
    count = 0
    for paragraph in re.split(r"\n\s*\n", text):
        count += len("".join(paragraph.split()))
        paragraph_ends.add(count)
    found, position = set(), 0
    for sentence in sentences:
        piece = "".join(sentence.split())
        if not piece:
            continue
        at = squeezed.find(piece, position)
        if at == -1:  # a splitter that changed the characters: skip the sentence
            continue
        position = at + len(piece)
        found.add(position)
    return found - paragraph_ends - {0}


def score(damaged: Damaged, found: set[int]) -> Score:
    """Found, invented and missed boundaries, leaving out those inside quotations.

    >>> score(Damaged("", frozenset({3, 7}), frozenset({5})), {3, 5, 9})
    Score(found=1, invented=1, missed=1)
    """
    found = found - damaged.ignored
    return Score(
        len(found & damaged.boundaries),
        len(found - damaged.boundaries),
        len(damaged.boundaries - found),
    )


def damaged_articles(path: Path = DATA, seed: int = SEED) -> list[Damaged]:
    """Every article of the data file, damaged with one random generator seeded by ``seed``."""
    rng = random.Random(seed)
    return [damage(article, rng) for article in parse_articles(path.read_text(encoding="utf-8"))]


def evaluate(splitter: Splitter, articles: list[Damaged]) -> tuple[Score, list[str]]:
    """The total score of ``splitter`` over ``articles``, and a line for each error (the text
    around it, ``|`` where a boundary was invented, ``^`` where one was missed)."""
    total, errors = Score(0, 0, 0), []
    for damaged in articles:
        found = found_boundaries(damaged.text, splitter(damaged.text))
        total += score(damaged, found)
        marks = {key: "|" for key in found - damaged.ignored - damaged.boundaries}
        marks.update({key: "^" for key in damaged.boundaries - found})
        errors += [_context(damaged.text, key, mark) for key, mark in sorted(marks.items())]
    return total, errors


def _context(text: str, key: int, mark: str) -> str:
    """The text around the place with ``key`` non-space characters before it."""
    index = re.match(rf"(?:\s*\S){{{key}}}", text).end()
    return f"{mark} {text[max(0, index - 40) : index]}{mark}{text[index : index + 30]}"


def newstool_splitter() -> Splitter:
    from newstool.sentences import split_sentences

    return lambda text: [s.text for s in split_sentences(text)]


def newstool_clean_splitter() -> Splitter:
    """``clean`` then ``split-sentences``, as the pipeline runs them."""
    from newstool.clean import clean
    from newstool.model import Document
    from newstool.sentences import iter_sentence_texts

    def split(text: str) -> list[str]:
        return list(iter_sentence_texts(clean(Document.from_dict({"text": text}))))

    return split


def peer_splitters() -> dict[str, Splitter]:
    """The peers that are installed."""
    peers: dict[str, Splitter] = {}
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        peers["pySBD"] = segmenter.segment
    except ImportError:
        pass
    try:
        from syntok import segmenter as syntok_segmenter

        def syntok_split(text: str) -> list[str]:
            return [
                "".join(t.spacing + t.value for t in sentence)
                for paragraph in syntok_segmenter.process(text)
                for sentence in paragraph
            ]

        peers["syntok"] = syntok_split
    except ImportError:
        pass
    try:
        from sentencex import segment

        peers["sentencex"] = lambda text: list(segment("en", text))
    except ImportError:
        pass
    return peers


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list newstool's errors")
    args = parser.parse_args(argv)
    articles = damaged_articles()
    boundaries = sum(len(a.boundaries) for a in articles)
    print(f"{len(articles)} articles, {boundaries} boundaries scored (seed {SEED})")
    print(f"{'splitter':<28}{'P':>8}{'R':>8}{'F1':>8}{'found':>7}{'invented':>9}{'missed':>7}")
    splitters = {
        "newstool split-sentences": newstool_splitter(),
        "newstool clean | split": newstool_clean_splitter(),
        **peer_splitters(),
    }
    for name, splitter in splitters.items():
        total, errors = evaluate(splitter, articles)
        print(
            f"{name:<28}{total.precision:8.4f}{total.recall:8.4f}{total.f1:8.4f}"
            f"{total.found:7}{total.invented:9}{total.missed:7}"
        )
        if args.verbose and name.startswith("newstool"):
            print("\n".join(f"    {line}" for line in errors))


if __name__ == "__main__":
    main()
