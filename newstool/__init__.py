"""newstool: turn raw, badly scraped news articles into clean, structured, analysable documents.

Each stage is a plain function ``Document -> Document``; the command line is a thin layer over
them. Names are imported on first use, so ``import newstool`` stays cheap for a short pipe stage.

>>> import newstool
>>> doc = newstool.ingest_bytes(b"Strong warning\\n\\nIt is late.He left.\\n")
>>> doc.title, doc.text
('Strong warning', 'It is late.He left.')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from newstool.version import __version__

# public name -> module that defines it
_PUBLIC = {
    "Document": "newstool.model",
    "ingest_bytes": "newstool.ingest",
    "ingest_path": "newstool.ingest",
    "clean": "newstool.clean",
    "split_sentences": "newstool.sentences",
    "compute_stats": "newstool.stats",
    "extract_quotes": "newstool.quotes",
    "render_markdown": "newstool.export",
}

if TYPE_CHECKING:
    from newstool.clean import clean
    from newstool.export import render_markdown
    from newstool.ingest import ingest_bytes, ingest_path
    from newstool.model import Document
    from newstool.quotes import extract_quotes
    from newstool.sentences import split_sentences
    from newstool.stats import compute_stats

__all__ = [
    "Document",
    "__version__",
    "clean",
    "compute_stats",
    "extract_quotes",
    "ingest_bytes",
    "ingest_path",
    "render_markdown",
    "split_sentences",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'newstool' has no attribute {name!r}")
