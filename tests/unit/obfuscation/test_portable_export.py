"""Qwen2 with h > 0 is exported as the same function in the Llama class (vLLM's Qwen2 ignores
config.head_dim); other models pass through unchanged."""

from __future__ import annotations

from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, LlamaForCausalLM, Qwen2Config, Qwen2ForCausalLM

from veil.obfuscation import ObfuscationConfig, generate_key, obfuscate
from veil.obfuscation.export import as_engine_portable


def _qwen2() -> Qwen2ForCausalLM:
    torch.manual_seed(0)
    cfg = Qwen2Config(vocab_size=97, hidden_size=48, intermediate_size=72, num_hidden_layers=2,
                      num_attention_heads=6, num_key_value_heads=2, max_position_embeddings=128,
                      attn_implementation="eager", tie_word_embeddings=True)
    model = Qwen2ForCausalLM(cfg).double().eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "bias" in name:
                p.normal_(0.0, 0.2)
    return model


def test_expanded_qwen2_becomes_an_equivalent_llama(tmp_path: Path) -> None:
    conf = ObfuscationConfig.for_mode("default", alpha_e=0.0, alpha_h=0.0, h=8, lam=0.3)
    obf = obfuscate(_qwen2(), conf, key=generate_key(conf, 97, seed=2))
    assert obf.config.hidden_size != obf.config.num_attention_heads * obf.config.head_dim
    port = as_engine_portable(obf)
    assert isinstance(port, LlamaForCausalLM) and port.config.attention_bias
    ids = torch.randint(0, 97, (2, 20), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        want, got = obf(input_ids=ids).logits, port(input_ids=ids).logits
    assert (want - got).abs().max().item() < 1e-6  # HF RMSNorm runs in float32
    port.save_pretrained(tmp_path)
    again = AutoModelForCausalLM.from_pretrained(tmp_path, dtype=torch.float64).eval()
    with torch.no_grad():
        assert (again(input_ids=ids).logits - want).abs().max().item() < 1e-6


def test_other_models_pass_through() -> None:
    conf = ObfuscationConfig.for_mode("exact")
    obf = obfuscate(_qwen2(), conf, key=generate_key(conf, 97, seed=2))
    assert as_engine_portable(obf) is obf  # h = 0: vLLM's Qwen2 loads it as is
