"""N sequential ~1 KB prompts to a 1-worker gateway (learned backend) on an echo upstream:
the added latency (each prompt is also sent straight to the upstream), and with TDUMP=<file>
the gateway's time per stage (`stage_timers_s44.py`).

    TDUMP=<out.txt> VEIL_DETECTOR_DIR=<detector> .venv/bin/python \
        benchmarks/results/gateway_s44/sequential_stages_s44.py 1500

EN=1: a policy of English alone (default: all five languages); NOAUDIT=1: the audit log off;
BASE_SRC=<tree>/src: that tree's gateway instead (`git archive <rev> src`), without timers.
GAP=sleep<ms> or GAP=burn<ms>: before each prompt the client sleeps (or keeps one core busy)
that long, as when other peers' requests come between two of the gateway's.
"""
from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "gateway_s43"))
from first_requests_s43 import echo_rig  # noqa: E402

from veil.cli.bench_gateway import valued_prompt  # noqa: E402
from veil.gateway.procs import spawn_on_socket, terminate  # noqa: E402


def main() -> None:
    n = int(sys.argv[1])
    policy: dict[str, object] = {"ner_backend": "learned"}
    if os.environ.get("EN"):
        policy["languages"] = ["en"]
    home, env, up, up_url = echo_rig(policy)
    cfg: dict[str, object] = {"policy_file": str(home / "policy.yaml")}
    if os.environ.get("NOAUDIT"):
        cfg["audit"] = {"store": "off"}
    (home / "gw.yaml").write_text(json.dumps(cfg))
    timers = Path(__file__).with_name("stage_timers_s44.py")
    base = os.environ.get("BASE_SRC")
    if base:
        cmd = [sys.executable, "-c", f"import sys; sys.path.insert(0, {base!r}); "
               "sys.argv[0] = 'veil'; from veil.cli.app import main; main()"]
    elif os.environ.get("TDUMP"):
        cmd = [sys.executable, str(timers)]
    else:
        cmd = [str(Path(sys.executable).parent / "veil")]
    gw, url = spawn_on_socket([*cmd, "serve", "--config", str(home / "gw.yaml"),
                               "--upstream-base-url", up_url + "/v1", "--log-level", "warning"],
                              env=env, timeout_s=300)
    added: list[float] = []
    direct: list[float] = []
    try:
        with httpx.Client(timeout=300) as c:
            def one(i: int) -> float:
                gap = os.environ.get("GAP", "")
                if gap.startswith("sleep"):
                    time.sleep(float(gap[5:]) / 1000)
                elif gap.startswith("burn"):
                    end = time.perf_counter() + float(gap[4:]) / 1000
                    while time.perf_counter() < end:
                        pass
                text, _ = valued_prompt(i, tag=f"T{i}")
                body = {"model": "echo", "messages": [{"role": "user", "content": text}]}
                t0 = time.perf_counter()
                c.post(up_url + "/v1/chat/completions", json=body)
                d = time.perf_counter() - t0
                direct.append(d)
                t0 = time.perf_counter()
                r = c.post(url + "/v1/chat/completions", json=body,
                           headers={"X-Veil-Session": f"s{i}"})
                r.raise_for_status()
                return (time.perf_counter() - t0 - d) * 1000

            for i in range(30):
                one(100_000 + i)
            added = [one(i) for i in range(n)]
    finally:
        terminate(gw)
        terminate(up)
    q = sorted(added)
    print(f"tree {base or 'src'}; gap before each prompt: {os.environ.get('GAP') or 'none'}")
    print(f"direct to the upstream, median {1000 * statistics.median(direct):.2f} ms")
    print(f"added over {n} requests: median {statistics.median(added):.2f} ms, "
          f"p90 {q[int(0.9 * (n - 1))]:.2f}, p99 {q[int(0.99 * (n - 1))]:.2f}")


if __name__ == "__main__":
    main()
