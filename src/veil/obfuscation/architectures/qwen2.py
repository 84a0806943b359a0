"""Qwen2: the Llama layout with q/k/v biases (the engine carries biases through), exported as
Llama when obfuscation widens the hidden size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from veil.errors import ConfigError
from veil.obfuscation.architectures.base import ArchitectureAdapter
from veil.obfuscation.architectures.llama import LLAMA
from veil.obfuscation.architectures.registry import register_architecture


@dataclass(frozen=True)
class Qwen2Adapter(ArchitectureAdapter):
    def engine_portable(self, model: Any) -> Any:
        """A Qwen2 model whose hidden size is not heads x head_dim (h > 0), rewritten as the same
        function in the Llama class; anything else is returned unchanged.

        vLLM's Qwen2 derives head_dim from hidden_size / heads and ignores ``config.head_dim``, so
        it cannot load an expanded Qwen2 checkpoint; its Llama reads head_dim. Qwen2 attention is
        Llama attention with q/k/v biases, so Llama with ``attention_bias`` and zero o_proj biases
        computes the same logits. Sliding-window Qwen2 has no Llama equivalent and is refused.
        """
        import torch
        from transformers import LlamaConfig, LlamaForCausalLM
        from transformers.initialization import no_init_weights

        cfg = model.config
        if cfg.model_type != "qwen2" or cfg.hidden_size == cfg.num_attention_heads * cfg.head_dim:
            return model
        if getattr(cfg, "use_sliding_window", False):
            raise ConfigError("a sliding-window Qwen2 model with h > 0 cannot be exported in a "
                              "form vLLM loads; use h = 0 (exact mode) or turn the sliding window "
                              "off")
        keep = ("vocab_size", "hidden_size", "intermediate_size", "num_hidden_layers",
                "num_attention_heads", "num_key_value_heads", "head_dim", "hidden_act",
                "max_position_embeddings", "rms_norm_eps", "rope_parameters", "attention_dropout",
                "bos_token_id", "eos_token_id", "pad_token_id", "initializer_range")
        kw = {k: getattr(cfg, k) for k in keep if getattr(cfg, k, None) is not None}
        llama_cfg = LlamaConfig(**kw, attention_bias=True, mlp_bias=False,
                                tie_word_embeddings=False)
        sd = dict(model.state_dict())
        dtype = next(model.parameters()).dtype
        for i in range(cfg.num_hidden_layers):
            sd[f"{LLAMA.layer_prefix(i)}{LLAMA.o_proj}.bias"] = torch.zeros(cfg.hidden_size,
                                                                            dtype=dtype)
        with no_init_weights():
            new = LlamaForCausalLM(llama_cfg)
        new.to(dtype)
        missing, unexpected = new.load_state_dict(sd, strict=False)
        missing = [m for m in missing if not m.endswith("rotary_emb.inv_freq")]
        if missing or unexpected:
            raise ConfigError("cannot rewrite this Qwen2 variant as Llama (missing: "
                              f"{', '.join(missing[:3])}; unexpected: {', '.join(unexpected[:3])})")
        new.generation_config = model.generation_config
        return new.eval()


QWEN2 = register_architecture(Qwen2Adapter(name="Qwen2", model_types=("qwen2",)))

__all__ = ["QWEN2", "Qwen2Adapter"]
