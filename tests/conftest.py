"""Shared fixtures: isolated settings, a master key, and a real redis-server on loopback."""

from __future__ import annotations

import base64
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from veil.config import Settings
from veil.gateway.procs import free_port, terminate

REDIS_SERVER = os.environ.get("VEIL_TEST_REDIS_SERVER", "/usr/bin/redis-server")
# No detection worker processes unless a test asks for them (tests/unit/detect/test_shards.py):
# every gateway a test starts would otherwise start one and wait for it to load its engine.
os.environ.setdefault("VEIL_DETECT_WORKERS", "0")


def _ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


#: databases of a test session's redis-server
REDIS_DATABASES = 64


def redis_binary() -> str | None:
    return REDIS_SERVER if os.path.exists(REDIS_SERVER) else shutil.which("redis-server")


def start_redis(workdir: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Start redis-server on 127.0.0.1 (free port, no persistence); wait for PING."""
    binary = redis_binary()
    assert binary, "redis-server binary missing"
    for _ in range(3):  # the free port can be taken between probing and binding: retry
        port = free_port()
        proc = subprocess.Popen(
            [
                binary,
                "--port", str(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(workdir),
                "--protected-mode", "yes",
                # 0-15 for the tests that pick their own, 16 on for the gateways' fresh ones
                # (tests/e2e/conftest.py): two schemes on one server's 16 collided
                "--databases", str(REDIS_DATABASES),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None and not _ping(port):
            time.sleep(0.05)
        if proc.poll() is None and _ping(port):
            return proc, port
        stop_redis(proc)
    pytest.fail("redis-server did not answer PING within 10 s on loopback")


def stop_redis(proc: subprocess.Popen[bytes]) -> None:
    terminate(proc, timeout_s=5)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a throw-away redis-server (no persistence) started for this test session."""
    if not redis_binary():
        pytest.skip(
            "redis-server binary not found: run `make services-install` (scripts/ensure-redis.sh)"
        )
    proc, port = start_redis(tmp_path_factory.mktemp("redis"))
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_redis(proc)


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[Callable[[], tuple[int, Callable[[], None]]]]:
    """Start a private redis-server (for tests that stop it); returns (port, stop)."""
    if not redis_binary():
        pytest.skip("redis-server binary not found: run `make services-install`")
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> tuple[int, Callable[[], None]]:
        proc, port = start_redis(tmp_path)
        procs.append(proc)
        return port, lambda: stop_redis(proc)

    yield start
    for p in procs:
        stop_redis(p)


@pytest.fixture
def master_key() -> str:
    """A fresh base64 master key."""
    return base64.b64encode(os.urandom(32)).decode()


@pytest.fixture
def settings(tmp_path: Path, master_key: str) -> Settings:
    """Settings isolated in a temporary home (SQLite vault, explicit master key)."""
    return Settings(home=tmp_path / "home", master_key=master_key, vault_backend="sqlite")
