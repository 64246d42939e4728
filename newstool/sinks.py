"""Where processed documents go: a stream in one format, one file per document in a directory,
or a corpus summary. Every sink has the same two methods, so :func:`newstool.runner.process`
(and, later, ``newstool run`` and its engines) treat them alike:

- ``write(doc) -> str``: the outcome for the report (``written``, ``unchanged``,
  ``replaced``, ``summarised``); raises :class:`DocumentNotWritten` when this one document
  could not be written (the run goes on) and :class:`OutputUnusable` when no document can be
  (the run stops: a read-only or full directory);
- ``close()``: finish the output (the ``]`` of a JSON array).

>>> import io
>>> from newstool.model import Document
>>> out = io.StringIO()
>>> sink = StreamSink("jsonl", out)
>>> sink.write(Document.from_dict({"id": "a", "text": "Hi."}))
'written'
>>> sink.close(); out.getvalue()[:21]
'{"schema":1,"id":"a",'
"""

from __future__ import annotations

import contextlib
import errno
import functools
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol, TextIO

from newstool.export import export_filename, open_writer, write_document_file
from newstool.model import Document

# Out of room or not allowed to write there: every later document would fail the same way.
_WHOLE_OUTPUT_ERRORS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT}


class DocumentNotWritten(Exception):
    """One document could not be written; the message says why. The others go on."""


class OutputUnusable(Exception):
    """The output cannot take any document (permissions, a read-only or full disk)."""


def _rendered(render: Callable[[Document], Iterable[str]], doc: Document) -> Iterable[str]:
    try:
        return render(doc)
    except RENDER_ERRORS as exc:
        raise not_renderable(exc) from None


class RenderedPart:
    """A worker's share of a :class:`StreamSink`: its documents rendered, in order, in
    ``items``, for the parent to write (``StreamSink.absorb``)."""

    def __init__(self, fmt: str, options: dict[str, Any]) -> None:
        self._render = open_writer(fmt, io.StringIO(), **options).render
        self.items: list[list[str]] = []

    def write(self, doc: Document) -> str:
        self.items.append(list(_rendered(self._render, doc)))
        return "written"

    def close(self) -> None:
        pass

    def __getstate__(self) -> dict[str, Any]:
        return {"items": self.items}  # back to the parent: the texts, not the renderer


class DocumentsPart:
    """A worker's share of a :class:`DirectorySink`: its documents, for the parent to write."""

    def __init__(self) -> None:
        self.items: list[Document] = []

    def write(self, doc: Document) -> str:
        self.items.append(doc)
        return "written"

    def close(self) -> None:
        pass


def not_renderable(exc: Exception) -> DocumentNotWritten:
    """Why a document could not be rendered in an output format, for the user.

    >>> str(not_renderable(RecursionError("maximum recursion depth exceeded")))
    'cannot be written: a field holds arrays or objects nested hundreds deep'
    """
    if isinstance(exc, RecursionError):
        reason = "a field holds arrays or objects nested hundreds deep"
    elif isinstance(exc, UnicodeEncodeError):
        reason = "a field holds a lone surrogate, a character UTF-8 cannot encode"
    elif "JSON compliant" in str(exc):
        reason = "a number is NaN or Infinity, which JSON cannot hold"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return DocumentNotWritten(f"cannot be written: {reason}")


# What rendering a document can raise for what one document holds (never for the output).
RENDER_ERRORS = (ValueError, TypeError, RecursionError)


class Sink(Protocol):
    """What the runner writes documents to."""

    def write(self, doc: Document) -> str: ...

    def close(self) -> None: ...


class StreamSink:
    """Documents one after another on an open text stream (stdout, an atomic file), named
    ``name`` in messages. A write that fails (a full disk, a file-size limit) stops the run:
    :class:`OutputUnusable`; a reader that went away is still :class:`BrokenPipeError`."""

    def __init__(self, fmt: str, out: TextIO, *, name: str = "stdout", **options: Any) -> None:
        self._writer = open_writer(fmt, out, **options)
        self.name = name
        self.fmt = fmt
        self.options = options

    def write(self, doc: Document) -> str:
        return self.absorb(_rendered(self._writer.render, doc))

    def part_factory(self) -> Callable[[], RenderedPart]:
        """What a worker writes its documents to: they come back rendered, for :meth:`absorb`."""
        return functools.partial(RenderedPart, self.fmt, self.options)

    def absorb(self, rendered: Iterable[str]) -> str:
        """Write one document rendered by a :class:`RenderedPart`."""
        try:
            with self._writing():
                self._writer.write_rendered(rendered)
        except UnicodeEncodeError as exc:  # encoded as it is written, nothing of it written
            raise not_renderable(exc) from None
        return "written"

    def flush(self) -> None:
        """Send on what is written so far (the stage is about to wait for more input)."""
        with self._writing():
            self._writer.out.flush()

    def close(self) -> None:
        with self._writing():
            self._writer.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """A write that fails is :class:`OutputUnusable`; a reader gone is still
        :class:`BrokenPipeError`."""
        try:
            yield
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputUnusable(f"cannot write {self.name}: {exc.strerror or exc}") from None


class DirectorySink:
    """One file per document in ``directory`` (see :func:`newstool.export.write_document_file`);
    ``force`` replaces different existing files, never one this sink wrote itself.

    >>> import tempfile
    >>> from newstool.model import Document
    >>> sink = DirectorySink(tempfile.mkdtemp(), "markdown")
    >>> doc = Document.from_dict({"id": "a0fc1bd8", "title": "T", "text": "x"})
    >>> sink.write(doc), sink.write(doc)
    ('written', 'unchanged')
    """

    def __init__(self, directory: str | Path, fmt: str, *, force: bool = False, **options: Any):
        self.directory = Path(directory)
        self.fmt = fmt
        self.force = force
        self.options = options
        self._written: set[str] = set()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputUnusable(f"cannot create directory {directory}: {exc.strerror}") from None

    def write(self, doc: Document) -> str:
        try:
            name = export_filename(doc, self.fmt)
            force = self.force and name not in self._written
            outcome = write_document_file(
                self.directory, doc, self.fmt, force=force, **self.options
            )
        except RENDER_ERRORS as exc:
            raise not_renderable(exc) from None
        except FileExistsError as exc:
            if name in self._written:
                raise DocumentNotWritten(
                    f"{name} was written by another document of this run; not overwritten"
                ) from None
            raise DocumentNotWritten(str(exc)) from None
        except OSError as exc:
            if exc.errno in _WHOLE_OUTPUT_ERRORS:
                raise OutputUnusable(
                    f"cannot write in {self.directory_name}: {exc.strerror}"
                ) from None
            raise DocumentNotWritten(f"cannot be written ({exc.strerror or exc})") from None
        self._written.add(name)
        return outcome

    def part_factory(self) -> Callable[[], DocumentsPart]:
        """What a worker writes its documents to: they come back whole, for :meth:`absorb`."""
        return DocumentsPart

    def absorb(self, doc: Document) -> str:
        """Write one document a worker processed."""
        return self.write(doc)

    @property
    def directory_name(self) -> str:
        """The directory as the user wrote it, with its trailing slash."""
        return f"{self.directory}/"

    def close(self) -> None:
        pass


class SummarySink:
    """Folds every document into one mergeable corpus summary (``.summary``)."""

    def __init__(self, top: int = 10) -> None:
        from newstool.stats.summary import Summary

        self.summary = Summary(top=top)

    def write(self, doc: Document) -> str:
        self.summary.add(doc)
        return "summarised"

    def close(self) -> None:
        pass


class DatabaseSink:
    """Documents upserted by id into a SQLite database (see :mod:`newstool.database`).

    A document already there with the same JSON, or differing only in the volatile
    ``source.path`` and ``source.ingested_at``, is ``unchanged`` (its rows are not touched); a
    different one is ``replaced`` in every table. A second document of the same export with an
    id already written and other content (not the same file at another path) is not written
    (:class:`DocumentNotWritten`).

    >>> import tempfile, pathlib
    >>> from newstool.model import Document
    >>> sink = DatabaseSink(pathlib.Path(tempfile.mkdtemp()) / "corpus.db")
    >>> doc = Document.from_dict({"id": "a0fc1bd8", "title": "T", "text": "x"})
    >>> sink.write(doc), sink.write(doc), sink.close()
    ('written', 'unchanged', None)
    """

    def __init__(self, path: str | Path) -> None:
        from newstool.database import CorpusDatabase, DatabaseError

        self.name = str(path)
        try:
            self._db = CorpusDatabase.open(path)
        except DatabaseError as exc:
            raise OutputUnusable(str(exc)) from None
        self._written: set[str] = set()

    def write(self, doc: Document) -> str:
        import sqlite3

        from newstool.database import json_digest
        from newstool.export import json_text

        try:
            data = doc.to_dict()
            line = json_text(data)
            digest = json_digest(line)
            stored = self._db.stored(doc.id)
            if stored is not None and (
                stored[0] == digest or _same_apart_from_volatile(json.loads(stored[1]), data)
            ):
                return "unchanged"
            if doc.id in self._written:
                raise DocumentNotWritten(
                    f"id {doc.id} was written by another document of this export; not replaced"
                )
            self._db.put(data, line)
        except RENDER_ERRORS as exc:
            raise not_renderable(exc) from None
        except sqlite3.OperationalError as exc:  # a full disk, a read-only file, a lock
            raise OutputUnusable(f"cannot write {self.name}: {exc}") from None
        except sqlite3.Error as exc:
            raise DocumentNotWritten(f"cannot be written: {exc}") from None
        self._written.add(doc.id)
        return "written" if stored is None else "replaced"

    def part_factory(self) -> Callable[[], DocumentsPart]:
        """What a worker writes its documents to: they come back whole, for :meth:`absorb`."""
        return DocumentsPart

    def absorb(self, doc: Document) -> str:
        """Write one document a worker processed."""
        return self.write(doc)

    def close(self) -> None:
        import sqlite3

        try:
            self._db.close()
        except sqlite3.Error as exc:
            raise OutputUnusable(f"cannot write {self.name}: {exc}") from None


def _same_apart_from_volatile(stored: dict[str, Any], data: dict[str, Any]) -> bool:
    """Whether two document objects differ at most in ``source.path`` and ``ingested_at``.

    >>> _same_apart_from_volatile({"source": {"path": "a"}}, {"source": {"path": "b"}})
    True
    """
    from newstool.export import VOLATILE_SOURCE_FIELDS

    def steady(fields: dict[str, Any]) -> dict[str, Any]:
        source = fields.get("source")
        if not isinstance(source, dict):
            return fields
        kept = {k: v for k, v in source.items() if k not in VOLATILE_SOURCE_FIELDS}
        return {**fields, "source": kept}

    return steady(stored) == steady(data)
