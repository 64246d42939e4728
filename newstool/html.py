"""Saved web pages to documents: the article that trafilatura extracts, its structure and the
page's metadata (the optional extra ``newstool[html]``, imported only when a page is met).

Decoding follows a browser's order: a byte-order mark, then the page's own ``<meta charset>``
(or ``http-equiv``), then ingest's detector. Extraction leaves out comments, navigation and the
other boilerplate; headings ``h1``-``h6`` become heading blocks, paragraphs, list items,
quotes and table rows paragraph blocks. The headline becomes the title, not repeated in the
text. A page in which no article is found is an :class:`~newstool.ingest.IngestError`.

>>> meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">')
'cp1251'
>>> decode_html("<meta charset=koi8-r><p>Привет".encode("koi8-r")).source
'meta'
"""

from __future__ import annotations

import codecs
import functools
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from newstool import lazyre
from newstool.ingest import Decoded, IngestError, decode_bytes, ingested_document, normalise_text
from newstool.model import Document, Meta, Step, join_blocks
from newstool.sniff import BOMS, GZIP_MAGIC

EXTRACTOR = "trafilatura"
INSTALL_HINT = "pip install 'newstool[html]'"
# How far into a page its <meta charset> is looked for (WHATWG's prescan takes 1024 bytes;
# saved pages often hold long scripts and styles before it).
META_CHARSET_BYTES = 16 * 1024
# A page whose article has fewer words than this holds none: a login wall, an error page.
MIN_ARTICLE_WORDS = 25
# The headline (the heading that is the page's title, else an h1) is among the first blocks,
# after at most this many lines of at most this many words each (a section label, a date).
HEADLINE_WITHIN = 3
KICKER_MAX_WORDS = 8
# The trafilatura options newstool extracts with, chosen on eval/html (``make eval-html``):
# "fast" leaves out the fallback extractors (readability, jusText), which scored no better on
# light pages and worse on heavy ones, at half the speed.
EXTRACTION_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": False,
    "favor_recall": False,
    "fast": True,
}

_META_CHARSET = lazyre.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I
)
# What a browser decodes a label as (the WHATWG Encoding Standard), where Python differs: the
# Latin-1 and ASCII labels mean windows-1252; a UTF-16 label is wrong in an ASCII-readable page.
_BROWSER_ENCODING = {
    "ascii": "cp1252",
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "euc_kr": "cp949",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
_SPACE = lazyre.compile(r"\s+")
# What extraction throws away anyway, taken out before parsing (a news page often carries more
# script and style than text, and a menu of hundreds of links): scripts but JSON-LD (metadata
# reads it), styles, inline SVG, navigation. An opening tag's attributes are looked at for at
# most 1,000 characters, so that no pattern scans a page once per "<".
_CODE_TAGS = ("script", "style", "svg", "nav")
_CODE_OPENING = lazyre.compile(r"<(script|style|svg|nav)\b([^>]{0,1000})>", re.IGNORECASE)
_CODE_CLOSING = {tag: lazyre.compile(rf"</{tag}\s*>", re.IGNORECASE) for tag in _CODE_TAGS}
_LANGUAGE_CODE = r"""\s*=\s*["']?\s*([A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*)"""
_DECLARED_LANGUAGE = tuple(
    lazyre.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"<html\b[^>]*?\s(?:xml:)?lang{_LANGUAGE_CODE}",
        rf"<meta\b[^>]*?http-equiv\s*=\s*[\"']?content-language[^>]*?\scontent{_LANGUAGE_CODE}",
        rf"<meta\b[^>]*?property\s*=\s*[\"']?og:locale[\"']?[^>]*?\scontent{_LANGUAGE_CODE}",
    )
)


def gunzip_page(data: bytes, limit: int = 0) -> bytes:
    """A gzipped page unpacked; :class:`IngestError` when it is damaged or unpacks to more
    than ``limit`` bytes (0 = no limit).

    >>> import gzip; gunzip_page(gzip.compress(b"<html>"))
    b'<html>'
    >>> gunzip_page(gzip.compress(b"x" * 5000), 2048)
    Traceback (most recent call last):
    ...
    newstool.ingest.IngestError: unpacks to more than 2 KiB, the limit for one document; ...
    >>> gunzip_page(gzip.compress(b"<html>" * 100)[:30])
    Traceback (most recent call last):
    ...
    newstool.ingest.IngestError: is a truncated gzip file (it ends before its data does); check it
    """
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unpacker.decompress(data, limit + 1 if limit else 0)
    except zlib.error as exc:
        raise IngestError(f"is a damaged gzip file ({exc}); check it") from None
    if limit and len(out) > limit:
        from newstool.readers import format_byte_size

        raise IngestError(
            f"unpacks to more than {format_byte_size(limit)}, the limit for one document; "
            "skipped: raise the limit (--max-doc-bytes), 0 for none"
        )
    if not unpacker.eof:
        raise IngestError("is a truncated gzip file (it ends before its data does); check it")
    return out


def meta_charset(data: bytes) -> str | None:
    """The codec that the page's ``<meta charset>`` (or ``http-equiv`` content type) names, as
    a browser reads the label; None when there is none or Python does not know it.

    >>> meta_charset(b"<meta charset='ISO-8859-1'>"), meta_charset(b"<meta charset=utf-8 />")
    ('cp1252', 'utf-8')
    >>> meta_charset(b"<meta charset=klingon>") is None
    True
    """
    head = data[:META_CHARSET_BYTES]
    end = head.lower().find(b"</head")
    match = _META_CHARSET.search(head if end < 0 else head[:end])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _BROWSER_ENCODING.get(name, name)


def decode_html(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a page: ``encoding`` when given, a byte-order mark, the ``<meta charset>`` when
    the bytes decode with it, else ingest's detector (:func:`~newstool.ingest.decode_bytes`),
    with a warning when the page named a charset its bytes are not in.

    >>> d = decode_html("<meta charset=utf-8><p>Ménard’s café, “déjà vu” ".encode("cp1252") * 9)
    >>> d.source, d.warnings[-1][:57]
    ('detector', 'ingest: the page says charset=utf-8, but its bytes are no')
    """
    if encoding is not None or any(data.startswith(bom) for bom, _ in BOMS):
        return decode_bytes(data, encoding)
    declared = meta_charset(data)
    if declared is None:
        return decode_bytes(data)
    try:
        return Decoded(data.decode(declared), declared, 1.0, "meta")
    except UnicodeDecodeError:
        decoded = decode_bytes(data)
    warning = (
        f"ingest: the page says charset={declared}, but its bytes are not {declared}; decoded "
        f"as {decoded.encoding} ({decoded.source}); pass --encoding if you know the right one"
    )
    return Decoded(
        decoded.text,
        decoded.encoding,
        decoded.confidence,
        decoded.source,
        decoded.replacements,
        (*decoded.warnings, warning),
    )


@dataclass(frozen=True)
class Article:
    """What extraction found in a page: the headline, the blocks (type, text, heading level
    or 0) in order, and the page's metadata."""

    title: str | None
    blocks: tuple[tuple[str, str, int], ...]
    meta: Meta


@functools.cache
def trafilatura() -> Any:
    """The trafilatura module, imported once; :class:`IngestError` saying how to install it
    when the extra is missing. Its log is silenced: newstool reports each page's problem."""
    try:
        import trafilatura as module
    except ImportError as exc:
        raise IngestError(
            f"is an HTML page, and reading HTML needs the optional extra ({exc.name or exc} "
            f"is missing): {INSTALL_HINT}; passed over"
        ) from None
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    return module


def extractor_version() -> str:
    """The version of the installed extractor (importing it)."""
    return trafilatura().__version__


def extract_article(html: str, options: dict[str, Any] | None = None) -> Article | None:
    """The article of a page (decoded HTML), or None when there is none to be found.

    ``options`` for trafilatura default to :data:`EXTRACTION_OPTIONS`.
    """
    found = trafilatura().bare_extraction(
        without_code(html),
        with_metadata=True,
        **(EXTRACTION_OPTIONS if options is None else options),
    )
    if found is None or found.body is None:
        return None
    blocks = list(_blocks(found.body))
    title = _clean(found.title or "") or None
    headline = _headline(blocks, title)
    if headline is not None:
        title = blocks[headline][1]
        del blocks[: headline + 1]
    meta = Meta(
        author=_clean(found.author or "") or None,
        date=found.date or None,
        site=_clean(found.sitename or "") or None,
        url=found.url or None,
        language=found.language or declared_language(html),
        description=_clean(found.description or "") or None,
    )
    return Article(title, tuple(blocks), meta)


def without_code(html: str) -> str:
    """The page without its scripts (JSON-LD kept), styles, inline SVG and navigation, each
    element replaced by a space, in one pass over the page: an element never closed is left
    as it is, and so are the later ones of its kind (none of them can close either).

    >>> without_code('<script>a("</p>")</script><p>Hi<svg><path/></svg></p><style>p{}</style>')
    ' <p>Hi </p> '
    >>> without_code('<nav><a href="/">Home</a></nav><p>Hi</p>')
    ' <p>Hi</p>'
    >>> without_code('<script type="application/ld+json">{}</script>')
    '<script type="application/ld+json">{}</script>'
    >>> without_code("<p>A <svg> never closed")
    '<p>A <svg> never closed'
    """
    pieces: list[str] = []
    done = 0  # the page before this offset is in pieces
    unclosed: set[str] = set()
    for opening in _CODE_OPENING.finditer(html):
        tag = opening[1].lower()
        if opening.start() < done or tag in unclosed:
            continue
        if tag == "script" and "ld+json" in opening[2].lower():
            continue
        closing = _CODE_CLOSING[tag].search(html, opening.end())
        if closing is None:
            unclosed.add(tag)
            continue
        pieces += [html[done : opening.start()], " "]
        done = closing.end()
    pieces.append(html[done:])
    return "".join(pieces)


def declared_language(html: str) -> str | None:
    """The language a page declares: ``<html lang>``, then its content-language or
    ``og:locale`` metadata.

    >>> declared_language('<!doctype html><html class="x" lang="de-AT">')
    'de-AT'
    >>> declared_language('<meta property="og:locale" content="es_ES">')
    'es-ES'
    """
    head = html[:META_CHARSET_BYTES]
    for pattern in _DECLARED_LANGUAGE:
        match = pattern.search(head)
        if match:
            return match.group(1).replace("_", "-")
    return None


def _headline(blocks: list[tuple[str, str, int]], title: str | None) -> int | None:
    """Where the headline is among the first blocks: the heading that is the page's title, else
    an ``h1``, with nothing before it but short lines (a section label, a date) that go with it.

    >>> _headline([("paragraph", "Transport", 0), ("heading", "Night buses", 1)], None)
    1
    >>> _headline([("heading", "City Post", 1), ("heading", "Night buses", 2)], "Night buses")
    1
    >>> _headline([("paragraph", "Wind rose all day, and the sea with it.", 0),
    ...            ("heading", "Night buses", 1)], "Night buses") is None
    True
    """
    first_h1 = None
    for index, (kind, text, level) in enumerate(blocks[: HEADLINE_WITHIN + 1]):
        if kind == "heading" and _same(text, title):
            return index
        if kind == "heading" and level == 1 and first_h1 is None:
            first_h1 = index
        if len(text.split()) > KICKER_MAX_WORDS:
            break
    return first_h1


def _blocks(body: Any) -> Iterator[tuple[str, str, int]]:
    """The blocks of trafilatura's extracted tree, in order: ``head`` elements as headings (with
    their level), list items (nested lists after their item), table rows and every other
    element with text as paragraphs. A table laid out as a page (a cell of paragraphs) gives
    the blocks of its fullest cell."""
    for element in body:
        tag = element.tag
        if tag == "head":
            level = (element.get("rend") or "h2").lstrip("h")
            text = _clean(_text(element))
            if text:
                yield "heading", text, int(level) if level.isdigit() else 2
        elif tag == "list":
            yield from _list_items(element)
        elif tag == "table":
            yield from _table_blocks(element)
        elif tag != "graphic" and any(child.tag in _BLOCK_TAGS for child in element):
            yield from _mixed_blocks(element)
        elif tag != "graphic":
            yield from _paragraph(_text(element))


# What is a block of its own when trafilatura leaves it inside a paragraph (a live blog's
# header: a label, a heading, a list, all in one <p>).
_BLOCK_TAGS = frozenset({"head", "list", "table", "p", "quote"})


def _mixed_blocks(element: Any) -> Iterator[tuple[str, str, int]]:
    """An element holding blocks among its text: each run of text between them a paragraph,
    each block as :func:`_blocks` gives it, in order (never one paragraph of words glued
    together, ``LIVEStorm live``).

    >>> from lxml import etree
    >>> body = etree.fromstring('<body><p>LIVE<head rend="h2">Storm</head>'
    ...     '<list><item>Trains stopped</item></list>Updated 6pm</p></body>')
    >>> list(_blocks(body))
    [('paragraph', 'LIVE', 0), ('heading', 'Storm', 2), ('paragraph', 'Trains stopped', 0), \
('paragraph', 'Updated 6pm', 0)]
    """
    run = [element.text or ""]
    for child in element:
        if child.tag in _BLOCK_TAGS:
            yield from _paragraph("".join(run))
            run = []
            yield from _blocks([child])
        else:
            run.append(" " if child.tag == "lb" else _text(child))
        run.append(child.tail or "")
    yield from _paragraph("".join(run))


def _paragraph(text: str) -> Iterator[tuple[str, str, int]]:
    text = _clean(text)
    if text:
        yield "paragraph", text, 0


def _table_blocks(table: Any) -> Iterator[tuple[str, str, int]]:
    cells = list(table.iter("cell"))
    laid_out = [cell for cell in cells if len(cell.findall("p")) + len(cell.findall("head")) > 1]
    if laid_out:
        yield from _blocks(max(laid_out, key=lambda cell: len(_text(cell))))
        return
    for row in table.iter("row"):
        text = " ".join(filter(None, (_clean(_text(cell)) for cell in row.iter("cell"))))
        if text:
            yield "paragraph", text, 0


def _list_items(element: Any) -> Iterator[tuple[str, str, int]]:
    for item in element.iter("item"):
        text = _clean(_text(item, skip="list"))
        if text:
            yield "paragraph", text, 0


def _text(element: Any, skip: str | None = None) -> str:
    """The text inside ``element`` (line breaks as spaces), leaving out ``skip`` children."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != skip:
            parts.append(" " if child.tag == "lb" else _text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    """One line of normalised text: white space runs as one space.

    >>> _clean("  Storm\\n hits\\u00a0 coast\\x07 ")
    'Storm hits coast'
    """
    return _SPACE.sub(" ", normalise_text(text)).strip()


def _same(heading: str, title: str | None) -> bool:
    return title is not None and heading.casefold() == title.casefold()


def ingest_html(
    data: bytes,
    path: str | None = None,
    *,
    encoding: str | None = None,
    ingested_at: str | None = None,
    max_bytes: int = 0,
    options: dict[str, Any] | None = None,
) -> Document:
    """Build a document from the raw bytes of one saved page (a gzipped page unpacked first,
    to at most ``max_bytes``; ``source`` describes the bytes as given), with trafilatura's
    ``options`` (default :data:`EXTRACTION_OPTIONS`). Raises
    :class:`IngestError` when the extra is missing, or the page is empty or holds no article.

    >>> page = b"<html><body><article><h1>Storm</h1><p>" + b"Wind rose. " * 30 + b"</p>"
    >>> doc = ingest_html(page + b"<h2>Next</h2><ul><li>Roads shut.</li></ul></article>")
    >>> doc.title, [(b.type, doc.text[b.start:b.end][:10]) for b in doc.blocks]
    ('Storm', [('paragraph', 'Wind rose.'), ('heading', 'Next'), ('paragraph', 'Roads shut')])
    >>> doc.source.format, [step.name for step in doc.steps], doc.steps[0].version[:2]
    ('html', ['trafilatura', 'ingest'], '2.')
    """
    if not data.strip():
        raise IngestError("is empty (no page to read); nothing was written for it")
    unpacked = gunzip_page(data, max_bytes) if data.startswith(GZIP_MAGIC) else data
    decoded = decode_html(unpacked, encoding)
    options = dict(EXTRACTION_OPTIONS if options is None else options)
    article = extract_article(decoded.text, options)
    blocks = article.blocks if article is not None else ()
    words = sum(len(text.split()) for kind, text, _ in blocks if kind == "paragraph")
    if article is None or words < MIN_ARTICLE_WORDS:
        raise IngestError(
            f"holds no article ({words} words of body text found; an index page, a login "
            "wall or an empty page?); nothing was written for it"
        )
    text, spans = join_blocks((kind, text) for kind, text, _ in blocks)
    extractor = Step(EXTRACTOR, extractor_version(), options)
    doc = Document(
        id="", text=text, title=article.title, blocks=spans, meta=article.meta, steps=(extractor,)
    )
    settings = {"format": "html", "extractor": f"{EXTRACTOR} {extractor_version()}"}
    return ingested_document(
        doc, data, path, decoded, encoding=encoding, ingested_at=ingested_at, settings=settings
    )
