"""The sentence splitter: the case file, the seed article, invariants, word lists, documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newstool import sentences
from newstool.model import Document
from newstool.sentences import (
    RULES,
    SentenceOptions,
    explain_boundaries,
    load_abbreviations,
    split_document,
    split_sentences,
)

from .strategies import CJK_PIECES, SPLITTER_PIECES

CASES_FILE = Path(__file__).parent / "data" / "sentence_cases.json"
SEED_FILE = Path(__file__).parent / "data" / "seed_sentences.json"
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))
ALL_CASES = [
    pytest.param(case["text"], case["sentences"], id=f"{category}-{number}")
    for category, cases in CASES.items()
    for number, case in enumerate(cases)
]


def texts(text: str, **kwargs) -> list[str]:
    return [s.text for s in split_sentences(text, **kwargs)]


def test_case_file_is_large_and_covers_every_category():
    assert len(ALL_CASES) >= 60
    assert all(len(cases) >= 2 for cases in CASES.values())


@pytest.mark.parametrize("text, expected", ALL_CASES)
def test_case(text, expected):
    assert texts(text) == expected


def test_every_rule_decides_some_case():
    decided = {rule for case in ALL_CASES for _, _, rule in explain_boundaries(case.values[0])}
    assert {rule.__name__ for rule in RULES} | {"list_item_label"} <= decided


# --- the seed article ---------------------------------------------------------------------------


@pytest.fixture
def seed_body(seed_text) -> str:
    """The glued paragraph of the seed (title, heading, paragraph are separated by blank lines)."""
    return seed_text.split("\n\n")[2].strip()


SEED_SENTENCE_OPENINGS = json.loads(SEED_FILE.read_text(encoding="utf-8"))["openings"]


def test_seed_finds_all_13_boundaries_and_invents_none(seed_body):
    sentences = split_sentences(seed_body)
    openings = [
        s.text[: len(opening)]
        for s, opening in zip(sentences, SEED_SENTENCE_OPENINGS, strict=False)
    ]
    assert openings == SEED_SENTENCE_OPENINGS
    assert len(sentences) == 14


def test_seed_document_keeps_the_heading_whole(seed_text):
    title, heading, body = seed_text.split("\n\n", 2)
    text = f"{heading}\n\n{body.strip()}"
    doc = Document.from_dict(
        {
            "text": text,
            "title": title,
            "blocks": [
                {"type": "heading", "start": 0, "end": len(heading)},
                {"type": "paragraph", "start": len(heading) + 2, "end": len(text)},
            ],
        }
    )
    sentences = split_document(doc).sentences
    assert len(sentences) == 14
    assert sentences[0].start == len(heading) + 2
    assert all(doc.text[s.start : s.end] == s.text for s in sentences)


def test_the_cleaned_seed_splits_like_the_raw_one(seed_text):
    from newstool.clean import clean
    from newstool.ingest import ingest_bytes

    raw = ingest_bytes(seed_text.encode("utf-8"), "seed.txt")
    sentences = split_document(clean(raw)).sentences
    openings = [opening.lstrip(", ") for opening in SEED_SENTENCE_OPENINGS]
    assert [s.text[: len(o)] for s, o in zip(sentences, openings, strict=True)] == openings


def test_a_sentence_starts_where_clean_removed_what_was_left_of_lost_text():
    from newstool.clean import clean

    doc = clean(Document.from_dict({"text": 'Talks failed, Li said., ending the truce," Li said.'}))
    assert doc.text == 'Talks failed, Li said. ending the truce," Li said.'
    assert [s.text for s in split_document(doc).sentences] == [
        "Talks failed, Li said.",
        'ending the truce," Li said.',
    ]
    # the same text cleaned elsewhere (no edits to read): the lower-case word continues
    elsewhere = Document.from_dict({"text": doc.text})
    assert len(split_document(elsewhere).sentences) == 1


def test_lost_text_offsets_follow_the_later_edits_and_ignore_stale_ones():
    from newstool.clean import clean

    text = "It rose.Then Li said., falling.Others agreed.Fine."
    doc = clean(Document.from_dict({"text": text}))
    assert [doc.text[p - 1 : p + 8] for p in sentences.lost_text_offsets(doc.edits)] == [
        ". falling"
    ]
    stale = Document.from_dict(
        {
            "text": "No stop here at all",
            "edits": [dict(rule="remove_orphan_punctuation", start=5, end=5, before=",", after="")],
        }
    )
    assert len(split_document(stale).sentences) == 1


def test_one_unbalanced_quote_does_not_swallow_the_rest():
    text = 'the talks ended," he said. ' + "Prices rose. Wages fell. " * 5
    assert len(split_sentences(text)) == 11


# --- invariants ---------------------------------------------------------------------------------


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(SPLITTER_PIECES, max_size=40).map("".join))
def test_sentences_slice_back_in_order_and_cover_all_text(text):
    sentences = split_sentences(text)
    position = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert position <= s.start < s.end
        assert text[position : s.start].strip() == ""  # nothing but space between sentences
        position = s.end
    assert text[position:].strip() == ""


@settings(derandomize=True, max_examples=100, deadline=None)
@given(
    st.lists(SPLITTER_PIECES, max_size=30).map("".join),
    st.lists(SPLITTER_PIECES, max_size=30).map("".join),
)
def test_sentences_never_cross_a_blank_line(first, second):
    text = f"{first}\n\n{second}"
    boundary = len(first) + 1
    assert all(s.end <= boundary or s.start > boundary for s in split_sentences(text))


# --- word lists ---------------------------------------------------------------------------------


def test_load_abbreviations_reads_words_comments_and_periods(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# my list\nRear  # as in Rear Adm.\nAdm.\n\nquux\n", encoding="utf-8")
    assert load_abbreviations(path) == frozenset({"Rear", "Adm", "quux"})


@pytest.mark.parametrize(
    "content, message",
    [
        (b"two words\n", "mine.txt:1: 'two words' is not a single word"),
        (b"ok\n\xff\xfe\x00\n", "not a UTF-8 text file"),
        (b"ok\n!!\n", "mine.txt:2"),
    ],
)
def test_load_abbreviations_rejects_a_bad_file(tmp_path, content, message):
    path = tmp_path / "mine.txt"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        load_abbreviations(path)


def test_extra_abbreviations_keep_a_sentence_whole():
    text = "The Zorg. Mission landed. It was late."
    assert texts(text) == ["The Zorg.", "Mission landed.", "It was late."]
    assert texts(text, abbreviations=frozenset({"Zorg"})) == [
        "The Zorg. Mission landed.",
        "It was late.",
    ]


def test_built_in_lists_are_case_aware():
    assert texts("He sat. John stood.") == ["He sat.", "John stood."]
    assert texts("Polls open Sat. Morning is busiest.") == ["Polls open Sat. Morning is busiest."]


# --- documents ----------------------------------------------------------------------------------


def make_doc(blocks: list[tuple[str, str]]) -> Document:
    text, spans, position = "", [], 0
    for kind, block in blocks:
        spans.append({"type": kind, "start": position, "end": position + len(block)})
        text += block + "\n\n"
        position += len(block) + 2
    return Document.from_dict({"text": text.rstrip("\n"), "blocks": spans})


def test_split_document_skips_headings_and_offsets_into_the_text():
    doc = make_doc([("heading", "Talks. Again."), ("paragraph", "It rained.It poured. Then")])
    result = split_document(doc)
    assert [s.text for s in result.sentences] == ["It rained.", "It poured.", "Then"]
    assert all(doc.text[s.start : s.end] == s.text for s in result.sentences)
    assert result.steps[-1].name == "split-sentences"
    assert result.text == doc.text and doc.sentences is None


def test_split_document_never_crosses_blocks():
    doc = make_doc([("paragraph", "It ended with Mr."), ("paragraph", "Smith said no")])
    assert [s.text for s in split_document(doc).sentences] == ["It ended with Mr.", "Smith said no"]


def test_split_document_records_extra_abbreviations():
    doc = make_doc([("paragraph", "The Zorg. Mission landed.")])
    result = split_document(doc, SentenceOptions(abbreviations=frozenset({"Zorg"})))
    assert len(result.sentences) == 1
    assert result.steps[-1].options == {"lang": "en", "abbreviations": ["Zorg"]}


def test_split_document_refuses_other_languages():
    with pytest.raises(ValueError, match="'de' is not supported"):
        split_document(make_doc([("paragraph", "Es regnet.")]), SentenceOptions(lang="de"))


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from([*" \t\n.)(•1aAZx", "12", "(12)", "(b)", "c.)", "9."]), max_size=12)
)
def test_list_markers_found_from_their_close_are_those_of_the_label_pattern(pieces):
    """The quick search for list labels finds exactly what the label pattern finds."""
    text = "".join(pieces)
    found = [(m.span(), m.groupdict()) for m in sentences.list_markers(text)]
    assert found == [(m.span(), m.groupdict()) for m in sentences._LIST_MARKER.finditer(text)]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(SPLITTER_PIECES, max_size=40).map("".join))
def test_the_plain_full_stop_shortcut_agrees_with_the_rules(text):
    lex = sentences.lexicon()
    for m in sentences._CANDIDATE.finditer(text):
        token = sentences.token_before(text, m.start())
        if sentences.plain_full_stop(text, m, token, lex):
            candidate = sentences._candidate(text, m, token, 0, lex, sentences.QuotationState(text))
            assert sentences.decide(candidate, lex) == (True, "full_stop_after_word")


# --- CJK sentence marks -------------------------------------------------------------------------


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.one_of(SPLITTER_PIECES, CJK_PIECES), max_size=40).map("".join))
def test_a_cjk_mark_always_ends_a_sentence_even_with_no_space_after_it(text):
    """In a sentence, 。！？ stand only at its end (before closing brackets) or, ending nothing,
    before anything else in it."""
    for s in split_sentences(text):
        marks_and_closers = ".?!…‽。！？\"'”’»)]}」』"
        inner = s.text.lstrip(marks_and_closers + " ").rstrip(marks_and_closers)
        assert not any(mark in inner for mark in "。！？"), s.text


def test_cjk_paragraphs_split_as_a_document():
    doc = make_doc([("paragraph", "今天天气很好。我们去公园散步。"), ("paragraph", "東京は晴れ！")])
    assert [s.text for s in split_document(doc).sentences] == [
        "今天天气很好。",
        "我们去公园散步。",
        "東京は晴れ！",
    ]


# Chinese, Japanese and Korean text; kept here, not in the case file, which holds English only.
CJK_CASES = [
    ("今天天气很好。我们去公园散步。", ["今天天气很好。", "我们去公园散步。"]),
    ("東京は晴れです。明日は雨でしょう。", ["東京は晴れです。", "明日は雨でしょう。"]),
    ("真的吗？太好了！我们走吧。", ["真的吗？", "太好了！", "我们走吧。"]),
    ("「明日は雨です。」彼はそう言った。", ["「明日は雨です。」", "彼はそう言った。"]),
    ("会议于周一结束。2024年的预算已通过。", ["会议于周一结束。", "2024年的预算已通过。"]),
    ("外交部长表示。 Talks resume on Monday.", ["外交部长表示。", "Talks resume on Monday."]),
    ("오늘은 날씨가 좋습니다. 공원에 갑시다.", ["오늘은 날씨가 좋습니다.", "공원에 갑시다."]),
]


@pytest.mark.parametrize(("text", "expected"), CJK_CASES)
def test_cjk_case(text, expected):
    assert texts(text) == expected


# --- quotation direction at glued boundaries --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a quotation open in the paragraph: the glued straight quote closes it
        (
            'The mayor urged calm "until the facts are known."Police said little.',
            ['The mayor urged calm "until the facts are known."', "Police said little."],
        ),
        (
            'It was "a day of shame."Gov. Ann Lee (D) agreed.',
            ['It was "a day of shame."', "Gov. Ann Lee (D) agreed."],
        ),
        # nothing open: it opens the next sentence
        (
            'The talks ended at noon."We are done," she said.',
            ["The talks ended at noon.", '"We are done," she said.'],
        ),
        # curly marks say their own direction
        (
            "The bill is “dead.”Senators left.“It is over,” one said.",
            ["The bill is “dead.”", "Senators left.", "“It is over,” one said."],
        ),
        # the next mark decides first: the paragraph began inside a quotation...
        (
            'we were tired."Now the mood is "grim" again.',
            ['we were tired."', 'Now the mood is "grim" again.'],
        ),
        # ...or two glued paragraphs of one quotation
        (
            '"We lost the vote."We will win the next one," he said.',
            ['"We lost the vote.', '"We will win the next one," he said.'],
        ),
        # a damaged apostrophe (didn"t) is no quote
        (
            'He didn"t stop, "not for a minute."Then he left.',
            ['He didn"t stop, "not for a minute."', "Then he left."],
        ),
        # single quotes, apostrophes aside
        (
            "Locals call it 'the quiet zone.'Tourists don't.",
            ["Locals call it 'the quiet zone.'", "Tourists don't."],
        ),
        # a quotation that opens with a bracketed alteration, as with a capital
        (
            'It covers serious violence."[This] is about safety," Orman said.',
            ["It covers serious violence.", '"[This] is about safety," Orman said.'],
        ),
        (
            'she told me, laughing."[I] meant them at the time."',
            ["she told me, laughing.", '"[I] meant them at the time."'],
        ),
        # a quote that closes stays with its sentence, a bracket after it or not
        (
            'He said "it is over."[Reuters] The vote was held.',
            ['He said "it is over."', "[Reuters] The vote was held."],
        ),
    ],
)
def test_a_glued_quote_goes_with_the_sentence_it_belongs_to(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_quotation_state_starts_afresh_on_each_line():
    text = 'She said "no more.\nThe vote passed."It is done," he said.'
    assert [s.text for s in split_sentences(text)] == [
        'She said "no more.',
        "The vote passed.",
        '"It is done," he said.',
    ]
