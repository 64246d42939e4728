"""Direct quotations and their speakers on news written for it (``make eval-quotes``).

Each file of ``eval/quotes/articles/`` is an article whose paragraphs are separated by blank
lines, annotated inline: ``[[“We won,”]]{Ana Ruiz}`` marks a quotation, its marks included, and
its speaker (``{}`` when no one can be named). A named speaker is written by their name,
without titles (``Sergey Lavrov``); an unnamed one by the noun phrase the article names them
with, without the clauses after it (``A Senate aide familiar with the negotiations``).
Taking the annotations out gives the article's
text. Quote marks that are not annotated (scare quotes, titles) are not quotations.

Scores, over every article:

- span F1, *overlap*: a found quotation matches a true one it overlaps (each used once);
- span F1, *exact*: the found ``text`` (the content without the marks) is the true content;
- speaker accuracy: the share of overlap-matched true quotations whose found speaker is the
  true one, compared without case, surrounding space or a leading article (``the``, ``a``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "articles"
_ANNOTATION = re.compile(r"\[\[(.*?)\]\]\{([^}]*)\}", re.DOTALL)
_ARTICLE_WORD = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Quoted:
    """A quotation: ``text[start:end]`` with its marks, its content, and its speaker."""

    start: int
    end: int
    content: str
    speaker: str | None


@dataclass(frozen=True)
class Annotated:
    """An article's text and its true quotations."""

    name: str
    text: str
    quotes: tuple[Quoted, ...]


def parse(name: str, marked: str) -> Annotated:
    """The text and quotations of an annotated article.

    >>> article = parse("x", 'Then [["We won,"]]{Ana Ruiz} she said.')
    >>> article.text, article.quotes[0]
    ('Then "We won," she said.', Quoted(start=5, end=14, content='We won,', speaker='Ana Ruiz'))
    """
    pieces, quotes, pos, length = [], [], 0, 0
    for m in _ANNOTATION.finditer(marked):
        pieces.append(marked[pos : m.start()])
        length += m.start() - pos
        quoted = m.group(1)
        quotes.append(Quoted(length, length + len(quoted), quoted[1:-1], m.group(2) or None))
        pieces.append(quoted)
        length += len(quoted)
        pos = m.end()
    pieces.append(marked[pos:])
    text = "".join(pieces)
    if "[[" in text or "]]" in text:
        raise ValueError(f"{name}: an annotation is not closed as [[...]]{{speaker}}")
    return Annotated(name, text.strip("\n"), tuple(quotes))


def articles(directory: Path = ARTICLES) -> list[Annotated]:
    """Every annotated article of ``directory``, in name order."""
    return [parse(path.name, path.read_text("utf-8")) for path in sorted(directory.glob("*.txt"))]


def same_speaker(found: str | None, true: str | None) -> bool:
    """Whether two speakers are the same person, up to case and a leading article.

    >>> same_speaker("the Pentagon", "Pentagon"), same_speaker(None, None), same_speaker("He", None)
    (True, True, False)
    """
    if found is None or true is None:
        return found is true
    return (
        _ARTICLE_WORD.sub("", found.strip()).lower() == _ARTICLE_WORD.sub("", true.strip()).lower()
    )


@dataclass
class Score:
    """Counts behind the scores, and the mistakes (article, what was wrong)."""

    true: int = 0
    found: int = 0
    overlap: int = 0
    exact: int = 0
    speaker_right: int = 0
    mistakes: list[str] | None = None

    @staticmethod
    def f1(matched: int, found: int, true: int) -> float:
        """F1 of ``matched`` among ``found`` and ``true``.

        >>> Score.f1(9, 10, 9)
        0.947
        """
        return round(2 * matched / (found + true), 3) if found + true else 1.0

    def report(self) -> dict[str, float | int]:
        """The scores beside their counts."""
        return {
            "quotations": self.true,
            "found": self.found,
            "span_f1_overlap": self.f1(self.overlap, self.found, self.true),
            "span_f1_exact": self.f1(self.exact, self.found, self.true),
            "matched": self.overlap,
            "speaker_right": self.speaker_right,
            "speaker_accuracy": round(self.speaker_right / self.overlap, 3)
            if self.overlap
            else 0.0,
        }


Extractor = Callable[[str], list[Quoted]]


def score(extract: Extractor, annotated: Iterable[Annotated]) -> Score:
    """Match what ``extract`` finds in each article with its true quotations."""
    total = Score(mistakes=[])
    for article in annotated:
        found = extract(article.text)
        total.true += len(article.quotes)
        total.found += len(found)
        unused = list(found)
        for true in article.quotes:
            match = next((f for f in unused if f.start < true.end and true.start < f.end), None)
            if match is None:
                total.mistakes.append(f"{article.name}: missed {true.content[:60]!r}")
                continue
            unused.remove(match)
            total.overlap += 1
            total.exact += match.content == true.content
            if match.content != true.content:
                total.mistakes.append(
                    f"{article.name}: span {match.content[:60]!r} for {true.content[:60]!r}"
                )
            if same_speaker(match.speaker, true.speaker):
                total.speaker_right += 1
            else:
                total.mistakes.append(
                    f"{article.name}: speaker {match.speaker!r} for {true.speaker!r} "
                    f"({true.content[:40]!r})"
                )
        total.mistakes += [f"{article.name}: not a quotation {f.content[:60]!r}" for f in unused]
    return total


def newstool_extractor(kind: str = "direct") -> Extractor:
    """The quotations ``newstool quotes`` finds (of ``kind``), as :class:`Quoted`."""
    from newstool.model import Document
    from newstool.quotes import extract_quotes

    def extract(text: str) -> list[Quoted]:
        doc = extract_quotes(Document.from_dict({"text": text}))
        return [
            Quoted(q.start, q.end, q.text, q.speaker) for q in doc.quotes or () if q.kind == kind
        ]

    return extract
