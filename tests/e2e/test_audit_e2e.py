"""The audit log through the real gateway assembly: ``build_state`` with the real privacy core
(detection, vault), ``create_app`` and its lifespan; then the CLI's verify and prove."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import httpx
import pytest

from veil.audit import AuditLog, SQLiteAuditStore, check_proof, inclusion_proof, verify_log
from veil.audit.checkpoint import public_key_from_file
from veil.gateway import GatewayConfig, OpenAIUpstream, build_state, create_app

pytestmark = pytest.mark.slow

VALUES = ("jane.doe@example.com", "+1 415 555 0134", "4111 1111 1111 1111")


async def test_real_gateway_records_and_verifies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VEIL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("VEIL_MASTER_KEY", base64.b64encode(os.urandom(32)).decode())
    monkeypatch.delenv("VEIL_AUDIT_SIGNING_KEY", raising=False)
    # Pattern recognizers only: the audit path is under test, not spaCy's load time.
    (tmp_path / "policy.yaml").write_text("ner: false\n")
    monkeypatch.setenv("VEIL_POLICY_FILE", str(tmp_path / "policy.yaml"))
    sent: list[str] = []

    def upstream(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        text = body["messages"][-1]["content"]
        sent.append(text)
        return httpx.Response(200, json={
            "id": "c1", "object": "chat.completion", "created": 1, "model": "m",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": "Noted: " + text}}],
        })

    cfg = GatewayConfig.model_validate({"session_secret": "s3cret", "audit": {"store": "auto"}})
    state = build_state(cfg, upstream=OpenAIUpstream(
        "http://upstream.test/v1", transport=httpx.MockTransport(upstream)))
    assert isinstance(state.audit, AuditLog)  # on by default, beside the vault
    app = create_app(state)
    prompt = f"Mail {VALUES[0]}, call {VALUES[1]}, card {VALUES[2]}."
    async with app.router.lifespan_context(app), httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://veil.test"
    ) as c:
        for _ in range(3):
            r = await c.post("/v1/chat/completions", json={
                "model": "m", "messages": [{"role": "user", "content": prompt}]})
            assert r.status_code == 200
            assert VALUES[0] in r.json()["choices"][0]["message"]["content"]
    assert all(VALUES[0] not in s for s in sent)  # masked upstream
    # The lifespan closed the log: everything committed and signed.
    home = tmp_path / "home"
    raw = b"".join(p.read_bytes() for p in home.glob("audit.sqlite3*"))
    for v in (*VALUES, "Mail", "s3cret"):
        assert v.encode() not in raw, v
    store = SQLiteAuditStore(home / "audit.sqlite3")
    key = public_key_from_file(home / "audit-signing.key")
    rep = verify_log(store, [key])
    assert rep.ok and rep.records == 9 and rep.signed_size == 9, rep.to_json()
    docs = [json.loads(leaf) for _, leaf, _ in store.rows()]
    assert docs[0]["kind"] == "request"
    assert docs[0]["f"]["entities"] == {"EMAIL": 1, "PHONE": 1, "CREDIT_CARD": 1}
    assert docs[2]["kind"] == "restored" and docs[2]["f"]["restored"] >= 1
    assert check_proof(inclusion_proof(store, 4), [key])[0]
    store.close()
