"""The piecewise JSON parser gives what ``json.loads`` gives for the whole text, however the
text is cut into pieces, and fails where it fails."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newstool.streamjson import parse_pieces
from tests.strategies import property_settings

TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ['He said "no."', "a\\b", "\u2028\x85", "😀", "é", ""]
)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def cut(text: str, data: st.DataObject) -> list[str]:
    """``text`` cut at places ``data`` draws (pieces of one character included)."""
    places = sorted(data.draw(st.sets(st.integers(1, max(len(text) - 1, 1)), max_size=8)))
    bounds = [0, *(p for p in places if p < len(text)), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def outcome(parse):
    try:
        return "value", parse()
    except ValueError:  # json.JSONDecodeError included
        return "error", None


@property_settings(150)
@given(VALUES, st.sampled_from([None, 0, 2]), st.data())
def test_any_json_cut_anywhere_parses_as_a_whole(value, indent, data):
    text = json.dumps(value, indent=indent, ensure_ascii=data.draw(st.booleans()))
    assert parse_pieces(cut(text, data)) == json.loads(text)


@property_settings(150)
@given(VALUES, st.data())
def test_damaged_json_fails_where_json_loads_fails(value, data):
    text = json.dumps(value)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 3)))
    damage = data.draw(st.sampled_from(["", ",", "}", '"', "[", "x", "\\"]))
    damaged = text[:start] + damage + text[end:]
    assert outcome(lambda: parse_pieces(cut(damaged, data))) == outcome(lambda: json.loads(damaged))


@pytest.mark.parametrize(
    "text",
    ['{"a": 1} x', '{"a" 1}', '{"a": [1 2]}', '{"a": tru}', '{"a": 1,}', "[1, 2", '{"a": "\x01"}'],
)
def test_errors_say_what_and_where_as_json_loads_does(text):
    with pytest.raises(json.JSONDecodeError) as whole:
        json.loads(text)
    with pytest.raises(json.JSONDecodeError) as pieces:
        parse_pieces(list(text))  # one character at a time
    assert (pieces.value.msg, pieces.value.pos) == (whole.value.msg, whole.value.pos)


def test_each_item_of_a_top_level_list_becomes_its_record_at_once():
    seen = []

    def record(key, item):
        seen.append((key, item))
        return f"{key}:{item}"

    text = '{"n": [1, 2], "s": {"x": [3]}, "m": []}'
    assert parse_pieces([text[:9], text[9:]], item=record) == {
        "n": ["n:1", "n:2"],
        "s": {"x": [3]},
        "m": [],
    }
    assert seen == [("n", 1), ("n", 2)]
