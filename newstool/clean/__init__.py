"""The ``clean`` stage: named, reversible repair rules for badly scraped news text.

Every change is recorded as an edit, so the text before cleaning can always be restored:

>>> from newstool.model import Document
>>> doc = clean(Document.from_dict({"text": "Talks ended.Both  sides left [said ABC - XYZ]."}))
>>> doc.text
'Talks ended. Both sides left.'
>>> [(e.rule, e.before, e.after) for e in doc.edits]  # doctest: +NORMALIZE_WHITESPACE
[('collapse_space_runs', ' ', ''), ('extract_editorial_notes', ' [said ABC - XYZ]', ''),
 ('separate_glued_sentences', '', ' ')]
>>> doc.notes
(Note(kind='editorial', text='said ABC - XYZ'),)
>>> undo_edits(doc.text, doc.edits)
'Talks ended.Both  sides left [said ABC - XYZ].'
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterable
from dataclasses import replace

from newstool.clean.edits import (
    Change,
    apply_changes,
    position_after,
    remap_blocks,
    trim_blocks,
    undo_edits,
)
from newstool.clean.options import CleanOptions, check_rule_names, options_from_config, select_rules
from newstool.clean.registry import DEFAULT_RULES, RULES, RULES_BY_NAME, Rule, rule_table
from newstool.clean.report import describe_edits
from newstool.model import Document, Edit, Note

STALE_SENTENCES = "clean: sentences dropped because the text changed; run split-sentences again"


def clean(
    doc: Document, rules: Iterable[str] | None = None, options: CleanOptions | None = None
) -> Document:
    """``doc`` with the rules applied, every change in ``edits``, a step record appended.

    ``rules`` (names) overrides ``options.rules``; they run in registry order. Edits, notes
    and warnings from an earlier run are kept, and cleaning a cleaned document adds none.
    ``edits`` and ``notes`` are always set (empty when nothing changed); ``sentences`` are
    dropped, with a warning, when the text changed under them.

    >>> from newstool.model import Document
    >>> doc = Document.from_dict({"text": "He said., ok"})
    >>> doc = clean(doc, rules=["remove_orphan_punctuation"])
    >>> doc.text, doc.warnings
    ('He said. ok', ('clean: removed orphan "," after "He said." at offset 8',))
    """
    options = options or CleanOptions()
    if rules is not None:
        options = replace(options, rules=tuple(rules))
    names = options.active_rules()
    text, blocks = doc.text, doc.blocks
    edits: list[Edit] = []
    notes: list[Note] = []
    flagged: list[tuple[int, str]] = []  # (index into edits, message without a position)
    for name in names:
        changes = RULES_BY_NAME[name].run(text, options)
        if not changes:
            continue
        blocks = remap_blocks(blocks, changes)
        text, rule_edits = apply_changes(name, text, changes)
        for change, edit in zip(changes, rule_edits, strict=True):
            if change.note is not None:
                notes.append(change.note)
            if change.warning is not None:
                flagged.append((len(edits), change.warning))
            edits.append(edit)
    warnings = [
        f"clean: {message} at offset {position_after(edits[i].start, edits[i + 1 :])}"
        for i, message in flagged
    ]
    sentences = doc.sentences
    if edits and sentences is not None:
        sentences = None
        warnings.append(STALE_SENTENCES)
    return doc.add_step(
        "clean",
        {"rules": list(names)},
        text=text,
        blocks=trim_blocks(blocks, text) if edits else blocks,
        edits=(*(doc.edits or ()), *edits),
        notes=(*(doc.notes or ()), *notes),
        sentences=sentences,
        warnings=(*doc.warnings, *warnings),
    )


__all__ = [
    "DEFAULT_RULES",
    "RULES",
    "Change",
    "CleanOptions",
    "Rule",
    "check_rule_names",
    "clean",
    "describe_edits",
    "options_from_config",
    "rule_table",
    "select_rules",
    "undo_edits",
]


class _CallableModule(types.ModuleType):
    """Lets ``newstool.clean(doc)`` work even once ``newstool.clean`` is bound to this package
    (Python binds a subpackage to its parent's attribute when it is imported)."""

    def __call__(
        self, doc: Document, rules: Iterable[str] | None = None, options: CleanOptions | None = None
    ) -> Document:
        return clean(doc, rules, options)


sys.modules[__name__].__class__ = _CallableModule
