"""``newstool clean`` end to end."""

from __future__ import annotations

import json

from newstool.clean import undo_edits
from newstool.model import Edit
from tests.conftest import SEED


def test_seed_is_cleaned_reversibly_with_a_note_and_a_warning(run, validate, seed_text):
    result = run(["clean", str(SEED)])
    assert result.exit_code == 0
    (doc,) = result.docs
    validate(doc)
    assert doc["notes"] == [{"kind": "editorial", "text": "outlawed in Russia - TASS"}]
    assert 'removed orphan "," after "Lavrov said."' in result.stderr
    assert 'Muallem. "It is' in doc["text"]
    original = undo_edits(doc["text"], [Edit(**e) for e in doc["edits"]])
    assert original == "\n\n".join(seed_text.split("\n\n")[1:]).strip()


def test_rule_and_skip(run):
    text = json.dumps({"text": "He said “no”.Then  left."}) + "\n"
    doc = run(["clean", "--skip", "separate_glued_sentences", "--rule", "straighten_quotes", "-"],
              input=text).docs[0]  # fmt: skip
    assert doc["text"] == 'He said "no".Then left.'


def test_unknown_rule_is_a_usage_error(run):
    result = run(["clean", "--skip", "tidy_everything", str(SEED)])
    assert result.exit_code == 2 and "unknown clean rule 'tidy_everything'" in result.stderr
    assert result.stdout == ""


def test_diff_goes_to_stderr_and_stdout_stays_json_lines(run):
    result = run(["clean", "--diff", str(SEED)])
    assert "separate_glued_sentences" in result.stderr and "{+ +}" in result.stderr
    assert len(result.docs) == 1


def test_list_rules(run):
    result = run(["clean", "--list-rules"])
    assert result.exit_code == 0
    assert "separate_glued_sentences" in result.stdout and "'Idlib.On Monday" in result.stdout


def test_keep_notes(run):
    doc = run(["clean", "--keep-notes", str(SEED)]).docs[0]
    assert "[outlawed in Russia - TASS]" in doc["text"] and doc["notes"] == []


def test_boilerplate_patterns_from_the_config_file(run, tmp_path):
    config = tmp_path / "cfg.yaml"
    config.write_text("clean:\n  boilerplate: ['^Listen to this story$']\n")
    text = "Title\n\nRain fell.\n\nListen to this story\n"
    doc = run(["--config", str(config), "clean", "-"], input=text).docs[0]
    assert doc["text"] == "Rain fell."


def test_bad_clean_config_is_a_usage_error(run, tmp_path):
    config = tmp_path / "cfg.yaml"
    config.write_text("clean:\n  quotes: fancy\n")
    result = run(["--config", str(config), "clean", str(SEED)])
    assert result.exit_code == 2 and "'fancy' is not one of 'keep'" in result.stderr
