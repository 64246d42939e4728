"""The extraction evaluation (``make eval-html``) keeps working: its pages, truths and scorer.

The scores themselves are not asserted here; the tests check that the set is whole and that
the scorer counts right.
"""

from eval.html import FAILED_BELOW, PAGES, TRUTH, f1, pages, score


def test_every_page_has_its_truth_and_the_set_is_large():
    names = sorted(path.stem for path in PAGES.glob("*.html"))
    assert len(names) >= 25
    assert names == sorted(path.stem for path in TRUTH.glob("*.txt"))
    assert all(truth.strip() for _, _, truth in pages())


def test_f1_counts_words_with_repeats_ignoring_case_and_punctuation():
    assert f1("Wind, wind and rain.", "wind and RAIN") == round(2 * 1.0 * 0.75 / 1.75, 4)
    assert f1("a b", "c d") == 0.0


def test_an_extractor_that_fails_scores_zero_and_is_reported():
    def broken(page: bytes) -> str:
        raise ValueError("no article")

    result = score("broken", broken, [("p", b"<html>", "some words")])
    assert result.f1 == {"p": 0.0} and result.errors == {"p": "ValueError: no article"}
    assert result.below == 1 and FAILED_BELOW == 0.5
    assert "below 0.5: 1/1 (100.0%), 1 errors" in result.line()
