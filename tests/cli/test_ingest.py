"""``newstool ingest`` end to end: inputs, outputs, bad input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

NEWSTOOL = [sys.executable, "-m", "newstool"]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A small archive: two articles in nested folders, a hidden file and a binary file."""
    (tmp_path / "2024" / "may").mkdir(parents=True)
    (tmp_path / "2024" / "a.txt").write_text("Storm\n\nRain fell all day.\n", encoding="utf-8")
    (tmp_path / "2024" / "may" / "b.txt").write_bytes("Zoë\n\nCafé closed.\n".encode("cp1252"))
    (tmp_path / ".hidden.txt").write_text("Secret\n\nNot read.\n")
    (tmp_path / "2024" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return tmp_path


def test_seed_file_gives_one_valid_document(run, validate):
    result = run(["ingest", str(SEED)])
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    validate(doc)
    assert doc["title"] == "Strong warning to West"
    assert [b["type"] for b in doc["blocks"]] == ["heading", "paragraph"]
    assert doc["source"]["path"] == str(SEED)


def test_directory_is_walked_recursively_skipping_hidden_and_binary(run, corpus, validate):
    result = run(["ingest", str(corpus)])
    assert result.exit_code == 0, result.stderr
    paths = [validate(d)["source"]["path"] for d in result.docs]
    assert paths == [str(corpus / "2024" / "a.txt"), str(corpus / "2024" / "may" / "b.txt")]
    assert "logo.png: looks binary (not text); passed over" in result.stderr
    assert ".hidden.txt: hidden (its name starts with '.'); passed over" in result.stderr
    assert result.docs[1]["text"] == "Café closed."


def test_recursive_glob(run, corpus):
    result = run(["ingest", str(corpus / "**" / "*.txt")])
    assert result.exit_code == 0
    assert [d["title"] for d in result.docs] == ["Storm", "Zoë"]


def test_stdin_when_no_path_or_dash(run):
    for args in (["ingest"], ["ingest", "-"]):
        result = run(args, input="Headline\n\nBody text here.\n")
        assert result.exit_code == 0
        (doc,) = result.docs
        assert (doc["title"], doc["text"], doc["source"]["path"]) == (
            "Headline",
            "Body text here.",
            None,
        )


def test_output_file_is_written_and_stdout_stays_empty(run, tmp_path):
    target = tmp_path / "docs.jsonl"
    result = run(["ingest", str(SEED), "-o", str(target)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text())["title"] == "Strong warning to West"
    assert [p.name for p in tmp_path.iterdir()] == ["docs.jsonl"]  # no temporary left behind


def test_json_lines_input_passes_through_with_unknown_fields(run, validate):
    line = json.dumps({"id": "a1", "text": "First.\n\nSecond.", "desk": "world"})
    result = run(["ingest"], input=line + "\n")
    (doc,) = result.docs
    validate(doc)
    assert (doc["id"], doc["desk"], len(doc["blocks"])) == ("a1", "world", 2)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.txt", "missing.txt: no such file or directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty.txt: is empty"),
        (lambda d: d / "*.nomatch", "the pattern matches no file"),
        (lambda d: _symlink(d / "gone.txt", d / "deleted.txt"), "gone.txt: is a broken symbolic"),
    ],
    ids=["missing", "empty", "glob", "broken link"],
)
def test_bad_input_is_reported_and_the_rest_is_still_written(run, tmp_path, setup, message):
    bad = setup(tmp_path)
    result = run(["ingest", str(bad), str(SEED)])
    assert result.exit_code == 1
    assert [d["title"] for d in result.docs] == ["Strong warning to West"]
    (line,) = [ln for ln in result.stderr.splitlines() if "error" in ln]
    assert line.startswith("newstool ingest: error: ") and message in line
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: _write(d / "blob.bin", b"\x00\x01\x02\x03" * 64), "blob.bin: looks binary"),
        (lambda d: _mkdir(d / "nothing"), "nothing: the directory holds no text files"),
    ],
    ids=["binary named directly", "empty dir"],
)
def test_inputs_with_nothing_to_read_are_passed_over_with_a_warning(run, tmp_path, setup, message):
    skipped = setup(tmp_path)
    result = run(["ingest", str(skipped), str(SEED)])
    assert result.exit_code == 0
    assert [d["title"] for d in result.docs] == ["Strong warning to West"]
    (line,) = result.stderr.splitlines()
    assert line.startswith("newstool ingest: warning: ") and message in line


def test_broken_json_line_names_file_and_line(run, tmp_path):
    docs = tmp_path / "docs.jsonl"
    docs.write_text('{"text": "One."}\n{"text": broken\n{"text": "Three."}\n')
    result = run(["ingest", str(docs)])
    assert result.exit_code == 1
    assert [d["text"] for d in result.docs] == ["One.", "Three."]
    assert f"{docs}:2: not valid JSON" in result.stderr


def test_json_line_that_is_not_a_document(run):
    result = run(["ingest", "-"], input='{"text": "ok"}\n{"title": "no text"}\n')
    assert result.exit_code == 1
    assert '<stdin>:2: not a newstool document: field "text" is missing' in result.stderr


def test_unreadable_file(run, tmp_path, monkeypatch):
    secret = _write(tmp_path / "secret.txt", b"Text.")
    real_open = open

    def refuse_secret(path, *args, **kwargs):  # chmod 0 would not stop root, who runs CI
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse_secret)
    result = run(["ingest", str(secret), str(SEED)])
    assert result.exit_code == 1 and len(result.docs) == 1
    assert f"{secret}: cannot be read (Permission denied); check permissions" in result.stderr


def test_encoding_option(run, tmp_path):
    path = _write(tmp_path / "ru.txt", "Новости\n\nТекст статьи.".encode("cp1251"))
    doc = run(["ingest", "--encoding", "cp1251", str(path)]).docs[0]
    assert doc["title"] == "Новости"
    assert doc["source"]["encoding_source"] == "user"


def test_unknown_encoding_is_a_usage_error_reported_once(run):
    result = run(["ingest", "--encoding", "nope", str(SEED), str(SEED)])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("'nope' is not a text encoding") == 1


def test_help_shows_examples_and_exit_codes(run):
    for args in (["--help"], ["ingest", "--help"]):
        result = run(args)
        assert result.exit_code == 0
        assert "Examples:" in result.stdout and "Exit status" in result.stdout
    assert "newstool ingest seeds/" in run(["ingest", "--help"]).stdout


def test_version():
    out = subprocess.run([*NEWSTOOL, "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("newstool, version ")


def test_broken_pipe_ends_quietly(tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for i in range(300):
        (many / f"{i:03}.txt").write_bytes(SEED.read_bytes() + str(i).encode())
    pipe = subprocess.run(
        f"{sys.executable} -m newstool ingest {many} | head -c 100",
        shell=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert len(pipe.stdout) == 100
    assert pipe.stderr == ""


def test_terminal_stdin_without_paths_gives_a_hint_instead_of_waiting():
    script = (
        "import sys, pty, os, subprocess\n"
        "m, s = pty.openpty()\n"
        "p = subprocess.run([sys.executable, '-m', 'newstool', 'ingest'], stdin=s,"
        " capture_output=True, text=True, timeout=20)\n"
        "print(p.returncode); print(p.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    code, _, stderr = out.stdout.partition("\n")
    assert code == "2"
    assert "no input" in stderr and "cat article.txt | newstool ingest" in stderr


def test_config_errors_exit_2(run, tmp_path):
    cfg = _write(tmp_path / "bad.yaml", b"stats: [\n")
    result = run(["--config", str(cfg), "ingest", str(SEED)])
    assert result.exit_code == 2
    assert "bad.yaml:" in result.stderr and "not valid YAML" in result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _symlink(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path
