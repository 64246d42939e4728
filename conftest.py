"""For every test and doctest: temporary files (``tempfile.mkdtemp()`` in the examples) go
under pytest's own temporary directory, which pytest removes, not into /tmp for good; and the
processes the tests start get Ctrl-C as a terminal gives it, however the suite was started."""

import signal
import tempfile

import pytest


def pytest_configure(config):
    # A shell without job control starts a background command (`make test &`, a script's
    # `cmd &`) with SIGINT ignored, and an ignored signal stays ignored in every child: Python
    # then installs no KeyboardInterrupt handler, and the tests that press Ctrl-C on a real
    # `newstool` process would see it run on to the end.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def _temporary_files_under_pytest(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
