"""Fuzz targets for newstool (``make fuzz SECONDS=...``); see the README section "Fuzzing".

:mod:`fuzz.targets` holds the checks, plain functions of bytes that the regression test
(``tests/fuzz/test_regressions.py``) runs without atheris; ``fuzz_*.py`` are the thin atheris
entry points, one per target; :mod:`fuzz.seeds` writes the seed corpora at run time.
"""
