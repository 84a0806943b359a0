"""``obfuscate(model, config, key=...) -> model``: covariant obfuscation of a causal LM.

The result is a model of the SAME class with a changed config only (hidden_size = d', explicit
head_dim, untied embeddings, RMSNorm weights = kappa), so the checkpoint it saves loads with plain
``AutoModelForCausalLM.from_pretrained`` and an unmodified engine serves it. All key math runs in
float64; weights are cast back to the model's dtype at the end.

Supported: every family with an adapter in :mod:`veil.obfuscation.architectures` (Llama and
SmolLM2, Mistral, Qwen2 with q/k/v biases); others raise :class:`UnsupportedModelError`. The
adapter names the modules; this module never spells a module name.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from veil.errors import UnsupportedModelError
from veil.obfuscation import transforms as T
from veil.obfuscation.architectures import adapter_for, supported_model_types
from veil.obfuscation.config import ObfuscationConfig
from veil.obfuscation.key_matrices import KeyBasis, component_rng, key_basis
from veil.obfuscation.secret import ObfuscationKey

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel

SUPPORTED_MODEL_TYPES = supported_model_types()

# Component ids for component_rng(seed, layer, kind): stable so keys stay reproducible.
_BASIS, _EMBED, _HEAD, _TAU, _CALIB = 0, 1, 2, 3, 4
_P_O, _P_D, _Q_Q, _Q_K, _Q_V, _Q_G, _Q_U, _ATT, _FFN = range(10, 19)
_LAYER_BASE = 1000


@dataclass
class ObfuscationReport:
    """What obfuscate() measured (no secrets): sizes and the calibrated kappas."""

    d: int
    d_prime: int
    kappas: list[float] = field(default_factory=list)


def check_supported(model: PreTrainedModel) -> None:
    """Raise :class:`UnsupportedModelError` unless a registered adapter handles ``model``."""
    adapter_for(model).check(model)


def _np(t: torch.Tensor) -> np.ndarray:
    return t.detach().to("cpu").double().numpy()


def _head_dim(cfg: Any) -> int:
    return int(getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads)


def padded_hidden(d: int, h: int, n_heads: int) -> tuple[int, int]:
    """(d', pad): d + 2h rounded up to a multiple of the head count (transformers validates it)."""
    pad = (-(d + 2 * h)) % n_heads
    return d + 2 * h + pad, pad


def make_basis(seed: int, d: int, config: ObfuscationConfig, n_heads: int) -> KeyBasis:
    _, pad = padded_hidden(d, config.h, n_heads)
    return key_basis(d, config.h, config.lam, component_rng(seed, _BASIS), pad=pad,
                     c_scale=config.c_scale, d_scale=config.d_scale, e_scale=config.e_scale,
                     identity=not config.key_matrices)


def obfuscate(
    model: PreTrainedModel,
    config: ObfuscationConfig,
    *,
    key: ObfuscationKey,
    calibration_ids: Iterable[int] | None = None,
    progress: Callable[[str], None] | None = None,
    basis: KeyBasis | None = None,
) -> PreTrainedModel:
    """Return an obfuscated copy of ``model`` (same class). ``model`` is left unchanged.

    ``key`` holds the seed and tau (see :func:`veil.obfuscation.secret.generate_key`); the
    calibrated kappas and sizes are recorded in ``key.report``. ``calibration_ids`` (plaintext
    token ids of real text) calibrate kappa and the C block; without them random ids are used.
    ``basis`` (from :func:`build_basis` with the same arguments) skips the C-block fit.
    """
    import torch
    from transformers.initialization import no_init_weights

    check_supported(model)
    arch = adapter_for(model)
    cfg = model.config
    d, n_layers = int(cfg.hidden_size), int(cfg.num_hidden_layers)
    n_heads, n_kv = int(cfg.num_attention_heads), int(cfg.num_key_value_heads)
    d_h = _head_dim(cfg)
    vocab = int(model.get_input_embeddings().weight.shape[0])  # type: ignore[index]
    key.check_vocab(vocab)
    seed, tau = key.seed, key.tau
    dtype = next(model.parameters()).dtype
    say = progress or (lambda _msg: None)
    ids = _calibration_ids(config, seed, vocab, calibration_ids)
    if basis is None:
        say("key matrices")
        basis = build_basis(model, config, key, ids)
    d_prime = basis.d_prime

    def qmat(layer: int, kind: int) -> np.ndarray:
        rng = component_rng(seed, _LAYER_BASE + layer, kind) if config.distinct_keys else \
            component_rng(seed, _Q_Q)
        return basis.make_q(rng)

    def pmat(layer: int, kind: int) -> np.ndarray:
        rng = component_rng(seed, _LAYER_BASE + layer, kind) if config.distinct_keys else \
            component_rng(seed, _P_O)
        return basis.make_p(rng)

    sd: dict[str, torch.Tensor] = {}

    def put(name: str, arr: np.ndarray) -> None:
        sd[name] = torch.from_numpy(np.ascontiguousarray(arr)).to(dtype)

    say("embedding and lm head")
    sd.update(vocab_weights(model, config, key, basis))

    # --- decoder layers
    for li, layer in enumerate(arch.decoder_layers(model)):
        say(f"layer {li + 1}/{n_layers}")
        pre = arch.layer_prefix(li)

        def mod(path: str, layer: Any = layer) -> Any:
            return arch.get(layer, path)

        g1 = _np(mod(arch.input_norm).weight)
        g2 = _np(mod(arch.post_attention_norm).weight)
        akey = T.attention_key(
            n_heads, n_kv, d_h, component_rng(seed, _LAYER_BASE + li, _ATT),
            rotation=config.rope_rotation, scale=config.rope_scale,
            block_perm=config.block_perm, block_window=config.block_window,
            block_keep=config.block_keep, vo_mixing=config.vo_mixing,
            vo_scale=config.vo_scale, head_perm=config.head_perm,
        )
        fkey = T.ffn_key(int(mod(arch.gate_proj).weight.shape[0]),
                         component_rng(seed, _LAYER_BASE + li, _FFN),
                         perm=config.ffn_perm, scale=config.ffn_scale)

        # readers: W~ = Q diag(g) W T  (row form); HF weight is its transpose. Attention reads
        # the input norm's output (g1), the FFN the post-attention norm's (g2).
        for name, g, kind, fn in (
            (arch.q_proj, g1, _Q_Q, lambda w, k=akey: T.transform_q(w, k, d_h)),
            (arch.k_proj, g1, _Q_K, lambda w, k=akey: T.transform_k(w, k, d_h)),
            (arch.v_proj, g1, _Q_V, lambda w, k=akey: T.transform_v(w, k, d_h)),
            (arch.gate_proj, g2, _Q_G, lambda w, k=fkey: T.transform_gate(w, k)),
            (arch.up_proj, g2, _Q_U, lambda w, k=fkey: T.transform_up(w, k)),
        ):
            lin = mod(name)
            w = _np(lin.weight).T * g[:, None]  # d x out, norm weight folded
            put(pre + name + ".weight", (qmat(li, kind) @ fn(w)).T)
            if lin.bias is not None:
                put(pre + name + ".bias", fn(_np(lin.bias)[None, :])[0])

        # writers: W~ = T^-1 W P  (row form)
        o_proj, down_proj = mod(arch.o_proj), mod(arch.down_proj)
        w_o = T.transform_o(_np(o_proj.weight).T, akey, d_h) @ pmat(li, _P_O)
        put(pre + arch.o_proj + ".weight", w_o.T)
        if o_proj.bias is not None:
            put(pre + arch.o_proj + ".bias", _np(o_proj.bias) @ pmat(li, _P_O))
        w_d = T.transform_down(_np(down_proj.weight).T, fkey) @ pmat(li, _P_D)
        put(pre + arch.down_proj + ".weight", w_d.T)
        if down_proj.bias is not None:
            put(pre + arch.down_proj + ".bias", _np(down_proj.bias) @ pmat(li, _P_D))

        # norms: weight folded above; kappa set below
        put(pre + arch.input_norm + ".weight", np.ones(d_prime))
        put(pre + arch.post_attention_norm + ".weight", np.ones(d_prime))
    put(arch.final_norm + ".weight", np.ones(d_prime))

    # --- build the obfuscated model: same class, config changes only
    say("assembling")
    new_cfg = copy.deepcopy(cfg)
    new_cfg.hidden_size = d_prime
    new_cfg.head_dim = d_h
    new_cfg.tie_word_embeddings = False
    with no_init_weights():
        new = type(model)(new_cfg)
    new.to(dtype)  # type: ignore[arg-type]
    missing, unexpected = new.load_state_dict(sd, strict=False)
    missing = [m for m in missing if not m.endswith("rotary_emb.inv_freq")]
    if missing or unexpected:
        raise UnsupportedModelError(
            "obfuscated weights do not fit the architecture (missing: "
            f"{', '.join(missing[:5])}; unexpected: {', '.join(unexpected[:5])}); this model "
            "variant is not supported"
        )
    if model.generation_config is not None:
        new.generation_config = copy.deepcopy(model.generation_config)
    # Special token ids live in the obfuscated id space too, so an engine stops at tau(eos). The
    # host learns these few ids (it would from stop_token_ids anyway).
    for c in (new.config, new.generation_config):
        if c is None:
            continue
        for attr in ("bos_token_id", "eos_token_id", "pad_token_id", "decoder_start_token_id"):
            v = getattr(c, attr, None)
            if isinstance(v, int) and 0 <= v < vocab:
                setattr(c, attr, int(tau[v]))
            elif isinstance(v, list | tuple):
                setattr(c, attr, [int(tau[i]) for i in v if 0 <= int(i) < vocab])
    new.eval()

    # --- kappa
    if config.kappa is not None:
        kappas = _set_kappa(new, [config.kappa] * (2 * n_layers + 1))
    elif config.is_exact or (config.h == 0 and config.lam == 0.0):
        kappas = _set_kappa(new, [1.0] * (2 * n_layers + 1))  # P orthogonal: rms preserved
    else:
        say("calibrating kappa")
        kappas = calibrate_kappa(new, basis.make_q(None), T.map_ids(ids, tau))
    key.report = ObfuscationReport(d=d, d_prime=d_prime, kappas=kappas)
    return new


def build_basis(model: PreTrainedModel, config: ObfuscationConfig, key: ObfuscationKey,
                calibration_ids: Iterable[int] | None = None) -> KeyBasis:
    """The key basis :func:`obfuscate` uses: Algorithm 1 from the key's seed, plus the C block
    fitted on the calibration activations when ``config.norm_fit`` (and P is not orthogonal).
    Exposed so callers that rebuild the embedding/head (noise sweeps) use the same P_e / Q_h."""
    cfg = model.config
    vocab = int(model.get_input_embeddings().weight.shape[0])  # type: ignore[index]
    basis = make_basis(key.seed, int(cfg.hidden_size), config, int(cfg.num_attention_heads))
    if config.norm_fit and basis.c_rank and (config.lam or config.h):
        ids = _calibration_ids(config, key.seed, vocab, calibration_ids)
        basis = fit_norm_block(model, basis, ids, seed=key.seed)
    return basis


def _calibration_ids(config: ObfuscationConfig, seed: int, vocab: int,
                     calibration_ids: Iterable[int] | None) -> np.ndarray:
    if calibration_ids is None:  # random ids: a poor stand-in for text, but never fails
        return component_rng(seed, _CALIB).integers(0, vocab, config.calibration_tokens)
    ids = np.asarray(list(calibration_ids), dtype=np.int64)[: config.calibration_tokens]
    if ids.size == 0 or ids.min() < 0 or ids.max() >= vocab:
        raise ValueError(f"calibration ids must be a non-empty list of token ids in [0, {vocab})")
    return ids


def _batch(ids: np.ndarray, chunk: int = 512) -> Any:
    """Calibration ids as one batch of equal sequences of ``chunk`` tokens (attention cost stays
    linear in the number of tokens; a shorter input is one sequence)."""
    import torch

    ids = np.asarray(ids, dtype=np.int64)
    if len(ids) <= chunk:
        return torch.as_tensor(ids)[None, :]
    n = len(ids) // chunk
    return torch.as_tensor(ids[: n * chunk]).reshape(n, chunk)


def _run_with_norm_hook(
    model: PreTrainedModel, ids: np.ndarray, hook: Callable[..., None]
) -> None:
    """Run ``model``'s backbone on ``ids`` with ``hook`` as forward pre-hook of every RMSNorm,
    removing the hooks afterwards even on failure."""
    import torch

    arch = adapter_for(model)
    handles = [m.register_forward_pre_hook(hook) for m in arch.norms(model)]
    try:
        with torch.no_grad():
            # the backbone only: the norms are all we need, the logits would cost ~1 GB
            arch.get(model, arch.backbone)(input_ids=_batch(ids), use_cache=False)
    finally:
        for h in handles:
            h.remove()


def norm_inputs(model: PreTrainedModel, ids: np.ndarray, *, rows: Any = None) -> list[Any]:
    """The inputs of every RMSNorm of ``model`` (execution order) on ``ids``, as float64 tensors
    (tokens x hidden); ``rows`` (indices into the flattened batch) keeps only those tokens."""
    seen: list[torch.Tensor] = []

    def hook(_m: Any, a: tuple[torch.Tensor, ...]) -> None:
        x = a[0].detach().reshape(-1, a[0].shape[-1])
        seen.append((x if rows is None else x[rows]).double())

    _run_with_norm_hook(model, ids, hook)
    return seen


def fit_norm_block(model: PreTrainedModel, basis: KeyBasis, ids: np.ndarray, *, seed: int,
                   subspace: int = 128, samples: int = 1024, steps: int = 300) -> KeyBasis:
    """Fit the C block so that ||x P|| / ||x|| varies least over real activations.

    With lambda > 0, P is not an isometry, so the rms an RMSNorm sees in d' dimensions is the
    true rms times a factor that depends on the token's direction; a constant kappa only removes
    its mean, and the rest (std ~1% per norm on SmolLM2) compounds over the layers. Every P
    shares ||x P||^2 = x (B B^T + E E^T) x^T + ||x G||^2 (G its C part, in the left null space of
    F, so P Q = I still holds), and the paper leaves G free. We fit a shared G = A Omega in the
    top-``subspace`` principal directions A of the plaintext model's normalised norm inputs,
    minimising the per-norm variance of log(||x P||^2 / ||x||^2) by Adam (float64,
    ``samples`` tokens per norm). Deterministic given the seed and the ids.
    """
    import dataclasses

    import torch

    gen = torch.Generator().manual_seed(int(component_rng(seed, _CALIB, 1).integers(2**62)))
    n_tok = int(_batch(ids).numel())
    rows = torch.randperm(n_tok, generator=gen)[:samples]
    xs = [x / x.norm(dim=-1, keepdim=True).clamp_min(1e-30)
          for x in norm_inputs(model, ids, rows=rows)]
    allx = torch.cat(xs)
    _, vecs = torch.linalg.eigh(allx.T @ allx)
    a = vecs[:, -min(subspace, basis.d):]  # d x K, leading principal directions
    m0 = torch.from_numpy(basis.gram0())
    fixed = [(x @ m0 * x).sum(-1) for x in xs]  # ||x P0||^2 for unit x
    proj = [x @ a for x in xs]
    omega = (torch.randn(a.shape[1], basis.c_rank, generator=gen, dtype=torch.float64)
             * 0.01).requires_grad_()
    opt = torch.optim.Adam([omega], lr=3e-3)
    for _ in range(steps):
        loss = torch.stack([torch.log(f + (p @ omega).pow(2).sum(-1)).var()
                            for f, p in zip(fixed, proj, strict=True)]).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    g = (a @ omega.detach()).numpy()
    return dataclasses.replace(basis, c_fit=g)


def vocab_weights(
    model: PreTrainedModel, config: ObfuscationConfig, key: ObfuscationKey, basis: KeyBasis
) -> dict[str, torch.Tensor]:
    """Obfuscated embedding and LM head (the only parts the noise touches).

    W~_e = Pi W*_e P_e and W~_h = Q_h diag(g_final) W*_h Pi^T (untied; HF stores W_h^T). The
    vocabulary-sized products run in the model's precision (at least float32), in torch; the key
    matrices themselves are float64. Exposed so noise sweeps can swap just these two tensors.
    """
    import torch

    arch = adapter_for(model)
    seed, tau = key.seed, key.tau
    dtype = next(model.parameters()).dtype
    work = torch.float64 if dtype == torch.float64 else torch.float32
    tau_t = torch.as_tensor(tau)

    def product(w: torch.Tensor, alpha: float, stream: int, right: np.ndarray,
                scale: np.ndarray | None = None) -> torch.Tensor:
        w = w.detach().to(work)
        if alpha:
            gen = torch.Generator().manual_seed(int(component_rng(seed, stream).integers(2**62)))
            w = w + (alpha * float(w.double().std())) * torch.randn(w.shape, generator=gen,
                                                                    dtype=work)
        if scale is not None:
            w = w * torch.from_numpy(scale).to(work)
        out = torch.empty(w.shape[0], right.shape[1], dtype=work)
        out[tau_t] = w @ torch.from_numpy(right).to(work)  # row tau(i) <- token i
        return out.to(dtype)

    head = arch.get(model, arch.lm_head)
    sd = {
        arch.embed + ".weight": product(
            model.get_input_embeddings().weight,  # type: ignore[arg-type]
            config.alpha_e, _EMBED,
            basis.make_p(component_rng(seed, _EMBED, 1))),
        arch.lm_head + ".weight": product(
            model.get_output_embeddings().weight, config.alpha_h, _HEAD,
            basis.make_q(component_rng(seed, _HEAD, 1)).T,
            scale=_np(arch.get(model, arch.final_norm).weight)),
    }
    if getattr(head, "bias", None) is not None:
        bias = head.bias.detach().clone()
        bias[tau_t] = head.bias.detach()
        sd[arch.lm_head + ".bias"] = bias
    return sd


def _set_kappa(model: PreTrainedModel, kappas: list[float]) -> list[float]:
    import torch

    with torch.no_grad():
        for norm, k in zip(adapter_for(model).norms(model), kappas, strict=True):
            norm.weight.fill_(k)
    return [float(k) for k in kappas]


def calibrate_kappa(model: PreTrainedModel, q0: np.ndarray, obf_ids: np.ndarray) -> list[float]:
    """Set each RMSNorm weight to kappa = mean_t rms_{d'}(x~_t) / rms_d(x~_t Q), in execution order.

    Pre-hooks see the obfuscated model's own residual stream, so each kappa accounts for the
    error of the kappas before it. ``q0`` is any Q of the key basis (x~ Q = x for all of them).
    """
    import torch

    q = torch.from_numpy(q0).float()
    kappas: list[float] = []

    def hook(mod: Any, args: tuple[torch.Tensor, ...]) -> None:
        x = args[0].detach().float().reshape(-1, q.shape[0])  # a mean ratio: fp32 is plenty
        dec = x @ q
        r = x.pow(2).mean(-1).sqrt() / dec.pow(2).mean(-1).sqrt().clamp_min(1e-30)
        k = float(r.mean())
        with torch.no_grad():
            mod.weight.fill_(k)
        kappas.append(k)

    _run_with_norm_hook(model, obf_ids, hook)
    return kappas


__all__ = [
    "SUPPORTED_MODEL_TYPES",
    "ObfuscationReport",
    "build_basis",
    "calibrate_kappa",
    "check_supported",
    "fit_norm_block",
    "norm_inputs",
    "make_basis",
    "obfuscate",
    "padded_hidden",
    "vocab_weights",
]
