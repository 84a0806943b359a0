"""Repair after noise: client-side distillation of an obfuscated model's inner layers.

Why: the embedding/LM-head noise is the only defence against vocabulary matching (VMA), and on a
small model the noise that stops VMA also destroys next-token accuracy. The client holds the
plaintext model and tau, so before shipping it can fine-tune the obfuscated model's INNER linear
layers (attention and FFN projections) to reproduce the plaintext model's next-token
distributions on public text, keeping the noisy embedding, the noisy LM head and the norm weights
(constant kappa) frozen. The noise stays; the layers learn to read through it.

Training runs in the obfuscated id space: input ``tau[x]``; host logit column ``tau[i]`` is
plaintext token ``i``, so the loss is KL(plain(x) || host(tau[x])[..., tau]). The result is the
same checkpoint class with the same config: only inner weight values change. Whether the trained
layers leak more to the VMA products (embedding x FFN readers) is measured by
``veil eval obfuscation --only repair``. Nothing logged contains token ids or text: progress
reports steps and the loss only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import torch

from veil.errors import InputError, ObfuscationError, UnsupportedModelError
from veil.obfuscation.architectures import adapter_for

if TYPE_CHECKING:
    from transformers import PreTrainedModel

Progress = Callable[[int, int, float], None]  # (step done, total steps, loss)


def _layers(model: torch.nn.Module) -> list[torch.nn.Module]:
    arch = adapter_for(model)
    try:
        return arch.decoder_layers(model)
    except AttributeError:
        raise UnsupportedModelError(
            f"repair needs a causal LM with decoder layers at {arch.layers}; got "
            f"{type(model).__name__}") from None


def trainable_parameters(host: torch.nn.Module, *, layers: Sequence[int] | None = None,
                         modules: Sequence[str] | None = None) -> list[torch.nn.Parameter]:
    """The weights repair updates: ``modules`` (short names of the attention and FFN projections,
    all of them when None) of the decoder ``layers`` (all when None). Never the embedding, the LM
    head or a norm."""
    all_layers = _layers(host)
    inner = adapter_for(host).inner_linears
    modules = inner if modules is None else modules
    idx = range(len(all_layers)) if layers is None else layers
    bad = [i for i in idx if not -len(all_layers) <= i < len(all_layers)]
    if bad:
        raise InputError(f"repair layers out of range for a {len(all_layers)}-layer model")
    unknown = set(modules) - set(inner)
    if unknown:
        raise InputError(f"repair can only train {', '.join(inner)}")
    params: list[torch.nn.Parameter] = []
    for i in idx:
        for name, mod in all_layers[i].named_modules():
            if name.rsplit(".", 1)[-1] in modules and isinstance(mod, torch.nn.Linear):
                params += [p for p in mod.parameters(recurse=False)]
    return params


def _shape(module: torch.nn.Module) -> tuple[int, int]:
    w = module.weight
    assert isinstance(w, torch.Tensor)  # nosec B101 # an internal invariant, not a security check
    return int(w.shape[0]), int(w.shape[1])


def _stream(public_ids: torch.Tensor | Sequence[torch.Tensor], vocab: int) -> torch.Tensor:
    if isinstance(public_ids, torch.Tensor):
        seqs = [public_ids.reshape(-1)]
    else:
        seqs = [torch.as_tensor(s).reshape(-1) for s in public_ids]
    stream = torch.cat(seqs).long() if seqs else torch.empty(0, dtype=torch.long)
    if stream.numel() and (int(stream.min()) < 0 or int(stream.max()) >= vocab):
        raise InputError("repair text contains token ids outside the vocabulary")
    return stream


def kl_to_plain(plain_logits: torch.Tensor, host_logits: torch.Tensor,
                tau: torch.Tensor) -> torch.Tensor:
    """Mean per-position KL(plain || host), host columns mapped back to plaintext order."""
    lp = torch.log_softmax(plain_logits.float(), -1)
    lq = torch.log_softmax(host_logits.float()[..., tau], -1)
    return (lp.exp() * (lp - lq)).sum(-1).mean()


class _Stop(Exception):
    pass


def _residual(model: torch.nn.Module, ids: torch.Tensor, n_layers: int) -> torch.Tensor:
    """Residual stream after the first ``n_layers`` decoder layers; the rest is not run."""
    got: list[torch.Tensor] = []

    def hook(_m: torch.nn.Module, _a: object, out: object) -> None:
        got.append(out[0] if isinstance(out, tuple) else out)  # type: ignore[arg-type]
        raise _Stop

    handle = _layers(model)[n_layers - 1].register_forward_hook(hook)
    try:
        model(input_ids=ids, use_cache=False)
    except _Stop:
        pass
    finally:
        handle.remove()
    return got[0]


def residual_loss(plain_h: torch.Tensor, host_h: torch.Tensor,
                  decode: torch.Tensor) -> torch.Tensor:
    """Mean per-position relative squared error of the decoded host residual stream."""
    diff = host_h.float() @ decode - plain_h.float()
    return (diff.pow(2).sum(-1) / plain_h.float().pow(2).sum(-1).clamp_min(1e-6)).mean()


def repair(host: PreTrainedModel, plain: PreTrainedModel, tau: torch.Tensor,
           public_ids: torch.Tensor | Sequence[torch.Tensor], *, steps: int, lr: float = 1e-4,
           batch: int = 4, seq_len: int = 32, layers: Sequence[int] | None = None,
           modules: Sequence[str] | None = None, target_layer: int | None = None,
           decode: torch.Tensor | None = None, seed: int = 0,
           progress: Progress | None = None) -> PreTrainedModel:
    """Distil ``host``'s inner layers towards ``plain`` on public text; returns ``host`` (updated in
    place, same class and config).

    ``tau[i]`` is the obfuscated id of plaintext token ``i``; ``public_ids`` are PLAINTEXT ids of
    public text (never user data), cut into random windows of ``seq_len``. Each of ``steps`` Adam
    steps (learning rate ``lr``) uses ``batch`` windows. ``layers``/``modules`` choose what is
    trained (default: every attention and FFN projection; with ``target_layer``: those of the
    first ``target_layer`` layers); the embedding, LM head and norm weights are always frozen.

    Loss: with ``target_layer=None``, KL between the next-token distributions (runs the whole
    model forward and backward: seconds a step for SmolLM2-135M on two CPU cores). With
    ``target_layer=k`` and ``decode`` (the client's inverse key, d' x d, such that
    ``host residual @ decode`` is the plaintext residual for a noise-free key), the relative error
    of the residual stream after layer k: only k layers run (k=1: ~0.2 CPU s a step of 8 x 32
    tokens), and the later, exact layers then see what the plaintext model would. With key
    matrices of h > 0, train only the readers (``modules=("q_proj", "k_proj", "v_proj",
    "gate_proj", "up_proj")``) so every layer output stays in the row space of its key.
    """
    if steps < 0:
        raise InputError("repair steps must be >= 0")
    if not lr > 0 or batch < 1 or seq_len < 2:
        raise InputError("repair needs lr > 0, batch >= 1 and seq_len >= 2")
    vocab, d_host = _shape(host.get_input_embeddings())
    d_plain = _shape(plain.get_input_embeddings())[1]
    if _shape(plain.get_input_embeddings())[0] != vocab:
        raise ObfuscationError("host and plaintext models have different vocabulary sizes")
    tau = torch.as_tensor(tau, dtype=torch.long)
    if tau.shape != (vocab,) or not torch.equal(torch.sort(tau).values, torch.arange(vocab)):
        raise InputError("tau must be a permutation of the host's vocabulary")
    if _shape(host.get_output_embeddings())[0] != vocab:
        raise ObfuscationError("host LM head does not match its vocabulary")
    stream = _stream(public_ids, vocab)
    if stream.numel() < seq_len + 1:
        raise InputError(f"repair needs at least {seq_len + 1} tokens of public text")
    n_layers = len(_layers(host))
    if target_layer is not None:
        if not 1 <= target_layer <= n_layers or len(_layers(plain)) != n_layers:
            raise InputError(f"target_layer must be in 1..{n_layers} for both models")
        if decode is None or tuple(decode.shape) != (d_host, d_plain):
            raise InputError(f"target_layer needs decode of shape ({d_host}, {d_plain})")
        decode = decode.detach().float()
        if layers is None:
            layers = range(target_layer)
        if any(i >= target_layer for i in layers):
            raise InputError("with target_layer only layers before it can be trained")
    params = trainable_parameters(host, layers=layers, modules=modules)
    if steps == 0 or not params:
        return host

    flags = {id(p): p.requires_grad for p in host.parameters()}
    for p in host.parameters():
        p.requires_grad_(False)
    for p in params:
        p.requires_grad_(True)
    was_training = host.training
    host.eval()  # no dropout: train the deterministic function the host will run
    opt = torch.optim.Adam(params, lr=lr)
    g = torch.Generator().manual_seed(seed)
    offsets = torch.arange(seq_len)
    try:
        for step in range(steps):
            start = torch.randint(0, stream.numel() - seq_len, (batch,), generator=g)
            x = stream[start[:, None] + offsets]
            if target_layer is None:
                with torch.no_grad():
                    target = plain(input_ids=x, use_cache=False).logits
                logits = host(input_ids=tau[x], use_cache=False).logits
                loss = kl_to_plain(target, logits, tau)
            else:
                assert decode is not None  # nosec B101 # an internal invariant, not a security check
                with torch.no_grad():
                    target = _residual(plain, x, target_layer)
                loss = residual_loss(target, _residual(host, tau[x], target_layer), decode)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            if progress is not None:
                progress(step + 1, steps, float(loss.detach()))
    finally:
        for p in host.parameters():
            p.requires_grad_(flags[id(p)])
        host.train(was_training)
    return host
