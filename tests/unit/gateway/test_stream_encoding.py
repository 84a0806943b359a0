"""The gateway's fast JSON paths (orjson) write the bytes of the standard encoders the OpenAI wire
shapes were written against (floats in exponent form aside: ``1e-7`` for ``1e-07``, the same
number), and fall back to them for what orjson refuses."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.responses import JSONResponse

from veil.gateway.streaming import _encode
from veil.wire.openai import chat_chunk, chat_completion
from veil.wire.server import FastJSONResponse
from veil.wire.sse import encode_event

BODIES: list[Any] = [
    chat_completion(id="chatcmpl-1", model="m", content="Grüße an Zoë — 東京 🙂 \"quoted\" \\ /",
                    created=1),
    chat_chunk(id="chatcmpl-1", model="m", created=2, delta={"content": "a\nb\tc\u2028"}),
    {"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 0.5}, "x": None},
    {"logprobs": [-0.0001, 0.25, 123456789.125, True, False]},
]


@pytest.mark.parametrize("body", BODIES)
def test_same_bytes_as_the_standard_encoders(body: Any) -> None:
    assert FastJSONResponse(body).body == JSONResponse(body).body
    assert _encode(body) == encode_event(body)
    assert json.loads(_encode(body)[len(b"data: "):]) == body


def test_exponent_floats_keep_their_value() -> None:
    body = {"logprob": 1e-7, "big": 1.5e300}
    assert json.loads(FastJSONResponse(body).body) == json.loads(JSONResponse(body).body) == body
    assert json.loads(_encode(body)[len(b"data: "):]) == body


def test_what_orjson_refuses_goes_through_the_standard_encoder() -> None:
    body = {"seed": 2**70, "n": {1: "int key"}}  # beyond 64 bits; a non-string key
    assert FastJSONResponse(body).body == JSONResponse(body).body
    assert _encode(body) == encode_event(body)
    assert json.loads(FastJSONResponse(body).body) == {"seed": 2**70, "n": {"1": "int key"}}
