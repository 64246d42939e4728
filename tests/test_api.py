"""The public Python API: every stage usable without the command line."""

from __future__ import annotations

import importlib

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
