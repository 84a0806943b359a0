"""Attack 3: values hidden in request fields other than message text.

Every field of the OpenAI request format that can carry text gets its own e-mail address; none
may reach the upstream (the recorded body is searched). A field the gateway cannot mask may be
refused with an OpenAI-shaped 4xx instead -- except everyday fields (``user``, ``metadata``, tool
and schema descriptions, ``stop``, tool calls and results...), which must be served. Image parts
cannot be scanned and are refused by default.
"""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.conftest import Proc, Upstream
from veil.evaluation.gateway_attacks import IMAGE_REQUEST, FieldPlant, field_plants

from .conftest import assert_openai_error, client, plant, raw, sent_since

pytestmark = pytest.mark.slow

PLANTS = field_plants("sec")


@pytest.mark.parametrize("p", PLANTS, ids=lambda p: p.field)
def test_planted_value_never_reaches_upstream(
    tenant_gateway: Proc, attack_upstream: Upstream, p: FieldPlant
) -> None:
    plant(p.value)
    n = len(attack_upstream.bodies())
    path = "/v1/chat/completions" if p.endpoint == "chat" else "/v1/completions"
    with raw(tenant_gateway) as http:
        resp = http.post(path, json=p.body)
    sent = sent_since(attack_upstream, n)
    assert p.value not in sent, f"the value planted in {p.field} reached the upstream"
    assert p.value.split("@")[0] not in sent, f"part of the {p.field} value reached the upstream"
    if p.must_serve:
        assert resp.status_code == 200, (resp.status_code, resp.text[:300])
    elif resp.status_code != 200:
        assert_openai_error(resp, resp.status_code)
        assert 400 <= resp.status_code < 500
        assert len(attack_upstream.bodies()) == n


def test_everyday_fields_together_with_the_openai_client(
    tenant_gateway: Proc, attack_upstream: Upstream
) -> None:
    """One request through the official client with the everyday fields at once."""
    by = {p.field: p for p in PLANTS}
    email = "all.fields@plant-example.com"
    plant(email)
    n = len(attack_upstream.bodies())
    r = client(tenant_gateway).chat.completions.create(
        model="echo",
        user=email,
        metadata={"owner": email},
        store=True,
        stop=[email],
        tools=by["tool_description"].body["tools"],
        response_format=by["response_format_schema"].body["response_format"],
        messages=[
            {"role": "developer", "content": f"Operator: {email}"},
            {"role": "user", "content": f"Write to {email}.", "name": "caller"},
        ],
    )
    assert r.choices[0].message.content == f"Echo: Write to {email}."
    assert email not in sent_since(attack_upstream, n)


def test_image_parts_are_refused_by_default(
    tenant_gateway: Proc, attack_upstream: Upstream
) -> None:
    n = len(attack_upstream.bodies())
    with raw(tenant_gateway) as http:
        resp = http.post("/v1/chat/completions", json=IMAGE_REQUEST)
    err = assert_openai_error(resp, 400)
    assert "image" in err["message"].lower()
    assert len(attack_upstream.bodies()) == n


def test_image_refusal_reaches_the_openai_client(tenant_gateway: Proc) -> None:
    import openai

    with pytest.raises(openai.BadRequestError):
        client(tenant_gateway).chat.completions.create(**IMAGE_REQUEST)


def test_unknown_json_shapes_are_refused_not_forwarded(
    tenant_gateway: Proc, attack_upstream: Upstream
) -> None:
    """Content as an object instead of a string or list cannot be walked: refuse it."""
    n = len(attack_upstream.bodies())
    value = "odd.shape@plant-example.com"
    plant(value)
    body = {"model": "echo", "messages": [{"role": "user", "content": {"text": value}}]}
    with raw(tenant_gateway) as http:
        resp: httpx.Response = http.post("/v1/chat/completions", json=body)
    assert value not in sent_since(attack_upstream, n)
    assert_openai_error(resp, 400)
