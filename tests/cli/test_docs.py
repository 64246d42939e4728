"""The README and --help stay true to the commands."""

from __future__ import annotations

import re

import click
import pytest

from newstool.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_a_readme_section_and_help_examples(run, name):
    assert f"## `newstool {name}`" in README
    help_text = run([name, "--help"]).stdout
    assert "Examples:" in help_text and f"newstool {name}" in help_text


OPTIONS = [
    (name, param.opts)
    for name, command in sorted(cli.commands.items())
    for param in command.params
    if isinstance(param, click.Option)
]


@pytest.mark.parametrize(("name", "spellings"), OPTIONS, ids=[f"{n} {o[-1]}" for n, o in OPTIONS])
def test_every_option_is_in_the_readme(name, spellings):
    mentioned = [o for o in spellings if re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", README)]
    assert mentioned, f"newstool {name} {spellings[-1]} is not described in README.md"


def test_readme_shows_the_two_commands():
    assert "make demo" in README and "make test" in README
