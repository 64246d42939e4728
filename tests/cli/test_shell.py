"""The shell defects a new user met (issue 9), each through the installed command as a real
process: empty streams, bad names and variables, special output files, formats read back,
configuration keys, exit statuses and messages."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from newstool import config as config_module
from newstool.readers import SNIFF_LINES
from tests.conftest import NEWSTOOL, ROOT, SEED

SEEDS = str(ROOT / "seeds")


def sh(command: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """A bash pipeline with the installed newstool first on PATH; PIPESTATUS is printable."""
    env = {**os.environ, "PATH": f"{Path(NEWSTOOL[0]).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=env, cwd=cwd, timeout=60
    )


# ---------------------------------------------------------------------------- 1. empty streams


def test_an_empty_stream_between_stages_is_zero_documents(tmp_path):
    (tmp_path / "empty").mkdir()
    done = sh("newstool ingest empty/ | newstool clean; echo ${PIPESTATUS[@]}", cwd=tmp_path)
    assert done.stdout == "0 0\n"
    assert "error" not in done.stderr
    assert "empty/: the directory holds no text files" in done.stderr  # said, as a warning


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["ingest", "-f", "json"], "[]\n"), (["clean"], ""), (["export", "-f", "markdown"], "")],
)
def test_empty_standard_input_is_a_valid_empty_stream(newstool, args, expected):
    done = newstool(args, input=b"")
    assert (done.exit_code, done.stdout, done.stderr) == (0, expected, "")


def test_no_path_with_stdin_on_dev_null_is_a_mistake_but_dash_reads_it():
    unset = sh("newstool ingest $UNSET_VARIABLE < /dev/null; echo $?")
    assert unset.stdout == "2\n"
    assert "no PATH was given and standard input is a device" in unset.stderr
    assert sh("newstool ingest - < /dev/null; echo $?").stdout == "0\n"


def test_an_empty_file_named_on_the_command_line_is_still_reported(newstool, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    done = newstool(["ingest", str(tmp_path / "empty.txt")])
    assert done.exit_code == 1
    assert "empty.txt: is empty (no text to ingest); nothing was written for it" in done.stderr


# ---------------------------------------------------------------------------- 2. no tracebacks


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["ingest", "-o", "", SEEDS], {}, "-o: the file name is empty"),
        (["ingest", SEEDS], {"SOURCE_DATE_EPOCH": "abc"}, "SOURCE_DATE_EPOCH='abc'"),
        (["ingest", SEEDS], {"SOURCE_DATE_EPOCH": "99999999999999"}, "before the year 10000"),
        (["--config", "", "ingest", SEEDS], {}, "--config: the file name is empty"),
    ],
    ids=["empty -o", "epoch abc", "epoch huge", "empty --config"],
)
def test_bad_names_and_variables_are_one_line_errors(newstool, args, env, message):
    done = newstool(args, env=env)
    assert done.exit_code == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert message in line and line.startswith("newstool")


# ---------------------------------------------------------------------------- 3. special outputs


def test_output_to_a_fifo_is_written_through(newstool, tmp_path):
    fifo = tmp_path / "docs.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = newstool(["ingest", str(SEED), "-o", str(fifo)])
    reader.join(timeout=30)
    assert done.exit_code == 0, done.stderr
    assert fifo.is_fifo()
    assert json.loads(received[0])["title"] == "Strong warning to West"


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(newstool, tmp_path):
    (tmp_path / "real.jsonl").write_text("old\n")
    (tmp_path / "link.jsonl").symlink_to("real.jsonl")
    done = newstool(["ingest", str(SEED), "-o", str(tmp_path / "link.jsonl")])
    assert done.exit_code == 0, done.stderr
    assert (tmp_path / "link.jsonl").is_symlink()
    assert json.loads((tmp_path / "real.jsonl").read_text())["title"] == "Strong warning to West"


@pytest.mark.parametrize("target", ["/dev/stdout", "-"])
def test_output_to_dev_stdout_or_dash_reaches_stdout(newstool, target):
    done = newstool(["ingest", str(SEED), "-o", target])
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["title"] == "Strong warning to West"


# ---------------------------------------------------------------------------- 4, 5. reading back


def test_a_json_array_written_by_export_is_read_back_as_documents(newstool, tmp_path):
    exported = tmp_path / "docs.json"
    assert newstool(["export", "-f", "json", SEEDS, str(SEED), "-o", str(exported)]).exit_code == 0
    done = newstool(["stats", str(exported)])
    assert done.exit_code == 0, done.stderr
    docs = [json.loads(line) for line in done.stdout.splitlines()]
    assert [d["title"] for d in docs] == ["Strong warning to West"] * 2
    assert docs[0]["stats"]["words"] > 300


def test_a_raw_article_opening_with_json_is_an_article(newstool):
    article = b'{"a": 1} is how JSON looks.\n\nEditors quote it.\n'
    done = newstool(["ingest"], input=article)
    assert done.exit_code == 0, done.stderr
    (doc,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert doc["text"].startswith('{"a": 1} is how JSON looks.')


def test_a_damaged_json_line_is_still_reported_as_json(newstool):
    done = newstool(["clean"], input=b'{"text": broken}\n{"text": "Fine."}\n')
    assert done.exit_code == 1
    assert "<stdin>:1: not valid JSON" in done.stderr
    assert [json.loads(line)["text"] for line in done.stdout.splitlines()] == ["Fine."]


# ---------------------------------------------------------------------------- 10, 11. configuration


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "newstool.yaml"
    path.write_text(text)
    return str(path)


def test_config_keys_are_the_option_names(newstool, tmp_path):
    config = _config(
        tmp_path,
        "ingest:\n  format: json\nclean:\n  rule: [curl_quotes]\n"
        "  skip: [separate_glued_sentences]\n  keep-notes: true\n",
    )
    ingested = newstool(["--config", config, "ingest", str(SEED)])
    assert ingested.stdout.startswith("[\n")
    cleaned = newstool(["clean", "--config", config, str(SEED)])  # after the subcommand too
    assert cleaned.exit_code == 0, cleaned.stderr
    (doc,) = [json.loads(line) for line in cleaned.stdout.splitlines()]
    rules = doc["steps"][-1]["options"]["rules"]
    assert "curl_quotes" in rules and "separate_glued_sentences" not in rules
    assert "[outlawed in Russia" in doc["text"]
    unkept = newstool(["clean", "--config", config, "--no-keep-notes", str(SEED)])
    assert "[outlawed in Russia" not in json.loads(unkept.stdout)["text"]


def test_the_environment_uses_option_names(newstool):
    done = newstool(["ingest", str(SEED)], env={"NEWSTOOL_INGEST_FORMAT": "json"})
    assert done.stdout.startswith("[\n")


def test_the_example_in_the_config_docstring_works(newstool, tmp_path):
    example = config_module.__doc__.split("::\n\n", 1)[1].split("\n\n", 1)[0]
    config = _config(tmp_path, "\n".join(line[4:] for line in example.splitlines()))
    done = newstool(["clean", "--config", config, str(SEED)])
    assert done.exit_code == 0, done.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("stats:\n  top: 0\n", "newstool.yaml:2: stats.top: 0 is not in the range"),
        (
            "ingest:\n  format: json\n  fmt: json\n",
            "newstool.yaml:3: section 'ingest' has no setting 'fmt'; valid keys: encoding, "
            "force, format, jobs, max-doc-bytes, output, quiet",
        ),
        ("export:\n  indent: many\n", "newstool.yaml:2: export.indent: 'many' is not a valid"),
    ],
    ids=["range", "unknown key", "type"],
)
def test_a_bad_config_value_names_file_line_and_key(newstool, tmp_path, text, message):
    config = _config(tmp_path, text)
    done = newstool(["stats", "--config", config, str(SEED)])
    assert done.exit_code == 2 and done.stdout == ""
    assert message in done.stderr and "Invalid value for '--" not in done.stderr


# ---------------------------------------------------------------------------- 12. encodings


def test_an_unknown_encoding_is_one_usage_error(newstool):
    done = newstool(["ingest", "--encoding", "foo", str(SEED), str(SEED)])
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr.count("'foo' is not a text encoding") == 1


def test_a_wrong_encoding_given_by_the_user_says_so(newstool, tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes("Новости дня\n\nМинистр заявил во вторник.".encode("cp1251"))
    done = newstool(["ingest", "--encoding", "utf-8", str(path)])
    assert "check that --encoding names the file's real encoding" in done.stderr
    assert "pass --encoding if you know" not in done.stderr


# ---------------------------------------------------------------------------- 13. -o DIR/


def test_every_command_writes_one_file_per_document_into_a_directory(newstool, tmp_path):
    done = newstool(["ingest", "-f", "markdown", "-o", str(tmp_path / "mdout") + "/", SEEDS])
    assert done.exit_code == 0, done.stderr
    assert [p.name for p in (tmp_path / "mdout").iterdir()] == [
        "strong-warning-to-west-6af28b1c.md"
    ]
    nested = tmp_path / "new" / "sub" / "x.jsonl"
    assert newstool(["clean", "-o", str(nested), SEEDS]).exit_code == 0
    assert json.loads(nested.read_text())["title"] == "Strong warning to West"


# ---------------------------------------------------------------------------- 15. exit statuses


def test_a_reader_that_goes_away_gives_141_and_no_message():
    many = " ".join([str(SEED)] * 200)  # more than a pipe holds, so the writer meets EPIPE
    done = sh(f"newstool ingest {many} | head -c 10 >/dev/null; echo $PIPESTATUS")
    assert done.stdout == "141\n" and done.stderr == ""


def test_a_closed_stdout_is_one_usage_error():
    done = sh(f"newstool split-sentences {SEED} >&-; echo $?")
    assert done.stdout == "2\n"
    assert "cannot write stdout: it is closed" in done.stderr and "Traceback" not in done.stderr


def test_a_stage_sends_on_what_it_has_done_before_it_waits_for_more_input():
    # stdout on a pipe is written in blocks, but a stage whose input runs dry (the stage before
    # it still working) first sends on every document it has finished
    process = subprocess.Popen(
        [*NEWSTOOL, "split-sentences"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    first = SNIFF_LINES + 2  # more than the reader looks at to tell the input's format
    lines = [json.dumps({"text": f"Item {n}. Done."}).encode() + b"\n" for n in range(first)]
    process.stdin.write(b"".join(lines))
    process.stdin.flush()
    received = b""
    deadline = time.monotonic() + 30
    while received.count(b"\n") < first and time.monotonic() < deadline:
        if select.select([process.stdout], [], [], 0.1)[0]:  # stdin stays open meanwhile
            received += process.stdout.read1(2**16)
    process.stdin.write(lines[0])
    rest, _ = process.communicate(timeout=30)
    assert [json.loads(line)["text"] for line in received.splitlines()] == [
        f"Item {n}. Done." for n in range(first)
    ]
    assert rest.count(b"\n") == 1 and process.returncode == 0


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"]
)
def test_interrupted_runs_exit_128_plus_signal_with_no_partial_output(tmp_path, signum, status):
    target = tmp_path / "out.jsonl"
    process = subprocess.Popen(
        [*NEWSTOOL, "clean", "-", "-o", str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdin.write(json.dumps({"text": "One sentence.Two."}).encode() + b"\n")
    process.stdin.flush()
    deadline = time.monotonic() + 30
    while not list(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.02)  # until the temporary output file exists: the run is under way
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == status
    assert b"Traceback" not in stderr and b"Aborted!" not in stderr
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary


def test_a_ctrl_c_lost_in_a_finaliser_is_raised_again_out_of_it():
    """Python prints a KeyboardInterrupt raised inside ``__del__`` or a weak reference's
    callback as ignored and goes on: newstool raises it again 10 ms later."""
    from newstool import cli

    class Finalised:
        def __del__(self) -> None:
            raise KeyboardInterrupt  # as Python's handler does when Ctrl-C comes here

    hook, alarm = sys.unraisablehook, signal.getsignal(signal.SIGALRM)
    sys.unraisablehook = cli.interrupt_again_if_lost
    try:
        Finalised()  # made and finalised at once: the exception cannot escape __del__
        with pytest.raises(KeyboardInterrupt):
            time.sleep(1)  # raised again within 10 ms
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, alarm)
        sys.unraisablehook = hook


def _unwritable_directory(tmp_path: Path) -> Path:
    """A directory this process cannot create files in (root ignores permission bits)."""
    if os.geteuid() != 0:
        tmp_path.chmod(0o555)
        return tmp_path
    try:
        (Path("/sys") / ".newstool-probe").touch()
    except OSError:
        return Path("/sys")
    pytest.skip("no directory here refuses root")


def test_an_unwritable_output_directory_is_one_message_and_exit_2(newstool, tmp_path):
    directory = _unwritable_directory(tmp_path / "locked")
    try:
        done = newstool(["export", "-o", f"{directory}/", str(SEED), str(SEED)])
    finally:
        (tmp_path / "locked").chmod(0o755) if (tmp_path / "locked").exists() else None
    assert done.exit_code == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"newstool export: error: cannot write in {directory}/")
    assert ".tmp" not in line and "Errno" not in line


# ---------------------------------------------------------------------------- 16. messages


def test_messages_say_what_happened_and_what_to_do(newstool, tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00\x00JFIF\x00" * 20)
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir" / ".draft.txt").write_text("Hidden\n\nDraft.\n")
    (tmp_path / "dir" / "a.txt").write_text("Seen\n\nText.\n")
    done = newstool(
        ["ingest", str(tmp_path / "link.txt"), str(tmp_path / "photo.jpg"), str(tmp_path / "dir")]
    )
    assert "link.txt: is a broken symbolic link" in done.stderr
    assert "check permissions" not in done.stderr
    walked = newstool(["ingest", str(tmp_path)])
    binary = "photo.jpg: looks binary (not text); passed over"
    assert f"warning: {tmp_path}/{binary}" in walked.stderr  # in a walk ...
    assert f"warning: {tmp_path}/{binary}" in done.stderr  # ... and named directly alike
    assert ".draft.txt: hidden (its name starts with '.'); passed over" in walked.stderr


def test_the_progress_line_counts_in_good_english(newstool_on_tty):
    done = newstool_on_tty(["ingest", str(SEED)])
    assert "1 document" in done.terminal and "1 documents" not in done.terminal


# ---------------------------------------------------------------------------- 18. contradictions


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "jsonl", "--sentences"], "--sentences applies to -f markdown, not to -f jsonl"),
        (["-f", "markdown", "--indent", "7"], "--indent applies to -f json, not to -f markdown"),
        (["--sentences"], "--sentences applies to -f markdown"),
    ],
)
def test_export_options_that_cannot_apply_are_refused(newstool, args, message):
    done = newstool(["export", *args, str(SEED)])
    assert done.exit_code == 2 and done.stdout == ""
    assert message in done.stderr


# ---------------------------------------------------------------------------- 19. terminal output


def test_the_rule_table_on_a_terminal_keeps_square_brackets(newstool_on_tty):
    done = newstool_on_tty(["clean", "--list-rules"], stdout_on_tty=True, columns=200)
    assert done.exit_code == 0
    assert "[editorial notes] and [placeholders]" in done.terminal


def test_the_rule_table_in_a_narrow_terminal_shows_every_rule_name_whole(newstool_on_tty):
    from newstool.clean import rule_table

    done = newstool_on_tty(["clean", "--list-rules"], stdout_on_tty=True, columns=80)
    assert done.exit_code == 0
    assert [row["name"] for row in rule_table() if row["name"] not in done.terminal] == []


def test_diff_on_a_terminal_is_printed_on_its_own_lines(newstool_on_tty):
    done = newstool_on_tty(["clean", "--diff", str(SEED)])
    assert done.exit_code == 0
    lines = done.terminal.replace("\r\n", "\n").split("\n")
    (header,) = [line for line in lines if "Strong warning to West" in line]
    assert header.split("\r")[-1].lstrip("\x1b[2K").startswith("6af28b1c7da86c7a")


# ---------------------------------------------------------------------------- 21. isolation


def test_tests_never_see_the_developers_configuration():
    assert config_module.default_config_path() is None
    assert not [name for name in os.environ if name.startswith("NEWSTOOL_")]
    assert Path(os.environ["HOME"]).resolve() != Path("~root").expanduser().resolve()


# ---------------------------------------------------------------------------- 4, 14. more


def test_markdown_written_by_newstool_is_read_back_as_its_document(newstool, tmp_path):
    markdown = tmp_path / "seed.md"
    assert newstool(["export", "-f", "markdown", str(SEED), "-o", str(markdown)]).exit_code == 0
    done = newstool(["stats", str(markdown)])
    assert done.exit_code == 0, done.stderr
    (doc,) = [json.loads(line) for line in done.stdout.splitlines()]
    direct = json.loads(newstool(["stats", str(SEED)]).stdout)
    assert (doc["id"], doc["title"], doc["text"]) == (direct["id"], direct["title"], direct["text"])
    assert doc["stats"]["words"] == direct["stats"]["words"]


def test_force_never_overwrites_a_file_written_by_the_same_run(newstool, tmp_path):
    same_name = [{"id": "abcdef12", "title": "Same", "text": t} for t in ("One.", "Two.")]
    lines = "".join(json.dumps(d) + "\n" for d in same_name)
    done = newstool(["export", "--force", "-o", f"{tmp_path}/out/", "-"], input=lines)
    assert done.exit_code == 1
    assert "same-abcdef12.jsonl was written by another document of this run" in done.stderr
    assert json.loads((tmp_path / "out" / "same-abcdef12.jsonl").read_text())["text"] == "One."


def test_a_json_array_item_that_is_not_an_object_is_reported_by_number(newstool):
    done = newstool(["ingest"], input=b'[{"text": "Kept."}, 5]')
    assert done.exit_code == 1
    assert "<stdin>: array item 2: not a newstool document" in done.stderr
    assert json.loads(done.stdout)["text"] == "Kept."
