"""DP-SGD's per-sample clipping norm on the small setting of ``s36/dp_levers.py``, DP runs only.

Usage: python clip_levers.py OUT_DIR name=max_grad_norm[:aug_multiplicity[:seed]] ...
Each run: 4 clients x 3,000 sentences, 12 rounds x 1 local epoch, batch 256 (the sampling
rate of the 12,000 x 1,024 setting), lr 4e-3 constant, context noise 0.2, epsilon 8 (RDP).
The clipping norm changes neither the noise multiplier nor epsilon: the noise is sized
relative to it.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from veil.train.federated import FederatedConfig, run_simulation

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
for spec in sys.argv[2:]:
    name, rest = spec.split("=")
    parts = rest.split(":")
    clip = float(parts[0])
    mult = int(parts[1]) if len(parts) > 1 else 1
    seed = int(parts[2]) if len(parts) > 2 else 1
    cfg = FederatedConfig(clients=4, n_per_client=3000, rounds=12, local_epochs=1,
                          batch_size=256, lr=4e-3, base="conv", context_noise=0.2,
                          dp_epsilon=8.0, dp_delta=1e-5, dp_max_grad_norm=clip, eval_n=300,
                          canaries=0, seed=seed, aug_multiplicity=mult)
    started = time.monotonic()
    result = run_simulation(cfg)
    result["wall_seconds"] = round(time.monotonic() - started, 1)
    # the summary keeps F1 per round only (the per-sentence counts are for bootstraps)
    for row in result["rounds"]:
        for key in [k for k in row if k.startswith("counts_")]:
            del row[key]
    (out / f"{name}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    f1 = [{k: round(v, 3) for k, v in r.items() if k.startswith("f1")} for r in result["rounds"]]
    chosen = 1 + max(range(len(f1) - 1), key=lambda i: f1[i + 1]["f1_dev"])
    print(f"{name} last {f1[-1]} best-dev round {chosen} {f1[chosen]} "
          f"{result['wall_seconds']:.0f}s", flush=True)
