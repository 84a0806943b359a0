"""``veil bench gateway``: what the privacy gateway adds to a request.

Starts a fast local echo upstream and ``veil serve`` in front of it (real subprocesses on
loopback), then measures latency direct vs through the gateway for 1 KB and 8 KB prompts full of
PII, streaming and not; sustained requests/second; and the added latency as a share of a real call
to the embedded SmolLM2 model. Writes JSON + markdown + PNG under benchmarks/results/gateway/.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli.bench import bench_app
from veil.evaluation.stats import percentile

_FIRST = ["Maria", "David", "Sofia", "Liam", "Emma", "Noah", "Olivia", "Lucas", "Jane", "Omar"]
_LAST = ["Garcia", "Miller", "Rossi", "Novak", "Schmidt", "Dubois", "Kowalski", "Jensen", "Doe"]
_FILLER = (
    "The shipment was delayed because the warehouse was closed for the yearly inventory. "
    "Please review the attached summary before the next planning meeting on Thursday. "
)


def make_prompt(size: int, seed: int) -> str:
    """About ``size`` characters of business text with a PII sentence every ~250 characters."""
    parts: list[str] = []
    i = seed
    while sum(map(len, parts)) < size:
        name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i * 7) % len(_LAST)]}"
        parts.append(
            f"Customer {name} (e-mail {name.split()[0].lower()}.{i}@example.com, "
            f"phone +1 415 555 {1000 + i % 9000:04d}) asked about order {i}. "
        )
        parts.append(_FILLER)
        i += 1
    return "".join(parts)[:size]


def _stats(xs: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(xs) * 1e3, "p99_ms": percentile(xs, 0.99) * 1e3,
            "n": len(xs)}


def _call(
    client: Any, url: str, body: dict[str, Any], headers: dict[str, str], stream: bool
) -> tuple[float, float]:
    """(seconds to the last byte, seconds to the first content event)."""
    t0 = time.perf_counter()
    if not stream:
        r = client.post(url, json=body, headers=headers)
        r.raise_for_status()
        dt = time.perf_counter() - t0
        return dt, dt
    first = None
    with client.stream("POST", url, json={**body, "stream": True}, headers=headers) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if first is None and '"content"' in line:
                first = time.perf_counter() - t0
    return time.perf_counter() - t0, first or (time.perf_counter() - t0)


async def _throughput(
    url: str, prompts: list[str], concurrency: int, duration: float
) -> dict[str, float]:
    import httpx

    done = errors = 0
    stop_at = time.perf_counter() + duration
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as c:

        async def worker(w: int) -> None:
            nonlocal done, errors
            i = w
            while time.perf_counter() < stop_at:
                body = {
                    "model": "echo",
                    "messages": [{"role": "user", "content": prompts[i % len(prompts)]}],
                }
                r = await c.post(url, json=body, headers={"X-Veil-Session": f"rps-{w}-{i}"})
                if r.status_code == 200:
                    done += 1
                else:
                    errors += 1
                i += concurrency

        t0 = time.perf_counter()
        await asyncio.gather(*(worker(w) for w in range(concurrency)))
        elapsed = time.perf_counter() - t0
    return {
        "requests_per_second": done / elapsed,
        "completed": done,
        "errors": errors,
        "concurrency": concurrency,
        "seconds": elapsed,
    }


def _plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cases = results["cases"]
    labels = [f"{c['size']}\n{'stream' if c['stream'] else 'plain'}" for c in cases]
    med = [c["added"]["median_ms"] for c in cases]
    p99 = [c["added"]["p99_ms"] for c in cases]
    fig, ax = plt.subplots(figsize=(7, 4))
    xs = range(len(cases))
    ax.bar([x - 0.2 for x in xs], med, width=0.4, label="median")
    ax.bar([x + 0.2 for x in xs], p99, width=0.4, label="p99")
    ax.set_xticks(list(xs), labels)
    ax.set_ylabel("added latency (ms)")
    share = results.get("embedded", {}).get("share_of_call_pct")
    title = "Veil gateway: latency added vs direct upstream"
    if share is not None:
        title += f"\n(1 KB plain = {share:.2f}% of a real embedded-model call)"
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _markdown(r: dict[str, Any]) -> str:
    lines = [
        "# Gateway overhead (`veil bench gateway`)",
        "",
        f"Machine: {r['machine']['cpus']} CPUs ({r['machine']['platform']}), shared with other "
        "jobs; figures are noisy. Upstream: local echo server (no model) unless noted.",
        "",
        "| prompt | mode | direct median / p99 (ms) | via Veil median / p99 (ms) | added median / "
        "p99 (ms) | TTFT direct / via Veil (ms) |",
        "|---|---|---|---|---|---|",
    ]
    for c in r["cases"]:
        lines.append(
            f"| {c['size']} | {'stream' if c['stream'] else 'plain'} | "
            f"{c['direct']['median_ms']:.1f} / {c['direct']['p99_ms']:.1f} | "
            f"{c['gateway']['median_ms']:.1f} / {c['gateway']['p99_ms']:.1f} | "
            f"**{c['added']['median_ms']:.1f}** / {c['added']['p99_ms']:.1f} | "
            f"{c['ttft_direct_ms']:.1f} / {c['ttft_gateway_ms']:.1f} |"
        )
    t = r["throughput"]
    lines += [
        "",
        f"Sustained: **{t['requests_per_second']:.1f} requests/s** (1 KB plain, "
        f"{t['concurrency']} concurrent clients, {t['seconds']:.0f} s, {t['errors']} errors).",
    ]
    e = r.get("embedded")
    if e:
        lines += [
            "",
            f"Embedded SmolLM2-135M call (1 KB prompt, {e['max_tokens']} new tokens): "
            f"median {e['call_ms_median']:.0f} ms; the gateway's added median "
            f"({r['cases'][0]['added']['median_ms']:.1f} ms) is **{e['share_of_call_pct']:.2f}%**"
            " of it (Portcullis reports 1.33%).",
        ]
    return "\n".join(lines) + "\n"


def _write(results: dict[str, Any], out: Path) -> None:
    (out / "gateway.json").write_text(json.dumps(results, indent=2))
    (out / "gateway.md").write_text(_markdown(results))
    _plot(results, out / "gateway.png")


@bench_app.command("gateway")
def bench_gateway(
    requests: Annotated[int, typer.Option(help="Requests per case")] = 30,
    concurrency: Annotated[int, typer.Option(help="Clients in the throughput run")] = 16,
    duration: Annotated[float, typer.Option(help="Seconds of the throughput run")] = 10.0,
    embedded: Annotated[bool, typer.Option(help="Also time real calls to SmolLM2")] = True,
    embedded_calls: Annotated[int, typer.Option()] = 3,
    out: Annotated[Path, typer.Option(help="Output directory")] = Path(
        "benchmarks/results/gateway"
    ),
) -> None:
    """Latency the gateway adds (median, p99), throughput, and share of a real model call."""
    import httpx
    from rich.console import Console
    from rich.progress import Progress

    from veil.gateway.embedded_process import EmbeddedModelProcess
    from veil.gateway.procs import spawn_on_socket, terminate

    console = Console(stderr=True)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="veil-bench-gw-"))
    env = {
        **os.environ,
        "VEIL_HOME": str(home),
        "HF_HUB_OFFLINE": "1",
        "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    veil_bin = str(Path(sys.executable).parent / "veil")
    up_proc, up_url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream"], env=env)
    gw_proc = None
    try:
        gw_proc, gw_url = spawn_on_socket(
            [veil_bin, "serve", "--upstream-base-url", up_url + "/v1", "--log-level", "warning"],
            env=env,
            timeout_s=300,
        )
        cases: list[dict[str, Any]] = []
        plan = [(size, stream) for size in (1024, 8192) for stream in (False, True)]
        with httpx.Client(timeout=120) as client, Progress(console=console) as progress:
            task = progress.add_task("latency", total=len(plan) * (requests + 3) * 2)
            for size, stream in plan:
                direct: list[float] = []
                via: list[float] = []
                ttft_d: list[float] = []
                ttft_g: list[float] = []
                for i in range(requests + 3):  # 3 warm-up rounds
                    body = {
                        "model": "echo",
                        "messages": [
                            {
                                "role": "user",
                                "content": make_prompt(
                                    size, seed=i * 31 + size + (7919 if stream else 0)
                                ),
                            }
                        ],
                    }
                    hdr = {"X-Veil-Session": f"bench-{size}-{stream}-{i}"}
                    d = _call(client, up_url + "/v1/chat/completions", body, {}, stream)
                    progress.advance(task)
                    g = _call(client, gw_url + "/v1/chat/completions", body, hdr, stream)
                    progress.advance(task)
                    if i >= 3:
                        direct.append(d[0])
                        via.append(g[0])
                        ttft_d.append(d[1])
                        ttft_g.append(g[1])
                sd, sg = _stats(direct), _stats(via)
                cases.append(
                    {
                        "size": f"{size // 1024}KB",
                        "stream": stream,
                        "direct": sd,
                        "gateway": sg,
                        "added": {
                            "median_ms": sg["median_ms"] - sd["median_ms"],
                            "p99_ms": sg["p99_ms"] - sd["p99_ms"],
                        },
                        "ttft_direct_ms": statistics.median(ttft_d) * 1e3,
                        "ttft_gateway_ms": statistics.median(ttft_g) * 1e3,
                    }
                )
        console.print(f"throughput: {concurrency} clients for {duration:.0f} s ...")
        prompts = [make_prompt(1024, seed=10_000 + i) for i in range(64)]
        thr = asyncio.run(
            _throughput(gw_url + "/v1/chat/completions", prompts, concurrency, duration)
        )
        results: dict[str, Any] = {
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": platform.python_version(),
            },
            "requests_per_case": requests,
            "cases": cases,
            "throughput": thr,
        }
        _write(results, out)  # latency and throughput are kept even if the model part fails
        if embedded:
            console.print("timing real calls to the embedded SmolLM2 model ...")
            with EmbeddedModelProcess() as emb, httpx.Client(timeout=600) as client:
                calls: list[float] = []
                for i in range(embedded_calls):
                    call_body: dict[str, Any] = {
                        "model": "smollm2",
                        "max_tokens": 32,
                        "messages": [{"role": "user", "content": make_prompt(1024, seed=i)}],
                    }
                    calls.append(_call(client, f"{emb.base_url}/chat/completions", call_body, {},
                                       False)[0])
            call_ms = statistics.median(calls) * 1e3
            results["embedded"] = {
                "call_ms_median": call_ms,
                "calls": len(calls),
                "max_tokens": 32,
                "share_of_call_pct": 100 * cases[0]["added"]["median_ms"] / call_ms,
            }
    finally:
        if gw_proc is not None:
            terminate(gw_proc)
        terminate(up_proc)
    _write(results, out)
    console.print(_markdown(results))
    console.print(f"written: {out}/gateway.json, gateway.md, gateway.png")


def register(app: typer.Typer) -> None:
    """Nothing to add at the top level: the command hangs off ``veil bench``."""
