"""Translation between the Responses API, Anthropic Messages and chat completions."""

from __future__ import annotations

import json

from veil.wire.anthropic import (
    ChatToMessagesStream,
    MessagesToChatStream,
    chat_from_message,
    chat_to_messages,
    message_from_chat,
    messages_to_chat,
)
from veil.wire.responses import ChatToResponsesStream, request_to_chat, response_from_chat


def _chunk(delta: dict, finish: str | None = None) -> dict:
    return {"choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def test_responses_request_to_chat_with_tools_and_history() -> None:
    body = {
        "model": "m", "instructions": "sys",
        "input": [{"type": "function_call_output", "call_id": "c1", "output": "{\"ok\": 1}"}],
        "tools": [{"type": "function", "name": "f", "parameters": {"type": "object"}}],
        "text": {"format": {"type": "json_schema", "name": "s", "schema": {"type": "object"}}},
        "max_output_tokens": 9,
    }
    history = [{"type": "message", "role": "user", "content": "hi"},
               {"type": "function_call", "call_id": "c1", "name": "f", "arguments": "{}"}]
    chat = request_to_chat(body, history)
    assert [m["role"] for m in chat["messages"]] == ["system", "user", "assistant", "tool"]
    assert chat["messages"][2]["tool_calls"][0]["id"] == "c1"
    assert chat["tools"][0]["function"]["name"] == "f"
    assert chat["response_format"]["json_schema"]["name"] == "s"
    assert chat["max_tokens"] == 9


def test_chat_stream_to_response_events_spell_the_answer() -> None:
    tr = ChatToResponsesStream({"model": "m"})
    events = tr.start()
    for piece in ("Hel", "lo"):
        events += tr.feed(_chunk({"content": piece}))
    events += tr.feed(_chunk({"tool_calls": [{"index": 0, "id": "c", "function": {
        "name": "f", "arguments": "{\"a\""}}]}))
    events += tr.feed(_chunk({"tool_calls": [{"index": 0, "function": {"arguments": ":1}"}}]},
                             "tool_calls"))
    events += tr.finish()
    types = [e["type"] for e in events]
    assert types[0] == "response.created" and types[-1] == "response.completed"
    done = next(e for e in events if e["type"] == "response.output_text.done")
    assert done["text"] == "Hello"
    out = events[-1]["response"]["output"]
    assert out[0]["content"][0]["text"] == "Hello" and out[1]["arguments"] == "{\"a\":1}"
    whole = response_from_chat({"model": "m"}, {"choices": [{"message": {"content": "Hello"},
                                                             "finish_reason": "length"}]})
    assert whole["status"] == "incomplete"


def test_messages_and_chat_round_trip() -> None:
    body = {"model": "m", "max_tokens": 5, "system": [{"type": "text", "text": "s"}],
            "messages": [
                {"role": "user", "content": "hi"},
                {"role": "assistant", "content": [
                    {"type": "tool_use", "id": "t1", "name": "f", "input": {"a": 1}}]},
                {"role": "user", "content": [
                    {"type": "tool_result", "tool_use_id": "t1", "content": "done"}]}],
            "tools": [{"name": "f", "input_schema": {"type": "object"}}],
            "tool_choice": {"type": "any"}}
    chat = messages_to_chat(body)
    assert [m["role"] for m in chat["messages"]] == ["system", "user", "assistant", "tool"]
    assert chat["tool_choice"] == "required"
    back = chat_to_messages(chat)
    assert back["system"] == "s" and back["tool_choice"] == {"type": "any"}
    assert back["messages"][1]["content"][0]["input"] == {"a": 1}
    assert back["messages"][2]["content"][0]["type"] == "tool_result"
    answer = {"choices": [{"message": {"content": "ok", "tool_calls": [
        {"id": "t2", "function": {"name": "f", "arguments": "{\"b\": 2}"}}]},
        "finish_reason": "tool_calls"}], "usage": {"prompt_tokens": 1, "completion_tokens": 2}}
    msg = message_from_chat("m", answer)
    assert msg["stop_reason"] == "tool_use" and msg["content"][1]["input"] == {"b": 2}
    again = chat_from_message(msg)
    assert json.loads(again["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"])
    assert again["choices"][0]["finish_reason"] == "tool_calls"


def test_streams_both_ways() -> None:
    to_msgs = ChatToMessagesStream("m")
    events = to_msgs.start()
    events += to_msgs.feed(_chunk({"content": "ab"}))
    events += to_msgs.feed(_chunk({"tool_calls": [{"index": 0, "id": "t", "function": {
        "name": "f", "arguments": "{}"}}]}, "tool_calls"))
    events += to_msgs.finish()
    assert [e["type"] for e in events][-2:] == ["message_delta", "message_stop"]
    to_chat = MessagesToChatStream()
    chunks = [c for e in events for c in to_chat.feed(e)]
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks)
    args = "".join(tc["function"].get("arguments", "") for c in chunks
                   for tc in c["choices"][0]["delta"].get("tool_calls") or [])
    assert text == "ab" and args == "{}"
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"
