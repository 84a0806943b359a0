"""The fitted C block (engine.fit_norm_block): P Q = I is kept, and ||x P|| / ||x|| varies less
over the activations the RMSNorms see, which is the lambda > 0 error a constant kappa leaves."""

from __future__ import annotations

import numpy as np
import torch
from transformers import LlamaConfig, LlamaForCausalLM

from veil.obfuscation import ObfuscationConfig, generate_key
from veil.obfuscation.engine import build_basis, make_basis, norm_inputs
from veil.obfuscation.transforms import windowed_pair_permutation


def _model() -> LlamaForCausalLM:
    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=101, hidden_size=48, intermediate_size=72, num_hidden_layers=2,
                      num_attention_heads=6, num_key_value_heads=2, head_dim=16,
                      attn_implementation="eager")
    return LlamaForCausalLM(cfg).double().eval()


def _log_ratio_std(xs: list[torch.Tensor], gram: np.ndarray) -> float:
    m = torch.from_numpy(gram)
    return float(np.mean([((x @ m * x).sum(-1).log() - (x * x).sum(-1).log()).std().item()
                          for x in xs]))


def test_fitted_c_block_keeps_pq_identity_and_evens_out_the_norm() -> None:
    model = _model()
    conf = ObfuscationConfig.for_mode("default", alpha_e=0.0, alpha_h=0.0, h=16, lam=0.6,
                                      c_scale=0.0, norm_fit=True)
    key = generate_key(conf, 101, seed=3)
    ids = np.random.default_rng(0).integers(0, 101, 600)
    plain = make_basis(key.seed, 48, conf, 6)
    fitted = build_basis(model, conf, key, ids)
    assert fitted.c_fit is not None and fitted.c_fit.shape == (48, fitted.c_rank)
    rng = np.random.default_rng(1)
    for _ in range(2):
        p, q = fitted.make_p(rng), fitted.make_q(rng)
        assert np.abs(p @ q - np.eye(48)).max() < 1e-9
    # ||x P||^2 = x P P^T x^T for the shared P (no random C part: c_scale = 0)
    p = fitted.make_p(rng)
    held = norm_inputs(model, np.random.default_rng(2).integers(0, 101, 300))
    before = _log_ratio_std(held, plain.gram0())
    after = _log_ratio_std(held, p @ p.T)
    assert after < 0.7 * before
    # off: the plain basis comes back
    off = build_basis(model, ObfuscationConfig.for_mode(
        "default", alpha_e=0.0, alpha_h=0.0, h=16, lam=0.6, norm_fit=False), key, ids)
    assert off.c_fit is None


def test_default_block_permutation_moves_only_the_lowest_frequency_window() -> None:
    rng = np.random.default_rng(0)
    perm = windowed_pair_permutation(32, 8, None, rng)
    assert perm[:24].tolist() == list(range(24))
    assert sorted(perm[24:].tolist()) == list(range(24, 32))
    assert (perm[24:] != np.arange(24, 32)).any()
    assert sorted(windowed_pair_permutation(4, 8, None, rng).tolist()) == [0, 1, 2, 3]
