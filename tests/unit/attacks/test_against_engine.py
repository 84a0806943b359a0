"""Attacks against Veil's own engine (veil.obfuscation) on the tiny model: without noise the keys
cancel and the vocabulary is recovered, whatever the key matrices, rotations and permutations."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from veil.evaluation.attacks.obfuscation import (
    HostView,
    InvariantAttack,
    NearestNeighbourAttack,
    VocabularyMatchingAttack,
    score_recovery,
)

obf = pytest.importorskip("veil.obfuscation")


@pytest.mark.parametrize("h", [0, 16])
def test_noise_free_engine_output_is_recovered(tiny_model, observed_plain, public, h):
    cfg = obf.ObfuscationConfig(mode="custom", alpha_e=0.0, alpha_h=0.0, h=h, lam=0.3 if h else 0.0)
    key = obf.generate_key(cfg, tiny_model.config.vocab_size, seed=3)
    host = obf.obfuscate(tiny_model, cfg, key=key).eval()
    tau = torch.as_tensor(np.asarray(key.tau))
    view = HostView(model=host, observed=[tau[o] for o in observed_plain])
    attacks = (VocabularyMatchingAttack(vote=False), InvariantAttack("gate"),
               InvariantAttack("rope"))
    for attack in attacks:
        s = score_recovery(attack.name, attack.run(view, public), view.observed, tau)
        assert s.token_recovery >= 0.97, s
    # Plain nearest neighbour does not see through the key matrices.
    nn = NearestNeighbourAttack().run(view, public)
    assert not nn.applicable or score_recovery("nn", nn, view.observed, tau).token_recovery < 0.2
