"""The library foundation: stages by name, options from one mapping, the stream runner, sinks,
readers by sniffing, and fingerprints in step records."""

from __future__ import annotations

import io
import json
import pickle

import pytest

from newstool import config, export, readers
from newstool.io import InputProblem
from newstool.model import Document
from newstool.pipeline import STAGES, Pipeline, compose, step
from newstool.runner import process
from newstool.sinks import DirectorySink, DocumentNotWritten, OutputUnusable, StreamSink
from tests.conftest import SEED

ARTICLE = Document.from_dict({"id": "a1", "title": "Talks", "text": "It rained.He left [AP]."})


def test_a_pipeline_of_steps_equals_the_stages_called_one_after_another():
    from newstool.clean import CleanOptions, clean
    from newstool.sentences import split_document
    from newstool.stats import StatsOptions, compute_stats

    pipeline = compose([step("clean"), step("split-sentences"), step("stats", {"top": 3})])
    by_hand = compute_stats(split_document(clean(ARTICLE, options=CleanOptions())), StatsOptions(3))
    assert pipeline(ARTICLE) == by_hand
    assert pipeline.names == ("clean", "split-sentences", "stats")


def test_a_pipeline_pickles_for_a_process_pool():
    pipeline = compose([step("clean", {"rule": ["curl_quotes"]}), step("stats")])
    copy = pickle.loads(pickle.dumps(pipeline))
    assert copy == pipeline and copy(ARTICLE) == pipeline(ARTICLE)


@pytest.mark.parametrize(
    ("name", "settings", "message"),
    [
        ("tidy", {}, "unknown step 'tidy'; steps are clean, split-sentences, quotes, stats"),
        ("stats", {"top": 0}, "top must be a whole number from 1 to 1000"),
        ("stats", {"topp": 3}, "unknown stats setting 'topp'; valid keys: top"),
        ("split-sentences", {"lang": "fr"}, "language 'fr' is not supported yet"),
        ("clean", {"rule": ["curl_quotes", "straighten_quotes"]}, "contradict"),
        ("clean", {"colour": "red"}, "unknown clean setting 'colour'; valid keys: boilerplate"),
    ],
)
def test_settings_are_checked_with_messages_naming_the_key(name, settings, message):
    with pytest.raises(ValueError, match=message):
        step(name, settings)


def test_options_take_the_names_users_see():
    options = step("clean", {"rule": ["curl_quotes"], "skip": ["fix_mojibake"], "keep-notes": True})
    rules = options.options.active_rules()
    assert "curl_quotes" in rules and "fix_mojibake" not in rules
    assert "extract_editorial_notes" not in rules  # keep-notes
    assert step("split-sentences", {"abbreviations": ["Zorg"]}).options.abbreviations == {"Zorg"}


def test_config_sections_and_format_choices_follow_the_registries():
    for name in ("ingest", *STAGES, "export"):
        assert config.load_config_text(f"{name}: {{}}\n", "c.yaml").sections == {name: {}}
    with pytest.raises(config.ConfigError, match="sections are ingest, clean"):
        config.load_config_text("tidy: {}\n", "c.yaml")
    from newstool.cli import cli

    for name, command in cli.commands.items():
        if name == "run":  # writes the pipeline file's outputs, no -f stream
            continue
        (choice,) = [p.type.choices for p in command.params if p.name == "format"]
        assert tuple(choice) == tuple(export.OUTPUT_FORMATS)
    assert [r.name for r in readers.READERS] == ["html", "jsonl", "json", "markdown", "text"]


# ---------------------------------------------------------------------------- fingerprints


def _fingerprints(doc: Document) -> dict[str, str]:
    return {s.name: s.fingerprint for s in doc.steps}


def test_every_stage_records_a_fingerprint_of_what_changes_its_output():
    doc = readers.read_stream(io.BytesIO(SEED.read_bytes()), "seed", path="seed")
    ingested = next(d for d in doc if isinstance(d, Document))
    done = compose([step("clean"), step("split-sentences"), step("stats")])(ingested)
    assert set(_fingerprints(done)) == {"ingest", "clean", "split-sentences", "stats"}
    again = compose([step("clean"), step("split-sentences"), step("stats")])(ingested)
    assert _fingerprints(done) == _fingerprints(again)


@pytest.mark.parametrize(
    ("name", "one", "other"),
    [
        ("clean", {}, {"boilerplate": ["^Listen to this article$"]}),  # same rule names
        ("clean", {}, {"quotes": "straight"}),
        ("split-sentences", {}, {"abbreviations": ["Zorg"]}),
        ("stats", {"top": 10}, {"top": 11}),
    ],
)
def test_a_changed_setting_changes_the_fingerprint(name, one, other):
    first, second = step(name, one)(ARTICLE), step(name, other)(ARTICLE)
    assert _fingerprints(first)[name] != _fingerprints(second)[name]


def test_documents_from_before_fingerprints_still_read_and_write_unchanged():
    line = {"id": "a", "text": "x", "steps": [{"name": "clean", "version": "0.0", "options": {}}]}
    assert "fingerprint" not in Document.from_dict(line).to_dict()["steps"][0]


# ---------------------------------------------------------------------------- the runner


class Failing:
    """A step that fails on one document."""

    def __call__(self, doc: Document) -> Document:
        if doc.id == "bad":
            raise RuntimeError("boom")
        return doc.add_step("mine", warnings=(*doc.warnings, "mine: looked at it"))


def test_one_failing_input_or_document_never_stops_the_others():
    out = io.StringIO()
    source = [
        Document.from_dict({"id": "ok", "text": "A."}),
        InputProblem("x.txt", "is empty"),
        InputProblem("y.png", "looks binary; passed over", skipped=True),
        Document.from_dict({"id": "bad", "text": "B."}),
        Document.from_dict({"id": "ok2", "text": "C."}),
    ]
    report = process(source, Failing(), StreamSink("jsonl", out), stage="mine")
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["ok", "ok2"]
    assert (report.written, report.failed, report.exit_status) == (2, 2, 1)
    kinds = [(m.kind, m.text.split(":")[0]) for m in report.messages]
    assert kinds == [
        ("warning", "document ok"),
        ("error", "x.txt"),
        ("warning", "y.png"),
        ("error", "document bad"),
        ("warning", "document ok2"),
    ]
    assert "mine failed (RuntimeError: boom)" in report.errors[1]


def test_side_output_is_returned_not_printed(capsys):
    from newstool.clean import describe_edits

    report = process(
        [ARTICLE], step("clean"), StreamSink("jsonl", io.StringIO()), explain=describe_edits
    )
    (side,) = [m.text for m in report.messages if m.kind == "report"]
    assert side.startswith("a1") and "separate_glued_sentences" in side
    assert capsys.readouterr() == ("", "")


def test_a_listener_hears_each_message_as_it_happens_and_nothing_is_kept():
    heard = []

    class Listener:
        def message(self, message):
            heard.append(message.kind)

        def written(self, doc):
            heard.append("written")

    source = [InputProblem("x", "bad"), ARTICLE]
    report = process(source, Pipeline(), StreamSink("jsonl", io.StringIO()), listener=Listener())
    assert heard == ["error", "written"] and report.messages == []


def test_directory_sink_reports_a_clash_per_document_and_an_unusable_directory_once(tmp_path):
    sink = DirectorySink(tmp_path, "jsonl", force=True)
    same = {"id": "abcdef12", "title": "Same"}
    sink.write(Document.from_dict({**same, "text": "One."}))
    with pytest.raises(DocumentNotWritten, match="written by another document of this run"):
        sink.write(Document.from_dict({**same, "text": "Two."}))
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputUnusable, match="cannot create directory"):
        DirectorySink(tmp_path / "file" / "sub", "jsonl")
