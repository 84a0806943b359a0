"""A throw-away gateway with the console, for screenshots and the console's browser tests.

Everything runs in this process on loopback: the echo LLM (:mod:`veil.gateway.echo_upstream`)
and the real gateway app (``create_app``, as ``veil serve`` builds it) on uvicorn threads, over a
temporary ``VEIL_HOME``. Keys are fixed demo values that open only this gateway.
"""

from __future__ import annotations

import base64
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ADMIN_KEY = "sk-veil-demo-admin"
TENANT_KEYS = {"acme": "sk-veil-demo-acme", "globex": "sk-veil-demo-globex"}


class ThreadServer:
    """uvicorn serving ``app`` on a loopback port chosen by the OS, on a daemon thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> ThreadServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the demo server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@dataclass
class Demo:
    url: str  # the gateway (console under /console)
    upstream_url: str
    home: Path
    state: Any
    app: Any

    @property
    def console(self) -> Any:
        """The console of the gateway app (:class:`veil.console.routes.Console`)."""
        return self.app.state.console


def demo_config(upstream_url: str, *, ner: bool) -> Any:
    from veil.gateway.config import GatewayConfig
    from veil.gateway.tenants import hash_api_key

    policy = {"ner": ner}
    return GatewayConfig.model_validate({
        "upstream": {"base_url": upstream_url + "/v1"},
        "admin_api_key_sha256": [hash_api_key(ADMIN_KEY)],
        "tenants": [
            {"name": "acme", "api_key_sha256": [hash_api_key(TENANT_KEYS["acme"])],
             "policy": policy},
            {"name": "globex", "api_key_sha256": [hash_api_key(TENANT_KEYS["globex"])],
             "policy": {**policy, "default_operator": "pseudonym"}},
        ],
        "audit": {"checkpoint_seconds": 0.5, "checkpoint_every": 5},
    })


@contextmanager
def running_demo(home: Path, *, ner: bool = False) -> Iterator[Demo]:
    """Echo upstream + gateway (with the console) over ``home``; stopped on exit."""
    from veil import Veil
    from veil.config import Policy, Settings
    from veil.gateway.app import build_state, create_app
    from veil.gateway.echo_upstream import create_echo_app

    home.mkdir(parents=True, exist_ok=True)
    settings = Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode(),
                        cache_dir=Settings().cache_dir)
    with ThreadServer(create_echo_app()) as echo:
        cfg = demo_config(echo.url, ner=ner)
        state = build_state(cfg, core=Veil(settings, policy=Policy(ner=ner)))
        if ner:  # load spaCy now, not inside the first request
            for tenant in state.tenants.tenants:
                state.core.check_detector(tenant)
        app = create_app(state)
        with ThreadServer(app) as gw:
            yield Demo(gw.url, echo.url, home, state, app)


__all__ = ["ADMIN_KEY", "Demo", "TENANT_KEYS", "ThreadServer", "demo_config", "running_demo"]
