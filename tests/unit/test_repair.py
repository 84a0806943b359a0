"""Repair after noise (veil.obfuscation.repair) on a tiny random Llama: it lowers the KL to the
plaintext model while the embedding, LM head and norms stay bit-identical, and the result is a
standard checkpoint of the same class and config."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from veil.errors import InputError, ObfuscationError
from veil.evaluation.attacks.obfuscation import SimulatedDefence, simulate_obfuscation
from veil.obfuscation.corpus import repair_texts
from veil.obfuscation.repair import kl_to_plain, repair, trainable_parameters

VOCAB = 128


@pytest.fixture(scope="module")
def plain():
    from transformers import LlamaConfig, LlamaForCausalLM

    torch.manual_seed(0)
    cfg = LlamaConfig(vocab_size=VOCAB, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                      num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64,
                      tie_word_embeddings=True, attn_implementation="eager")
    return LlamaForCausalLM(cfg).eval()


@pytest.fixture(scope="module")
def text() -> list[torch.Tensor]:
    g = torch.Generator().manual_seed(1)
    return [torch.randint(0, VOCAB, (64,), generator=g) for _ in range(20)]


def _noisy(plain):
    return simulate_obfuscation(plain, SimulatedDefence(alpha_e=1.5, orthogonal_key=True,
                                                        ffn_permute=True, head_permute=True,
                                                        seed=2))


@torch.no_grad()
def _kl(host, plain, tau, ids: torch.Tensor) -> float:
    return float(kl_to_plain(plain(input_ids=ids).logits, host(input_ids=tau[ids]).logits, tau))


def _frozen(model) -> dict[str, torch.Tensor]:
    return {n: p.detach().clone() for n, p in model.named_parameters()
            if "embed" in n or "lm_head" in n or "norm" in n}


def test_repair_lowers_kl_and_keeps_embedding_head_norms(plain, text):
    host, tau = _noisy(plain)
    held = torch.randint(0, VOCAB, (4, 24), generator=torch.Generator().manual_seed(9))
    before, frozen = _kl(host, plain, tau, held), _frozen(host)
    out = repair(host, plain, tau, text, steps=60, lr=3e-3, batch=4, seq_len=16)
    assert out is host
    after = _kl(host, plain, tau, held)
    assert after < 0.8 * before
    for n, p in host.named_parameters():
        if n in frozen:
            assert torch.equal(p, frozen[n]), n


def test_residual_mode_trains_only_first_layers(plain, text):
    from veil.evaluation.obfuscation_eval import client_decode

    host, tau = _noisy(plain)
    held = torch.randint(0, VOCAB, (4, 24), generator=torch.Generator().manual_seed(9))
    last = {n: p.detach().clone() for n, p in host.model.layers[1].named_parameters()}
    before = _kl(host, plain, tau, held)
    repair(host, plain, tau, text, steps=60, lr=3e-3, batch=4, seq_len=16, target_layer=1,
           decode=client_decode(plain, host, tau))
    assert _kl(host, plain, tau, held) < before
    assert all(torch.equal(p, last[n]) for n, p in host.model.layers[1].named_parameters())


def test_repaired_checkpoint_reloads_unmodified(plain, text, tmp_path):
    from transformers import AutoModelForCausalLM

    host, tau = _noisy(plain)
    repair(host, plain, tau, text, steps=3, lr=1e-3, batch=2, seq_len=8)
    host.save_pretrained(tmp_path)
    again = AutoModelForCausalLM.from_pretrained(tmp_path).eval()
    assert type(again) is type(host)
    assert again.config.hidden_size == host.config.hidden_size
    ids = tau[torch.arange(12)][None]
    with torch.no_grad():
        assert torch.allclose(again(input_ids=ids).logits, host(input_ids=ids).logits, atol=1e-5)


def test_bad_input(plain, text):
    host, tau = _noisy(plain)
    with pytest.raises(InputError):
        repair(host, plain, tau, text, steps=-1)
    with pytest.raises(InputError):
        repair(host, plain, tau[:-1], text, steps=1)
    with pytest.raises(InputError):
        repair(host, plain, torch.zeros_like(tau), text, steps=1)
    with pytest.raises(InputError):
        repair(host, plain, tau, [torch.arange(4)], steps=1, seq_len=8)
    with pytest.raises(InputError):
        repair(host, plain, tau, [torch.full((40,), VOCAB)], steps=1)
    with pytest.raises(InputError):
        repair(host, plain, tau, text, steps=1, target_layer=1)  # no decode matrix
    with pytest.raises(InputError):
        trainable_parameters(host, layers=[5])
    from transformers import LlamaConfig, LlamaForCausalLM

    other = LlamaForCausalLM(LlamaConfig(vocab_size=VOCAB + 1, hidden_size=32,
                                         intermediate_size=64, num_hidden_layers=2,
                                         num_attention_heads=4, num_key_value_heads=2))
    with pytest.raises(ObfuscationError):
        repair(host, other, tau, text, steps=1)


def test_public_text_is_offline_and_nonempty():
    docs = repair_texts(("string", "heapq"))
    assert len(docs) > 3 and all(len(d) >= 40 for d in docs)


def test_sweep_runs_repair_and_sensitivity_rows(plain, text, tmp_path):
    from veil.evaluation.attacks.obfuscation import VocabularyMatchingAttack
    from veil.evaluation.obfuscation_eval import EvalData, Setting, run_sweep, write_report

    blocks = torch.stack([t[:16] for t in text[:4]])
    data = EvalData(blocks=blocks, pii=np.zeros(blocks.shape, dtype=bool), masked_blocks=blocks,
                    corpus=list(text), pii_tokens=np.zeros(0, dtype=np.int64),
                    token_freq=np.ones(VOCAB), repair_corpus=list(text))
    settings = [Setting("r", "repair after noise", alpha_e=1.0, orthogonal_key=True,
                        repair_steps=5),
                Setting("s", "sensitivity-shaped noise", alpha_e=1.0, sensitivity_noise=True)]
    seen: list[int] = []
    rows = run_sweep(plain, None, settings, attacks=[VocabularyMatchingAttack(vote=True)],
                     data=data, repair_progress=lambda i, n, loss: seen.append(i))
    assert seen == [1, 2, 3, 4, 5]
    assert rows[0]["repair"]["steps"] == 5 and "top1_before" in rows[0]["repair"]
    assert "repair" not in rows[1] and 0.0 <= rows[1]["top1_agreement"] <= 1.0
    write_report(rows, tmp_path, {"tokens": int(blocks.numel())})
    assert "Repair after noise" in (tmp_path / "results.md").read_text()
