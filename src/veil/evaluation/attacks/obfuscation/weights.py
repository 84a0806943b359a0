"""Read the weights an attack needs from a causal LM of any family obfuscation supports.

The same accessor reads the public plaintext model and the obfuscated checkpoint: AloePri keeps the
architecture class and only changes shapes (hidden size d' = d + 2h), so the family's adapter
(:mod:`veil.obfuscation.architectures`) names the modules of both. Tensors are returned detached
in float32 on CPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch

from veil.errors import UnsupportedModelError
from veil.obfuscation.architectures import adapter_for

if TYPE_CHECKING:
    from transformers import PreTrainedModel


def vocab_size(model: Any) -> int:
    """Rows of the input embedding (may exceed the tokenizer's vocabulary: padded tables)."""
    return int(model.get_input_embeddings().weight.shape[0])


def _w(t: torch.Tensor) -> torch.Tensor:
    return t.detach().to(device="cpu", dtype=torch.float32)


@dataclass
class ModelWeights:
    """HF layouts: ``embed``/``head`` are (n, d); linear weights are (out, in)."""

    model: PreTrainedModel

    def __post_init__(self) -> None:
        self._arch = arch = adapter_for(self.model)
        try:
            self._layers = arch.decoder_layers(self.model)
            self._final_norm = arch.get(self.model, arch.final_norm)
        except AttributeError:
            raise UnsupportedModelError(
                f"attacks need a causal LM with decoder layers ({arch.layers}) and a final norm "
                f"({arch.final_norm}); got {type(self.model).__name__}"
            ) from None
        self._embed: Any = self.model.get_input_embeddings()
        self._head: Any = self.model.get_output_embeddings()
        self._memo: dict[str, torch.Tensor] = {}

    @property
    def n_layers(self) -> int:
        return len(self._layers)

    @property
    def vocab_size(self) -> int:
        return int(self._embed.weight.shape[0])

    @property
    def hidden_size(self) -> int:
        return int(self._embed.weight.shape[1])

    @property
    def head_dim(self) -> int:
        cfg = self.model.config
        hd = getattr(cfg, "head_dim", None)
        return int(hd) if hd else int(cfg.hidden_size // cfg.num_attention_heads)

    def embed(self) -> torch.Tensor:
        if "embed" not in self._memo:
            self._memo["embed"] = _w(self._embed.weight)
        return self._memo["embed"]

    def head(self) -> torch.Tensor:
        """LM head rows with the final norm weight folded in (a logit is a dot product with one)."""
        if "head" not in self._memo:
            self._memo["head"] = _w(self._head.weight) * _w(
                self._final_norm.weight
            )
        return self._memo["head"]

    def layer(self, i: int) -> Any:
        return self._layers[i]

    def _weight(self, i: int, path: str) -> torch.Tensor:
        return _w(self._arch.get(self.layer(i), path).weight)

    def gate(self, i: int) -> torch.Tensor:
        """(f, d) gate rows with the post-attention norm weight folded in."""
        return self._weight(i, self._arch.gate_proj) * self._weight(
            i, self._arch.post_attention_norm)

    def up(self, i: int) -> torch.Tensor:
        return self._weight(i, self._arch.up_proj) * self._weight(
            i, self._arch.post_attention_norm)

    def down(self, i: int) -> torch.Tensor:
        """(d, f) down projection."""
        return self._weight(i, self._arch.down_proj)

    def q(self, i: int) -> torch.Tensor:
        """(n_heads * d_h, d) query rows with the input norm weight folded in."""
        return self._weight(i, self._arch.q_proj) * self._weight(i, self._arch.input_norm)

    def k(self, i: int) -> torch.Tensor:
        return self._weight(i, self._arch.k_proj) * self._weight(i, self._arch.input_norm)
