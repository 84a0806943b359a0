"""200 concurrent streams, two gateways side by side (one per source tree, N workers each,
learned backend), alternating bursts: each burst's added p50 and p99 (time to the last byte,
less the echo upstream's own in the same round), new prompts and sessions in every burst.
`veil bench gateway` runs one burst per peer, in a fixed order; this pairs them.

    SRC_A=<tree before>/src SRC_B=src VEIL_DETECTOR_DIR=<detector> .venv/bin/python \\
        benchmarks/results/gateway_s43/ab_streams_s43.py <rounds> [streams]

WORKERS=<n> workers per gateway (default 2).
"""
from __future__ import annotations

import base64
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from veil.cli.bench_gateway import Peer, _run_load, _streams_once
from veil.gateway.procs import spawn_on_socket, terminate


def main() -> None:
    rounds = int(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    workers = os.environ.get("WORKERS", "2")
    home = Path(tempfile.mkdtemp())
    env = {**os.environ, "VEIL_HOME": str(home), "HF_HUB_OFFLINE": "1",
           "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    up, up_url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                  "--reply-chars", "0"], env=env)
    (home / "policy.yaml").write_text(json.dumps({"ner_backend": "learned"}))
    (home / "gw.yaml").write_text(json.dumps({
        "policy_file": str(home / "policy.yaml"),
        "limits": {"max_concurrent_requests": n + 64, "requests_per_minute": 1_000_000}}))
    procs = [up]
    peers: dict[str, Peer] = {}
    try:
        for name in ("A", "B"):
            src = str(Path(os.environ[f"SRC_{name}"]).resolve())
            code = (f"import sys; sys.path.insert(0, {src!r}); sys.argv[0] = 'veil'; "
                    "from veil.cli.app import main; main()")
            gw, url = spawn_on_socket(
                [sys.executable, "-c", code, "serve", "--config", str(home / "gw.yaml"),
                 "--upstream-base-url", up_url + "/v1", "--log-level", "warning",
                 "--workers", workers], env=env, timeout_s=600)
            procs.append(gw)
            peers[name] = Peer(f"veil {name}", url)  # "veil": session headers are sent
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
