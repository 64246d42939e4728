"""Score ``newstool clean`` on the evaluation articles: ``python -m eval.clean [-v]``.

- untouched: undamaged articles that clean leaves exactly as they are;
- restored: damaged versions that clean turns back into the undamaged article, exactly;
- words removed: words of the undamaged text missing after clean (on the undamaged articles,
  and on the damaged ones: scrap taken out is no loss, a word of the article is).

>>> score([("One two three.", "One two three.\\n\\nFollow us on X")]).restored
1
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from eval.articles import ARTICLES
from eval.damage import damaged_versions
from newstool.clean import clean
from newstool.model import Document

_WORD = re.compile(r"\w+")


def cleaned(text: str) -> str:
    """The body text after ``clean`` with the default rules."""
    return clean(Document.from_dict({"text": text})).text


def words_lost(original: str, result: str) -> int:
    """How many words of ``original`` (counted with repeats) ``result`` lacks.

    >>> words_lost('he "honestly [doesn’t] know"', 'he "honestly know"')
    2
    """
    return sum((Counter(_WORD.findall(original)) - Counter(_WORD.findall(result))).values())


@dataclass
class Score:
    """Counts over the articles and their damaged versions, and what went wrong."""

    articles: int = 0
    untouched: int = 0
    removed_clean: int = 0
    damaged: int = 0
    restored: int = 0
    removed_damaged: int = 0
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report: one line per figure."""
        return [
            f"clean: untouched {_share(self.untouched, self.articles)} of undamaged articles, "
            f"{self.removed_clean} words removed from them",
            f"clean: restored {_share(self.restored, self.damaged)} of damaged versions, "
            f"{self.removed_damaged} words of the article lost",
        ]


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole if whole else 0:.1f}%)"


def _outcome(text: str, original: str, failure: str, failures: list[str]) -> tuple[bool, int]:
    """Whether cleaning ``text`` gives ``original``, and how many of its words were lost (the
    failure, named ``failure``, is added to ``failures``)."""
    after = cleaned(text)
    if after != original:
        failures.append(f"{failure}:\n{text!r}\n->\n{after!r}")
    return after == original, words_lost(original, after)


def score(articles: Iterable[tuple[str, str]]) -> Score:
    """Score ``(undamaged, damaged)`` pairs; an undamaged text is scored once however many
    damaged versions it has."""
    result = Score()
    seen: set[str] = set()
    for original, damaged in articles:
        if original not in seen:
            seen.add(original)
            kept, lost = _outcome(original, original, "changed undamaged", result.failures)
            result.articles += 1
            result.untouched += kept
            result.removed_clean += lost
        restored, lost = _outcome(damaged, original, "not restored", result.failures)
        result.damaged += 1
        result.restored += restored
        result.removed_damaged += lost
    return result


def evaluation_pairs() -> list[tuple[str, str]]:
    """Every article with each of its damaged versions."""
    return [
        ("\n\n".join(paragraphs), damaged)
        for seed, paragraphs in enumerate(ARTICLES)
        for _, damaged in damaged_versions(paragraphs, seed)
    ]


def main(argv: list[str]) -> None:
    result = score(evaluation_pairs())
    print("\n".join(result.lines()))
    if "-v" in argv:
        print("\n\n".join(result.failures))


if __name__ == "__main__":
    main(sys.argv[1:])
