"""For every test and doctest: temporary files (``tempfile.mkdtemp()`` in the examples) go
under pytest's own temporary directory, which pytest removes, not into /tmp for good."""

import tempfile

import pytest


@pytest.fixture(autouse=True)
def _temporary_files_under_pytest(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
