"""atheris entry point: the readers: the bytes as a ``.jsonl`` file and as standard input.

The check is :func:`fuzz.targets.check_reader`. Run with ``make fuzz`` (all targets), or
``.venv/bin/python -m fuzz.fuzz_reader [libFuzzer options] [corpus folders]``.
"""

from fuzz.runner import instrumented, run

with instrumented():
    from fuzz.targets import check_reader


def TestOneInput(data: bytes) -> None:
    check_reader(data)


if __name__ == "__main__":
    run(TestOneInput)
