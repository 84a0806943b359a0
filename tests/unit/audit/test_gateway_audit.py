"""The gateway writes request / upstream / restored / refused records, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from tests.unit.gateway.conftest import ScriptedUpstream, delta_chunk, sse
from tests.unit.gateway.fakes import FakeVeil
from veil.audit import AuditLog, Signer, SQLiteAuditStore, verify_log
from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app
from veil.gateway.tenants import Tenant, hash_api_key

VALUES = ("Jane Doe", "jane.doe@example.com", "John Smith")
KEY = "sk-acme-audit-test"


def _state(tmp_path: Path, upstream: ScriptedUpstream, signer: Signer) -> GatewayState:
    return GatewayState(
        core=FakeVeil(),
        upstream=OpenAIUpstream(
            "http://user:pw@upstream.test:8080/v1?x=1",
            api_key="sk-upstream",
            transport=httpx.MockTransport(upstream.handler),
        ),
        tenants=TenantRegistry([Tenant("acme")], {hash_api_key(KEY): "acme"}),
        audit=AuditLog(SQLiteAuditStore(tmp_path / "audit.sqlite3"), signer),
    )


async def test_requests_leave_records_without_values(tmp_path: Path, signer: Signer) -> None:
    upstream = ScriptedUpstream()
    state = _state(tmp_path, upstream, signer)
    app = create_app(state)
    auth = {"authorization": f"Bearer {KEY}", "x-request-id": "req-audit-1"}
    prompt = f"Write to {VALUES[0]} at {VALUES[1]} about {VALUES[2]}."
    body = {"model": "gpt-test", "messages": [{"role": "user", "content": prompt}]}
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://veil.test"
    ) as c:
        r = await c.post("/v1/chat/completions", json=body, headers=auth)
        assert r.status_code == 200
        assert VALUES[0] in r.json()["choices"][0]["message"]["content"]  # restored

        upstream.reply = lambda b: httpx.Response(
            200,
            content=sse([delta_chunk({"content": "Hi [PER"}), delta_chunk({"content": "SON_1]"}),
                         delta_chunk({}, "stop")]),
            headers={"content-type": "text/event-stream"},
        )
        r = await c.post("/v1/chat/completions", json={**body, "stream": True}, headers=auth)
        assert VALUES[0] in r.text

        r = await c.post("/v1/chat/completions", json=body, headers={"authorization": "Bearer no"})
        assert r.status_code == 401
        upstream.reply = lambda b: httpx.Response(503, json={"error": {"message": "down"}})
        r = await c.post("/v1/chat/completions", json=body, headers=auth)
        assert r.status_code >= 500
    state.audit.close()

    store = SQLiteAuditStore(tmp_path / "audit.sqlite3")
    docs = [json.loads(leaf) for _, leaf, _ in store.rows()]
    assert verify_log(store, [signer.public_key]).ok
    store.close()
    kinds = [d["kind"] for d in docs]
    assert kinds == [
        "request", "upstream", "restored",          # plain
        "request", "upstream", "restored",          # streamed
        "refused",                                  # unknown key
        "request", "upstream", "refused",           # upstream 503
    ]
    req = docs[0]["f"]
    assert req["tenant"] == "acme" and req["model"] == "gpt-test" and req["stream"] == 0
    assert req["entities"] == {"PERSON": 2, "EMAIL": 1}
    assert len(req["principal"]) == 32 and len(req["session"]) == 32 and len(req["policy"]) == 64
    assert req["upstream"] == "OpenAIUpstream@upstream.test:8080"  # no credentials, no query
    assert req["request_id"] == "req-audit-1"
    assert docs[1]["f"]["status"] == 200 and docs[1]["f"]["latency_ms"] >= 0
    assert docs[2]["f"]["restored"] >= 1
    assert docs[5]["f"]["restored"] == 1 and docs[5]["f"]["stream"] == 1
    assert docs[6]["f"]["code"] == "invalid_api_key" and docs[6]["f"]["status"] == 401
    assert docs[8]["f"]["status"] >= 500 and docs[9]["f"]["code"] == docs[8]["f"]["code"]
    # The principal pseudonym is stable and is not the key or its id.
    assert docs[3]["f"]["principal"] == req["principal"]
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("audit.sqlite3*"))
    for v in (*VALUES, KEY, "Write to", "user:pw", hash_api_key(KEY)):
        assert v.encode() not in raw, v
