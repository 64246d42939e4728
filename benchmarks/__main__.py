"""Run every benchmark module (``benchmarks/bench_*.py``) in name order: ``python -m benchmarks``.

Pass module names to run only those: ``python -m benchmarks bench_sentences``.
"""

import importlib
import pkgutil
import sys

import benchmarks


def main(argv: list[str]) -> None:
    names = sorted(
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    )
    for name in argv or names:
        print(f"\n== {name}", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
