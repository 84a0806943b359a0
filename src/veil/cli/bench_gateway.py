"""``veil bench gateway``: what the privacy gateway adds to a request, next to its peers.

Starts a fast local echo upstream (it quotes the whole prompt and records what reached it), and in
front of it, as real subprocesses on loopback: ``veil serve`` with 1 and N workers, LiteLLM's proxy
without masking, and LiteLLM's proxy with its Presidio guardrail (``output_parse_pii``) on a
Presidio analyzer/anonymizer REST server. In one run, with the peers interleaved so that they
share the machine's load: added latency of 1 KB prompts with 4-6 values (plain and streamed),
requests/second at 16 connections, 200 concurrent streams (added p50/p99), values that reached the
upstream and values restored, per peer; the load average with every phase. Writes JSON + markdown
+ PNG under benchmarks/results/gateway/.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import platform
import statistics
import subprocess  # nosec B404 # fixed argv of project binaries
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from veil.cli.bench import bench_app
from veil.evaluation.stats import percentile
from veil.heap import collector_paused

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


# --------------------------------------------------------------------------- peers and prompts

_IBANS = ["DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606"]
_CITIES = ["Lisbon", "Rotterdam", "Krakow", "Lyon", "Bergen", "Tucson"]


def valued_prompt(seed: int, *, tag: str, size: int = 1024) -> tuple[str, list[str]]:
    """About ``size`` characters of business text carrying 4-6 values (names, e-mail, phone,
    IBAN, city), and the values. ``tag`` makes the prompt findable in the upstream's record."""
    i = seed
    name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i * 7) % len(_LAST)]}"
    other = f"{_FIRST[(i + 3) % len(_FIRST)]} {_LAST[(i * 5 + 2) % len(_LAST)]}"
    email = f"{name.split()[0].lower()}.{i}@example.com"
    phone = f"+1 415 555 {1000 + i % 9000:04d}"
    iban = _IBANS[i % len(_IBANS)]
    city = _CITIES[i % len(_CITIES)]
    values = [name, email, phone, iban, other, city][: 4 + i % 3]
    parts = [
        f"Ticket {tag}: customer {name} (e-mail {email}, phone {phone}) asked about order {i}. ",
        _FILLER,
        f"The refund goes to IBAN {iban}. " if iban in values else "",
        _FILLER,
        f"Their account manager {other} will follow up. " if other in values else "",
        f"The customer lives in {city}. " if city in values else "",
    ]
    text = "".join(parts)
    while len(text) < size:
        text += _FILLER
    return text[:size].rsplit(" ", 1)[0] + ".", values


def history(seed: int, turns: int, *, tag: str) -> list[dict[str, str]]:
    """The ``turns - 1`` earlier turns a chat client resends with its new message: each a
    valued prompt and a short assistant answer (so a request has many strings to mask)."""
    out: list[dict[str, str]] = []
    for j in range(turns - 1):
        out.append({"role": "user",
                    "content": valued_prompt(seed * 31 + j, tag=f"{tag}h{j}")[0]})
        out.append({"role": "assistant", "content": f"Noted, step {j + 1} is done."})
    return out


@dataclass
class Peer:
    """A gateway under test: its base URL (without /v1) and the headers it needs."""

    name: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen[bytes] | None = None


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _litellm_config(upstream: str, master: str, presidio: str | None) -> dict[str, Any]:
    cfg: dict[str, Any] = {
        "model_list": [{"model_name": "echo", "litellm_params": {
            "model": "openai/echo", "api_base": upstream, "api_key": "sk-up"}}],
        "general_settings": {"master_key": master},
    }
    if presidio is not None:
        # LiteLLM's own Presidio setup: masks the input, restores its tokens in the answer.
        cfg["guardrails"] = [{"guardrail_name": "presidio", "litellm_params": {
            "guardrail": "presidio", "mode": "pre_call", "default_on": True,
            "output_parse_pii": True, "presidio_filter_scope": "input",
            "presidio_analyzer_api_base": presidio + "/",
            "presidio_anonymizer_api_base": presidio + "/"}}]
    return cfg


def _start_litellm(
    name: str, upstream: str, presidio: str | None, d: Path, litellm: Path
) -> Peer:
    """LiteLLM's proxy from its own virtualenv (``scripts/ensure-litellm.sh``), one worker."""
    from veil.gateway.procs import free_port

    master = "sk-bench-litellm"
    cfg_path = d / f"{name}.yaml"
    cfg_path.write_text(json.dumps(_litellm_config(upstream, master, presidio)))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VEIL_", "VIRTUAL_ENV"))}
    env.update(LITELLM_LOG="ERROR", LITELLM_TELEMETRY="False")
    proc = subprocess.Popen(  # nosec B603 # fixed argv of the project's LiteLLM venv
        [str(litellm), "--config", str(cfg_path), "--host", "127.0.0.1", "--port", str(port),
         "--num_workers", "1"],
        env=env, cwd=d, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return Peer(name, f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {master}"}, proc)


def _wait_ready(peer: Peer, path: str, timeout_s: float) -> None:
    import httpx

    from veil.errors import ConfigError

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if peer.proc is not None and peer.proc.poll() is not None:
            raise ConfigError(f"{peer.name} exited during start-up ({peer.proc.returncode})")
        try:
            if httpx.get(peer.url + path, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise ConfigError(f"{peer.name} did not start within {timeout_s:.0f} s")


def _presidio_app() -> Any:
    """Presidio's analyzer and anonymizer REST API (the shapes of its Docker images), on the
    local spaCy model: what LiteLLM's Presidio guardrail calls."""
    from fastapi import FastAPI
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import RecognizerResult

    from veil.detect.presidio_backend import build_analyzer

    analyzer, anonymizer = build_analyzer(), AnonymizerEngine()
    analyzer.analyze("Warm-up sentence for John Smith.", language="en")
    app = FastAPI()

    @app.get("/healthz")
    @app.get("/health")
    def health() -> str:
        return "Presidio service is up"

    @app.post("/analyze")
    def analyze(body: dict[str, Any]) -> list[dict[str, Any]]:
        results = analyzer.analyze(body["text"], language=body.get("language", "en"),
                                   entities=body.get("entities"),
                                   score_threshold=body.get("score_threshold"))
        return [r.to_dict() for r in results]

    @app.post("/anonymize")
    def anonymize(body: dict[str, Any]) -> dict[str, Any]:
        found = [RecognizerResult.from_json(r) for r in body.get("analyzer_results") or []]
        out = anonymizer.anonymize(body["text"], found)
        return json.loads(out.to_json())

    return app


def presidio_main() -> None:
    """``python -c 'from veil.cli.bench_gateway import presidio_main; presidio_main()' --fd N``"""
    import socket

    import uvicorn

    fd = int(sys.argv[sys.argv.index("--fd") + 1])
    server = uvicorn.Server(uvicorn.Config(_presidio_app(), log_level="warning",
                                           access_log=False))
    server.run(sockets=[socket.socket(fileno=fd)])


# --------------------------------------------------------------------------- phases


def _call(
    client: Any, url: str, body: dict[str, Any], headers: dict[str, str], stream: bool
) -> tuple[float, float, str]:
    """(seconds to the last byte, seconds to the first content event, answer text)."""
    t0 = time.perf_counter()
    if not stream:
        r = client.post(url, json=body, headers=headers)
        r.raise_for_status()
        dt = time.perf_counter() - t0
        return dt, dt, r.json()["choices"][0]["message"]["content"] or ""
    first = None
    parts: list[str] = []
    with client.stream("POST", url, json={**body, "stream": True}, headers=headers) as r:
        r.raise_for_status()
        for line in r.iter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            for ch in json.loads(line[6:]).get("choices") or []:
                piece = (ch.get("delta") or {}).get("content")
                if piece:
                    if first is None:
                        first = time.perf_counter() - t0
                    parts.append(piece)
    total = time.perf_counter() - t0
    return total, first or total, "".join(parts)


def _latency(
    peers: list[Peer], direct: Peer, requests: int, stream: bool, progress: Any,
    turns: int = 1, resend: bool = False, in_row: bool = False,
) -> tuple[dict[str, Any], dict[str, list[tuple[str, list[str], str]]]]:
    """Sequential requests, each prompt sent direct and then to every peer in turn (paired).
    ``in_row``: each peer gets all its prompts in a row, each right after the same prompt sent
    direct, so that no other peer's work comes between two of its requests (interleaved, a
    peer sits idle through the others' requests, and a process that has been idle runs the
    same work slower: ``gateway_s49/idle_gap_s49.py``).
    ``resend``: requests are the turns of conversations of ``turns`` turns, each resending its
    earlier messages and the answers received, in one session per conversation.
    Returns the stats per peer and, per peer, (tag, values, answer) for the privacy count."""
    import httpx

    times: dict[str, list[float]] = {p.name: [] for p in [direct, *peers]}
    ttft: dict[str, list[float]] = {p.name: [] for p in [direct, *peers]}
    answers: dict[str, list[tuple[str, list[str], str]]] = {p.name: [] for p in peers}
    conversations: dict[str, list[dict[str, str]]] = {p.name: [] for p in [direct, *peers]}
    load0 = _loadavg()
    everyone = [direct, *peers]
    rounds = range(requests + 3)  # 3 warm-up rounds
    if in_row:  # (prompt, peer): each peer's block, every prompt sent direct first
        steps = [(i, k) for peer in range(1, len(everyone)) for i in rounds for k in (0, peer)]
    else:
        steps = [(i, k) for i in rounds for k in range(len(everyone))]
    task = progress.add_task(
        f"latency ({'stream' if stream else 'plain'}{', each peer in a row' if in_row else ''})",
        total=len(steps))
    with httpx.Client(timeout=300) as client, collector_paused():
        for i, k in steps:
            p = everyone[k]
            # a session header allows no spaces or '@'; the runs in a row use new sessions (a
            # session that knows the prompt's values writes nothing to the vault)
            tag = f"{'R' if in_row else 'P'}{k}-{int(stream)}-{i}"
            text, values = valued_prompt(i + (7919 if stream else 0), tag=tag)
            if resend:
                earlier = conversations[p.name] if i % turns else []
                session = f"lat-{tag.split('-')[0]}-{int(stream)}-c{i // turns}"
            else:
                earlier = history(i + (7919 if stream else 0), turns, tag=tag)
                session = f"lat-{tag}"
            messages = [*earlier, {"role": "user", "content": text}]
            body = {"model": "echo", "messages": messages}
            hdr = {**p.headers, "X-Veil-Session": session} if "veil" in p.name \
                else p.headers
            total, first, answer = _call(client, p.url + "/v1/chat/completions", body, hdr,
                                         stream)
            conversations[p.name] = [*messages, {"role": "assistant", "content": answer}]
            progress.advance(task)
            if i >= 3:
                times[p.name].append(total)
                ttft[p.name].append(first)
                if p is not direct:
                    answers[p.name].append((tag, values, answer))
    d = _stats(times[direct.name])
    out: dict[str, Any] = {"direct": d, "load_before": load0, "load_after": _loadavg()}
    for p in peers:
        s = _stats(times[p.name])
        out[p.name] = {
            **s,
            "added_median_ms": s["median_ms"] - d["median_ms"],
            "added_p99_ms": s["p99_ms"] - d["p99_ms"],
            "ttft_median_ms": statistics.median(ttft[p.name]) * 1e3,
        }
    return out, answers


def _run_load(coro: Any) -> Any:
    """Run a load phase on uvloop where installed: the load generator shares the machine's
    cores with the peers, so every millisecond it spends per request is taken from them."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


async def _throughput(
    url: str,
    prompts: list[str],
    concurrency: int,
    duration: float,
    headers: dict[str, str] | None = None,
    session_header: bool = True,
    turns: int = 1,
    session_prefix: str = "rps",
    resend: bool = False,
) -> dict[str, float]:
    # aiohttp, not httpx: httpx's pool took about 1 ms of the machine's CPU per request at 16
    # connections (aiohttp 0.1 ms), CPU the peers under test then lacked
    import aiohttp

    done = errors = 0
    stop_at = time.perf_counter() + duration
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=120)) as c:

        async def worker(w: int) -> None:
            nonlocal done, errors
            i = w
            conversation: list[dict[str, str]] = []  # with resend: this turn's history
            conv = turn = 0
            while time.perf_counter() < stop_at:
                new = {"role": "user", "content": prompts[i % len(prompts)]}
                if resend:
                    messages = [*conversation, new]
                    session = f"{session_prefix}-{w}-c{conv}"
                else:
                    messages = [
                        *(m for k in range(turns - 1, 0, -1) for m in (
                            {"role": "user", "content": prompts[(i - k) % len(prompts)]},
                            {"role": "assistant", "content": "Noted."})),
                        new,
                    ]
                    session = f"{session_prefix}-{w}-{i}"
                hdr = dict(headers or {})
                if session_header:
                    hdr["X-Veil-Session"] = session
                data = b""
                try:
                    async with c.post(url, json={"model": "echo", "messages": messages},
                                      headers=hdr) as r:
                        data = await r.read()
                        ok = r.status == 200
                except (aiohttp.ClientError, TimeoutError):
                    ok = False
                if ok:
                    done += 1
                else:
                    errors += 1
                if resend:  # the next turn resends this one with its answer; then a new chat
                    turn += 1
                    if turn < turns and ok:
                        answer = json.loads(data)["choices"][0]["message"]["content"]
                        conversation = [*messages, {"role": "assistant", "content": answer}]
                    else:
                        conversation, conv, turn = [], conv + 1, 0
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


#: prompts per throughput round: more than a peer serves in a round (4 us each to make)
_PROMPTS_PER_ROUND = 20_000


def _throughputs(
    peers: list[Peer], concurrency: int, duration: float, rounds: int, console: Any,
    turns: int = 1, resend: bool = False,
) -> dict[str, Any]:
    """Requests/second per peer, in ``rounds`` interleaved slices of ``duration / rounds``."""
    acc: dict[str, dict[str, float]] = {p.name: {"completed": 0, "errors": 0, "seconds": 0.0}
                                        for p in peers}
    loads: list[list[float]] = []
    for r in range(rounds):
        # A new prompt for every request of a round (its values and opening sentence; the
        # filler sentences repeat, as boilerplate does): a pool of a few dozen prompts let the
        # NER memo answer nearly every request after the first round of them.
        prompts = [valued_prompt(10_000 + _PROMPTS_PER_ROUND * r + i, tag=f"rps{r}-{i}")[0]
                   for i in range(_PROMPTS_PER_ROUND)]
        for j, p in enumerate(peers):
            console.print(f"throughput round {r + 1}/{rounds}: {p.name} ...")
            loads.append(_loadavg())
            # Sessions of their own per peer and round: the peers share one vault.
            t = _run_load(_throughput(p.url + "/v1/chat/completions", prompts, concurrency,
                                        duration / rounds, p.headers, "veil" in p.name,
                                        turns, f"rps{j}r{r}", resend))
            for k in ("completed", "errors", "seconds"):
                acc[p.name][k] += t[k]
    out: dict[str, Any] = {"concurrency": concurrency, "rounds": rounds, "turns": turns,
                           "resend": resend, "load": loads}
    for name, a in acc.items():
        out[name] = {**a, "requests_per_second": a["completed"] / max(a["seconds"], 1e-9)}
    return out


async def _streams_once(peer: Peer, n: int, timeout_s: float, session: int = 0,
                        first: int = 20_000) -> dict[str, Any]:
    """``n`` streams opened at once; each one's time to its last byte. ``session``: the peer's
    number, in its session ids: peers share one vault, and a peer meeting sessions another one
    already filled would write nothing and look faster. ``first``: the seed of the first
    prompt (a burst repeated on one peer needs new prompts, or the memos answer it)."""
    import aiohttp

    prompts = [valued_prompt(first + i, tag=f"s{i}")[0] for i in range(n)]
    connector = aiohttp.TCPConnector(limit=n)
    async with aiohttp.ClientSession(connector=connector,
                                     timeout=aiohttp.ClientTimeout(total=timeout_s)) as c:

        async def one(i: int) -> float | None:
            body = {"model": "echo", "stream": True,
                    "messages": [{"role": "user", "content": prompts[i]}]}
            hdr = {**peer.headers, "X-Veil-Session": f"st{session}-{i}"} \
                if "veil" in peer.name else peer.headers
            t0 = time.perf_counter()
            try:
                async with c.post(peer.url + "/v1/chat/completions", json=body,
                                  headers=hdr) as r:
                    if r.status != 200:
                        return None
                    async for _ in r.content.iter_any():
                        pass
            except (aiohttp.ClientError, TimeoutError):
                return None
            return time.perf_counter() - t0

        load0 = _loadavg()
        t0 = time.perf_counter()
        got = await asyncio.gather(*(one(i) for i in range(n)))
    ok = [x for x in got if x is not None]
    return {"streams": n, "completed": len(ok), "errors": n - len(ok),
            "seconds": time.perf_counter() - t0, "load_before": load0, "load_after": _loadavg(),
            **(_stats(ok) if ok else {})}


def _streams(peers: list[Peer], direct: Peer, n: int, console: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, p in enumerate([direct, *peers]):
        console.print(f"{n} concurrent streams: {p.name} ...")
        out[p.name] = _run_load(_streams_once(p, n, timeout_s=600, session=k))
    d = out[direct.name]
    for p in peers:
        s = out[p.name]
        if "median_ms" in s and "median_ms" in d:
            s["added_median_ms"] = s["median_ms"] - d["median_ms"]
            s["added_p99_ms"] = s["p99_ms"] - d["p99_ms"]
    return out


def _privacy(
    answers: dict[str, list[tuple[str, list[str], str]]], record: Path
) -> dict[str, Any]:
    """Per peer: values that reached the upstream (its record) and values the answer restored
    (the echo quotes the whole prompt, so every value should come back)."""
    sent: dict[str, str] = {}
    for line in record.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        if text.startswith("Ticket "):
            sent[text.split(":", 1)[0][len("Ticket "):]] = text
    out: dict[str, Any] = {}
    for name, rows in answers.items():
        total = leaked = restored = 0
        for tag, values, answer in rows:
            upstream = sent.get(tag, "")
            total += len(values)
            leaked += sum(v in upstream for v in values)
            restored += sum(v in answer for v in values)
        out[name] = {"values": total, "leaked": leaked, "restored": restored,
                     "restoration_rate": restored / total if total else 0.0}
    return out


# --------------------------------------------------------------------------- report


def _plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = results["peers"]
    fig, axes = plt.subplots(1, 3, figsize=(13, 4))
    xs = range(len(names))
    for ax, key, title in ((axes[0], "plain", "1 KB plain"), (axes[0], "stream", "1 KB stream")):
        lat = results["latency"][key]
        off = -0.2 if key == "plain" else 0.2
        ax.bar([x + off for x in xs], [lat[n]["added_median_ms"] for n in names], width=0.4,
               label=f"{title} (p50)")
    axes[0].set_xticks(list(xs), names, rotation=20)
    axes[0].set_ylabel("added latency, p50 (ms)")
    axes[0].set_title("latency added vs direct (sequential)")
    axes[0].legend()
    thr = results["throughput"]
    axes[1].bar(list(xs), [thr[n]["requests_per_second"] for n in names], color="tab:green")
    axes[1].set_xticks(list(xs), names, rotation=20)
    axes[1].set_ylabel("requests/s")
    axes[1].set_title(f"1 KB plain, {thr['concurrency']} connections")
    st = results["streams"]
    axes[2].bar([x - 0.2 for x in xs], [st[n].get("added_median_ms", 0) for n in names],
                width=0.4, label="p50")
    axes[2].bar([x + 0.2 for x in xs], [st[n].get("added_p99_ms", 0) for n in names],
                width=0.4, label="p99")
    axes[2].set_xticks(list(xs), names, rotation=20)
    axes[2].set_ylabel("added time to last byte (ms)")
    axes[2].set_title(f"{st[results['direct']]['streams']} concurrent streams")
    axes[2].legend()
    load = results["machine"]["load_start"]
    fig.suptitle(f"Gateways in front of one echo upstream ({results['machine']['cpus']} CPUs, "
                 f"load average at start {load[0]:.1f})")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    lines = [
        "# Gateway overhead next to LiteLLM (`veil bench gateway`)",
        "",
        f"Machine: {m['cpus']} CPUs ({m['platform']}); load average (1/5/15 min) "
        f"{m['load_start']} at start, {m['load_end']} at the end (shared with other jobs: "
        "compare peers within this run, not with other runs). Upstream: local echo server that "
        "quotes the whole prompt. Prompts: ~1 KB with 4-6 values (names, e-mail, phone, IBAN, "
        "city), a new one per request. Latency: sequential, each prompt sent direct and through "
        "every peer in turn.",
        "",
        "| peer | added p50 plain (ms) | added p99 plain (ms) | added p50 stream (ms) | "
        f"req/s at {r['throughput']['concurrency']} conn | {r['streams'][r['direct']]['streams']}"
        " streams: added p50 / p99 (ms) | values upstream (leaked) | restored |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n in r["peers"]:
        lp, ls = r["latency"]["plain"][n], r["latency"]["stream"][n]
        t, s, pv = r["throughput"][n], r["streams"][n], r["privacy"][n]
        lines.append(
            f"| {n} | **{lp['added_median_ms']:.1f}** | {lp['added_p99_ms']:.1f} | "
            f"{ls['added_median_ms']:.1f} | **{t['requests_per_second']:.1f}** "
            f"({t['errors']:.0f} errors) | {s.get('added_median_ms', float('nan')):.0f} / "
            f"{s.get('added_p99_ms', float('nan')):.0f} ({s['errors']} errors) | "
            f"{pv['leaked']}/{pv['values']} | {pv['restoration_rate']:.0%} |"
        )
    row = r["latency"].get("plain_in_row")
    if row:
        lines += ["", "Sequential plain requests, each peer in a row (every prompt sent direct "
                  "first; no other peer's requests between two of its own: interleaved, each "
                  "peer idles through the others' requests, and a process that has been idle "
                  "runs the same work slower):", "",
                  "| peer | added p50 in a row (ms) | added p99 in a row (ms) | interleaved p50 |",
                  "|---|---|---|---|"]
        lines += [f"| {n} | **{row[n]['added_median_ms']:.1f}** | {row[n]['added_p99_ms']:.1f} "
                  f"| {r['latency']['plain'][n]['added_median_ms']:.1f} |" for n in r["peers"]]
    d = r["latency"]["plain"]["direct"]
    lines += ["", f"Direct to the echo upstream: p50 {d['median_ms']:.1f} ms, p99 "
              f"{d['p99_ms']:.1f} ms. Veil's workers: {r['workers']}; chat turns per request: "
              f"{r.get('turns', 1)}"
              f"{' (conversations resent turn by turn)' if r.get('resend') else ''}."]
    return "\n".join(lines) + "\n"


def _write(results: dict[str, Any], out: Path) -> None:
    (out / "gateway.json").write_text(json.dumps(results, indent=2))
    if "privacy" in results and "streams" in results:
        (out / "gateway.md").write_text(_markdown(results))
        _plot(results, out / "gateway.png")


@bench_app.command("gateway")
def bench_gateway(
    requests: Annotated[int, typer.Option(help="Sequential requests per peer and mode")] = 30,
    concurrency: Annotated[int, typer.Option(help="Connections in the throughput run")] = 16,
    duration: Annotated[float, typer.Option(help="Seconds of throughput per peer")] = 20.0,
    rounds: Annotated[int, typer.Option(help="Interleaved throughput slices per peer")] = 2,
    streams: Annotated[int, typer.Option(help="Concurrent streams in the streams phase")] = 200,
    workers: Annotated[int, typer.Option(help="Workers of the multi-process Veil peer")] = 2,
    litellm: Annotated[bool, typer.Option(help="Include LiteLLM's proxy (both setups)")] = True,
    ner_backend: Annotated[str, typer.Option(
        help="NER backend of the Veil peers: spacy, or learned (the detector must be built: "
             "scripts/ensure-detector.sh)")] = "spacy",
    turns: Annotated[int, typer.Option(
        min=1, help="Chat turns per request in the latency and throughput runs: the earlier "
                    "turns go along as history, as chat clients resend it")] = 1,
    resend: Annotated[bool, typer.Option(
        help="With --turns: each request is the next turn of a conversation that resends its "
             "earlier messages and the answers received, in one session (as a chat client "
             "does); without it each request is a new conversation with N-1 earlier turns")
    ] = False,
    baseline_src: Annotated[
        Path | None,
        typer.Option(help="Also run the gateway from another checkout's src/ (e.g. `git "
                     "archive HEAD`), as peers 'veil@baseline' and 'veil xN@baseline': a "
                     "paired before/after"),
    ] = None,
    out: Annotated[Path, typer.Option(help="Output directory")] = Path(
        "benchmarks/results/gateway"
    ),
) -> None:
    """Veil (1 and N workers) next to LiteLLM's proxy with and without its Presidio guardrail:
    added latency, throughput, 200 concurrent streams, leaked and restored values."""
    from rich.console import Console
    from rich.progress import Progress

    from veil.config import NER_BACKENDS
    from veil.errors import ConfigError
    from veil.gateway.procs import spawn_on_socket, terminate

    if ner_backend not in NER_BACKENDS:
        raise typer.BadParameter("use spacy, learned or both", param_hint="--ner-backend")
    console = Console(stderr=True)
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="veil-bench-gw-"))
    record = home / "upstream.jsonl"
    env = {
        **os.environ,
        "VEIL_HOME": str(home),
        "HF_HUB_OFFLINE": "1",
        "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),
    }
    litellm_bin = Path(".venv-litellm/bin/litellm").resolve()
    if litellm and not litellm_bin.exists():
        raise ConfigError("LiteLLM's proxy is not installed: run scripts/ensure-litellm.sh "
                          "(or pass --no-litellm)")
    load_start = _loadavg()
    veil_bin = str(Path(sys.executable).parent / "veil")
    procs: list[subprocess.Popen[bytes]] = []
    try:
        up_proc, up_url = spawn_on_socket(
            [sys.executable, "-m", "veil.gateway.echo_upstream", "--reply-chars", "0",
             "--record", str(record)], env=env)
        procs.append(up_proc)
        direct = Peer("direct", up_url)
        # The load is the bench's own: the tenant's limits (64 requests in flight, 3,000 a
        # minute by default) would refuse part of the 200 streams and measure the limiter.
        cfg_path = home / "gateway.yaml"
        policy_path = home / "policy.yaml"
        policy_path.write_text(json.dumps({"ner_backend": ner_backend}))
        cfg_path.write_text(json.dumps({"policy_file": str(policy_path), "limits": {
            "max_concurrent_requests": max(64, streams + concurrency),
            "requests_per_minute": 1_000_000}}))
        serve = [veil_bin, "serve", "--config", str(cfg_path), "--upstream-base-url",
                 up_url + "/v1", "--log-level", "warning"]
        peers: list[Peer] = []
        litellm_peers: list[Peer] = []
        if litellm:  # LiteLLM starts slowly: start it before Veil's processes load spaCy
            pres_proc, pres_url = spawn_on_socket(
                [sys.executable, "-c",
                 "from veil.cli.bench_gateway import presidio_main; presidio_main()"],
                env=env, timeout_s=600)
            procs.append(pres_proc)
            for name, presidio in (("litellm", None), ("litellm+presidio", pres_url)):
                p = _start_litellm(name, up_url + "/v1", presidio, home, litellm_bin)
                assert p.proc is not None
                procs.append(p.proc)
                litellm_peers.append(p)
        console.print("starting Veil (1 worker) ...")
        g1, g1_url = spawn_on_socket(serve, env=env, timeout_s=600)
        procs.append(g1)
        peers.append(Peer("veil", g1_url, proc=g1))
        # the baseline keeps a home (and vault file) of its own: a tree of an older vault
        # layout is refused on a file this one upgraded
        base_env = {**env, "VEIL_HOME": str(home / "baseline")}
        if baseline_src is not None:
            console.print(f"starting Veil from {baseline_src} ...")
            (home / "baseline").mkdir()
            code = (f"import sys; sys.path.insert(0, {str(baseline_src.resolve())!r}); "
                    "sys.argv[0] = 'veil'; from veil.cli.app import main; main()")
            gb, gb_url = spawn_on_socket([sys.executable, "-c", code, *serve[1:]],
                                         env=base_env, timeout_s=600)
            procs.append(gb)
            peers.append(Peer("veil@baseline", gb_url, proc=gb))
        if workers > 1:
            console.print(f"starting Veil ({workers} workers) ...")
            gn, gn_url = spawn_on_socket([*serve, "--workers", str(workers)], env=env,
                                         timeout_s=600)
            procs.append(gn)
            peers.append(Peer(f"veil x{workers}", gn_url, proc=gn))
            if baseline_src is not None:
                # the host's speed drifts between runs: the workers' gain is read in one run.
                # Workers are forked, so they run the baseline's modules too
                console.print(f"starting Veil from {baseline_src} ({workers} workers) ...")
                gbn, gbn_url = spawn_on_socket(
                    [sys.executable, "-c", code, *serve[1:], "--workers", str(workers)],
                    env=base_env, timeout_s=600)
                procs.append(gbn)
                peers.append(Peer(f"veil x{workers}@baseline", gbn_url, proc=gbn))
        for p in litellm_peers:
            console.print(f"waiting for {p.name} ...")
            _wait_ready(p, "/health/liveliness", 600)
        peers += litellm_peers
        results: dict[str, Any] = {
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                        "python": platform.python_version(), "load_start": load_start},
            "workers": workers,
            "ner_backend": ner_backend,
            "peers": [p.name for p in peers],
            "direct": direct.name,
            "requests_per_mode": requests,
            "turns": turns,
            "resend": resend,
        }
        with Progress(console=console) as progress:
            plain, answers = _latency(peers, direct, requests, False, progress, turns, resend)
            stream, _ = _latency(peers, direct, requests, True, progress, turns, resend)
            in_row, _ = _latency(peers, direct, requests, False, progress, turns, resend,
                                 in_row=True)
        results["latency"] = {"plain": plain, "stream": stream, "plain_in_row": in_row}
        results["privacy"] = _privacy(answers, record)
        results["throughput"] = _throughputs(peers, concurrency, duration, rounds, console,
                                             turns, resend)
        _write(results, out)  # kept even if the streams phase fails
        results["streams"] = _streams(peers, direct, streams, console)
        results["machine"]["load_end"] = _loadavg()
    finally:
        for proc in reversed(procs):
            terminate(proc)
    _write(results, out)
    console.print(_markdown(results))
    console.print(f"written: {out}/gateway.json, gateway.md, gateway.png")


def register(app: typer.Typer) -> None:
    """Nothing to add at the top level: the command hangs off ``veil bench``."""
