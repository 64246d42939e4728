"""The public Python API: every stage usable without the command line."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap

import pytest

import newstool
from newstool.sentences import split_document
from tests.conftest import SEED


def test_whole_pipeline_from_python(validate):
    doc = newstool.ingest_path(SEED)
    doc = newstool.clean(doc)
    doc = newstool.compute_stats(doc)
    assert doc.notes[0].text == "outlawed in Russia - TASS"
    assert doc.stats["sentences"] == len(split_document(doc).sentences) == 14
    validate(doc.to_dict())
    front = newstool.render_markdown(doc).split("---\n")[1]
    assert "title: Strong warning to West" in front


def test_clean_stays_callable_after_its_subpackage_is_imported():
    importlib.import_module("newstool.clean.edits")
    doc = newstool.Document.from_dict({"text": "It ended.Then  more."})
    assert newstool.clean(doc).text == "It ended. Then more."


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        newstool.no_such_thing  # noqa: B018


def test_importing_the_stages_compiles_no_pattern():
    """A stage process compiles only the patterns its documents need (see newstool.lazyre)."""
    script = textwrap.dedent(
        """
        import sys
        import newstool.cli, newstool.clean, newstool.html, newstool.ingest, newstool.quotes
        import newstool.readers, newstool.sentences, newstool.sinks, newstool.stats
        from newstool.lazyre import LazyPattern
        modules = [m for name, m in sys.modules.items() if name.startswith("newstool")]
        print([f"{m.__name__}.{name}" for m in modules for name, value in vars(m).items()
               if isinstance(value, LazyPattern) and "_compiled" in vars(value)])
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
