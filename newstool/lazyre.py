"""Regular expressions compiled on first use, not when their module is imported.

A stage process imports far more patterns than one document needs (the rules for mojibake,
bracketed notes, list labels...), and compiling them was a third of its start-up. A module-level
pattern is written ``_NAME = lazyre.compile(r"...", flags)`` and used as a :class:`re.Pattern`:

>>> word = compile(r"\\w+")
>>> word.findall("Talks ended."), word.pattern
(['Talks', 'ended'], '\\\\w+')
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any


class LazyPattern:
    """What ``re.compile(pattern, flags)`` returns, compiled the first time any of its
    attributes but ``pattern`` (the source, to build other patterns from) is used; each
    attribute is then kept on the object, so later uses cost what a compiled pattern's do."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    @cached_property
    def _compiled(self) -> re.Pattern:
        return re.compile(self.pattern, self._flags)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value


def compile(pattern: str | bytes, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, compiled on first use."""
    return LazyPattern(pattern, flags)
