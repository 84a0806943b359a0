"""Attack-side re-implementation of the exact (lossless) parts of AloePri plus its noise.

Used (1) by the attack tests, to build unprotected, permutation-only, keyed and noisy models from a
tiny random Llama in a few milliseconds, and (2) by ``veil eval obfuscation`` for the paper's
noise-only defence and the internal-state-inversion ablation, so the attacks are measured on a
reference that does not depend on the engine under test. Veil's real obfuscation lives in
:mod:`veil.obfuscation`; the sweep uses it for the full-defence rows when it is installed.

Transforms here are exact in float arithmetic: token permutation tau, an orthogonal residual key
(the h = 0, lambda = 0 case of the key matrices: RMSNorm commutes with it once norm weights are
folded), FFN neuron permutation with positive scaling, and query/KV head permutations. Noise is
the paper's W* = W + alpha * std(W) * N(0, 1), optionally shaped per token.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING

import torch

if TYPE_CHECKING:
    from transformers import PreTrainedModel


@dataclass
class SimulatedDefence:
    alpha_e: float = 0.0
    alpha_h: float = 0.0
    permute_tokens: bool = True
    orthogonal_key: bool = False
    ffn_permute: bool = False
    head_permute: bool = False
    seed: int = 0
    #: per-plaintext-token multipliers of the noise (PII-aware or sensitivity-shaped noise)
    embed_noise_scale: torch.Tensor | None = None
    head_noise_scale: torch.Tensor | None = None


def _haar_orthogonal(d: int, g: torch.Generator) -> torch.Tensor:
    a = torch.randn(d, d, generator=g, dtype=torch.float64)
    q, r = torch.linalg.qr(a)
    return q * torch.sign(torch.diagonal(r))[None, :]


@torch.no_grad()
def simulate_obfuscation(
    model: PreTrainedModel, defence: SimulatedDefence
) -> tuple[PreTrainedModel, torch.Tensor]:
    """Return (host model, tau) with tau[i] = obfuscated id of plaintext token i. ``model`` is not
    modified; the returned model has untied embedding and head."""
    g = torch.Generator().manual_seed(defence.seed)
    m = copy.deepcopy(model)
    inner = m.model
    emb = inner.embed_tokens.weight
    head_w = m.lm_head.weight.detach().clone()
    m.lm_head.weight = torch.nn.Parameter(head_w)
    m.config.tie_word_embeddings = False
    dt = emb.dtype
    n = emb.shape[0]

    def noisy(w: torch.Tensor, alpha: float, scale: torch.Tensor | None) -> torch.Tensor:
        if alpha == 0 and scale is None:
            return w
        z = torch.randn(w.shape, generator=g, dtype=torch.float64)
        if scale is not None:
            z = z * scale.to(torch.float64)[:, None]
        return (w.double() + alpha * w.double().std() * z).to(dt)

    emb.copy_(noisy(emb, defence.alpha_e, defence.embed_noise_scale))
    m.lm_head.weight.copy_(noisy(m.lm_head.weight, defence.alpha_h, defence.head_noise_scale))

    layers = list(inner.layers)
    cfg = m.config
    n_heads = cfg.num_attention_heads
    n_kv = getattr(cfg, "num_key_value_heads", n_heads) or n_heads
    hd = getattr(cfg, "head_dim", None) or cfg.hidden_size // n_heads

    if defence.orthogonal_key:
        for layer in layers:
            ln1 = layer.input_layernorm.weight.detach().clone()
            ln2 = layer.post_attention_layernorm.weight.detach().clone()
            for lin in (layer.self_attn.q_proj, layer.self_attn.k_proj, layer.self_attn.v_proj):
                lin.weight.mul_(ln1[None, :])
            for lin in (layer.mlp.gate_proj, layer.mlp.up_proj):
                lin.weight.mul_(ln2[None, :])
            layer.input_layernorm.weight.fill_(1.0)
            layer.post_attention_layernorm.weight.fill_(1.0)
        m.lm_head.weight.mul_(inner.norm.weight.detach()[None, :])
        inner.norm.weight.fill_(1.0)
        p = _haar_orthogonal(emb.shape[1], g).to(dt)
        emb.copy_(emb @ p)
        m.lm_head.weight.copy_(m.lm_head.weight @ p)
        for layer in layers:
            a, f = layer.self_attn, layer.mlp
            for lin in (a.q_proj, a.k_proj, a.v_proj, f.gate_proj, f.up_proj):
                lin.weight.copy_(lin.weight @ p)
            for lin in (a.o_proj, f.down_proj):
                lin.weight.copy_(p.T @ lin.weight)

    if defence.ffn_permute:
        for layer in layers:
            f = layer.mlp
            width = f.gate_proj.weight.shape[0]
            zf = torch.randperm(width, generator=g)
            s = torch.exp(torch.randn(width, generator=g, dtype=torch.float64) * 0.5).to(dt)
            f.gate_proj.weight.copy_(f.gate_proj.weight[zf])
            f.up_proj.weight.copy_(f.up_proj.weight[zf] * s[:, None])
            f.down_proj.weight.copy_(f.down_proj.weight[:, zf] / s[None, :])

    if defence.head_permute:
        group = n_heads // n_kv
        for layer in layers:
            a = layer.self_attn
            kv_perm = torch.randperm(n_kv, generator=g)
            q_order = torch.cat([kv * group + torch.randperm(group, generator=g) for kv in kv_perm])

            def rows(order: torch.Tensor) -> torch.Tensor:
                return torch.cat([torch.arange(h * hd, (h + 1) * hd) for h in order.tolist()])

            qi, ki = rows(q_order), rows(kv_perm)
            a.q_proj.weight.copy_(a.q_proj.weight[qi])
            a.k_proj.weight.copy_(a.k_proj.weight[ki])
            a.v_proj.weight.copy_(a.v_proj.weight[ki])
            a.o_proj.weight.copy_(a.o_proj.weight[:, qi])
            for lin, idx in ((a.q_proj, qi), (a.k_proj, ki), (a.v_proj, ki)):
                if lin.bias is not None:
                    lin.bias.copy_(lin.bias[idx])

    tau = torch.randperm(n, generator=g) if defence.permute_tokens else torch.arange(n)
    e_new = torch.empty_like(emb)
    e_new[tau] = emb.detach().clone()
    emb.copy_(e_new)
    h_new = torch.empty_like(m.lm_head.weight)
    h_new[tau] = m.lm_head.weight.detach().clone()
    m.lm_head.weight.copy_(h_new)
    m.eval()
    return m, tau
