"""The document model: hand-written conversion to JSON objects and back."""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import asdict, fields, replace

import pytest

from newstool.export import dump_jsonl_line
from newstool.model import (
    Block,
    Document,
    DocumentError,
    Edit,
    Meta,
    Note,
    Quote,
    Sentence,
    Source,
    Step,
    record_dict,
)
from tests.conftest import SEED

FULL = Document(
    id="a1",
    text="One. Two.",
    title="A  title",
    source=Source("x.txt", 9, "0" * 64, "utf-8", 0.99, "utf8", 0, "2024-01-01T00:00:00Z"),
    blocks=(Block("paragraph", 0, 9),),
    meta=Meta(author="Ann Lee", language="en"),
    steps=(Step("clean", "1.0", {"rules": ["collapse_space_runs"]}, "0123456789abcdef"),),
    warnings=("careful",),
    edits=(Edit("separate_glued_sentences", 4, 5, "", " "),),
    title_edits=(Edit("collapse_space_runs", 2, 2, " ", ""),),
    notes=(Note("editorial", "said ABC"),),
    sentences=(Sentence(0, 4, "One."), Sentence(5, 9, "Two.")),
    quotes=(Quote(0, 4, "ne", "direct", None, None, None, "T", 5, 6, "T", 5, 6, "explicit", None),),
    stats={"words": 2},
    extra={"mine": [1]},
)


def test_to_dict_writes_every_field_of_every_part_as_asdict_would():
    out = FULL.to_dict()
    names = ("source", "meta", "blocks", "steps", "edits", "title_edits", "notes", "sentences")
    for name in (*names, "quotes"):
        value = getattr(FULL, name)
        single = name in ("source", "meta")
        expected = asdict(value) if single else [asdict(item) for item in value]
        assert out[name] == expected, name
    assert set(out) == {f.name for f in fields(Document)} - {"extra"} | {"schema", "mine"}


def test_records_left_as_dataclasses_write_the_same_json():
    records = FULL.to_dict(records=False)
    assert records["sentences"] is FULL.sentences
    assert json.dumps(records, default=record_dict) == json.dumps(FULL.to_dict())
    with pytest.raises(TypeError, match="Object of type Source is not JSON serializable"):
        record_dict(FULL.source)


def test_a_document_and_its_parts_pickle_copy_and_replace():
    # the parts are slotted dataclasses (a long document holds hundreds of thousands of them)
    assert pickle.loads(pickle.dumps(FULL)) == FULL
    assert copy.deepcopy(FULL) == FULL
    assert replace(FULL.sentences[1], start=6, text="wo.") == Sentence(6, 9, "wo.")
    assert not hasattr(FULL.edits[0], "__dict__")


def test_title_edits_round_trip_and_stay_optional():
    assert Document.from_dict(FULL.to_dict()) == FULL
    assert "title_edits" not in Document.from_dict({"text": "x"}).to_dict()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "", "text": "x"}, 'field "id" must be a non-empty string, not ""'),
        ({"id": 7, "text": "x"}, 'field "id" must be a non-empty string, not 7'),
        (
            {"text": "x", "blocks": [{"type": "table", "start": 0, "end": 1}]},
            'field "blocks[0].type" must be "heading" or "paragraph", not "table"',
        ),
        (
            {"text": "Hi.", "sentences": [{"start": 0, "end": 3, "text": "Ho."}]},
            'field "sentences[0].text" is "Ho.", but text[0:3] is "Hi."',
        ),
        (
            {"text": "x", "blocks": [{"type": "paragraph", "start": 0, "end": 2}]},
            'field "blocks[0]" ends at 2, past the end of the text (length 1)',
        ),
        (
            {"text": "x", "steps": [{"name": "clean", "version": "1"}]},
            'field "steps[0].options" is missing',
        ),
        ({"text": "x", "warnings": None}, 'field "warnings" must be a list, not null'),
        (
            {"text": "x", "source": {"sha256": "AB"}},
            'field "source.sha256" must be 64 lowercase hex digits or null, not "AB"',
        ),
        (
            {"schema": 2, "text": "x"},
            'field "schema" is 2, but this newstool reads schema version 1',
        ),
        (
            {"schema": True, "text": "x"},
            'field "schema" is true, but this newstool reads schema version 1',
        ),
        (["text"], 'a document must be a JSON object, not ["text"]'),
    ],
)
def test_a_broken_document_is_refused_naming_the_field_and_the_fault(data, message):
    with pytest.raises(DocumentError) as caught:
        Document.from_dict(data)
    assert str(caught.value) == message


def test_the_message_reaches_the_user_after_file_and_line(run):
    line = json.dumps({"text": "x", "blocks": [{"type": "table", "start": 0, "end": 1}]})
    result = run(["clean", "-"], input=line + "\n")
    assert result.exit_code == 1
    assert '<stdin>:1: not a newstool document: field "blocks[0].type" must be' in result.stderr


def test_the_pipeline_output_reads_back_byte_for_byte(run):
    docs = run(["ingest", str(SEED)]).stdout
    for stage in (["clean", "-"], ["split-sentences", "-"], ["stats", "-"]):
        docs = run(stage, input=docs).stdout
    for line in docs.splitlines(keepends=True):
        assert dump_jsonl_line(Document.from_dict(json.loads(line))) == line
