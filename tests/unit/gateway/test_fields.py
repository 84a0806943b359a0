"""The default-deny request walker (gateway/fields.py), end to end through the gateway.

Every test plants a value the fake core detects (an e-mail address or a listed name) in one field
and checks the body that reached the recording fake upstream: the value must be gone, allow-listed
protocol tokens must arrive unchanged, and content Veil cannot scan must be refused.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from veil.config import Policy
from veil.errors import MaskingError, UnscannableContentError
from veil.gateway.fields import (
    ENDPOINTS,
    WalkContext,
    allowed_fields,
    mask_url,
    user_pseudonym,
    walk,
    walked_fields,
)
from veil.gateway.privacy import Conversation

from .conftest import ScriptedUpstream, make_client
from .fakes import FakeVeil


class PolicyVeil(FakeVeil):
    """The fake core with a tenant policy that allows some unscannable content."""

    def __init__(self, allow: list[str]) -> None:
        super().__init__()
        self.allow = allow

    def policy(self, tenant: str) -> Policy:
        return Policy.model_validate({"allow_unscannable": self.allow})


def chat(**extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}
    body.update(extra)
    return body


def leaked(upstream: ScriptedUpstream, *values: str) -> list[str]:
    """The planted values that reached the upstream, in any JSON spelling."""
    raw = upstream.sent_text()
    plain = json.dumps(upstream.bodies, ensure_ascii=False)
    return [v for v in values if v in raw or v in plain or json.dumps(v)[1:-1] in raw]


async def post_chat(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/v1/chat/completions", json=body)


def _schema(secret: str) -> dict[str, Any]:
    """A JSON schema with ``secret`` in every free-text keyword, nested in every structure."""
    return {
        "type": "object",
        "title": f"Title {secret}",
        "description": f"Describe {secret}",
        "properties": {
            "who": {
                "type": "string",
                "description": f"who: {secret}",
                "enum": [secret, "other"],
                "default": secret,
                "examples": [secret],
                "const": secret,
            },
            "list": {"type": "array", "items": {"type": "string", "description": secret}},
            "choice": {"anyOf": [{"type": "string", "pattern": secret}, {"$ref": "#/$defs/D"}]},
        },
        "required": ["who"],
        "additionalProperties": False,
        "$defs": {"D": {"type": "object", "$comment": secret, "x-note": secret}},
    }


# --- one case per field --------------------------------------------------------------------------

FIELD_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "user": ("ann.user@example.com", chat(user="ann.user@example.com")),
    "safety_identifier": ("ann.sid@example.com", chat(safety_identifier="ann.sid@example.com")),
    "metadata value": ("ann.meta@example.com", chat(metadata={"owner": "ann.meta@example.com"})),
    "metadata key": ("ann.key@example.com", chat(metadata={"ann.key@example.com": "x"})),
    "tool description": (
        "Ada Lovelace",
        chat(
            tools=[
                {
                    "type": "function",
                    "function": {
                        "name": "notify",
                        "description": "Notify Ada Lovelace",
                        "parameters": {"type": "object", "properties": {}},
                    },
                }
            ]
        ),
    ),
    "tool parameters schema": (
        "ann.schema@example.com",
        chat(
            tools=[
                {
                    "type": "function",
                    "function": {"name": "f", "parameters": _schema("ann.schema@example.com")},
                }
            ]
        ),
    ),
    "legacy functions": (
        "ann.fn@example.com",
        chat(functions=[{"name": "f", "description": "mail ann.fn@example.com"}]),
    ),
    "response_format schema": (
        "ann.rf@example.com",
        chat(
            response_format={
                "type": "json_schema",
                "json_schema": {
                    "name": "out",
                    "description": "for ann.rf@example.com",
                    "schema": _schema("ann.rf@example.com"),
                    "strict": True,
                },
            }
        ),
    ),
    "prediction string": (
        "ann.pred@example.com",
        chat(prediction={"type": "content", "content": "Dear ann.pred@example.com"}),
    ),
    "prediction parts": (
        "ann.pp@example.com",
        chat(
            prediction={
                "type": "content",
                "content": [{"type": "text", "text": "Dear ann.pp@example.com"}],
            }
        ),
    ),
    "stop string": ("ann.stop@example.com", chat(stop="ann.stop@example.com")),
    "stop list": ("John Smith", chat(stop=["\n", "John Smith"])),
    "message name": (
        "Jane Doe",
        chat(messages=[{"role": "user", "name": "Jane Doe", "content": "hi"}]),
    ),
    "assistant refusal": (
        "ann.ref@example.com",
        chat(
            messages=[
                {"role": "user", "content": "hi"},
                {"role": "assistant", "content": None, "refusal": "not for ann.ref@example.com"},
                {"role": "user", "content": "ok"},
            ]
        ),
    ),
    "extra key in a content part": (
        "ann.part@example.com",
        chat(
            messages=[
                {
                    "role": "user",
                    "content": [{"type": "text", "text": "hi", "note": "ann.part@example.com"}],
                }
            ]
        ),
    ),
    "unknown content part": (
        "ann.unknown@example.com",
        chat(
            messages=[
                {
                    "role": "user",
                    "content": [{"type": "thought", "body": {"x": "ann.unknown@example.com"}}],
                }
            ]
        ),
    ),
    "unknown top-level string": ("ann.top@example.com", chat(x_tag="ann.top@example.com")),
    "unknown top-level object": (
        "ann.nested@example.com",
        chat(x_ext={"a": [{"b": {"c": "ann.nested@example.com"}}], "n": 3}),
    ),
    "unknown message field": (
        "ann.msg@example.com",
        chat(messages=[{"role": "user", "content": "hi", "x_note": "ann.msg@example.com"}]),
    ),
    "tool-call arguments with an escaped value": (
        "Jane Doe",
        chat(
            messages=[
                {"role": "user", "content": "hi"},
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {
                            "id": "call_1",
                            "type": "function",
                            # "Jane\u0020Doe": a text scan of the raw string cannot see the name
                            "function": {"name": "f", "arguments": '{"who": "Jane\\u0020Doe"}'},
                        }
                    ],
                },
                {"role": "tool", "tool_call_id": "call_1", "content": "done"},
            ]
        ),
    ),
    "tool result JSON with an escaped value": (
        "ann.res@example.com",
        chat(
            messages=[
                {"role": "user", "content": "hi"},
                {
                    "role": "tool",
                    "tool_call_id": "call_1",
                    "content": '{"rows": [{"mail": "ann.res\\u0040example.com"}]}',
                },
            ]
        ),
    ),
    "tool result as text parts": (
        "ann.parts@example.com",
        chat(
            messages=[
                {"role": "user", "content": "hi"},
                {
                    "role": "tool",
                    "tool_call_id": "call_1",
                    "content": [{"type": "text", "text": '["ann.parts\\u0040example.com"]'}],
                },
            ]
        ),
    ),
    "web_search user location": (
        "ann.loc@example.com",
        chat(
            web_search_options={
                "user_location": {
                    "type": "approximate",
                    "approximate": {"city": "ann.loc@example.com"},
                }
            }
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(FIELD_CASES))
async def test_planted_value_never_reaches_the_upstream(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, case: str
) -> None:
    secret, body = FIELD_CASES[case]
    r = await post_chat(client, body)
    assert r.status_code == 200, r.text
    assert len(upstream.bodies) == 1
    assert leaked(upstream, secret) == []


async def test_user_goes_up_as_a_keyed_pseudonym_stored_on_the_conversation() -> None:
    core = FakeVeil()
    key = b"k" * 32
    conv = Conversation(core, "acme", "s1", principal="key-1", pseudonym_key=key)
    sent = conv.protect_chat(chat(user="ann.user@example.com", prompt_cache_key="bucket-1"))
    assert sent["user"] == user_pseudonym(key, "acme", "ann.user@example.com")
    assert sent["user"].startswith("u-") and conv.user == sent["user"]
    assert conv.budget_user == f"key-1/{sent['user']}"
    assert sent["prompt_cache_key"] == user_pseudonym(key, "acme", "bucket-1")
    # stable per key and tenant; unlinkable across tenants and keys
    again = Conversation(core, "acme", "s2", pseudonym_key=key).protect_chat(
        chat(user="ann.user@example.com")
    )
    assert again["user"] == sent["user"]
    other_tenant = Conversation(core, "globex", "s1", pseudonym_key=key)
    assert other_tenant.protect_chat(chat(user="ann.user@example.com"))["user"] != sent["user"]
    other_key = Conversation(core, "acme", "s1", pseudonym_key=b"q" * 32)
    assert other_key.protect_chat(chat(user="ann.user@example.com"))["user"] != sent["user"]
    # no user: nothing to charge but the principal
    anon = Conversation(core, "acme", "s3")
    anon.protect_chat(chat())
    assert anon.user is None and anon.budget_user == "anonymous/-"


async def test_tool_call_arguments_nested_five_levels_deep(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    deep = {"l1": {"l2": [{"l3": {"l4": {"l5": "ann.deep@example.com", "n": 7, "ok": True}}}]}}
    body = chat(
        messages=[
            {"role": "user", "content": "hi"},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_x",
                        "type": "function",
                        "function": {"name": "store", "arguments": json.dumps(deep)},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "call_x", "content": json.dumps(deep)},
        ]
    )
    r = await post_chat(client, body)
    assert r.status_code == 200, r.text
    assert leaked(upstream, "ann.deep@example.com") == []
    msgs = upstream.bodies[0]["messages"]
    for sent in (msgs[1]["tool_calls"][0]["function"]["arguments"], msgs[2]["content"]):
        got = json.loads(sent)  # still valid JSON, structure and keys kept
        leaf = got["l1"]["l2"][0]["l3"]["l4"]
        assert leaf == {"l5": "[EMAIL_1]", "n": 7, "ok": True}


def test_long_integers_in_tool_data_are_scanned_and_json_without_findings_is_untouched() -> None:
    class DigitsVeil(FakeVeil):
        def protect(self, text: str, **kw: Any) -> Any:  # also "detects" a 9-digit number
            r = super().protect(text, **kw)
            r.masked = r.masked.replace("123456789", "[US_SSN_1]")
            return r

    conv = Conversation(DigitsVeil(), "t", "s")
    raw = '{ "ssn" : 123456789, "small": 42 }'
    body = chat(
        messages=[
            {"role": "user", "content": "hi"},
            {"role": "tool", "tool_call_id": "c1", "content": raw},
            {"role": "tool", "tool_call_id": "c2", "content": '{ "fine" : 1 }'},
        ]
    )
    sent = conv.protect_chat(body)
    assert json.loads(sent["messages"][1]["content"]) == {"ssn": "[US_SSN_1]", "small": 42}
    assert sent["messages"][2]["content"] == '{ "fine" : 1 }'  # caller's formatting kept


# --- the allow-list ------------------------------------------------------------------------------


def _protocol_body() -> dict[str, Any]:
    return {
        "model": "meta-llama/Llama-3.1-8B-Instruct",
        "messages": [
            {"role": "system", "content": "be brief"},
            {"role": "user", "content": [{"type": "text", "text": "hi"}]},
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_abc123",
                        "type": "function",
                        "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "call_abc123", "content": "sunny"},
        ],
        "tools": [
            {
                "type": "function",
                "function": {
                    "name": "get_weather",
                    "parameters": {
                        "type": "object",
                        "properties": {
                            "city": {"type": "string", "format": "date-time"},
                            "unit": {"type": ["string", "null"]},
                            "loc": {"$ref": "#/$defs/Loc"},
                        },
                        "required": ["city", "unit"],
                        "$defs": {"Loc": {"type": "object"}},
                    },
                    "strict": True,
                },
            }
        ],
        "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
        "response_format": {"type": "json_object"},
        "reasoning_effort": "low",
        "service_tier": "default",
        "modalities": ["text"],
        "temperature": 0.2,
        "max_completion_tokens": 64,
        "seed": 1234567,  # (eight digits or more go up as a pseudonym: test_attack_s75)
        "logit_bias": {"50256": -100},
        "parallel_tool_calls": False,
        "stream_options": {"include_usage": True},
    }


async def test_allow_listed_protocol_tokens_pass_unchanged(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    body = _protocol_body()
    r = await post_chat(client, body)
    assert r.status_code == 200, r.text
    assert upstream.bodies[0] == body


async def test_tool_choice_string_passes(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    r = await post_chat(client, chat(tool_choice="required"))
    assert r.status_code == 200
    assert upstream.bodies[0]["tool_choice"] == "required"


SMUGGLED: dict[str, tuple[str, Any]] = {
    "role": ("Jane Doe", lambda b, s: b["messages"][0].update(role=s)),
    "tool_call_id": ("ann.id@example.com", lambda b, s: b["messages"][3].update(tool_call_id=s)),
    "tool_calls id": (
        "ann.cid@example.com",
        lambda b, s: b["messages"][2]["tool_calls"][0].update(id=s),
    ),
    "function name": (
        "John Smith",
        lambda b, s: b["tools"][0]["function"].update(name=s),
    ),
    "tool_choice": ("Ada Lovelace", lambda b, s: b.update(tool_choice=f"auto {s}")),
    "response_format type": (
        "ann.rft@example.com",
        lambda b, s: b["response_format"].update(type=s),
    ),
    "reasoning_effort": ("ann.re@example.com", lambda b, s: b.update(reasoning_effort=s)),
    "service_tier": ("Jane Doe", lambda b, s: b.update(service_tier=s)),
    "modalities": ("ann.mod@example.com", lambda b, s: b.update(modalities=["text", s])),
    "schema type": (
        "ann.type@example.com",
        lambda b, s: b["tools"][0]["function"]["parameters"]["properties"]["city"].update(type=s),
    ),
    "schema $ref": (
        "ann.ref@example.com",
        lambda b, s: b["tools"][0]["function"]["parameters"]["properties"]["loc"].update(
            {"$ref": f"#/$defs/{s}"}
        ),
    ),
    "logit_bias key": ("ann.lb@example.com", lambda b, s: b.update(logit_bias={s: 1})),
}


@pytest.mark.parametrize("case", sorted(SMUGGLED))
async def test_text_smuggled_through_an_allow_listed_field_is_masked(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, case: str
) -> None:
    secret, plant = SMUGGLED[case]
    body = _protocol_body()
    plant(body, secret)
    r = await post_chat(client, body)
    assert r.status_code == 200, r.text
    assert leaked(upstream, secret) == []


async def test_non_identifier_property_names_are_masked_consistently(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    params = {
        "type": "object",
        "properties": {"ann.prop@example.com": {"type": "string"}, "city": {"type": "string"}},
        "required": ["ann.prop@example.com", "city"],
    }
    tools = [{"type": "function", "function": {"name": "f", "parameters": params}}]
    r = await post_chat(client, chat(tools=tools))
    assert r.status_code == 200, r.text
    assert leaked(upstream, "ann.prop@example.com") == []
    sent = upstream.bodies[0]["tools"][0]["function"]["parameters"]
    assert list(sent["properties"]) == ["[EMAIL_1]", "city"]
    assert sent["required"] == ["[EMAIL_1]", "city"]  # still names the same property


def test_numbers_look_alike_tokens_are_masked() -> None:
    """An allow-listed place whose value has no letter (an SSN, a phone number) is not a token."""
    seen: list[str] = []

    def protect(s: str) -> str:
        seen.append(s)
        return s

    ctx = WalkContext(protect=protect, pseudonym=lambda s: s)
    body: dict[str, Any] = {
        "model": "m1",
        "messages": [{"role": "user", "content": "x", "name": "n"}],
    }
    body["messages"][0]["tool_call_id"] = "123-45-6789"
    walk("chat.completions", body, ctx)
    # a base model's id and a well-known role are not read (a fine-tune's id is: its owner
    # named it)
    assert "123-45-6789" in seen and "m1" not in seen and "user" not in seen
    seen.clear()
    walk("chat.completions", {**body, "model": "ft:gpt-4o:acme:falcon"}, ctx)
    assert "ft gpt-4o acme falcon" in seen, seen  # read as words


def test_ids_embedding_long_numbers_are_scanned() -> None:
    """A made-up id may carry a card or SSN (``call_4111111111111111``): scanned, with its
    separators read as spaces; dates and ordinary ids pass as they are, unscanned."""
    seen: list[str] = []

    def protect(s: str) -> str:
        seen.append(s)
        return s.replace("4111111111111111", "[CREDIT_CARD_1]")

    ctx = WalkContext(protect=protect, pseudonym=lambda s: s)
    calls = [{"id": cid, "type": "function", "function": {"name": "f", "arguments": "{}"}}
             for cid in ("call_4111111111111111", "call_2024-08-06", "call_abc123",
                         "call_123456789")]
    body: dict[str, Any] = {
        "model": "gpt-4o-2024-08-06",
        "messages": [{"role": "assistant", "content": None, "tool_calls": calls}],
    }
    out = walk("chat.completions", body, ctx)
    ids = [c["id"] for c in out["messages"][0]["tool_calls"]]
    # masked ids stay ids: the placeholder without its brackets
    assert ids == ["call_CREDIT_CARD_1", "call_2024-08-06", "call_abc123", "call_123456789"]
    # every id is read split at its separators (a name glued into one is found); one with a
    # long digit run is also read every other way, also after a reading found a value
    # (another reading may find what it left)
    scanned_ids = [x for x in seen if x.lower().startswith("call")]
    assert scanned_ids == [
        "call_4111111111111111", "call 4111111111111111", "call_2024-08-06", "call abc123",
        "call_123456789", "call 123456789"]
    assert out["model"] == "gpt-4o-2024-08-06"


async def test_colliding_masked_keys_refuse_the_request(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    # both keys mask to "[EMAIL_1]": one value would be lost, so nothing is forwarded
    r = await post_chat(client, chat(metadata={"ann@example.com": "a", "[EMAIL_1]": "b"}))
    assert r.status_code == 503 and r.json()["error"]["code"] == MaskingError.code
    assert upstream.bodies == []


# --- unscannable content -------------------------------------------------------------------------

IMAGE_DATA = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
AUDIO = "UklGRiQAAABXQVZFZm10IBAAAAABAAEA"
UNSCANNABLE: dict[str, tuple[str, dict[str, Any]]] = {
    "image": (
        "image_url",
        {"type": "image_url", "image_url": {"url": "https://img.example/ann.img@example.com.png"}},
    ),
    "audio": (
        "input_audio",
        {"type": "input_audio", "input_audio": {"data": AUDIO, "format": "wav"}},
    ),
    "file": (
        "file",
        {
            "type": "file",
            "file": {"filename": "ann.file@example.com report.pdf", "file_data": AUDIO},
        },
    ),
}


def _with_part(part: dict[str, Any]) -> dict[str, Any]:
    return chat(messages=[{"role": "user", "content": [{"type": "text", "text": "look"}, part]}])


@pytest.mark.parametrize("kind", sorted(UNSCANNABLE))
async def test_unscannable_parts_are_refused_by_default(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, kind: str
) -> None:
    part_type, part = UNSCANNABLE[kind]
    r = await post_chat(client, _with_part(part))
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["type"] == "invalid_request_error"
    assert err["code"] == UnscannableContentError.code == "unscannable_content"
    msg = err["message"]
    assert "messages[0].content[1]" in msg and part_type in msg
    assert f"allow_unscannable: [{kind}]" in msg
    assert "example.com" not in msg and AUDIO not in msg  # never echoes the content
    assert upstream.bodies == []


@pytest.mark.parametrize("kind", sorted(UNSCANNABLE))
async def test_unscannable_parts_pass_where_the_policy_allows_them(
    upstream: ScriptedUpstream, kind: str
) -> None:
    _, part = UNSCANNABLE[kind]
    client, _ = make_client(PolicyVeil([kind]), upstream)
    async with client:
        r = await post_chat(client, _with_part(part))
        other = "image" if kind != "image" else "audio"
        refused = await post_chat(client, _with_part(UNSCANNABLE[other][1]))
    assert r.status_code == 200, r.text
    assert refused.status_code == 400  # only the kind the policy names
    sent = upstream.bodies[0]["messages"][0]["content"][1]
    assert sent["type"] == part["type"]
    assert leaked(upstream, "ann.img@example.com", "ann.file@example.com") == []
    if kind == "audio":
        assert sent == part  # base64 payload and format unchanged
    if kind == "file":
        assert sent["file"]["file_data"] == AUDIO
        assert sent["file"]["filename"] == "[EMAIL_1] report.pdf"


async def test_allowed_images_data_urls_pass_and_http_urls_keep_their_host(
    upstream: ScriptedUpstream,
) -> None:
    url = "https://img.example:8443/u/Jane%20Doe/a.png?who=ann.q%40example.com&size=2#Ada+Lovelace"
    parts = [
        {"type": "image_url", "image_url": {"url": IMAGE_DATA, "detail": "low"}},
        {"type": "image_url", "image_url": {"url": url}},
        {"type": "image_url", "image_url": {"url": "data:text/plain,ann.txt@example.com"}},
    ]
    client, _ = make_client(PolicyVeil(["image"]), upstream)
    async with client:
        r = await post_chat(client, chat(messages=[{"role": "user", "content": parts}]))
    assert r.status_code == 200, r.text
    sent = [p["image_url"]["url"] for p in upstream.bodies[0]["messages"][0]["content"]]
    assert sent[0] == IMAGE_DATA
    # scheme, host and port kept; each path segment, query value and the fragment masked
    assert sent[1] == (
        "https://img.example:8443/u/%5BPERSON_1%5D/a.png?who=%5BEMAIL_1%5D&size=2#%5BPERSON_2%5D"
    )
    assert leaked(upstream, "Jane Doe", "Jane%20Doe", "ann.q", "Ada", "ann.txt@example.com") == []


def test_mask_url_leaves_clean_urls_byte_for_byte() -> None:
    ctx = WalkContext(protect=lambda s: s, pseudonym=str)
    url = "https://cdn.example/a%2Fb/c.png?x=1&y=a+b&flag#top"
    assert mask_url(url, ctx) == url


async def test_token_id_prompts_are_refused_unless_allowed() -> None:
    body = {"model": "m", "prompt": [[1, 2, 3], "Jane Doe"]}
    conv = Conversation(FakeVeil(), "t", "s")
    with pytest.raises(UnscannableContentError, match=r"prompt\[0\] is a token-id prompt"):
        conv.protect_completion(copy.deepcopy(body))
    allowed = Conversation(PolicyVeil(["token_ids"]), "t", "s").protect_completion(body)
    assert allowed["prompt"] == [[1, 2, 3], "[PERSON_1]"]


# --- legacy completions --------------------------------------------------------------------------


async def test_completions_walk_prompt_suffix_stop_user_and_unknown_fields(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    upstream.reply = lambda body: httpx.Response(
        200,
        json={
            "id": "cmpl-1",
            "object": "text_completion",
            "created": 1,
            "model": "m",
            "choices": [{"index": 0, "text": "ok", "finish_reason": "stop"}],
        },
    )
    secrets = [f"ann.c{i}@example.com" for i in range(6)]
    body = {
        "model": "gpt-3.5-turbo-instruct",
        "prompt": [f"Write to {secrets[0]}", f"and {secrets[1]}"],
        "suffix": f"Regards, {secrets[2]}",
        "stop": [secrets[3]],
        "user": secrets[4],
        "x_extra": {"deep": [secrets[5]]},
        "max_tokens": 5,
        "echo": False,
    }
    r = await client.post("/v1/completions", json=body)
    assert r.status_code == 200, r.text
    assert leaked(upstream, *secrets) == []
    sent = upstream.bodies[0]
    assert sent["model"] == "gpt-3.5-turbo-instruct" and sent["max_tokens"] == 5
    assert sent["echo"] is False and sent["user"].startswith("u-")
    single = dict(body, prompt=f"To {secrets[0]}")
    r = await client.post("/v1/completions", json=single)
    assert r.status_code == 200 and leaked(upstream, secrets[0]) == []


# --- the exported field table --------------------------------------------------------------------


def test_field_tables_list_the_allow_list_per_endpoint() -> None:
    assert {"chat.completions", "completions"} <= set(ENDPOINTS)
    chat_allowed = allowed_fields("chat.completions")
    for path in (
        "model",
        "messages[].role",
        "messages[].tool_call_id",
        "messages[].tool_calls[].id",
        "messages[].tool_calls[].function.name",
        "tools[].function.name",
        "response_format.type",
        "reasoning_effort",
        "service_tier",
        "modalities[]",
        "tool_choice (string)",
        "tools[].function.parameters.**.required[]",
    ):
        assert path in chat_allowed, path
    table = dict((e.path, e.treatment) for e in walked_fields("chat.completions"))
    assert table["user"] == "pseudonym"
    assert table["messages[].content (string)"] == "masked"
    assert table["messages[]<role=tool>.content (string)"] == "json-leaves"
    assert table["tools[].function.parameters"] == "json-schema"
    assert "allow_unscannable" in table["messages[].content[]<type=image_url>"]
    assert not any(p.startswith("messages[].content") for p in chat_allowed if "type" not in p)
    assert "prompt (string)" not in allowed_fields("completions")
    with pytest.raises(KeyError):
        walked_fields("no-such-endpoint")


# --- property: planted values never get through --------------------------------------------------

PLANTED = ("plant.one@example.com", "Jane Doe", "x.y+z@corp.example", "Ada Lovelace")
_WORDS = st.text(alphabet="abcdefgh _-:./#$0123", max_size=8)
_PLANTED_TEXT = st.builds(
    lambda pre, v, post: f"{pre} {v} {post}", _WORDS, st.sampled_from(PLANTED), _WORDS
)
_STRINGS = st.one_of(_WORDS, _PLANTED_TEXT, st.sampled_from(PLANTED))
_JSON = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False), _STRINGS
    ),
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(_STRINGS, kids, max_size=4)),
    max_leaves=12,
)
_ROLES = st.one_of(st.sampled_from(["system", "user", "assistant", "tool", "developer"]), _STRINGS)
_PART = st.one_of(
    st.fixed_dictionaries({"type": st.just("text"), "text": _STRINGS}),
    st.dictionaries(_STRINGS, _JSON, max_size=3).map(lambda d: {"type": "text", **d}),
    st.fixed_dictionaries({"type": _STRINGS, "data": _JSON}),
)
_TOOL_CALL = st.fixed_dictionaries(
    {
        "id": _STRINGS,
        "type": st.just("function"),
        "function": st.fixed_dictionaries(
            {"name": _STRINGS, "arguments": st.one_of(_STRINGS, _JSON.map(json.dumps))}
        ),
    }
)
_MESSAGE = st.fixed_dictionaries(
    {
        "role": _ROLES,
        "content": st.one_of(
            st.none(), _STRINGS, _JSON.map(json.dumps), st.lists(_PART, max_size=3)
        ),
    },
    optional={
        "name": _STRINGS,
        "refusal": _STRINGS,
        "tool_call_id": _STRINGS,
        "tool_calls": st.lists(_TOOL_CALL, max_size=2),
        "extra": _JSON,
    },
)
_BODY = st.fixed_dictionaries(
    {"model": _STRINGS, "messages": st.lists(_MESSAGE, min_size=1, max_size=3)},
    optional={
        "user": _STRINGS,
        "metadata": st.dictionaries(_STRINGS, _STRINGS, max_size=3),
        "tools": st.lists(
            st.fixed_dictionaries(
                {
                    "type": _STRINGS,
                    "function": st.fixed_dictionaries(
                        {"name": _STRINGS, "description": _STRINGS, "parameters": _JSON}
                    ),
                }
            ),
            max_size=2,
        ),
        "response_format": st.fixed_dictionaries(
            {"type": _STRINGS, "json_schema": st.fixed_dictionaries({"schema": _JSON})}
        ),
        "tool_choice": st.one_of(_STRINGS, _JSON),
        "stop": st.one_of(_STRINGS, st.lists(_STRINGS, max_size=3)),
        "prediction": _JSON,
        "logit_bias": st.dictionaries(_STRINGS, st.integers(-100, 100), max_size=2),
        "extra_top": _JSON,
    },
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_BODY, endpoint=st.sampled_from(["chat.completions", "completions"]))
def test_planted_values_never_get_through(body: dict[str, Any], endpoint: str) -> None:
    if endpoint == "completions":
        body = {**body, "prompt": body.pop("messages")[0].get("content") or "x"}
    conv = Conversation(FakeVeil(), "t", "s")
    try:
        sent = conv.protect_request(endpoint, copy.deepcopy(body))
    except (MaskingError, UnscannableContentError):
        return  # refused: nothing is forwarded
    wire = json.dumps(sent, ensure_ascii=False) + json.dumps(sent)
    for value in PLANTED:
        assert value not in wire
        assert json.dumps(value)[1:-1] not in wire


@pytest.mark.parametrize("prompt", [[15496, 995], [[15496], [995, 11]]])
async def test_token_id_prompts_are_refused_unless_the_policy_allows_them(
    upstream: ScriptedUpstream, prompt: list[Any]
) -> None:
    body = {"model": "m", "prompt": prompt, "max_tokens": 4}
    client, _ = make_client(PolicyVeil([]), upstream)
    async with client:
        refused = await client.post("/v1/completions", json=body)
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "unscannable_content"
    assert upstream.bodies == []
    upstream.reply = lambda _: httpx.Response(
        200,
        json={"id": "cmpl-1", "object": "text_completion", "created": 0, "model": "m",
              "choices": [{"index": 0, "text": " world", "finish_reason": "length"}]},
    )
    client, _ = make_client(PolicyVeil(["token_ids"]), upstream)
    async with client:
        r = await client.post("/v1/completions", json=body)
    assert r.status_code == 200, r.text
    assert r.json()["choices"][0]["text"] == " world"
    assert upstream.bodies[0]["prompt"] == prompt


def test_a_value_one_reading_of_a_name_misses_is_masked_by_another() -> None:
    """A name's reading as words finds a term; the card glued to it is found only with its
    letters split from its digits: neither goes up."""
    def protect(s: str) -> str:
        s = re.sub(r"(?<![^\s])nightjar(?![^\s])", "[PROJECT_1]", s)
        return re.sub(r"(?<= )4111111111111111", "[CREDIT_CARD_1]", s)

    ctx = WalkContext(protect=protect, pseudonym=lambda s: s, names={})
    body: dict[str, Any] = {"model": "m", "messages": [{"role": "user", "content": "hi"}],
                            "tools": [{"type": "function", "function": {
                                "name": "get_nightjar_x4111111111111111"}}]}
    name = walk("chat.completions", body, ctx)["tools"][0]["function"]["name"]
    assert "nightjar" not in name and "4111111111111111" not in name, name
    assert name.replace("_", "").isalnum()
