"""``newstool ingest`` of saved web pages, end to end: a folder of pages and text together, a
page without an article, the extra missing, the usual stages and export after extraction."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest
import yaml

from newstool import html
from tests.test_html import CYRILLIC_PAGE, PAGE

pytest.importorskip("trafilatura")

INDEX_PAGE = b"<!doctype html><html><body><nav><a href='/a'>News</a></nav></body></html>"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Pages (plain, gzipped, Cyrillic, one without an article) beside a text article."""
    (tmp_path / "a-page.html").write_bytes(PAGE)
    (tmp_path / "b-packed.html.gz").write_bytes(gzip.compress(PAGE.replace(b"2028", b"2029")))
    (tmp_path / "c-cyrillic.htm").write_bytes(CYRILLIC_PAGE)
    (tmp_path / "d-index.html").write_bytes(INDEX_PAGE)
    (tmp_path / "e-text.txt").write_text("Storm\n\nRain fell all day.\n", encoding="utf-8")
    return tmp_path


def test_a_folder_of_pages_and_text(run, folder, validate):
    result = run(["ingest", str(folder)])
    assert result.exit_code == 1  # the page without an article failed; the rest was written
    docs = [validate(doc) for doc in result.docs]
    names = [Path(doc["source"]["path"]).name for doc in docs]
    assert names == ["a-page.html", "b-packed.html.gz", "c-cyrillic.htm", "e-text.txt"]
    assert [doc["source"]["format"] for doc in docs] == ["html", "html", "html", None]
    assert docs[0]["meta"]["site"] == "Vale Gazette" and "meta" not in docs[3]
    assert f"{folder / 'd-index.html'}: holds no article" in result.stderr
    assert result.stderr.count("\n") == 1


def test_without_the_extra_each_page_says_how_to_install_it(run, folder, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    html.trafilatura.cache_clear()
    try:
        result = run(["ingest", str(folder)])
    finally:
        html.trafilatura.cache_clear()
    assert result.exit_code == 1
    assert [doc["title"] for doc in result.docs] == ["Storm"]
    lines = result.stderr.splitlines()
    assert len(lines) == 4 and all("pip install 'newstool[html]'" in line for line in lines)


def test_stages_and_markdown_export_after_extraction(run, folder):
    page = str(folder / "a-page.html")
    cleaned = run(["clean", page])
    assert cleaned.exit_code == 0, cleaned.stderr
    (doc,) = cleaned.docs
    assert [step["name"] for step in doc["steps"]] == ["trafilatura", "ingest", "clean"]
    assert doc["meta"]["author"] == "Ruth Abbott"
    markdown = run(["export", "-f", "markdown", page])
    front = yaml.safe_load(markdown.stdout.split("---\n")[1])
    assert front["meta"]["author"] == "Ruth Abbott" and front["meta"]["language"] == "en-GB"
    back = run(["clean", "-"], input=markdown.stdout)
    assert json.loads(back.stdout)["meta"] == doc["meta"]
    (exported,) = json.loads(run(["export", "-f", "json", page]).stdout)
    assert exported["meta"] == doc["meta"]


def test_a_page_on_standard_input_in_a_pipe(newstool):
    result = newstool(["ingest", "-", "-q"], input=PAGE)
    assert result.exit_code == 0, result.stderr
    (doc,) = result.docs
    assert doc["title"] == "Council backs plan to reopen railway"
    assert doc["source"]["path"] is None and doc["source"]["format"] == "html"
