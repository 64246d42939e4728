"""Run every benchmark module (``benchmarks/bench_*.py``) in name order: ``python -m benchmarks``.

Pass module names to run only those: ``python -m benchmarks bench_sentences``. Each module runs
in its own interpreter: a child process forked from a parent that an earlier benchmark grew
would report the parent's memory as its own peak.
"""

import pkgutil
import subprocess
import sys
import time

import benchmarks


def main(argv: list[str]) -> None:
    names = sorted(
        m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.startswith("bench_")
    )
    for name in argv or names:
        print(f"\n== {name}", flush=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", f"benchmarks.{name}"], check=True)
        print(f"({name}: {time.perf_counter() - start:.0f} s)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
