"""Real processes on loopback: the recording test upstream and ``veil serve`` in front of it.

Each server gets a socket bound here (port 0) and inherits it (``--fd``): no free-port races.
The gateway suite runs once per vault backend (SQLite, then Redis via ``redis_url``).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from tests.conftest import REDIS_DATABASES
from veil.gateway import hash_api_key

HERE = Path(__file__).parent
VEIL = str(Path(sys.executable).parent / "veil")

ADMIN_KEY = "sk-admin-test-key"  # opens /metrics
TENANT_KEYS = {
    "acme": "sk-acme-test-key",
    "globex": "sk-globex-test-key",
    "initech": "sk-initech-test-key",
}


@dataclass
class Proc:
    proc: subprocess.Popen[bytes]
    url: str
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(
    cmd: list[str], *, env: dict[str, str], log: Path, timeout: float,
    sock: socket.socket | None = None,
) -> Proc:
    """``sock``: a socket bound already (its URL was handed to another process first)."""
    if sock is None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [*cmd, "--fd", str(sock.fileno())],
            pass_fds=(sock.fileno(),),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    sock.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{cmd[0]} exited early:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return Proc(proc, url, log)
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop(proc)
    raise RuntimeError(
        f"{cmd[0]} not healthy after {timeout} s:\n{log.read_text(errors='replace')[-3000:]}"
    )


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Upstream:
    def __init__(self, p: Proc, record: Path) -> None:
        self.p, self.record = p, record
        self.url = p.url + "/v1"

    def bodies(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines() if line]

    def raw(self) -> str:
        return self.record.read_text() if self.record.exists() else ""


@pytest.fixture(scope="session")
def recording_upstream(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Upstream]:
    d = tmp_path_factory.mktemp("upstream")
    record = d / "requests.jsonl"
    p = start_server(
        [sys.executable, str(HERE / "recording_upstream.py"), "--record", str(record)],
        env=dict(os.environ),
        log=d / "upstream.log",
        timeout=60,
    )
    try:
        yield Upstream(p, record)
    finally:
        stop(p.proc)


#: the gateways' databases start above those that other tests pick by number (0-15: a vault
#: test's "/9" met a gateway's ninth, made with another master key)
_redis_dbs = itertools.count(16)


def _fresh_redis_db(url: str) -> str:
    """The same server, a database no other gateway or test of this run used: each gateway has
    its own random master key, so a vault another one created would not unwrap."""
    parts = urlsplit(url)
    db = next(_redis_dbs)
    if db >= REDIS_DATABASES:
        raise RuntimeError(f"more than {REDIS_DATABASES - 16} Redis-backed gateways in one test "
                           "run; raise REDIS_DATABASES in tests/conftest.py")
    return urlunsplit(parts._replace(path=f"/{db}"))


def gateway_env(home: Path, backend: str, redis_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
    env.update(
        VEIL_HOME=str(home),
        VEIL_MASTER_KEY=base64.b64encode(os.urandom(32)).decode(),
        VEIL_VAULT_BACKEND=backend,
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["VEIL_REDIS_URL"] = _fresh_redis_db(redis_url)
    if backend == "redis":
        # The audit log lives in Redis too and is shared: one signing key for every replica.
        env["VEIL_AUDIT_SIGNING_KEY"] = base64.b64encode(os.urandom(32)).decode()
    return env


def write_config(path: Path) -> Path:
    tenants = []
    for name, key in TENANT_KEYS.items():
        t: dict[str, Any] = {"name": name, "api_key_sha256": [hash_api_key(key)]}
        if name == "acme":
            t["terms"] = [{"term": "Project Falcon", "type": "PROJECT"}]
        tenants.append(t)
    path.write_text(
        json.dumps(
            {
                "session_secret": "e2e-secret",
                "tenants": tenants,
                "admin_api_key_sha256": [hash_api_key(ADMIN_KEY)],
            }
        )
    )  # JSON is YAML
    return path


@pytest.fixture(scope="module", params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def gateway(
    request: pytest.FixtureRequest,
    recording_upstream: Upstream,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Proc]:
    backend = request.param
    redis_url = request.getfixturevalue("redis_url") if backend == "redis" else None
    d = tmp_path_factory.mktemp(f"gateway-{backend}")
    p = start_server(
        [
            VEIL,
            "serve",
            "--upstream-base-url",
            recording_upstream.url,
            "--config",
            str(write_config(d / "gateway.yaml")),
        ],
        env=gateway_env(d / "home", backend, redis_url),
        log=d / "gateway.log",
        timeout=240,
    )
    try:
        yield p
    finally:
        stop(p.proc)


#: Keys of the gateway shared by the embeddings, Presidio, batch and wrapper tests: two keys of
#: tenant ``acme`` (placeholders) and one of ``globex`` (embedding pseudonyms).
API_KEYS = {"acme-a": "sk-api-acme-alice", "acme-b": "sk-api-acme-bob", "globex": "sk-api-globex"}
#: LiteLLM's proxy (process, URL, log) when a LiteLLM test was collected (see ``api_gateway``).
LITELLM: dict[str, tuple[subprocess.Popen[bytes], str, Path]] = {}


@pytest.fixture(scope="session")
def api_gateway(
    request: pytest.FixtureRequest,
    recording_upstream: Upstream,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Proc]:
    """One ``veil serve`` (SQLite vault) for the API-surface tests, started once per run."""
    d = tmp_path_factory.mktemp("api-gateway")
    cfg = {
        "session_secret": "api-e2e-secret",
        "tenants": [
            {
                "name": "acme",
                "api_key_sha256": [hash_api_key(API_KEYS[k]) for k in ("acme-a", "acme-b")],
            },
            {
                "name": "globex",
                "api_key_sha256": [hash_api_key(API_KEYS["globex"])],
                "policy": {"embeddings": "pseudonym"},
            },
        ],
    }
    path = d / "gateway.yaml"
    path.write_text(json.dumps(cfg))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    if any("test_litellm" in item.nodeid for item in request.session.items):
        # LiteLLM's proxy takes as long to start as the gateway: both start at once.
        from tests.e2e.test_litellm_presidio import launch_litellm

        LITELLM["proxy"] = launch_litellm(url, recording_upstream.url, d)
    p = start_server(
        [VEIL, "serve", "--upstream-base-url", recording_upstream.url, "--config", str(path)],
        env=gateway_env(d / "home", "sqlite", None),
        log=d / "gateway.log",
        timeout=240,
        sock=sock,
    )
    try:
        yield p
    finally:
        stop(p.proc)
        if "proxy" in LITELLM:
            stop(LITELLM.pop("proxy")[0])


# The Responses/Messages suites' gateway (one per session, shared by both modules).
from .api_stack import api_stack_fixture  # noqa: E402,F401
