"""The YAML configuration file.

Precedence, highest first: command-line options, ``NEWSTOOL_<COMMAND>_<OPTION>`` environment
variables (for example ``NEWSTOOL_STATS_TOP=20`` or ``NEWSTOOL_INGEST_FORMAT=json``), the
configuration file, built-in defaults. The file is ``--config FILE`` (before or after the
subcommand), else ``$NEWSTOOL_CONFIG``, else ``$XDG_CONFIG_HOME/newstool/config.yaml``
(``~/.config/newstool/config.yaml``) when it exists.

It holds one section per subcommand. Keys are the subcommand's long option names (``top``,
``format``, ``encoding``, ``rule``, ``skip``, ``keep-notes``...; dashes or underscores); a
section may also hold stage settings that have no option, such as ``clean: {boilerplate:
[...]}``::

    clean:
      skip: [remove_repeated_paragraphs]
      boilerplate: ['^Subscribe to our newsletter']
    stats:
      top: 20

>>> config = load_config_text("stats:\\n  top: 20\\n", "cfg.yaml")
>>> config.sections, config.where("stats", "top")
({'stats': {'top': 20}}, 'cfg.yaml:2')
>>> load_config_text("stats: [1]", "cfg.yaml")
Traceback (most recent call last):
...
newstool.config.ConfigError: cfg.yaml:1: section "stats" must be a mapping of settings
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newstool.pipeline import SECTIONS


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Config:
    """The checked sections of a configuration file, and where each key was written."""

    name: str | None = None  # the file, as named to the user; None when there is no file
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    lines: dict[tuple[str, str | None], int] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        """The settings of one section (empty when the file has none)."""
        return self.sections.get(name, {})

    def where(self, section: str, key: str | None = None) -> str:
        """``file:line`` of a key (or of the section), for messages.

        >>> Config("c.yaml", {"stats": {"top": 1}}, {("stats", "top"): 3}).where("stats", "top")
        'c.yaml:3'
        """
        line = self.lines.get((section, key)) or self.lines.get((section, None))
        return f"{self.name}:{line}" if line else str(self.name or "configuration")


def default_config_path() -> Path | None:
    """The user's configuration file, when there is one."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    path = Path(base) / "newstool" / "config.yaml"
    return path if path.is_file() else None


def load_config(path: str | os.PathLike[str] | None) -> Config:
    """Read and check a configuration file; ``None`` reads the user's default file if any."""
    if path is not None and not str(path):
        raise ConfigError("--config: the file name is empty (is the variable you used unset?)")
    chosen = Path(path) if path is not None else default_config_path()
    if chosen is None:
        return Config()
    return load_config_text(read_yaml_text(chosen, "configuration file", ConfigError), str(chosen))


def read_yaml_text(path: str | os.PathLike[str], kind: str, error: type[Exception]) -> str:
    """The text of a YAML file the user named; ``error`` says, naming it, why it cannot be read.

    >>> read_yaml_text("no/such.yaml", "pipeline file", ValueError)
    Traceback (most recent call last):
    ...
    ValueError: no/such.yaml: no such pipeline file; check the path
    """
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: no such {kind}; check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise error(f"{path}: cannot be read ({reason})") from None


def yaml_problem(exc: Exception, name: str) -> str:
    """``file:line: not valid YAML (...)`` for a PyYAML error."""
    mark = getattr(exc, "problem_mark", None)
    where = f"{name}:{mark.line + 1}" if mark is not None else name
    return f"{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})"


def load_config_text(text: str, name: str) -> Config:
    """Parse and check configuration YAML; ``name`` is used in messages."""
    import yaml

    try:
        data = yaml.safe_load(text)
        lines = _key_lines(yaml.compose(text))
    except yaml.YAMLError as exc:
        raise ConfigError(yaml_problem(exc, name)) from None
    if data is None:
        return Config(name)
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected sections such as 'clean:' at the top level")
    config = Config(name, {}, lines)
    for section, settings in data.items():
        if section not in SECTIONS:
            raise ConfigError(
                f"{config.where(str(section))}: unknown section {section!r}; "
                f"sections are {', '.join(SECTIONS)}"
            )
        if settings is None:
            settings = {}
        if not isinstance(settings, dict):
            raise ConfigError(
                f'{config.where(section)}: section "{section}" must be a mapping of settings'
            )
        config.sections[section] = {str(k).replace("-", "_"): v for k, v in settings.items()}
    return config


def _key_lines(root: Any) -> dict[tuple[str, str | None], int]:
    """1-based line of each section and each key in it, from the YAML node tree."""
    import yaml

    lines: dict[tuple[str, str | None], int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for section_node, settings_node in root.value:
        section = str(section_node.value)
        lines[(section, None)] = section_node.start_mark.line + 1
        if isinstance(settings_node, yaml.MappingNode):
            for key_node, _ in settings_node.value:
                key = str(key_node.value).replace("-", "_")
                lines[(section, key)] = key_node.start_mark.line + 1
    return lines
