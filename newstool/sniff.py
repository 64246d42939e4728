"""What raw bytes are before anything decodes them: byte-order marks, UTF-16/32 without a
mark, and binary files. Used by input discovery (to pass over binary files) and by ingest.

>>> looks_binary(b"\\x7fELF\\x02\\x01\\x01\\x00"), looks_binary("Zoë left".encode("utf-16-le"))
(True, False)
"""

from __future__ import annotations

import codecs

# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BINARY_SNIFF_BYTES = 1024


def looks_binary(head: bytes) -> bool:
    """NUL bytes in the first KB of something that is not UTF-16/32 text mark it binary.

    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
    True
    >>> looks_binary("plain text".encode("utf-16-le"))
    False
    """
    head = head[:BINARY_SNIFF_BYTES]
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
