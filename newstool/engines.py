"""How pieces of work are mapped: in this process, or over a pool of worker processes.

An engine maps one picklable function over pieces of input and yields the results **in input
order**, with a bounded number of pieces in flight (memory stays flat however long the input).
The function is the same whichever engine runs it: the library's own unit of work
(:func:`newstool.runner.process_unit` for the stage commands, :func:`newstool.run.process_input`
for ``newstool run``); workers only compute, the caller alone writes.

>>> list(ordered_map(abs, [-1, 2, -3], jobs=1))
[1, 2, 3]
"""

from __future__ import annotations

import functools
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

Item = TypeVar("Item")
Result = TypeVar("Result")
# What a task gives back: the results of its items, and the exception that stopped it, if any.
TaskResult = tuple[list, Exception | None]

# Tasks in flight per worker: enough to keep every worker busy, few enough to bound memory.
IN_FLIGHT_PER_JOB = 4
# With ``weigh``, small pieces travel together, about this many bytes of input to the first
# task, twice as many to each next one up to the most: a small input is still shared between
# the workers, and a large one makes few round trips (each costs the parent a good part of a
# millisecond: with 64 KiB tasks throughout, ``export --jobs 2`` was slower than one job).
TASK_BYTES = 2**16
MOST_TASK_BYTES = 2**20


def available_cores() -> int:
    """The cores this process may run on (``taskset`` and cgroup pinning included)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """``--jobs``: a number of worker processes, 0 meaning one per available core.

    >>> resolve_jobs(3), resolve_jobs(0) == available_cores()
    (3, True)
    """
    return jobs if jobs > 0 else available_cores()


def ordered_map(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    *,
    jobs: int = 1,
    weigh: Callable[[Item], int] | None = None,
) -> Iterator[Result]:
    """``map(function, items)`` with ``jobs`` worker processes (1: in this process), results in
    input order. An exception in ``function`` is raised here, as ``map`` would raise it.

    ``weigh`` (an item's size in bytes) lets consecutive small items go to a worker as one task
    (see :func:`tasks`: the first of :data:`TASK_BYTES`, later ones larger); without it each
    item is a task. Workers ignore Ctrl-C (the parent handles it, once, and stops them); they
    are forked, so they start at once with everything already imported.

    >>> list(ordered_map(len, ["ab", "c", "def"], jobs=2, weigh=len))
    [2, 1, 3]
    """
    if jobs <= 1:
        yield from map(function, items)
        return
    import multiprocessing  # only here: a process of one job starts faster without them
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_worker_signals, initargs=(os.getpid(),)
    )
    submit = functools.partial(pool.submit, map_task, function)
    try:
        yield from results_in_order(submit, tasks(items, weigh), jobs * IN_FLIGHT_PER_JOB)
    except BrokenProcessPool:
        raise WorkerDied(
            "a worker process died (killed, or out of memory); nothing more was written: "
            "run again with --jobs 1 to see which input it was"
        ) from None
    finally:  # the tasks not started yet are cancelled; the running ones end first
        pool.shutdown(wait=True, cancel_futures=True)


def results_in_order(
    submit: Callable[[list[Item]], Future[TaskResult]],
    tasks: Iterable[list[Item]],
    in_flight: int,
) -> Iterator[Result]:
    """The results of each task that ``submit`` sends (to a pool, to a cluster), in task
    order, with at most ``in_flight`` tasks sent and not yet given back, so that memory stays
    bounded however many tasks there are. A task's future holds what :func:`map_task`
    returns; its exception is raised after the results before it."""
    pending: deque[Future[TaskResult]] = deque()
    for task in tasks:
        pending.append(submit(task))
        if len(pending) >= in_flight:
            yield from _results(pending.popleft())
    while pending:
        yield from _results(pending.popleft())


def tasks(
    items: Iterable[Item],
    weigh: Callable[[Item], int] | None,
    size: int = TASK_BYTES,
    most: int = MOST_TASK_BYTES,
) -> Iterator[list[Item]]:
    """``items`` in consecutive groups by ``weigh`` (one item a group without it): the first of
    about ``size`` bytes, each next one twice the last up to ``most``; an item as large as its
    group's size is a group of its own.

    >>> [len(task) for task in tasks([b"x" * 40_000] * 9, len)]
    [2, 4, 3]
    >>> [len(task) for task in tasks([b"x" * 40_000] * 9, len, most=2**16)]
    [2, 2, 2, 2, 1]
    >>> list(tasks("abc", None))
    [['a'], ['b'], ['c']]
    """
    task: list[Item] = []
    weight = 0
    for item in items:
        task.append(item)
        weight += weigh(item) if weigh is not None else size
        if weight >= size:
            yield task
            task, weight = [], 0
            if weigh is not None:
                size = min(size * 2, most)
    if task:
        yield task


def map_task(function: Callable[[Item], Result], task: list[Item]) -> TaskResult:
    """In a worker of any engine: ``function`` over one task's items, up to the first
    exception (returned, so that the results before it are given first, as ``map`` gives
    them)."""
    results = []
    try:
        for item in task:
            results.append(function(item))
    except Exception as exc:  # raised again in the parent, after the results before it
        return results, exc
    return results, None


def _results(done: Future[TaskResult]) -> Iterator[Result]:
    results, error = done.result()
    yield from results
    if error is not None:
        raise error


class WorkerDied(Exception):
    """A worker process ended without finishing its piece (killed, out of memory)."""


def _worker_signals(parent: int) -> None:
    """In a worker: Ctrl-C is the parent's to handle; SIGTERM ends the worker at once, and
    the kernel sends it when the parent dies, even by SIGKILL (Linux), so that no worker is
    left behind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still ends it
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


__all__ = [
    "WorkerDied",
    "available_cores",
    "ordered_map",
    "resolve_jobs",
    "map_task",
    "results_in_order",
    "tasks",
]
