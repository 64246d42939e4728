"""What the atheris entry points share: newstool instrumented for coverage, and the run."""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
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
    """Hand the command line (libFuzzer options, corpus folders) and the target to atheris."""
    import atheris

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
