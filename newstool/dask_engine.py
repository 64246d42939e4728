"""The Dask engine of ``newstool run --engine dask``: the run's own unit of work, mapped as Dask
tasks over a cluster (or over a ``LocalCluster`` started for the run).

Nothing is reimplemented here: the function mapped is the one ``--jobs`` maps
(:func:`newstool.run.process_input` on one input, through the driver's partial), over the
same groups of inputs (:func:`newstool.engines.tasks`: about 64 KiB of input each, here called
*shards*, one Dask task each), run on the worker as the pool runs them; the driver alone owns
the state, the lock and the outputs. This module only keeps a bounded number of shards in
flight on the cluster and yields the results in input order.

Functions travel to the workers by reference (module and name), so every worker must have the
same newstool installed: :meth:`DaskEngine.client` checks the workers there when the run
starts, and every shard checks its worker again (a worker that joins later is refused too).

Dask is imported only when a run has work for the engine (``newstool run`` with nothing to do
starts no cluster), and the local cluster is shut down on every exit path, Ctrl-C included, its
scratch folder removed.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from newstool import version
from newstool.engines import WorkerDied, available_cores, map_task, results_in_order, tasks

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

Item = TypeVar("Item")
Result = TypeVar("Result")

SHARDS_PER_THREAD = 3  # shards in flight per worker thread: every worker busy, memory bounded
# Bytes of input to a shard: four times a pool's task, as a Dask task costs more to send,
# schedule and gather (on 1,500 articles, 64 KiB shards ran at 0.78x the speed of --jobs 2
# once the cluster was up, 256 KiB shards at 0.92x; benchmarks/bench_dask.py)
SHARD_BYTES = 2**18
SCRATCH_PREFIX = "newstool-dask-"  # then the run's pid: the local cluster's scratch folder
CONNECT_TIMEOUT_S = 10  # how long a run tries to reach a remote scheduler
WORKER_TIMEOUT_S = 30  # how long a run waits for the first worker of a remote scheduler


class EngineProblem(Exception):
    """The cluster cannot run this pipeline (unreachable, no worker, another newstool)."""


class WorkerVersionMismatch(EngineProblem):
    """A worker has another newstool version than the machine that drives the run."""


def version_problem(worker: str, theirs: str, ours: str) -> str:
    """The message refusing a worker with another newstool.

    >>> version_problem("tcp://10.0.0.7:40123", "0.0.9", "0.1.0")  # doctest: +NORMALIZE_WHITESPACE
    'the Dask worker tcp://10.0.0.7:40123 has newstool 0.0.9, but this run is newstool 0.1.0:
    install newstool 0.1.0 on every worker and restart it (functions travel by reference)'
    """
    return (
        f"the Dask worker {worker} has newstool {theirs}, but this run is newstool {ours}: "
        f"install newstool {ours} on every worker and restart it (functions travel by reference)"
    )


def run_shard(
    function: Callable[[Item], Result], shard: list[Item], expected_version: str
) -> tuple[list[Result], Exception | None]:
    """On a worker: ``function`` over one shard as a pool worker runs a task, if this worker
    has the driver's newstool."""
    if version.__version__ != expected_version:
        from distributed import get_worker

        raise WorkerVersionMismatch(
            version_problem(get_worker().address, version.__version__, expected_version)
        )
    return map_task(function, shard)


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Worker processes started meanwhile ignore SIGINT (an ignored signal stays ignored in a
    child): Ctrl-C in a terminal reaches every process of the group, and it is the driver's to
    handle, once, by closing the cluster."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def receive(function: Callable[..., object]) -> None:
    """On a worker: nothing more than receiving ``function``, which imports every module its
    steps need (a pool's forked workers start with them imported)."""


def remove_stale_scratch(folder: str) -> None:
    """Remove the scratch folders in ``folder`` of local clusters whose run was killed
    (SIGKILL leaves no time to remove them; their workers end by themselves): the folder is
    named for the run's process id, and removed when that process is gone.

    >>> import tempfile, pathlib
    >>> tmp, gone = pathlib.Path(tempfile.mkdtemp()), 2**22 + 1  # above any pid_max
    >>> for pid in (os.getpid(), gone): (tmp / f"{SCRATCH_PREFIX}{pid}-x").mkdir()
    >>> remove_stale_scratch(str(tmp))
    >>> [p.name for p in tmp.iterdir()] == [f"{SCRATCH_PREFIX}{os.getpid()}-x"]
    True
    """
    import shutil
    from pathlib import Path

    for scratch in Path(folder).glob(f"{SCRATCH_PREFIX}*-*"):
        pid = scratch.name[len(SCRATCH_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(scratch, ignore_errors=True)
        except PermissionError:  # alive, another user's
            pass


def worker_version() -> str:
    """On a worker: the newstool installed there."""
    return version.__version__


class DaskEngine:
    """Maps the run's unit of work over a Dask cluster: the one at ``scheduler`` (an address
    such as ``tcp://HOST:8786``), or, without one, a ``LocalCluster`` of one single-threaded
    worker process per available core, started on first use. Use it as a context manager: the
    exit closes the client and the local cluster and removes its scratch folder."""

    def __init__(self, scheduler: str | None = None) -> None:
        self.scheduler = scheduler
        # connecting (and starting the local cluster), then the workers receiving the function
        self.startup_seconds = 0.0
        self._client: Client | None = None
        self._cluster: LocalCluster | None = None
        self._scratch: str | None = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def client(self) -> Client:
        """The client, connected (the local cluster started) on the first call, with every
        worker checked for this newstool version."""
        if self._client is None:
            started = time.monotonic()
            self._client = self._connect()
            self.startup_seconds = round(time.monotonic() - started, 3)
        return self._client

    def _connect(self) -> Client:
        from distributed import Client

        if self.scheduler is None:
            import logging
            import tempfile

            import dask
            from distributed import LocalCluster

            remove_stale_scratch(tempfile.gettempdir())
            self._scratch = tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
            settings = {
                # the scheduler's scratch space too, which would go to $TMPDIR/dask-scratch-space
                "temporary-directory": self._scratch,
                # the workers' statistical profiler (a stack sample every 10 ms) cost about a
                # quarter more CPU per document here
                "distributed.worker.profile.enabled": False,
            }
            with dask.config.set(settings), _workers_ignore_ctrl_c():
                self._cluster = LocalCluster(
                    n_workers=available_cores(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # None would still bind 8787
                    local_directory=self._scratch,
                    silence_logs=logging.ERROR,
                )
            client = Client(self._cluster)
        else:
            try:
                client = Client(self.scheduler, timeout=CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError) as exc:
                raise EngineProblem(
                    f"cannot reach the Dask scheduler at {self.scheduler} ({exc}); is "
                    "`dask scheduler` running there, and is the address right?"
                ) from None
        try:
            self._check_workers(client)
        except BaseException:
            client.close()
            raise
        return client

    def _check_workers(self, client: Client) -> None:
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT_S)
        except TimeoutError:
            raise EngineProblem(
                f"no Dask worker joined the scheduler at {self.scheduler} within "
                f"{WORKER_TIMEOUT_S} s: start `dask worker {self.scheduler}` on each machine"
            ) from None
        try:
            found = client.run(worker_version)
        except ImportError:
            raise EngineProblem(
                f"a Dask worker of {self.scheduler or 'the local cluster'} has no newstool: "
                f"install newstool {version.__version__} on every worker and restart it"
            ) from None
        for worker, theirs in sorted(found.items()):
            if theirs != version.__version__:
                raise WorkerVersionMismatch(version_problem(worker, theirs, version.__version__))

    def map(
        self,
        function: Callable[[Item], Result],
        items: Iterable[Item],
        *,
        weigh: Callable[[Item], int] | None = None,
    ) -> Iterator[Result]:
        """``map(function, items)`` on the cluster, results in input order, one task per shard
        of about :data:`SHARD_BYTES` by ``weigh`` (an item a shard without it); an exception in
        ``function`` is raised here after the results before it, as ``map`` would raise it."""
        batches = tasks(items, weigh, SHARD_BYTES, SHARD_BYTES)
        first = next(batches, None)
        if first is None:
            return
        client = self.client()
        started = time.monotonic()
        client.run(receive, function)  # part of the start-up, as the pool's imports are
        self.startup_seconds = round(self.startup_seconds + time.monotonic() - started, 3)
        in_flight = SHARDS_PER_THREAD * max(1, sum(client.nthreads().values()))

        def submit(shard: list[Item]) -> Future:
            return client.submit(run_shard, function, shard, version.__version__, pure=False)

        # Shards left pending (an error, Ctrl-C) are released with their futures, and the
        # scheduler forgets them when the client closes.
        from distributed import KilledWorker

        try:
            yield from results_in_order(submit, itertools.chain([first], batches), in_flight)
        except KilledWorker:
            raise WorkerDied(
                "Dask workers died on the same shard of inputs, again and again (killed, or "
                "out of memory); nothing more was written: run again with --engine local to "
                "see which input it was"
            ) from None

    def close(self) -> None:
        """Close the client, then the local cluster, then remove its scratch folder."""
        try:
            if self._client is not None:
                self._client.close()
            if self._cluster is not None:
                self._cluster.close()
        finally:
            self._client = self._cluster = None
            if self._scratch is not None:
                import shutil

                shutil.rmtree(self._scratch, ignore_errors=True)
                self._scratch = None


__all__ = ["DaskEngine", "EngineProblem", "WorkerVersionMismatch"]
