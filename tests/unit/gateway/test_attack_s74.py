"""Attack paths closed in session 74, through the real gateway app (in process, the fake core,
a recording upstream):

- ``model`` went up as sent: ``"model": "Jane_Doe"`` (a name glued into an id), or prose
  around an id (``"gpt-4o for patient Jane Doe"``, masked into a model no upstream serves:
  the upstream got the request and quoted the id back). A model id cannot be masked and
  still name a model, so it now passes as sent or the request is refused (400
  ``model_not_allowed``, ``param: model``) before anything goes up, on every endpoint that
  takes one; with ``upstream.models`` configured only the listed ids pass.
- A ``data:`` URL of binary bytes (an image, a recording, a PDF) in a free-form place
  (``metadata``, an unknown field, an unknown content part such as vLLM's ``video_url``)
  went up unscanned although the tenant's policy allows no unscannable content.
- vLLM's media parts (``video_url``, ``audio_url``, ``image_embeds``) were walked as unknown
  parts: their URLs were masked as text, the media itself went up.
"""

from __future__ import annotations

import base64
import json
import logging
from typing import Any

import httpx
import openai
import pytest

from veil.config import Policy
from veil.errors import MaskingError
from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app
from veil.gateway.config import GatewayConfig
from veil.gateway.fields import WalkContext, walk
from veil.gateway.models import ModelRefusedError, ModelRule, check_model, model_readings
from veil.gateway.tenants import Tenant

from .conftest import ScriptedUpstream, make_client
from .fakes import FakeVeil

#: Ids the official SDKs, the tests, ``veil run`` and the benchmarks send: they pass as sent.
REAL_MODELS = [
    "gpt-4o-mini", "gpt-4o-2024-08-06", "claude-3-5-sonnet-20241022", "claude-opus-4-1-20250805",
    "meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Meta-Llama-3-70B-Instruct",
    "ft:gpt-4o-mini:acme::abc123", "ft:gpt-4o-mini-2024-07-18:org::9abcDEF1", "echo", "m",
    "smollm2-135m-instruct", "HuggingFaceTB/SmolLM2-135M-Instruct", "gemini/gemini-2.0-flash",
    "qwen2.5:7b-instruct-q4_K_M", "anthropic.claude-3-5-sonnet-20240620-v1:0", "o3-mini",
]
#: (label, model): a person's name glued into an id, prose around an id, an e-mail address.
BAD_MODELS = [
    ("glued name", "Jane_Doe"),
    ("camel-case name", "JaneDoe"),
    ("name after an id", "gpt-4o-Jane-Doe"),
    ("fine-tune suffix", "ft:gpt-4o:acme:John-Smith"),
    ("prose", "gpt-4o for patient Jane Doe"),
    ("e-mail", "gpt-4o-jane.doe@example.com"),
    ("line break", "gpt-4o\nJane Doe"),
    ("empty", ""),
]
LEAKS = ("Jane", "Doe", "John", "Smith", "jane.doe")
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4).decode()


def _sdk(http: httpx.AsyncClient) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url="http://veil.test/v1", api_key="k",
                              http_client=http, max_retries=0)  # type: ignore[arg-type]


def _assert_model_refused(r: httpx.Response, *, anthropic: bool = False) -> None:
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    if anthropic:
        assert err["type"] == "invalid_request_error"
    else:
        assert err["code"] == "model_not_allowed" and err["param"] == "model"
    assert not [v for v in LEAKS if v in r.text], r.text


# --- the model id ------------------------------------------------------------------------------


@pytest.mark.parametrize("model", REAL_MODELS)
async def test_real_model_ids_pass_as_sent(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, model: str
) -> None:
    r = await _sdk(client).chat.completions.create(
        model=model, messages=[{"role": "user", "content": "Write to Jane Doe"}])
    assert r.choices[0].message.content == "You said: Write to Jane Doe"
    assert upstream.bodies[-1]["model"] == model
    assert "Jane" not in upstream.sent_text()


@pytest.mark.parametrize(("label", "model"), BAD_MODELS, ids=[b[0] for b in BAD_MODELS])
async def test_a_model_id_that_carries_a_value_is_refused_before_anything_goes_up(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, label: str, model: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG), pytest.raises(openai.BadRequestError) as refused:
        await _sdk(client).chat.completions.create(
            model=model, messages=[{"role": "user", "content": "hi"}])
    assert refused.value.code == "model_not_allowed" and refused.value.param == "model"
    assert upstream.bodies == [], label
    assert not [v for v in LEAKS if v in caplog.text or v in str(refused.value)]


#: (endpoint, body with the model ``M``): every endpoint that takes a model checks it.
ENDPOINT_BODIES: list[tuple[str, dict[str, Any]]] = [
    ("/v1/completions", {"model": "M", "prompt": "hi"}),
    ("/v1/embeddings", {"model": "M", "input": "hi"}),
    ("/v1/responses", {"model": "M", "input": "hi"}),
    ("/v1/messages", {"model": "M", "max_tokens": 8,
                      "messages": [{"role": "user", "content": "hi"}]}),
    ("/v1/messages/count_tokens", {"model": "M",
                                   "messages": [{"role": "user", "content": "hi"}]}),
    ("/v1/chat/completions", {"model": "M", "stream": True,
                              "messages": [{"role": "user", "content": "hi"}]}),
]


@pytest.mark.parametrize(("path", "body"), ENDPOINT_BODIES, ids=[e[0] for e in ENDPOINT_BODIES])
@pytest.mark.parametrize("model", ["Jane_Doe", "gpt-4o for Jane Doe"])
async def test_every_endpoint_refuses_such_a_model(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, path: str, body: dict[str, Any],
    model: str,
) -> None:
    r = await client.post(path, json={**body, "model": model})
    _assert_model_refused(r, anthropic=path.startswith("/v1/messages"))
    assert upstream.bodies == []


async def test_a_model_that_is_not_a_string_is_refused(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    for model in (4111111111111111, {"name": "Jane Doe"}, ["gpt-4o", "Jane Doe"]):
        for path, body in ENDPOINT_BODIES:
            r = await client.post(path, json={**body, "model": model})
            assert r.status_code == 400, (path, r.text)
            assert not [v for v in LEAKS if v in r.text], r.text
    assert upstream.bodies == []


async def test_a_batch_line_with_such_a_model_refuses_the_upload(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    line = {"custom_id": "a", "method": "POST", "url": "/v1/chat/completions",
            "body": {"model": "Jane_Doe", "messages": [{"role": "user", "content": "hi"}]}}
    r = await client.post("/v1/files", data={"purpose": "batch"},
                          files={"file": ("b.jsonl", json.dumps(line).encode())})
    _assert_model_refused(r)
    assert upstream.bodies == []


async def test_a_refused_model_is_read_again_on_the_next_request(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    """Ids that held nothing are cached as clean; one that held a value never is."""
    body = {"model": "JaneDoe", "messages": [{"role": "user", "content": "hi"}]}
    for _ in range(2):
        _assert_model_refused(await client.post("/v1/chat/completions", json=body))
    assert upstream.bodies == []


def _state(upstream: ScriptedUpstream, models: frozenset[str] | None) -> GatewayState:
    return GatewayState(
        core=FakeVeil(),  # type: ignore[arg-type]
        upstream=OpenAIUpstream("http://upstream.test/v1", api_key="sk-upstream",
                                transport=httpx.MockTransport(upstream.handler)),
        tenants=TenantRegistry([Tenant("default")], {}),
        models=models,
    )


async def test_a_configured_list_is_the_exact_rule(upstream: ScriptedUpstream) -> None:
    """With ``upstream.models`` only the listed ids pass -- unread, however they read -- and
    ``GET /v1/models`` lists just those."""
    listed = frozenset({"gpt-4o-mini", "ft:gpt-4o:acme:john-smith"})
    upstream.reply = lambda body: (
        httpx.Response(200, json={"object": "list", "data": [
            {"id": "gpt-4o-mini", "object": "model", "created": 1, "owned_by": "openai"},
            {"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "openai"}]})
        if not body else ScriptedUpstream.echo(body))
    app = create_app(_state(upstream, listed))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://veil.test") as http:
        sdk = _sdk(http)
        for model in sorted(listed):
            r = await sdk.chat.completions.create(
                model=model, messages=[{"role": "user", "content": "hi"}])
            assert r.choices[0].message.content == "You said: hi"
            assert upstream.bodies[-1]["model"] == model
        sent = len(upstream.bodies)
        for model in ("gpt-4o", "echo", "Jane_Doe"):
            with pytest.raises(openai.BadRequestError) as refused:
                await sdk.chat.completions.create(
                    model=model, messages=[{"role": "user", "content": "hi"}])
            assert refused.value.code == "model_not_allowed"
            assert "upstream.models" in str(refused.value)
        assert len(upstream.bodies) == sent
        ids = [m.id async for m in sdk.models.list()]
    assert sorted(ids) == sorted(listed)  # gpt-4o (upstream's, not listed) is left out


def test_the_config_takes_a_model_list() -> None:
    cfg = GatewayConfig.model_validate({"upstream": {"models": ["gpt-4o-mini", "echo"]}})
    assert cfg.upstream.models == ["gpt-4o-mini", "echo"]
    assert GatewayConfig().upstream.models is None
    for bad in (["gpt-4o", ""], [" gpt-4o"], ["gpt-4o\n"]):
        with pytest.raises(ValueError, match="upstream.models"):
            GatewayConfig.model_validate({"upstream": {"models": bad}})


def test_model_readings_leave_vendors_words_out_of_the_residue() -> None:
    assert model_readings("meta-llama/Llama-3.1-8B-Instruct")[0] == ""
    assert model_readings("claude-3-5-sonnet-20241022")[0] == ""
    assert model_readings("gpt-4o-Jane-Doe")[0] == "Jane Doe"
    assert model_readings("m1") == ("", "")


def test_a_tenant_term_made_of_vendors_words_still_refuses() -> None:
    """A finding made of vendors' words only (spaCy reads ``Meta Llama Instruct`` as a person)
    is tolerated in an id's letters, a tenant term never (a project called Falcon)."""

    class Found:
        def __init__(self, type_: str, recognizer: str, text: str) -> None:
            self.type, self.recognizer, self.text = type_, recognizer, text

    def walk_model(model: str, found: list[Found]) -> Any:
        ctx = WalkContext(protect=lambda s: s, pseudonym=lambda s: s,
                          model_rule=ModelRule(find=lambda _reading: found))
        return check_model(model, ctx)

    person = Found("PERSON", "spacy_ner", "Meta Llama Instruct")
    assert walk_model("meta-llama/Meta-Llama-3-70B-Instruct", [person]) == (
        "meta-llama/Meta-Llama-3-70B-Instruct")
    with pytest.raises(ModelRefusedError):
        walk_model("tiiuae/falcon-7b", [Found("PROJECT", "policy_terms", "falcon")])
    with pytest.raises(ModelRefusedError):
        walk_model("claude-shannon", [Found("PERSON", "name_gazetteer", "claude shannon")])


def test_the_refusal_is_a_request_error_and_a_privacy_refusal() -> None:
    """400 for the client (it can fix the id), and caught wherever a masking refusal is."""
    ctx = WalkContext(protect=lambda s: s.replace("Jane Doe", "[PERSON_1]"),
                      pseudonym=lambda s: s)
    with pytest.raises(MaskingError):
        walk("chat.completions", {"model": "Jane_Doe", "messages": []}, ctx)


# --- binary data: URLs and vLLM's media parts --------------------------------------------------


class AllowingVeil(FakeVeil):
    def __init__(self, allow: list[str]) -> None:
        super().__init__()
        self.allow = allow

    def policy(self, tenant: str) -> Policy:
        return Policy.model_validate({"allow_unscannable": self.allow})


def _chat(**extra: Any) -> dict[str, Any]:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], **extra}


#: (label, body): binary media where no gate stood.
BINARY_PLACES: list[tuple[str, dict[str, Any]]] = [
    ("metadata", _chat(metadata={"scan": f"data:image/png;base64,{PNG}"})),
    ("unknown top-level field", _chat(attachment=f"data:application/pdf;base64,{PNG}")),
    ("extra key of a text part", {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": [
        {"type": "text", "text": "hi", "image_url": {"url": f"data:image/png;base64,{PNG}"}}]}]}),
    ("unknown part type", {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": [
        {"type": "input_image", "image_url": f"data:image/png;base64,{PNG}"}]}]}),
    ("vLLM video_url", {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": [
        {"type": "video_url", "video_url": {"url": "https://files.example.com/visit.mp4"}}]}]}),
    ("vLLM audio_url", {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": [
        {"type": "audio_url", "audio_url": {"url": f"data:audio/wav;base64,{PNG}"}}]}]}),
    ("vLLM image_embeds", {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": [
        {"type": "image_embeds", "image_embeds": PNG}]}]}),
]


@pytest.mark.parametrize(("label", "body"), BINARY_PLACES, ids=[b[0] for b in BINARY_PLACES])
async def test_binary_media_outside_the_gates_is_refused(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, label: str, body: dict[str, Any]
) -> None:
    r = await client.post("/v1/chat/completions", json=body)
    assert r.status_code == 400, (label, r.text)
    assert r.json()["error"]["code"] == "unscannable_content"
    assert upstream.bodies == []


async def test_binary_media_passes_where_the_policy_allows_its_kind(
    upstream: ScriptedUpstream,
) -> None:
    client, _ = make_client(AllowingVeil(["image", "file", "audio"]), upstream)
    async with client:
        for label, body in BINARY_PLACES:
            r = await client.post("/v1/chat/completions", json=body)
            assert r.status_code == 200, (label, r.text)
    assert f"data:image/png;base64,{PNG}" in json.dumps(upstream.bodies[0])


async def test_a_data_url_of_text_in_metadata_is_masked_not_refused(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    note = base64.b64encode(b"Patient: Jane Doe, jane.doe@example.com").decode()
    r = await client.post("/v1/chat/completions",
                          json=_chat(metadata={"note": f"data:text/plain;base64,{note}"}))
    assert r.status_code == 200, r.text
    sent = upstream.bodies[-1]["metadata"]["note"]
    assert sent.startswith("data:text/plain;base64,")
    text = base64.b64decode(sent.split(",", 1)[1]).decode()
    assert "Jane" not in text and "jane.doe" not in text and "[PERSON_1]" in text


# --- logit_bias keys -------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["5558675309", "078051120", "-41111111"])
async def test_a_logit_bias_key_longer_than_any_token_id_is_refused(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, key: str
) -> None:
    """Token ids have at most 7 digits; a bare phone number or SSN read alone is nothing to the
    detector, so as a ``logit_bias`` key it went up as sent."""
    r = await client.post("/v1/chat/completions", json=_chat(logit_bias={key: 1}))
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == "invalid_logit_bias" and err["param"] == "logit_bias"
    assert key not in r.text and upstream.bodies == []


async def test_token_id_logit_bias_keys_pass(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    r = await _sdk(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}],
        logit_bias={"50256": -100, "1234567": 5})
    assert r.choices[0].message.content == "You said: hi"
    assert upstream.bodies[-1]["logit_bias"] == {"50256": -100, "1234567": 5}


# --- validation errors ---------------------------------------------------------------------


@pytest.mark.parametrize(("path", "body"), [
    ("/presidio/analyze", {"text": "hi", "language": "en", "Jane Doe": 1}),
    ("/presidio/analyze", {"text": "hi", "language": "en", "JaneDoe": 1}),
])
async def test_a_refused_body_never_echoes_a_callers_key(
    client: httpx.AsyncClient, path: str, body: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Pydantic names an unknown field (``extra_forbidden``) by its key in the error's
    location: the error said ``Jane Doe: Extra inputs are not permitted``."""
    with caplog.at_level(logging.DEBUG):
        r = await client.post(path, json=body)
    assert r.status_code == 400, r.text
    assert "Jane" not in r.text and "<key>" in r.text
    assert "Jane" not in caplog.text


async def test_declared_field_names_still_locate_the_problem(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/chat/completions", json={
        "model": "m", "messages": [{"role": "user", "content": [{"type": "text", "text": 5}]}]})
    assert r.status_code == 400
    assert "messages.0.content.list[ContentPart].0.text" in r.json()["error"]["message"]
