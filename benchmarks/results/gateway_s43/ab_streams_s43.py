"""200 concurrent streams, two gateways side by side (one per source tree, N workers each,
learned backend), alternating bursts: each burst's added p50 and p99 (time to the last byte,
less the echo upstream's own in the same round), new prompts and sessions in every burst.
`veil bench gateway` runs one burst per peer, in a fixed order; this pairs them.

    SRC_A=<tree before>/src SRC_B=src VEIL_DETECTOR_DIR=<detector> .venv/bin/python \\
        benchmarks/results/gateway_s43/ab_streams_s43.py <rounds> [streams]

WORKERS=<n> workers per gateway (default 2).
"""
from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gateway_s35"))
from ab_latency_s35 import rig, start_trees  # noqa: E402

from veil.cli.bench_gateway import Peer, _run_load, _streams_once  # noqa: E402
from veil.gateway.procs import terminate  # noqa: E402


def main() -> None:
    rounds = int(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    env, up, args = rig(os.environ.get("WORKERS", "2"))  # limits: 400 requests at once
    up_url = next(a for a in args if a.startswith("http")).removesuffix("/v1")
    procs = [up]
    try:
        # "veil" in the name: the bursts send session headers
        peers = {name: Peer(f"veil {name}", url) for name, url, _ in
                 start_trees(env, args, procs)}
        direct = Peer("direct", up_url)
        rows: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
        for r in range(rounds):
            first = 20_000 + 1_000 * r  # new prompts every round: no memo answers a burst
            d = _run_load(_streams_once(direct, n, timeout_s=600, session=100 + r, first=first))
            order = ["A", "B"] if r % 2 == 0 else ["B", "A"]
            for k, name in enumerate(order):
                s = _run_load(_streams_once(peers[name], n, timeout_s=600, session=10 * r + k,
                                            first=first + 500 * k))
                added = (s["median_ms"] - d["median_ms"], s["p99_ms"] - d["p99_ms"])
                rows[name].append(added)
                print(f"round {r} {name}: added p50 {added[0]:.0f} ms, p99 {added[1]:.0f} ms"
                      f" ({s['errors']} errors)", flush=True)
        for name, xs in rows.items():
            print(f"{name} {os.environ[f'SRC_{name}']}: median added p50 "
                  f"{statistics.median(x[0] for x in xs):.0f} ms, p99 "
                  f"{statistics.median(x[1] for x in xs):.0f} ms; p99 under 1 s in "
                  f"{sum(x[1] < 1000 for x in xs)} of {len(xs)}")
    finally:
        for p in reversed(procs):
            terminate(p)


if __name__ == "__main__":
    main()
