"""Child server processes: start them on a socket bound by the parent (no port races), pick a free
port for servers that only take ``--port``, and stop them. The one home of these helpers for the
CLI benchmarks and the test suites."""

from __future__ import annotations

import socket
import subprocess  # nosec B404 # subprocess runs fixed project commands only
import sys
import time
from typing import IO

import httpx

from veil.errors import ConfigError

#: SO_REUSEPORT spreads connections over the listening sockets by address on Linux only
_PORT_SHARING = sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def allow_port_sharing(sock: socket.socket) -> None:
    """Let the workers of one gateway each listen on this socket's port (``SO_REUSEPORT``, set
    before ``bind``); Linux only, where the kernel spreads new connections over the listening
    sockets by their addresses. Elsewhere the workers share the one socket."""
    if _PORT_SHARING:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)


def port_is_shared(sock: socket.socket) -> bool:
    """Whether :func:`allow_port_sharing` was applied to ``sock`` (before its ``bind``)."""
    return _PORT_SHARING and sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1


def free_port(host: str = "127.0.0.1") -> int:
    """A port that was free a moment ago, for servers that cannot take a bound socket (``--fd``).
    Another process may take it before the server binds: callers retry on a failed start."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def spawn_on_socket(
    cmd: list[str],
    *,
    env: dict[str, str] | None = None,
    timeout_s: float = 300.0,
    output: IO[bytes] | int | None = subprocess.DEVNULL,
    host: str = "127.0.0.1",
    share_port: bool = True,
) -> tuple[subprocess.Popen[bytes], str]:
    """Run ``cmd --fd N`` on a fresh loopback socket; wait for ``/healthz``. Returns the process
    and its base URL (without ``/v1``). ``share_port``: a gateway with ``--workers`` gives each
    worker a listening socket of its own (False: they share this one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if share_port:
        allow_port_sharing(sock)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    try:
        proc = subprocess.Popen(  # nosec B603 # fixed argv of project binaries, no shell
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


def terminate(proc: subprocess.Popen[bytes], *, timeout_s: float = 10.0) -> None:
    """SIGTERM ``proc``, then SIGKILL if it has not exited after ``timeout_s``."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


__all__ = ["free_port", "spawn_on_socket", "terminate"]
