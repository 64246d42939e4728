"""HTML character references that a scraper copied out of a page's source as text.

``Johnson &amp; Johnson``, ``the&nbsp;company``, ``&#8220;a win&#8221;``: the page showed
``&``, a space and curly quotes; the scraper kept the markup. Only complete references are
read (a name HTML defines, or a number, then ``;``), so ``AT&T``, ``R&D`` and ``Q&A`` stay.

>>> fixed(decode_html_entities, "Procter &amp; Gamble said &#8220;yes&#8221; &amp c")
'Procter & Gamble said “yes” &amp c'
"""

from __future__ import annotations

from newstool import lazyre
from newstool.clean.edits import Change, fixed  # noqa: F401 (fixed: used in the examples)

# A character reference as HTML writes one: a name, a decimal or a hexadecimal number, and
# the semicolon that ends it (HTML reads some names without it, but in prose "&amp c" or
# "Tom&Jerry" is as likely to be text as markup).
_REFERENCE = lazyre.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_html_entities(text: str) -> list[Change]:
    """Replace each complete HTML character reference by the character it stands for:
    ``&amp;`` by ``&``, ``&nbsp;`` by a no-break space (which ``normalise_unicode_spaces``
    makes a plain one), ``&#8220;`` and ``&#x201C;`` by ``“``. A name HTML does not define
    (``&copyright;``), and a number that stands for a control character or none at all
    (``&#0;``, ``&#x110000;``), are left as they are. Each reference is read once:
    ``&amp;amp;`` becomes ``&amp;``.

    >>> fixed(decode_html_entities, "AT&amp;T&nbsp;said &#x2014; &copyright; &#7; R&D;")
    'AT&T\\xa0said — &copyright; &#7; R&D;'
    """
    if "&" not in text:
        return []  # nearly every text
    changes = []
    for match in _REFERENCE.finditer(text):
        character = decoded(match.group())
        if character is not None:
            changes.append(Change(match.start(), match.end(), character))
    return changes


def decoded(reference: str) -> str | None:
    """The text a character reference stands for, or None when it stands for nothing that
    belongs in prose (an unknown name, a control character, no character).

    >>> decoded("&eacute;"), decoded("&#233;"), decoded("&#X20AC;"), decoded("&bogus;")
    ('é', 'é', '€', None)
    >>> decoded("&#150;"), decoded("&#1;"), decoded("&#xD800;")
    ('–', None, None)
    """
    import html  # (imported only for a text that holds a reference)
    from html.entities import html5

    if reference[1] != "#":
        return html5.get(reference[1:])
    number = int(reference[3:-1], 16) if reference[2] in "xX" else int(reference[2:-1])
    character = html.unescape(reference)  # 128-159 read as cp1252, as browsers do
    usable = 0 < number < 0x110000 and not 0xD800 <= number < 0xE000
    readable = len(character) == 1 and (character.isprintable() or character in "\t\n\u00a0")
    return character if usable and readable else None
