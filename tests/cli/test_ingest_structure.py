"""``newstool ingest`` as a user runs it (the installed command): how raw text becomes a title
and blocks, and the repairs made while decoding (terminal escapes, mixed UTF-8)."""

from __future__ import annotations

import pytest


def blocks_of(doc: dict) -> list[tuple[str, str]]:
    return [(b["type"], doc["text"][b["start"] : b["end"]]) for b in doc["blocks"]]


@pytest.mark.parametrize(
    ("raw", "text", "warned"),
    [
        (b"\x1b[31mred\x1b[0m text.\n", "red text.", False),
        (b"\x1b]0;title\x07\x1b[1mBold\x1b[22m move.\n", "Bold move.", False),
        (
            "naïve café résumé\n".encode() * 3 + b"caf\xe9\n",
            "naïve café résumé " * 3 + "café",
            True,
        ),
        (b"na\xefve r\xc3\xa9sum\xc3\xa9 caf\xc3\xa9.\n", "naïve résumé café.", True),
    ],
    ids=["ansi colours", "ansi title and bold", "mostly utf-8", "stray byte first"],
)
def test_decoding_repairs(newstool, validate, raw, text, warned):
    result = newstool(["ingest"], input=raw)
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    validate(doc)
    assert doc["text"] == text
    assert bool(doc["warnings"]) == warned
    assert ("warning" in result.stderr) == warned


@pytest.mark.parametrize(
    ("raw", "title", "blocks"),
    [
        (
            b"Storm hits coast\nA storm hit the coast on Monday. Roofs fell.\n",
            "Storm hits coast",
            [("paragraph", "A storm hit the coast on Monday. Roofs fell.")],
        ),
        (
            b"Storm hits coast\n\nRivers rose.\nWhat next\nThe council meets.\n",
            "Storm hits coast",
            [
                ("paragraph", "Rivers rose."),
                ("heading", "What next"),
                ("paragraph", "The council meets."),
            ],
        ),
        (
            b"Rivers rose overnight across the valley and the town of Lyon, where\n"
            b"Officials said on Monday that roads would stay closed.\n",
            None,
            [
                (
                    "paragraph",
                    "Rivers rose overnight across the valley and the town of Lyon, where "
                    "Officials said on Monday that roads would stay closed.",
                )
            ],
        ),
        (
            b"Key points\n- Roads shut\n* Schools open\n1. Call first\n2) Then write\n",
            "Key points",
            [
                ("paragraph", "- Roads shut"),
                ("paragraph", "* Schools open"),
                ("paragraph", "1. Call first"),
                ("paragraph", "2) Then write"),
            ],
        ),
    ],
    ids=["title above body", "heading between paragraphs", "wrapped paragraph", "list items"],
)
def test_titles_headings_and_list_items_without_blank_lines(newstool, validate, raw, title, blocks):
    result = newstool(["ingest"], input=raw)
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    assert (validate(doc)["title"], blocks_of(doc)) == (title, blocks)


def test_each_list_item_is_its_own_sentence(newstool):
    raw = b"Shopping\n\nWe need:\n- milk\n- eggs and bread\n- 2 onions\n"
    result = newstool(["split-sentences"], input=raw)
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    texts = [s["text"] for s in doc["sentences"]]
    assert texts == ["We need:", "- milk", "- eggs and bread", "- 2 onions"]


def test_a_title_only_document_passes_every_stage(newstool, validate):
    """A file of one short line: its title, an empty text and no blocks, accepted downstream."""
    ingested = newstool(["ingest"], input=b"Only a title\n")
    assert ingested.exit_code == 0, ingested.stderr
    (doc,) = ingested.docs
    assert (doc["title"], doc["text"], doc["blocks"]) == ("Only a title", "", [])
    stream = ingested.stdout
    for stage in (["clean"], ["split-sentences"], ["stats"]):
        result = newstool(stage, input=stream)
        assert result.exit_code == 0 and result.stderr == "", (stage, result.stderr)
        (doc,) = result.docs
        assert (validate(doc)["title"], doc["text"], doc["blocks"]) == ("Only a title", "", [])
        stream = result.stdout
    assert doc["sentences"] == [] and doc["stats"]["words"] == 0
    exported = newstool(["export", "-f", "markdown"], input=stream)
    assert exported.exit_code == 0, exported.stderr
    assert "title: Only a title" in exported.stdout and "# Only a title" in exported.stdout


def test_chinese_and_japanese_paragraphs_have_sentences_and_words(newstool):
    raw = "标题\n\n今天天气很好。我们去公园散步。\n\n東京は晴れです。明日は雨でしょう。\n"
    split = newstool(["split-sentences"], input=raw.encode())
    assert split.exit_code == 0, split.stderr
    result = newstool(["stats"], input=split.stdout)
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    assert doc["title"] == "标题"
    assert [b["type"] for b in doc["blocks"]] == ["paragraph", "paragraph"]
    assert [s["text"] for s in doc["sentences"]] == [
        "今天天气很好。",
        "我们去公园散步。",
        "東京は晴れです。",
        "明日は雨でしょう。",
    ]
    stats = doc["stats"]
    # one word per Han character or kana: 6 + 7 + 7 + 8
    assert (stats["words"], stats["sentences"], stats["paragraphs"]) == (28, 4, 2)
