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
from typing import TYPE_CHECKING, Any

import torch

from veil.obfuscation.architectures import adapter_for

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
    arch = adapter_for(m)
    emb = arch.get(m, arch.embed).weight
    head = arch.get(m, arch.lm_head)
    head.weight = torch.nn.Parameter(head.weight.detach().clone())
    final_norm = arch.get(m, arch.final_norm)
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
    head.weight.copy_(noisy(head.weight, defence.alpha_h, defence.head_noise_scale))

    layers = arch.decoder_layers(m)

    def mod(layer: torch.nn.Module, path: str) -> Any:
        return arch.get(layer, path)

    cfg = m.config
    n_heads = cfg.num_attention_heads
    n_kv = getattr(cfg, "num_key_value_heads", n_heads) or n_heads
    hd = getattr(cfg, "head_dim", None) or cfg.hidden_size // n_heads

    if defence.orthogonal_key:
        for layer in layers:
            n1, n2 = mod(layer, arch.input_norm), mod(layer, arch.post_attention_norm)
            ln1 = n1.weight.detach().clone()
            ln2 = n2.weight.detach().clone()
            for path in (arch.q_proj, arch.k_proj, arch.v_proj):
                mod(layer, path).weight.mul_(ln1[None, :])
            for path in (arch.gate_proj, arch.up_proj):
                mod(layer, path).weight.mul_(ln2[None, :])
            n1.weight.fill_(1.0)
            n2.weight.fill_(1.0)
        head.weight.mul_(final_norm.weight.detach()[None, :])
        final_norm.weight.fill_(1.0)
        p = _haar_orthogonal(emb.shape[1], g).to(dt)
        emb.copy_(emb @ p)
        head.weight.copy_(head.weight @ p)
        for layer in layers:
            for path in (arch.q_proj, arch.k_proj, arch.v_proj, arch.gate_proj, arch.up_proj):
                lin = mod(layer, path)
                lin.weight.copy_(lin.weight @ p)
            for path in (arch.o_proj, arch.down_proj):
                lin = mod(layer, path)
                lin.weight.copy_(p.T @ lin.weight)

    if defence.ffn_permute:
        for layer in layers:
            gate, up = mod(layer, arch.gate_proj), mod(layer, arch.up_proj)
            down = mod(layer, arch.down_proj)
            width = gate.weight.shape[0]
            zf = torch.randperm(width, generator=g)
            s = torch.exp(torch.randn(width, generator=g, dtype=torch.float64) * 0.5).to(dt)
            gate.weight.copy_(gate.weight[zf])
            up.weight.copy_(up.weight[zf] * s[:, None])
            down.weight.copy_(down.weight[:, zf] / s[None, :])

    if defence.head_permute:
        group = n_heads // n_kv
        for layer in layers:
            q_proj, k_proj = mod(layer, arch.q_proj), mod(layer, arch.k_proj)
            v_proj, o_proj = mod(layer, arch.v_proj), mod(layer, arch.o_proj)
            kv_perm = torch.randperm(n_kv, generator=g)
            q_order = torch.cat([kv * group + torch.randperm(group, generator=g) for kv in kv_perm])

            def rows(order: torch.Tensor) -> torch.Tensor:
                return torch.cat([torch.arange(h * hd, (h + 1) * hd) for h in order.tolist()])

            qi, ki = rows(q_order), rows(kv_perm)
            q_proj.weight.copy_(q_proj.weight[qi])
            k_proj.weight.copy_(k_proj.weight[ki])
            v_proj.weight.copy_(v_proj.weight[ki])
            o_proj.weight.copy_(o_proj.weight[:, qi])
            for lin, idx in ((q_proj, qi), (k_proj, ki), (v_proj, ki)):
                if lin.bias is not None:
                    lin.bias.copy_(lin.bias[idx])

    tau = torch.randperm(n, generator=g) if defence.permute_tokens else torch.arange(n)
    e_new = torch.empty_like(emb)
    e_new[tau] = emb.detach().clone()
    emb.copy_(e_new)
    h_new = torch.empty_like(head.weight)
    h_new[tau] = head.weight.detach().clone()
    head.weight.copy_(h_new)
    m.eval()
    return m, tau
