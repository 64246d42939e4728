"""``newstool clean`` and ``newstool split-sentences`` agree on glued abbreviations."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("They thanked Pvt.Jones for it.", "They thanked Pvt.Jones for it."),
        ("He joined Acme Inc.The firm grew.", "He joined Acme Inc. The firm grew."),
    ],
)
def test_clean_separates_where_split_sentences_splits(newstool, text, cleaned):
    document = json.dumps({"text": text}) + "\n"
    (doc,) = newstool(["clean", "-"], input=document).docs
    (split,) = newstool(["split-sentences", "-"], input=document).docs
    assert doc["text"] == cleaned
    assert len(split["sentences"]) == (1 if cleaned == text else 2)
