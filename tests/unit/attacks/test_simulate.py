"""The simulated defences the attacks are tested against must be exact (noise aside), or an attack
that fails on them proves nothing."""

from __future__ import annotations

import torch

from veil.evaluation.attacks.obfuscation import SimulatedDefence, simulate_obfuscation


def test_exact_transforms_preserve_logits(tiny_model):
    g = torch.Generator().manual_seed(0)
    ids = torch.randint(0, tiny_model.config.vocab_size, (2, 10), generator=g)
    d = SimulatedDefence(orthogonal_key=True, ffn_permute=True, head_permute=True, seed=7)
    host, tau = simulate_obfuscation(tiny_model, d)
    with torch.no_grad():
        ref = tiny_model(ids).logits
        out = host(tau[ids]).logits[..., tau]
    assert torch.allclose(ref, out, atol=1e-4), float((ref - out).abs().max())
    # The host never sees plaintext: ids and embedding rows really move.
    assert not torch.equal(tau, torch.arange(len(tau)))
    moved = host.model.embed_tokens.weight[tau]
    assert not torch.allclose(moved, tiny_model.model.embed_tokens.weight)


def test_noise_changes_logits_and_leaves_input_untouched(tiny_model):
    before = tiny_model.model.embed_tokens.weight.clone()
    host, tau = simulate_obfuscation(tiny_model, SimulatedDefence(alpha_e=0.5, alpha_h=0.5, seed=1))
    assert torch.equal(before, tiny_model.model.embed_tokens.weight)
    ids = torch.arange(12)[None]
    with torch.no_grad():
        diff = (tiny_model(ids).logits - host(tau[ids]).logits[..., tau]).abs().max()
    assert diff > 1e-3
