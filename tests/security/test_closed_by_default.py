"""Attack 4: a gateway that anyone can reach, and admin routes that tell on the tenants.

- ``veil serve`` on a non-loopback address without tenant keys refuses to start and names
  ``--insecure-no-auth`` (the explicit way out).
- ``/metrics`` and ``/openapi.json`` answer only the admin key (401/404, OpenAI-shaped, no tenant
  names otherwise).
- ``/readyz`` says 503 while the vault is down and ``/healthz`` stays 200; requests then fail
  closed (nothing is forwarded).
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import VEIL, Proc, Upstream, gateway_env, start_server, stop

from .conftest import ADMIN_KEY, KEYS, TENANT_NAMES, assert_openai_error, plant, sent_since

pytestmark = pytest.mark.slow


def _non_loopback_ipv4() -> str | None:
    """An address of this machine other than loopback, if it has one (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            ip = str(s.getsockname()[0])
        except OSError:
            return None
    return None if ip.startswith("127.") or ip == "0.0.0.0" else ip


HOSTS = ["0.0.0.0"] + ([ip] if (ip := _non_loopback_ipv4()) else [])


@pytest.mark.parametrize("host", HOSTS)
def test_public_bind_without_keys_refuses_to_start(host: str, tmp_path: Path) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    log = tmp_path / "gateway.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [VEIL, "serve", "--host", host, "--upstream-base-url", "http://127.0.0.1:9/v1",
             "--fd", str(sock.fileno())],
            pass_fds=(sock.fileno(),),
            env=gateway_env(tmp_path / "home", "sqlite", None),
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
        )
    sock.close()
    served = False
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                served = httpx.get(f"http://{host}:{port}/healthz", timeout=1).status_code == 200
            if served:
                break
            time.sleep(0.3)
    finally:
        stop(proc)
    assert not served, f"the gateway served on {host} without any API key"
    assert proc.returncode not in (0, None)
    assert "--insecure-no-auth" in log.read_text(errors="replace")


ADMIN_ROUTES = ["/metrics", "/openapi.json"]


@pytest.mark.parametrize("path", ADMIN_ROUTES)
@pytest.mark.parametrize("who", [None, "acme-a", "wrong"])
def test_admin_routes_need_the_admin_key(tenant_gateway: Proc, path: str, who: str | None) -> None:
    headers = {}
    if who:
        headers["Authorization"] = f"Bearer {KEYS.get(who, 'sk-not-a-key')}"
    resp = httpx.get(tenant_gateway.url + path, headers=headers, timeout=30)
    assert resp.status_code in (401, 403, 404), resp.status_code
    assert_openai_error(resp, resp.status_code)
    assert not any(t in resp.text for t in TENANT_NAMES)


def test_admin_key_opens_metrics_and_openapi(tenant_gateway: Proc) -> None:
    h = {"Authorization": f"Bearer {ADMIN_KEY}"}
    metrics = httpx.get(tenant_gateway.url + "/metrics", headers=h, timeout=30)
    assert metrics.status_code == 200
    assert "veil_" in metrics.text
    spec = httpx.get(tenant_gateway.url + "/openapi.json", headers=h, timeout=30)
    assert spec.status_code == 200
    assert "/v1/chat/completions" in spec.json()["paths"]


def test_admin_key_is_not_a_tenant_key(tenant_gateway: Proc) -> None:
    resp = httpx.post(
        tenant_gateway.url + "/v1/chat/completions",
        headers={"Authorization": f"Bearer {ADMIN_KEY}"},
        json={"model": "echo", "messages": [{"role": "user", "content": "hi"}]},
        timeout=30,
    )
    assert_openai_error(resp, 401)


@pytest.mark.redis
def test_readyz_reports_a_vault_that_is_down(
    redis_server,  # type: ignore[no-untyped-def]
    attack_upstream: Upstream,
    tmp_path: Path,
) -> None:
    port, stop_redis = redis_server()
    p = start_server(
        [VEIL, "serve", "--upstream-base-url", attack_upstream.url],
        env=gateway_env(tmp_path / "home", "redis", f"redis://127.0.0.1:{port}/0"),
        log=tmp_path / "gateway.log",
        timeout=240,
    )
    try:
        assert httpx.get(p.url + "/readyz", timeout=10).status_code == 200
        stop_redis()
        deadline, status = time.monotonic() + 15, 200
        while time.monotonic() < deadline and status != 503:
            status = httpx.get(p.url + "/readyz", timeout=10).status_code
            time.sleep(0.2)
        resp = httpx.get(p.url + "/readyz", timeout=10)
        assert_openai_error(resp, 503)
        assert httpx.get(p.url + "/healthz", timeout=10).status_code == 200
        # and a request fails closed: refused, nothing forwarded
        value = "vault.down@example.com"
        plant(value)
        n = len(attack_upstream.bodies())
        chat = httpx.post(
            p.url + "/v1/chat/completions",
            json={"model": "echo", "messages": [{"role": "user", "content": f"Mail {value}"}]},
            timeout=60,
        )
        assert_openai_error(chat, 503)
        assert value not in sent_since(attack_upstream, n)
        assert value not in p.log_text()
    finally:
        stop(p.proc)
