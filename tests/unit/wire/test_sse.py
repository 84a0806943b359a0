"""SSE framing and parsing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from veil.wire.sse import DONE, SSEDecoder, aiter_sse_data, encode_event, parse_sse


def test_encode_event_is_one_compact_utf8_data_event() -> None:
    raw = encode_event({"text": "Grüße", "n": [1, 2]})
    assert raw == 'data: {"text":"Grüße","n":[1,2]}\n\n'.encode()
    assert DONE == b"data: [DONE]\n\n"


def test_decoder_joins_data_lines_and_skips_comments_and_other_fields() -> None:
    lines = [
        ": keep-alive",
        "event: message",
        "id: 7",
        'data: {"a":',
        "data: 1}",
        "",
        "data:[DONE]",
        "",
    ]
    assert SSEDecoder().feed_lines(lines) == ['{"a":\n1}', "[DONE]"]


def test_decoder_flushes_an_unterminated_last_event() -> None:
    d = SSEDecoder()
    assert d.feed_line('data: {"x": 1}') is None
    assert d.flush() == '{"x": 1}'
    assert d.flush() is None


async def test_aiter_sse_data_over_lines_with_crlf() -> None:
    async def lines() -> AsyncIterator[str]:
        for line in ['data: {"a": 1}\r', "\r", "data: [DONE]", ""]:
            yield line

    got = [d async for d in aiter_sse_data(lines())]
    assert got == ['{"a": 1}', "[DONE]"]


def test_parse_sse_round_trips_encoded_events() -> None:
    body = encode_event({"a": 1}) + encode_event({"b": "two"}) + DONE
    events, done = parse_sse(body)
    assert events == [{"a": 1}, {"b": "two"}] and done
    events, done = parse_sse(encode_event({"a": 1}))
    assert events == [{"a": 1}] and not done
    assert json.loads(encode_event([1])[6:]) == [1]
