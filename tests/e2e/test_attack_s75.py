"""Session 75's paths against a real ``veil serve`` (the Responses/Messages suites' gateway, the
real detector, in front of the three-format recording upstream), with the official SDKs.

Before: an image vLLM fetches (an ``input_image`` part with an https URL) and the prompt's
own embeddings (``prompt_embeds``) reached the upstream although the tenant's policy allows
no unscannable content; a phone number as ``max_tokens`` or ``seed`` went up as sent (the
detector reads nothing in a bare number); a Vertex id (``claude-3-5-sonnet@20240620``) was
refused; a person spelled with vendors' words (``roberta-bloom``) passed as a model id.
All values are made up.
"""

from __future__ import annotations

import base64
import json

import anthropic
import openai
import pytest

from .api_stack import SENT, Stack
from .conftest import TENANT_KEYS

pytestmark = pytest.mark.slow

PHONE = 5558675309
TENSOR = base64.b64encode(b"PK\x03\x04" + bytes(range(256)) * 4).decode()
SENT.update([str(PHONE), "Roberta Bloom", "roberta-bloom", "scan-of-maria.png"])


def _openai(stack: Stack) -> openai.OpenAI:
    return openai.OpenAI(base_url=stack.openai.url + "/v1", api_key=TENANT_KEYS["acme"],
                         max_retries=0)


def _anthropic(stack: Stack) -> anthropic.Anthropic:
    return anthropic.Anthropic(base_url=stack.openai.url, api_key=TENANT_KEYS["acme"],
                               max_retries=0)


def _sent_since(stack: Stack, start: int) -> str:
    return json.dumps(stack.upstream.bodies()[start:], ensure_ascii=False)


def test_vllm_media_parts_and_prompt_embeds_are_refused(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    c = _openai(api_stack)
    with pytest.raises(openai.BadRequestError) as refused:
        c.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": [
            {"type": "text", "text": "What does the scan show?"},
            {"type": "input_image",  # type: ignore[list-item,misc]
             "image_url": "https://files.example.com/scan-of-maria.png"}]}])
    assert refused.value.code == "unscannable_content"
    assert "scan-of-maria" not in str(refused.value)
    for part in ({"type": "audio_embeds", "audio_embeds": TENSOR},
                 {"type": "prompt_embeds", "data": TENSOR}):
        with pytest.raises(openai.BadRequestError) as refused:
            c.chat.completions.create(model="gpt-4o-mini", messages=[
                {"role": "user", "content": [part]}])  # type: ignore[list-item]
        assert refused.value.code == "unscannable_content"
    with pytest.raises(openai.BadRequestError) as refused:
        c.completions.create(model="gpt-4o-mini", prompt="",
                             extra_body={"prompt_embeds": TENSOR})
    assert refused.value.code == "unscannable_content"
    assert _sent_since(api_stack, start) == "[]"


def test_a_phone_number_as_a_count_is_refused(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    with pytest.raises(openai.BadRequestError) as refused:
        _openai(api_stack).chat.completions.create(
            model="gpt-4o-mini", max_tokens=PHONE,
            messages=[{"role": "user", "content": "Summarise the visit."}])
    assert refused.value.code == "invalid_number" and refused.value.param == "max_tokens"
    assert str(PHONE) not in str(refused.value)
    with pytest.raises(openai.BadRequestError) as refused:
        _openai(api_stack).embeddings.create(model="gpt-4o-mini", input="hi", dimensions=PHONE)
    assert refused.value.param == "dimensions"
    with pytest.raises(anthropic.BadRequestError) as bad:
        _anthropic(api_stack).messages.create(
            model="claude-3-5-sonnet-20241022", max_tokens=16, extra_body={"top_k": PHONE},
            messages=[{"role": "user", "content": "hi"}])
    assert "top_k" in str(bad.value) and str(PHONE) not in str(bad.value)
    assert _sent_since(api_stack, start) == "[]"


def test_a_phone_number_as_a_seed_goes_up_as_its_pseudonym(api_stack: Stack) -> None:
    start = len(api_stack.upstream.bodies())
    for _ in range(2):
        r = _openai(api_stack).chat.completions.create(
            model="gpt-4o-mini", seed=PHONE, messages=[{"role": "user", "content": "hi"}])
        assert r.choices[0].message.content
    seeds = [b["seed"] for b in api_stack.upstream.bodies()[start:]]
    assert seeds[0] == seeds[1] and isinstance(seeds[0], int)
    assert str(PHONE) not in _sent_since(api_stack, start)


def test_a_vertex_model_id_passes_and_a_person_of_vendors_words_does_not(
    api_stack: Stack,
) -> None:
    start = len(api_stack.upstream.bodies())
    r = _openai(api_stack).chat.completions.create(
        model="claude-3-5-sonnet@20240620",
        messages=[{"role": "user", "content": "Say hello to Maria Ortiz."}])
    assert r.choices[0].message.content
    sent = api_stack.upstream.bodies()[start]
    assert sent["model"] == "claude-3-5-sonnet@20240620" and "Ortiz" not in json.dumps(sent)
    start += 1
    for model in ("roberta-bloom", "RobertaBloom", "gpt-4o@maria.ortiz.example",
                  "claude-3-5-sonnet@19850312"):
        with pytest.raises(openai.BadRequestError) as refused:
            _openai(api_stack).chat.completions.create(
                model=model, messages=[{"role": "user", "content": "hi"}])
        assert refused.value.code == "model_not_allowed", model
        assert "bloom" not in str(refused.value).lower()
    assert _sent_since(api_stack, start) == "[]"


def test_raw_base64_media_in_a_free_form_field_is_refused(api_stack: Stack) -> None:
    """llama.cpp reads ``image_data``; base64 of an image with no ``data:`` URL around it
    went up unscanned where the policy allows no images."""
    jpeg = base64.b64encode(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4).decode()
    start = len(api_stack.upstream.bodies())
    with pytest.raises(openai.BadRequestError) as refused:
        _openai(api_stack).chat.completions.create(
            model="gpt-4o-mini", messages=[{"role": "user", "content": "Describe [img-1]."}],
            extra_body={"image_data": [{"data": jpeg, "id": 1}]})
    assert refused.value.code == "unscannable_content"
    assert _sent_since(api_stack, start) == "[]"
