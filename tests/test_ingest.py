"""Decoding, normalisation and structure of raw articles."""

from __future__ import annotations

import codecs
import hashlib
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstool.clean import clean
from newstool.ingest import (
    DETECTABLE_ENCODINGS,
    IngestError,
    _columns,
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


MIXED = "naïve café résumé\n"


@pytest.mark.parametrize(
    ("data", "text", "invalid"),
    [
        (MIXED.encode() + b"caf\xe9", MIXED + "café", 1),
        (MIXED.encode() * 3 + b"caf\xe9", MIXED * 3 + "café", 1),
        (MIXED.encode() * 400 + b"caf\xe9", MIXED * 400 + "café", 1),
        ("café ".encode() * 4 + b"\xff", "café " * 4 + "ÿ", 1),  # 8 of 9 bytes valid
        (MIXED.encode() + b"\x93caf\xe9\x94", MIXED + "“café”", 3),  # 4 valid, 3 stray
        (TEXTS["fr"].encode() + b" caf\xe9 ferm\xe9.", TEXTS["fr"] + " café fermé.", 2),
        ("Москва, ".encode() + b"caf\xe9", "Москва, café", 1),
        (b"na\xefve r\xc3\xa9sum\xc3\xa9 caf\xc3\xa9", "naïve résumé café", 1),  # was hp-roman8
    ],
    ids=[
        "1 line",
        "3 lines",
        "400 lines",
        "8 of 9 bytes",
        "curly quotes",
        "french",
        "cyrillic",
        "stray byte first",
    ],
)
def test_mostly_utf8_with_stray_bytes_decodes_them_as_cp1252_and_warns(data, text, invalid):
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert (decoded.encoding, decoded.source, decoded.replacements) == ("utf-8", "utf8-lossy", 0)
    (warning,) = decoded.warnings
    assert f"{invalid} byte(s) are not valid UTF-8" in warning and "cp1252" in warning


def test_stray_bytes_cp1252_cannot_decode_become_replacement_characters():
    decoded = decode_bytes(MIXED.encode() + b"caf\x81")
    assert decoded.text == MIXED + "caf\ufffd"
    assert decoded.replacements == 1 and "1 replaced with U+FFFD" in decoded.warnings[0]


def test_detector_passes_over_code_pages_outside_the_allowed_set(monkeypatch):
    import chardet

    guesses = [
        {"encoding": name, "confidence": 0.9}
        for name in ("hp-roman8", "mac-roman", "cp437", "cp1125", "utf-7", "Windows-1252")
    ]
    monkeypatch.setattr(chardet, "detect_all", lambda *args, **kwargs: guesses)
    decoded = decode_bytes("Zoë Ménard".encode("cp1252"))
    assert (decoded.encoding, decoded.text) == ("cp1252", "Zoë Ménard")


@settings(derandomize=True, max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from([b"caf\xc3\xa9 ", b"na\xefve ", b"\x93", b" the ", b"\xe9t\xe9"]),
        min_size=1,
        max_size=30,
    ).map(b"".join)
)
def test_detected_encoding_is_always_an_allowed_one(data):
    decoded = decode_bytes(data)
    assert decoded.encoding in DETECTABLE_ENCODINGS


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


def _read_as_browsers_read_windows_1252(data: bytes) -> str:
    """cp1252, with the five bytes it leaves undefined kept as C1 controls."""
    return "".join(
        chr(b) if b in b"\x81\x8d\x8f\x90\x9d" else bytes([b]).decode("cp1252") for b in data
    )


@pytest.mark.parametrize(
    "page",
    [
        "\u201cWe will appeal,\u201d Gentry said.",  # the closing quote ends in byte 0x9D
        "\u00c1lvaro Ur\u00edbe met \u00cd\u00f1igo and Ya\u00ebl.",  # 0x81, 0x8D
    ],
)
def test_mojibake_whose_bytes_became_c1_controls_survives_ingest_for_clean(page):
    misread = _read_as_browsers_read_windows_1252(page.encode("utf-8"))
    doc = ingest_bytes(f"Appeal lodged\n\n{misread}\n".encode())
    assert not any("\x80" <= ch <= "\x9f" for ch in doc.text)
    assert clean(doc).text == page


@pytest.mark.parametrize("removed", ["\x01", "\x1b", "\x7f", "\x9b"])
def test_text_is_nfc_even_where_a_removed_control_stood_between_letter_and_accent(removed):
    # found by the fuzzer (tests/fuzz/regressions/ingest-combining-mark-after-*)
    text = normalise_text(f"Cafe{removed}\u0301 and more")
    assert text == "Caf\u00e9 and more" and unicodedata.is_normalized("NFC", text)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("\x1b[1;38;5;208mbold\x1b[m", "bold"),  # CSI with parameters, and an empty one
        ("\x1b[?25lhidden cursor\x1b[2K", "hidden cursor"),  # private parameters, erase line
        ("\x1b]0;window title\x07Body", "Body"),  # OSC ended by BEL
        ("see \x1b]8;;https://x.org\x1b\\the link\x1b]8;;\x1b\\ here", "see the link here"),
        ("\x1b(Bcharset\x1b7 saved\x1b8", "charset saved"),  # nF and two-byte sequences
        ("cut \x1b]off", "cut off"),  # an unterminated OSC loses only ESC ]
    ],
)
def test_terminal_escape_sequences_are_removed_whole(raw, clean):
    assert normalise_text(raw) == clean


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


# ----------------------------------------------------------- structure without blank lines


def structure(text: str) -> tuple[str | None, list[tuple[str, str]]]:
    title, body, blocks = split_structure(text)
    return title, [(b.type, body[b.start : b.end]) for b in blocks]


# Capitals, a digit and quotes at the start of words, so that wrapping puts them at line starts.
PROSE = (
    "Officials in Brussels said on Monday that 12 towns had been cut off. Paris sent help. "
    "“We lost everything,” one farmer said. Rescue teams from Germany and Italy arrived on "
    "Tuesday. NATO offered aircraft. Roads into Lyon and Grenoble stayed closed all week."
)


@pytest.mark.parametrize(
    ("text", "title", "blocks"),
    [
        (
            "Storm hits coast\nA storm hit the coast on Monday. Roofs fell.\n",
            "Storm hits coast",
            [("paragraph", "A storm hit the coast on Monday. Roofs fell.")],
        ),
        ("Storm hits coast\nRoofs fell.\n", "Storm hits coast", [("paragraph", "Roofs fell.")]),
        (
            "Storm hits coast\n“We lost everything,” she said.",
            "Storm hits coast",
            [("paragraph", "“We lost everything,” she said.")],
        ),
        (
            "Storm hits coast as thousands flee\n" + textwrap.fill(PROSE, 70),
            "Storm hits coast as thousands flee",
            [("paragraph", PROSE)],
        ),
        (
            "Storm hits coast\nBy Jane Doe\nRoofs fell.",
            "Storm hits coast",
            [("heading", "By Jane Doe"), ("paragraph", "Roofs fell.")],
        ),
        (
            "东京天气\n今天天气很好。我们去公园散步。",
            "东京天气",
            [("paragraph", "今天天气很好。我们去公园散步。")],
        ),
    ],
    ids=["body line", "short body", "quote", "wrapped body", "byline", "cjk"],
)
def test_a_title_line_directly_above_the_body_is_the_title(text, title, blocks):
    assert structure(text) == (title, blocks)


@pytest.mark.parametrize(
    "text",
    [
        "Storm hits coast\nroofs fell.",  # the next line does not start a sentence
        "LONDON (Reuters) -\nThe talks ended.",  # a dash runs on
        "The minister met officials from the\nEuropean Union on Monday.",  # an unfinished phrase
        "Is this the end?\nNobody knows.",  # final punctuation
    ],
)
def test_a_first_line_that_runs_on_is_joined_to_the_next(text):
    assert structure(text) == (None, [("paragraph", " ".join(text.split()))])


def test_a_heading_line_directly_between_paragraphs_is_a_heading():
    text = (
        "Flood warning\n\nRivers rose overnight.\nWhat happens next\nThe council meets on Friday."
        "\nRoads stay closed\n" + textwrap.fill(PROSE, 72)
    )
    assert structure(text) == (
        "Flood warning",
        [
            ("paragraph", "Rivers rose overnight."),
            ("heading", "What happens next"),
            ("paragraph", "The council meets on Friday."),
            ("heading", "Roads stay closed"),
            ("paragraph", PROSE),
        ],
    )


@pytest.mark.parametrize("width", [60, 64, 70, 72, 76, 80])
def test_hard_wrapped_paragraphs_stay_joined(width, seed_text):
    seed_paragraph = seed_text.split("\n\n")[2].strip()
    for paragraph in (seed_paragraph, PROSE, TEXTS["en"], TEXTS["de"], TEXTS["ru"]):
        wrapped = textwrap.fill(paragraph, width, break_on_hyphens=False)
        assert structure(wrapped) == (None, [("paragraph", paragraph)])
        assert structure(f"Storm hits coast\n{wrapped}") == (
            "Storm hits coast",
            [("paragraph", paragraph)],
        )


def test_each_list_item_line_is_a_paragraph_of_its_own():
    text = (
        "Key points\n\nThe council said:\n- Roads stay shut\n- Schools open on Monday.\n"
        "* Buses run late\n• Trains run\n•Ferries too\n1. Call first\n2) Then write\n"
        "- A long item that wraps\n  Onto a second line\nThat is all.\n\n- Alone\n"
    )
    assert structure(text) == (
        "Key points",
        [
            ("paragraph", "The council said:"),
            ("paragraph", "- Roads stay shut"),
            ("paragraph", "- Schools open on Monday."),
            ("paragraph", "* Buses run late"),
            ("paragraph", "• Trains run"),
            ("paragraph", "•Ferries too"),
            ("paragraph", "1. Call first"),
            ("paragraph", "2) Then write"),
            ("paragraph", "- A long item that wraps Onto a second line"),
            ("paragraph", "That is all."),
            ("paragraph", "- Alone"),
        ],
    )


def test_each_line_of_a_fact_box_is_a_paragraph_and_wrapped_lines_with_colons_still_join():
    text = (
        "Final set for Saturday\n\nThe final is on Saturday.\n\nMatch details:\n"
        "When: Saturday, 7.30pm AEDT\nVenue: Rod Laver Arena\nTickets: From $45, sold\n"
        "online\nThe winner takes $3 million.\n\n"
        "The statement was issued by the press officer in the office of Media" + " x" * 30 + "\n"
        "Relations: call 555 0100 between nine and five on weekdays; The Better\n"
        "Cash Alliance: Ann Li, head of communications.\n"
    )
    assert structure(text) == (
        "Final set for Saturday",
        [
            ("paragraph", "The final is on Saturday."),
            ("paragraph", "Match details:"),
            ("paragraph", "When: Saturday, 7.30pm AEDT"),
            ("paragraph", "Venue: Rod Laver Arena"),
            ("paragraph", "Tickets: From $45, sold online"),
            ("paragraph", "The winner takes $3 million."),
            (
                "paragraph",
                "The statement was issued by the press officer in the office of Media"
                + " x" * 30
                + " Relations: call 555 0100 between nine and five on weekdays; The Better"
                " Cash Alliance: Ann Li, head of communications.",
            ),
        ],
    )


def test_a_short_line_above_a_list_is_a_heading_and_a_list_item_is_never_the_title():
    assert structure("Shopping\n- milk\n- eggs")[0] == "Shopping"
    assert structure("- milk\n\n- eggs") == (
        None,
        [("paragraph", "- milk"), ("paragraph", "- eggs")],
    )


@pytest.mark.parametrize("raw", [b"Only a title", b"Only a title\n", b"\n\n  Only a title  \n\n"])
def test_a_file_of_one_short_line_is_a_title_with_an_empty_body(raw):
    doc = ingest_bytes(raw)
    assert (doc.title, doc.text, doc.blocks) == ("Only a title", "", ())


@pytest.mark.parametrize("line", ["One line only.", "Is it over?", "The minister met the"])
def test_a_file_of_one_line_of_prose_keeps_it_as_the_body(line):
    doc = ingest_bytes(line.encode())
    assert (doc.title, doc.text, [b.type for b in doc.blocks]) == (None, line, ["paragraph"])


@pytest.mark.parametrize("mark", ["。", "！", "？"])
def test_cjk_paragraphs_ending_in_a_cjk_mark_are_paragraphs_not_headings(mark):
    text = f"标题\n\n今天天气很好{mark}\n\n東京は晴れです。明日は雨でしょう{mark}\n\n小标题"
    assert structure(text) == (
        "标题",
        [
            ("paragraph", f"今天天气很好{mark}"),
            ("paragraph", f"東京は晴れです。明日は雨でしょう{mark}"),
            ("heading", "小标题"),
        ],
    )


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


def test_columns_counts_every_wide_character_as_unicodedata_does():
    # _columns looks up only the characters from U+0378 on: none before is wide
    every = "".join(map(chr, range(0x110000)))
    expected = sum(1 + (unicodedata.east_asian_width(ch) in "WF") for ch in every)
    assert _columns(every) == expected
