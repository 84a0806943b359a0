"""The canary audit's score, four ways, on the saved final models of one `veil eval training`
run: the mean loss of the whole sentence or the loss of the name's words alone, over 2 or all
of each canary's sentences. Usage: audit_scoring.py MODELS_DIR OUT.json [canaries] [seed]
(MODELS_DIR holds central.pt / eps8.pt, the runs' released weights, saved by a local patch)."""

import json
import sys
from pathlib import Path

import torch

from veil.train import canary as canary_mod
from veil.train import federated as fed


def name_losses(model: object, sentences: list) -> list[float]:
    """Summed cross-entropy of the words of each sentence's first person name (where the
    audit puts its candidate); the rest of the sentence is left out."""
    from veil.train.data import LABEL_IDS
    from veil.train.model import INPUT_NAMES, encode

    b, i = LABEL_IDS["B-PERSON"], LABEL_IDS["I-PERSON"]
    model.eval()  # type: ignore[attr-defined]
    out: list[float] = []
    with torch.no_grad():
        for k in range(0, len(sentences), 64):
            enc = encode(sentences[k : k + 64], fed.tokenizer())
            logits = model(**{n: enc[n] for n in INPUT_NAMES})  # type: ignore[operator]
            ce = torch.nn.functional.cross_entropy(logits.transpose(1, 2), enc["labels"],
                                                   ignore_index=-100, reduction="none")
            for row, losses in zip(enc["labels"].tolist(), ce.tolist(), strict=True):
                start = row.index(b)
                total = losses[start]
                for j in range(start + 1, len(row)):
                    if row[j] == i:
                        total += losses[j]
                    elif row[j] != -100:  # a word's later pieces are -100: the name goes on
                        break
                out.append(total)
    return out


models, out = Path(sys.argv[1]), Path(sys.argv[2])
n_canaries = int(sys.argv[3]) if len(sys.argv) > 3 else 32
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 2
cfg = fed.FederatedConfig(base="conv", context_noise=0.2, lr=4e-3, clients=4, n_per_client=12000,
                          rounds=12, local_epochs=1, batch_size=1024, seed=seed,
                          lr_schedule="cosine", ema=0.7, aug_multiplicity=2, eval_n=300,
                          canaries=n_canaries, canary_repeats=8)
canaries = fed.planted_canaries(cfg)
result: dict = {"canaries": len(canaries), "repeats": cfg.canary_repeats,
                "references": canary_mod.N_REFERENCES, "runs": {}}
for path in sorted(models.glob("*.pt")):
    model = fed.new_model(cfg)
    model.load_state_dict(torch.load(path))
    runs = {}
    for name_only in (False, True):
        for probes in (2, cfg.canary_repeats):
            def loss(b: list, m: object = model, name: bool = name_only) -> list[float]:
                return name_losses(m, b) if name else fed.sentence_losses(m, b)

            exp = [canary_mod.exposure(c, loss, n_references=canary_mod.N_REFERENCES,
                                       seed=cfg.seed + 1, max_probes=probes)
                   for c in canaries]
            key = f"{'name' if name_only else 'sentence'}_probes{probes}"
            runs[key] = {"exposures": [round(x, 3) for x in exp],
                         **canary_mod.summarize(exp, seed=cfg.seed).to_dict()}
            s = runs[key]
            print(path.stem, key, f"{s['mean']:.2f} ± {s['stderr']:.2f}",
                  f"p {s['p_above_chance']:.3f}", flush=True)
    result["runs"][path.stem] = runs
out.write_text(json.dumps(result, indent=1) + "\n")
