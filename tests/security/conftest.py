"""Real processes for the attack suite: the hostile upstream and ``veil serve`` in front of it.

One gateway per vault backend (SQLite, then Redis) is shared by the whole suite (starting one
loads spaCy): a *tenant* gateway (API keys: two of tenant ``acme``, one of ``globex``, one of a
rate-limited tenant, and an admin key) and an *open* gateway (no tenants, loopback, anonymous
callers). Every value a test plants goes into :data:`PLANTED`; the gateway logs are scanned for
all of them when the suite ends (and by ``test_logs.py``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from tests.e2e.conftest import VEIL, Proc, Upstream, gateway_env, stop
from tests.e2e.conftest import start_server as _start_ready
from veil.gateway import hash_api_key

HERE = Path(__file__).parent

KEYS = {
    "acme-a": "sk-acme-alice-key",
    "acme-b": "sk-acme-bob-key",
    "globex": "sk-globex-key",
    "throttled": "sk-throttled-key",
}
ADMIN_KEY = "sk-veil-admin-key"
#: Requests per minute of the ``throttled`` tenant.
RATE_LIMIT = 3
TENANT_NAMES = ("acme", "globex", "throttled")

#: Every sensitive value any test sent through a gateway; none may appear in a gateway's log.
PLANTED: set[str] = set()


def plant(*values: str) -> None:
    PLANTED.update(values)


def start_server(
    cmd: list[str], *, env: dict[str, str], log: Path, timeout: float, ready: str = "/readyz"
) -> Proc:
    """The e2e helper (waits for ``/readyz``), or wait for ``ready`` instead: a gateway whose
    upstream is down on purpose is alive (``/healthz``) but never ready."""
    if ready == "/readyz":
        return _start_ready(cmd, env=env, log=log, timeout=timeout)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [*cmd, "--fd", str(sock.fileno())], pass_fds=(sock.fileno(),), env=env,
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
        )
    sock.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(url + ready, timeout=5).status_code == 200:
                return Proc(proc, url, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(proc)
    tail = log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"{cmd[0]} did not answer {ready}:\n{tail}")


def gateway_config(path: Path) -> Path:
    """The tenant gateway's YAML (JSON is YAML). Settings the gateway of this checkout does not
    know yet are left out, so the gateway still starts and only the tests of that feature fail."""
    from veil.gateway.config import GatewayConfig, TenantConfig

    top = set(GatewayConfig.model_fields)
    per_tenant = set(TenantConfig.model_fields)
    tenants: list[dict[str, Any]] = [
        {"name": "acme", "api_key_sha256": [hash_api_key(KEYS["acme-a"]),
                                            hash_api_key(KEYS["acme-b"])]},
        {"name": "globex", "api_key_sha256": [hash_api_key(KEYS["globex"])]},
        {"name": "throttled", "api_key_sha256": [hash_api_key(KEYS["throttled"])]},
    ]
    if "limits" in per_tenant:
        tenants[2]["limits"] = {"requests_per_minute": RATE_LIMIT}
    cfg: dict[str, Any] = {"session_secret": "security-suite-secret", "tenants": tenants}
    if "admin_api_key_sha256" in top:
        cfg["admin_api_key_sha256"] = [hash_api_key(ADMIN_KEY)]
    path.write_text(json.dumps(cfg))
    return path


@pytest.fixture(scope="session")
def attack_upstream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Upstream]:
    d = tmp_path_factory.mktemp("attack-upstream")
    record = d / "requests.jsonl"
    p = start_server(
        [sys.executable, str(HERE / "upstream.py"), "--record", str(record)],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        log=d / "upstream.log",
        timeout=60,
    )
    try:
        yield Upstream(p, record)
    finally:
        stop(p.proc)


def _serve(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    upstream_url: str,
    name: str,
    *extra: str,
) -> Iterator[Proc]:
    backend = request.param
    redis_url = request.getfixturevalue("redis_url") if backend == "redis" else None
    d = tmp_path_factory.mktemp(f"{name}-{backend}")
    p = start_server(
        [VEIL, "serve", "--upstream-base-url", upstream_url, *extra],
        env=gateway_env(d / "home", backend, redis_url),
        log=d / "gateway.log",
        timeout=240,
    )
    try:
        yield p
    finally:
        stop(p.proc)
        leaked = sorted(v for v in PLANTED if v in p.log_text())
        assert not leaked, f"{len(leaked)} planted value(s) appear in the {name} gateway's log"


BACKENDS = ["sqlite", pytest.param("redis", marks=pytest.mark.redis)]


@pytest.fixture(scope="session", params=BACKENDS)
def tenant_gateway(
    request: pytest.FixtureRequest,
    attack_upstream: Upstream,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Proc]:
    """``veil serve`` with tenant keys and an admin key, in front of the hostile upstream."""
    cfg = gateway_config(tmp_path_factory.mktemp("config") / "gateway.yaml")
    yield from _serve(request, tmp_path_factory, attack_upstream.url, "tenant", "--config",
                      str(cfg))


@pytest.fixture(scope="session", params=BACKENDS)
def open_gateway(
    request: pytest.FixtureRequest,
    attack_upstream: Upstream,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Proc]:
    """``veil serve`` on loopback without tenants: every caller is anonymous."""
    yield from _serve(request, tmp_path_factory, attack_upstream.url, "open")


def client(gw: Proc, who: str | None = "acme-a", **headers: str) -> openai.OpenAI:
    """The official client as the holder of key ``who`` (None: no key, for the open gateway)."""
    return openai.OpenAI(
        base_url=gw.url + "/v1",
        api_key=KEYS[who] if who else "unused",
        max_retries=0,
        timeout=120,
        default_headers=headers or None,
    )


def raw(gw: Proc, who: str | None = "acme-a") -> httpx.Client:
    """A plain HTTP client (for bodies and headers the openai client would not send or show)."""
    headers = {"Authorization": f"Bearer {KEYS[who]}"} if who else {}
    return httpx.Client(base_url=gw.url, headers=headers, timeout=120)


def sent_since(upstream: Upstream, start: int) -> str:
    """Everything the upstream received after the first ``start`` requests, as one JSON text."""
    return json.dumps(upstream.bodies()[start:], ensure_ascii=False)


def assert_openai_error(resp: httpx.Response, status: int) -> dict[str, Any]:
    assert resp.status_code == status, (resp.status_code, resp.text[:300])
    body = resp.json()
    err = body.get("error")
    assert isinstance(err, dict) and isinstance(err.get("message"), str), body
    assert isinstance(err.get("type"), str)
    return err
