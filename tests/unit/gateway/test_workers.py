"""``veil serve --workers N``: N processes on one socket sharing one vault, refused where the
vault cannot be shared."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from veil.config import Settings
from veil.errors import ConfigError
from veil.gateway.procs import spawn_on_socket, terminate
from veil.gateway.runner import check_workers

VEIL = str(Path(sys.executable).parent / "veil")


def test_one_worker_needs_nothing_shared(tmp_path: Path) -> None:
    check_workers(Settings(home=tmp_path, vault_path=Path(":memory:")), 1)


@pytest.mark.parametrize("path", [":memory:", "file::memory:?cache=shared"])
def test_in_memory_vault_is_refused_with_what_to_do(tmp_path: Path, path: str) -> None:
    with pytest.raises(ConfigError) as e:
        check_workers(Settings(home=tmp_path, vault_path=Path(path)), 2)
    msg = str(e.value)
    assert "--workers 2" in msg and "in-memory" in msg and "VEIL_VAULT_BACKEND=redis" in msg


def test_file_and_redis_vaults_are_shared(tmp_path: Path) -> None:
    check_workers(Settings(home=tmp_path), 4)
    check_workers(Settings(home=tmp_path, vault_backend="redis"), 4)
    with pytest.raises(ConfigError, match="at least 1"):
        check_workers(Settings(home=tmp_path), 0)


def test_cli_refuses_before_starting_anything(tmp_path: Path) -> None:
    env = {**os.environ, "VEIL_HOME": str(tmp_path), "VEIL_VAULT_PATH": ":memory:"}
    out = subprocess.run(
        [VEIL, "serve", "--workers", "2", "--upstream-base-url", "http://127.0.0.1:9/v1"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 2
    assert "in-memory vault" in out.stderr and "Traceback" not in out.stderr


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True,
                         text=True, check=False)
    return [int(x) for x in out.stdout.split()]


@pytest.mark.slow
def test_two_workers_share_socket_and_vault_and_stop_together(tmp_path: Path) -> None:
    record = tmp_path / "upstream.jsonl"
    env = {**os.environ, "VEIL_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1",
           "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    up, up_url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                  "--reply-chars", "0", "--record", str(record)], env=env)
    gw = None
    try:
        gw, url = spawn_on_socket([VEIL, "serve", "--workers", "2", "--upstream-base-url",
                                   up_url + "/v1", "--log-level", "warning"], env=env)
        workers = _children(gw.pid)
        assert len(workers) == 2
        values = ["jane.doe@example.com", "+1 415 555 0134", "DE89370400440532013000"]
        prompt = "Mail {} or call {}; refund to IBAN {}.".format(*values)
        # A fresh connection per request: the kernel hands them to either worker.
        for i in range(8):
            r = httpx.post(url + "/v1/chat/completions", timeout=120,
                           headers={"X-Veil-Session": f"conv-{i % 2}"},
                           json={"model": "echo",
                                 "messages": [{"role": "user", "content": prompt}]})
            assert r.status_code == 200, r.text
            assert r.json()["choices"][0]["message"]["content"] == "Echo: " + prompt
        sent = [json.loads(line)["text"] for line in record.read_text().splitlines()]
        assert len(sent) == 8
        assert not [v for v in values if any(v in s for s in sent)]
        # One session, one mapping in the shared vault, whichever worker masked the request.
        assert len({s for s in sent[0::2]}) == 1 and len({s for s in sent[1::2]}) == 1
        gw.send_signal(signal.SIGTERM)
        gw.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(os.path.exists(f"/proc/{w}") for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if os.path.exists(f"/proc/{w}")]
    finally:
        if gw is not None:
            terminate(gw)
        terminate(up)


def _listening(port: int) -> set[str]:
    """Socket inodes listening on ``port`` (IPv4, from /proc/net/tcp)."""
    out = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        f = line.split()
        if f[3] == "0A" and int(f[1].split(":")[1], 16) == port:  # 0A: LISTEN
            out.add(f[9])
    return out


def _sockets_of(pid: int) -> set[str]:
    out = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
            if target.startswith("socket:["):
                out.add(target[len("socket:[") : -1])
    return out


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SO_REUSEPORT spreads by hash "
                    "on Linux only")
def test_each_worker_listens_on_a_socket_of_its_own(tmp_path: Path) -> None:
    env = {**os.environ, "VEIL_HOME": str(tmp_path), "HF_HUB_OFFLINE": "1",
           "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    up, up_url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                  "--reply-chars", "0"], env=env)
    gw = None
    try:
        gw, url = spawn_on_socket([VEIL, "serve", "--workers", "2", "--upstream-base-url",
                                   up_url + "/v1", "--log-level", "warning"], env=env)
        port = int(url.rsplit(":", 1)[1])
        listening = _listening(port)
        own = [_sockets_of(w) & listening for w in _children(gw.pid)]
        # one listening socket per worker, none shared, none left with the master: a burst of
        # connections is spread by the kernel instead of going to the first worker awake
        assert [len(s) for s in own] == [1, 1] and own[0] != own[1]
        assert not _sockets_of(gw.pid) & listening
        assert len(listening) == 2
        r = httpx.post(url + "/v1/chat/completions", timeout=120,
                       json={"model": "echo", "messages": [{"role": "user", "content": "hi"}]})
        assert r.status_code == 200
    finally:
        if gw is not None:
            terminate(gw)
        terminate(up)
