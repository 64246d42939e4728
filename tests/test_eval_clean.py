"""The clean evaluation (``make eval-clean``) keeps working: its articles, damage and scorer.

The scores themselves are not asserted here; the tests check that the scorer counts right.
"""

from eval.articles import ARTICLES
from eval.clean import evaluation_pairs, score
from eval.damage import DAMAGES, damaged_versions


def test_the_set_is_large_and_every_damage_changes_the_text():
    assert len(ARTICLES) >= 40
    for seed, paragraphs in enumerate(ARTICLES[:5]):
        versions = damaged_versions(paragraphs, seed)
        assert [what for what, _ in versions][: len(DAMAGES)] == list(DAMAGES)
        assert all(text != "\n\n".join(paragraphs) for _, text in versions)


def test_damage_is_the_same_on_every_run():
    assert evaluation_pairs()[:20] == evaluation_pairs()[:20]


def test_the_scorer_counts_untouched_restored_and_lost_words():
    article = "The vote is on Monday.\n\nIt is close."
    result = score(
        [
            (article, article + "\n\nFollow us on X"),  # restored
            (article, article.replace("close.", "close [Photo: AP News].")),  # restored
            ("She said [it] was late.", "She said [it] was late."),  # untouched
        ]
    )
    assert (result.articles, result.damaged) == (2, 3)
    assert result.untouched == 2 and result.removed_clean == 0
    assert result.restored == 3 and result.removed_damaged == 0
    assert result.lines()[0].startswith("clean: untouched 2/2 (100.0%)")


def test_a_version_not_restored_is_reported():
    # a paragraph of two words recurs, not right after itself: it stays, so the damaged version
    # is not restored
    result = score([("Alex Bieri.\n\nRain fell.", "Alex Bieri.\n\nRain fell.\n\nAlex Bieri.")])
    assert result.restored == 0 and result.failures[0].startswith("not restored:")
