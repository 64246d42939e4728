"""The installed command with stderr on a pseudo-terminal, as a user at a shell runs it:
stdout redirected to a pipe or a file must receive every byte, untouched by the progress display."""

from __future__ import annotations

import json
import shlex

import pytest

from tests.conftest import NEWSTOOL, ROOT, SEED

STAGES = [
    ["ingest"],
    ["clean"],
    ["split-sentences"],
    ["quotes"],
    ["stats"],
    ["export", "-f", "markdown"],
    ["export", "-f", "json"],
]


@pytest.fixture(scope="module")
def expected(tmp_path_factory):
    """What each stage writes when nothing is a terminal."""
    import subprocess

    out = {}
    for stage in STAGES:
        done = subprocess.run([*NEWSTOOL, *stage, str(SEED)], capture_output=True, check=True)
        out[tuple(stage)] = done.stdout
    return out


def _without_volatile(data: bytes) -> bytes:
    """``ingested_at`` differs between runs; everything else must be byte-identical."""
    lines = []
    for line in data.decode("utf-8").splitlines():
        if line.startswith("{"):
            doc = json.loads(line)
            doc["source"]["ingested_at"] = "-"
            line = json.dumps(doc, ensure_ascii=False)
        elif "ingested_at" in line:
            line = "ingested_at: -"
        lines.append(line)
    return "\n".join(lines).encode()


@pytest.mark.parametrize("stage", STAGES, ids=lambda s: " ".join(s))
def test_stdout_on_a_pipe_is_intact_while_stderr_is_a_terminal(newstool_on_tty, expected, stage):
    done = newstool_on_tty([*stage, str(SEED)], env={"SOURCE_DATE_EPOCH": "0"})
    assert done.exit_code == 0, done.terminal
    assert done.stdout, "nothing reached stdout"
    assert b"\x1b" not in done.stdout
    assert _without_volatile(done.stdout) == _without_volatile(expected[tuple(stage)])
    assert "{" not in done.terminal, "data was painted on the terminal"


@pytest.mark.parametrize("stage", [["ingest"], ["stats"]], ids=lambda s: " ".join(s))
def test_stdout_to_a_file_is_intact_while_stderr_is_a_terminal(newstool_on_tty, tmp_path, stage):
    target = tmp_path / "out.txt"
    command = " ".join(shlex.quote(a) for a in [*NEWSTOOL, *stage, str(SEED)])
    done = newstool_on_tty(f"{command} > {shlex.quote(str(target))}")
    assert done.exit_code == 0, done.terminal
    (doc,) = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert doc["title"] == "Strong warning to West"


def test_the_readme_pipeline_works_in_a_terminal(newstool_on_tty):
    pipeline = (
        "newstool ingest seeds/ | newstool clean | newstool split-sentences"
        " | newstool stats | newstool export -f markdown"
    )
    done = newstool_on_tty(pipeline, cwd=ROOT)
    assert done.exit_code == 0, done.terminal
    text = done.stdout.decode("utf-8")
    assert text.startswith("---\n")
    assert "# Strong warning to West" in text
    assert "error" not in done.terminal


def test_make_demo_prints_the_article_under_a_terminal(newstool_on_tty):
    done = newstool_on_tty("make --no-print-directory demo", cwd=ROOT)
    assert done.exit_code == 0, done.terminal
    assert "# Strong warning to West" in done.stdout.decode("utf-8")
