"""The test ladder (docs/obfuscation.md) as one tester mixin run over every supported architecture.

Tiny random configs, float64, eager attention. Each rung isolates one source of error:
tau alone, exact mode, key matrices with norms bypassed, KV-cache generation, save/reload, and
the lossy knobs (which must hurt, but within a band).
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

import numpy as np
import pytest
import torch
from transformers import (
    AutoModelForCausalLM,
    LlamaConfig,
    LlamaForCausalLM,
    MistralConfig,
    MistralForCausalLM,
    PreTrainedModel,
    Qwen2Config,
    Qwen2ForCausalLM,
)

from veil.obfuscation import ObfuscationConfig, generate_key, obfuscate

VOCAB = 101


def _no_noise(**kw: Any) -> ObfuscationConfig:
    base: dict[str, Any] = dict(alpha_e=0.0, alpha_h=0.0)
    base.update(kw)
    return ObfuscationConfig.for_mode("default", **base)


class ObfuscationTesterMixin:
    model_class: ClassVar[type[PreTrainedModel]]
    config_class: ClassVar[type]
    config_kwargs: ClassVar[dict[str, Any]] = {}

    def make_model(self, *, tied: bool = True, seed: int = 0) -> PreTrainedModel:
        torch.manual_seed(seed)
        cfg = self.config_class(
            vocab_size=VOCAB, hidden_size=48, intermediate_size=72, num_hidden_layers=2,
            num_attention_heads=6, num_key_value_heads=2, head_dim=32, max_position_embeddings=256,
            tie_word_embeddings=tied, attn_implementation="eager", **self.config_kwargs,
        )
        model = self.model_class(cfg).double().eval()
        with torch.no_grad():  # non-trivial norms and biases, larger weights: errors must show
            for name, p in model.named_parameters():
                if "norm" in name:
                    p.uniform_(0.5, 1.5)
                elif "bias" in name:
                    p.normal_(0.0, 0.2)
                else:
                    p.normal_(0.0, 0.15)
        model.generation_config.eos_token_id = None
        model.generation_config.pad_token_id = 0
        return model

    def ids(self, batch: int = 2, length: int = 24) -> torch.Tensor:
        return torch.randint(0, VOCAB, (batch, length), generator=torch.Generator().manual_seed(7))

    def logits_pair(
        self, model: PreTrainedModel, config: ObfuscationConfig, seed: int = 3
    ) -> tuple[torch.Tensor, torch.Tensor, PreTrainedModel]:
        key = generate_key(config, VOCAB, seed=seed)
        obf = obfuscate(model, config, key=key)
        tau = torch.as_tensor(key.tau)
        ids = self.ids()
        with torch.no_grad():
            base = model(ids).logits
            got = obf(tau[ids]).logits[..., tau]  # column tau[i] holds plaintext token i
        return base, got, obf

    # --- rung 2: tau alone
    def test_tau_only_permutes_ids_and_logits(self, float64_norms: None) -> None:
        cfg = ObfuscationConfig.for_mode(
            "exact", key_matrices=False, rope_rotation=False, rope_scale=1.0, vo_mixing=False,
            head_perm=False, ffn_perm=False, ffn_scale=1.0,
        )
        model = self.make_model()
        base, got, obf = self.logits_pair(model, cfg)
        assert torch.allclose(base, got, atol=1e-12, rtol=0)
        # the host-side logits really are permuted (the test above would pass for tau = id)
        key = generate_key(cfg, VOCAB, seed=3)
        assert (key.tau != np.arange(VOCAB)).mean() > 0.9

    # --- rung 3: exact mode
    def test_exact_mode_logits_equal(self, float64_norms: None) -> None:
        model = self.make_model()
        base, got, obf = self.logits_pair(model, ObfuscationConfig.for_mode("exact"))
        assert (base - got).abs().max().item() < 1e-9
        # every weight was really transformed (no component silently skipped)
        plain = dict(model.named_parameters())
        for name, p in obf.named_parameters():
            if "norm" in name or name not in plain or p.shape != plain[name].shape:
                continue
            assert not torch.allclose(p, plain[name]), name
        assert obf.config.tie_word_embeddings is False
        assert obf.lm_head.weight.data_ptr() != obf.model.embed_tokens.weight.data_ptr()

    # --- rung 4: expanded, non-orthogonal keys are exact when norms are bypassed
    @pytest.mark.parametrize("h,lam", [(0, 0.3), (16, 1.0)])
    def test_key_matrices_exact_with_norms_bypassed(
        self, bypassed_norms: None, h: int, lam: float
    ) -> None:
        model = self.make_model()
        cfg = _no_noise(h=h, lam=lam, block_perm=False, kappa=1.0)
        base, got, obf = self.logits_pair(model, cfg)
        assert obf.config.hidden_size >= 48 + 2 * h
        assert obf.config.hidden_size % obf.config.num_attention_heads == 0
        scale = base.abs().max().item()
        assert (base - got).abs().max().item() < 1e-9 * max(scale, 1.0)

    def test_calibrated_kappa_beats_uncalibrated(self, float64_norms: None) -> None:
        model = self.make_model()

        def kl(cfg: ObfuscationConfig) -> tuple[float, float]:
            base, got, _ = self.logits_pair(model, cfg)
            lp, lq = base.log_softmax(-1), got.log_softmax(-1)
            agree = (base.argmax(-1) == got.argmax(-1)).double().mean().item()
            return (lp.exp() * (lp - lq)).sum(-1).mean().item(), agree

        calibrated, agree = kl(_no_noise(h=16, lam=0.3, block_perm=False))
        uncalibrated, _ = kl(_no_noise(h=16, lam=0.3, block_perm=False, kappa=1.0))
        assert 1e-12 < calibrated < uncalibrated  # lossy, and calibration helps
        assert agree >= 0.7

    # --- rung 5: greedy generation with KV cache
    def test_greedy_generation_with_cache_matches(self, float64_norms: None) -> None:
        model = self.make_model()
        cfg = ObfuscationConfig.for_mode("exact")
        key = generate_key(cfg, VOCAB, seed=5)
        obf = obfuscate(model, cfg, key=key)
        tau = torch.as_tensor(key.tau)
        ids = self.ids(batch=1, length=10)
        with torch.no_grad():
            want = model.generate(ids, max_new_tokens=12, do_sample=False, use_cache=True)
            got = obf.generate(tau[ids], max_new_tokens=12, do_sample=False, use_cache=True)
        assert key.decode_ids(got[0].numpy()) == want[0].tolist()

    # --- rung 6: save_pretrained -> from_pretrained with no Veil code, no key material
    def test_save_and_reload_with_plain_transformers(self, float64_norms: None, tmp_path) -> None:
        model = self.make_model()
        cfg = _no_noise(h=8, lam=0.3)
        key = generate_key(cfg, VOCAB, seed=11)
        obf = obfuscate(model, cfg, key=key)
        obf.save_pretrained(tmp_path)
        again = AutoModelForCausalLM.from_pretrained(
            tmp_path, dtype=torch.float64, attn_implementation="eager"
        ).eval()
        assert type(again) is type(model)
        ids = self.ids()
        with torch.no_grad():
            assert torch.allclose(obf(ids).logits, again(ids).logits, atol=1e-12, rtol=0)
        text = (tmp_path / "config.json").read_text()
        conf = json.loads(text)
        assert conf["hidden_size"] == obf.config.hidden_size and conf["head_dim"] == 32
        assert "seed" not in text and "tau" not in text and "alpha" not in text
        from safetensors import safe_open

        with safe_open(str(tmp_path / "model.safetensors"), "pt") as f:
            assert set(f.keys()) <= set(obf.state_dict())

    # --- rung 7: lossy knobs hurt, monotonically, within a band
    def test_noise_sweep_degrades_monotonically(self, float64_norms: None) -> None:
        model = self.make_model()
        kls = []
        for alpha in (0.0, 0.1, 0.5):
            base, got, _ = self.logits_pair(model, _no_noise(h=0, lam=0.0, block_perm=False,
                                                             alpha_e=alpha, alpha_h=alpha / 2))
            lp, lq = base.log_softmax(-1), got.log_softmax(-1)
            kls.append((lp.exp() * (lp - lq)).sum(-1).mean().item())
        assert kls[0] < 1e-12 < kls[1] < kls[2]
        assert kls[2] < 5.0  # noise does not wipe the model out entirely

    def test_block_permutation_is_lossy_but_close(self, float64_norms: None) -> None:
        model = self.make_model()
        cfg = _no_noise(h=0, lam=0.0, block_perm=True, block_window=4, block_keep=4)
        base, got, _ = self.logits_pair(model, cfg)
        err = (base - got).abs().max().item()
        assert err > 1e-9  # pairs really moved
        agree = (base.argmax(-1) == got.argmax(-1)).double().mean().item()
        assert agree >= 0.6

    def test_untied_model_and_keys_reproducible(self, float64_norms: None) -> None:
        model = self.make_model(tied=False)
        cfg = _no_noise(h=8, lam=0.3)
        k1, k2 = generate_key(cfg, VOCAB, seed=9), generate_key(cfg, VOCAB, seed=9)
        o1, o2 = obfuscate(model, cfg, key=k1), obfuscate(model, cfg, key=k2)
        for (n, a), (_, b) in zip(o1.state_dict().items(), o2.state_dict().items(), strict=True):
            assert torch.equal(a, b), n
        o3 = obfuscate(model, cfg, key=generate_key(cfg, VOCAB, seed=10))
        assert not torch.equal(o3.model.embed_tokens.weight, o1.model.embed_tokens.weight)


class TestLlama(ObfuscationTesterMixin):
    model_class = LlamaForCausalLM
    config_class = LlamaConfig


class TestLlamaWithBiases(ObfuscationTesterMixin):
    model_class = LlamaForCausalLM
    config_class = LlamaConfig
    config_kwargs: ClassVar[dict[str, Any]] = {"attention_bias": True, "mlp_bias": True}


class TestQwen2(ObfuscationTesterMixin):
    model_class = Qwen2ForCausalLM
    config_class = Qwen2Config


class TestMistral(ObfuscationTesterMixin):
    model_class = MistralForCausalLM
    config_class = MistralConfig
