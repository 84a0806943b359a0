"""The models SPU runs, written in plain JAX (crypto environment only: imports jax/numpy).

SmolLM2-135M (Llama architecture) is re-implemented here as a pure function of its weights
rather than taken from a Flax/torch class: SPU compiles JAX, the crypto environment then needs
no torch or transformers, and the fixed-point-unfriendly parts can be written to suit MPC:

* the client embeds its token ids locally (the open-weight embedding table is public) and
  secret-shares the embeddings: a secret one-hot lookup over a 49,152-word vocabulary would
  cost ~1.5 M secure comparisons per forward;
* softmax clips ``score - max`` at ``-CLIP`` before ``exp`` (SPU's exp approximation diverges
  for large negative inputs) and masks by multiplication, not by adding ``-inf``;
* the weights enter as PUBLIC values: Veil protects the prompt, the model is open-weight. A
  secret-by-public matmul is local in every SPU protocol, so the linear layers cost no traffic.
* only the last prompt position's logits leave the computation, and only the client can
  reconstruct them (it takes the greedy argmax itself); the teacher-forced forward
  (``all_positions``, to measure agreement) reveals every position's logits, to the client only.

``layers`` truncates the model to its first k decoder blocks (+ final norm + tied head): the
full 30 blocks are correct but slow on two cores; what ran is always reported with the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

#: exp(-CLIP) ~ 8e-7: softmax terms below it are dropped (see the module docstring).
CLIP = 14.0
#: Subtracted from the scores of keys a query may not see (far beyond any real score spread).
MASK_SHIFT = 1e4
#: RMSNorm rows whose mean square exceeds RMS_SWITCH are normalized from x / RMS_SCALE (see rms).
RMS_SCALE = 64.0
RMS_SWITCH = 64.0

_PER_LAYER = (
    "input_layernorm.weight",
    "self_attn.q_proj.weight",
    "self_attn.k_proj.weight",
    "self_attn.v_proj.weight",
    "self_attn.o_proj.weight",
    "post_attention_layernorm.weight",
    "mlp.gate_proj.weight",
    "mlp.up_proj.weight",
    "mlp.down_proj.weight",
)


@dataclass(frozen=True)
class LlamaSpec:
    hidden: int
    heads: int
    kv_heads: int
    head_dim: int
    layers: int
    vocab: int
    eps: float
    rope_theta: float


def read_spec(model_dir: Path, layers: int) -> LlamaSpec:
    import json

    cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    total = int(cfg["num_hidden_layers"])
    if not 1 <= layers <= total:
        raise ValueError(f"layers must be between 1 and {total}")
    rope = cfg.get("rope_parameters") or {}
    theta = float(rope.get("rope_theta", cfg.get("rope_theta", 10000.0)))
    hidden, heads = int(cfg["hidden_size"]), int(cfg["num_attention_heads"])
    return LlamaSpec(
        hidden=hidden,
        heads=heads,
        kv_heads=int(cfg["num_key_value_heads"]),
        head_dim=int(cfg.get("head_dim") or hidden // heads),
        layers=layers,
        vocab=int(cfg["vocab_size"]),
        eps=float(cfg["rms_norm_eps"]),
        rope_theta=theta,
    )


def load_weights(model_dir: Path, spec: LlamaSpec) -> tuple[np.ndarray, list[np.ndarray]]:
    """``(embedding table, flat weight list)``; matrices pre-transposed to ``x @ W`` form."""
    from safetensors import safe_open

    # Only the tensors of the first ``spec.layers`` blocks are read (a truncated model loads fast).
    with safe_open(str(model_dir / "model.safetensors"), "np") as f:
        keys = set(f.keys())
        embed = f.get_tensor("model.embed_tokens.weight").astype(np.float32)
        flat: list[np.ndarray] = []
        for i in range(spec.layers):
            for name in _PER_LAYER:
                w = f.get_tensor(f"model.layers.{i}.{name}").astype(np.float32)
                flat.append(np.ascontiguousarray(w.T) if w.ndim == 2 else w)
        flat.append(f.get_tensor("model.norm.weight").astype(np.float32))
        head = f.get_tensor("lm_head.weight") if "lm_head.weight" in keys else embed
    flat.append(np.ascontiguousarray(head.T.astype(np.float32)))
    return embed, flat


def rope_tables(spec: LlamaSpec, length: int) -> tuple[np.ndarray, np.ndarray]:
    inv = 1.0 / (spec.rope_theta ** (np.arange(0, spec.head_dim, 2) / spec.head_dim))
    freqs = np.outer(np.arange(length), inv)
    emb = np.concatenate([freqs, freqs], axis=-1)
    return np.cos(emb).astype(np.float32), np.sin(emb).astype(np.float32)


def make_forward(spec: LlamaSpec, length: int, *, trace: bool = False,
                 mask_shift: float = MASK_SHIFT, split_rms: bool = True,
                 all_positions: bool = False) -> Any:
    """``forward(x, sel, *weights) -> logits``: x is (length, hidden) embeddings, sel a one-hot
    (length,) vector picking the position whose next token is wanted. ``trace=True`` (float
    runs only) returns ``(logits, inputs)`` with what each approximated operation was fed.
    ``mask_shift=0`` is the earlier softmax (max over hidden keys too) and ``split_rms=False``
    the earlier one-range RMSNorm, both kept to measure them.

    ``all_positions=True`` gives ``forward(x, *weights) -> logits (length, vocab)`` instead: the
    teacher-forced forward, every position's next-token logits (the same blocks; the final norm
    and the public head run on every row rather than on the selected one)."""
    import jax
    import jax.numpy as jnp

    cos_np, sin_np = rope_tables(spec, length)
    causal = np.tril(np.ones((length, length), dtype=np.float32))
    group = spec.heads // spec.kv_heads

    seen: dict[str, list[Any]] = {"scores": [], "gate": [], "meansq": [], "denom": [],
                                  "rmsin": []}

    def rms(x: Any, w: Any) -> Any:
        var = jnp.mean(x * x, axis=-1, keepdims=True)
        if trace:
            seen["meansq"].append(var)
            seen["rmsin"].append(x)
        if not split_rms:
            return x * jax.lax.rsqrt(var + spec.eps) * w
        # SmolLM2's residual stream reaches |x| ~ 25,000 from block ~10 on (massive
        # activations). In FM64 with 18 fraction bits a product is exact only below 2^27 before
        # its truncation, so x * x wraps around the ring for |x| > ~11,000 and the row turns into
        # garbage. Rows with a large mean square are therefore normalized from x / RMS_SCALE
        # (its square stays small); small rows, where that division would lose most bits, keep
        # the direct form. A secret comparison per row picks one (a 0/1 product is exact, so the
        # other, possibly wrapped, branch vanishes). Same function in exact arithmetic.
        xs = x * (1.0 / RMS_SCALE)
        var_s = jnp.mean(xs * xs, axis=-1, keepdims=True)
        big = xs * jax.lax.rsqrt(var_s + spec.eps / RMS_SCALE**2)
        small = x * jax.lax.rsqrt(var + spec.eps)
        return jnp.where(var_s > RMS_SWITCH / RMS_SCALE**2, big, small) * w

    def rope(x: Any) -> Any:  # x: (L, H, D)
        cos, sin = jnp.asarray(cos_np)[:, None, :], jnp.asarray(sin_np)[:, None, :]
        half = spec.head_dim // 2
        rot = jnp.concatenate([-x[..., half:], x[..., :half]], axis=-1)
        return x * cos + rot * sin

    def softmax(s: Any, mask: Any) -> Any:
        # Hidden (future) keys are pushed far down before the max: were one of them the row's
        # max, every visible term would be exp(<= -CLIP) and the sum, a few fixed-point units,
        # would make the reciprocal (and the row) garbage under MPC.
        s = s - (1.0 - mask) * mask_shift
        z = s - jnp.max(s, axis=-1, keepdims=True)
        e = jnp.exp(jnp.maximum(z, -CLIP)) * mask
        if trace:
            seen["scores"].append(z)
            seen["denom"].append(jnp.sum(e, axis=-1))
        return e / jnp.sum(e, axis=-1, keepdims=True)

    def blocks(x: Any, w: tuple[Any, ...]) -> Any:
        h = x
        scale = 1.0 / float(np.sqrt(spec.head_dim))
        for i in range(spec.layers):
            ln1, wq, wk, wv, wo, ln2, wg, wu, wd = w[9 * i : 9 * i + 9]
            a = rms(h, ln1)
            q = rope((a @ wq).reshape(length, spec.heads, spec.head_dim))
            k = rope((a @ wk).reshape(length, spec.kv_heads, spec.head_dim))
            v = (a @ wv).reshape(length, spec.kv_heads, spec.head_dim)
            k = jnp.repeat(k, group, axis=1)
            v = jnp.repeat(v, group, axis=1)
            s = jnp.einsum("qhd,khd->hqk", q, k) * scale
            p = softmax(s, jnp.asarray(causal)[None])
            o = jnp.einsum("hqk,khd->qhd", p, v).reshape(length, spec.heads * spec.head_dim)
            h = h + o @ wo
            m = rms(h, ln2)
            g = m @ wg
            if trace:
                seen["gate"].append(g)
            h = h + (jax.nn.silu(g) * (m @ wu)) @ wd
        return h

    if all_positions:
        if trace:
            raise ValueError("trace is for the last-position forward only")

        def forward_all(x: Any, *w: Any) -> Any:
            return rms(blocks(x, w), w[-2]) @ w[-1]

        return forward_all

    def forward(x: Any, sel: Any, *w: Any) -> Any:
        last = sel @ blocks(x, w)
        logits = rms(last, w[-2]) @ w[-1]
        if trace:
            return logits, {k: jnp.concatenate([a.reshape(-1, spec.hidden) if k == "rmsin"
                                                else jnp.ravel(a) for a in v])
                            for k, v in seen.items()}
        return logits

    return forward


def embed_prompt(embed: np.ndarray, ids: list[int], length: int) -> tuple[np.ndarray, np.ndarray]:
    """Right-padded embeddings and the one-hot of the last real position (causal attention
    makes the padding invisible to earlier positions)."""
    if not ids:
        raise ValueError("empty prompt")
    if len(ids) > length:
        raise ValueError(f"prompt has {len(ids)} tokens; the compiled shape holds {length}")
    x = np.zeros((length, embed.shape[1]), dtype=np.float32)
    x[: len(ids)] = embed[np.asarray(ids)]
    sel = np.zeros((length,), dtype=np.float32)
    sel[len(ids) - 1] = 1.0
    return x, sel


# ------------------------------------------------------------- BERT-tiny-class encoder ---
# Trained by Veil (veil.crypto.encoder_train, torch) and exported as plain arrays: the client
# embeds (token + position embeddings, then their LayerNorm) in the clear, the parties run the
# blocks and the head on shares. Same function as the torch model: post-LN blocks, sigmoid GELU,
# mean pooling over the real tokens.

_ENC_PER_LAYER = ("wqkv", "bqkv", "wo", "bo", "ln1_w", "ln1_b", "w1", "b1", "w2", "b2",
                  "ln2_w", "ln2_b")


@dataclass(frozen=True)
class EncoderSpec:
    hidden: int
    heads: int
    layers: int
    ffn: int
    max_len: int
    eps: float
    labels: tuple[str, ...]


def read_encoder_spec(model_dir: Path) -> EncoderSpec:
    import json

    card = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    sh = card["shape"]
    return EncoderSpec(hidden=int(sh["hidden"]), heads=int(sh["heads"]), layers=int(sh["layers"]),
                       ffn=int(sh["ffn"]), max_len=int(sh["max_len"]), eps=float(sh["eps"]),
                       labels=tuple(card["labels"]))


def load_encoder(model_dir: Path, spec: EncoderSpec) -> tuple[dict[str, np.ndarray],
                                                               list[np.ndarray]]:
    """``(client-side embedding arrays, flat weight list of the shared computation)``."""
    with np.load(model_dir / "encoder.npz") as z:
        emb = {k: z[k].astype(np.float32) for k in ("tok", "pos", "ln_emb_w", "ln_emb_b")}
        flat = [z[f"l{i}.{n}"].astype(np.float32) for i in range(spec.layers)
                for n in _ENC_PER_LAYER]
        flat += [z["head_w"].astype(np.float32), z["head_b"].astype(np.float32)]
    return emb, flat


def embed_batch(emb: dict[str, np.ndarray], spec: EncoderSpec, batch: list[list[int]],
                size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(x, key mask, pooling weights)`` for ``size`` rows (``batch`` right-padded with empty
    rows); x is (size, max_len, hidden) after the embedding LayerNorm."""
    n = spec.max_len
    if not batch or len(batch) > size:
        raise ValueError(f"a batch holds 1 to {size} texts; got {len(batch)}")
    ids = np.zeros((size, n), dtype=np.int64)
    mask = np.zeros((size, n), dtype=np.float32)
    for i, seq in enumerate(batch):
        if not seq or len(seq) > n:
            raise ValueError(f"each text needs 1 to {n} tokens (the compiled length)")
        ids[i, : len(seq)] = seq
        mask[i, : len(seq)] = 1.0
    mask[len(batch):, 0] = 1.0  # padding rows attend to one position: no division by zero
    e = emb["tok"][ids] + emb["pos"][None, :n]
    mu = e.mean(-1, keepdims=True)
    var = ((e - mu) ** 2).mean(-1, keepdims=True)
    x = (e - mu) / np.sqrt(var + spec.eps) * emb["ln_emb_w"] + emb["ln_emb_b"]
    pool = mask / mask.sum(-1, keepdims=True)
    return x.astype(np.float32), mask, pool.astype(np.float32)


def make_encoder_forward(spec: EncoderSpec, size: int) -> Any:
    """``forward(x, mask, pool, *weights) -> logits (size, labels)``."""
    import jax
    import jax.numpy as jnp

    n, h, heads = spec.max_len, spec.hidden, spec.heads
    d = h // heads

    def ln(x: Any, w: Any, b: Any) -> Any:
        mu = jnp.mean(x, axis=-1, keepdims=True)
        c = x - mu
        var = jnp.mean(c * c, axis=-1, keepdims=True)
        return c * jax.lax.rsqrt(var + spec.eps) * w + b

    def forward(x: Any, mask: Any, pool: Any, *w: Any) -> Any:
        km = mask[:, None, None, :]
        for i in range(spec.layers):
            wqkv, bqkv, wo, bo, l1w, l1b, w1, b1, w2, b2, l2w, l2b = w[12 * i : 12 * i + 12]
            qkv = (x @ wqkv + bqkv).reshape(size, n, 3, heads, d)
            q, k, v = qkv[:, :, 0], qkv[:, :, 1], qkv[:, :, 2]
            s = jnp.einsum("bqhd,bkhd->bhqk", q, k) * (1.0 / float(np.sqrt(d)))
            # Padded keys: pushed down before the max (so they never set it), zeroed after exp.
            s = s - (1.0 - km) * (4 * CLIP)
            z = s - jnp.max(s, axis=-1, keepdims=True)
            e = jnp.exp(jnp.maximum(z, -CLIP)) * km
            p = e / jnp.sum(e, axis=-1, keepdims=True)
            o = jnp.einsum("bhqk,bkhd->bqhd", p, v).reshape(size, n, h)
            x = ln(x + o @ wo + bo, l1w, l1b)
            f = x @ w1 + b1
            x = ln(x + (f * jax.nn.sigmoid(1.702 * f)) @ w2 + b2, l2w, l2b)
        pooled = jnp.einsum("bl,blh->bh", pool, x)
        return pooled @ w[-2] + w[-1]

    return forward


__all__ = ["CLIP", "EncoderSpec", "LlamaSpec", "embed_batch", "embed_prompt", "load_encoder",
           "load_weights", "make_encoder_forward", "make_forward", "read_encoder_spec",
           "read_spec"]
