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
from dataclasses import dataclass, replace
from functools import cache

from newstool.clean.edits import Change, apply_changes, remap_blocks, trim_blocks, undo_edits
from newstool.clean.mojibake import has_mojibake
from newstool.clean.options import (
    CONFIG_KEYS,
    CleanOptions,
    check_choices,
    check_rule_names,
    options_from_config,
    select_rules,
)
from newstool.clean.registry import DEFAULT_RULES, RULES, RULES_BY_NAME, Rule, rule_table
from newstool.clean.report import describe_edits
from newstool.model import Block, Document, Edit, Note

STALE_SENTENCES = "clean: sentences dropped because the text changed; run split-sentences again"
STALE_QUOTES = "clean: quotes dropped because the text changed; run quotes again"


def clean(
    doc: Document, rules: Iterable[str] | None = None, options: CleanOptions | None = None
) -> Document:
    """``doc`` with the rules applied to its text and title, every change recorded.

    ``rules`` (names) overrides ``options.rules``; they run in registry order. Changes to the
    text go to ``edits``, changes to the title to ``title_edits`` (the rules marked ``title``
    in the registry), notes from both to ``notes``. Edits, notes and warnings from an earlier
    run are kept, and cleaning a cleaned document adds none. ``edits``, ``title_edits`` and
    ``notes`` are always set (empty when nothing changed); ``sentences`` and ``quotes`` are
    dropped, with a warning, when the text changed under them.

    >>> from newstool.model import Document
    >>> doc = Document.from_dict({"title": "Talks  end.", "text": "He said., ok"})
    >>> doc = clean(doc, rules=["remove_orphan_punctuation", "collapse_space_runs"])
    >>> doc.title, doc.text, doc.warnings
    ('Talks end.', 'He said. ok', ('clean: removed orphan "," after "He said." at offset 8',))
    >>> undo_edits(doc.title, doc.title_edits)
    'Talks  end.'
    """
    options = options or _default_options()
    if rules is not None:
        options = replace(options, rules=tuple(rules))
    names = options.active_rules()
    title = clean_title(doc.title, names, options) if doc.title is not None else None
    body = apply_rules(doc.text, names, options, doc.blocks)
    warnings = [*(title.warnings if title else ()), *body.warnings]
    sentences = doc.sentences
    if body.edits and sentences is not None:
        sentences = None
        warnings.append(STALE_SENTENCES)
    quotes = doc.quotes
    if body.edits and quotes is not None:
        quotes = None
        warnings.append(STALE_QUOTES)
    return doc.add_step(
        "clean",
        {"rules": list(names)},
        fingerprint=options.fingerprint,
        title=title.text if title else None,
        text=body.text,
        blocks=body.blocks,
        edits=(*(doc.edits or ()), *body.edits),
        title_edits=(*(doc.title_edits or ()), *(title.edits if title else ())),
        notes=(*(doc.notes or ()), *(title.notes if title else ()), *body.notes),
        sentences=sentences,
        quotes=quotes,
        warnings=(*doc.warnings, *warnings),
    )


@cache
def _default_options() -> CleanOptions:
    """The options when none are given: made once, as their fingerprint is (a digest of every
    boilerplate pattern, costly for each document)."""
    return CleanOptions()


def clean_title(title: str, names: Iterable[str], options: CleanOptions) -> Cleaned:
    """The title after the rules that apply to titles; a title that would be left empty (one
    that is only an editorial note, say) is kept as it is.

    >>> clean_title("Talks  end [said ABC - XYZ]", DEFAULT_RULES, CleanOptions()).text
    'Talks end'
    >>> clean_title("[Photo: AP News]", DEFAULT_RULES, CleanOptions()).edits
    ()
    """
    names = [name for name in names if RULES_BY_NAME[name].title]
    cleaned = apply_rules(title, names, options, where=" in the title")
    return cleaned if cleaned.text.strip() or not title.strip() else Cleaned(title, (), (), (), ())


@dataclass(frozen=True)
class Cleaned:
    """One text (a body or a title) after the rules, and what they did to it."""

    text: str
    blocks: tuple[Block, ...]
    edits: tuple[Edit, ...]
    notes: tuple[Note, ...]
    warnings: tuple[str, ...]


# At most this many passes of the rules over one text (see apply_rules).
MAX_PASSES = 3


def apply_rules(
    text: str,
    names: Iterable[str],
    options: CleanOptions,
    blocks: tuple[Block, ...] = (),
    where: str = "",
) -> Cleaned:
    """Run the rules ``names`` over ``text`` in turn, carrying ``blocks`` along.

    Each warning names its place by the ``start`` of its edit; ``where`` says in what.

    >>> rules = ["collapse_space_runs", "remove_orphan_punctuation"]
    >>> cleaned = apply_rules("Hi  there., ok", rules, CleanOptions(), where=" in the title")
    >>> cleaned.text, [(e.rule, e.start) for e in cleaned.edits]
    ('Hi there. ok', [('collapse_space_runs', 3), ('remove_orphan_punctuation', 9)])
    >>> cleaned.warnings
    ('clean: removed orphan "," after "Hi there." in the title at offset 9',)

    A rule that runs after ``fix_mojibake`` may join the pieces of a garbled character (taking
    out a note leaves ``â`` beside ``\\x80¦``, the UTF-8 bytes of ``…`` read as cp1252): then
    the rules run again over what they left, so that cleaning the result changes nothing.

    >>> cleaned = apply_rules("Prices fell â [Photo: AP]\\x80¦", DEFAULT_RULES, CleanOptions())
    >>> cleaned.text, [e.rule for e in cleaned.edits]
    ('Prices fell …', ['extract_editorial_notes', 'fix_mojibake'])
    """
    names = tuple(names)
    cleaned = _apply_rules_once(text, names, options, blocks, where)
    for _ in range(MAX_PASSES - 1):
        if not (cleaned.edits and "fix_mojibake" in names and has_mojibake(cleaned.text)):
            break
        again = _apply_rules_once(cleaned.text, names, options, cleaned.blocks, where)
        cleaned = Cleaned(
            again.text,
            again.blocks,
            cleaned.edits + again.edits,
            cleaned.notes + again.notes,
            cleaned.warnings + again.warnings,
        )
    return cleaned


def _apply_rules_once(
    text: str, names: tuple[str, ...], options: CleanOptions, blocks: tuple[Block, ...], where: str
) -> Cleaned:
    """One pass of the rules ``names`` over ``text`` (see :func:`apply_rules`)."""
    edits: list[Edit] = []
    notes: list[Note] = []
    warnings: list[str] = []
    for name in names:
        changes = RULES_BY_NAME[name].run(text, options)
        if not changes:
            continue
        blocks = remap_blocks(blocks, changes)
        text, rule_edits = apply_changes(name, text, changes)
        edits += rule_edits
        for change, edit in zip(changes, rule_edits, strict=True):
            if change.note is not None:
                notes.append(change.note)
            if change.warning is not None:
                warnings.append(f"clean: {change.warning}{where} at offset {edit.start}")
    blocks = trim_blocks(blocks, text) if edits else blocks
    return Cleaned(text, blocks, tuple(edits), tuple(notes), tuple(warnings))


__all__ = [
    "CONFIG_KEYS",
    "DEFAULT_RULES",
    "RULES",
    "Change",
    "CleanOptions",
    "Cleaned",
    "Rule",
    "apply_rules",
    "check_choices",
    "check_rule_names",
    "clean",
    "clean_title",
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
