"""How finely a comparison on 300 evaluation sentences resolves a gap: two models of the shipped
detector's recipe (seeds 0 and 1, 6,000 sentences and 2 epochs so that they differ) scored on
the federated comparison's held-out and unseen sets (`--eval-n 300`, seed 1), and the paired
bootstrap interval of their gap (`veil.evaluation.stats.bootstrap_f1_gap`).

    python gap_resolution.py > gap_resolution.json
"""
import json

import torch

from veil.evaluation.stats import bootstrap_f1_gap
from veil.train import central
from veil.train import federated as fed
from veil.train import model as M

tok = M.load_tokenizer()
sets = fed.eval_sets(fed.FederatedConfig(eval_n=300, seed=1))
models = []
for seed in (0, 1):
    cfg = central.CentralConfig(sentences=6000, epochs=2, lr=2e-3, batch_size=32, arch="conv",
                                layers=3, hidden=128, context_noise=0.2, seed=seed)
    torch.manual_seed(seed)
    m = M.build_model(base="conv", layers=3, hidden=128, seed=seed)
    central.fit(m, central.training_set(cfg), tok, cfg, progress=False)
    models.append(m)
out = {}
for split in fed.REPORTED_SETS:
    (sa, ca), (sb, cb) = (M.evaluate_counts(m, sets[split], tok) for m in models)
    out[split] = {"f1_seed0": sa["micro_f1"], "f1_seed1": sb["micro_f1"],
                  "sentences": len(ca), "gold_spans": sum(c[2] for c in ca),
                  **bootstrap_f1_gap(ca, cb, target=0.05)}
print(json.dumps(out, indent=1))
