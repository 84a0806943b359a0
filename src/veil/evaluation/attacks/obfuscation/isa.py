"""Internal-state inversion (ISA): optimize continuous input embeddings through the PUBLIC
plaintext model so that its internal states match what the host recorded, then read each position
off as the nearest public embedding.

Two observables, as in the paper's ablation:
* ``hidden``: the residual stream after ``layer`` decoder layers. Key matrices put it in another
  basis (and size d'), so this variant is only applicable when the hidden sizes agree; with an
  orthogonal key it runs but matches the wrong basis.
* ``attention``: the attention probabilities of layer ``layer`` (all heads). Key matrices cancel in
  q.k, so only head permutations and RoPE block permutations defend.

To fit two shared CPU cores only the first ``layer`` decoder layers are run (a truncated view of
the same modules), on a few short sequences, for a fixed number of Adam steps; the setting is
reported in the output's ``info``.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

import numpy as np
import torch

from veil.evaluation.attacks.obfuscation.base import Attack, AttackOutput, HostView, PublicKnowledge
from veil.evaluation.attacks.obfuscation.weights import ModelWeights
from veil.evaluation.attacks.registry import AttackContext, register_attack
from veil.obfuscation.architectures import adapter_for


def truncated(model: Any, n_layers: int) -> Any:
    """A shallow view of ``model`` running only its first ``n_layers`` decoder layers (shares the
    parameters; the original keeps all its layers)."""
    arch = adapter_for(model)
    # The view copies the modules on the path from the model down to the layer list.
    parent_path, _, layers_attr = arch.layers.rpartition(".")
    outer = copy.copy(model)
    outer._modules = dict(model._modules)
    path = [outer]
    for name in filter(None, parent_path.split(".")):
        child = copy.copy(getattr(path[-1], name))
        child._modules = dict(child._modules)
        setattr(path[-1], name, child)
        path.append(child)
    setattr(path[-1], layers_attr, torch.nn.ModuleList(arch.decoder_layers(model)[:n_layers]))
    cfg = copy.copy(model.config)
    cfg.num_hidden_layers = n_layers
    if getattr(cfg, "layer_types", None):
        cfg.layer_types = list(cfg.layer_types)[:n_layers]
    for node in path:
        node.config = cfg
    return outer


def _ensure_eager(model: Any) -> None:
    setter = getattr(model, "set_attn_implementation", None)
    if getattr(model.config, "_attn_implementation", None) != "eager" and callable(setter):
        setter("eager")


def _states(model: torch.nn.Module, *, ids: torch.Tensor | None = None,
            embeds: torch.Tensor | None = None, target: str) -> torch.Tensor:
    out = model(input_ids=ids, inputs_embeds=embeds, output_hidden_states=target == "hidden",
                output_attentions=target == "attention", use_cache=False)
    if target == "hidden":
        return out.hidden_states[-1]
    return out.attentions[-1]


class InternalStateInversion(Attack):
    def __init__(self, target: Literal["hidden", "attention"] = "hidden", *, layer: int = 2,
                 steps: int = 150, lr: float = 0.05, max_len: int = 32, seed: int = 0) -> None:
        self.target = target
        self.layer = layer
        self.steps = steps
        self.lr = lr
        self.max_len = max_len
        self.seed = seed
        self.name = f"isa_{target}"

    def run(self, view: HostView, public: PublicKnowledge) -> AttackOutput:
        host_w, pub_w = ModelWeights(view.model), ModelWeights(public.model)
        if self.target == "hidden" and host_w.hidden_size != pub_w.hidden_size:
            return AttackOutput(applicable=False,
                                note="hidden sizes differ: host states live in a keyed basis")
        layer = min(self.layer, pub_w.n_layers)
        if self.target == "attention":
            _ensure_eager(view.model)
            _ensure_eager(public.model)
        host_m, pub_m = truncated(view.model, layer), truncated(public.model, layer)
        emb = pub_w.embed()
        unit = emb / emb.norm(dim=1, keepdim=True).clamp_min(1e-12)
        g = torch.Generator().manual_seed(self.seed)
        flags = [p.requires_grad for p in public.model.parameters()]
        for p in public.model.parameters():  # gradients flow to the inputs only
            p.requires_grad_(False)
        try:
            guesses = self._invert(view, host_m, pub_m, emb, unit, g)
        finally:
            for p, f in zip(public.model.parameters(), flags, strict=True):
                p.requires_grad_(f)
        return AttackOutput(per_position=guesses, info={
            "layer": layer, "steps": self.steps, "max_len": self.max_len,
            "sequences": len(view.observed)})

    def _invert(self, view: HostView, host_m: torch.nn.Module, pub_m: torch.nn.Module,
                emb: torch.Tensor, unit: torch.Tensor, g: torch.Generator) -> list[np.ndarray]:
        # One batch: every sequence cut to the shortest observed length (at most max_len).
        length = min(self.max_len, *(len(o) for o in view.observed))
        ids = torch.stack([torch.as_tensor(o)[:length] for o in view.observed])
        with torch.no_grad():
            obs = _observable(_states(host_m, ids=ids, target=self.target), self.target)
        scale = obs.pow(2).mean().clamp_min(1e-12)
        init = emb[torch.randint(0, len(emb), ids.shape, generator=g)]
        x = (0.5 * init + 0.5 * emb.mean(0)).clone().requires_grad_(True)
        opt = torch.optim.Adam([x], lr=self.lr * float(emb.std()) / 0.02)
        for _ in range(self.steps):
            opt.zero_grad()
            pred = _observable(_states(pub_m, embeds=x, target=self.target), self.target)
            loss = (pred - obs).pow(2).mean() / scale
            loss.backward()
            opt.step()
        with torch.no_grad():
            xs = x / x.norm(dim=-1, keepdim=True).clamp_min(1e-12)
            guess = (xs @ unit.T).argmax(-1).numpy()
        guesses = []
        for row, seq in zip(guess, view.observed, strict=True):
            full = np.full(len(seq), -1, dtype=np.int64)
            full[:length] = row
            guesses.append(full)
        return guesses


def _observable(states: torch.Tensor, target: str) -> torch.Tensor:
    """Hidden states as they are; attention as row-centred log-probabilities over the causal
    positions, which equal the row-centred pre-softmax scores (a better-conditioned target)."""
    if target == "hidden":
        return states.float()
    length = states.shape[-1]
    mask = torch.tril(torch.ones(length, length, dtype=torch.bool))
    logp = torch.log(states.float().clamp_min(1e-30)).masked_fill(~mask, 0.0)
    counts = mask.sum(-1, keepdim=True)
    centred = logp - logp.sum(-1, keepdim=True) / counts
    return centred.masked_fill(~mask, 0.0)


@register_attack("obfuscation", "isa_hidden")
def _isa_hidden(ctx: AttackContext) -> Attack:
    return InternalStateInversion("hidden", layer=2, steps=40 if ctx.quick else 80, max_len=16)


@register_attack("obfuscation", "isa_attention")
def _isa_attention(ctx: AttackContext) -> Attack | None:
    if ctx.quick:  # the slowest attack: full runs only
        return None
    return InternalStateInversion("attention", layer=2, steps=80, max_len=16)
