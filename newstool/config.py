"""The YAML configuration file.

Precedence, highest first: command-line options, ``NEWSTOOL_<COMMAND>_<OPTION>`` environment
variables (for example ``NEWSTOOL_STATS_TOP=20``), the configuration file, built-in defaults.
The file is ``--config FILE``, else ``$NEWSTOOL_CONFIG``, else
``$XDG_CONFIG_HOME/newstool/config.yaml`` (``~/.config/newstool/config.yaml``) when it exists.

It holds one section per subcommand. Keys named like the subcommand's options (``top``,
``format``, ``encoding``...; dashes or underscores) set their defaults; a section may also hold
stage settings that have no option, such as ``clean: {boilerplate: [...]}``::

    clean:
      skip: [quotes]
      boilerplate: ['^Subscribe to our newsletter']
    stats:
      top: 20

>>> load_config_text("stats:\\n  top: 20\\n", "cfg.yaml")
{'stats': {'top': 20}}
>>> load_config_text("stats: [1]", "cfg.yaml")
Traceback (most recent call last):
...
newstool.config.ConfigError: cfg.yaml: section "stats" must be a mapping of settings
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

SECTIONS = ("ingest", "clean", "split-sentences", "stats", "export")


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and the problem."""


def default_config_path() -> Path | None:
    """The user's configuration file, when there is one."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    path = Path(base) / "newstool" / "config.yaml"
    return path if path.is_file() else None


def load_config(path: str | os.PathLike[str] | None) -> dict[str, dict[str, Any]]:
    """Read and check a configuration file; ``None`` reads the user's default file if any."""
    chosen = Path(path) if path is not None else default_config_path()
    if chosen is None:
        return {}
    try:
        text = chosen.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{chosen}: cannot be read ({exc})") from None
    return load_config_text(text, str(chosen))


def load_config_text(text: str, name: str) -> dict[str, dict[str, Any]]:
    """Parse and check configuration YAML; ``name`` is used in messages."""
    import yaml

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{where}: not valid YAML ({problem})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected sections such as 'clean:' at the top level")
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise ConfigError(
            f"{name}: unknown section {unknown[0]!r}; sections are {', '.join(SECTIONS)}"
        )
    for section, settings in data.items():
        if not isinstance(settings, dict):
            raise ConfigError(f'{name}: section "{section}" must be a mapping of settings')
    return {section: {k.replace("-", "_"): v for k, v in s.items()} for section, s in data.items()}
