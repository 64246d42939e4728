"""The one stream runner every command uses: documents from a source, through a step, into a
sink, with a :class:`Report` of what happened.

A source yields documents and :class:`~newstool.io.InputProblem` values (an input that could
not be read, or a warning about one); a step is any ``Document -> Document`` callable (usually a
:class:`~newstool.pipeline.Pipeline`); a sink is one of :mod:`newstool.sinks`. Nothing here
prints or exits: the command line turns the report into messages and an exit status, and a
listener sees each message as it happens (progress, ``--diff``), so a long run keeps no list of
messages in memory.

>>> from newstool.model import Document
>>> from newstool.pipeline import compose, step
>>> from newstool.sinks import StreamSink
>>> import io
>>> out = io.StringIO()
>>> report = process([Document.from_dict({"text": "It rained.He left."})],
...                  compose([step("clean")]), StreamSink("jsonl", out))
>>> report.written, report.failed, report.exit_status
(1, 0, 0)
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, Protocol

from newstool.engines import ordered_map
from newstool.io import InputProblem
from newstool.model import Document
from newstool.readers import Unit
from newstool.sinks import DocumentNotWritten, Sink

MessageKind = Literal["error", "warning", "report"]


class Message(NamedTuple):  # not a frozen dataclass: made at start-up far faster
    """One thing to tell the user: an ``error`` (an input or document failed), a ``warning``,
    or a ``report`` (side output such as ``clean --diff``)."""

    kind: MessageKind
    text: str


class Listener(Protocol):
    """Told of each message and each written document while the run goes on."""

    def message(self, message: Message) -> None: ...

    def written(self, doc: Document | None) -> None: ...


@dataclass
class Report:
    """What a run did. ``messages`` holds every message only when no listener was given."""

    written: int = 0
    failed: int = 0
    warnings: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        """0 when every input was processed, 1 when some failed (the others were written)."""
        return 1 if self.failed else 0


def document_name(doc: Document) -> str:
    """How messages name a document: its path, else its id.

    >>> document_name(Document.from_dict({"id": "a1", "text": ""}))
    'document a1'
    """
    if doc.source is not None and doc.source.path:
        return doc.source.path
    return f"document {doc.id}"


def _tell(report: Report, listener: Listener | None, kind: MessageKind, text: str) -> None:
    """Count one message in ``report`` and pass it on (or keep it, when no one listens)."""
    if kind == "error":
        report.failed += 1
        report.errors.append(text)
    elif kind == "warning":
        report.warnings += 1
    message = Message(kind, text)
    if listener is not None:
        listener.message(message)
    else:
        report.messages.append(message)


def process(
    source: Iterable[Document | InputProblem],
    step: Callable[[Document], Document],
    sink: Sink,
    *,
    stage: str = "newstool",
    explain: Callable[[Document, Document], str] | None = None,
    listener: Listener | None = None,
    debug: bool = False,
) -> Report:
    """Run every document of ``source`` through ``step`` into ``sink``; close the sink.

    One bad input or document never stops the others: it is an error in the report. A step
    that raises is reported with its exception (``debug`` re-raises it, for a traceback);
    warnings the step adds are reported; ``explain(after, before)`` adds a ``report`` message
    per document. :class:`~newstool.sinks.OutputUnusable` from the sink stops the run.
    """
    report = Report()

    def tell(kind: MessageKind, text: str) -> None:
        _tell(report, listener, kind, text)

    for item in source:
        if isinstance(item, InputProblem):
            tell("warning" if item.skipped else "error", str(item))
            continue
        try:
            result = step(item)
        except Exception as exc:  # one bad document must not stop a cron job's whole batch
            if debug:
                raise
            tell(
                "error",
                f"{document_name(item)}: {stage} failed ({type(exc).__name__}: {exc}); "
                "the document was not written. Set NEWSTOOL_DEBUG=1 for a traceback and "
                "please report it",
            )
            continue
        for warning in result.warnings[len(item.warnings) :]:
            tell("warning", f"{document_name(result)}: {warning}")
        if explain is not None:
            tell("report", explain(result, item))
        try:
            report.outcomes[sink.write(result)] += 1
        except DocumentNotWritten as exc:
            tell("error", f"{document_name(result)}: {exc}")
            continue
        report.written += 1
        if listener is not None:
            listener.written(result)
    sink.close()
    return report


class UnitDone(NamedTuple):
    """What a worker did with one :class:`~newstool.readers.Unit`: its messages and counts,
    and the sink part holding its documents (rendered, or whole) for the parent to write."""

    report: Report
    part: Any


def process_unit(
    unit: Unit | InputProblem,
    *,
    step: Callable[[Document], Document],
    make_part: Callable[[], Any],
    stage: str = "newstool",
    explain: Callable[[Document, Document], str] | None = None,
    debug: bool = False,
) -> UnitDone:
    """The unit of work of the stage commands, in whatever process an engine runs it: read
    one piece of input, run its documents through ``step`` into a fresh part of the sink."""
    part = make_part()
    items = unit.items() if isinstance(unit, Unit) else [unit]
    report = process(items, step, part, stage=stage, explain=explain, debug=debug)
    return UnitDone(report, part)


def _unit_size(unit: Unit | InputProblem) -> int:
    return unit.size() if isinstance(unit, Unit) else 0


def process_units(
    units: Iterable[Unit | InputProblem],
    step: Callable[[Document], Document],
    sink: Any,
    *,
    jobs: int,
    stage: str = "newstool",
    explain: Callable[[Document, Document], str] | None = None,
    listener: Listener | None = None,
    debug: bool = False,
) -> Report:
    """:func:`process`, with the reading and the step in ``jobs`` worker processes (see
    :mod:`newstool.engines`): the same report and, in the same order, the same output. The
    sink (stdout, a file, a directory) is written here only."""
    worker = functools.partial(
        process_unit,
        step=step,
        make_part=sink.part_factory(),
        stage=stage,
        explain=explain,
        debug=debug,
    )
    report = Report()
    for done in ordered_map(worker, units, jobs=jobs, weigh=_unit_size):
        for message in done.report.messages:
            _tell(report, listener, message.kind, message.text)
        for item in done.part.items:
            try:
                report.outcomes[sink.absorb(item)] += 1
            except DocumentNotWritten as exc:
                name = document_name(item) if isinstance(item, Document) else "a document"
                _tell(report, listener, "error", f"{name}: {exc}")
                continue
            report.written += 1
            if listener is not None:
                listener.written(None)
    sink.close()
    return report
