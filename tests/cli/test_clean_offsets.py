"""``newstool clean``: warnings and ``--diff`` give an edit's place as its ``start``; ``--diff``
describes only what this run changed."""

from __future__ import annotations

from tests.conftest import SEED


def test_warning_diff_and_edit_agree_on_the_orphan_commas_offset(newstool):
    result = newstool(["clean", "--diff", str(SEED)])
    (doc,) = result.docs
    (edit,) = [e for e in doc["edits"] if e["rule"] == "remove_orphan_punctuation"]
    assert edit["start"] == 709
    assert 'clean: removed orphan "," after "Lavrov said." at offset 709' in result.stderr
    assert (
        "     709  remove_orphan_punctuation        rovince of Idlib, Lavrov said.[-,-] fighting"
        in (result.stderr)
    )


def test_a_second_clean_reports_no_edits(newstool):
    once = newstool(["clean", str(SEED)])
    again = newstool(["clean", "--diff", "-"], input=once.stdout)
    assert again.docs[0]["edits"] == once.docs[0]["edits"]
    assert '"Strong warning to West": 0 edits, 0 notes, 0 warnings' in again.stderr
