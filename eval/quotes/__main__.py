"""``python -m eval.quotes [-v]``: print the quotation scores (``-v`` lists the mistakes)."""

from __future__ import annotations

import argparse
import json

from eval.quotes import articles, newstool_extractor, score


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score newstool quotes on eval/quotes/articles.")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every mistake")
    options = parser.parse_args(argv)
    annotated = articles()
    result = score(newstool_extractor(), annotated)
    print(f"articles: {len(annotated)}")
    print(json.dumps(result.report(), indent=2))
    if options.verbose:
        print("\n".join(result.mistakes or []))


if __name__ == "__main__":
    main()
