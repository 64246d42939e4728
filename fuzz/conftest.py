"""The doctests of fuzz/ run in ``make test``; the atheris entry points need the ``fuzz``
extra, which the suite does not install, so they are not collected."""

collect_ignore_glob = ["fuzz_*.py"]
