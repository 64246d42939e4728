"""``newstool split-sentences`` end to end."""

from __future__ import annotations

from tests.conftest import SEED


def test_sentences_slice_back_and_skip_headings(run, validate):
    result = run(["split-sentences", str(SEED)])
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    validate(doc)
    heading = doc["blocks"][0]
    assert heading["type"] == "heading"
    for sentence in doc["sentences"]:
        assert doc["text"][sentence["start"] : sentence["end"]] == sentence["text"]
        assert sentence["start"] >= heading["end"]
    assert doc["sentences"][1]["text"].startswith('"It is unacceptable')


def test_extra_abbreviations_from_a_file(run, tmp_path):
    text = '{"text": "The Sgtx. Major spoke. He left."}\n'
    assert len(run(["split-sentences", "-"], input=text).docs[0]["sentences"]) == 3
    words = tmp_path / "abbrevs.txt"
    words.write_text("# our desk's abbreviations\nSgtx.\n")
    result = run(["split-sentences", "--abbreviations", str(words), "-"], input=text)
    assert [s["text"] for s in result.docs[0]["sentences"]] == [
        "The Sgtx. Major spoke.",
        "He left.",
    ]


def test_other_languages_are_a_usage_error(run):
    result = run(["split-sentences", "--lang", "fr", str(SEED)])
    assert result.exit_code == 2 and "only English" in result.stderr
    assert result.stdout == ""


def test_markdown_puts_one_sentence_per_line(run):
    result = run(["split-sentences", "-f", "markdown", "-"], input="Title\n\nOne here. Two here.\n")
    assert "One here.\nTwo here." in result.stdout
