"""What raw bytes are before anything decodes them: byte-order marks, UTF-16/32 without a
mark, HTML pages (gzipped too) and binary files. Used by input discovery (to pass over binary
files), by the readers (to tell an HTML page) and by ingest.

>>> looks_binary(b"\\x7fELF\\x02\\x01\\x01\\x00"), looks_binary("Zoë left".encode("utf-16-le"))
(True, False)
"""

from __future__ import annotations

import codecs
import re
import zlib

from newstool import lazyre

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BINARY_SNIFF_BYTES = 1024
GZIP_MAGIC = b"\x1f\x8b"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
# How an HTML page opens, after a byte-order mark, white space, an XML declaration (XHTML) and
# comments (a browser's "saved from url=" note): a doctype or the html element.
_HTML_START = lazyre.compile(
    r"\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.{0,500}?-->\s*)*<(?:!doctype\s+html|html)[\s>]",
    re.IGNORECASE | re.DOTALL,
)


def looks_binary(head: bytes) -> bool:
    """NUL bytes in the first KB of something that is not UTF-16/32 text mark it binary.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
    True
    >>> looks_binary("plain text".encode("utf-16-le"))
    False
    >>> import gzip; looks_binary(gzip.compress(b"<html><p>Hi</p></html>"))  # read, as HTML
    False
    """
    head = head[:BINARY_SNIFF_BYTES]
    if head.startswith(GZIP_MAGIC):
        return not looks_like_html(gunzipped_head(head))
    if b"\x00" not in head or any(head.startswith(bom) for bom, _ in BOMS):
        return False
    return bomless_utf16_or_32(head) is None


def bomless_utf16_or_32(data: bytes) -> str | None:
    """UTF-16/32 without a BOM: the width and byte order that decode the sample to printable
    text with spaces in it.

    >>> bomless_utf16_or_32("plain words".encode("utf-16-be"))
    'utf-16-be'
    >>> bomless_utf16_or_32(b"\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00") is None
    True
    """
    sample = data[:BINARY_SNIFF_BYTES]
    for width, names in ((4, ("utf-32-le", "utf-32-be")), (2, ("utf-16-le", "utf-16-be"))):
        usable = len(sample) - len(sample) % width
        if usable < width:
            continue
        for name in names:
            try:
                text = sample[:usable].decode(name)
            except UnicodeDecodeError:
                continue
            printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
            if printable >= 0.95 * len(text) and any(ch.isspace() for ch in text):
                return name
    return None


def looks_like_html(head: bytes) -> bool:
    """Whether the first bytes of an input open an HTML page: ``<!doctype html`` or ``<html``,
    after a byte-order mark (UTF-8, -16 or -32), white space, an XML declaration or comments.

    >>> looks_like_html(b"\\xef\\xbb\\xbf\\n <!DOCTYPE html>"), looks_like_html(b"<HTML lang=en>")
    (True, True)
    >>> looks_like_html(b"<!-- saved from url=(0030)https://example.com/ -->\\n<html>")
    True
    >>> looks_like_html(b"<b>Bold</b> claims about <html> tags"), looks_like_html(b"Storm hits")
    (False, False)
    """
    head = head[:BINARY_SNIFF_BYTES]
    encoding = next((name for bom, name in BOMS if head.startswith(bom)), None)
    if encoding is None:
        text = head.decode("latin-1")  # every byte a character: enough to see ASCII markup
    else:
        text = head.decode(encoding, errors="ignore").removeprefix("\ufeff")
    return _HTML_START.match(text) is not None


def gunzipped_head(data: bytes, size: int = BINARY_SNIFF_BYTES) -> bytes:
    """The first ``size`` bytes that gzipped ``data`` (maybe cut short) unpacks to; empty when
    it is not gzip after all.

    >>> import gzip; gunzipped_head(gzip.compress(b"<html>" * 1000)[:200], 12)
    b'<html><html>'
    >>> gunzipped_head(b"\\x1f\\x8b but not gzip")
    b''
    """
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, size)
    except zlib.error:
        return b""


def is_html_name(name: str) -> bool:
    """Whether a file name says HTML page (gzipped too).

    >>> is_html_name("a/Page.HTM"), is_html_name("x.html.gz"), is_html_name("x.txt")
    (True, True, False)
    """
    return name.lower().removesuffix(".gz").endswith(HTML_SUFFIXES)
