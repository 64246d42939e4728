"""``newstool clean`` cleans the title too, reversibly, with its own ``title_edits``."""

from __future__ import annotations

import json

import pytest

from newstool.clean import undo_edits
from newstool.model import Edit


@pytest.mark.parametrize(
    ("title", "cleaned", "notes"),
    [
        ("Lavrov: Moscow wonâ€™t  back down [said ABC - XYZ]", "Lavrov: Moscow won’t back down",
         [{"kind": "editorial", "text": "said ABC - XYZ"}]),
        ("Talks end.Both sides leave", "Talks end. Both sides leave", []),
    ],
)  # fmt: skip
def test_title_is_cleaned_reversibly_and_a_second_clean_adds_nothing(
    newstool, validate, title, cleaned, notes
):
    document = json.dumps({"title": title, "text": "Body  text."}) + "\n"
    once = newstool(["clean", "-"], input=document)
    (doc,) = once.docs
    validate(doc)
    assert doc["title"] == cleaned and doc["notes"] == notes
    assert undo_edits(doc["title"], [Edit(**e) for e in doc["title_edits"]]) == title
    assert [e["rule"] for e in doc["edits"]] == ["collapse_space_runs"]
    (again,) = newstool(["clean", "-"], input=once.stdout).docs
    assert {k: again[k] for k in ("title", "title_edits", "edits", "notes", "warnings")} == {
        k: doc[k] for k in ("title", "title_edits", "edits", "notes", "warnings")
    }
