"""Attack paths closed in session 75, through the real gateway app (in process, the fake core,
a recording upstream):

- vLLM's other media parts (``input_image`` with an http(s) URL, which vLLM fetches;
  ``audio_embeds``, ``video_embeds``, ``prompt_embeds``, ``image_pil``) and the completions
  field ``prompt_embeds`` were walked as unknown parts or fields: a URL is masked as text
  (and a plain one passes), a tensor is base64 of binary bytes (and passes), so an image,
  a recording or the prompt's own embeddings reached the upstream whatever the policy said.
- A count (``max_tokens``, ``n``, ``max_completion_tokens``, ``top_logprobs``,
  ``dimensions``, ``max_output_tokens``, ``top_k``, ``budget_tokens``...) is a number the
  detector reads alone, so a bare phone number or SSN there (``5558675309``) went up as
  sent. No count has eight digits: such a count is refused. A ``seed`` of eight digits or
  more goes up as its keyed pseudonym number, unread.
- Base64 of an image, a recording or a document with no ``data:`` URL around it (llama.cpp's
  ``image_data``, a PNG in ``metadata`` or in a tool result) went up unscanned: only
  ``data:`` URLs were read for their kind. A ``logit_bias`` value of eight digits (biases
  run from -100 to 100) went up as sent, though its keys were checked.
- ``veil serve`` had no flag for ``upstream.models``: ``--upstream-models`` now.
- Model ids: an id with ``@`` was refused, though Vertex names its versions so
  (``claude-3-5-sonnet@20240620``); and an id made only of vendors' words passed even when
  those words spell a person (``roberta-bloom``, ``Ernie-Bloom``, ``nova-ada``).
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
from veil.gateway.fields import WalkContext
from veil.gateway.models import ModelRefusedError, ModelRule, check_model

from .conftest import ScriptedUpstream, make_client
from .fakes import FakeVeil

PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4).decode()
PHONE = 5558675309


def _sdk(http: httpx.AsyncClient) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(base_url="http://veil.test/v1", api_key="k",
                              http_client=http, max_retries=0)  # type: ignore[arg-type]


def _chat(**extra: Any) -> dict[str, Any]:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}], **extra}


def _parts(*parts: dict[str, Any]) -> dict[str, Any]:
    return {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": list(parts)}]}


class AllowingVeil(FakeVeil):
    def __init__(self, allow: list[str]) -> None:
        super().__init__()
        self.allow = allow

    def policy(self, tenant: str) -> Policy:
        return Policy.model_validate({"allow_unscannable": self.allow})


# --- vLLM's other media parts ----------------------------------------------------------------

#: (label, path, body, kind): media vLLM reads that no gate stood before.
VLLM_MEDIA: list[tuple[str, str, dict[str, Any], str]] = [
    ("input_image with an https URL", "/v1/chat/completions",
     _parts({"type": "input_image", "image_url": "https://files.example.com/scan.png"}), "image"),
    ("input_image with an object", "/v1/chat/completions",
     _parts({"type": "input_image", "image_url": {"url": "https://files.example.com/a.png"}}),
     "image"),
    ("audio_embeds", "/v1/chat/completions",
     _parts({"type": "audio_embeds", "audio_embeds": PNG}), "audio"),
    ("video_embeds", "/v1/chat/completions",
     _parts({"type": "video_embeds", "video_embeds": PNG}), "image"),
    ("image_pil", "/v1/chat/completions", _parts({"type": "image_pil", "image_pil": PNG}),
     "image"),
    ("prompt_embeds part", "/v1/chat/completions",
     _parts({"type": "prompt_embeds", "data": PNG}), "token_ids"),
    ("completions prompt_embeds", "/v1/completions",
     {"model": "gpt-4o-mini", "prompt": "", "prompt_embeds": PNG}, "token_ids"),
    ("completions prompt_embeds list", "/v1/completions",
     {"model": "gpt-4o-mini", "prompt": "", "prompt_embeds": [PNG, PNG]}, "token_ids"),
]


@pytest.mark.parametrize(("label", "path", "body", "kind"), VLLM_MEDIA,
                         ids=[v[0] for v in VLLM_MEDIA])
async def test_vllms_media_parts_are_gated(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, label: str, path: str,
    body: dict[str, Any], kind: str,
) -> None:
    r = await client.post(path, json=body)
    assert r.status_code == 400, (label, r.text)
    err = r.json()["error"]
    assert err["code"] == "unscannable_content", label
    assert f"allow_unscannable: [{kind}]" in err["message"]
    assert "example.com" not in r.text and PNG[:40] not in r.text
    assert upstream.bodies == [], label


@pytest.mark.parametrize(("label", "path", "body", "kind"), VLLM_MEDIA,
                         ids=[v[0] for v in VLLM_MEDIA])
async def test_vllms_media_parts_pass_where_the_policy_allows_them(
    upstream: ScriptedUpstream, label: str, path: str, body: dict[str, Any], kind: str,
) -> None:
    upstream.reply = lambda b: httpx.Response(200, json={
        "id": "c", "object": "text_completion", "created": 1, "model": "m",
        "choices": [{"index": 0, "text": "ok", "finish_reason": "stop"}]}) if "prompt" in b \
        else ScriptedUpstream.echo({"messages": [{"content": "ok"}]})
    client, _ = make_client(AllowingVeil([kind]), upstream)
    async with client:
        r = await client.post(path, json=body)
    assert r.status_code == 200, (label, r.text)
    sent = json.dumps(upstream.bodies[-1])
    assert PNG in sent or "files.example.com" in sent


async def test_the_media_url_of_an_allowed_input_image_is_masked_piece_by_piece(
    upstream: ScriptedUpstream,
) -> None:
    client, _ = make_client(AllowingVeil(["image"]), upstream)
    async with client:
        r = await client.post("/v1/chat/completions", json=_parts(
            {"type": "input_image", "image_url": "https://files.example.com/Jane%20Doe.png"}))
    assert r.status_code == 200, r.text
    part = upstream.bodies[-1]["messages"][0]["content"][0]
    assert part["image_url"].startswith("https://files.example.com/")
    assert "Jane" not in json.dumps(upstream.bodies)


# --- counts and seeds ------------------------------------------------------------------------

#: (path, body with the count set to ``N``, the count's place).
COUNTS: list[tuple[str, dict[str, Any], str]] = [
    ("/v1/chat/completions", _chat(max_tokens="N"), "max_tokens"),
    ("/v1/chat/completions", _chat(max_completion_tokens="N"), "max_completion_tokens"),
    ("/v1/chat/completions", _chat(n="N"), "n"),
    ("/v1/chat/completions", _chat(top_logprobs="N", logprobs=True), "top_logprobs"),
    ("/v1/completions", {"model": "gpt-4o-mini", "prompt": "hi", "best_of": "N"}, "best_of"),
    ("/v1/completions", {"model": "gpt-4o-mini", "prompt": "hi", "logprobs": "N"}, "logprobs"),
    ("/v1/embeddings", {"model": "gpt-4o-mini", "input": "hi", "dimensions": "N"}, "dimensions"),
    ("/v1/responses", {"model": "gpt-4o-mini", "input": "hi", "max_output_tokens": "N"},
     "max_output_tokens"),
    ("/v1/responses", {"model": "gpt-4o-mini", "input": "hi", "top_logprobs": "N"},
     "top_logprobs"),
    ("/v1/responses", {"model": "gpt-4o-mini", "input": "hi", "max_tool_calls": "N"},
     "max_tool_calls"),
    ("/v1/messages", {"model": "claude-3-5-sonnet-20241022", "max_tokens": "N",
                      "messages": [{"role": "user", "content": "hi"}]}, "max_tokens"),
    ("/v1/messages", {"model": "claude-3-5-sonnet-20241022", "max_tokens": 16, "top_k": "N",
                      "messages": [{"role": "user", "content": "hi"}]}, "top_k"),
    ("/v1/messages", {"model": "claude-3-5-sonnet-20241022", "max_tokens": 16,
                      "thinking": {"type": "enabled", "budget_tokens": "N"},
                      "messages": [{"role": "user", "content": "hi"}]}, "thinking.budget_tokens"),
]


def _with(body: dict[str, Any], value: Any) -> dict[str, Any]:
    return json.loads(json.dumps(body).replace('"N"', json.dumps(value)))


@pytest.mark.parametrize(("path", "body", "param"), COUNTS, ids=[f"{c[0]}:{c[2]}" for c in COUNTS])
@pytest.mark.parametrize("value", [PHONE, 78051120, 4111111111111111, -PHONE, float(PHONE)])
async def test_a_count_of_eight_digits_or_more_is_refused(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, path: str, body: dict[str, Any],
    param: str, value: float, caplog: pytest.LogCaptureFixture,
) -> None:
    """No count has eight digits; a phone number or SSN there reads as nothing to the
    detector, so it went up as sent."""
    with caplog.at_level(logging.DEBUG):
        r = await client.post(path, json=_with(body, value))
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    if path.startswith("/v1/messages"):
        assert err["type"] == "invalid_request_error" and param in err["message"]
    elif err["code"] != "invalid_request_error":  # (or the wire model's own range check)
        assert err["code"] == "invalid_number" and err["param"] == param
    assert str(abs(int(value))) not in r.text and str(abs(int(value))) not in caplog.text
    assert upstream.bodies == []


async def test_real_counts_pass_unchanged(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    r = await _sdk(client).chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], n=2,
        max_tokens=1_000_000, max_completion_tokens=9_999_999, top_logprobs=20, logprobs=True)
    assert r.choices[0].message.content == "You said: hi"
    sent = upstream.bodies[-1]
    assert (sent["n"], sent["max_tokens"], sent["max_completion_tokens"],
            sent["top_logprobs"]) == (2, 1_000_000, 9_999_999, 20)


@pytest.mark.parametrize("seed", [PHONE, 78051120, 4111111111111111, -PHONE])
async def test_a_long_seed_goes_up_as_its_pseudonym(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, seed: int
) -> None:
    """A seed is any number, so it cannot be refused; one of eight digits or more goes up as
    a keyed pseudonym number, the same for the same seed (runs stay reproducible)."""
    for _ in range(2):
        r = await client.post("/v1/chat/completions", json=_chat(seed=seed))
        assert r.status_code == 200, r.text
    first, second = (b["seed"] for b in upstream.bodies)
    assert first == second and isinstance(first, int) and 0 <= first < 2**48
    assert str(abs(seed)) not in upstream.sent_text()


async def test_short_seeds_pass(client: httpx.AsyncClient, upstream: ScriptedUpstream) -> None:
    for seed in (0, 42, 1234567):
        await _sdk(client).chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}], seed=seed)
        assert upstream.bodies[-1]["seed"] == seed


# --- model ids -------------------------------------------------------------------------------


def _ctx() -> WalkContext:
    core = FakeVeil()

    def protect(text: str) -> str:
        return core.protect(text, session="s", tenant="default").masked

    return WalkContext(protect=protect, pseudonym=lambda v: v, model_rule=ModelRule())


#: Vertex AI's ids: a version after ``@``.
VERTEX_IDS = ["claude-3-5-sonnet@20240620", "claude-3-5-sonnet-v2@20241022",
              "claude-opus-4-1@20250805", "claude-sonnet-4@20250514", "text-bison@001",
              "chat-bison@002", "textembedding-gecko@003", "code-bison@latest",
              "publishers/anthropic/models/claude-3-haiku@20240307"]


@pytest.mark.parametrize("model", VERTEX_IDS)
def test_vertex_ids_with_a_version_after_the_at_sign_pass(model: str) -> None:
    assert check_model(model, _ctx()) == model


@pytest.mark.parametrize("model", [
    "gpt-4o@example.com", "jane.doe@example.com", "claude-3-5-sonnet@19850312",
    "claude@Jane_Doe", "Jane_Doe@20240620", "claude@@20240620", "@20240620",
    "claude-3-5-sonnet@20240620@001", "claude-3-5-sonnet@2024062012", "claude@20241350",
])
def test_any_other_at_sign_is_refused(model: str) -> None:
    """An e-mail address, a date of birth after ``@``, a name before it: not a Vertex id."""
    with pytest.raises(ModelRefusedError):
        check_model(model, _ctx())


async def test_a_vertex_id_reaches_the_upstream_as_sent(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    r = await _sdk(client).chat.completions.create(
        model="claude-3-5-sonnet@20240620", messages=[{"role": "user", "content": "hi"}])
    assert r.choices[0].message.content == "You said: hi"
    assert upstream.bodies[-1]["model"] == "claude-3-5-sonnet@20240620"


@pytest.mark.parametrize("model", [
    "roberta-bloom", "Roberta-Bloom", "RobertaBloom", "ernie-bloom", "nova-ada", "max-ernie",
    "gemma-falcon", "claude-max", "ada-palm", "bert-bloom-7b", "ft:gpt-4o:acme:roberta-bloom",
])
def test_an_id_of_vendors_words_that_spells_a_person_is_refused(model: str) -> None:
    """Each word is a vendor's (and dropped from the residue the detector reads), but a
    given name followed by another name word spells a person."""
    with pytest.raises(ModelRefusedError):
        check_model(model, _ctx())


#: Real ids whose words are all vendors' words: they still pass.
VENDOR_WORD_IDS = [
    "claude-instant-1.2", "claude-3-haiku-20240307", "text-embedding-ada-002",
    "amazon.nova-pro-v1:0", "google/gemma-2-9b-it", "FacebookAI/roberta-base",
    "google-bert/bert-base-uncased", "facebook/bart-large-cnn", "baidu/ernie-4.5",
    "CohereForAI/aya-23-8B", "jina-embeddings-v3", "meta-llama/Meta-Llama-3-70B-Instruct",
    "NousResearch/Hermes-3-Llama-3.1-8B", "allenai/OLMo-7B", "nova-lite", "bigscience/bloom",
    "tiiuae/falcon-7b", "ernie-bot", "gemma2:2b", "roberta-large", "gpt-4o-mini", "echo",
]


@pytest.mark.parametrize("model", VENDOR_WORD_IDS)
def test_real_ids_of_vendors_words_pass(model: str) -> None:
    assert check_model(model, _ctx()) == model


# --- veil serve --upstream-models ------------------------------------------------------------


def _serve(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, Any]:
    """``veil serve ARGS`` up to the server start, which records the config it got."""
    from typer.testing import CliRunner

    import veil.gateway.runner
    from veil.cli.app import app

    started: dict[str, Any] = {}
    monkeypatch.setattr(veil.gateway.runner, "serve",
                        lambda cfg, **_kw: started.setdefault("cfg", cfg))
    res = CliRunner().invoke(app, ["serve", "--upstream-base-url", "http://127.0.0.1:9/v1",
                                   *args])
    return res.exit_code, res.output + str(res.exception or ""), started.get("cfg")


def test_serve_takes_the_model_list_as_a_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, cfg = _serve(
        monkeypatch, "--upstream-models", "gpt-4o-mini, claude-3-5-sonnet@20240620")
    assert code == 0, out
    assert cfg.upstream.models == ["gpt-4o-mini", "claude-3-5-sonnet@20240620"]
    monkeypatch.setenv("VEIL_UPSTREAM_MODELS", "echo")
    code, out, cfg = _serve(monkeypatch)
    assert code == 0, out
    assert cfg.upstream.models == ["echo"]


@pytest.mark.parametrize("value", ["", " , ", "x" * 257])
def test_serve_refuses_an_empty_or_bad_model_list(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    code, out, cfg = _serve(monkeypatch, "--upstream-models", value)
    assert code != 0 and cfg is None
    assert "--upstream-models" in out


# --- raw base64 media outside the gates ------------------------------------------------------

JPEG = base64.b64encode(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 2).decode()
PDF = base64.b64encode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 2).decode()
WAV = base64.b64encode(b"RIFF\x24\x08\x00\x00WAVEfmt " + bytes(range(256)) * 2).decode()

#: (label, body, kind): base64 of an image, a recording or a document with no data: URL
#: around it, where the walker had only the data: URL rule.
RAW_MEDIA: list[tuple[str, dict[str, Any], str]] = [
    ("PNG in metadata", _chat(metadata={"scan": PNG}), "image"),
    ("JPEG in an unknown field (llama.cpp image_data)",
     _chat(image_data=[{"data": JPEG, "id": 1}]), "image"),
    ("PDF in a text part", _parts({"type": "text", "text": PDF}), "file"),
    ("WAV in a tool result", {"model": "gpt-4o-mini", "messages": [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": None, "tool_calls": [
            {"id": "call_1", "type": "function", "function": {"name": "rec", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": json.dumps({"audio": WAV})}]},
     "audio"),
    ("PNG as a completions prompt", {"model": "gpt-4o-mini", "prompt": PNG}, "image"),
]


@pytest.mark.parametrize(("label", "body", "kind"), RAW_MEDIA, ids=[m[0] for m in RAW_MEDIA])
async def test_raw_base64_media_outside_the_gates_is_refused(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, label: str, body: dict[str, Any],
    kind: str,
) -> None:
    path = "/v1/completions" if "prompt" in body else "/v1/chat/completions"
    r = await client.post(path, json=body)
    assert r.status_code == 400, (label, r.text)
    err = r.json()["error"]
    assert err["code"] == "unscannable_content"
    assert f"allow_unscannable: [{kind}]" in err["message"]
    assert upstream.bodies == []


async def test_raw_base64_media_passes_where_the_policy_allows_its_kind(
    upstream: ScriptedUpstream,
) -> None:
    client, _ = make_client(AllowingVeil(["image", "audio", "file"]), upstream)
    async with client:
        r = await client.post("/v1/chat/completions", json=_chat(metadata={"scan": PNG}))
    assert r.status_code == 200, r.text
    assert upstream.bodies[-1]["metadata"]["scan"] == PNG


async def test_ciphertext_and_ids_in_base64_still_pass(
    client: httpx.AsyncClient, upstream: ScriptedUpstream
) -> None:
    """Random bytes (a token, a signature, an opaque id) are no media: they pass as before."""
    blob = base64.b64encode(bytes(range(7, 256)) * 2).decode()
    fernet = "gAAAAABm" + base64.urlsafe_b64encode(bytes(range(64))).decode()
    r = await client.post("/v1/chat/completions",
                          json=_chat(metadata={"blob": blob, "token": fernet}))
    assert r.status_code == 200, r.text
    assert upstream.bodies[-1]["metadata"] == {"blob": blob, "token": fernet}


# --- logit_bias values, media URL hosts --------------------------------------------------------


@pytest.mark.parametrize("value", [PHONE, 78051120, -4111111111111111])
async def test_a_logit_bias_value_of_eight_digits_is_refused(
    client: httpx.AsyncClient, upstream: ScriptedUpstream, value: int
) -> None:
    """Biases run from -100 to 100; the keys were checked, a value went up as sent."""
    r = await client.post("/v1/chat/completions", json=_chat(logit_bias={"50256": value}))
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == "invalid_logit_bias" and err["param"] == "logit_bias"
    assert str(abs(value)) not in r.text and upstream.bodies == []
