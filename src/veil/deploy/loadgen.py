"""Load generator: concurrent two-turn streaming conversations through the gateway fleet.

Each conversation sends its own e-mail address and phone number, streams the answer of turn 1,
then sends turn 2 (the history plus a new message naming the same values) -- usually to another
replica. Checks, per conversation:

- restoration: each streamed answer is exactly what the echo upstream said with the originals
  put back (a wrong or missing restoration, or another conversation's value, is counted);
- lost mappings: every request of the conversation reached the upstream with the SAME
  replacements (a mapping lost between turns -- a replica that did not share the vault, a
  Redis write lost in a failover -- shows as a second, different replacement);
- leaks: no original value appears in anything the upstream received.

A turn that fails (connection cut by a killed replica, 502/503 while the vault fails over, a
stream that ends without ``[DONE]``) is retried by the client, as an OpenAI SDK user would.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

_MASKED = re.compile(r"r(\d+) c(\d+) t(\d) mail (.+?) ; phone (.+?) ; done$")


@dataclass
class LoadResult:
    conversations: int
    turns_ok: int = 0
    failed_conversations: int = 0
    retries: int = 0
    wrong_restorations: int = 0
    lost_mappings: int = 0
    leaked_values: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    @property
    def requests_per_s(self) -> float:
        return self.turns_ok / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies)
        p = (lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))], 4)) if lat else None
        return {
            "conversations": self.conversations,
            "turns_ok": self.turns_ok,
            "failed_conversations": self.failed_conversations,
            "client_retries": self.retries,
            "wrong_restorations": self.wrong_restorations,
            "lost_mappings": self.lost_mappings,
            "leaked_values": self.leaked_values,
            "seconds": round(self.seconds, 3),
            "requests_per_s": round(self.requests_per_s, 2),
            "latency_p50_s": p(0.5) if p else None,
            "latency_p95_s": p(0.95) if p else None,
        }


def values_of(i: int, seed: int) -> tuple[str, str]:
    rng = random.Random(seed * 1_000_003 + i)  # nosec B311 # test data, not a secret
    email = f"u{i}.{rng.randrange(16**6):06x}@example.org"
    phone = f"+44 20 7946 {rng.randrange(10_000):04d}"
    return email, phone


def message(i: int, turn: int, email: str, phone: str, seed: int = 0) -> str:
    """Turn ``turn`` of conversation ``i`` of run ``seed`` (the prefix is not sensitive)."""
    return f"r{seed} c{i} t{turn} mail {email} ; phone {phone} ; done"


async def _turn(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], msgs: list[dict[str, str]],
    res: LoadResult, *, attempts: int, deadline_s: float,
) -> str | None:
    """The streamed answer of one turn, retried on failure; None when every attempt failed."""
    body = {"model": "echo", "stream": True, "messages": msgs}
    start = time.monotonic()
    for attempt in range(attempts):
        if attempt:
            res.retries += 1
            await asyncio.sleep(min(2.0, 0.2 * 2**attempt) * (0.5 + random.random()))  # nosec B311
        if time.monotonic() - start > deadline_s:
            break
        out, done = [], False
        t0 = time.monotonic()
        try:
            async with client.stream("POST", url, json=body, headers=headers) as r:
                if r.status_code != 200:
                    await r.aread()
                    continue
                async for line in r.aiter_lines():
                    if not line.startswith("data: "):
                        continue
                    data = line[6:]
                    if data == "[DONE]":
                        done = True
                        break
                    chunk = json.loads(data)
                    if "error" in chunk:
                        break
                    for ch in chunk.get("choices", []):
                        out.append(ch.get("delta", {}).get("content") or "")
        except (httpx.HTTPError, json.JSONDecodeError):
            continue
        if done:
            res.latencies.append(time.monotonic() - t0)
            return "".join(out)
    return None


async def run_load(
    url: str, api_key: str, *, conversations: int, concurrency: int | None = None,
    seed: int = 0, attempts: int = 8, deadline_s: float = 60.0,
    on_progress: Callable[[int], Awaitable[None] | None] | None = None,
) -> LoadResult:
    """Run ``conversations`` two-turn conversations, at most ``concurrency`` at once (default:
    all at once); ``on_progress(n_done)`` is called after each conversation."""
    res = LoadResult(conversations)
    sem = asyncio.Semaphore(concurrency or conversations)
    done = 0
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=0)
    timeout = httpx.Timeout(60.0, connect=5.0)
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:

        async def conv(i: int) -> None:
            nonlocal done
            email, phone = values_of(i, seed)
            headers = {"authorization": f"Bearer {api_key}", "x-veil-session": f"rig-{seed}-{i}"}
            async with sem:
                msgs = [{"role": "user", "content": message(i, 1, email, phone, seed)}]
                for _ in range(2):
                    answer = await _turn(
                        client, url + "/v1/chat/completions", headers, msgs, res,
                        attempts=attempts, deadline_s=deadline_s,
                    )
                    if answer is None:
                        res.failed_conversations += 1
                        break
                    # Exact equality: a missing, wrong or foreign value all differ.
                    if answer != "Echo: " + msgs[-1]["content"]:
                        res.wrong_restorations += 1
                    res.turns_ok += 1
                    msgs += [
                        {"role": "assistant", "content": answer},
                        {"role": "user", "content": message(i, 2, email, phone, seed)},
                    ]
            done += 1
            if on_progress is not None:
                r = on_progress(done)
                if r is not None:
                    await r

        t0 = time.monotonic()
        await asyncio.gather(*(conv(i) for i in range(conversations)))
        res.seconds = time.monotonic() - t0
    return res


def check_upstream(record: Path, res: LoadResult, *, conversations: int, seed: int = 0) -> None:
    """Fill ``lost_mappings`` and ``leaked_values`` from what the upstream received."""
    seen: dict[int, set[tuple[str, str]]] = {}
    originals = {v for i in range(conversations) for v in values_of(i, seed)}
    raw = record.read_text() if record.exists() else ""
    res.leaked_values = sum(1 for v in originals if v in raw)
    for line in raw.splitlines():
        m = _MASKED.match(json.loads(line)["text"])
        if m is None or int(m.group(1)) != seed or int(m.group(2)) >= conversations:
            continue
        seen.setdefault(int(m.group(2)), set()).add((m.group(4), m.group(5)))
    # A conversation whose turns reached the upstream with two different replacements of the
    # same value lost the first mapping in between.
    res.lost_mappings = sum(len(forms) - 1 for forms in seen.values())


__all__ = ["LoadResult", "check_upstream", "message", "run_load", "values_of"]
