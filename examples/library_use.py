"""Using newstool from Python, without the command line.

Run from the repository root: ``.venv/bin/python examples/library_use.py``.
"""

from pathlib import Path

import newstool
from newstool.clean import clean
from newstool.export import render_markdown
from newstool.sentences import split_document
from newstool.stats import StatsOptions, compute_stats

seed = Path(__file__).resolve().parent.parent / "seeds" / "000_a0fc1bd85d46184f.txt"

doc = newstool.ingest_path(seed)
doc = clean(doc)
doc = split_document(doc)
doc = compute_stats(doc, StatsOptions(top=5))

print(doc.title)
for note in doc.notes or ():
    print(f"note ({note.kind}): {note.text}")
for sentence in (doc.sentences or ())[:3]:
    print("-", sentence.text)
print("Flesch reading ease:", doc.stats["flesch_reading_ease"])
print(render_markdown(doc, sentences=True)[:300])
