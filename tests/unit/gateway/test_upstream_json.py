"""The upstream's answers and streamed events are parsed by orjson where it can, and by the
standard parser where orjson refuses: the same values either way."""

from __future__ import annotations

import json
import math

import pytest

from veil.gateway.upstream import _json


@pytest.mark.parametrize("text", [
    '{"choices": [{"delta": {"content": "Caf\\u00e9 [PERSON_1]"}}], "n": -0, "x": 1.5e300}',
    '{"a": 1, "a": 2}',  # a repeated key: the last value, at the first one's place
    '{"big": 123456789012345678901234567890}',  # beyond 64 bits: the standard parser
    '{"s": "\\ud800 alone"}',  # a lone surrogate: the standard parser
    '[1, "two", null, true]',
    '\ufeff{"bom": 1}',
])
def test_parses_as_the_standard_parser(text: str) -> None:
    try:
        want = json.loads(text)
    except ValueError:
        with pytest.raises(ValueError):
            _json(text)
        return
    for data in (text, text.encode()):  # a streamed event's text, an answer's bytes
        got = _json(data)
        assert json.dumps(got) == json.dumps(want)  # same values, types and key order


def test_what_only_the_standard_parser_reads_still_parses() -> None:
    assert math.isnan(_json('{"v": NaN}')["v"])
    assert _json(b'{"v": Infinity}')["v"] == math.inf


@pytest.mark.parametrize("text", ["not json", "{", '{"a": }', ""])
def test_what_is_not_json_is_refused_as_before(text: str) -> None:
    with pytest.raises(ValueError):
        _json(text)
