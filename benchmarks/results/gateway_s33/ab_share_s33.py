"""A 2-worker gateway whose workers share one listening socket (the socket handed over without
SO_REUSEPORT) against one whose workers listen on sockets of their own, same tree, learned
backend, 16 connections, a new prompt per request, interleaved rounds (order alternating).

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s33/ab_share_s33.py 8 7.5

Arguments: rounds, seconds per peer and round. Prints requests/s per round and the medians.
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from veil.cli.bench_gateway import _throughput, valued_prompt
from veil.gateway.procs import spawn_on_socket, terminate


def main() -> None:
    rounds, seconds = int(sys.argv[1]), float(sys.argv[2])
    home = Path(tempfile.mkdtemp())
    env = {**os.environ, "VEIL_HOME": str(home), "HF_HUB_OFFLINE": "1",
           "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    up, up_url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                  "--reply-chars", "0"], env=env)
    (home / "policy.yaml").write_text(json.dumps({"ner_backend": "learned"}))
    (home / "gw.yaml").write_text(json.dumps({"policy_file": str(home / "policy.yaml"), "limits": {
        "max_concurrent_requests": 400, "requests_per_minute": 1_000_000}}))
    serve = [str(Path(sys.executable).parent / "veil"), "serve", "--config", str(home / "gw.yaml"),
             "--upstream-base-url", up_url + "/v1", "--log-level", "warning", "--workers", "2"]
    procs = [up]
    try:
        own, own_url = spawn_on_socket(serve, env=env, timeout_s=600)
        procs.append(own)
        shared, shared_url = spawn_on_socket(serve, env=env, timeout_s=600, share_port=False)
        procs.append(shared)
        peers = [("own", own_url), ("shared", shared_url)]
        rps: dict[str, list[float]] = {"own": [], "shared": []}
        seq = 0
        for r in range(rounds):
            for name, url in peers if r % 2 == 0 else peers[::-1]:
                seq += 1
                prompts = [valued_prompt(1_000_000 * seq + i, tag=f"u{seq}-{i}")[0]
                           for i in range(3000)]
                t = asyncio.run(_throughput(url + "/v1/chat/completions", prompts, 16, seconds,
                                            None, True, 1, f"t{seq}"))
                rps[name].append(round(t["requests_per_second"], 1))
            print(r, {k: v[-1] for k, v in rps.items()}, flush=True)
        for name, xs in rps.items():
            print(name, "median", statistics.median(xs), xs)
    finally:
        for p in reversed(procs):
            terminate(p)


if __name__ == "__main__":
    main()
