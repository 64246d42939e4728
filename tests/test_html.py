"""Saved HTML pages: sniffing, decoding, extraction of the article, its structure and metadata.

The pages are written here for these tests: a news page with the usual furniture around the
article (navigation, a cookie banner, share buttons, related links, comments, scripts and
styles), a Cyrillic page in windows-1251, and pages that hold no article.
"""

from __future__ import annotations

import gzip
import io
import subprocess
import sys

import pytest

from newstool import html
from newstool.html import decode_html, ingest_html, meta_charset
from newstool.ingest import IngestError
from newstool.model import Document
from newstool.readers import read_stream
from newstool.sniff import looks_binary, looks_like_html

pytest.importorskip("trafilatura")

BODY = [
    "The county council has approved a plan to reopen the old railway line between "
    "Ashford Vale and Kinross Bridge, closed to passengers since 1964.",
    "Trains could run again by 2028 if the government agrees to pay most of the cost, "
    "estimated at 140 million pounds.",
]
PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Council backs plan to reopen railway | Vale Gazette</title>
<meta name="author" content="Ruth Abbott">
<meta name="description" content="Trains could run again by 2028.">
<meta property="og:site_name" content="Vale Gazette">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
<link rel="canonical" href="https://vale.example/news/railway">
<style>.cookie{{position:fixed}} body{{font-family:serif}}</style>
<script>var tracking = "SCRIPT-TEXT-SHOULD-NOT-APPEAR", id = 7;
</script>
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience. Accept all?</p></div>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Council backs plan to reopen railway</h1>
<p class="byline">By Ruth Abbott</p>
<p>{BODY[0]}</p>
<p>{BODY[1]}</p>
<h2>What happens next</h2>
<p>The plan now goes to the transport department, which will decide within a year.</p>
<ul><li>A public consultation opens in May.</li><li>Two new stations are proposed.</li></ul>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<section class="comments" id="comments"><h3>Comments</h3>
<div class="comment"><p>COMMENT-TEXT-SHOULD-NOT-APPEAR, about time too!</p></div></section>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/x">Bus fares rise</a></li></ul>
</aside><footer>Copyright Vale Gazette 2024</footer>
<script>document.write("SCRIPT-TEXT-SHOULD-NOT-APPEAR")</script>
</body></html>""".encode()

CYRILLIC_TEXT = (
    "Новый мост через реку открыли в пятницу, на два месяца раньше срока. "
    "Строители работали в три смены, чтобы успеть до начала осенних дождей."
)
CYRILLIC_PAGE = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Мост открыли</title></head><body>
<div class="menu"><a href="/">Главная</a> | <a href="/news/">Новости</a></div>
<h1>В городе открыли новый мост</h1>
<p>{CYRILLIC_TEXT}</p>
<p>Старый мост разберут до конца года, а на его месте появится набережная для пешеходов.</p>
</body></html>""".encode("cp1251")

NO_ARTICLE_PAGES = {
    "index": b"""<!doctype html><html><body><nav><a href="/a">News</a> <a href="/b">Sport</a>
        </nav><ul class="teasers"><li><a href="/1">Storm hits coast</a></li>
        <li><a href="/2">Rates rise</a></li><li><a href="/3">Team wins cup</a></li></ul>
        </body></html>""",
    "login": b"""<!doctype html><html><body><h1>Sign in</h1><form><p>Email</p><input>
        <p>Password</p><input type=password><button>Log in</button></form></body></html>""",
    "empty body": b"<!doctype html><html><head><title>Nothing</title></head><body></body></html>",
}


@pytest.fixture(scope="module")
def doc() -> Document:
    return ingest_html(PAGE, "page.html")


def test_the_article_is_extracted_without_the_page_furniture(doc):
    text = doc.text
    assert text.startswith(BODY[0] + "\n\n" + BODY[1])
    for furniture in ("cookies", "Home", "Share on", "COMMENT-TEXT", "SCRIPT-TEXT", "Related"):
        assert furniture not in text, furniture
    assert "font-family" not in text


def test_headline_is_the_title_and_not_repeated(doc):
    assert doc.title == "Council backs plan to reopen railway"
    assert doc.title not in doc.text


def test_structure_headings_paragraphs_list_items_with_offsets(doc):
    blocks = [(block.type, doc.text[block.start : block.end]) for block in doc.blocks]
    next_step = "The plan now goes to the transport department, which will decide within a year."
    assert blocks[2:] == [
        ("heading", "What happens next"),
        ("paragraph", next_step),
        ("paragraph", "A public consultation opens in May."),
        ("paragraph", "Two new stations are proposed."),
    ]
    assert doc.text == "\n\n".join(text for _, text in blocks)
    assert Document.from_dict(doc.to_dict()) == doc  # the offsets pass the model's checks


def test_metadata_source_and_steps(doc):
    assert doc.meta.author == "Ruth Abbott"
    assert doc.meta.date == "2024-03-05"
    assert doc.meta.site == "Vale Gazette"
    assert doc.meta.url == "https://vale.example/news/railway"
    assert doc.meta.language == "en-GB"
    assert doc.meta.description == "Trains could run again by 2028."
    assert (doc.source.format, doc.source.encoding, doc.source.encoding_source) == (
        "html",
        "utf-8",
        "meta",
    )
    extractor, ingest = doc.steps
    assert extractor.name == "trafilatura" and extractor.version == html.extractor_version()
    assert extractor.options["include_comments"] is False
    assert ingest.name == "ingest" and ingest.options["format"] == "html"


def test_windows_1251_page_is_decoded_by_its_meta_charset():
    doc = ingest_html(CYRILLIC_PAGE)
    assert (doc.source.encoding, doc.source.encoding_source) == ("cp1251", "meta")
    assert doc.title == "В городе открыли новый мост"
    assert doc.text.startswith(CYRILLIC_TEXT)
    assert "Главная" not in doc.text


@pytest.mark.parametrize("page", list(NO_ARTICLE_PAGES.values()), ids=list(NO_ARTICLE_PAGES))
def test_a_page_without_an_article_is_an_error(page):
    with pytest.raises(IngestError, match="holds no article"):
        ingest_html(page)


def test_gzipped_page_by_name_and_by_magic_bytes():
    packed = gzip.compress(PAGE)
    for name in ("saved.html.gz", "saved.bin"):
        (doc,) = read_stream(io.BytesIO(packed), name, path=name)
        assert doc.title == "Council backs plan to reopen railway", name
        assert doc.source.bytes == len(packed) and doc.source.format == "html"
    assert not looks_binary(packed)
    assert looks_binary(gzip.compress(b"\x00\x01 not a page"))


def test_a_gzipped_page_over_the_size_limit_or_cut_short_is_refused():
    (problem,) = read_stream(io.BytesIO(gzip.compress(PAGE)), "x.html.gz", max_doc_bytes=1024)
    assert "unpacks to more than 1 KiB" in str(problem) and "--max-doc-bytes" in str(problem)
    (problem,) = read_stream(io.BytesIO(gzip.compress(PAGE)[:200]), "x.html.gz")
    assert (
        str(problem)
        == "x.html.gz: is a truncated gzip file (it ends before its data does); check it"
    )


@pytest.mark.parametrize(
    "start",
    [b"", b"\xef\xbb\xbf", b"\n\n   ", b"<!-- saved from url=(0022)https://vale.example -->\n"],
)
def test_a_page_saved_as_text_is_read_as_html(start):
    (doc,) = read_stream(io.BytesIO(start + PAGE), "page.txt", path="page.txt")
    assert doc.source.format == "html" and doc.title == "Council backs plan to reopen railway"


def test_plain_text_mentioning_html_stays_text():
    assert not looks_like_html(b"<b>Bold</b> claims about <html> tags")
    (doc,) = read_stream(io.BytesIO(b"The <html> tag\n\nopens a page."), "note.txt")
    assert doc.source.format is None and doc.title == "The <html> tag"


def test_meta_charset_is_read_as_browsers_read_it():
    assert meta_charset(b'<meta charset="iso-8859-1">') == "cp1252"
    assert meta_charset(b"<head></head><body><meta charset=koi8-r>") is None  # not in head
    decoded = decode_html('<meta charset="utf-8"><p>Ménard’s “café”</p>'.encode("utf-16"))
    assert decoded.source == "bom" and "Ménard’s" in decoded.text


def test_without_the_extra_each_page_is_one_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import trafilatura now fails
    html.trafilatura.cache_clear()
    try:
        stream = io.BytesIO(PAGE)
        (problem,) = read_stream(stream, "a.html", path="a.html")
        assert "pip install 'newstool[html]'" in str(problem)
        assert str(problem).startswith("a.html: is an HTML page")
    finally:
        html.trafilatura.cache_clear()


def test_text_ingest_does_not_import_the_extractor():
    script = (
        "import io, sys; from newstool.readers import read_stream; "
        "list(read_stream(io.BytesIO(b'Storm\\n\\nRain fell.'), 'a.txt')); "
        "print('trafilatura' in sys.modules, 'lxml' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "False"]
