"""``veil bench instructions --gateway N``: the instructions one gateway request adds, counted
by callgrind in one process: the real app (``create_app(build_state(...))``) served by uvicorn
on a loopback socket, in front of the echo upstream (:mod:`veil.gateway.echo_upstream`) served
on another, both on one event loop, and a client sending the ~1 KB prompts with 4-6 values that
``veil bench gateway`` sends (:func:`~veil.cli.bench_gateway.valued_prompt`), a new session each.

Python's own functions are not callgrind's (it sees the interpreter's C functions), so the
request is split by passes, each dumped on its own: the same prompts sent straight to the echo
(``direct``) and through the gateway, plain and streamed; then ``protect_many`` of like prompts
(what the gateway asks of the core: detection, masking, the vault write) and the detection
engine alone on like prompts. The gateway adds ``gateway - direct``; of that, ``protect`` is
the core's and the rest is the gateway's own (HTTP, middleware, parsing and the field walk,
the hand-off to the masking threads, the upstream client, restoration, the audit record).
The core's passes read prompts of their own (new seeds of the same shape): the detection
engine's per-text memo would otherwise answer them from the gateway pass.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import subprocess  # nosec B404 # runs callgrind_control with fixed arguments
import sys
import tempfile
from pathlib import Path
from typing import Any

#: the passes in the order the child runs and dumps them (callgrind numbers dumps from 1)
PASSES = ("direct", "plain", "direct_stream", "stream", "protect", "detect")
#: seeds a pass's prompts start at: far apart (no prompt met twice), and a multiple of every
#: cycle of valued_prompt's choices (names, IBANs, cities, 4-6 values), so each pass reads the
#: same mix of prompt shapes
_SEED_STEP = 2 * 3 * 5 * 7 * 9 * 100
#: warm-up requests per pass before counting (models, pools, regex caches, the vault's pages)
WARM_UP = 4


def derived(per_request: dict[str, float]) -> dict[str, float]:
    """From each pass's instructions per request: what the gateway adds (plain and streamed),
    the core's share of it (protect_many, of which detection) and the gateway's own rest."""
    plain = per_request["plain"] - per_request["direct"]
    stream = per_request["stream"] - per_request["direct_stream"]
    protect, detect = per_request["protect"], per_request["detect"]
    return {
        "added_plain": plain,
        "added_stream": stream,
        "protect": protect,
        "detection": detect,
        "masking_and_vault": protect - detect,
        "gateway_own_plain": plain - protect,
        "gateway_own_stream": stream - protect,
    }


def markdown(block: dict[str, Any]) -> str:
    """The gateway section of the report: each pass by kind, then the split."""
    passes = block["passes"]
    kinds = sorted({k for p in passes.values() for k in p["by_kind_per_request"]},
                   key=lambda k: -passes["plain"]["by_kind_per_request"].get(k, 0.0))
    lines = [f"## Gateway requests ({block['requests']} per pass)", "",
             "One process: the gateway app and the echo upstream each served by uvicorn on "
             "loopback, ~1 KB prompts with 4-6 values (`veil bench gateway`'s), a new session "
             "per request; k instructions per request.", "",
             "| kind of work | " + " | ".join(PASSES) + " |", "|---|" + "---|" * len(PASSES)]
    for k in kinds:
        lines.append(f"| {k} | " + " | ".join(
            f"{passes[p]['by_kind_per_request'].get(k, 0.0) / 1e3:,.0f}" for p in PASSES) + " |")
    lines.append("| **total** | " + " | ".join(
        f"**{passes[p]['instructions_per_request'] / 1e3:,.0f}**" for p in PASSES) + " |")
    d = block["derived"]
    lines += ["", "| per request | k instructions |", "|---|---|"]
    lines += [f"| {k.replace('_', ' ')} | {v / 1e3:,.0f} |" for k, v in d.items()]
    lines += ["", "added: gateway minus direct; protect: `protect_many` of one prompt "
              "(detection, masking, the vault write); gateway own: added minus protect.", ""]
    return "\n".join(lines)


def count(requests: int, ner_backend: str, ner: bool, workdir: Path) -> dict[str, Any]:
    """Run the child under callgrind; each pass's instructions per request by kind, and the
    split (:func:`derived`)."""
    from veil.cli.bench_instructions import _annotate, by_kind, run_counted

    out_file = workdir / "callgrind.gateway"
    child = [sys.executable, "-m", "veil.cli.bench_gateway_instructions", str(requests),
             ner_backend, str(int(ner))]
    n = run_counted("gateway", child, out_file, counted_args=["1"])["requests"]
    passes: dict[str, Any] = {}
    for part, name in enumerate(PASSES, start=1):
        total, kinds = by_kind(_annotate(Path(f"{out_file}.{part}"), cache=False))
        passes[name] = {"instructions_per_request": total / n,
                        "by_kind_per_request": {k: v / n for k, v in kinds.items()}}
    return {"requests": n, "passes": passes, "derived": derived(
        {p: v["instructions_per_request"] for p, v in passes.items()})}


def prompts(pass_index: int, n: int) -> list[str]:
    """``n`` prompts of one pass (see :data:`_SEED_STEP`)."""
    from veil.cli.bench_gateway import valued_prompt

    base = (pass_index + 1) * _SEED_STEP
    return [valued_prompt(base + i, tag=f"I{base + i}")[0] for i in range(n)]


def _listen() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


async def _served(app: Any) -> tuple[Any, str, Any]:
    """(server, base URL, its task): ``app`` under uvicorn on a loopback socket, as ``veil
    serve`` runs it (httptools, no access log)."""
    import uvicorn

    sock = _listen()
    # keep-alive as long as the run: under valgrind a pass and its dump take seconds, past
    # uvicorn's 5 s, and a connection closed between two requests would be reset
    server = uvicorn.Server(uvicorn.Config(app, http="auto", log_level="warning",
                                           access_log=False, lifespan="on",
                                           timeout_keep_alive=3600))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        await asyncio.sleep(0.01)
    host, port = sock.getsockname()[:2]
    return server, f"http://{host}:{port}", task


async def _run(n: int, ner_backend: str, ner: bool, home: Path, control: str | None) -> None:
    import aiohttp

    from veil import Veil
    from veil.config import Policy, Settings
    from veil.gateway import create_app
    from veil.gateway.app import build_state
    from veil.gateway.config import GatewayConfig
    from veil.gateway.echo_upstream import create_echo_app
    from veil.heap import settle_heap

    echo, echo_url, echo_task = await _served(create_echo_app(reply_chars=0))
    settings = Settings(home=home, master_key=base64.b64encode(os.urandom(32)).decode())
    # no detection worker processes: their instructions would not be counted here
    settings = settings.model_copy(update={"detect_workers": 0})
    core = Veil(settings, policy=Policy.model_validate({"ner_backend": ner_backend,
                                                       "ner": ner}))
    cfg = GatewayConfig.model_validate({"upstream": {"base_url": echo_url + "/v1"},
                                        "limits": {"requests_per_minute": 1_000_000}})
    state = build_state(cfg, core=core)
    core.prepare()
    gateway, gw_url, gw_task = await _served(create_app(state))
    me = str(os.getpid())
    sessions = iter(range(1 << 62))

    def tell(*args: str) -> None:
        if control is not None:  # run by hand without valgrind: the passes only
            subprocess.run([control, *args, me], check=True, capture_output=True)  # nosec B603 # fixed arguments

    async with aiohttp.ClientSession() as client:

        async def send(url: str, text: str, stream: bool) -> None:
            body = {"model": "echo", "messages": [{"role": "user", "content": text}],
                    **({"stream": True} if stream else {})}
            headers = {"X-Veil-Session": f"ins-{next(sessions)}"}
            async with client.post(url + "/v1/chat/completions", json=body,
                                   headers=headers) as r:
                r.raise_for_status()
                await r.read()

        async def gateway_pass(k: int, m: int) -> None:
            name = PASSES[k]
            url = echo_url if name.startswith("direct") else gw_url
            # the direct passes send what the gateway pass after them sends
            for text in prompts(k + 1 if name.startswith("direct") else k, m):
                await send(url, text, name.endswith("stream"))

        def core_pass(k: int, texts: list[str]) -> None:
            for text in texts:
                if PASSES[k] == "protect":
                    core.protect_many([text], session=f"ins-{next(sessions)}")
                else:
                    core.engine().analyze_batch([text])

        warm = {k: prompts(len(PASSES) + k, WARM_UP) for k in range(len(PASSES))}
        for k, name in enumerate(PASSES):  # warm-up: new prompts, every path taken once
            if name in ("protect", "detect"):
                core_pass(k, warm[k])
            else:
                url = echo_url if name.startswith("direct") else gw_url
                for text in warm[k]:
                    await send(url, text, name.endswith("stream"))
        measured = {k: prompts(k, n) for k in range(len(PASSES)) if PASSES[k] in
                    ("protect", "detect")}
        settle_heap()
        for k, name in enumerate(PASSES):
            tell("-i", "on")
            if name in ("protect", "detect"):
                core_pass(k, measured[k])
            else:
                await gateway_pass(k, n)
            tell("-i", "off")
            tell("-d", name)
    for server in (gateway, echo):
        server.should_exit = True
    await asyncio.gather(gw_task, echo_task)


def _child(n: int, ner_backend: str, ner: bool, counted: bool) -> None:
    """Under callgrind (``counted``): serve, warm up, then count each pass and dump it."""
    from veil.cli.bench_instructions import _need

    control = _need("callgrind_control") if counted else None
    try:
        import uvloop

        runner: Any = uvloop.run
    except ImportError:  # pragma: no cover - uvicorn[standard] brings it
        runner = asyncio.run
    with tempfile.TemporaryDirectory() as home:
        runner(_run(n, ner_backend, ner, Path(home), control))
    print(json.dumps({"requests": n}), flush=True)


if __name__ == "__main__":
    _child(int(sys.argv[1]), sys.argv[2], sys.argv[3] == "1", sys.argv[4:] == ["1"])
