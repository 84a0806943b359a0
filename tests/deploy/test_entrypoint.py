"""The container's start-up script, run as is outside a container: secrets from files, writable
paths checked, no network needed, the health-check subcommand, a masked round trip."""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import start_server, stop
from veil.gateway import hash_api_key

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = str(ROOT / "deploy" / "entrypoint.sh")
BIN = str(Path(sys.executable).parent)
KEY = "sk-entrypoint-test"


def base_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VEIL_")}
    secrets = tmp / "secrets"
    secrets.mkdir(exist_ok=True)
    (secrets / "master_key").write_text(base64.b64encode(os.urandom(32)).decode() + "\n")
    (secrets / "session_secret").write_text("entrypoint-session-secret")
    cfg = tmp / "gateway.yaml"
    cfg.write_text(json.dumps({
        "session_secret_env": "VEIL_SESSION_SECRET",
        # NER off: this checks the start-up script, not detection (spaCy adds ~10 s here).
        "tenants": [{"name": "t", "api_key_sha256": [hash_api_key(KEY)], "policy": {"ner": False}}],
    }))
    env.update(
        PATH=f"{BIN}:{env.get('PATH', '/usr/bin:/bin')}",
        VEIL_HOME=str(tmp / "home"), VEIL_CACHE_DIR=str(tmp / "cache"),
        VEIL_MASTER_KEY_FILE=str(secrets / "master_key"),
        VEIL_SESSION_SECRET_FILE=str(secrets / "session_secret"),
        VEIL_GATEWAY_CONFIG=str(cfg), HOME=str(tmp / "nohome"), TMPDIR=str(tmp / "tmp"),
    )
    (tmp / "tmp").mkdir(exist_ok=True)
    (tmp / "nohome").mkdir(exist_ok=True)
    return env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", ENTRYPOINT, *args], env=env, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)


def test_refuses_an_unreadable_secret_file(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    env["VEIL_MASTER_KEY_FILE"] = str(tmp_path / "missing")
    r = run(env)
    assert r.returncode == 64 and "VEIL_MASTER_KEY_FILE" in r.stderr and "mount" in r.stderr


def test_refuses_a_home_that_is_not_a_directory(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    (tmp_path / "file").write_text("x")
    env["VEIL_HOME"] = str(tmp_path / "file")
    r = run(env)
    assert r.returncode == 64 and "not writable" in r.stderr and "volume" in r.stderr


def test_redis_backend_needs_the_shared_key(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    del env["VEIL_MASTER_KEY_FILE"]
    env["VEIL_VAULT_BACKEND"] = "redis"
    r = run(env)
    assert r.returncode == 64 and "same vault" in r.stderr
    # The key's value never appears in what the script prints.
    assert base64.b64encode(b"x").decode() not in r.stderr


@pytest.mark.slow
@pytest.mark.redis
def test_redis_backend_needs_the_shared_audit_signing_key(tmp_path: Path, redis_url: str) -> None:
    env = base_env(tmp_path)
    env.update(VEIL_VAULT_BACKEND="redis", VEIL_REDIS_URL=redis_url, VEIL_PORT="0",
               VEIL_UPSTREAM_BASE_URL="http://127.0.0.1:9/v1")
    env["VEIL_AUDIT_SIGNING_KEY_FILE"] = str(tmp_path / "missing")  # read like every secret
    r = run(env)
    assert r.returncode == 64 and "VEIL_AUDIT_SIGNING_KEY_FILE" in r.stderr
    # Without the key the gateway itself refuses to start, saying what to set: each replica
    # would otherwise sign the one log in Redis with a key of its own.
    del env["VEIL_AUDIT_SIGNING_KEY_FILE"]
    r = run(env)
    assert r.returncode != 0 and "VEIL_AUDIT_SIGNING_KEY" in r.stderr, r.stderr[-2000:]
    assert "every replica" in r.stderr
    assert not (tmp_path / "home" / "audit-signing.key").exists()


def test_healthcheck_fails_when_nothing_listens(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        env["VEIL_PORT"] = str(s.getsockname()[1])
    assert run(env, "healthcheck").returncode == 1


@pytest.mark.slow
def test_serves_masks_and_restores_with_only_the_mounted_paths_written(tmp_path: Path) -> None:
    up = start_server(
        [sys.executable, "-m", "veil.gateway.echo_upstream"], env=dict(os.environ),
        log=tmp_path / "upstream.log", timeout=60,
    )
    env = base_env(tmp_path)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env.update(VEIL_HOST="127.0.0.1", VEIL_PORT=str(port), VEIL_UPSTREAM_BASE_URL=up.url + "/v1")
    log = (tmp_path / "gateway.log").open("wb")
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    proc = subprocess.Popen(["sh", ENTRYPOINT], env=env, cwd=cwd, stdout=log,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert proc.poll() is None, (tmp_path / "gateway.log").read_text()
            try:
                if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        assert run(env, "healthcheck").returncode == 0
        email = "jane.roe@example.org"
        r = httpx.post(
            url + "/v1/chat/completions", timeout=60,
            headers={"authorization": f"Bearer {KEY}"},
            json={"model": "echo", "messages": [{"role": "user", "content": f"Mail {email}"}]},
        )
        assert r.status_code == 200, r.text
        assert r.json()["choices"][0]["message"]["content"] == f"Echo: Mail {email}"
    finally:
        stop(proc)
        stop(up.proc)
        log.close()
    # Read-only root friendly: nothing written outside the mounted paths (home, cache, tmp).
    assert list(cwd.iterdir()) == [] and list((tmp_path / "nohome").iterdir()) == []
    assert (tmp_path / "home").is_dir()
    assert email not in (tmp_path / "gateway.log").read_text()
