"""Raw bytes to a :class:`~newstool.model.Document`: decode, normalise, find the structure.

>>> doc = ingest_bytes(b"Storm hits coast\\n\\nDamage\\n\\nWind rose.\\nRoofs fell.\\n")
>>> doc.title, doc.text
('Storm hits coast', 'Damage\\n\\nWind rose. Roofs fell.')
>>> [b.type for b in doc.blocks], doc.source.encoding, doc.source.encoding_source
(['heading', 'paragraph'], 'utf-8', 'utf8')
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from newstool import lazyre
from newstool.model import Block, Document, Source, join_blocks, replace_lone_surrogates
from newstool.sniff import BINARY_SNIFF_BYTES, BOMS, bomless_utf16_or_32

DETECTOR_SAMPLE_BYTES = 64 * 1024
# A file is damaged UTF-8 when more than this share of its non-ASCII characters is valid UTF-8
# (each invalid byte counting as one character). Legacy files reach at most about a quarter by
# chance (CJK double-byte and Thai text, where byte triples can happen to form UTF-8).
MOSTLY_UTF8_SHARE = 0.5
# What the few invalid bytes of a mostly-UTF-8 file usually are: text pasted from Windows.
STRAY_BYTES_ENCODING = "cp1252"

TITLE_MAX_CHARS = 200
HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 15
# Hard-wrapped text is taken to be wrapped at this many columns or more (mail and wire copy wrap
# at 64 to 80): a line that left room for the next line's first word was ended on purpose.
NARROWEST_WRAP = 60
MAX_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last instant an ISO 8601 year can show

_CONTROL = lazyre.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1_CONTROL = lazyre.compile(r"[\x80-\x9f]")
# A UTF-8 character read as Windows-1252 where the bytes that code page leaves undefined (0x81,
# 0x8D, 0x8F, 0x90, 0x9D) stayed C1 controls, as browsers and Latin-1 leave them: "â€\x9d" is
# "”", "Ã\x81" is "Á". A lead byte, then continuation bytes (as cp1252 shows them).
_CP1252_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MISREAD_CHARACTER = lazyre.compile(
    f"[\u00c2-\u00df][{_CP1252_CONTINUATION}]|[\u00e0-\u00ef][{_CP1252_CONTINUATION}]{{2}}"
    f"|[\u00f0-\u00f4][{_CP1252_CONTINUATION}]{{3}}"
)
# Terminal (ANSI/VT) escape sequences, whole: strings (OSC, DCS, ...) ended by BEL or ESC \,
# CSI (ESC [ parameters, intermediates, a final byte), then two-byte and other ESC sequences.
_TERMINAL_ESCAPE = lazyre.compile(
    r"\x1b(?:[\]PX^_][^\x07\x1b\n]*+(?:\x07|\x1b\\)|\[[0-?]*[ -/]*[@-~]|[ -/]*[0-~])"
)
_TRAILING_SPACE = lazyre.compile(r"[ \t]+$", re.MULTILINE)
_NEWLINES = lazyre.compile(r"\r\n?|[\u2028\u2029\x85]")
_OTHER_NEWLINES = ("\r", "\u2028", "\u2029", "\x85")  # what _NEWLINES turns into "\n"
_BLANK_LINES = lazyre.compile(r"\n(?:[ \t]*\n)+")
# Final punctuation that a title, or a heading, does not end with (CJK marks included).
_TITLE_ENDS = (".", ",", ";", "。", "，", "；")
_HEADING_ENDS = (*_TITLE_ENDS, ":", "!", "?", "…", '"', "”", "'", "！", "？", "：", "-", "–", "—")
# Words that leave a phrase unfinished: a line ending in one was wrapped inside a sentence.
_UNFINISHED_LAST_WORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "from", "with", "by", "at", "to", "into",
    "onto", "than", "via", "per", "that", "whose", "whom", "whether", "if", "because", "as", "is",
    "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can", "could",
    "should", "may", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
})  # fmt: skip
_SENTENCE_END = lazyre.compile(r"[.!?…。！？][\"'”’»)\]」』]*$")
_WORD = lazyre.compile(r"\S+")
_OPENING_PUNCTUATION = "\"'“‘«([{「『"
# A list item line: a dash, star or bullet sign, or a label (1. 1) (1) a)), then the item.
# A line of a fact box: a short capitalised label, a colon and its value ("When: Saturday,
# 7.30pm", "Venue: Marvel Stadium", "ASX200: up 52.3 points"). See fact_box_starts.
_FACT_LINE = lazyre.compile(r"[ \t]*[A-Z][\w'’&+./-]*(?: [\w'’&+./-]+){0,3}:[ \t]+\S")
# What the line before a fact box ends with: its heading's colon, or a sentence's end; a line of
# the box does not end in an unfinished phrase ("Third: plan for" goes on, "Drought: ...").
_ENDS_BEFORE_FACTS = lazyre.compile(r"[:.!?…][\"'”’»)\]]*[ \t]*$")
_UNFINISHED_BEFORE_FACTS = _UNFINISHED_LAST_WORDS | {"for", "in", "on", "until", "such"}
_LIST_ITEM = lazyre.compile(
    r"[ \t]*(?:[-*–][ \t]+|[•●▪◦‣⁃][ \t]*|(?:\d{1,3}[.)]|\(\d{1,3}\)|[a-z]\))[ \t]+)\S"
)
# Bytes 0x80-0x9F are C1 control characters in ISO-8859-1/-9, which real text never holds; in
# the Windows code page that extends it they are curly quotes, dashes and the euro sign.
_C1_BYTES = lazyre.compile(rb"[\x80-\x9f]")
_WINDOWS_SUPERSET = {"latin-1": "cp1252", "iso8859-1": "cp1252", "iso8859-9": "cp1254"}
# A detector names the vendor superset; when the standard subset decodes the file strictly, that
# is the file's encoding (the two differ only in a few vendor punctuation mappings).
_NARROWER = {"gb18030": ("gb2312", "gbk"), "gbk": ("gb2312",), "cp932": ("shift_jis",)}
DETECTOR_CANDIDATES = 8
# The only encodings the detector may choose: Unicode, the Windows and KOI8 code pages, ISO 8859,
# and the East Asian and regional Cyrillic standards. chardet's "regional" era also holds DOS,
# IBM and HP code pages (cp720, cp1006, cp1125, hp-roman8) and UTF-7, which decode nearly any
# bytes and, on short or mixed samples, outscore the right answer.
DETECTABLE_ENCODINGS = frozenset(
    {
        *("utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"),
        *(f"cp{n}" for n in (874, 1250, 1251, 1252, 1253, 1254, 1255, 1256, 1257, 1258)),
        *("koi8-r", "koi8-u", "koi8-t", "kz1048", "ptcp154", "tis-620"),
        *(f"iso8859-{n}" for n in (*range(1, 12), *range(13, 17))),
        *("gb2312", "gbk", "gb18030", "hz", "big5", "big5hkscs", "cp950"),
        *("shift_jis", "cp932", "shift_jis_2004", "euc_jp", "euc_jis_2004", "iso2022_jp"),
        *("iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_ext", "euc_kr", "cp949", "johab"),
        "iso2022_kr",
    }
)
_C1_CHARS = frozenset(chr(c) for c in range(0x80, 0xA0))
# A run of word characters (and the symbols mojibake leaves inside words) with non-ASCII in it.
_NON_ASCII_WORD = lazyre.compile(r"[^\s\d\x00-\x40\x5b-\x60\x7b-\x7f]*[^\x00-\x7f][^\s\x00-\x40]*")
_ESCAPED_BYTE = lazyre.compile("[\udc80-\udcff]")
_ESCAPED_RUN = lazyre.compile("[\udc80-\udcff]+")
_NON_ASCII_CHAR = lazyre.compile("[^\x00-\x7f]")


class IngestError(ValueError):
    """Input that cannot become a document (binary, empty, undecodable); says what to do."""


@dataclass(frozen=True)
class Decoded:
    """The result of decoding: text and how it was obtained."""

    text: str
    encoding: str
    confidence: float
    source: str  # bom, utf8, utf8-lossy, detector, fallback, user
    replacements: int = 0
    warnings: tuple[str, ...] = field(default=())


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode raw bytes: BOM, strict UTF-8, mostly-valid UTF-8, chardet, then lossy UTF-8.

    >>> decode_bytes("Zoë".encode("utf-16")).encoding
    'utf-16-le'
    >>> d = decode_bytes("Ménard café".encode("cp1252") * 20)
    >>> d.text[:11], d.source
    ('Ménard café', 'detector')
    >>> decode_bytes(b"caf\\xc3\\xa9 " * 20 + b"\\xff").source
    'utf8-lossy'
    """
    if encoding is not None:
        return _decode_as_user_asked(data, encoding)
    for bom, name in BOMS:
        if data.startswith(bom):
            return _lossy(data[len(bom) :], name, 1.0, "bom")
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        wide = bomless_utf16_or_32(data)
        if wide is None:
            raise IngestError("looks binary (NUL bytes in the first 1 KB), not text; pass it over")
        return _lossy(data, wide, 0.9, "detector")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0, "utf8")
    except UnicodeDecodeError:
        pass
    share = _valid_utf8_share(data)
    if share > MOSTLY_UTF8_SHARE:
        return _decode_mostly_utf8(data, share)
    detected = _detect(data)
    if detected is not None:
        return detected
    return _lossy(data, "utf-8", 0.0, "fallback")


def _decode_as_user_asked(data: bytes, encoding: str) -> Decoded:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise IngestError(
            f"unknown encoding {encoding!r}; use a Python codec name such as cp1252 or utf-16"
        ) from None
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    return _lossy(data, name, 1.0, "user")


def _lossy(data: bytes, encoding: str, confidence: float, source: str) -> Decoded:
    """Decode with replacement characters, counting them and warning when there are any."""
    text = data.decode(encoding, errors="replace")
    replacements = text.count("\ufffd") - _count_encoded_replacement_chars(data, encoding)
    warnings: tuple[str, ...] = ()
    if replacements:
        advice = (
            "check that --encoding names the file's real encoding, or leave it out to detect it"
            if source == "user"
            else "pass --encoding if you know the right one"
        )
        warnings = (
            f"ingest: {replacements} undecodable byte sequence(s) replaced with U+FFFD "
            f"while decoding as {encoding}; {advice}",
        )
    if source == "fallback":
        warnings = (
            "ingest: encoding could not be detected; decoded as UTF-8 with replacements",
            *warnings,
        )
    return Decoded(text, encoding, confidence, source, max(replacements, 0), warnings)


def _count_encoded_replacement_chars(data: bytes, encoding: str) -> int:
    """U+FFFD characters genuinely present in the input (not introduced by us)."""
    try:
        return data.count("\ufffd".encode(encoding))
    except UnicodeEncodeError:
        return 0


def _valid_utf8_share(data: bytes) -> float:
    """Share of the non-ASCII characters that are valid UTF-8, each invalid byte counting as one.

    >>> _valid_utf8_share("naïve café".encode("utf-8") + b"\\xe9")
    0.667
    >>> _valid_utf8_share("Москва".encode("cp1251"))
    0.0
    """
    # surrogateescape turns each invalid byte into one lone surrogate U+DC80..U+DCFF
    text = data.decode("utf-8", errors="surrogateescape")
    non_ascii = len(_NON_ASCII_CHAR.findall(text))
    if not non_ascii:
        return 1.0
    invalid = len(_ESCAPED_BYTE.findall(text))
    return round((non_ascii - invalid) / non_ascii, 3)


def _decode_mostly_utf8(data: bytes, share: float) -> Decoded:
    """UTF-8 with a few invalid bytes, each decoded on its own as cp1252 (U+FFFD for the five
    bytes cp1252 leaves unassigned), with a warning.

    >>> d = _decode_mostly_utf8("naïve café ".encode() + b"caf\\xe9 \\x93ok\\x94 \\x81", 0.667)
    >>> d.text, d.replacements, d.source
    ('naïve café café “ok” \ufffd', 1, 'utf8-lossy')
    >>> d.warnings  # doctest: +NORMALIZE_WHITESPACE
    ('ingest: 4 byte(s) are not valid UTF-8 in this otherwise UTF-8 file; decoded them as
      cp1252, 1 replaced with U+FFFD; pass --encoding if you know the right one',)
    """
    escaped = data.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED_BYTE.findall(escaped))
    text = _ESCAPED_RUN.sub(lambda run: _stray_bytes_as_text(run.group()), escaped)
    replacements = text.count("\ufffd") - _count_encoded_replacement_chars(data, "utf-8")
    replaced = f", {replacements} replaced with U+FFFD" if replacements else ""
    warning = (
        f"ingest: {invalid} byte(s) are not valid UTF-8 in this otherwise UTF-8 file; decoded "
        f"them as {STRAY_BYTES_ENCODING}{replaced}; pass --encoding if you know the right one"
    )
    return Decoded(text, "utf-8", share, "utf8-lossy", replacements, (warning,))


def _stray_bytes_as_text(escaped: str) -> str:
    """Invalid UTF-8 bytes, as ``surrogateescape`` leaves them, decoded as cp1252.

    >>> _stray_bytes_as_text(b"\\x93\\xe9\\x94\\x81".decode("utf-8", "surrogateescape"))
    '“é”\ufffd'
    """
    raw = escaped.encode("utf-8", errors="surrogateescape")
    return raw.decode(STRAY_BYTES_ENCODING, errors="replace")


def _detect(data: bytes) -> Decoded | None:
    """chardet on a bounded sample; its best candidates among :data:`DETECTABLE_ENCODINGS` are
    decoded and the least garbled wins.

    The whole file is then decoded strictly with the winner, trying the next on failure.
    """
    import chardet  # lazy: loading its model costs tens of milliseconds
    from chardet import EncodingEra

    sample = data[:DETECTOR_SAMPLE_BYTES]
    has_c1_bytes = _C1_BYTES.search(sample) is not None
    # Mac, DOS and mainframe code pages are rare in news text, and on short samples they outscore
    # the right answer (MacTurkish for German, say).
    eras = EncodingEra.MODERN_WEB | EncodingEra.LEGACY_ISO | EncodingEra.LEGACY_REGIONAL
    guesses = chardet.detect_all(sample, max_bytes=len(sample), encoding_era=eras)
    candidates: dict[str, float] = {}
    for name, confidence in _allowed_guesses(guesses)[:DETECTOR_CANDIDATES]:
        if has_c1_bytes:
            name = _WINDOWS_SUPERSET.get(name, name)
        for candidate in (*_NARROWER.get(name, ()), name):
            candidates.setdefault(candidate, confidence)
    ranked = sorted(candidates, key=lambda name: _garbling(sample, name))  # stable: chardet order
    for name in ranked:
        try:
            return Decoded(data.decode(name), name, candidates[name], "detector")
        except UnicodeDecodeError:
            continue
    return None


def _allowed_guesses(guesses: list[dict]) -> list[tuple[str, float]]:
    """chardet's guesses as (codec name, confidence), in its order, keeping only
    :data:`DETECTABLE_ENCODINGS`.

    >>> _allowed_guesses([{"encoding": "hp-roman8", "confidence": 0.2},
    ...                   {"encoding": "Windows-1252", "confidence": 0.1234}, {"encoding": None}])
    [('cp1252', 0.123)]
    """
    allowed = []
    for guess in guesses:
        try:
            name = codecs.lookup(guess["encoding"] or "").name
        except LookupError:
            continue
        if name in DETECTABLE_ENCODINGS:
            allowed.append((name, round(float(guess.get("confidence") or 0.0), 3)))
    return allowed


def _garbling(sample: bytes, encoding: str) -> int:
    """How wrong a decoding looks: words mixing scripts (``ZoыMщnard``), symbols glued inside
    words (``donâ€™t``) and control characters; a sample that fails to decode ranks last.

    >>> text = "By Zoë Ménard".encode("cp1252")
    >>> _garbling(text, "cp1252") < _garbling(text, "iso8859-5")
    True
    >>> _garbling("© 2017 ABC News".encode("cp1252"), "cp1252")
    0
    """
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a sample may end inside a multi-byte character
            return 1 << 30
        text = sample[: exc.start].decode(encoding)
    score = sum(1 for ch in text if ch in _C1_CHARS)
    for word in _NON_ASCII_WORD.findall(text):
        scripts = {_script(ch) for ch in word if ch.isalpha()}
        if scripts:  # a symbol standing alone ("© 2017") is no garbling: one glued to letters is
            score += (len(scripts) > 1) + sum(not ch.isalnum() for ch in word if ord(ch) > 127)
    return score


def _script(ch: str) -> str:
    """The first word of a letter's Unicode name, which names its script for our purposes.

    >>> _script("é"), _script("ы"), _script("a")
    ('LATIN', 'CYRILLIC', 'LATIN')
    """
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


def normalise_text(text: str) -> str:
    """Newlines to ``\\n``, Unicode NFC, no terminal escape sequences, no control characters but
    tab and newline, no trailing spaces.

    >>> normalise_text("Cafe\\u0301 \\r\\nline\\x00 two  \\rend")
    'Café\\nline two\\nend'
    >>> normalise_text("\\x1b[1;31mred\\x1b[0m text\\x1b]0;title\\x07 \\x1b(Bend")
    'red text end'

    A control that is the last byte of a misread UTF-8 character is read back with it, not
    dropped (dropping it would leave mojibake that nothing can repair); other mojibake is left
    to ``clean``:

    >>> normalise_text("â€œfine,â€\\x9d she said")
    'â€œfine,” she said'
    """
    # (each pattern only where a quick search finds what it replaces: a character class is
    # tried at every character, a few times slower than looking for one character)
    if "\x1b" in text:
        text = _TERMINAL_ESCAPE.sub("", text)
    if any(newline in text for newline in _OTHER_NEWLINES):
        text = _NEWLINES.sub("\n", text)
    if not text.isascii() and _C1_CONTROL.search(text):
        text = _MISREAD_CHARACTER.sub(_reread_with_control, text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)  # last: a removed control may join base and mark
    if _has_trailing_space(text):
        text = _TRAILING_SPACE.sub("", text)
    return text


def _has_trailing_space(text: str) -> bool:
    """Whether a line of ``text`` ends in a space or a tab (what :data:`_TRAILING_SPACE`
    removes).

    >>> _has_trailing_space("a \\nb"), _has_trailing_space("a\\tb\\t"), _has_trailing_space("a b")
    (True, True, False)
    """
    return " \n" in text or "\t\n" in text or text.endswith((" ", "\t"))


def _reread_with_control(match: re.Match[str]) -> str:
    """The character a misread UTF-8 sequence holding a C1 control stands for, or the sequence
    unchanged (no control in it, or no valid UTF-8).

    >>> _MISREAD_CHARACTER.sub(_reread_with_control, "â€\\x9d Ã\\x81 Ã© Ã\\x81\\x81")
    '” Á Ã© Á\\x81'
    """
    sequence = match.group()
    if not _C1_CONTROL.search(sequence):
        return sequence
    raw = b"".join(
        ch.encode("latin-1") if _C1_CONTROL.match(ch) else ch.encode("cp1252") for ch in sequence
    )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return sequence


def split_structure(text: str) -> tuple[str | None, str, tuple[Block, ...]]:
    """Title, body text and blocks of normalised text.

    Blank lines separate blocks; inside a run of lines, these rules decide (see the helpers):

    - a line *stands alone* as a heading when it is short with no final punctuation
      (:func:`_looks_like_heading`), begins a block (it is first, or the line before ends a
      sentence or stands alone) and ends one (it is last, a list item follows, or the next line
      starts a sentence and the next line's first word would have fitted on it: it was not
      hard-wrapped, see :func:`_wrapped`);
    - a list item line (``- x``, ``* x``, ``• x``, ``1. x``, ``1) x``) starts a paragraph of its
      own, which an indented line or a line that does not start a sentence continues;
    - any other line continues the block before it (hard-wrapped lines are joined with a space).

    The first block is the title when it is a heading, or when it is a whole line alone before a
    blank line, at most 200 characters, not ending in a full stop, comma or semicolon, and more
    follows. A document that is only a title has an empty text and no blocks.

    >>> title, body, blocks = split_structure("Big news\\n\\nWhy\\n\\nIt rained\\nall day.")
    >>> title, [(b.type, body[b.start:b.end]) for b in blocks]
    ('Big news', [('heading', 'Why'), ('paragraph', 'It rained all day.')])
    >>> title, body, blocks = split_structure("Storm hits\\nRoofs fell.\\nWhy\\nWe wait.")
    >>> title, body, [b.type for b in blocks]
    ('Storm hits', 'Roofs fell.\\n\\nWhy\\n\\nWe wait.', ['paragraph', 'heading', 'paragraph'])
    """
    chunks = [chunk for chunk in _BLANK_LINES.split(text.strip("\n")) if chunk.strip()]
    groups = [group for chunk in chunks for group in _line_groups(chunk)]
    title = None
    if groups and _is_title(groups[0], chunks):
        title = groups.pop(0)[1][0].strip()
    body, blocks = join_blocks(
        (kind, " ".join(line.strip() for line in lines)) for kind, lines in groups
    )
    return title, body, blocks


def _is_title(first: tuple[str, list[str]], chunks: list[str]) -> bool:
    """Whether the first block is the title (see :func:`split_structure`)."""
    kind, lines = first
    if kind == "heading":
        return True
    whole_line = len(chunks) > 1 and lines == [chunks[0]] and not _LIST_ITEM.match(chunks[0])
    return whole_line and _looks_like_title(chunks[0])


def _line_groups(chunk: str) -> list[tuple[str, list[str]]]:
    """The blocks of a run of lines without blank lines: ``(kind, lines)`` each.

    >>> _line_groups("Key points\\n- one\\n  still one\\n- two\\nThen prose.")
    [('heading', ['Key points']), ('paragraph', ['- one', '  still one']), \
('paragraph', ['- two']), ('paragraph', ['Then prose.'])]
    """
    lines = [line for line in chunk.split("\n") if line.strip()]
    width = max(NARROWEST_WRAP, *map(_columns, lines))
    alone = _lines_alone(lines, width)
    facts = fact_box_starts(lines, width)
    groups: list[tuple[str, list[str]]] = []
    for i, line in enumerate(lines):
        starts_block = (
            i == 0
            or alone[i]
            or alone[i - 1]
            or facts[i]
            or _LIST_ITEM.match(line)
            or _leaves_list(groups[-1][1], line, width)
        )
        if starts_block:
            groups.append(("heading" if alone[i] else "paragraph", [line]))
        else:
            groups[-1][1].append(line)
    return groups


def _lines_alone(lines: list[str], width: int) -> list[bool]:
    """For each line, whether it stands alone as a heading (see :func:`split_structure`).

    >>> _lines_alone(["Storm hits coast", "A storm hit the coast.", "Roofs fell"], 60)
    [True, False, True]
    >>> _lines_alone(["The minister met officials from the region and from", "Brussels."], 60)
    [False, False]
    """
    alone: list[bool] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else None
        alone.append(
            _looks_like_heading(line)
            and not _LIST_ITEM.match(line)
            and (i == 0 or alone[i - 1] or bool(_SENTENCE_END.search(lines[i - 1])))
            and (
                following is None
                or bool(_LIST_ITEM.match(following))
                or (_starts_sentence(following) and not _wrapped(line, following, width))
            )
        )
    return alone


def fact_box_starts(lines: list[str], width: int | None = None) -> list[bool]:
    """For each line of a run of lines, whether it starts a unit of its own because of a fact
    box: a line of one, or the first line after one that starts a sentence and does not
    continue it (see :func:`_leaves_list`). Each unit is a paragraph of a document, as a list
    item is, and a sentence. ``width``: where the lines were wrapped (default: the widest).

    A line of a fact box holds a label, a colon and a value (:data:`_FACT_LINE`), two or more
    in a row; the first opens the run or follows a line that ends with a colon or a sentence's
    end (``Match details:``); the next ones follow one that ends so, or a line of the box that
    was not hard-wrapped (:func:`_wrapped`) and does not end in an unfinished phrase.

    >>> fact_box_starts(["Match details:", "When: Saturday, 7pm", "Venue: MCG", "Tickets: $25,",
    ...                  "sold out", "The final is on.", "Said: no"])
    [False, True, True, True, False, True, False]

    Wrapped prose whose lines happen to open with a capitalised word and a colon is not one:

    >>> fact_box_starts(["The council issued a statement that said the", "Council: had acted"
    ...                  " and the union responded within", "Minutes: that it would appeal."])
    [False, False, False]
    """
    starts = [False] * len(lines)
    if len(lines) < 2:
        return starts
    if width is None:
        width = max(NARROWEST_WRAP, *map(_columns, lines))
    counted: list[bool] = []
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else ""
        counted.append(
            bool(_FACT_LINE.match(line))
            and (
                not i
                or bool(_ENDS_BEFORE_FACTS.search(before))
                or (
                    counted[i - 1]
                    and not _wrapped(before, line, width)
                    and before.split()[-1].lower() not in _UNFINISHED_BEFORE_FACTS
                )
            )
        )
    in_box = False  # the unit being read is a line of the box (and what continues it)
    for i, line in enumerate(lines):
        fact = counted[i] and ((i and counted[i - 1]) or (i + 1 < len(lines) and counted[i + 1]))
        if fact:
            starts[i] = in_box = True
        elif in_box and _leaves_list([lines[i - 1]], line, width, fact=True):
            starts[i], in_box = True, False
    return starts


def _leaves_list(group: list[str], line: str, width: int, fact: bool = False) -> bool:
    """Whether ``line`` ends the list item ``group`` (or the line of a fact box, ``fact``): it
    is not indented, starts a sentence and does not continue a hard-wrapped item line.

    >>> _leaves_list(["- one"], "Then prose.", 60), _leaves_list(["- one"], "  More of it", 60)
    (True, False)
    """
    return (
        (fact or bool(_LIST_ITEM.match(group[0])))
        and not line[:1].isspace()
        and _starts_sentence(line)
        and not _wrapped(group[-1], line, width)
    )


def _starts_sentence(line: str) -> bool:
    """Whether a line opens like a sentence: a capital, a digit or a letter of a script without
    case, after any opening quotes or brackets.

    >>> _starts_sentence("“Roofs fell"), _starts_sentence("2 died"), _starts_sentence("今天")
    (True, True, True)
    >>> _starts_sentence("the valley"), _starts_sentence("— said he")
    (False, False)
    """
    first = line.strip().lstrip(_OPENING_PUNCTUATION)[:1]
    return first.isdecimal() or (first.isalpha() and not first.islower())


def _wrapped(line: str, following: str, width: int) -> bool:
    """Whether ``line`` may have been ended by hard wrapping at ``width`` columns (the widest
    line around, at least :data:`NARROWEST_WRAP`): the first word of the following line would
    not have fitted on it. A word wider than half the width (a URL, or CJK text without spaces,
    which wrapping may break anywhere) counts as half the width.

    >>> _wrapped("Storm hits coast", "A storm hit.", 60), _wrapped("x" * 55, "Brussels", 60)
    (False, True)
    >>> _wrapped("标题", "今天天气很好。" * 9, 126), _wrapped("东" * 32, "今天天气很好。" * 9, 126)
    (False, True)
    """
    word = _columns(_WORD.search(following).group())  # not split(): a line can be megabytes
    return _columns(line) + 1 + min(word, width // 2) > width


def _columns(text: str) -> int:
    """How many columns ``text`` takes on a terminal: East Asian wide characters take two.

    >>> _columns("Tokyo"), _columns("東京")
    (5, 4)
    """
    if text.isascii():
        return len(text)
    # each distinct character that may be wide looked up once, however often it occurs
    maybe_wide = Counter(_NARROW_RUN.sub("", text))
    wide = (n for ch, n in maybe_wide.items() if unicodedata.east_asian_width(ch) in "WF")
    return len(text) + sum(wide)


# No character below U+0378 is wide (Latin, Greek, combining marks); unassigned ones count as
# wide, as unicodedata says.
_NARROW_RUN = lazyre.compile("[\x00-\u0377]+")


def _looks_like_title(line: str) -> bool:
    line = line.strip()
    return len(line) <= TITLE_MAX_CHARS and not line.endswith(_TITLE_ENDS)


def _looks_like_heading(line: str) -> bool:
    """A short line without final punctuation that does not end in an unfinished phrase.

    >>> _looks_like_heading("Storm hits coast"), _looks_like_heading("Officials from the")
    (True, False)
    """
    if len(line.strip()) > HEADING_MAX_CHARS:
        return False  # first, so that a long line is never split into its words
    words = line.split()
    return (
        len(words) <= HEADING_MAX_WORDS
        and not line.rstrip().endswith(_HEADING_ENDS)
        and not _UNFINISHED_LAST_WORDS.intersection(w.lower() for w in words[-1:])
    )


def ingest_bytes(
    data: bytes,
    path: str | None = None,
    *,
    encoding: str | None = None,
    ingested_at: str | None = None,
) -> Document:
    """Build a document from the raw bytes of one article.

    ``path`` is recorded as given (None for stdin); ``encoding`` overrides detection. Raises
    :class:`IngestError` for empty, binary or undecodable input.

    >>> ingest_bytes(b"One line only.").title is None
    True
    """
    if not data.strip():
        raise IngestError("is empty (no text to ingest); nothing was written for it")
    decoded = decode_bytes(data, encoding)
    text = normalise_text(decoded.text)
    if not text.strip():
        raise IngestError("holds no text after decoding (only control or space characters)")
    title, body, blocks = split_structure(text)
    doc = Document(id="", text=body, title=title, blocks=blocks)
    return ingested_document(doc, data, path, decoded, encoding=encoding, ingested_at=ingested_at)


def ingested_document(
    doc: Document,
    data: bytes,
    path: str | None,
    decoded: Decoded,
    *,
    encoding: str | None,
    ingested_at: str | None,
    settings: dict[str, str] | None = None,
) -> Document:
    """``doc`` (its title, text and blocks found in ``data``) with its id, its source and the
    ``ingest`` step; ``settings`` (how the input was read, beyond ``encoding``) go into the
    step's options and fingerprint, and ``settings["format"]`` into ``source.format``."""
    digest = hashlib.sha256(data).hexdigest()
    warnings = decoded.warnings
    if path is not None and replace_lone_surrogates(path)[1]:
        path = replace_lone_surrogates(path)[0]
        warnings = (*warnings, _UNDECODABLE_PATH)
    settings = settings or {}
    source = Source(
        path=path,
        bytes=len(data),
        sha256=digest,
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
        encoding_source=decoded.source,
        replacements=decoded.replacements,
        ingested_at=ingested_at or now_utc(),
        format=settings.get("format"),
    )
    doc = replace(doc, id=digest[:16], source=source)
    options = {**({"encoding": encoding} if encoding else {}), **settings}
    fingerprint = ingest_fingerprint(encoding, tuple(sorted(settings.items())))
    return doc.add_step("ingest", options, fingerprint=fingerprint, warnings=warnings)


# A file name is bytes; those that are not UTF-8 cannot be written in a JSON or Markdown output.
_UNDECODABLE_PATH = "the file name is not UTF-8: source.path shows its undecodable bytes as U+FFFD"


@functools.cache
def ingest_fingerprint(encoding: str | None, settings: tuple[tuple[str, str], ...] = ()) -> str:
    """A digest of what changes ingest's output (see :mod:`newstool.fingerprint`): the
    ``--encoding`` given, other ``settings`` (the HTML extractor and its version), the
    version, the detector library.

    >>> ingest_fingerprint(None) != ingest_fingerprint("cp1252")
    True
    """
    from newstool.fingerprint import fingerprint

    return fingerprint("ingest", {"encoding": encoding, **dict(settings)})


def ingest_path(path: str | os.PathLike[str], *, encoding: str | None = None) -> Document:
    """Read and ingest one file; ``source.path`` is the path as given."""
    return ingest_bytes(Path(path).read_bytes(), str(path), encoding=encoding)


def now_utc() -> str:
    """The ingestion time: now in UTC, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds).

    >>> os.environ["SOURCE_DATE_EPOCH"] = "0"; now_utc()
    '1970-01-01T00:00:00Z'
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    epoch = source_date_epoch()
    moment = datetime.fromtimestamp(epoch, UTC) if epoch is not None else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as whole seconds, None when unset; ValueError when unusable.

    >>> os.environ["SOURCE_DATE_EPOCH"] = "abc"; source_date_epoch()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: SOURCE_DATE_EPOCH='abc': expected seconds since 1970 (e.g. 1700000000); ...
    >>> del os.environ["SOURCE_DATE_EPOCH"]
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    problem = f"SOURCE_DATE_EPOCH={value!r}: expected seconds since 1970"
    if not value.isascii() or not value.isdigit():
        raise ValueError(f"{problem} (e.g. 1700000000); fix or unset it")
    epoch = int(value)
    if epoch > MAX_EPOCH:
        raise ValueError(f"{problem}, before the year 10000; fix or unset it")
    return epoch
