"""The outputs of ``newstool run``, always rendered whole from the state, and how they are
installed so that a crash at any instant leaves outputs and state in agreement.

The argument. The state's rows are the truth; outputs are a function of the rows. A
*publication* has three phases:

1. **stage**: every output that differs from what is installed is written to a temporary
   file beside its target (``.NAME.newstool.tmp``), synced; its SHA-256, size and mtime are
   taken. The JSON Lines file is every row's documents in path order; the summary folds every
   document; the Markdown folder gets one file per document (a file whose bytes are already
   installed is not rewritten).
2. **commit**: one SQLite transaction marks every row published and records, in ``meta``,
   each output file's digest, size and mtime (``outputs``), the files to delete (``remove``:
   Markdown files of documents no longer present) and the output settings (``spec``).
3. **install**: ``os.replace`` each temporary file onto its target (a rename: the old file or
   the new one, never half), delete the ``remove`` files, sync the folders.

A crash before the commit leaves the old outputs, which match the old ``meta`` (the previous
publication's record), plus temporary files that the next run deletes; the new rows are still
unpublished and the next run publishes them. A crash after the commit leaves outputs that may
not match ``meta`` yet: before doing anything else, every run checks each recorded file (size
and mtime, and its digest when those differ) and that each ``remove`` file is gone, and on any
mismatch publishes again from the rows, which completes the interrupted publication. So after
the next run starts, the outputs are exactly the rendering of the rows: every document once,
in every output.

The SQLite database is not rebuilt into a temporary file: it is updated in place, in
transactions of a bounded number of documents, and the state records what it must hold. A
rebuild would rewrite every document each night, and ``os.replace`` under a reader that has
the database open (Datasette, the ``sqlite3`` shell) is how SQLite databases get corrupted:
its WAL and shared-memory files are found by name, so the old and the new file would share
them. In place, the phases are: **stage** checks that the file can be used (a SQLite database
of newstool's schema version, or a new one) and computes the *corpus digest* of the rows' documents
(:func:`newstool.database.corpus_digest` of every id and the SHA-256 of its JSON); **commit**
records that digest in ``meta`` (``database``) with the rest; **install** writes each document
whose JSON differs from the database's, and deletes those the rows no longer have (pruned or
replaced). Each of its transactions leaves the database consistent (SQLite's promise); a kill
between them leaves it holding part of the new documents, and then its digest (of its
``documents.id`` and ``json_sha256`` columns) is not the recorded one, so the next run,
checking it with the files, writes the rest. A kill before the commit leaves the database as
the last publication left it, its digest the recorded one.

>>> import tempfile, pathlib
>>> from newstool.run.state import State
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> state, outputs = State.open(folder / "s.sqlite"), Outputs(jsonl=folder / "docs.jsonl")
>>> outputs_current(state, outputs)
False
>>> publish(state, outputs); outputs_current(state, outputs), (folder / "docs.jsonl").read_text()
(True, '')
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstool.database import (
    CorpusDatabase,
    DatabaseError,
    corpus_digest,
    json_digest,
    read_digests,
)
from newstool.export import export_filename, json_text, render_document
from newstool.model import Document
from newstool.run.pipefile import Outputs
from newstool.run.state import State

TEMPORARY_SUFFIX = ".newstool.tmp"


@dataclass(frozen=True)
class Installed:
    """A file as a publication records it: digest, size and mtime (``os.replace`` keeps both)."""

    sha256: str
    size: int
    mtime_ns: int


def spec_key(outputs: Outputs, top: int) -> dict[str, Any]:
    """The output settings a publication was made with: other settings mean publish again.

    >>> spec_key(Outputs(jsonl=Path("/o.jsonl")), 10)["quotes"]
    False
    >>> sorted(spec_key(Outputs(jsonl=Path("/o.jsonl")), 10))
    ['jsonl', 'markdown', 'quotes', 'sentences', 'sqlite', 'summary', 'top']
    """
    return {
        "jsonl": str(outputs.jsonl) if outputs.jsonl else None,
        "markdown": str(outputs.markdown) if outputs.markdown else None,
        "summary": str(outputs.summary) if outputs.summary else None,
        "sqlite": str(outputs.sqlite) if outputs.sqlite else None,
        "sentences": outputs.sentences,
        "quotes": outputs.quotes,
        "top": top,
    }


def temporary_path(target: Path) -> Path:
    """Where a target is staged.

    >>> temporary_path(Path("out/docs.jsonl"))
    PosixPath('out/.docs.jsonl.newstool.tmp')
    """
    return target.with_name(f".{target.name}{TEMPORARY_SUFFIX}")


def remove_temporaries(outputs: Outputs) -> None:
    """Delete what a killed publication staged and never installed."""
    folders = {p.parent for p in outputs.paths()}
    if outputs.markdown is not None:
        folders.add(outputs.markdown)
    for folder in folders:
        if folder.is_dir():
            for leftover in folder.glob(f".*{TEMPORARY_SUFFIX}"):
                leftover.unlink(missing_ok=True)


def matches(path: Path, record: Installed) -> bool:
    """Whether ``path`` holds the recorded bytes: by size and mtime, else by digest."""
    try:
        info = os.stat(path)
    except OSError:
        return False
    if info.st_size != record.size:
        return False
    return info.st_mtime_ns == record.mtime_ns or _digest_file(path) == record.sha256


def outputs_current(state: State, outputs: Outputs, top: int = 10) -> bool:
    """Whether the installed outputs are exactly the last publication, made with these
    settings, and no row waits to be published."""
    recorded = state.get("outputs")
    if recorded is None or state.get("spec") != spec_key(outputs, top) or state.pending():
        return False
    if any(os.path.lexists(path) for path in state.get("remove") or []):
        return False
    if outputs.sqlite is not None and not database_current(state, outputs.sqlite):
        return False
    return all(matches(Path(path), Installed(*entry)) for path, entry in recorded.items())


def database_current(state: State, database: Path) -> bool:
    """Whether the database holds exactly the documents of the last publication."""
    digests = read_digests(database)
    return digests is not None and corpus_digest(digests) == state.get("database")


def document_digests(state: State) -> dict[str, str]:
    """``{id: SHA-256 of its JSON}`` of the state's documents (a later input's document
    with an id already seen takes its place, as its Markdown file does)."""
    return {doc_id: json_digest(line) for doc_id, line in _documents_with_ids(state)}


def _documents_with_ids(state: State) -> Iterator[tuple[str, str]]:
    for row in state.rows():
        yield from zip(row.doc_ids, row.documents.splitlines(), strict=True)


def documents(state: State) -> Iterator[str]:
    """Every document of the state as a JSON line, by input path then input order."""
    for row in state.rows():
        yield from row.documents.splitlines(keepends=True)


def publish(state: State, outputs: Outputs, top: int = 10) -> None:
    """Render every output from the state and install it (stage, commit, install: see above)."""
    previous = {path: Installed(*entry) for path, entry in (state.get("outputs") or {}).items()}
    staged: dict[Path, Path] = {}  # target -> temporary file
    wanted = None if outputs.sqlite is None else _stage_database(state, outputs.sqlite)
    try:
        records = _stage(state, outputs, top, previous, staged)
        # files a killed publication committed to delete, and those no document owns now
        owned = set(previous) | set(state.get("remove") or [])
        remove = sorted(owned - set(records))
        state.publish(
            {
                "outputs": {path: [r.sha256, r.size, r.mtime_ns] for path, r in records.items()},
                "remove": remove,
                "spec": spec_key(outputs, top),
                "database": None if wanted is None else corpus_digest(wanted),
            }
        )
        for target, temporary in staged.items():
            os.replace(temporary, target)
        for path in remove:
            Path(path).unlink(missing_ok=True)
        for folder in {Path(p).parent for p in (*records, *remove)}:
            _sync_folder(folder)
        if outputs.sqlite is not None and wanted is not None:
            update_database(outputs.sqlite, state, wanted)
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)


def _stage(
    state: State,
    outputs: Outputs,
    top: int,
    previous: dict[str, Installed],
    staged: dict[Path, Path],
) -> dict[str, Installed]:
    records: dict[str, Installed] = {}
    if outputs.jsonl is not None:
        records[str(outputs.jsonl)] = _stage_file(outputs.jsonl, documents(state), staged)
    if outputs.markdown is not None or outputs.summary is not None:
        from newstool.stats.summary import MergeTree, Summary

        tree = MergeTree()
        # A published row's documents are what the last publication rendered, with the same
        # settings: its installed Markdown files are kept without rendering them again.
        same_spec = state.get("spec") == spec_key(outputs, top)
        for row in state.rows():
            # the row's partial summary, or, when it has none (a state made before they were
            # kept, or by a run with no summary output), one made from its documents here
            made = Summary(top=top) if outputs.summary is not None and not row.summary else None
            needs_documents = made is not None or outputs.markdown is not None
            for line in row.documents.splitlines() if needs_documents else ():
                doc = Document.from_dict(json.loads(line))
                if made is not None:
                    made.add(doc)
                if outputs.markdown is not None:
                    target = outputs.markdown / export_filename(doc, "markdown")
                    known = previous.get(str(target))
                    fresh = same_spec and row.published and known is not None
                    if fresh and matches(target, known):
                        records[str(target)] = known
                    else:
                        text = render_document(
                            doc, "markdown", sentences=outputs.sentences, quotes=outputs.quotes
                        )
                        records[str(target)] = _stage_file(target, [text], staged)
            if outputs.summary is not None:
                tree.add(made if made is not None else Summary.from_state(json.loads(row.summary)))
        if outputs.summary is not None:
            text = json_text(tree.merged(top).to_dict(), indent=2) + "\n"
            records[str(outputs.summary)] = _stage_file(outputs.summary, [text], staged)
    return records


class OutputNotWritten(Exception):
    """An output could not be staged (a full disk, a file-size limit, no permission): nothing
    was installed, so the outputs are as the last publication left them; or the database could
    not be brought up to date (the next run completes it)."""


def _stage_database(state: State, database: Path) -> dict[str, str]:
    """Check that the database can be written (creating a new one); the digests it must hold."""
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        CorpusDatabase.open(database).close()
    except DatabaseError as exc:
        raise OutputNotWritten(f"{exc}; the outputs were left as they were") from None
    except OSError as exc:
        raise OutputNotWritten(
            f"cannot write {database}: {exc.strerror or exc}; the outputs were left as they were"
        ) from None
    return document_digests(state)


def update_database(database: Path, state: State, wanted: dict[str, str]) -> None:
    """Make the database hold exactly the ``wanted`` documents of the state: write each whose
    JSON differs from the database's, delete those no longer wanted (in transactions of
    :data:`newstool.database.BATCH_DOCUMENTS` documents)."""
    import sqlite3

    try:
        with CorpusDatabase.open(database) as db:
            stored = db.digests()
            for doc_id, line in _documents_with_ids(state):
                digest = wanted[doc_id]
                if stored.get(doc_id) != digest and json_digest(line) == digest:
                    db.put(json.loads(line), line)
                    stored[doc_id] = digest
            db.delete(sorted(set(stored) - set(wanted)))
    except (sqlite3.Error, DatabaseError) as exc:
        raise OutputNotWritten(
            f"cannot bring {database} up to date: {exc}; the next run completes it"
        ) from None


def _stage_file(target: Path, chunks: Any, staged: dict[Path, Path]) -> Installed:
    """Write ``chunks`` to the target's temporary file, synced; its record."""
    temporary = temporary_path(target)
    digest = hashlib.sha256()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staged[target] = temporary
        with open(temporary, "wb") as handle:
            for chunk in chunks:
                data = chunk.encode("utf-8")
                digest.update(data)
                handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        info = os.stat(temporary)
    except OSError as exc:
        raise OutputNotWritten(
            f"cannot write {target}: {exc.strerror or exc}; the outputs were left as they "
            "were (the next run publishes them)"
        ) from None
    return Installed(digest.hexdigest(), info.st_size, info.st_mtime_ns)


def _digest_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


__all__ = ["Installed", "OutputNotWritten", "outputs_current", "publish", "remove_temporaries"]
