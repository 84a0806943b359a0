"""An attacker's battery against a real ``veil serve`` (the Responses/Messages suites' gateway,
in front of the three-format recording upstream): identifier-shaped protocol places (enums,
ids, schema references) that carried a person's name up unread, a body nested deeper than the
limits middleware's parser goes, and the official SDKs' normal use through the same places.
All values are made up.
"""

from __future__ import annotations

import json
from typing import Any

import anthropic
import httpx
import openai
import pytest

from .api_stack import SENT, Stack
from .conftest import TENANT_KEYS

pytestmark = pytest.mark.slow

GLUED = "Quentin_Marlowe"  # a person's name where only an identifier fits
LOWER = "quentin_marlowe"  # the same in an enum's lower case
VALUES = ["Quentin", "Marlowe", "quentin", "marlowe"]
SENT.update(["Quentin Marlowe", GLUED, LOWER])


def _post(stack: Stack, path: str, body: dict[str, Any] | bytes) -> httpx.Response:
    headers = {"Authorization": f"Bearer {TENANT_KEYS['acme']}"}
    if isinstance(body, bytes):
        headers["Content-Type"] = "application/json"
        return httpx.post(stack.openai.url + path, content=body, headers=headers, timeout=60)
    return httpx.post(stack.openai.url + path, json=body, headers=headers, timeout=60)


def _upstream_since(stack: Stack, start: int) -> str:
    return json.dumps(stack.upstream.bodies()[start:], ensure_ascii=False)


def _chat(**extra: Any) -> dict[str, Any]:
    return {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], **extra}


_SCHEMA_REF = {"type": "json_schema", "json_schema": {"name": "out", "schema": {
    "$ref": f"#/$defs/{GLUED}", "$defs": {GLUED: {"type": "string"}}}}}

#: (label, chat body): each place took an identifier-shaped value and sent it up unread.
CHAT_PLACES: list[tuple[str, dict[str, Any]]] = [
    ("service_tier", _chat(service_tier=LOWER)),
    ("reasoning_effort", _chat(reasoning_effort=LOWER)),
    ("verbosity", _chat(verbosity=LOWER)),
    ("modalities", _chat(modalities=["text", LOWER])),
    ("audio.voice", _chat(audio={"voice": GLUED, "format": "wav"})),
    ("prediction.type", _chat(prediction={"type": LOWER, "content": "x"})),
    ("messages[].role", {"model": "gpt-4o", "messages": [{"role": LOWER, "content": "hi"}]}),
    ("content part type", {"model": "gpt-4o", "messages": [
        {"role": "user", "content": [{"type": LOWER, "text": "hi"}]}]}),
    ("tool_call_id", {"model": "gpt-4o", "messages": [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "tool_calls": [
            {"id": GLUED, "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": GLUED, "content": "ok"}]}),
    ("assistant audio id", {"model": "gpt-4o", "messages": [
        {"role": "user", "content": "hi"}, {"role": "assistant", "audio": {"id": GLUED}}]}),
    ("schema $ref", _chat(response_format=_SCHEMA_REF)),
    ("schema $anchor", _chat(response_format={"type": "json_schema", "json_schema": {
        "name": "out", "schema": {"type": "object", "$anchor": GLUED}}})),
    ("allowed_tools.mode", _chat(
        tools=[{"type": "function", "function": {"name": "f"}}],
        tool_choice={"type": "allowed_tools", "allowed_tools": {
            "mode": LOWER, "tools": [{"type": "function", "function": {"name": "f"}}]}})),
    ("custom grammar syntax", _chat(tools=[{"type": "custom", "custom": {
        "name": "g", "format": {"type": "grammar",
                                "grammar": {"syntax": LOWER, "definition": "x"}}}}])),
]


@pytest.mark.parametrize(("label", "body"), CHAT_PLACES, ids=[p[0] for p in CHAT_PLACES])
def test_identifier_places_do_not_carry_a_name_up(
    api_stack: Stack, label: str, body: dict[str, Any]
) -> None:
    start = len(api_stack.upstream.bodies())
    r = _post(api_stack, "/v1/chat/completions", body)
    assert r.status_code in (200, 400, 503), (label, r.status_code)
    sent = _upstream_since(api_stack, start)
    assert not [v for v in VALUES if v in sent], f"{label}: the name reached the upstream"


def test_schema_ref_still_points_at_its_masked_definition(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    r = _post(api_stack, "/v1/chat/completions", _chat(response_format=_SCHEMA_REF))
    assert r.status_code == 200, r.text
    schema = api_stack.upstream.bodies()[start]["response_format"]["json_schema"]["schema"]
    (name,) = schema["$defs"]
    assert schema["$ref"] == f"#/$defs/{name}" and "Marlowe" not in name


def test_responses_ids_and_include_do_not_carry_a_name_up(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    body = {"model": "gpt-4o", "include": [GLUED], "input": [
        {"type": "message", "role": "user", "content": "weather?"},
        {"type": "function_call", "call_id": GLUED, "name": "get_weather", "arguments": "{}"},
        {"type": "function_call_output", "call_id": GLUED, "output": "sunny"}]}
    r = _post(api_stack, "/v1/responses", body)
    assert r.status_code in (200, 400), r.text
    sent = _upstream_since(api_stack, start)
    assert not [v for v in VALUES if v in sent]


def test_messages_tool_use_id_does_not_carry_a_name_up(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    c = anthropic.Anthropic(base_url=api_stack.openai.url, api_key=TENANT_KEYS["acme"],
                            max_retries=0)
    msg = c.messages.create(model="claude-sonnet-4-5", max_tokens=64, messages=[
        {"role": "user", "content": "weather?"},
        {"role": "assistant", "content": [
            {"type": "tool_use", "id": GLUED, "name": "get_weather", "input": {}}]},
        {"role": "user", "content": [
            {"type": "tool_result", "tool_use_id": GLUED, "content": "sunny"}]}])
    assert msg.content
    sent = _upstream_since(api_stack, start)
    assert not [v for v in VALUES if v in sent]


def test_sdk_tool_round_trip_keeps_its_ids(api_stack: Stack) -> None:
    """Normal use through the same places: real ids, roles and types pass unchanged."""
    start = len(api_stack.upstream.bodies())
    c = openai.OpenAI(base_url=api_stack.openai.url + "/v1", api_key=TENANT_KEYS["acme"],
                      max_retries=0)
    call_id = "call_9ZbDq2Ks0PqLmNoXy7Wv"
    c.chat.completions.create(model="gpt-4o-2024-08-06", service_tier="auto",
                              reasoning_effort="low", messages=[
        {"role": "developer", "content": "Be brief."},
        {"role": "user", "content": "weather?"},
        {"role": "assistant", "tool_calls": [{"id": call_id, "type": "function", "function": {
            "name": "get_weather", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": call_id, "content": "sunny"}],
        tools=[{"type": "function", "function": {"name": "get_weather", "parameters": {
            "type": "object", "properties": {"city": {"type": "string", "format": "uri"}},
            "$defs": {"Unit": {"type": "string"}}}}}])
    body = api_stack.upstream.bodies()[start]
    assert body["model"] == "gpt-4o-2024-08-06" and body["service_tier"] == "auto"
    assert body["reasoning_effort"] == "low"
    assert [m["role"] for m in body["messages"]] == ["developer", "user", "assistant", "tool"]
    assert body["messages"][2]["tool_calls"][0]["id"] == call_id
    assert body["messages"][3]["tool_call_id"] == call_id


def test_deep_nesting_is_a_clean_400(api_stack: Stack) -> None:
    """A body nested deeper than the limits middleware's parser goes: it crashed there (a
    plain-text 500 and a traceback in the log); now the handler's 400, OpenAI-shaped."""
    start = len(api_stack.upstream.bodies())
    deep = (b'{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"x":'
            + b"[" * 5000 + b'"Quentin Marlowe"' + b"]" * 5000 + b"}")
    r = _post(api_stack, "/v1/chat/completions", deep)
    assert r.status_code == 400, r.text
    assert r.json()["error"]["type"] == "invalid_request_error"
    assert "Marlowe" not in r.text and len(api_stack.upstream.bodies()) == start
    assert "Traceback" not in api_stack.openai.log_text()
