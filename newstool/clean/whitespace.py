"""White space: exotic spaces, runs of spaces, and spaces before punctuation.

>>> text = "Prices\u00a0rose  sharply , analysts said ."
>>> fixed(remove_space_before_punctuation, fixed(collapse_space_runs,
...       fixed(normalise_unicode_spaces, text)))
'Prices rose sharply, analysts said.'
"""

from __future__ import annotations

from newstool import lazyre
from newstool.clean.edits import Change, fixed, removal_changes  # noqa: F401 (fixed: examples)

# Spaces that are not U+0020 (tabs included) become one; invisible ones go.
_SPACE_LIKE = "\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u2060\ufeff"
_UNICODE_SPACE = f"[{_SPACE_LIKE}{_INVISIBLE}]"
# (One, then any more: a pattern that starts with a class, not a repeat, lets the regex engine
# skip straight to the next such space.)
_UNICODE_SPACES = lazyre.compile(f"{_UNICODE_SPACE}{_UNICODE_SPACE}*")
# A line that only they (and plain spaces) fill: it looks blank, but is no blank line.
_BLANK_LOOKING_LINE = lazyre.compile(
    f"(?m)^ *[{_SPACE_LIKE}{_INVISIBLE}][ {_SPACE_LIKE}{_INVISIBLE}]*$"
)
# Two spaces or more, or one at the start or the end of a line; every alternative starts with a
# space, which lets the regex engine skip straight to the spaces.
_SPACE_RUN = lazyre.compile(r"(?m) (?: +|$|(?<=^ ))")
# Spaces before , ; : ! ? or a single full stop that ends a clause (not ".5", ".com", "...",
# nor the spaced ellipsis ". . .": no dot after a dot and a space, or before a space and a dot).
# What may follow the mark: white space, punctuation, or a quote mark of any style (so that the
# quote rules, which run later, cannot change the verdict: "‟" is straightened to '"').
_QUOTE_MARKS = "\"'“”„‟‘’‚‛«»"
# What every such space run ends with: a quick test tells the many texts that have none.
_SPACE_THEN_MARK = lazyre.compile(r" [,;:!?.]")
# (The first space is matched before the look behind, which lets the regex engine skip straight
# to the spaces.)
_SPACE_BEFORE_PUNCTUATION = lazyre.compile(
    rf" (?<=\S ) *(?=(?:[,;:!?]|(?<!\. )\.(?!\.| \.))"
    rf"(?:[\s{_QUOTE_MARKS},;:!?]|\.(?!\.)|\Z))"
)


def normalise_unicode_spaces(text: str) -> list[Change]:
    r"""Turn non-breaking, typographic and ideographic spaces and tabs into plain spaces, and drop
    zero-width spaces, word joiners and stray byte-order marks. Line breaks are left alone.

    >>> fixed(normalise_unicode_spaces, "10\u00a0000 people\u2009\u2014\tand\u200bmore")
    '10 000 people — andmore'

    A line that only such characters fill goes with its line break, as a boilerplate line does:
    it would otherwise become a blank line inside a paragraph, or leave one blank line too many.

    >>> fixed(normalise_unicode_spaces, "Talks ended.\n\u00a0\u200b\nBoth left.\n\n\ufeff")
    'Talks ended.\nBoth left.'
    """
    if not _has_unicode_spaces(text):
        return []  # none to change, nor a line that only they fill: most texts
    lines = [match.span() for match in _BLANK_LOOKING_LINE.finditer(text)]
    changes: list[Change] = []
    position = 0
    for removal in [*removal_changes(text, lines), None]:
        end = removal.start if removal else len(text)
        changes += [
            Change(m.start(), m.end(), "".join(" " for c in m.group() if c not in _INVISIBLE))
            for m in _UNICODE_SPACES.finditer(text, position, end)
        ]
        if removal:
            changes.append(removal)
            position = removal.end
    return changes


def _has_unicode_spaces(text: str) -> bool:
    """Whether ``text`` holds a character that :func:`normalise_unicode_spaces` changes; in
    ASCII only a tab, a vertical tab or a form feed can be one, and looking for them is quicker.

    >>> _has_unicode_spaces("a\\tb"), _has_unicode_spaces("a b"), _has_unicode_spaces("a\\u00a0b")
    (True, False, True)
    """
    if text.isascii():
        return "\t" in text or "\v" in text or "\f" in text
    return _UNICODE_SPACES.search(text) is not None


def collapse_space_runs(text: str) -> list[Change]:
    """Shrink a run of spaces to one, and remove spaces at the start or end of a line.

    >>> fixed(collapse_space_runs, "  two  spaces \\nnext line")
    'two spaces\\nnext line'
    """
    if not _has_space_run(text):
        return []  # most texts: no space stands beside another or at the edge of a line
    changes = []
    for match in _SPACE_RUN.finditer(text):
        start, end = match.span()
        at_edge = text[start - 1 : start] in ("", "\n") or text[end : end + 1] in ("", "\n")
        changes.append(Change(start if at_edge else start + 1, end, ""))
    return changes


def _has_space_run(text: str) -> bool:
    """Whether :data:`_SPACE_RUN` matches somewhere in ``text``: a space beside another, or at
    the start or the end of a line. Looking for these pairs is many times quicker than trying
    the pattern at every space.

    >>> _has_space_run("one two\\nthree"), _has_space_run("one two \\nthree"), _has_space_run(" a")
    (False, True, True)
    """
    return (
        "  " in text or " \n" in text or "\n " in text or text.startswith(" ") or text.endswith(" ")
    )


def remove_space_before_punctuation(text: str) -> list[Change]:
    """Remove spaces before ``, . ; : ! ?`` where the mark closes a clause.

    >>> fixed(remove_space_before_punctuation, 'He said "no" , then left . Why ?! Fine :')
    'He said "no", then left. Why?! Fine:'

    Whatever the quote style, a quote mark after the mark is no obstacle:

    >>> fixed(remove_space_before_punctuation, "„Wir gehen !‟ und ‚Nein ?‛")
    '„Wir gehen!‟ und ‚Nein?‛'

    Not before a decimal, a domain or an ellipsis, spaced or not:

    >>> unchanged = "a .45 pistol, the .com boom, wait ... and ,5, anything . . . that . . ."
    >>> fixed(remove_space_before_punctuation, unchanged) == unchanged
    True
    """
    if not _SPACE_THEN_MARK.search(text):
        return []
    return [Change(m.start(), m.end(), "") for m in _SPACE_BEFORE_PUNCTUATION.finditer(text)]
