"""TLS, mTLS and attestation over real sockets: the gateway app served by uvicorn (in a thread)
with Veil's listener context, a simulated configfs-tsm, and verifying clients.

The privacy core is the in-memory fake of tests/unit/gateway (no spaCy): what is under test is
the transport, the attestation endpoint and the attesting client, not masking.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from tests.tlsutil import CA, Pem
from tests.unit.attest.conftest import (
    COLLATERAL,
    MRTD,
    QUOTE,
    REPORT_DATA_OFFSET,
    VERIFY_AT,
    SimulatedTsm,
)
from tests.unit.gateway.conftest import ScriptedUpstream
from tests.unit.gateway.fakes import FakeVeil
from veil.attest import AttestingTransport, Binding, Expected, TsmReport, load_collateral
from veil.cli.app import app
from veil.errors import AttestationError, UpstreamError
from veil.gateway import GatewayState, OpenAIUpstream, TenantRegistry, create_app
from veil.gateway.config import UpstreamConfig
from veil.gateway.tenants import Tenant, hash_api_key
from veil.gateway.tls import certificate_sha256, client_context, server_context

pytestmark = pytest.mark.slow

KEY = "sk-tls-tenant"


class ThreadServer:
    """The gateway app on 127.0.0.1 over TLS (uvicorn in a thread, Veil's server context)."""

    def __init__(self, app: Any, ctx: ssl.SSLContext) -> None:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.url = f"https://127.0.0.1:{sock.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        config.load()
        config.ssl = ctx
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=lambda: asyncio.run(self.server.serve(sockets=[sock])), daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    d = tmp_path_factory.mktemp("pki")
    ca, other = CA(d, "Veil Test CA"), CA(d, "Other CA")
    return {
        "ca": ca,
        "server": ca.issue("gateway"),
        "client": ca.issue("client-app", client=True),
        "stranger": other.issue("stranger", client=True),
        "dir": d,
    }


def _app(pki: dict[str, Any], upstream: ScriptedUpstream, tsm_root: Path) -> Any:
    state = GatewayState(
        core=FakeVeil(),
        upstream=OpenAIUpstream(
            "http://upstream.test/v1", transport=httpx.MockTransport(upstream.handler)
        ),
        tenants=TenantRegistry([Tenant("default")], {hash_api_key(KEY): "default"}),
    )
    app = create_app(state)
    app.state.tsm = TsmReport(tsm_root, timeout_s=5)
    app.state.tls_certificate_sha256 = certificate_sha256(pki["server"].cert)
    return app


class Upstream(ScriptedUpstream):
    """Echoes chats; answers ``GET /models`` with one model."""

    def handler(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json={"object": "list", "data": [{"id": "m"}]})
        return super().handler(request)


@pytest.fixture(scope="module")
def upstream() -> ScriptedUpstream:
    return Upstream()


@pytest.fixture(scope="module")
def tsm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimulatedTsm]:
    sim = SimulatedTsm(tmp_path_factory.mktemp("configfs") / "report")
    yield sim
    sim.close()


@pytest.fixture(scope="module")
def gateway(
    pki: dict[str, Any], upstream: ScriptedUpstream, tsm: SimulatedTsm
) -> Iterator[ThreadServer]:
    srv = ThreadServer(
        _app(pki, upstream, tsm.root), server_context(pki["server"].cert, pki["server"].key)
    )
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def mtls_gateway(
    pki: dict[str, Any], upstream: ScriptedUpstream, tsm: SimulatedTsm
) -> Iterator[ThreadServer]:
    ctx = server_context(pki["server"].cert, pki["server"].key, client_ca_file=pki["ca"].pem.cert)
    srv = ThreadServer(_app(pki, upstream, tsm.root), ctx)
    yield srv
    srv.stop()


def _client(pki: dict[str, Any], url: str, cert: Pem | None = None) -> httpx.Client:
    ctx = client_context(
        ca_file=pki["ca"].pem.cert,
        cert_file=cert.cert if cert else None,
        key_file=cert.key if cert else None,
    )
    return httpx.Client(
        base_url=url,
        verify=ctx,
        headers={"Authorization": f"Bearer {KEY}"},
        timeout=10,
    )


def _tls_version(pki: dict[str, Any], url: str, version: ssl.TLSVersion) -> str | None:
    ctx = ssl.create_default_context(cafile=str(pki["ca"].pem.cert))
    ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    ctx.maximum_version = version
    ctx.set_ciphers("ALL:@SECLEVEL=0")
    host, port = url.removeprefix("https://").split(":")
    try:
        with (
            socket.create_connection((host, int(port)), timeout=5) as raw,
            ctx.wrap_socket(raw, server_hostname=host) as s,
        ):
            return s.version()
    except (ssl.SSLError, OSError):
        return None


def test_tls_listener_needs_tls12_and_a_verifying_client(
    pki: dict[str, Any], gateway: ThreadServer
) -> None:
    with _client(pki, gateway.url) as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/v1/models").status_code == 200
    assert _tls_version(pki, gateway.url, ssl.TLSVersion.TLSv1_3) == "TLSv1.3"
    assert _tls_version(pki, gateway.url, ssl.TLSVersion.TLSv1_2) == "TLSv1.2"
    assert _tls_version(pki, gateway.url, ssl.TLSVersion.TLSv1_1) is None
    # A client that trusts only another CA refuses the gateway's certificate.
    other_ca = pki["dir"] / "other_ca.crt"
    with (
        pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"),
        httpx.Client(verify=str(other_ca)) as c,
    ):
        c.get(gateway.url + "/healthz")
    with pytest.raises(httpx.HTTPError):
        httpx.get(gateway.url.replace("https", "http") + "/healthz", timeout=5)


def test_mtls_requires_a_client_certificate_from_the_ca(
    pki: dict[str, Any], mtls_gateway: ThreadServer
) -> None:
    with _client(pki, mtls_gateway.url, pki["client"]) as c:
        assert c.get("/v1/models").status_code == 200
    for cert in (None, pki["stranger"]):
        with pytest.raises(httpx.HTTPError), _client(pki, mtls_gateway.url, cert) as c:
            c.get("/v1/models")


def test_upstream_tls_is_verified_against_the_ca_bundle(
    pki: dict[str, Any], gateway: ThreadServer
) -> None:
    async def models(cfg: UpstreamConfig) -> dict[str, Any]:
        up = OpenAIUpstream(gateway.url + "/v1", api_key=KEY, verify=cfg.tls_verify())
        try:
            return await up.models()
        finally:
            await up.aclose()

    base = gateway.url + "/v1"
    with pytest.raises(UpstreamError):  # system trust store: the test CA is unknown
        asyncio.run(models(UpstreamConfig(base_url=base)))
    ok = asyncio.run(models(UpstreamConfig(base_url=base, ca_bundle=pki["ca"].pem.cert)))
    assert ok["object"] == "list"


def test_attestation_endpoint_binds_the_nonce_and_the_served_certificate(
    pki: dict[str, Any], gateway: ThreadServer, tsm: SimulatedTsm
) -> None:
    nonce = os.urandom(32)
    with _client(pki, gateway.url) as c:
        anon = httpx.get(
            gateway.url + "/v1/attestation", params={"nonce": nonce.hex()},
            verify=str(pki["ca"].pem.cert),
        )  # fmt: skip
        assert anon.status_code == 401
        for params in (
            {},
            {"nonce": "00" * 8},
            {"nonce": "zz" * 32},
            {"nonce": nonce.hex(), "x": "1"},
        ):
            r = c.get("/v1/attestation", params=params)
            assert r.status_code == 400 and "nonce" in r.json()["error"]["message"], params
        r = c.get("/v1/attestation", params={"nonce": nonce.hex()})
        assert r.status_code == 200, r.text
        doc = r.json()
        served = hashlib.sha256(
            ssl.PEM_cert_to_DER_cert(pki["server"].cert.read_text())
        ).hexdigest()
    assert doc["tee"] == "tdx"
    binding = Binding.from_json(doc["binding"])
    assert binding.nonce == nonce.hex() and binding.tls_cert_sha256 == served
    assert len(binding.code_digest) == 64 and len(binding.policy_digest) == 64
    rd = binding.report_data()
    assert doc["report_data"] == rd.hex() and tsm.requests[-1] == rd
    quote = base64.b64decode(doc["quote"])
    assert quote[REPORT_DATA_OFFSET : REPORT_DATA_OFFSET + 64] == rd
    assert len(quote) == len(QUOTE)


def test_outside_a_tee_the_endpoint_says_so(pki: dict[str, Any], tmp_path: Path) -> None:
    app = _app(pki, Upstream(), tmp_path / "no-configfs")
    srv = ThreadServer(app, server_context(pki["server"].cert, pki["server"].key))
    try:
        with _client(pki, srv.url) as c:
            doc = c.get("/v1/attestation", params={"nonce": "ab" * 32}).json()
        assert doc["tee"] == "none" and "not running in an attestable TEE" in doc["reason"]
        assert "quote" not in doc
    finally:
        srv.stop()


def test_attesting_client_sends_no_prompt_unless_verification_passes(
    pki: dict[str, Any], gateway: ThreadServer, upstream: ScriptedUpstream
) -> None:
    """The simulated TD's quote carries the right REPORTDATA but no valid signature (there is
    no TDX module here): the client fetches and verifies evidence, refuses, and the prompt
    never reaches the gateway, let alone the upstream."""
    transport = AttestingTransport(
        httpx.HTTPTransport(verify=str(pki["ca"].pem.cert)),
        base_url=gateway.url,
        expected=Expected(mrtd=MRTD),
        collateral=load_collateral(COLLATERAL),
        headers={"Authorization": f"Bearer {KEY}"},
        clock=lambda: float(VERIFY_AT),
    )
    before = len(upstream.bodies)
    with httpx.Client(base_url=gateway.url, transport=transport, headers=transport.headers) as c:
        assert c.get("/v1/models").status_code == 200  # no prompt: no attestation needed
        with pytest.raises(AttestationError, match="quote_signature"):
            c.post(
                "/v1/chat/completions",
                json={"model": "m", "messages": [{"role": "user", "content": "Jane Doe"}]},
            )
    assert len(upstream.bodies) == before
    report = transport.last_report
    assert report is not None
    checks = {ch.name: ch.ok for ch in report.checks}
    # Everything the simulated TD can get right, it did; the signature is what it cannot fake.
    assert checks["nonce"] and checks["report_data"] and checks["tls_certificate"]
    assert checks["mrtd"] and not checks["quote_signature"]


def test_attest_verify_cli_reports_every_check_and_fails_closed(
    pki: dict[str, Any], gateway: ThreadServer, tmp_path: Path
) -> None:
    expect = tmp_path / "measurements.yaml"
    expect.write_text(f"mrtd: {MRTD}\ntcb_status: [UpToDate]\n")
    args = [
        "attest", "verify", gateway.url, "--expect", str(expect),
        "--collateral", str(COLLATERAL), "--ca-bundle", str(pki["ca"].pem.cert),
        "--at", str(VERIFY_AT), "--json",
    ]  # fmt: skip
    res = CliRunner().invoke(app, args, env={"VEIL_API_KEY": KEY})
    assert res.exit_code == 1, res.output
    out = json.loads(res.output)
    checks = {c["name"]: c["ok"] for c in out["checks"]}
    assert out["ok"] is False and "quote_signature" in out["error"]
    assert checks["nonce"] and checks["report_data"] and checks["tls_certificate"]
    assert checks["mrtd"] and not checks["quote_signature"]
    # Without the API key the gateway refuses the evidence request: still a failure, no crash.
    res = CliRunner().invoke(app, args, env={"VEIL_API_KEY": ""})
    assert res.exit_code == 1 and "401" in res.output
