"""Attack 6: paths around the detector -- values a caller sends where the gateway does not read
text, and ids in URL paths.

- Numbers. A card, SSN or phone number sent as a JSON number (``metadata``, an unknown field,
  ``seed``, tool arguments and results, Anthropic ``tool_use`` input, ``4111111111111111.0`` or
  ``4111111111111111e0``) went up as it was: the walker scanned only integers, and only inside
  tool arguments.
- Protocol tokens. A role, model, ``reasoning_effort``, ``modalities``, ``service_tier``, voice,
  part ``type``, schema ``format``, property name, ``$ref``, Responses ``include`` and item
  ``status``, Anthropic ``thinking.type`` and ``cache_control.ttl``... that looks like a token
  passed unscanned (``u078-05-1120``, ``ft:gpt-4o:acme:4111-1111-1111-1111``), and so did the
  path of a ``$schema`` / ``$id`` URI. Real model names (``claude-opus-4-1-20250805``) must
  still pass unchanged.
- Ids in URL paths (``GET /v1/responses/{id}``, ``/v1/files/{id}``) went into the log line and
  the audit record of the refusal.
- A batch line that is not a chat request answered 500 instead of naming the line.

Before the fixes (probe run of session 63): 25 of 25 of the planted places below reached the
upstream, and both path ids reached the log.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from tests.e2e.conftest import Proc, Upstream
from veil import Veil
from veil.config import Policy, Settings
from veil.gateway import router as gateway_router
from veil.gateway.privacy import Conversation

from .conftest import assert_openai_error, plant, raw, sent_since

CARD = "4111111111111111"
SSN = "078-05-1120"
#: What must not reach the upstream, in every spelling the planted values take.
NEEDLES = (CARD, "4111-1111-1111-1111", SSN, "078 05 1120")

_HI = [{"role": "user", "content": "hi"}]


def _tool_turn(arguments: str, result: str) -> list[dict[str, Any]]:
    return [
        {"role": "user", "content": "pay"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function",
             "function": {"name": "pay", "arguments": arguments}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": result},
    ]


def _schema_tool(parameters: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"type": "function", "function": {"name": "f", "parameters": parameters}}]


#: (place, path, body): chat and completions go up as they are; Messages is translated to chat
#: (the attack upstream speaks chat only), which keeps the tool_use input.
NUMBER_PLACES: list[tuple[str, str, dict[str, Any]]] = [
    ("metadata int", "/v1/chat/completions",
     {"model": "echo", "messages": _HI, "metadata": {"card": 4111111111111111}}),
    ("unknown field float", "/v1/chat/completions",
     {"model": "echo", "messages": _HI, "x_extra": {"card": 4111111111111111.0}}),
    ("seed", "/v1/chat/completions", {"model": "echo", "messages": _HI, "seed": 4111111111111111}),
    ("tool arguments 4111111111111111e0", "/v1/chat/completions",
     {"model": "echo", "messages": _tool_turn('{"card": 4111111111111111e0}', "ok")}),
    ("tool result float", "/v1/chat/completions",
     {"model": "echo", "messages": _tool_turn("{}", '{"card": 4111111111111111.0}')}),
    ("completions unknown field int", "/v1/completions",
     {"model": "echo", "prompt": "hi", "x_extra": [4111111111111111]}),
    ("messages tool_use input float", "/v1/messages",
     {"model": "echo", "max_tokens": 16, "messages": [
         {"role": "user", "content": "pay"},
         {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "pay",
                                            "input": {"card": 4111111111111111.0}}]},
         {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                                       "content": "ok"}]}]}),
]

TOKEN_PLACES: list[tuple[str, dict[str, Any]]] = [
    ("role", {"messages": [{"role": "u078-05-1120", "content": "hi"}]}),
    ("model", {"model": "ft:gpt-4o:acme:4111-1111-1111-1111"}),
    ("reasoning_effort", {"reasoning_effort": "x4111-1111-1111-1111"}),
    ("modalities", {"modalities": ["text", "ssn-078-05-1120"]}),
    ("service_tier", {"service_tier": "t078-05-1120"}),
    ("audio.voice", {"audio": {"voice": "v078-05-1120", "format": "wav"}}),
    ("content part type", {"messages": [{"role": "user", "content": [
        {"type": "p078-05-1120"}, {"type": "text", "text": "hi"}]}]}),
    ("schema format", {"tools": _schema_tool({"type": "object", "properties": {
        "a": {"type": "string", "format": "s078-05-1120"}}})}),
    ("schema property name", {"tools": _schema_tool({"type": "object", "properties": {
        "c4111111111111111": {"type": "string"}}, "required": ["c4111111111111111"]})}),
    ("schema $ref", {"tools": _schema_tool({"type": "object", "properties": {
        "a": {"$ref": "#/$defs/4111111111111111"}}})}),
    ("schema $schema path", {"tools": _schema_tool({
        "$schema": "https://schemas.example.com/078-05-1120/s", "type": "object"})}),
    ("schema $id path", {"tools": _schema_tool({
        "$id": "https://schemas.example.com/078-05-1120/s", "type": "object"})}),
]


def _leaked(sent: str) -> list[str]:
    return [n for n in NEEDLES if n in sent]


@pytest.mark.slow
@pytest.mark.parametrize(("place", "path", "body"), NUMBER_PLACES,
                         ids=[p[0] for p in NUMBER_PLACES])
def test_numbers_that_are_values_never_reach_upstream(
    tenant_gateway: Proc, attack_upstream: Upstream, place: str, path: str, body: dict[str, Any]
) -> None:
    plant(CARD)
    n = len(attack_upstream.bodies())
    with raw(tenant_gateway) as http:
        resp = http.post(path, json=body)
    assert resp.status_code == 200, (resp.status_code, resp.text[:300])
    assert not _leaked(sent_since(attack_upstream, n)), f"the number in {place} reached upstream"


@pytest.mark.slow
def test_a_seed_that_is_a_value_goes_up_as_a_stable_number(
    tenant_gateway: Proc, attack_upstream: Upstream
) -> None:
    """A seed must stay a number: a keyed stand-in, the same for the same seed (reproducible),
    for a card's number and for any seed of eight digits or more (the shape of a phone number,
    which the detector does not read alone), while a shorter seed passes as it is."""
    seeds = []
    for seed in (4111111111111111, 4111111111111111, 1234567, 5558675309, 5558675309):
        n = len(attack_upstream.bodies())
        with raw(tenant_gateway) as http:
            resp = http.post("/v1/chat/completions",
                             json={"model": "echo", "messages": _HI, "seed": seed})
        assert resp.status_code == 200
        seeds.append(attack_upstream.bodies()[n]["seed"])
    assert isinstance(seeds[0], int) and seeds[0] != 4111111111111111
    assert seeds[0] == seeds[1]
    assert seeds[2] == 1234567
    assert isinstance(seeds[3], int) and seeds[3] != 5558675309 and seeds[3] == seeds[4]


@pytest.mark.slow
@pytest.mark.parametrize(("place", "extra"), TOKEN_PLACES, ids=[p[0] for p in TOKEN_PLACES])
def test_numbers_inside_protocol_tokens_never_reach_upstream(
    tenant_gateway: Proc, attack_upstream: Upstream, place: str, extra: dict[str, Any]
) -> None:
    plant(CARD, SSN)
    n = len(attack_upstream.bodies())
    with raw(tenant_gateway) as http:
        http.post("/v1/chat/completions", json={"model": "echo", "messages": _HI, **extra})
    assert not _leaked(sent_since(attack_upstream, n)), f"the number in {place} reached upstream"


MODEL_NAMES = ["claude-opus-4-1-20250805", "claude-sonnet-4-20250514", "gpt-4o-2024-08-06",
               "ft:gpt-4o-mini-2024-07-18:org::9abcDEF1", "meta-llama/Llama-3.1-8B-Instruct"]


@pytest.mark.slow
def test_real_model_names_and_schema_uris_pass_unchanged(
    tenant_gateway: Proc, attack_upstream: Upstream
) -> None:
    meta = "https://json-schema.org/draft/2020-12/schema"
    for model in MODEL_NAMES:
        n = len(attack_upstream.bodies())
        with raw(tenant_gateway) as http:
            resp = http.post("/v1/chat/completions", json={
                "model": model, "messages": _HI,
                "tools": _schema_tool({"$schema": meta, "type": "object"})})
        assert resp.status_code == 200, resp.text[:300]
        sent = attack_upstream.bodies()[n]
        assert sent["model"] == model
        assert sent["tools"][0]["function"]["parameters"]["$schema"] == meta


@pytest.mark.slow
@pytest.mark.parametrize("route", ["/v1/responses/{}", "/v1/responses/{}/input_items",
                                   "/v1/files/{}", "/v1/files/{}/content", "/v1/batches/{}"])
def test_ids_in_paths_stay_out_of_the_log_and_audit(tenant_gateway: Proc, route: str) -> None:
    value = f"path.id.{route.count('/')}.{len(route)}@plant-example.com"
    plant(value)
    with raw(tenant_gateway) as http:
        resp = http.get(route.format(value))
    assert_openai_error(resp, 404)
    assert value not in resp.text
    assert value not in tenant_gateway.log_text()
    home = Path(tenant_gateway.log).parent / "home"
    for f in home.glob("audit.sqlite3*"):  # the SQLite audit log (a Redis one is not read)
        assert value.encode() not in f.read_bytes(), f"the path id reached {f.name}"


@pytest.mark.slow
def test_a_batch_line_that_is_not_a_chat_request_is_named_not_a_500(
    tenant_gateway: Proc, attack_upstream: Upstream
) -> None:
    value = "batch.line@plant-example.com"
    plant(value)
    line = {"custom_id": "a", "method": "POST", "url": "/v1/chat/completions",
            "body": {"model": "echo", "messages": [{"role": 5, "content": value}]}}
    n = len(attack_upstream.bodies())
    with raw(tenant_gateway) as http:
        resp = http.post("/v1/files", files={"file": ("b.jsonl", json.dumps(line).encode())},
                         data={"purpose": "batch"})
    err = assert_openai_error(resp, 400)
    assert "line 1" in err["message"] and value not in resp.text
    assert len(attack_upstream.bodies()) == n


# --- places only a native upstream gets (the translation drops them): walked in process ----------


@pytest.fixture(scope="module")
def core() -> Iterator[Veil]:
    """Pattern recognizers only (cards, SSNs): these places are about the walker."""
    with tempfile.TemporaryDirectory() as home:
        v = Veil(Settings(home=Path(home), master_key=base64.b64encode(os.urandom(32)).decode(),
                          vault_backend="sqlite"))
        v.set_policy("t", Policy(ner=False))
        yield v


NATIVE_PLACES: list[tuple[str, str, dict[str, Any]]] = [
    ("responses include", "responses", {"model": "m", "input": "hi",
                                        "include": ["x078-05-1120"]}),
    ("responses item status", "responses", {"model": "m", "input": [
        {"type": "message", "role": "user", "status": "s078-05-1120", "content": "x"}]}),
    ("responses metadata int", "responses", {"model": "m", "input": "hi",
                                             "metadata": {"c": 4111111111111111}}),
    ("responses output_text logprobs", "responses", {"model": "m", "input": [
        {"role": "assistant", "content": [{"type": "output_text", "text": "ok",
                                           "logprobs": [{"token": "a",
                                                         "logprob": 4111111111111111}]}]}]}),
    ("responses function_call_output float", "responses", {"model": "m", "input": [
        {"type": "function_call", "call_id": "c1", "name": "f", "arguments": "{}"},
        {"type": "function_call_output", "call_id": "c1", "output": '{"c": 4111111111111111.0}'},
    ]}),
    ("messages thinking.type", "messages", {"model": "m", "max_tokens": 5, "messages": _HI,
                                            "thinking": {"type": "e078-05-1120",
                                                         "budget_tokens": 1024}}),
    ("messages cache_control.ttl", "messages", {"model": "m", "max_tokens": 5, "messages": [
        {"role": "user", "content": [{"type": "text", "text": "hi", "cache_control": {
            "type": "ephemeral", "ttl": "t078-05-1120"}}]}]}),
    ("messages citations number", "messages", {"model": "m", "max_tokens": 5, "messages": [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": [{"type": "text", "text": "ok", "citations": [
            {"type": "char_location", "cited_text": "x", "document_index": 0,
             "start_char_index": 4111111111111111, "end_char_index": 5}]}]},
        {"role": "user", "content": "go"}]}),
]


@pytest.mark.parametrize(("place", "endpoint", "body"), NATIVE_PLACES,
                         ids=[p[0] for p in NATIVE_PLACES])
def test_native_only_places_are_scanned(
    core: Veil, place: str, endpoint: str, body: dict[str, Any]
) -> None:
    from veil.gateway import fields_messages, fields_responses  # noqa: F401 - register rules

    sent = Conversation(core, "t", "s").protect_request(endpoint, body)
    assert not _leaked(json.dumps(sent)), f"the number in {place} would reach the upstream"


def test_ordinary_numbers_and_tokens_are_untouched(core: Veil) -> None:
    body = {"model": "claude-opus-4-1-20250805", "max_tokens": 20000, "messages": [
        {"role": "user", "content": [{"type": "text", "text": "hi",
                                      "cache_control": {"type": "ephemeral", "ttl": "1h"}}]}],
        "thinking": {"type": "enabled", "budget_tokens": 16000}, "temperature": 0.5}
    from veil.gateway import fields_messages  # noqa: F401 - registers the rules

    assert Conversation(core, "t", "s").protect_request("messages", body) == body
    chat = {"model": "gpt-4o-2024-08-06", "messages": _HI, "seed": 1700000,
            "metadata": {"n": 123456, "ts": 1700000000.0, "p": 3.14159265}}
    assert Conversation(core, "t", "s").protect_request("chat.completions", chat) == chat


def test_audit_and_log_route_label_names_no_id() -> None:
    """The label the router logs is the route's template."""
    app = FastAPI()

    @app.get("/v1/responses/{response_id}")
    async def r(request: Request, response_id: str) -> dict[str, str]:
        return {"label": gateway_router.route_path(request)}

    got = TestClient(app).get("/v1/responses/jane.doe@example.com").json()
    assert got == {"label": "/v1/responses/:response_id"}

