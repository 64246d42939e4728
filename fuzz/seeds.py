"""The seed corpora, written at run time (nothing bulky is committed): ``python -m fuzz.seeds
DIR`` fills ``DIR/<target>/seeds/`` for every target of :data:`fuzz.targets.CHECKS`.

Raw seeds are the articles of ``seeds/*.txt`` as they are and in other encodings and newline
conventions, plus a few short articles written here; JSON Lines seeds are the documents the
pipeline makes of them after each stage, alone and together, then damaged on purpose.

>>> len(raw_variants("Café.".encode())), damaged(b'{"text": "Hi."}')[0]
(10, b'{"text"')
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from newstool.clean import clean
from newstool.export import render_markdown
from newstool.ingest import ingest_bytes
from newstool.model import Document
from newstool.sentences import split_document
from newstool.stats import compute_stats

ROOT = Path(__file__).resolve().parent.parent
INGESTED_AT = "2024-01-01T00:00:00Z"
SHORT = (
    "Talks resume\n\nKey points\n- one\n  still one\n2) two\n\nThe minister said.He left "
    "[said ABC - XYZ] , ok\u2026\r\nMr. J. Smith paid $4.5m (about \u20ac4m) on Jan. 5.\n",
    "Z\u00fcrich caf\u00e9 na\u00efve \u201cquoted\u201d \u2014 Cafe\u0301\u00a0\u00ad end.\n",
    "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b "
    "\u043f\u0440\u043e\u0434\u043e\u043b\u0436\u0430\u0442\u0441\u044f.\n",
    "\u5916\u4ea4\u90e8\u957f\u8868\u793a\uff0c\u53cc\u65b9\u5c06\u6062\u590d\u8c08\u5224\u3002",
)


def articles() -> list[bytes]:
    """The raw articles: the seeds folder and the short texts above, as UTF-8."""
    texts = [path.read_bytes() for path in sorted((ROOT / "seeds").glob("*.txt"))]
    return texts + [text.encode("utf-8") for text in SHORT]


def raw_variants(data: bytes) -> list[bytes]:
    """One article in the forms ingest has to tell apart: BOMs, UTF-16, legacy code pages,
    CRLF, a stray byte in UTF-8, terminal escapes."""
    text = data.decode("utf-8")
    out = [data, b"\xef\xbb\xbf" + data, text.encode("utf-16"), text.encode("utf-16-le")]
    out += [text.encode(enc, "replace") for enc in ("cp1252", "cp1251", "latin-1")]
    out += [data.replace(b"\n", b"\r\n"), data[: len(data) // 2] + b"\xff" + data[len(data) // 2 :]]
    out.append(b"\x1b[1;31m" + data[:200] + b"\x1b[0m")
    return out


def documents() -> list[Document]:
    """What ingest, clean, split-sentences and stats make of each article, after each stage."""
    docs = []
    for data in articles():
        doc = ingest_bytes(data, "seed.txt", ingested_at=INGESTED_AT)
        docs.append(doc)
        for stage in (clean, split_document, compute_stats):
            doc = stage(doc)
            docs.append(doc)
    return docs


def damaged(line: bytes) -> list[bytes]:
    """One good JSON line, broken in the ways a stream gets broken."""
    half = len(line) // 2
    return [
        line[:half],  # cut short
        line[:half] + b"\n" + line[half:],  # split in two
        line.replace(b'"text"', b'"txet"', 1),  # no text
        line.replace(b'"blocks": [', b'"blocks": [{"type": "table", "start": 9, "end": 1}, ', 1),
        line.replace(b'"schema": 1', b'"schema": 2', 1),
        line.replace(b'"start": 0', b'"start": -1', 1),
        line[:half] + b"\xff\xfe" + line[half:],  # not UTF-8
    ]


def json_lines(docs: list[Document]) -> list[bytes]:
    """Each document as a line, all of them in one stream, damaged lines, minimal documents,
    a JSON array and newstool Markdown."""
    lines = [json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8") for doc in docs]
    out = [line + b"\n" for line in lines]
    short = min(lines, key=len)
    out.append(b"\n".join(line for line in lines if len(line) < 4 * len(short)) + b"\n")
    out += [bad + b"\n" + short + b"\n" for bad in damaged(short)]
    out += [
        b'{"text": "Hi."}\n\n{"id": "a1", "text": "A\\n\\nB", "extra": [1, {"k": null}]}\n',
        b'{"text": "x", "sentences": [{"start": 0, "end": 1, "text": "x"}]}\n',
        b'[{"text": "A."}, {"text": "B."}]',
        b'{"a": 1} is how JSON looks.\n',
        render_markdown(docs[-1]).encode("utf-8"),
    ]
    return out


def corpus() -> dict[str, list[bytes]]:
    """The seeds of each target."""
    raw = [variant for data in articles() for variant in raw_variants(data)]
    lines = json_lines(documents())
    return {"ingest": raw, "reader": lines + raw[:4], "stages": raw}


def write(folder: Path) -> None:
    """Write each target's seeds to ``folder/<target>/seeds/``, one file each named by its
    digest (as libFuzzer names corpus files), replacing what was there."""
    for target, seeds in corpus().items():
        where = folder / target / "seeds"
        where.mkdir(parents=True, exist_ok=True)
        for old in where.iterdir():
            old.unlink()
        for data in seeds:
            (where / hashlib.sha1(data).hexdigest()).write_bytes(data)
        print(f"fuzz: {len(seeds)} seeds for {target} in {where}", file=sys.stderr)


if __name__ == "__main__":
    write(Path(sys.argv[1] if len(sys.argv) > 1 else ".fuzz"))
