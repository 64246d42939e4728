"""The pipeline a user would write with the usual libraries instead of newstool.

    python benchmarks/peer_pipeline.py INPUT_DIR OUTPUT.jsonl

For every ``*.txt`` file under INPUT_DIR, in name order: read the bytes, guess the encoding
with chardet and decode, repair the text with ftfy, split it into sentences with pySBD, compute
textstat's readability figures (those ``newstool stats`` also gives: Flesch reading ease,
Flesch-Kincaid grade, Gunning fog, SMOG, Coleman-Liau, ARI, with the word, sentence and
syllable counts), and write one JSON line per article. ``bench_peers`` runs it as its own
process, as a user would, and needs textstat's CMU data offline (``NLTK_DATA``, see
``benchmarks.common.offline_nltk_data``).
"""

import json
import sys
from pathlib import Path

import chardet
import ftfy
import pysbd
from peer_stages import readability  # beside this script, which runs by its path


def process(path: Path, segmenter: pysbd.Segmenter) -> dict:
    raw = path.read_bytes()
    guess = chardet.detect(raw)
    encoding = guess["encoding"] or "utf-8"
    text = ftfy.fix_text(raw.decode(encoding, errors="replace"))
    sentences = [s.strip() for s in segmenter.segment(text) if s.strip()]
    return {
        "path": str(path),
        "encoding": encoding,
        "text": text,
        "sentences": sentences,
        "stats": readability(text, len(sentences)),
    }


def main(source: str, target: str) -> None:
    segmenter = pysbd.Segmenter(language="en", clean=False)
    with open(target, "w", encoding="utf-8") as out:
        for path in sorted(Path(source).rglob("*.txt")):
            out.write(json.dumps(process(path, segmenter), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
