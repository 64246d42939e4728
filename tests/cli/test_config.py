"""Configuration file, environment variables and options: precedence and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

RUSSIAN = "Новости дня\n\nМинистр заявил во вторник, что переговоры возобновятся."


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    return path


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "newstool.yaml"
    path.write_text("ingest:\n  encoding: koi8-r\n")
    return path


def _encoding_used(result) -> str:
    return result.docs[0]["source"]["encoding"]


def test_config_file_sets_option_defaults(run, article, config):
    result = run(["--config", str(config), "ingest", str(article)])
    assert _encoding_used(result) == "koi8-r"


def test_environment_beats_config_file(run, article, config):
    env = {"NEWSTOOL_CONFIG": str(config), "NEWSTOOL_INGEST_ENCODING": "cp1251"}
    result = run(["ingest", str(article)], env=env)
    assert _encoding_used(result) == "cp1251"
    assert result.docs[0]["title"] == "Новости дня"


def test_command_line_beats_environment(run, article, config):
    env = {"NEWSTOOL_CONFIG": str(config), "NEWSTOOL_INGEST_ENCODING": "koi8-r"}
    result = run(["ingest", "--encoding", "cp1251", str(article)], env=env)
    assert _encoding_used(result) == "cp1251"


def test_user_config_in_xdg_home_is_read(run, article, tmp_path):
    (tmp_path / "xdg" / "newstool").mkdir(parents=True)
    (tmp_path / "xdg" / "newstool" / "config.yaml").write_text("ingest:\n  encoding: cp1251\n")
    result = run(["ingest", str(article)], env={"XDG_CONFIG_HOME": str(tmp_path / "xdg")})
    assert _encoding_used(result) == "cp1251"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour: red\n", "unknown section 'colour'"),
        ("ingest: [1, 2]\n", 'section "ingest" must be a mapping'),
        ("ingest:\n  speed: 3\n", "section 'ingest' has no setting 'speed'"),
        ("ingest: {\n", "not valid YAML"),
    ],
)
def test_bad_configuration_exits_2_with_the_file_named(run, tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = run(["--config", str(path), "ingest", "-"], input="Text.")
    assert result.exit_code == 2
    assert message in result.stderr and "bad.yaml" in result.stderr
    assert result.stdout == ""
