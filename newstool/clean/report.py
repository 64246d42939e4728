"""A readable, plain-text account of what ``clean`` changed, for ``newstool clean --diff``.

Each edit is shown in the cleaned text, word-diff style: ``[-removed-]{+inserted+}``.
"""

from __future__ import annotations

from collections import Counter

from newstool.clean.edits import position_after
from newstool.model import Document, Edit

_CONTEXT = 30


def describe_edits(doc: Document) -> str:
    """A per-document summary: counts by rule, each edit in context, notes and warnings.

    >>> from newstool.clean import clean
    >>> doc = clean(Document.from_dict({"id": "a1", "text": "He left.Then  she said., ok"}))
    >>> print(describe_edits(doc))
    a1: 3 edits (collapse_space_runs 1, remove_orphan_punctuation 1, separate_glued_sentences 1), 0 notes, 1 warning
           8  separate_glued_sentences         He left.{+ +}Then she said. ok
          14  collapse_space_runs              He left. Then [- -]she said. ok
          23  remove_orphan_punctuation        He left. Then she said.[-,-] ok
      warning: clean: removed orphan "," after "she said." at offset 23
    """  # noqa: E501
    edits = list(doc.edits or ())
    counts = Counter(edit.rule for edit in edits)
    by_rule = ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items()))
    notes = list(doc.notes or ())
    warnings = [w for w in doc.warnings if w.startswith("clean:")]
    title = f' "{doc.title}"' if doc.title else ""
    lines = [
        f"{doc.id}{title}: {_count(len(edits), 'edit')}"
        + (f" ({by_rule})" if by_rule else "")
        + f", {_count(len(notes), 'note')}, {_count(len(warnings), 'warning')}"
    ]
    placed = sorted(
        (position_after(edit.start, edits[i + 1 :]), i, edit) for i, edit in enumerate(edits)
    )
    for pos, _, edit in placed:
        lines.append(f"  {pos:>6}  {edit.rule:<32} {_in_context(doc.text, pos, edit)}")
    lines += [f"  note ({note.kind}): {note.text}" for note in notes]
    lines += [f"  warning: {warning}" for warning in warnings]
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _in_context(text: str, pos: int, edit: Edit) -> str:
    """The edit marked up in the cleaned text around ``pos``, on one line."""
    left = text[max(0, pos - _CONTEXT) : pos]
    right = text[pos + len(edit.after) : pos + len(edit.after) + _CONTEXT]
    removed = f"[-{edit.before}-]" if edit.before else ""
    inserted = f"{{+{edit.after}+}}" if edit.after else ""
    return f"{left}{removed}{inserted}{right}".replace("\n", "\\n")
