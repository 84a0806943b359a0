"""Attack paths closed in the request walk and the middleware: identifier-shaped protocol
places (enums, ids, schema references) read as words, the clean-token cache that keeps that
cheap, a body nested past the limits parser, and a failure that escapes every handler."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from starlette.types import Receive, Scope, Send

from veil.gateway.fields import PROTOCOL_WORDS, CleanTokens, WalkContext, walk
from veil.gateway.limits import _count_messages
from veil.gateway.request_id import RequestIdMiddleware

NAME = "Quentin Marlowe"


def _protect(seen: list[str]) -> Any:
    def protect(s: str) -> str:
        seen.append(s)
        return s.replace(NAME, "[PERSON_1]")

    return protect


def _walk(body: dict[str, Any], **ctx: Any) -> tuple[dict[str, Any], list[str]]:
    seen: list[str] = []
    out = walk("chat.completions", body,
               WalkContext(protect=_protect(seen), pseudonym=lambda s: s, **ctx))
    return out, seen


def _chat(**extra: Any) -> dict[str, Any]:
    return {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}], **extra}


@pytest.mark.parametrize("body", [
    _chat(service_tier="quentin_marlowe"),
    _chat(reasoning_effort="quentin-marlowe"),
    _chat(audio={"voice": "Quentin_Marlowe", "format": "wav"}),
    _chat(modalities=["quentin_marlowe"]),
    _chat(prediction={"type": "quentin_marlowe", "content": "x"}),
    {"model": "gpt-4o", "messages": [{"role": "quentin_marlowe", "content": "hi"}]},
    {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"},
                                     {"role": "tool", "tool_call_id": "Quentin_Marlowe",
                                      "content": "ok"}]},
    _chat(response_format={"type": "json_schema", "json_schema": {"name": "x", "schema": {
        "type": "object", "$anchor": "Quentin-Marlowe"}}}),
])
def test_identifier_places_are_read_as_words(body: dict[str, Any]) -> None:
    out, _ = _walk(body)
    assert "Marlowe" not in str(out) and "marlowe" not in str(out)
    assert "PERSON_1" in str(out)  # masked into an identifier, still a token


def test_schema_ref_is_masked_like_the_definition_it_names() -> None:
    out, _ = _walk(_chat(response_format={"type": "json_schema", "json_schema": {
        "name": "x", "schema": {"$ref": "#/$defs/Quentin_Marlowe",
                                "$defs": {"Quentin_Marlowe": {"type": "string"}}}}}))
    schema = out["response_format"]["json_schema"]["schema"]
    assert schema == {"$ref": "#/$defs/PERSON_1", "$defs": {"PERSON_1": {"type": "string"}}}
    # an escaped name in a pointer: masked as text (no definition can be named that way)
    out, _ = _walk(_chat(response_format={"type": "json_schema", "json_schema": {
        "name": "x", "schema": {"$ref": "#/$defs/Quentin%20Marlowe"}}}))
    assert "Marlowe" not in str(out)


def test_well_known_values_pass_unread() -> None:
    body = _chat(service_tier="auto", reasoning_effort="low", modalities=["text", "audio"],
                 audio={"voice": "alloy", "format": "wav"})
    body["messages"].insert(0, {"role": "developer", "content": "Be brief."})
    out, seen = _walk(body)
    assert out == body
    assert not {"auto", "low", "text", "audio", "alloy", "wav", "developer", "user"} & set(seen)
    assert {"user", "assistant", "json_schema", "input_text", "tool_use"} <= PROTOCOL_WORDS


def test_model_ids_pass_unread() -> None:
    # vendors' ids read as names, organizations and phone numbers; the upstream would not know
    # a masked model
    for model in ("gpt-4o-2024-08-06", "meta-llama/Meta-Llama-3-70B-Instruct"):
        out, seen = _walk(_chat(model=model))
        assert out["model"] == model and model not in seen


def test_clean_tokens_are_noted_and_not_read_again() -> None:
    cache = CleanTokens()
    noted: list[str] = []
    ctx: dict[str, Any] = {"is_clean": lambda t: cache.is_clean("t", t),
                           "note_clean": lambda t: (noted.append(t), cache.note("t", t))}
    body = _chat(service_tier="brand_new_tier")
    _, seen = _walk(body, **ctx)
    assert "brand new tier" in seen and noted == ["brand_new_tier"]
    _, seen = _walk(body, **ctx)
    assert "brand new tier" not in seen  # the second request does not read it
    # a token in which a value was found is never noted: read on every request
    noted.clear()
    _walk(_chat(service_tier="quentin_marlowe"), **ctx)
    assert noted == [] and not cache.is_clean("t", "quentin_marlowe")
    # per tenant
    assert not cache.is_clean("other", "brand_new_tier")
    # a walk that only collects (its readings come back unchanged) notes nothing
    _walk(_chat(service_tier="another_tier"), is_clean=ctx["is_clean"])
    assert not cache.is_clean("t", "another_tier")


def test_clean_tokens_expire_and_stay_bounded() -> None:
    now = [0.0]
    cache = CleanTokens(size=2, ttl_s=10.0, clock=lambda: now[0])
    cache.note("t", "a")
    cache.note("t", "b")
    cache.note("t", "c")  # the oldest goes
    assert not cache.is_clean("t", "a") and cache.is_clean("t", "c")
    now[0] = 11.0
    assert not cache.is_clean("t", "c")
    assert "c" not in repr(cache)  # counts only


def test_deeply_nested_body_counts_as_nothing() -> None:
    deep = b'{"messages": [], "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert _count_messages(deep) == ("messages", 0)


async def test_failure_escaping_every_handler_is_an_openai_500(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(scope: Scope, receive: Receive, send: Send) -> None:
        raise KeyError(NAME)  # a message that quotes the request

    app = RequestIdMiddleware(broken)
    transport = httpx.ASGITransport(app=app)
    with caplog.at_level(logging.DEBUG):
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            r = await c.post("/v1/chat/completions", json={})
    assert r.status_code == 500 and r.headers["x-request-id"]
    error = r.json()["error"]
    assert error["code"] == "internal_error" and "KeyError" in error["message"]
    assert NAME not in r.text and NAME not in caplog.text
