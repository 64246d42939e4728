"""Shared fixtures: the seed article, the JSON Schema validator, an isolated environment, and
three ways to run newstool: in-process (``run``), the installed command as a real process
(``newstool``), and the installed command with stderr on a pseudo-terminal (``newstool_on_tty``).
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from newstool.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_a0fc1bd85d46184f.txt"
SHARED = ROOT.parent / "shared"


def installed_command() -> list[str]:
    """The console script installed beside this Python, as a user runs it."""
    script = Path(sys.executable).parent / "newstool"
    if script.exists():
        return [str(script)]
    found = shutil.which("newstool")
    return [found] if found else [sys.executable, "-m", "newstool"]


NEWSTOOL = installed_command()


@dataclass
class Run:
    """The outcome of one CLI invocation."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def docs(self) -> list[dict]:
        """stdout parsed as JSON Lines (fails the test when it is not)."""
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory, monkeypatch):
    """No test sees the developer's configuration: a fresh HOME and XDG_CONFIG_HOME, no
    NEWSTOOL_* variables, no SOURCE_DATE_EPOCH, no NO_COLOR."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    for name in list(os.environ):
        if name.startswith("NEWSTOOL_") or name in ("SOURCE_DATE_EPOCH", "NO_COLOR"):
            monkeypatch.delenv(name)
    # The commands the tests start cache their bytecode, as an installed package has it.
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    return home


@pytest.fixture(scope="session")
def validate():
    """Check a written document against the schema shipped in the package."""
    schema = json.loads(resources.files("newstool").joinpath("document.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)

    def check(doc: dict) -> dict:
        validator.validate(doc)
        for block in doc["blocks"]:
            assert 0 <= block["start"] <= block["end"] <= len(doc["text"])
        return doc

    return check


@pytest.fixture
def run():
    """Invoke newstool in-process: run(["ingest", path], input=b"...") -> Run."""

    def invoke(args: list[str], input: bytes | str | None = None, env: dict | None = None) -> Run:
        result = CliRunner().invoke(cli, args, input=input, env=env, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def newstool():
    """Run the installed command as a real process, with no terminal anywhere:
    newstool(["ingest", path], input=b"...", env={...}, cwd=...) -> Run (stdout/stderr text)."""

    def invoke(
        args: list[str],
        input: bytes | str | None = None,
        env: dict | None = None,
        cwd: str | os.PathLike | None = None,
    ) -> Run:
        data = input.encode() if isinstance(input, str) else input
        done = subprocess.run(
            [*NEWSTOOL, *args],
            input=data if data is not None else b"",
            capture_output=True,
            env={**os.environ, **(env or {})},
            cwd=cwd,
            timeout=60,
        )
        return Run(
            done.returncode,
            done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"),
        )

    return invoke


@dataclass
class TtyRun:
    """A run with stderr (and stdin, unless input was given) on a pseudo-terminal."""

    exit_code: int
    stdout: bytes
    terminal: str  # everything the program painted on the terminal


def run_on_tty(
    command: list[str] | str,
    *,
    input: bytes | None = None,
    env: dict | None = None,
    cwd: str | os.PathLike | None = None,
    shell: bool = False,
    columns: int = 80,
    stdout_on_tty: bool = False,
) -> TtyRun:
    """Run ``command`` as a user at a terminal does with ``> file`` or ``| cmd``: stderr is a
    pseudo-terminal, stdout is a pipe we read (or the terminal too, with ``stdout_on_tty``).
    ``shell=True`` runs a shell pipeline whose stderr (and stdin) is the terminal."""
    primary, secondary = pty.openpty()
    os.set_inheritable(secondary, True)
    painted: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                return
            if not chunk:
                return
            painted.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    environment = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(columns),
        "PATH": f"{Path(NEWSTOOL[0]).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **(env or {}),
    }
    try:
        done = subprocess.run(
            command,
            shell=shell,
            stdin=subprocess.PIPE if input is not None else secondary,
            input=input,
            stdout=secondary if stdout_on_tty else subprocess.PIPE,
            stderr=secondary,
            env=environment,
            cwd=cwd,
            timeout=60,
        )
    finally:
        os.close(secondary)
        reader.join(timeout=5)
        os.close(primary)
    terminal = b"".join(painted).decode("utf-8", "replace")
    return TtyRun(done.returncode, done.stdout or b"", terminal)


@pytest.fixture
def newstool_on_tty():
    """Run the installed command with stderr on a pseudo-terminal and stdout on a pipe:
    newstool_on_tty(["ingest", path]) -> TtyRun; a str is run as a shell pipeline."""

    def invoke(args: list[str] | str, **kwargs) -> TtyRun:
        if isinstance(args, str):
            return run_on_tty(args, shell=True, **kwargs)
        return run_on_tty([*NEWSTOOL, *args], **kwargs)

    return invoke


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
