"""Attack 8: values glued into identifiers, numbers with a sign or a fraction, caller text in
logs, and upstream items another key owns.

- A person's name in chat ``messages[].name`` (OpenAI takes ``[A-Za-z0-9_-]`` only, so a name
  arrives glued: ``Quentin_Marlowe``, ``QuentinMarlowe``, ``quentin-marlowe``) went up as sent:
  the field was masked as text, and the detector reads none of these as a name.
- A tenant term inside snake_case names (tool name, its description, schema property, metadata
  key, fine-tuned model name): term matching treated ``_`` as part of a word, and names were
  not scanned at all.
- A card number as a negative or fractional JSON number was not read as a card.
- An IBAN as a tool-call id or inside a function name / Anthropic ``tool_use.id``: the token
  reader split the IBAN's letters from its digits, which breaks its shape.
- A client's request id (an e-mail address, an SSN) went into the log and the audit log; with
  ``--access-log``, uvicorn's line held the raw path and query string.
- A Responses ``item_reference`` to an item this key never produced reached the shared
  upstream account.

Before the fixes (probe run of session 70): 17 of 53 places leaked. After: each place above is
masked (names go up as valid identifiers and come back as the caller's), refused, or logged as a
route template only.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from veil import Veil
from veil.config import Policy, Settings, TermRule
from veil.gateway import (
    GatewayState,
    OpenAIUpstream,
    TenantRegistry,
    audit_events,
    create_app,
    hash_api_key,
)
from veil.gateway.request_id import is_opaque_id, request_id_from
from veil.gateway.tenants import Tenant
from veil.wire.responses import response_from_chat

KEY = "sk-s70-alice"
CARD = "4111111111111111"
IBAN = "DE89370400440532013000"
TERM = "Nightjar"


def _chat(content: str | None, tool_calls: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    msg: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls:
        msg["tool_calls"] = tool_calls
    return {"id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "message": msg, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}


class Recorder:
    """The upstream: records every body; answers chat (calling the first tool, if any, with
    every schema property) and native Responses."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else {}
        self.bodies.append(body)
        if request.url.path.endswith("/responses"):
            return httpx.Response(200, json=response_from_chat(body, _chat("ok"), id="resp_1"))
        tools = body.get("tools") or []
        if tools:
            fn = tools[0]["function"]
            args = {k: 1 for k in (fn.get("parameters") or {}).get("properties", {})}
            return httpx.Response(200, json=_chat(None, [{
                "id": "call_1", "type": "function",
                "function": {"name": fn["name"], "arguments": json.dumps(args)}}]))
        return httpx.Response(200, json=_chat("ok"))

    def sent(self) -> str:
        return json.dumps(self.bodies, ensure_ascii=False)


@pytest.fixture(scope="module")
def core() -> Iterator[Veil]:
    """The real core (NER on: names are the NER model's), with one tenant term."""
    with tempfile.TemporaryDirectory() as home:
        v = Veil(Settings(home=Path(home), master_key=base64.b64encode(os.urandom(32)).decode(),
                          vault_backend="sqlite"))
        v.set_policy("acme", Policy(languages=["en"],
                                    terms=[TermRule(term=TERM, type="PROJECT"),
                                           TermRule(term="falcon", type="PROJECT")]))
        yield v


def _gateway(core: Veil, rec: Recorder, *, native: bool = False,
             access_log: bool = False) -> httpx.AsyncClient:
    upstream = OpenAIUpstream("http://upstream.test/v1", api_key="sk-up",
                              transport=httpx.MockTransport(rec.handler))
    upstream.responses_api = native
    tenants = TenantRegistry([Tenant("acme", policy=core.policy("acme"))],
                             {hash_api_key(KEY): "acme"})
    app = create_app(GatewayState(core=core, upstream=upstream, tenants=tenants),
                     access_log=access_log)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://veil.test",
                             headers={"Authorization": f"Bearer {KEY}"}, timeout=120)


@pytest.fixture
async def gw(core: Veil) -> AsyncIterator[tuple[httpx.AsyncClient, Recorder]]:
    rec = Recorder()
    async with _gateway(core, rec) as http:
        yield http, rec


def _sdk(http: httpx.AsyncClient) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url="http://veil.test/v1", api_key=KEY, http_client=http,  # type: ignore[arg-type]
                              max_retries=0)


# --- a person's name glued into messages[].name ----------------------------------------------


@pytest.mark.parametrize("name", ["Quentin_Marlowe", "QuentinMarlowe", "quentin-marlowe"])
async def test_a_glued_speaker_name_goes_up_as_a_valid_masked_name(
    gw: tuple[httpx.AsyncClient, Recorder], name: str
) -> None:
    http, rec = gw
    r = await _sdk(http).chat.completions.create(model="m", messages=[
        {"role": "user", "name": name, "content": "Please summarise my file."}])
    assert r.choices[0].message.content == "ok"
    sent = rec.bodies[-1]["messages"][0]["name"]
    assert "marlowe" not in sent.lower() and "quentin" not in sent.lower()
    assert sent.replace("_", "").replace("-", "").isalnum(), sent  # OpenAI's name charset


# --- a tenant term inside identifiers ----------------------------------------------------------


async def test_a_term_in_tool_and_schema_names_is_masked_and_the_call_comes_back_named(
    gw: tuple[httpx.AsyncClient, Recorder],
) -> None:
    http, rec = gw
    r = await _sdk(http).chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "status?"}],
        metadata={"project_nightjar": "x"},
        tools=[{"type": "function", "function": {
            "name": "get_nightjar_status", "description": "Calls get_nightjar_status.",
            "parameters": {"type": "object", "properties": {"nightjar_budget": {
                "type": "number"}}, "required": ["nightjar_budget"]}}}])
    sent = rec.sent().lower()
    assert "nightjar" not in sent and "falcon" not in sent
    up = rec.bodies[-1]
    fn = up["tools"][0]["function"]
    assert fn["name"].replace("_", "").replace("-", "").isalnum(), fn["name"]
    assert fn["parameters"]["required"] == list(fn["parameters"]["properties"])
    call = r.choices[0].message.tool_calls[0]  # type: ignore[index]
    assert call.function.name == "get_nightjar_status"  # type: ignore[union-attr]
    assert json.loads(call.function.arguments) == {"nightjar_budget": 1}  # type: ignore[union-attr]


def test_a_term_is_bounded_by_underscores_but_not_inside_a_longer_word(core: Veil) -> None:
    from veil.detect.terms import TermDatabase

    db = TermDatabase([TermRule(term=TERM, type="PROJECT")])
    found = {d.text for d in db.analyze("project_nightjar get-nightjar-status nightjar2")}
    assert found == {"nightjar"} and len(db.analyze("project_nightjar nightjar2")) == 2
    assert db.analyze("nightjarring and unnightjar") == []


# --- numbers with a sign or a fraction ---------------------------------------------------------


@pytest.mark.parametrize("number", [-4111111111111111, -4111111111111111.0, 4111111111111111.5])
async def test_a_card_as_a_signed_or_fractional_number_is_masked(
    gw: tuple[httpx.AsyncClient, Recorder], number: float
) -> None:
    http, rec = gw
    r = await http.post("/v1/chat/completions", json={
        "model": "m", "messages": [{"role": "user", "content": "hi"}],
        "metadata": {"card": number}, "seed": number})
    assert r.status_code == 200, r.text
    assert CARD not in rec.sent()


async def test_a_card_as_a_negative_number_in_tool_arguments_is_masked(
    gw: tuple[httpx.AsyncClient, Recorder],
) -> None:
    http, rec = gw
    r = await http.post("/v1/chat/completions", json={"model": "m", "messages": [
        {"role": "user", "content": "pay"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {
                "name": "pay", "arguments": '{"card": -4111111111111111}'}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "ok"}]})
    assert r.status_code == 200, r.text
    assert CARD not in rec.sent()


# --- an IBAN inside allow-listed ids ------------------------------------------------------------


async def test_an_iban_as_tool_call_id_and_in_a_function_name_is_masked(
    gw: tuple[httpx.AsyncClient, Recorder],
) -> None:
    http, rec = gw
    r = await http.post("/v1/chat/completions", json={
        "model": "m", "messages": [
            {"role": "user", "content": "pay"},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": IBAN, "type": "function", "function": {
                    "name": f"pay_{IBAN}", "arguments": "{}"}}]},
            {"role": "tool", "tool_call_id": IBAN, "content": "ok"}],
        "tools": [{"type": "function", "function": {"name": f"pay_{IBAN}",
                                                    "parameters": {"type": "object"}}}],
        "tool_choice": {"type": "function", "function": {"name": f"pay_{IBAN}"}}})
    assert r.status_code == 200, r.text
    assert IBAN not in rec.sent()
    up = rec.bodies[-1]["messages"]
    assert up[1]["tool_calls"][0]["id"] == up[2]["tool_call_id"]  # still paired
    assert r.json()["choices"][0]["message"]["tool_calls"][0]["function"]["name"] == f"pay_{IBAN}"


async def test_an_iban_in_anthropic_tool_use_and_responses_call_ids_is_masked(
    gw: tuple[httpx.AsyncClient, Recorder],
) -> None:
    http, rec = gw
    r = await http.post("/v1/messages", json={"model": "m", "max_tokens": 16, "messages": [
        {"role": "user", "content": "pay"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": f"toolu_{IBAN}",
                                           "name": "pay", "input": {}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": f"toolu_{IBAN}",
                                      "content": "ok"}]}]})
    assert r.status_code == 200, r.text
    await _sdk(http).responses.create(model="m", input=[
        {"type": "function_call", "call_id": IBAN, "name": "pay", "arguments": "{}"},
        {"type": "function_call_output", "call_id": IBAN, "output": "ok"}])
    assert IBAN not in rec.sent()


# --- request ids and the access log -------------------------------------------------------------


@pytest.mark.parametrize("rid", ["quentin.marlowe@plant-s70.example", "078-05-1120", CARD,
                                 "id 1", "a" * 129, "quentin.marlowe", "Quentin_Marlowe_1",
                                 "req-quentin-7", "QuentinMarlowe42", "MARLOWE-2024"])
def test_a_client_request_id_holding_a_value_is_replaced(rid: str) -> None:
    got = request_id_from([(b"x-request-id", rid.encode())])
    assert got != rid and got.startswith("req_")
    assert not is_opaque_id(rid)


@pytest.mark.parametrize("rid", ["req_abc123", "3f2b8c1e-9d4a-4e6b-8f00-123456789012",
                                 "trace:42.7", "0a1b2c3d4e5f", "client-id.42:a/b",
                                 "req_4fbea09c1d", "BK7bzQj3Ff9x"])
def test_an_opaque_client_request_id_is_kept(rid: str) -> None:
    assert request_id_from([(b"x-client-request-id", rid.encode())]) == rid


def test_the_audit_log_binds_only_opaque_request_ids() -> None:
    audit_events.bind_request_id("quentin.marlowe@plant-s70.example")
    assert audit_events._request_id.get() is None
    audit_events.bind_request_id("req_abc123")
    assert audit_events._request_id.get() == "req_abc123"
    audit_events.bind_request_id(None)


async def test_the_access_log_names_the_route_template_not_the_path_or_query(
    core: Veil, caplog: pytest.LogCaptureFixture
) -> None:
    rec = Recorder()
    caplog.set_level(logging.INFO, logger="veil.gateway")
    async with _gateway(core, rec, access_log=True) as http:
        r = await http.post("/v1/chat/completions?email=q.m@plant-s70.example&ssn=078-05-1120",
                            json={"model": "m", "messages": [{"role": "user", "content": "hi"}]},
                            headers={"x-request-id": "q.m@plant-s70.example"})
        assert r.headers["x-request-id"].startswith("req_")
        await http.get(f"/v1/responses/{CARD}")
    access = [r.getMessage() for r in caplog.records if r.name == "veil.gateway.access"]
    assert access == [
        access[0].split(" ")[0] + " /v1/chat/completions 200 " + access[0].split(" ")[-1],
        "GET /v1/responses/:response_id 404 " + access[1].split(" ")[-1]]
    assert all(v not in caplog.text for v in ("plant-s70", "078-05-1120", CARD))


# --- Responses item_reference -------------------------------------------------------------------


async def test_an_item_reference_this_key_never_produced_is_refused(core: Veil) -> None:
    rec = Recorder()
    async with _gateway(core, rec, native=True) as http:
        r = await http.post("/v1/responses", json={"model": "m", "input": [
            {"type": "item_reference", "id": "msg_" + "ab" * 24},
            {"role": "user", "content": "hi"}]})
        assert r.status_code == 404, r.text
        assert rec.bodies == []
        first = (await http.post("/v1/responses", json={"model": "m", "input": "hi"})).json()
        item = first["output"][0]["id"]
        r = await http.post("/v1/responses", json={
            "model": "m", "previous_response_id": first["id"],
            "input": [{"type": "item_reference", "id": item}]})
        assert r.status_code == 200, r.text
