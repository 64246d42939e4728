"""Shared fixtures: the seed article, the JSON Schema validator and a CLI runner."""

from __future__ import annotations

import json
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
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
