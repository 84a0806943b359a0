"""A chat whose client resends its history, through the gateway app (in this process, over
httpx's ASGI transport) in front of the echo upstream: per turn, the messages sent, the
request's time, and the time in detection, in protect_many and in restore. Four conversations
of ten turns (~500-character messages; the answer, the prompt restored, comes back as
history); the last one printed. Learned backend, all languages.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python benchmarks/results/gateway_s43/chat_turns_s43.py

PYTHONPATH=<tree>/src runs another tree (`git archive <rev> src`).
"""
from __future__ import annotations

import asyncio
import base64
import collections
import functools
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def main() -> None:
    home = Path(tempfile.mkdtemp())
    os.environ.update({"VEIL_HOME": str(home), "HF_HUB_OFFLINE": "1",
                       "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()})
    (home / "policy.yaml").write_text(json.dumps({"ner_backend": "learned"}))
    os.environ["VEIL_POLICY_FILE"] = str(home / "policy.yaml")
    import httpx

    import veil.core
    import veil.detect.stage
    import veil.mask.restorer
    from veil.cli.bench_gateway import valued_prompt
    from veil.gateway.app import build_state, create_app
    from veil.gateway.config import GatewayConfig
    from veil.gateway.procs import spawn_on_socket, terminate
    from veil.gateway.runner import _warm_up

    up, up_url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                  "--reply-chars", "0"], env=dict(os.environ))
    cfg = GatewayConfig.load(None)
    cfg.upstream.base_url = up_url + "/v1"
    state = build_state(cfg)
    _warm_up(state.core, list(state.tenants.tenants))
    app = create_app(state)
    spent: collections.defaultdict[str, float] = collections.defaultdict(float)

    def timed(owner: Any, name: str, label: str) -> None:
        f: Callable[..., Any] = getattr(owner, name)

        @functools.wraps(f)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return f(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - t0

        setattr(owner, name, wrapper)

    timed(veil.detect.stage.DetectionStage, "detect_many", "detect")
    timed(veil.core.Veil, "protect_many", "protect_many")
    timed(veil.mask.restorer.Restorer, "restore", "restore")

    async def chats() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gw") as c, \
                app.router.lifespan_context(app):
            for conv in range(4):
                history: list[dict[str, str]] = []
                for turn in range(10):
                    text, _ = valued_prompt(conv * 100 + turn, tag=f"c{conv}t{turn}", size=500)
                    messages = [*history, {"role": "user", "content": text}]
                    spent.clear()
                    t0 = time.perf_counter()
                    r = await c.post("/v1/chat/completions",
                                     json={"model": "echo", "messages": messages},
                                     headers={"X-Veil-Session": f"conv{conv}"})
                    ms = (time.perf_counter() - t0) * 1000
                    answer = r.json()["choices"][0]["message"]["content"]
                    history = [*messages, {"role": "assistant", "content": answer}]
                    if conv == 3:
                        parts = ", ".join(f"{k} {v * 1000:.2f}" for k, v in spent.items())
                        print(f"turn {turn}: {len(messages)} messages, {ms:.1f} ms ({parts})")

    try:
        asyncio.run(chats())
    finally:
        terminate(up)


if __name__ == "__main__":
    main()
