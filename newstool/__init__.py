"""newstool: turn raw, badly scraped news articles into clean, structured, analysable documents.

Each stage is a plain function ``Document -> Document``; the command line is a thin layer over
them.

>>> import newstool
>>> doc = newstool.ingest_bytes(b"Strong warning\\n\\nIt is late.He left.\\n")
>>> doc.title, doc.text
('Strong warning', 'It is late.He left.')
"""

__version__ = "0.1.0"

from newstool.ingest import ingest_bytes, ingest_path  # noqa: E402
from newstool.model import Document  # noqa: E402

__all__ = ["Document", "__version__", "ingest_bytes", "ingest_path"]
