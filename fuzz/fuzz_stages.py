"""atheris entry point: ingest, then clean, split-sentences and stats on what it gives.

The check is :func:`fuzz.targets.check_stages`. Run with ``make fuzz`` (all targets), or
``.venv/bin/python -m fuzz.fuzz_stages [libFuzzer options] [corpus folders]``.
"""

from fuzz.runner import instrumented, run

with instrumented():
    from fuzz.targets import check_stages


def TestOneInput(data: bytes) -> None:
    check_stages(data)


if __name__ == "__main__":
    run(TestOneInput)
