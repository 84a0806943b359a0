"""A new gateway's first requests: how long `veil serve` takes to be ready, its memory, and the
added latency of N sequential ~1 KB prompts (each also sent direct to the echo upstream), with
the first request and the slow ones listed. One worker, learned backend.

    VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s43/first_requests_s43.py 120 [all|en,de,...]

BASE_SRC=<tree>/src runs that tree's gateway instead (`git archive <rev> src`).
"""
from __future__ import annotations

import base64
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from veil.cli.bench_gateway import valued_prompt
from veil.gateway.procs import spawn_on_socket, terminate
from veil.heap import collector_paused


def echo_rig(policy: dict[str, object]) -> tuple[Path, dict[str, str], Any, str]:
    """A new Veil home with ``policy`` in policy.yaml, its environment, and an echo upstream
    (process, URL) that answers with the prompt."""
    home = Path(tempfile.mkdtemp())
    env = {**os.environ, "VEIL_HOME": str(home), "HF_HUB_OFFLINE": "1",
           "VEIL_MASTER_KEY": base64.b64encode(os.urandom(32)).decode()}
    up, up_url = spawn_on_socket([sys.executable, "-m", "veil.gateway.echo_upstream",
                                  "--reply-chars", "0"], env=env)
    (home / "policy.yaml").write_text(json.dumps(policy))
    return home, env, up, up_url


def main() -> None:
    n = int(sys.argv[1])
    languages = sys.argv[2] if len(sys.argv) > 2 else "all"
    policy: dict[str, object] = {"ner_backend": "learned"}
    if languages != "all":
        policy["languages"] = languages.split(",")
    home, env, up, up_url = echo_rig(policy)
    (home / "gw.yaml").write_text(json.dumps({"policy_file": str(home / "policy.yaml")}))
    base = os.environ.get("BASE_SRC")
    cmd = [sys.executable, "-c", f"import sys; sys.path.insert(0, {base!r}); "
           "sys.argv[0] = 'veil'; from veil.cli.app import main; main()"] if base else \
        [str(Path(sys.executable).parent / "veil")]
    t0 = time.perf_counter()
    gw, url = spawn_on_socket([*cmd, "serve", "--config", str(home / "gw.yaml"),
                               "--upstream-base-url", up_url + "/v1", "--log-level", "warning"],
                              env=env, timeout_s=600)
    ready = time.perf_counter() - t0
    status = Path(f"/proc/{gw.pid}/status").read_text().splitlines()
    rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) // 1024
    try:
        added: list[float] = []
        # the client's own collector would pause it 30-45 ms near its 350th request
        with httpx.Client(timeout=300) as c, collector_paused():
            for i in range(n):
                text, _ = valued_prompt(i, tag=f"T{i}")
                body = {"model": "echo", "messages": [{"role": "user", "content": text}]}
                t0 = time.perf_counter()
                c.post(up_url + "/v1/chat/completions", json=body)
                direct = time.perf_counter() - t0
                t0 = time.perf_counter()
                r = c.post(url + "/v1/chat/completions", json=body,
                           headers={"X-Veil-Session": f"s{i}"})
                r.raise_for_status()
                added.append((time.perf_counter() - t0 - direct) * 1000)
    finally:
        terminate(gw)
        terminate(up)
    q = sorted(added)
    median = statistics.median(added)
    print(f"tree {base or 'src'}, languages {languages}: ready after {ready:.2f} s, "
          f"RSS {rss} MB")
    print(f"added ms over {n} requests: median {median:.2f}, p99 "
          f"{q[int(0.99 * (n - 1))]:.1f}, max {q[-1]:.1f}, first {added[0]:.1f}")
    print("slower than 3x the median (request, ms):",
          [(i, round(a, 1)) for i, a in enumerate(added) if a > 3 * median])


if __name__ == "__main__":
    main()
