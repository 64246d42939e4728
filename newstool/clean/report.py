"""A readable, plain-text account of what ``clean`` changed, for ``newstool clean --diff``.

Each edit is shown where it was made, word-diff style (``[-removed-]{+inserted+}``), at its
``start``: in the text (or title) as it stood right after that edit, the frame its offsets and
the warnings use (see :mod:`newstool.clean.edits`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newstool.clean.edits import undo_edits
from newstool.model import Document, Edit

_CONTEXT = 30


def describe_edits(doc: Document, before: Document | None = None) -> str:
    """A per-document summary: counts by rule, each edit in context, notes and warnings.

    ``before`` is the document as ``clean`` received it: only what this run added is described
    (so cleaning a cleaned document reports 0 edits). Without it, every edit ``doc`` holds.

    >>> from newstool.clean import clean
    >>> doc = clean(Document.from_dict({"id": "a1", "text": "He left.Then  she said., ok"}))
    >>> print(describe_edits(doc))
    a1: 3 edits (collapse_space_runs 1, remove_orphan_punctuation 1, separate_glued_sentences 1), 0 notes, 1 warning
              13  collapse_space_runs              He left.Then [- -]she said., ok
              22  remove_orphan_punctuation        He left.Then she said.[-,-] ok
               8  separate_glued_sentences         He left.{+ +}Then she said. ok
      warning: clean: removed orphan "," after "she said." at offset 22
    >>> print(describe_edits(clean(doc), before=doc))
    a1: 0 edits, 0 notes, 0 warnings
    """  # noqa: E501
    title_edits = _added(doc.title_edits, before and before.title_edits)
    edits = _added(doc.edits, before and before.edits)
    notes = _added(doc.notes, before and before.notes)
    warnings = [
        w for w in _added(doc.warnings, before and before.warnings) if w.startswith("clean:")
    ]
    counts = Counter(edit.rule for edit in (*title_edits, *edits))
    by_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
    title = f' "{_one_line(doc.title)}"' if doc.title else ""
    lines = [
        f"{doc.id}{title}: {_count(len(title_edits) + len(edits), 'edit')}"
        + (f" ({by_rule})" if by_rule else "")
        + f", {_count(len(notes), 'note')}, {_count(len(warnings), 'warning')}"
    ]
    lines += _edit_lines(doc.title or "", title_edits, "title ")
    lines += _edit_lines(doc.text, edits, "")
    lines += [f"  note ({note.kind}): {note.text}" for note in notes]
    lines += [f"  warning: {warning}" for warning in warnings]
    return "\n".join(lines)


def _added(items: Sequence | None, earlier: Sequence | None) -> tuple:
    """The items after the first ``len(earlier)``: what a stage appended."""
    return tuple(items or ())[len(earlier or ()) :]


def _edit_lines(text: str, edits: Sequence[Edit], place: str) -> list[str]:
    """One line per edit, in the order made, each in the text as that edit left it: ``text``
    (the final text) with the later edits undone."""
    lines = []
    for edit in reversed(edits):
        lines.append(f"  {place + str(edit.start):>10}  {edit.rule:<32} {_in_context(text, edit)}")
        text = undo_edits(text, [edit])
    return lines[::-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _in_context(text: str, edit: Edit) -> str:
    """The edit marked up in ``text`` (where its ``after`` sits at ``start:end``), on one line."""
    left = text[max(0, edit.start - _CONTEXT) : edit.start]
    right = text[edit.end : edit.end + _CONTEXT]
    removed = f"[-{edit.before}-]" if edit.before else ""
    inserted = f"{{+{edit.after}+}}" if edit.after else ""
    return _one_line(f"{left}{removed}{inserted}{right}")


def _one_line(text: str) -> str:
    r"""``text`` with line breaks and other invisible characters escaped, as in Python.

    >>> print(_one_line("a\nb\x85c d"))
    a\nb\x85c d
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
