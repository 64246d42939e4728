"""Hostile input and failing outputs, through the installed command as users run it: one bad
record costs one record, a write that fails leaves the previous file and says which, a walk
never hangs.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
from pathlib import Path

import pytest

from tests.conftest import NEWSTOOL, SEED

GOOD = [json.dumps({"text": f"Talks resumed in Idlib.On day {n} he left."}) for n in range(3)]
HOSTILE_LINES = [
    GOOD[0].encode(),
    b'{"text": "abc \\ud800 def"}',  # a lone surrogate: kept, as U+FFFD
    b"[" * 100_000,
    GOOD[1].encode(),
    b'{"text": "x", "score": NaN}',
    b"\x00\xff\xfe binary garbage",
    b'{"text": "x", "n": ' + b"7" * 5000 + b"}",
    b'{"text": "' + b"a" * 3000 + b'"}',  # over --max-doc-bytes 2K
    GOOD[2].encode(),
]
BAD_LINE_NUMBERS = [3, 5, 6, 7, 8]


def limited(size: int):
    """preexec_fn: files this process writes may not grow past ``size`` bytes (EFBIG)."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def run_limited(args: list[str], size: int, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*NEWSTOOL, *args],
        preexec_fn=limited(size),
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        **kwargs,
    )


@pytest.mark.parametrize("stage", ["clean", "split-sentences", "stats", "export"])
def test_every_stage_writes_every_good_document_and_names_each_bad_line(newstool, stage):
    stream = b"\n".join(HOSTILE_LINES) + b"\n"
    done = newstool([stage, "--max-doc-bytes", "2K"], input=stream)
    assert done.exit_code == 1
    assert "Traceback" not in done.stderr
    docs = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(docs) == 4 and docs[1]["text"] == "abc \ufffd def"
    assert [d["text"][:13] for d in docs[::2] + docs[3:]] == ["Talks resumed"] * 3
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    assert [int(e.split("<stdin>:")[1].split(":")[0]) for e in errors] == BAD_LINE_NUMBERS
    assert "<stdin>:2: lone surrogates (characters UTF-8 cannot encode) replaced" in done.stderr
    assert "<stdin>:8: is 2.9 KiB, over the 2 KiB limit for one JSON line" in done.stderr


def test_a_file_name_that_is_not_utf8_is_kept_with_u_fffd(newstool, tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_bytes(SEED.read_bytes())
    done = newstool(["ingest", str(tmp_path)])
    assert done.exit_code == 0
    (doc,) = done.docs
    assert doc["source"]["path"].endswith("caf\ufffd.txt")
    assert "the file name is not UTF-8" in done.stderr


def test_an_input_over_the_size_limit_is_one_error_and_the_others_go_on(newstool, tmp_path):
    (tmp_path / "big.txt").write_text("Big\n\n" + "Word after word. " * 1000)
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    done = newstool(["ingest", str(tmp_path), "--max-doc-bytes", "8K"])
    assert done.exit_code == 1 and len(done.docs) == 1
    assert "big.txt: is 16.6 KiB, over the 8 KiB limit for one document; skipped: raise" in (
        done.stderr
    )
    assert "--max-doc-bytes 1M" in done.stderr  # what to type
    unlimited = newstool(["ingest", str(tmp_path), "--max-doc-bytes", "0"])
    assert unlimited.exit_code == 0 and len(unlimited.docs) == 2


def test_the_size_limit_comes_from_the_config_and_the_environment(newstool, tmp_path):
    (tmp_path / "big.txt").write_text("Big\n\n" + "Word after word. " * 200)
    config = tmp_path / "newstool.yaml"
    config.write_text("ingest:\n  max-doc-bytes: 1K\n")
    from_config = newstool(["ingest", "--config", str(config), str(tmp_path / "big.txt")])
    assert from_config.exit_code == 1 and "over the 1 KiB limit" in from_config.stderr
    env = {"NEWSTOOL_INGEST_MAX_DOC_BYTES": "2K"}
    from_env = newstool(["ingest", str(tmp_path / "big.txt")], env=env)
    assert "over the 2 KiB limit" in from_env.stderr
    config.write_text("ingest:\n  max-doc-bytes: lots\n")
    bad = newstool(["ingest", "--config", str(config), str(tmp_path / "big.txt")])
    assert bad.exit_code == 2 and "newstool.yaml:2: ingest.max-doc-bytes: 'lots' is not a size" in (
        bad.stderr
    )


def test_a_failed_write_to_an_output_file_keeps_the_previous_one(tmp_path):
    for n in range(20):
        (tmp_path / f"in{n}.txt").write_text(SEED.read_text() + f"\nVariant {n}.\n")
    (tmp_path / "out.jsonl").write_text("previous\n")
    done = run_limited(["ingest", ".", "-o", "out.jsonl"], 20_000, tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "cannot write out.jsonl: File too large" in done.stderr
    assert (tmp_path / "out.jsonl").read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    again = run_limited(["ingest", ".", "-o", "out.jsonl"], 10**9, tmp_path)
    assert again.returncode == 0  # its own output is never read back as an input:
    assert "./out.jsonl: is one of this command's own files" in again.stderr
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 20


def test_a_failed_write_to_stdout_is_an_error_not_a_traceback(tmp_path):
    with open(tmp_path / "stdout.jsonl", "w") as stdout:
        done = subprocess.run(
            [*NEWSTOOL, "ingest", str(SEED), str(SEED), str(SEED)],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=limited(3000),
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr == "newstool ingest: error: cannot write stdout: File too large\n"


def test_a_document_too_big_for_its_export_file_fails_alone(tmp_path):
    big = json.dumps({"title": "Big", "text": "Word after word. " * 2000})
    small = json.dumps({"title": "Small", "text": "A few words."})
    done = run_limited(
        ["export", "-f", "markdown", "-o", "md/"], 20_000, tmp_path, input=f"{big}\n{small}\n"
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "cannot be written (File too large)" in done.stderr
    assert [p.name[:5] for p in (tmp_path / "md").iterdir()] == ["small"]


def test_run_outputs_that_cannot_be_written_are_left_as_they_were(tmp_path):
    (tmp_path / "in").mkdir()
    for n in range(12):
        (tmp_path / "in" / f"a{n}.txt").write_text(SEED.read_text() + f"\nVariant {n}.\n")
    (tmp_path / "newstool.yaml").write_text(
        "inputs: [in/]\nsteps: [clean]\noutputs: {jsonl: out/docs.jsonl}\n"
    )
    first = run_limited(["run", "-q"], 10**9, tmp_path)
    assert first.returncode == 0, first.stderr
    published = (tmp_path / "out" / "docs.jsonl").read_bytes()
    (tmp_path / "in" / "new.txt").write_text(SEED.read_text() + "\nOne more.\n")
    failed = run_limited(["run", "-q"], len(published) + 100, tmp_path)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    assert "cannot write " in failed.stderr and "docs.jsonl: File too large" in failed.stderr
    assert (tmp_path / "out" / "docs.jsonl").read_bytes() == published
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]
    recovered = run_limited(["run", "-q"], 10**9, tmp_path)
    assert recovered.returncode == 0
    assert len((tmp_path / "out" / "docs.jsonl").read_text().splitlines()) == 13


def test_a_walk_passes_over_loops_fifos_and_broken_links_with_one_warning_each(newstool, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "a" / "up").symlink_to("..")
    (tmp_path / "self").symlink_to("self")
    (tmp_path / "gone").symlink_to("nowhere")
    os.mkfifo(tmp_path / "pipe")
    done = newstool(["ingest", str(tmp_path)])
    assert done.exit_code == 0 and len(done.docs) == 1
    warnings = sorted(line.split(f"{tmp_path}/")[1] for line in done.stderr.splitlines())
    assert warnings == [
        f"a/up: is a symbolic link back into {tmp_path} (a loop); passed over",
        "gone: cannot be read (a broken symbolic link); passed over",
        "pipe: is a FIFO; passed over in a directory (name it directly to read it)",
        "self: cannot be read (a symbolic link loop); passed over",
    ]


def test_a_symlinked_folder_is_read_once(newstool, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "inputs").mkdir()
    (tmp_path / "inputs" / "linked").symlink_to(tmp_path / "real")
    done = newstool(["ingest", str(tmp_path / "inputs")])
    assert done.exit_code == 0 and len(done.docs) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_or_folder_in_a_walk_is_a_warning(newstool, tmp_path):
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "secret.txt").write_text("T\n\nx.\n")
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0)
    done = newstool(["ingest", str(tmp_path)])
    (tmp_path / "locked").chmod(0o755)
    assert done.exit_code == 0 and len(done.docs) == 1
    assert "secret.txt: cannot be read (permission denied); passed over" in done.stderr
    assert "locked: cannot be read (Permission denied); passed over" in done.stderr


@pytest.mark.parametrize("where", ["config", "pipeline"])
def test_yaml_tags_are_refused_not_run(newstool, tmp_path, where):
    marker = tmp_path / "ran"
    tag = f"!!python/object/apply:os.system ['touch {marker}']"
    if where == "config":
        (tmp_path / "c.yaml").write_text(f"stats:\n  top: {tag}\n")
        done = newstool(["stats", "--config", str(tmp_path / "c.yaml"), str(SEED)])
    else:
        (tmp_path / "newstool.yaml").write_text(
            f"inputs: {tag}\nsteps: [clean]\noutputs: {{jsonl: o.jsonl}}\n"
        )
        done = newstool(["run"], cwd=tmp_path)
    assert done.exit_code == 2 and "not valid YAML" in done.stderr
    assert not marker.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "--max-doc-bytes", "2K"],
        ["split-sentences", "-f", "markdown"],
        ["stats", "-f", "json"],
        ["export", "-f", "markdown", "--sentences"],
    ],
    ids=["clean", "split-markdown", "stats-json", "export-markdown"],
)
def test_jobs_give_the_same_output_and_messages_in_the_same_order(newstool, args):
    good = [
        json.dumps({"text": f"Report {n}.It rained.He left [sic] at 5 p.m."}) for n in range(40)
    ]
    lines = [*good[:20], *HOSTILE_LINES, *good[20:]]
    stream = "\n".join(x if isinstance(x, str) else x.decode("latin-1") for x in lines) + "\n"
    serial = newstool([*args, "--jobs", "1"], input=stream.encode("latin-1"))
    parallel = newstool([*args, "--jobs", "2"], input=stream.encode("latin-1"))
    assert serial.exit_code == parallel.exit_code == 1
    assert parallel.stdout == serial.stdout and serial.stdout.count("Report ") >= 40
    assert parallel.stderr == serial.stderr


def test_jobs_read_raw_files_and_write_a_directory_as_one_process_does(newstool, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(6):
        (inputs / f"a{n}.txt").write_text(SEED.read_text() + f"\nVariant {n}.\n")
    (inputs / "empty.txt").write_text("")
    env = {"SOURCE_DATE_EPOCH": "0"}
    for jobs in ("1", "2"):
        output = f"{tmp_path}/out{jobs}/"
        done = newstool(["ingest", str(inputs), "-j", jobs, "-o", output], env=env)
        assert done.exit_code == 1 and "empty.txt: is empty" in done.stderr
    one, two = (sorted((tmp_path / f"out{j}").iterdir()) for j in ("1", "2"))
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two] and len(one) == 6
    streams = [newstool(["ingest", str(inputs), "-j", j], env=env).stdout for j in ("1", "0")]
    assert streams[0] == streams[1] and streams[0].count("\n") == 6
