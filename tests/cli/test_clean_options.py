"""``newstool clean``: options that contradict each other, and mistakes in its config section,
through the installed command (cli.py passes --rule, --skip and --quotes to check_choices).
"""

from __future__ import annotations

import json

import pytest

ARTICLE = "Talks\n\nHe said “no” — twice.\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (
            ["--rule", "straighten_quotes", "--rule", "curl_quotes"],
            "--rule straighten_quotes and --rule curl_quotes contradict: choose one quote style",
        ),
        (
            ["--quotes", "keep", "--rule", "straighten_quotes"],
            "--quotes keep and --rule straighten_quotes contradict",
        ),
        (
            ["--quotes", "straight", "--rule", "curl_quotes"],
            "--quotes straight and --rule curl_quotes contradict",
        ),
        (
            ["--quotes", "typographic", "--skip", "curl_quotes"],
            "--quotes typographic and --skip curl_quotes contradict",
        ),
        (
            ["--rule", "fix_mojibake", "--skip", "fix_mojibake"],
            "--rule fix_mojibake and --skip fix_mojibake contradict: give one of them",
        ),
    ],
)
def test_contradicting_options_are_a_usage_error_naming_both(newstool, article, options, named):
    done = newstool(["clean", *options, article])
    assert done.exit_code == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [done.stderr.strip()]  # one line
    assert done.stderr.startswith("newstool clean: error: ") and named in done.stderr


def test_options_that_agree_run(newstool, article):
    done = newstool(["clean", "--quotes", "straight", "--rule", "straighten_quotes", article])
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["text"] == 'He said "no" -- twice.'


def _config(tmp_path, text: str) -> str:
    path = tmp_path / "newstool.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_bad_boilerplate_pattern_is_numbered_in_the_users_list(newstool, tmp_path, article):
    config = _config(tmp_path, "clean:\n  boilerplate: ['Listen to this', '(unclosed']\n")
    done = newstool(["--config", config, "clean", article])
    assert done.exit_code == 2 and done.stdout == ""
    assert "newstool.yaml" in done.stderr
    assert "clean.boilerplate item 2 '(unclosed' is not a valid regular expression" in done.stderr
    assert "boilerplate pattern" not in done.stderr


def test_an_unknown_clean_key_lists_the_valid_ones(newstool, tmp_path, article):
    """Option names (rule, skip, ...) and the stage's own settings (boilerplate, ...) alike."""
    done = newstool(["--config", _config(tmp_path, "clean:\n  colour: red\n"), "clean", article])
    assert done.exit_code == 2 and done.stdout == ""
    assert "'colour'" in done.stderr
    valid = done.stderr.split("valid keys: ", 1)[1].strip().replace("-", "_").split(", ")
    assert {"boilerplate", "default_boilerplate", "rule", "skip", "keep_notes"} <= set(valid)
