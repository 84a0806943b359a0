"""POST /v1/embeddings through a real ``veil serve`` with the official openai SDK."""

from __future__ import annotations

import httpx
import openai
import pytest

from tests.e2e.conftest import API_KEYS, Proc, Upstream

pytestmark = pytest.mark.slow

VALUES = ["Jane Doe", "jane.doe@example.com", "123-45-6789"]
DOCS = [
    "Jane Doe wrote from jane.doe@example.com about the invoice.",
    "SSN on file for the claim: 123-45-6789.",
]


def _client(gw: Proc, who: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=gw.url + "/v1", api_key=API_KEYS[who], max_retries=0)


def _sent(upstream: Upstream, marker: str) -> list[dict[str, object]]:
    return [b for b in upstream.bodies() if marker in str(b.get("model"))]


def test_string_and_array_inputs_are_masked(
    api_gateway: Proc, recording_upstream: Upstream
) -> None:
    client = _client(api_gateway, "acme-a")
    one = client.embeddings.create(model="embed-str", input=DOCS[0])
    many = client.embeddings.create(model="embed-list", input=DOCS, encoding_format="float")
    assert len(one.data) == 1 and len(one.data[0].embedding) == 64
    assert [d.index for d in many.data] == [0, 1]
    raw = str(_sent(recording_upstream, "embed-"))
    assert raw and not [v for v in VALUES if v in raw]
    assert "[PERSON_1]" in raw  # placeholders for tenant acme


def test_pseudonyms_are_consistent_across_requests(
    api_gateway: Proc, recording_upstream: Upstream
) -> None:
    client = _client(api_gateway, "globex")
    a = client.embeddings.create(model="embed-ps-a", input="Jane Doe called.")
    b = client.embeddings.create(model="embed-ps-b", input="Jane Doe again.")
    sent_a = _sent(recording_upstream, "embed-ps-a")[-1]["input"]
    sent_b = _sent(recording_upstream, "embed-ps-b")[-1]["input"]
    assert isinstance(sent_a, str) and isinstance(sent_b, str)
    assert "Jane" not in sent_a + sent_b and "[PERSON" not in sent_a
    # the same fake name in both requests: the vectors still share it
    assert sent_a.removesuffix(" called.") == sent_b.removesuffix(" again.")
    assert a.data[0].embedding != b.data[0].embedding


def test_token_ids_and_unknown_fields(api_gateway: Proc, recording_upstream: Upstream) -> None:
    client = _client(api_gateway, "acme-a")
    with pytest.raises(openai.BadRequestError) as e:
        client.embeddings.create(model="embed-ids", input=[[101, 2023, 102]])
    assert "token-id" in str(e.value) and "allow_unscannable" in str(e.value)
    assert not _sent(recording_upstream, "embed-ids")
    client.embeddings.create(
        model="embed-extra", input="hello", extra_body={"note": "card of Jane Doe"}
    )
    sent = _sent(recording_upstream, "embed-extra")[-1]
    assert "Jane Doe" not in str(sent) and "note" in sent  # unknown field walked, masked


def test_refusals(api_gateway: Proc) -> None:
    r = httpx.post(api_gateway.url + "/v1/embeddings", json={"model": "m", "input": "x"})
    assert r.status_code == 401 and r.json()["error"]["type"] == "authentication_error"
    r = httpx.post(
        api_gateway.url + "/v1/embeddings",
        json={"model": "m"},
        headers={"Authorization": f"Bearer {API_KEYS['acme-a']}"},
    )
    assert r.status_code == 400 and "input" in r.json()["error"]["message"]
