"""Markup a page's templates left in the text: placeholders its content system never filled
(``{{newsletter_signup}}``, ``{% include 'promo' %}``, ``%RELATED_LINKS%``,
``[[related-content]]``), shortcodes (``[gallery id=4471]``, ``[widget:most-read]``), HTML
comments (``<!-- ad slot -->``) and a script's empty values (``[object Object]``; ``undefined``
or ``NaN`` alone on a line). No sentence of news holds them: they go wherever they stand, with
the space or the line break beside them.

>>> fixed(remove_template_leftovers, "Roads shut. {{AUTHOR_BOX}}\\n\\nundefined\\n\\nRain fell.")
'Roads shut.\\n\\nRain fell.'
"""

from __future__ import annotations

from newstool import lazyre
from newstool.clean.edits import Change, fixed, removal_changes  # noqa: F401 (fixed: examples)

_LEFTOVER = lazyre.compile(
    r"\{\{[^{}\n]{1,80}\}\}"  # {{name}}
    r"|\{%[^%\n]{1,80}%\}"  # {% tag %}
    r"|\[\[[^\[\]\n]{1,80}\]\]"  # [[name]]
    r"|%[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+%"  # %UPPER_NAME%, with an underscore
    r"|<!--[^\n]{0,200}?-->"  # an HTML comment
    r"|\[object Object\]"
    # a shortcode: a lower-case name and an attribute, or a colon and a value
    # (a value holds no space nor "=": one way only to read the attributes, however many)
    r"|\[[a-z][a-z_-]{2,30}(?::[\w-]{1,40}|(?:\s+[a-z_-]{1,20}=(?:\"[^\"\n]{0,60}\"|[^\s\[\]=\"]{1,60}))+)\]"
)  # (every branch starts with a sign, so that the engine skips to the signs)
_EMPTY_VALUE_LINE = lazyre.compile(r"(?m)^[ \t]*(?:undefined|NaN|null)[ \t\r]*$")
# What the leftovers hold: texts without any of these are passed at once.
_SIGNS = ("{", "%", "[", "<!--")
_EMPTY_VALUES = ("undefined", "NaN", "null")


def remove_template_leftovers(text: str) -> list[Change]:
    """Remove the markup of a page's templates (see the module).

    Brackets of news stay: an alteration, a note, a placeholder for ``extract_editorial_notes``
    to judge, a percentage, a word such as "null" in a sentence.

    >>> unchanged = "He said [the council] was wrong [sic]. Rates rose 5%. [Photo] It was null."
    >>> fixed(remove_template_leftovers, unchanged) == unchanged
    True
    """
    spans = []
    if any(sign in text for sign in _SIGNS):
        spans += [match.span() for match in _LEFTOVER.finditer(text)]
    if any(value in text for value in _EMPTY_VALUES):
        spans += [match.span() for match in _EMPTY_VALUE_LINE.finditer(text)]
    return removal_changes(text, sorted(spans))
