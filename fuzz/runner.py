"""What the atheris entry points share: newstool instrumented for coverage, and the run."""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import shlex
import sys
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def instrumented() -> Iterator[None]:
    """Instrument newstool as it is imported, and import all of it while the hook is on: the
    stages import some of their modules on first use, which would then go uninstrumented."""
    import atheris

    with atheris.instrument_imports(include=["newstool"]):
        yield
        import newstool

        for module in pkgutil.walk_packages(newstool.__path__, "newstool."):
            importlib.import_module(module.name)


def run(test_one_input: Callable[[bytes], None]) -> None:
    """Hand the command line (libFuzzer options, corpus folders) and the target to atheris.

    libFuzzer runs itself again as ``argv[0]`` through the shell for some options
    (``-minimize_crash``, ``-fork``), so ``argv[0]`` is the command that runs this module."""
    import atheris

    main = sys.modules["__main__"].__spec__
    command = sys.argv[0] if main is None else f"{shlex.quote(sys.executable)} -m {main.name}"
    atheris.Setup([command, *sys.argv[1:]], test_one_input)
    atheris.Fuzz()
