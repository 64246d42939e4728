"""One stage of the peer pipeline as its own command, to set beside one newstool stage.

    python benchmarks/peer_stages.py decode INPUT_DIR OUTPUT.jsonl     # chardet
    python benchmarks/peer_stages.py clean INPUT.jsonl OUTPUT.jsonl    # ftfy
    python benchmarks/peer_stages.py SPLITTER INPUT.jsonl OUTPUT.jsonl # pysbd, syntok, sentencex,
                                                                       # blingfire
    python benchmarks/peer_stages.py stats INPUT.jsonl OUTPUT.jsonl    # textstat

``decode`` reads raw files as ``newstool ingest`` does; the others read the JSON Lines that the
newstool stage before them wrote (the same file the newstool stage they are compared with
reads), change what their library is for, and write every document back as one JSON line.
Each imports only its own library, as a user's script would.
"""

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path


def decode(source: str) -> Iterator[dict]:
    import chardet

    for path in sorted(Path(source).rglob("*.txt")):
        raw = path.read_bytes()
        guess = chardet.detect(raw)
        encoding = guess["encoding"] or "utf-8"
        yield {"path": str(path), "encoding": encoding, "text": raw.decode(encoding, "replace")}


def documents(source: str) -> Iterator[dict]:
    with open(source, encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def clean(source: str) -> Iterator[dict]:
    import ftfy

    for doc in documents(source):
        doc["text"] = ftfy.fix_text(doc["text"])
        if doc.get("title"):
            doc["title"] = ftfy.fix_text(doc["title"])
        yield doc


def splitter(name: str) -> Callable[[str], list[str]]:
    if name == "pysbd":
        import pysbd

        return pysbd.Segmenter(language="en", clean=False).segment
    if name == "syntok":
        from syntok import segmenter

        return lambda text: [
            "".join(token.spacing + token.value for token in sentence)
            for paragraph in segmenter.analyze(text)
            for sentence in paragraph
        ]
    if name == "sentencex":
        import sentencex

        return lambda text: list(sentencex.segment("en", text))
    if name == "blingfire":
        import blingfire

        return lambda text: blingfire.text_to_sentences(text).split("\n")
    raise SystemExit(f"unknown splitter {name!r}")


def split(name: str, source: str) -> Iterator[dict]:
    segment = splitter(name)
    for doc in documents(source):
        doc["sentences"] = [s.strip() for s in segment(doc["text"]) if s.strip()]
        yield doc


def readability(text: str, sentences: int) -> dict:
    """What textstat gives of the figures newstool's stats gives, ``sentences`` counted by the
    caller (the peer pipeline's own peer, or split-sentences)."""
    import textstat

    return {
        "words": textstat.lexicon_count(text),
        "sentences": sentences,
        "syllables": textstat.syllable_count(text),
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
        "gunning_fog": textstat.gunning_fog(text),
        "smog_index": textstat.smog_index(text),
        "coleman_liau_index": textstat.coleman_liau_index(text),
        "automated_readability_index": textstat.automated_readability_index(text),
    }


def stats(source: str) -> Iterator[dict]:
    import textstat

    for doc in documents(source):
        text = doc["text"]
        sentences = len(doc.get("sentences") or []) or textstat.sentence_count(text)
        doc["stats"] = readability(text, sentences)
        yield doc


def main(mode: str, source: str, target: str) -> None:
    if mode == "decode":
        docs = decode(source)
    elif mode == "clean":
        docs = clean(source)
    elif mode == "stats":
        docs = stats(source)
    else:
        docs = split(mode, source)
    with open(target, "w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
