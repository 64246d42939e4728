"""``newstool run``: a pipeline file's inputs through its steps into its outputs, in one
process, incrementally, under a lock, safe against a crash at any instant.

- :mod:`newstool.run.pipefile` reads and checks the pipeline file;
- :mod:`newstool.run.state` is the SQLite state: one row per input, with its documents;
- :mod:`newstool.run.lock` keeps a second run off the same outputs;
- :mod:`newstool.run.outputs` renders the outputs from the state and installs them (the crash
  safety argument is in its docstring).

An input is *unchanged* when its path, size and mtime match its row (it is not read), or when
its bytes have the row's SHA-256; and only when the row was made by the same pipeline (the
steps' fingerprints cover every option, the shipped word lists and newstool's version). Any
other input is read and processed, and its row *replaces* the old one: the documents of an
input are always those of its latest bytes.

The unit of work is :func:`process_input` (one input's bytes -> its documents, errors and,
when the run has a summary output, their partial corpus summary): ``--jobs N`` maps it over a
pool of processes, ``--engine dask`` over a cluster in shards of inputs
(:mod:`newstool.dask_engine`), and both hand the results to the same driver, which alone owns
the state, the lock and the outputs. The state keeps each input's partial summary, and a
publication merges them by a tree reduction (:class:`~newstool.stats.summary.MergeTree`).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Title\\n\\nIt rained.He left.\\n")
>>> _ = (folder / "newstool.yaml").write_text(
...     "inputs: ['*.txt']\\nsteps: [clean]\\noutputs: {jsonl: out/docs.jsonl}\\n")
>>> report = run_pipeline(folder / "newstool.yaml")
>>> report.processed, report.unchanged, report.failed
(1, 0, 0)
>>> run_pipeline(folder / "newstool.yaml").unchanged
1
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from newstool.engines import ordered_map
from newstool.export import dump_jsonl_line
from newstool.io import InputProblem, binary_file_problem, expand_paths
from newstool.model import Document
from newstool.pipeline import Pipeline
from newstool.readers import DEFAULT_MAX_DOC_BYTES, read_stream
from newstool.run.lock import Locked, hold_lock
from newstool.run.outputs import OutputNotWritten, outputs_current, publish, remove_temporaries
from newstool.run.pipefile import PipefileError, PipelineSpec, load_pipefile
from newstool.run.state import LOCK_NAME, STATE_NAME, InputRow, State
from newstool.runner import Message, process
from newstool.sniff import BINARY_SNIFF_BYTES, looks_binary

CHANGED_PIPELINE = "the pipeline changed (steps, options or newstool version): redoing every input"


class RunListener(Protocol):
    """Told how many inputs will be processed, of each one done, and of each message."""

    def planned(self, total: int) -> None: ...

    def advanced(self, path: str) -> None: ...

    def message(self, message: Message) -> None: ...


class Engine(Protocol):
    """Maps the unit of work over the inputs on other machines, results in input order
    (:class:`newstool.dask_engine.DaskEngine`); ``startup_seconds`` is what reaching them cost."""

    startup_seconds: float

    def map(
        self,
        function: Callable[[Any], Any],
        items: Iterable[Any],
        *,
        weigh: Callable[[Any], int] | None = None,
    ) -> Iterator[Any]: ...


@dataclass
class RunReport:
    """What a run did (or, with ``dry_run``, would do: ``actions``)."""

    processed: int = 0
    unchanged: int = 0
    failed: int = 0
    pruned: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    failed_inputs: list[dict[str, str]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)
    published: bool = False
    output_error: str | None = None  # why the outputs could not be written, if so

    @property
    def exit_status(self) -> int:
        """0 when every input was processed, 1 when some failed, 2 when the outputs could
        not be written (they are left as they were; the next run publishes them)."""
        return 2 if self.output_error else 1 if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        """The ``--report`` JSON."""
        return {
            "processed": self.processed,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "pruned": self.pruned,
            "seconds": self.seconds,
            "failed_inputs": self.failed_inputs,
            "reasons": self.reasons,
            "published": self.published,
            "output_error": self.output_error,
            **({"actions": [list(a) for a in self.actions]} if self.actions else {}),
        }


@dataclass(frozen=True)
class Processed:
    """One input's documents (JSON lines) and errors, the warnings to tell, and the
    documents' partial Summary as JSON (empty when the run has no summary output)."""

    lines: list[str]
    ids: list[str]
    errors: list[str]
    warnings: list[str]
    summary: str = ""


class _Collect:
    """A sink keeping the documents of one input."""

    def __init__(self) -> None:
        self.docs: list[Document] = []

    def write(self, doc: Document) -> str:
        self.docs.append(doc)
        return "written"

    def close(self) -> None:
        pass


def process_input(
    name: str,
    data: bytes,
    pipeline: Pipeline,
    encoding: str | None = None,
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES,
    summary_top: int | None = None,
) -> Processed:
    """Read one input's bytes and run its documents through ``pipeline``: the unit of work.
    With ``summary_top`` (the run has a summary output), summarise them too.

    >>> from newstool.pipeline import compose, step
    >>> done = process_input("a.jsonl", b'{"text": "Hi."}\\nbroken\\n', compose([step("clean")]))
    >>> len(done.lines), done.errors, done.summary
    (1, ['a.jsonl:2: not valid JSON (Expecting value at column 1); fix or remove the line'], '')
    >>> json.loads(process_input("b.txt", b"Hi.", Pipeline(), summary_top=5).summary)["documents"]
    1
    """
    if looks_binary(data[:BINARY_SNIFF_BYTES]):  # walks do not sniff: unchanged files stay unread
        return Processed([], [], [], [str(binary_file_problem(name))])
    sink = _Collect()
    source = read_stream(
        io.BytesIO(data), name, path=name, encoding=encoding, max_doc_bytes=max_doc_bytes
    )
    report = process(source, pipeline, sink, stage="run")
    warnings = [m.text for m in report.messages if m.kind == "warning"]
    lines = [dump_jsonl_line(doc) for doc in sink.docs]
    summary = ""
    if summary_top is not None:
        from newstool.stats import summarise

        summary = json.dumps(summarise(sink.docs, summary_top).state())
    return Processed(lines, [doc.id for doc in sink.docs], report.errors, warnings, summary)


def pipeline_fingerprint(spec: PipelineSpec) -> str:
    """A digest of the steps' fingerprints and the reader's (each covers newstool's version)."""
    from newstool.ingest import ingest_fingerprint

    parts = [
        ingest_fingerprint(spec.encoding),
        *(s.options.fingerprint for s in spec.pipeline.steps),
    ]
    names = ",".join(spec.pipeline.names)
    return hashlib.sha256(f"{names}|{'|'.join(parts)}".encode()).hexdigest()[:16]


def summary_top(spec: PipelineSpec) -> int:
    """The number of top terms the summary keeps: the stats step's ``top``, else 10."""
    for each in spec.pipeline.steps:
        if each.name == "stats":
            return each.options.top
    return 10


def run_pipeline(
    pipefile_path: str | os.PathLike[str],
    *,
    full: bool = False,
    prune: bool = False,
    dry_run: bool = False,
    retry_failed: bool = False,
    listener: RunListener | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
) -> RunReport:
    """Run the pipeline file: see the module docstring. Raises :class:`PipefileError` and
    :class:`Locked`; Ctrl-C and SIGTERM stop it between two transactions. ``jobs`` worker
    processes compute (:func:`process_input`), or ``engine`` maps it over a cluster; this
    process alone reads the state and writes it and the outputs."""
    started = time.monotonic()
    spec = load_pipefile(pipefile_path)
    report = RunReport()
    state_path = spec.state_dir / STATE_NAME
    if dry_run:
        state = State.open(state_path, read_only=True) if state_path.exists() else State.empty()
        try:
            _run(spec, state, report, full, prune, retry_failed, listener, dry_run=True, jobs=1)
        finally:
            state.close()
    else:
        with hold_lock(spec.state_dir / LOCK_NAME):
            state = State.open(state_path)
            try:
                claim(state, state_path, spec)
                _run(
                    spec,
                    state,
                    report,
                    full,
                    prune,
                    retry_failed,
                    listener,
                    dry_run=False,
                    jobs=jobs,
                    engine=engine,
                )
            finally:
                state.close()
    report.seconds["total"] = round(time.monotonic() - started, 3)
    return report


def claim(state: State, state_path: Path, spec: PipelineSpec) -> None:
    """The state belongs to one pipeline file: another one whose first output shares the
    folder would publish this one's documents as its own."""
    mine = os.path.abspath(spec.name)
    owner = state.get("pipeline_file")
    if owner is None:
        state.set("pipeline_file", mine)
    elif owner != mine:
        raise PipefileError(
            f"{spec.name}: {state_path} is the state of another pipeline file ({owner}); "
            "give this pipeline's outputs a folder of their own"
        )


def _run(
    spec: PipelineSpec,
    state: State,
    report: RunReport,
    full: bool,
    prune: bool,
    retry_failed: bool,
    listener: RunListener | None,
    *,
    dry_run: bool,
    jobs: int,
    engine: Engine | None = None,
) -> None:
    top = summary_top(spec)
    started = time.monotonic()
    if not dry_run:
        remove_temporaries(spec.outputs)
        if state.get("outputs") is not None and not outputs_current(state, spec.outputs, top):
            report.reasons.append("the outputs did not match the state: rebuilt from the state")
            _publish(state, spec, top, report, listener)
    fingerprint = pipeline_fingerprint(spec)
    rows = state.summaries()
    paths, problems = _expand(spec.inputs, [Path(spec.name), *spec.outputs.paths()])
    for problem in problems:
        if problem.skipped:
            if listener is not None:
                listener.message(Message("warning", str(problem)))
        else:
            _fail(report, listener, problem.name, str(problem))
    if any(p in rows and rows[p].fingerprint != fingerprint for p in paths) and not full:
        report.reasons.append(CHANGED_PIPELINE)
    todo = []
    for path in paths:
        row = rows.get(path)
        forced = full or retry_failed and row is not None and row.status == "failed"
        try:
            info = os.stat(path)
        except OSError as exc:
            _fail(report, listener, path, f"{path}: cannot be read ({exc.strerror})")
            continue
        same_stat = row is not None and (row.size, row.mtime_ns) == (info.st_size, info.st_mtime_ns)
        if not forced and same_stat and row.fingerprint == fingerprint:
            _unchanged(report, listener, row)
        else:
            todo.append((path, row, forced))
    gone = sorted(set(rows) - set(paths)) if prune else []
    report.seconds["plan"] = round(time.monotonic() - started, 3)
    if listener is not None:
        listener.planned(len(todo))
    started = time.monotonic()
    read: deque[_Read] = deque()  # read here, in input order, waiting for their results

    def work() -> Iterator[tuple[str, bytes] | None]:
        for path, row, forced in todo:
            read.append(_read(state, report, listener, path, row, forced, fingerprint, dry_run))
            yield read[-1].work

    unit = functools.partial(
        _process_work,
        pipeline=spec.pipeline,
        encoding=spec.encoding,
        max_doc_bytes=spec.max_doc_bytes,
        summary_top=None if spec.outputs.summary is None else top,
    )
    if engine is None:
        mapped = ordered_map(unit, work(), jobs=jobs, weigh=_work_size)
    else:
        mapped = engine.map(unit, work(), weigh=_work_size)
    pending = _PendingRows(state)
    for done in mapped:
        one = read.popleft()
        if done is not None:
            _record(pending, report, listener, one, fingerprint, done)
        if listener is not None:
            listener.advanced(one.path)
    pending.commit()
    report.seconds["process"] = round(time.monotonic() - started, 3)
    if engine is not None:
        report.seconds["engine_start"] = engine.startup_seconds  # part of "process"
    report.pruned = len(gone)
    report.actions.extend(("prune", path) for path in gone if dry_run)
    if dry_run:
        return
    if gone:
        state.remove(gone)
    started = time.monotonic()
    if not outputs_current(state, spec.outputs, top):
        _publish(state, spec, top, report, listener)
    report.seconds["publish"] = round(time.monotonic() - started, 3)


def _publish(
    state: State, spec: PipelineSpec, top: int, report: RunReport, listener: RunListener | None
) -> None:
    """Publish the outputs; an output that cannot be written is reported, and the run goes on
    (its exit status says so)."""
    if report.output_error:
        return  # it failed before in this run: the next run tries again
    try:
        publish(state, spec.outputs, top)
        report.published = True
    except OutputNotWritten as exc:
        report.output_error = str(exc)
        if listener is not None:
            listener.message(Message("error", str(exc)))


@dataclass(frozen=True)
class _Read:
    """One input as the driver found it: ``work`` (its path and bytes) when it must be
    processed, None when it was unchanged, unreadable, or this is a dry run."""

    path: str
    row: InputRow | None = None
    size: int = 0
    mtime_ns: int = 0
    digest: str = ""
    work: tuple[str, bytes] | None = None


def _read(
    state: State,
    report: RunReport,
    listener: RunListener | None,
    path: str,
    row: InputRow | None,
    forced: bool,
    fingerprint: str,
    dry_run: bool,
) -> _Read:
    """Read one input in the driver and settle it at once when its bytes are unchanged."""
    try:
        info = os.stat(path)  # before reading: a later change shows as a newer mtime
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        _fail(report, listener, path, f"{path}: cannot be read ({exc.strerror})")
        return _Read(path)
    digest = hashlib.sha256(data).hexdigest()
    if not forced and row is not None and row.sha256 == digest and row.fingerprint == fingerprint:
        _unchanged(report, listener, row)
        if not dry_run:
            state.touch(path, info.st_size, info.st_mtime_ns)
        return _Read(path)
    if dry_run:
        report.processed += 1
        report.actions.append(("new" if row is None else "process", path))
        return _Read(path)
    return _Read(path, row, info.st_size, info.st_mtime_ns, digest, (path, data))


def _work_size(work: tuple[str, bytes] | None) -> int:
    return 0 if work is None else len(work[1])


def _process_work(
    work: tuple[str, bytes] | None,
    *,
    pipeline: Pipeline,
    encoding: str | None,
    max_doc_bytes: int,
    summary_top: int | None,
) -> Processed | None:
    """In a worker (or here): :func:`process_input` on one input's bytes, if it has work."""
    if work is None:
        return None
    return process_input(*work, pipeline, encoding, max_doc_bytes, summary_top)


# The rows of processed inputs are committed together, in transactions of at most this many
# rows, documents of this many bytes, or inputs processed over this many seconds.
ROWS_PER_COMMIT = 32
BYTES_PER_COMMIT = 2**23
SECONDS_PER_COMMIT = 1.0


class _PendingRows:
    """Rows of processed inputs waiting for their transaction (see :data:`ROWS_PER_COMMIT`):
    one per input cost a lock and a write of the journal each. A run killed before their
    commit loses only them: the next run processes those inputs again."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.rows: list[InputRow] = []
        self.size = 0
        self.since = time.monotonic()

    def add(self, row: InputRow) -> None:
        """Keep ``row``, committing the rows kept when there are enough of them."""
        self.rows.append(row)
        self.size += len(row.documents)
        if (
            len(self.rows) >= ROWS_PER_COMMIT
            or self.size >= BYTES_PER_COMMIT
            or time.monotonic() - self.since >= SECONDS_PER_COMMIT
        ):
            self.commit()

    def commit(self) -> None:
        """Commit the rows kept, in one transaction."""
        if self.rows:
            self.state.record_all(self.rows)
        self.rows, self.size, self.since = [], 0, time.monotonic()


def _record(
    pending: _PendingRows,
    report: RunReport,
    listener: RunListener | None,
    one: _Read,
    fingerprint: str,
    done: Processed,
) -> None:
    """Record one processed input's row (committed with the next rows), and report it."""
    for warning in done.warnings:
        if listener is not None:
            listener.message(Message("warning", warning))
    status = "failed" if done.errors else "ok"
    pending.add(
        InputRow(
            one.path,
            one.size,
            one.mtime_ns,
            one.digest,
            fingerprint,
            status,
            "\n".join(done.errors),
            done.ids,
            "".join(done.lines),
            summary=done.summary,
        )
    )
    report.processed += 1
    if done.errors:
        _fail(report, listener, one.path, *done.errors)


def _unchanged(report: RunReport, listener: RunListener | None, row: InputRow) -> None:
    """An input not read again. One that failed is still failing: it is reported every run
    (exit 1), so that a cron job keeps saying so until the input is fixed or removed."""
    report.unchanged += 1
    if row.status == "failed":
        still = "(unchanged since it failed: fix it, remove it, or use --retry-failed)"
        _fail(report, listener, row.path, *(f"{e} {still}" for e in row.error.splitlines()))


def _fail(report: RunReport, listener: RunListener | None, path: str, *errors: str) -> None:
    """One failed input (counted once), with each of its errors reported."""
    report.failed += 1
    for error in errors:
        report.failed_inputs.append({"input": path, "error": error})
        if listener is not None:
            listener.message(Message("error", error))


def _expand(
    inputs: Iterable[str], outputs: Iterable[Path] = ()
) -> tuple[list[str], list[InputProblem]]:
    """The input files (each once, in order) and the problems met finding them (failures, and
    warnings for what was passed over, this pipeline's own files among them)."""
    paths: dict[str, None] = {}
    problems = []
    for item in expand_paths(inputs, sniff=False, outputs=outputs):
        if isinstance(item, InputProblem):
            problems.append(item)
        else:
            paths[item] = None
    return list(paths), problems


__all__ = ["Engine", "Locked", "PipefileError", "RunReport", "process_input", "run_pipeline"]
