"""The document model: hand-written conversion to JSON objects and back."""

from __future__ import annotations

from dataclasses import asdict, fields

from newstool.model import Block, Document, Edit, Note, Sentence, Source, Step

FULL = Document(
    id="a1",
    text="One. Two.",
    title="A  title",
    source=Source("x.txt", 9, "0" * 64, "utf-8", 0.99, "utf8", 0, "2024-01-01T00:00:00Z"),
    blocks=(Block("paragraph", 0, 9),),
    steps=(Step("clean", "1.0", {"rules": ["collapse_space_runs"]}),),
    warnings=("careful",),
    edits=(Edit("separate_glued_sentences", 4, 5, "", " "),),
    title_edits=(Edit("collapse_space_runs", 2, 2, " ", ""),),
    notes=(Note("editorial", "said ABC"),),
    sentences=(Sentence(0, 4, "One."), Sentence(5, 9, "Two.")),
    stats={"words": 2},
    extra={"mine": [1]},
)


def test_to_dict_writes_every_field_of_every_part_as_asdict_would():
    out = FULL.to_dict()
    for name in ("source", "blocks", "steps", "edits", "title_edits", "notes", "sentences"):
        value = getattr(FULL, name)
        expected = asdict(value) if name == "source" else [asdict(item) for item in value]
        assert out[name] == expected, name
    assert set(out) == {f.name for f in fields(Document)} - {"extra"} | {"schema", "mine"}


def test_title_edits_round_trip_and_stay_optional():
    assert Document.from_dict(FULL.to_dict()) == FULL
    assert "title_edits" not in Document.from_dict({"text": "x"}).to_dict()
