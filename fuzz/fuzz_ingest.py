"""atheris entry point: decode + structure: raw bytes of any kind through ``ingest_bytes``.

The check is :func:`fuzz.targets.check_ingest`. Run with ``make fuzz`` (all targets), or
``.venv/bin/python -m fuzz.fuzz_ingest [libFuzzer options] [corpus folders]``.
"""

from fuzz.runner import instrumented, run

with instrumented():
    from fuzz.targets import check_ingest


def TestOneInput(data: bytes) -> None:
    check_ingest(data)


if __name__ == "__main__":
    run(TestOneInput)
