"""Protocol models and the body/chunk builders every server uses."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from veil.wire.openai import (
    ChatCompletionRequest,
    CompletionRequest,
    TokenCompletionRequest,
    chat_chunk,
    chat_completion,
    completion_chunk,
    model_list,
    new_id,
    text_completion,
)


def test_request_models_keep_unknown_fields() -> None:
    req = ChatCompletionRequest.model_validate(
        {
            "model": "m",
            "messages": [{"role": "user", "content": "hi", "x_msg": 1}],
            "response_format": {"type": "json_object"},
        }
    )
    wire = req.wire()
    assert wire["response_format"] == {"type": "json_object"}
    assert wire["messages"][0]["x_msg"] == 1
    assert "stream" not in wire  # unset defaults are not invented
    assert CompletionRequest.model_validate({"model": "m", "prompt": "p", "echo": True}).wire()[
        "echo"
    ]


def test_completion_prompts_of_token_ids_parse() -> None:
    # Token ids cannot be scanned: they parse here so that the request walker can refuse them
    # with a clear error (or pass them where a tenant's policy allows it).
    for prompt in ([1, 2, 3], [[1, 2], [3]], "text", ["a", "b"]):
        assert CompletionRequest.model_validate({"model": "m", "prompt": prompt}).prompt == prompt
    with pytest.raises(ValidationError):
        CompletionRequest.model_validate({"model": "m", "prompt": {"ids": [1]}})
    assert TokenCompletionRequest.model_validate({"prompt": [1, 2, 3]}).prompt == [1, 2, 3]


def test_token_completion_request_bounds() -> None:
    with pytest.raises(ValidationError):
        TokenCompletionRequest.model_validate({"prompt": [1], "max_tokens": 0})
    with pytest.raises(ValidationError):
        TokenCompletionRequest.model_validate({"prompt": [1], "top_p": 0})


def test_builders_produce_openai_shapes() -> None:
    cid = new_id("chatcmpl")
    assert cid.startswith("chatcmpl-") and cid != new_id("chatcmpl")
    whole = chat_completion(id=cid, model="m", content="hi", created=1)
    assert whole["object"] == "chat.completion"
    assert whole["choices"] == [
        {"index": 0, "message": {"role": "assistant", "content": "hi"}, "finish_reason": "stop"}
    ]
    calls = [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "{}"}}]
    assert (
        chat_completion(id=cid, model="m", content=None, tool_calls=calls)["choices"][0]["message"][
            "tool_calls"
        ]
        == calls
    )
    chunk = chat_chunk(id=cid, model="m", created=1, delta={"content": "x"})
    assert chunk["object"] == "chat.completion.chunk"
    assert chunk["choices"][0] == {"index": 0, "delta": {"content": "x"}, "finish_reason": None}
    tc = text_completion(id="cmpl-1", model="m", text="t", token_ids=[5], usage={"total_tokens": 1})
    assert tc["object"] == "text_completion" and tc["choices"][0]["token_ids"] == [5]
    assert tc["usage"] == {"total_tokens": 1}
    cc = completion_chunk(id="cmpl-1", model="m", created=1, text="t", finish_reason="length")
    assert cc["object"] == "text_completion" and cc["choices"][0]["finish_reason"] == "length"


def test_model_list() -> None:
    body = model_list("a", "b", owned_by="x", vocab_size=3)
    assert body["object"] == "list"
    assert [(c["id"], c["owned_by"], c["vocab_size"]) for c in body["data"]] == [
        ("a", "x", 3),
        ("b", "x", 3),
    ]
