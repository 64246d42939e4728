"""The quotes evaluation (eval/quotes): its articles read, and its scorer counts right.

The scores themselves are not asserted here: ``make eval-quotes`` prints them.
"""

from __future__ import annotations

import pytest

from eval.quotes import Quoted, articles, parse, same_speaker, score

ARTICLE = parse(
    "a",
    '[["We won,"]]{Ana Ruiz} she said. It was a "huge" day. [["Now we govern."]]{Ana Ruiz}\n\n'
    '[["Yes,"]]{} a voter said.',
)


def test_the_set_is_large_and_every_annotation_is_a_quotation_of_its_text():
    annotated = articles()
    assert len(annotated) >= 40
    for article in annotated:
        assert "[[" not in article.text and "]]{" not in article.text, article.name
        for quote in article.quotes:
            assert article.text[quote.start + 1 : quote.end - 1] == quote.content


def test_an_extractor_that_is_always_right_scores_one():
    report = score(lambda text: list(ARTICLE.quotes), [ARTICLE]).report()
    assert report["span_f1_overlap"] == report["span_f1_exact"] == 1.0
    assert report["speaker_accuracy"] == 1.0


def test_a_missed_quotation_a_wrong_span_a_wrong_speaker_and_an_invented_one_count():
    first, second, third = ARTICLE.quotes
    wrong_span = Quoted(second.start, second.end - 1, second.content[:-1], "Ana Ruiz")
    at = ARTICLE.text.index('"huge"')
    invented = Quoted(at, at + 6, "huge", None)
    found = [Quoted(first.start, first.end, first.content, "Bo Li"), invented, wrong_span]
    result = score(lambda text: found, [ARTICLE])
    assert (result.true, result.found, result.overlap, result.exact) == (3, 3, 2, 1)
    assert result.speaker_right == 1
    assert len(result.mistakes) == 4  # a speaker, a span, a miss, an invention


@pytest.mark.parametrize(
    ("found", "true", "same"),
    [
        ("the Pentagon", "Pentagon", True),
        ("ana ruiz", "Ana Ruiz", True),
        ("Ruiz", "Ana Ruiz", False),
        (None, None, True),
        ("he", None, False),
    ],
)
def test_speakers_compare_without_case_or_a_leading_article(found, true, same):
    assert same_speaker(found, true) is same
