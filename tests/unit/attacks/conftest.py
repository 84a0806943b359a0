"""Tiny random Llama models and the defences the attack tests run against."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from veil.evaluation.attacks.obfuscation import (
    HostView,
    PublicKnowledge,
    SimulatedDefence,
    simulate_obfuscation,
)

VOCAB = 384


@pytest.fixture(scope="session")
def tiny_model():
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    cfg = LlamaConfig(
        vocab_size=VOCAB, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=128,
        tie_word_embeddings=True, attn_implementation="eager",
    )
    model = LlamaForCausalLM(cfg).eval()
    # Trained models have non-uniform norm weights; random init has ones. Make them informative.
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight"):
                p.copy_(1.0 + 0.3 * torch.randn_like(p))
            if name.endswith(("q_proj.weight", "k_proj.weight")):
                p.mul_(6.0)  # peaked attention, as in a trained model (random init is ~uniform)
    return model


@pytest.fixture(scope="session")
def observed_plain() -> list[torch.Tensor]:
    """Zipf-distributed 'text': frequent tokens repeat, as in real text."""
    rng = np.random.default_rng(1)
    p = 1.0 / np.arange(1, VOCAB + 1) ** 1.1
    p /= p.sum()
    perm = rng.permutation(VOCAB)
    return [torch.from_numpy(perm[rng.choice(VOCAB, size=24, p=p)]) for _ in range(24)]


def make_view(model, plain_seqs, defence: SimulatedDefence):
    host, tau = simulate_obfuscation(model, defence)
    observed = [tau[s] for s in plain_seqs]
    return HostView(model=host, observed=observed), tau


@pytest.fixture(scope="session")
def public(tiny_model, observed_plain) -> PublicKnowledge:
    # A public corpus drawn from the same distribution as the observed text (fresh samples).
    rng = np.random.default_rng(2)
    p = 1.0 / np.arange(1, VOCAB + 1) ** 1.1
    p /= p.sum()
    perm = np.random.default_rng(1).permutation(VOCAB)
    corpus = [torch.from_numpy(perm[rng.choice(VOCAB, size=64, p=p)]) for _ in range(200)]
    return PublicKnowledge(model=tiny_model, corpus=corpus)


DEFENCES = {
    "unprotected": SimulatedDefence(permute_tokens=False),
    "permutation": SimulatedDefence(permute_tokens=True, seed=3),
    "keyed": SimulatedDefence(orthogonal_key=True, ffn_permute=True, head_permute=True, seed=4),
    "noisy": SimulatedDefence(alpha_e=2.0, alpha_h=2.0, seed=5),
    # Random 64-d rows stay far apart, so plain NN needs much more noise than on a real model.
    "very_noisy": SimulatedDefence(alpha_e=4.0, alpha_h=4.0, seed=5),
}
