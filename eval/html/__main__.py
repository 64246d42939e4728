"""``python -m eval.html [-v]``: mean F1 and the share of pages below 0.5 for each system
(``-v``: each page's F1 too)."""

from __future__ import annotations

import sys
from typing import Any

from eval.html import pages, score, weighed_down
from newstool.clean import clean
from newstool.html import EXTRACTION_OPTIONS, ingest_html, trafilatura


def newstool_text(page: bytes, options: dict[str, Any] | None = None) -> str:
    """The body text newstool's ``ingest`` writes for a page (the title apart)."""
    return ingest_html(page, options=options).text


def cleaned_text(page: bytes) -> str:
    """The same after ``clean`` with its default rules."""
    return clean(ingest_html(page)).text


def trafilatura_text(**options: Any) -> Any:
    """trafilatura's own ``extract`` (its defaults but ``options``) on the page's bytes."""
    module = trafilatura()
    return lambda page: module.extract(page, **options) or ""


def variant(**changes: Any) -> Any:
    """newstool with some extraction options changed, to compare with its choice."""
    return lambda page: newstool_text(page, {**EXTRACTION_OPTIONS, **changes})


SYSTEMS = {
    "newstool ingest": newstool_text,
    "newstool ingest | clean": cleaned_text,
    "trafilatura default": trafilatura_text(),
    "trafilatura favor_precision": trafilatura_text(favor_precision=True),
    "trafilatura favor_recall": trafilatura_text(favor_recall=True),
    "(newstool, favor_precision)": variant(favor_precision=True),
    "(newstool, favor_recall)": variant(favor_recall=True),
    "(newstool, include_tables=False)": variant(include_tables=False),
    "(newstool, deduplicate)": variant(deduplicate=True),
    "(newstool, with fallbacks)": variant(fast=False),
}


def report(title: str, cases: list[tuple[str, bytes, str]], verbose: bool) -> None:
    """Every system's scores on ``cases``, then (``verbose``) each page's, then any errors."""
    print(f"{title}: {len(cases)} pages, word-level F1 against the hand-made truth")
    results = [score(name, extract, cases) for name, extract in SYSTEMS.items()]
    for result in results:
        print(result.line())
    if verbose:
        print(f"{'page':<36}" + "".join(f"{r.system[:10]:>11}" for r in results))
        for name, _, _ in cases:
            print(f"{name:<36}" + "".join(f"{r.f1[name]:>11.3f}" for r in results))
    for result in results:
        for name, error in result.errors.items():
            print(f"{result.system}: {name}: {error}")


def main(argv: list[str]) -> int:
    cases = pages()
    report("html extraction, the pages as written", cases, "-v" in argv)
    heavy = [(name, weighed_down(page), truth) for name, page, truth in cases]
    report("\nthe same pages weighed down as live pages are", heavy, "-v" in argv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
