"""The sweep runner and report writer on the tiny model (the SmolLM2 sweep is a benchmark)."""

from __future__ import annotations

import json

import numpy as np
import torch

from veil.evaluation.attacks.obfuscation import FrequencyMatchingAttack, VocabularyMatchingAttack
from veil.evaluation.obfuscation_eval import EvalData, Setting, run_sweep, write_report

from .conftest import VOCAB


def _data(observed_plain) -> EvalData:
    blocks = torch.stack([o[:16] for o in observed_plain[:6]])
    pii = np.zeros(blocks.shape, dtype=bool)
    pii[:, ::5] = True
    masked = blocks.clone()
    masked[torch.from_numpy(pii)] = 0
    return EvalData(blocks=blocks, pii=pii, masked_blocks=masked,
                    corpus=list(observed_plain), pii_tokens=np.unique(blocks[:, ::5].numpy()),
                    token_freq=np.bincount(torch.cat(observed_plain).numpy(), minlength=VOCAB))


def test_sweep_orders_settings_by_privacy_and_utility(tiny_model, observed_plain, tmp_path):
    settings = [Setting("clean", "t"), Setting("noisy", "t", alpha_e=3.0, alpha_h=3.0),
                Setting("pii", "t", alpha_e=0.5, pii_noise_boost=6.0),
                Setting("masked", "t", alpha_e=0.1, gateway_mask=True)]
    attacks = [VocabularyMatchingAttack(vote=True), FrequencyMatchingAttack()]
    rows = run_sweep(tiny_model, None, settings, attacks=attacks, data=_data(observed_plain))
    by = {r["setting"]["name"]: r for r in rows}
    assert by["clean"]["top1_agreement"] == 1.0 and by["clean"]["kl"] < 1e-6
    assert by["noisy"]["top1_agreement"] < 1.0 and by["noisy"]["kl"] > 1e-4
    assert by["clean"]["attacks"]["vma_vote"]["token_recovery"] >= 0.97
    assert by["noisy"]["attacks"]["vma_vote"]["token_recovery"] < 0.5
    # PII-aware noise protects the PII positions more than the rest.
    pii = by["pii"]["attacks"]["vma_vote"]
    assert pii["pii_recovery"] < pii["token_recovery"]
    assert by["masked"]["attacks"]["vma_vote"]["pii_recovery"] == 0.0

    paths = write_report(rows, tmp_path, {"tokens": 96})
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)
    saved = json.loads((tmp_path / "results.json").read_text())
    assert len(saved["rows"]) == 4
    assert "| noisy | t |" in (tmp_path / "results.md").read_text()
