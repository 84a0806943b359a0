"""The ``model`` path against a real ``veil serve`` (the Responses/Messages suites' gateway, the
real detector, in front of the three-format recording upstream), with the official SDKs.

Before session 74 the model id went up as sent: ``model="Quentin_Marlowe"`` reached the
upstream (which quoted it back in its "model not found" error), and so did prose around an
id. Now an id passes as sent only when it is shaped like one and the detector finds nothing in
it; anything else is refused with 400 ``model_not_allowed`` before anything goes up. The ids
real clients send still pass unchanged. A ``data:`` URL of binary bytes in ``metadata`` is
refused like the image parts the policy gates. All values are made up.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import anthropic
import httpx
import openai
import pytest

from .api_stack import SENT, Stack
from .conftest import TENANT_KEYS

pytestmark = pytest.mark.slow

#: (label, model): what reached the upstream before.
BAD_MODELS = [
    ("glued name", "Quentin_Marlowe"),
    ("camel-case name", "QuentinMarlowe"),
    ("lower-case name", "maria-ortiz"),
    ("name after a real id", "gpt-4o-Quentin-Marlowe"),
    ("fine-tune named after a person", "ft:gpt-4o-mini:acme:maria-ortiz"),
    ("repo named after a person", "MariaOrtiz/llama-ft"),
    ("prose", "gpt-4o for patient Maria Ortiz"),
    ("card in a fine-tune id", "ft:gpt-4o:acme:4111-1111-1111-1111"),
]
VALUES = ["Quentin", "Marlowe", "Maria", "Ortiz", "maria", "ortiz", "4111-1111-1111-1111"]
SENT.update([m for _, m in BAD_MODELS] + ["Quentin Marlowe", "Maria Ortiz"])

#: What the SDKs, ``veil run`` and the suites send: passes unchanged.
REAL_MODELS = ["gpt-4o-mini", "claude-3-5-sonnet-20241022", "meta-llama/Llama-3.1-8B-Instruct",
               "ft:gpt-4o-mini:acme::abc123", "echo", "smollm2-135m-instruct",
               "claude-opus-4-1-20250805", "HuggingFaceTB/SmolLM2-135M-Instruct"]


def _openai(stack: Stack) -> openai.OpenAI:
    return openai.OpenAI(base_url=stack.openai.url + "/v1", api_key=TENANT_KEYS["acme"],
                         max_retries=0)


def _sent_since(stack: Stack, start: int) -> str:
    return json.dumps(stack.upstream.bodies()[start:], ensure_ascii=False)


@pytest.mark.parametrize(("label", "model"), BAD_MODELS, ids=[b[0] for b in BAD_MODELS])
def test_a_model_that_carries_a_value_is_refused_and_nothing_goes_up(
    api_stack: Stack, label: str, model: str
) -> None:
    start = len(api_stack.upstream.bodies())
    with pytest.raises(openai.BadRequestError) as refused:
        _openai(api_stack).chat.completions.create(
            model=model, messages=[{"role": "user", "content": "Summarise the visit."}])
    assert refused.value.code == "model_not_allowed", label
    assert refused.value.param == "model"
    assert not [v for v in VALUES if v in str(refused.value)]
    assert _sent_since(api_stack, start) == "[]", f"{label}: the request reached the upstream"


@pytest.mark.parametrize("model", REAL_MODELS)
def test_real_model_ids_pass_unchanged(api_stack: Stack, model: str) -> None:
    start = len(api_stack.upstream.bodies())
    r = _openai(api_stack).chat.completions.create(
        model=model, messages=[{"role": "user", "content": "Say hello to Maria Ortiz."}])
    assert r.choices[0].message.content
    sent = api_stack.upstream.bodies()[start]
    assert sent["model"] == model
    assert "Ortiz" not in json.dumps(sent)


def test_the_other_endpoints_refuse_it_too(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    c = _openai(api_stack)
    with pytest.raises(openai.BadRequestError):
        c.responses.create(model="Quentin_Marlowe", input="hi")
    with pytest.raises(openai.BadRequestError):
        c.completions.create(model="Quentin_Marlowe", prompt="hi")
    with pytest.raises(openai.BadRequestError):
        c.embeddings.create(model="Quentin_Marlowe", input="hi")
    with pytest.raises(openai.BadRequestError):
        c.chat.completions.create(model="Quentin_Marlowe", stream=True,
                                  messages=[{"role": "user", "content": "hi"}])
    a = anthropic.Anthropic(base_url=api_stack.openai.url, api_key=TENANT_KEYS["acme"],
                            max_retries=0)
    with pytest.raises(anthropic.BadRequestError):
        a.messages.create(model="Quentin_Marlowe", max_tokens=16,
                          messages=[{"role": "user", "content": "hi"}])
    assert _sent_since(api_stack, start) == "[]"


def test_binary_media_in_metadata_is_refused(api_stack: Stack) -> None:
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8).decode()
    start = len(api_stack.upstream.bodies())
    body: dict[str, Any] = {"model": "gpt-4o-mini", "metadata": {
        "scan": f"data:image/png;base64,{png}"}, "messages": [{"role": "user", "content": "hi"}]}
    r = httpx.post(api_stack.openai.url + "/v1/chat/completions", json=body, timeout=60,
                   headers={"Authorization": f"Bearer {TENANT_KEYS['acme']}"})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "unscannable_content"
    assert _sent_since(api_stack, start) == "[]"
