"""``veil crypto bench-classifier``: the BERT-tiny-class encoder under MPC per protocol: accuracy
under MPC vs plaintext, seconds and bytes per input; writes
benchmarks/results/crypto/classifier.{json,md}. No text is written, only counts and figures.

Plaintext accuracy is taken twice: the torch model (as trained) and the same JAX function the
parties compile, run in float by the client helper; MPC accuracy is from the reconstructed
fixed-point logits. Test texts come from another seed than the training texts (other values,
same templates as :mod:`veil.crypto.he_classifier`).
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

import numpy as np

from .mpc import PROTOCOLS, MPCConfig, MPCSession, _load


def _torch_predictions(model_dir: Path, ids: list[list[int]], card: dict[str, Any]) -> list[int]:
    import torch

    from .encoder_train import EncoderShape, build, pad

    shape = EncoderShape(**card["shape"])
    model = build(int(card["vocab"]), shape, len(card["labels"]))
    with np.load(model_dir / "encoder.npz") as z:
        arrays = {k: torch.from_numpy(z[k]) for k in z.files}
    sd = {"tok.weight": arrays["tok"], "pos.weight": arrays["pos"],
          "ln_emb.weight": arrays["ln_emb_w"], "ln_emb.bias": arrays["ln_emb_b"],
          "head.weight": arrays["head_w"].T, "head.bias": arrays["head_b"]}
    for i in range(shape.layers):
        for mod, w, b, t in (("qkv", "wqkv", "bqkv", True), ("o", "wo", "bo", True),
                             ("ff1", "w1", "b1", True), ("ff2", "w2", "b2", True),
                             ("ln1", "ln1_w", "ln1_b", False), ("ln2", "ln2_w", "ln2_b", False)):
            sd[f"blocks.{i}.{mod}.weight"] = arrays[f"l{i}.{w}"].T if t else arrays[f"l{i}.{w}"]
            sd[f"blocks.{i}.{mod}.bias"] = arrays[f"l{i}.{b}"]
    model.load_state_dict(sd)
    model.eval()
    x, m = pad(ids, shape.max_len)
    with torch.no_grad():
        return model(torch.from_numpy(x), torch.from_numpy(m)).argmax(-1).tolist()


def run(
    *, protocols: list[str], n_test: int = 200, batch: int = 25, seed: int = 0,
    out_dir: Path = Path("benchmarks/results/crypto"), model_dir: Path | None = None,
    timeout_s: float = 900.0,
) -> dict[str, Any]:
    from rich.progress import Progress

    from .encoder_train import encode, encoder_dir
    from .he_classifier import dataset

    model_dir = model_dir or encoder_dir()
    card = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    labels: list[str] = card["labels"]
    texts, gold_labels = dataset(n_test, seed=int(card["seed"]) + 1001 + seed)
    gold = [labels.index(g) for g in gold_labels]
    ids = encode(texts, int(card["shape"]["max_len"]))
    torch_pred = _torch_predictions(model_dir, ids, card)
    rows: list[dict[str, Any]] = []
    with Progress() as progress:
        for prot in protocols:
            task = progress.add_task(f"{prot}: {n_test} texts", total=n_test)
            cfg = MPCConfig(protocol=prot, model="encoder", batch=batch, model_dir=model_dir,
                            timeout_s=timeout_s)
            mpc_pred: list[int] = []
            float_pred: list[int] = []
            secs = up = down = 0.0
            link: list[float] = []
            err = 0.0
            with MPCSession(cfg) as s:
                startup = float(s.info.get("startup_s", 0.0))
                for i in range(0, n_test, batch):
                    chunk = ids[i:i + batch]
                    r = s.classify_ids(chunk)
                    lg, ref = np.asarray(r["logits"]), np.asarray(r["plain_logits"])
                    mpc_pred += lg.argmax(-1).tolist()
                    float_pred += ref.argmax(-1).tolist()
                    err = max(err, float(np.max(np.abs(lg - ref))))
                    secs += r["seconds"]
                    up += sum(r["client_bytes"])
                    down += sum(r["client_recv_bytes"])
                    if all(b is not None for b in r["link_bytes"]):
                        link.append(max(r["link_bytes"]))
                    progress.advance(task, len(chunk))
            runs = -(-n_test // batch)

            def acc(pred: list[int]) -> float:
                return float(np.mean([p == g for p, g in zip(pred, gold, strict=True)]))

            rows.append({
                "protocol": prot, "parties": PROTOCOLS[prot], "n_test": n_test, "batch": batch,
                "accuracy_mpc": acc(mpc_pred), "accuracy_plain_jax": acc(float_pred),
                "accuracy_plain_torch": acc(torch_pred),
                "agreement_with_plain": float(np.mean(
                    [a == b for a, b in zip(mpc_pred, float_pred, strict=True)])),
                "max_abs_logit_err": err,
                "seconds_per_input": secs / n_test, "seconds_per_batch": secs / runs,
                "client_bytes_per_input": up / n_test, "client_recv_bytes_per_input":
                    down / n_test,
                "party_bytes_per_input": sum(link) / n_test if len(link) == runs else None,
                "startup_s": startup, "load": _load(),
            })
    report = {
        "model": f"BERT-tiny-class encoder trained by Veil ({card['shape']['layers']} blocks, "
                 f"hidden {card['shape']['hidden']}, {card['shape']['heads']} heads, FFN "
                 f"{card['shape']['ffn']}, {card['params']:,} parameters, length "
                 f"{card['shape']['max_len']}); task: {card['task']}",
        "train": {k: card[k] for k in ("n_train", "epochs", "seed", "train_seconds",
                                       "torch_test_accuracy")},
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "runs": rows,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "classifier.json").write_text(json.dumps(report, indent=2) + "\n",
                                             encoding="utf-8")
    (out_dir / "classifier.md").write_text(markdown(report), encoding="utf-8")
    return report


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "# BERT-tiny-class classifier under MPC (SPU)", "",
        f"Model: {report['model']}. Reproduce: `veil crypto train-encoder && veil crypto "
        "bench-classifier` (docs/crypto.md).", "",
        "| protocol | parties | texts | accuracy MPC | accuracy plaintext (JAX / torch) | "
        "MPC = plaintext | max logit err | s/input (batch) | client up KB/input | "
        "client down KB/input | MB sent per party/input | startup s | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["runs"]:
        party = "n/a" if r["party_bytes_per_input"] is None else \
            f"{r['party_bytes_per_input'] / 1e6:.2f}"
        lines.append(
            f"| {r['protocol']} | {r['parties']} | {r['n_test']} | {r['accuracy_mpc']:.3f} | "
            f"{r['accuracy_plain_jax']:.3f} / {r['accuracy_plain_torch']:.3f} | "
            f"{r['agreement_with_plain']:.3f} | {r['max_abs_logit_err']:.4f} | "
            f"{r['seconds_per_input']:.2f} ({r['batch']}) | {r['client_bytes_per_input'] / 1e3:.0f}"
            f" | {r['client_recv_bytes_per_input'] / 1e3:.1f} | {party} | "
            f"{r['startup_s']:.0f} | {r['load']} |")
    return "\n".join(lines) + "\n"


__all__ = ["markdown", "run"]
