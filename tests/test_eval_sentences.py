"""The sentence evaluation (eval/sentences.py) scores what it should, on small cases."""

import random

import pytest

from eval.sentences import (
    Article,
    damage,
    damaged_articles,
    evaluate,
    found_boundaries,
    newstool_clean_splitter,
    newstool_splitter,
    quotation_insides,
)

ARTICLE = Article(
    (
        ("The vote was close.", '"We won.', 'It was hard," she said.', "Rivals conceded."),
        ("By noon the count was over.", "Nobody objected."),
    )
)


def true_sentences(article: Article, text: str) -> list[str]:
    """The article's own sentences: a splitter that is always right."""
    return [sentence for paragraph in article.paragraphs for sentence in paragraph]


def test_a_splitter_that_is_always_right_scores_one():
    damaged = damage(ARTICLE, random.Random(3))
    total, errors = evaluate(lambda text: true_sentences(ARTICLE, text), [damaged])
    assert (total.precision, total.recall, total.f1, errors) == (1.0, 1.0, 1.0, [])


def test_a_boundary_inside_a_quotation_counts_neither_way():
    damaged = damage(ARTICLE, random.Random(3))
    merged = ["The vote was close.", '"We won. It was hard," she said.', "Rivals conceded."]
    second = ["By noon the count was over.", "Nobody objected."]
    total, _ = evaluate(lambda text: merged + second, [damaged])
    assert total.missed == total.invented == 0
    assert total.found == len(damaged.boundaries) == 3


def test_a_splitter_that_never_splits_misses_every_boundary_and_invents_none():
    damaged = damage(ARTICLE, random.Random(3))
    total, errors = evaluate(lambda text: [text], [damaged])
    assert (total.found, total.invented, total.missed) == (0, 0, 3)
    assert total.recall == 0.0 and len(errors) == 3


def test_a_cut_on_the_wrong_side_of_a_closing_quote_is_missed():
    article = Article((('He called it "a disgrace."', "Then he left."),))
    damaged = damage(article, random.Random(0), rate=1.0)
    assert damaged.text == 'He called it "a disgrace."Then he left.'
    wrong = ['He called it "a disgrace.', '"Then he left.']
    total, errors = evaluate(lambda text: wrong, [damaged])
    assert (total.found, total.missed) == (0, 1)
    assert errors == ['^ He called it "a disgrace."^Then he left.']


def test_boundaries_are_keyed_by_non_space_characters_so_re_spacing_does_not_matter():
    assert found_boundaries("A.B. C.", ["A.", "B.", "C."]) == found_boundaries(
        "A. B. C.", ["A.", "B.", "C."]
    )


def test_unbalanced_quotes_in_the_data_are_refused():
    with pytest.raises(ValueError, match="unclosed"):
        quotation_insides('He said "no.')


def test_the_data_file_is_at_least_40_articles_and_damaging_it_is_deterministic():
    first, second = damaged_articles(), damaged_articles()
    assert len(first) >= 40 and first == second
    glued = sum(text.count(".T") for text in (a.text for a in first))
    assert glued > 0


@pytest.mark.parametrize("make", [newstool_splitter, newstool_clean_splitter])
def test_newstool_runs_on_the_evaluation(make):
    articles = damaged_articles()[:3]
    total, errors = evaluate(make(), articles)
    assert total.found + total.missed == sum(len(a.boundaries) for a in articles)
    assert len(errors) == total.invented + total.missed
