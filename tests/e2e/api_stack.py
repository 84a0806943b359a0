"""Real processes for the Responses API and Anthropic Messages suites: the three-format recording
upstream (``api_upstream.py``) and one ``veil serve`` in front of it, with upstream kind
``openai`` and no Responses endpoint, so ``/v1/responses`` and ``/v1/messages`` are translated
to chat completions (the vLLM case). Shared by both suites (a gateway start loads spaCy). The
other upstream kinds (``anthropic``, an OpenAI upstream with its own ``/responses``, ``azure``)
are driven in process by tests/unit/gateway with the same SDKs.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from veil.gateway import hash_api_key

from .conftest import TENANT_KEYS, VEIL, Proc, Upstream, gateway_env, start_server, stop

HERE = Path(__file__).parent

#: Every sensitive value any test of these suites sent; none may appear in a gateway's log.
SENT: set[str] = set()


@dataclass
class Stack:
    upstream: Upstream
    openai: Proc

    def meta(self) -> list[dict[str, Any]]:
        path = Path(str(self.upstream.record) + ".meta")
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line]


def _config(path: Path, kind: str) -> Path:
    tenants = [
        {"name": name, "api_key_sha256": [hash_api_key(key)]}
        for name, key in TENANT_KEYS.items()
    ]
    cfg: dict[str, Any] = {
        "session_secret": "api-e2e-secret",
        "tenants": tenants,
        "upstream": {"kind": kind, "api_key": "sk-upstream-secret"},
    }
    path.write_text(json.dumps(cfg))
    return path


@pytest.fixture(scope="session", name="api_stack")
def api_stack_fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    d = tmp_path_factory.mktemp("api-stack")
    record = d / "requests.jsonl"
    up = start_server(
        [sys.executable, str(HERE / "api_upstream.py"), "--record", str(record)],
        env=dict(os.environ),
        log=d / "upstream.log",
        timeout=60,
    )
    upstream = Upstream(up, record)

    g = d / "gateway"
    g.mkdir()
    gw: Proc | None = None
    try:
        gw = start_server(
            [VEIL, "serve", "--upstream-base-url", upstream.url,
             "--config", str(_config(g / "gateway.yaml", "openai"))],
            env=gateway_env(g / "home", "sqlite", None),
            log=g / "gateway.log",
            timeout=300,
        )
        yield Stack(upstream, gw)
    finally:
        if gw is not None:
            stop(gw.proc)
        stop(up.proc)
        if gw is not None:
            leaked = sorted(v for v in SENT if v in gw.log_text())
            assert not leaked, f"{len(leaked)} sensitive value(s) appear in the gateway's log"
