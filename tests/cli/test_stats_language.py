"""``newstool stats`` on an article that is not English: English-only figures null, a warning
on stderr, and a summary that still adds up."""

from __future__ import annotations

import json

from tests.conftest import SEED
from tests.test_stats_language import NOT_ENGLISH


def test_russian_cp1251_article_gets_no_english_scores(newstool, tmp_path):
    article = tmp_path / "novosti.txt"
    article.write_bytes(("Переговоры в столице\n\n" + NOT_ENGLISH["ru"] + "\n").encode("cp1251"))
    result = newstool(["stats", str(article)])
    assert result.exit_code == 0, result.stderr
    [doc] = result.docs
    assert "Министр иностранных дел" in doc["text"]
    stats = doc["stats"]
    assert (stats["language"], stats["flesch_reading_ease"], stats["syllables"]) == (
        "not-en",
        None,
        None,
    )
    assert stats["words"] > 0 and stats["sentences"] == 3
    assert "novosti.txt: stats: the text does not look like English" in result.stderr
    assert doc["warnings"][-1].startswith("stats: the text does not look like English")


def test_summary_of_a_mixed_corpus(run, tmp_path):
    article = tmp_path / "nachrichten.txt"
    article.write_text(NOT_ENGLISH["de"], encoding="utf-8")
    result = run(["stats", "--summary", str(SEED), str(article)])
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert summary["languages"] == {"en": 1, "not-en": 1}
    assert summary["english_only_skipped"] == 1
    seed_syllables = run(["stats", str(SEED)]).docs[0]["stats"]["syllables"]
    assert summary["totals"]["syllables"] == seed_syllables
