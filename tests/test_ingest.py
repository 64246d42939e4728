"""Decoding, normalisation and structure of raw articles."""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

import pytest

from newstool.ingest import (
    IngestError,
    decode_bytes,
    ingest_bytes,
    ingest_path,
    normalise_text,
    split_structure,
)
from tests.conftest import SEED, SHARED

# Our own news-like sentences, one text per language, long enough to be a realistic article.
TEXTS = {
    "en": (
        "The minister said on Tuesday that talks would resume “within days” — a claim "
        "his critics doubted. Officials in Zürich and Besançon declined to comment on the "
        "naïve proposal, which would cost €40 million. “It’s premature,” one aide said."
    ),
    "fr": (
        "Le ministre a déclaré mardi que les négociations reprendraient « dans les jours "
        "qui viennent ». Les élus de la région, réunis à Besançon, ont exprimé leur "
        "inquiétude face à la hausse des coûts de l'énergie et à l'arrêt des chantiers."
    ),
    "de": (
        "Der Bürgermeister erklärte am Dienstag, die Straßenbahn werde im nächsten Frühjahr "
        "wieder fahren. Die Gemeinderäte äußerten große Zweifel an der Finanzierung über "
        "fünf Jahre; die Kosten seien höher als geschätzt."
    ),
    "ru": (
        "Министр иностранных дел заявил во вторник, что переговоры возобновятся в "
        "ближайшие дни. По его словам, стороны договорились продолжить консультации и "
        "обменяться предложениями до конца месяца."
    ),
    "el": (
        "Ο υπουργός δήλωσε την Τρίτη ότι οι διαπραγματεύσεις θα συνεχιστούν τις επόμενες "
        "ημέρες. Σύμφωνα με την ανακοίνωση, οι δύο πλευρές συμφώνησαν να ανταλλάξουν "
        "προτάσεις μέχρι το τέλος του μήνα."
    ),
    "tr": (
        "Bakan salı günü yaptığı açıklamada görüşmelerin önümüzdeki günlerde yeniden "
        "başlayacağını söyledi. Açıklamaya göre iki taraf, ay sonuna kadar önerilerini "
        "paylaşmak ve çalışmaları sürdürmek konusunda anlaştı."
    ),
    "zh": (
        "外交部长星期二表示，双方将在未来几天内恢复谈判。根据声明，双方同意在本月底之前"
        "交换建议，并继续就地区安全问题进行磋商。"
    ),
    "ja": (
        "外務大臣は火曜日、交渉が数日以内に再開されると述べた。発表によると、双方は月末までに"
        "提案を交換し、地域の安全保障について協議を続けることで合意した。"
    ),
    "ko": (
        "외무장관은 화요일 협상이 며칠 안에 재개될 것이라고 말했다. 발표에 따르면 양측은 "
        "이달 말까지 제안을 교환하고 지역 안보에 관한 협의를 계속하기로 합의했다."
    ),
}

# (language, encoding) pairs newstool claims to decode without being told.
CLAIMED = [
    ("en", "utf-8"),
    ("en", "cp1252"),
    ("fr", "cp1252"),
    ("fr", "latin-1"),
    ("de", "cp1252"),
    ("de", "latin-1"),
    ("ru", "utf-8"),
    ("ru", "cp1251"),
    ("ru", "koi8-r"),
    ("ru", "iso8859-5"),
    ("el", "cp1253"),
    ("tr", "cp1254"),
    ("zh", "gbk"),
    ("zh", "gb2312"),
    ("ja", "shift_jis"),
    ("ja", "euc_jp"),
    ("ko", "euc_kr"),
    ("en", "utf-16-le"),
    ("en", "utf-16-be"),
    ("ru", "utf-16-le"),
]

# Codecs that map every byte sequence of the text to the same string.
SAME_TEXT = {"cp1252": {"latin-1"}, "latin-1": {"cp1252"}, "gbk": {"gb2312", "gb18030"}}


@pytest.mark.parametrize(("lang", "encoding"), CLAIMED)
def test_detects_encoding_of_bom_less_text(lang, encoding):
    text = TEXTS[lang]
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.replacements == 0 and decoded.warnings == ()


@pytest.mark.parametrize(
    ("bom_encoding", "name"),
    [("utf-8-sig", "utf-8"), ("utf-16", "utf-16-le"), ("utf-32", "utf-32-le")],
)
def test_byte_order_mark_decides_and_is_dropped(bom_encoding, name):
    decoded = decode_bytes(TEXTS["ru"].encode(bom_encoding))
    assert decoded.text == TEXTS["ru"]
    assert (decoded.encoding, decoded.source) == (name, "bom")


def test_big_endian_boms():
    for bom, codec in ((codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        decoded = decode_bytes(bom + TEXTS["el"].encode(codec))
        assert (decoded.text, decoded.encoding) == (TEXTS["el"], codec)


def test_nearly_valid_utf8_keeps_the_text_and_warns():
    data = TEXTS["fr"].encode("utf-8") + b" caf\xe9 ferm\xe9."
    decoded = decode_bytes(data)
    assert decoded.source == "utf8-lossy"
    assert decoded.text.startswith(TEXTS["fr"])
    assert decoded.replacements == 2
    assert "2 undecodable" in decoded.warnings[0]


def test_user_encoding_overrides_detection():
    decoded = decode_bytes("Ничего".encode("cp1251"), "cp1251")
    assert (decoded.text, decoded.source, decoded.encoding) == ("Ничего", "user", "cp1251")


def test_unknown_user_encoding_is_a_clear_error():
    with pytest.raises(IngestError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", "klingon")


def test_binary_input_is_an_error():
    with pytest.raises(IngestError, match="binary"):
        ingest_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


@pytest.mark.parametrize("data", [b"", b"  \n\n\t"])
def test_empty_input_is_an_error(data):
    with pytest.raises(IngestError, match="empty"):
        ingest_bytes(data)


def test_genuine_replacement_characters_are_not_counted():
    decoded = decode_bytes("bad \ufffd already".encode())
    assert decoded.replacements == 0


def test_normalisation():
    raw = "Cafe\u0301\r\nline\x00 with\x07 controls  \rtab\tstays\u2028end"
    assert normalise_text(raw) == "Café\nline with controls\ntab\tstays\nend"


def test_structure_of_the_seed(seed_text):
    doc = ingest_path(SEED)
    assert doc.title == "Strong warning to West"
    kinds = [(b.type, doc.text[b.start : b.end][:30]) for b in doc.blocks]
    assert kinds == [
        ("heading", "Reconciliation in Idlib"),
        ("paragraph", "The situation when terrorists "),
    ]
    paragraph = doc.text[doc.blocks[1].start : doc.blocks[1].end]
    assert paragraph == seed_text.split("\n\n")[2].strip()
    assert doc.source.path == str(SEED)
    assert doc.source.encoding == "utf-8" and doc.source.encoding_source == "utf8"


def test_hard_wrapped_lines_join_and_headings_need_their_own_line():
    title, body, blocks = split_structure(
        "Flood warning\n\nRivers rose overnight across\nthe valley.\n\nWhat next\n\nMore rain."
    )
    assert title == "Flood warning"
    assert [(b.type, body[b.start : b.end]) for b in blocks] == [
        ("paragraph", "Rivers rose overnight across the valley."),
        ("heading", "What next"),
        ("paragraph", "More rain."),
    ]


@pytest.mark.parametrize(
    "first",
    ["It rained all day.", "A" * 250],
    ids=["full stop", "too long"],
)
def test_first_line_is_not_a_title_when_it_does_not_look_like_one(first):
    title, body, _ = split_structure(f"{first}\n\nMore text.")
    assert title is None
    assert body.startswith(first)


def test_id_is_stable_and_comes_from_the_raw_bytes():
    data = SEED.read_bytes()
    first, second = ingest_bytes(data), ingest_bytes(data)
    assert first.id == second.id == hashlib.sha256(data).hexdigest()[:16]
    assert first.source.sha256 == hashlib.sha256(data).hexdigest()
    assert ingest_bytes(data + b"\n").id != first.id


def test_ingested_at_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert ingest_bytes(b"Text.").source.ingested_at == "2023-11-14T22:13:20Z"


def test_step_is_recorded():
    doc = ingest_bytes(b"Text.", encoding="ascii")
    assert [(s.name, s.options) for s in doc.steps] == [("ingest", {"encoding": "ascii"})]


# ----------------------------------------------------------------- real files from elsewhere

FIXTURES = SHARED / "fixtures" / "encodings"
# The one fixture with NUL bytes in its first KB: by our rule such a file is binary.
BINARY_BY_RULE = {"_mozilla_bug638318_text.html"}


def _fixture_cases() -> list[tuple[Path, str]]:
    if not FIXTURES.is_dir():
        return []
    cases = [
        (path, folder.name)
        for folder in sorted(FIXTURES.iterdir())
        if folder.is_dir() and folder.name != "seed"
        for path in sorted(folder.iterdir())
    ]
    seed_codecs = {"curly-cp1252": "cp1252", "curly-utf-8": "utf-8", "accented-latin-1": "latin-1"}
    for path in sorted((FIXTURES / "seed").glob("*.txt")):
        name = path.stem.split("-", 1)[1]
        cases.append((path, seed_codecs.get(name, name)))
    return cases


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared/fixtures is not present")
@pytest.mark.parametrize(("path", "encoding"), _fixture_cases(), ids=lambda v: str(v)[-40:])
def test_real_files_decode_to_their_true_text(path, encoding):
    data = path.read_bytes()
    if path.name in BINARY_BY_RULE:
        with pytest.raises(IngestError, match="binary"):
            decode_bytes(data)
        return
    truth = data.decode(encoding).lstrip("\ufeff")
    assert decode_bytes(data).text.lstrip("\ufeff") == truth
