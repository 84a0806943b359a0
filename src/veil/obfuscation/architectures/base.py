"""Where a model family keeps the modules covariant obfuscation rewrites.

Obfuscation, repair and the attacks walk the same parts of a decoder-only causal LM: the token
embedding, each decoder layer's attention (q/k/v/o) and gated FFN (gate/up/down) projections and
its two RMSNorms, the final norm and the LM head. An :class:`ArchitectureAdapter` names them (as
dotted paths) for one family, so the code that walks a model never spells a module name and a new
family is one adapter file.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from veil.errors import UnsupportedModelError

#: FFN activations of gated (SwiGLU-style) FFNs: the FFN permutation and scaling commute with them.
GATED_ACTIVATIONS = ("silu", "swish", "gelu", "gelu_pytorch_tanh")


@dataclass(frozen=True)
class ArchitectureAdapter:
    """Module paths of one model family (defaults: the Hugging Face Llama layout)."""

    name: str  #: family name in messages ("Llama/SmolLM")
    model_types: tuple[str, ...]  #: ``config.model_type`` values this adapter handles
    # --- relative to the causal-LM model
    backbone: str = "model"  #: the decoder without the LM head
    layers: str = "model.layers"
    embed: str = "model.embed_tokens"
    final_norm: str = "model.norm"
    lm_head: str = "lm_head"
    # --- relative to one decoder layer
    q_proj: str = "self_attn.q_proj"
    k_proj: str = "self_attn.k_proj"
    v_proj: str = "self_attn.v_proj"
    o_proj: str = "self_attn.o_proj"
    gate_proj: str = "mlp.gate_proj"
    up_proj: str = "mlp.up_proj"
    down_proj: str = "mlp.down_proj"
    input_norm: str = "input_layernorm"  #: before attention
    post_attention_norm: str = "post_attention_layernorm"  #: before the FFN

    @staticmethod
    def get(root: Any, path: str) -> Any:
        """The module (or parameter) at dotted ``path`` below ``root``."""
        return attrgetter(path)(root)

    @property
    def inner_linears(self) -> tuple[str, ...]:
        """Short names of the attention and FFN projections (what client-side repair may train)."""
        return tuple(p.rsplit(".", 1)[-1] for p in (
            self.q_proj, self.k_proj, self.v_proj, self.o_proj,
            self.gate_proj, self.up_proj, self.down_proj))

    def layer_prefix(self, i: int) -> str:
        """State-dict prefix of decoder layer ``i`` (with the trailing dot)."""
        return f"{self.layers}.{i}."

    def decoder_layers(self, model: Any) -> list[Any]:
        return list(self.get(model, self.layers))

    def norms(self, model: Any) -> list[Any]:
        """Every RMSNorm in execution order: per layer input then post-attention, then final."""
        mods: list[Any] = []
        for layer in self.decoder_layers(model):
            mods += [self.get(layer, self.input_norm), self.get(layer, self.post_attention_norm)]
        return [*mods, self.get(model, self.final_norm)]

    def check(self, model: Any) -> None:
        """Raise :class:`UnsupportedModelError` unless ``model`` has this family's layout."""
        try:
            self.get(model, self.layers)
            self.get(model, self.lm_head)
            self.get(model, self.final_norm)
        except AttributeError:
            raise UnsupportedModelError(
                f"model of type {type(model).__name__} has no causal-LM head; pass an "
                "AutoModelForCausalLM"
            ) from None
        cfg = model.config
        if getattr(cfg, "hidden_act", "silu") not in GATED_ACTIVATIONS:
            raise UnsupportedModelError("only gated (SwiGLU-style) FFNs can be obfuscated")
        if getattr(cfg, "partial_rotary_factor", 1.0) != 1.0:
            raise UnsupportedModelError("partial rotary embeddings are not supported")

    def engine_portable(self, model: Any) -> Any:
        """``model`` in a form serving engines load after obfuscation changed its shapes (hidden
        size d' = d + 2h with an explicit head_dim). Most families need nothing."""
        return model


__all__ = ["GATED_ACTIVATIONS", "ArchitectureAdapter"]
