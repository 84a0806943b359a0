"""Read the weights an attack needs from a Llama-family causal LM (Llama, SmolLM2, Qwen2).

The same accessor reads the public plaintext model and the obfuscated checkpoint: AloePri keeps the
architecture class and only changes shapes (hidden size d' = d + 2h), so names are shared. All
tensors are returned detached in float64 on CPU (attack arithmetic is done in float64/float32).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch

from veil.errors import UnsupportedModelError

if TYPE_CHECKING:
    from transformers import PreTrainedModel


def _w(t: torch.Tensor) -> torch.Tensor:
    return t.detach().to(device="cpu", dtype=torch.float32)


@dataclass
class ModelWeights:
    """HF layouts: ``embed``/``head`` are (n, d); linear weights are (out, in)."""

    model: PreTrainedModel

    def __post_init__(self) -> None:
        inner = getattr(self.model, "model", None)
        if inner is None or not hasattr(inner, "layers") or not hasattr(inner, "norm"):
            raise UnsupportedModelError(
                "attacks support Llama-family causal LMs (model.model.layers, model.model.norm); "
                f"got {type(self.model).__name__}"
            )
        self._inner = inner
        self._memo: dict[str, torch.Tensor] = {}

    @property
    def n_layers(self) -> int:
        return len(self._inner.layers)

    @property
    def vocab_size(self) -> int:
        return int(self.model.get_input_embeddings().weight.shape[0])

    @property
    def hidden_size(self) -> int:
        return int(self.model.get_input_embeddings().weight.shape[1])

    @property
    def head_dim(self) -> int:
        cfg = self.model.config
        hd = getattr(cfg, "head_dim", None)
        return int(hd) if hd else int(cfg.hidden_size // cfg.num_attention_heads)

    def embed(self) -> torch.Tensor:
        if "embed" not in self._memo:
            self._memo["embed"] = _w(self.model.get_input_embeddings().weight)
        return self._memo["embed"]

    def head(self) -> torch.Tensor:
        """LM head rows with the final norm weight folded in (a logit is a dot product with one)."""
        if "head" not in self._memo:
            self._memo["head"] = _w(self.model.get_output_embeddings().weight) * _w(
                self._inner.norm.weight
            )
        return self._memo["head"]

    def layer(self, i: int) -> torch.nn.Module:
        return self._inner.layers[i]

    def norm_weight(self, i: int, which: str) -> torch.Tensor:
        return _w(getattr(self.layer(i), which).weight)

    def gate(self, i: int) -> torch.Tensor:
        """(f, d) gate rows with the post-attention norm weight folded in."""
        ln = self.norm_weight(i, "post_attention_layernorm")
        return _w(self.layer(i).mlp.gate_proj.weight) * ln

    def up(self, i: int) -> torch.Tensor:
        ln = self.norm_weight(i, "post_attention_layernorm")
        return _w(self.layer(i).mlp.up_proj.weight) * ln

    def down(self, i: int) -> torch.Tensor:
        """(d, f) down projection."""
        return _w(self.layer(i).mlp.down_proj.weight)

    def q(self, i: int) -> torch.Tensor:
        """(n_heads * d_h, d) query rows with the input norm weight folded in."""
        return _w(self.layer(i).self_attn.q_proj.weight) * self.norm_weight(i, "input_layernorm")

    def k(self, i: int) -> torch.Tensor:
        return _w(self.layer(i).self_attn.k_proj.weight) * self.norm_weight(i, "input_layernorm")
