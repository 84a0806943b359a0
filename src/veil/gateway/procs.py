"""Starting HTTP servers as child processes on a socket bound by the parent (no port races)."""

from __future__ import annotations

import socket
import subprocess
import time
from typing import IO

import httpx

from veil.errors import ConfigError


def spawn_on_socket(
    cmd: list[str],
    *,
    env: dict[str, str] | None = None,
    timeout_s: float = 300.0,
    output: IO[bytes] | int | None = subprocess.DEVNULL,
    host: str = "127.0.0.1",
) -> tuple[subprocess.Popen[bytes], str]:
    """Run ``cmd --fd N`` on a fresh loopback socket; wait for ``/healthz``. Returns the process
    and its base URL (without ``/v1``)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    try:
        proc = subprocess.Popen(
            [*cmd, "--fd", str(sock.fileno())],
            pass_fds=(sock.fileno(),),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
        )
    finally:
        sock.close()
    url = f"http://{host}:{port}"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ConfigError(f"{cmd[0]} exited during start-up (exit code {proc.returncode})")
        try:
            if httpx.get(f"{url}/healthz", timeout=1.0).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    terminate(proc)
    raise ConfigError(f"{cmd[0]} did not become healthy within {timeout_s:.0f} s")


def terminate(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


__all__ = ["spawn_on_socket", "terminate"]
