"""Per-component transforms of covariant obfuscation, as pure functions on float64 arrays.

Row-vector convention (y = x W, W is in x out); a Hugging Face ``nn.Linear.weight`` is W^T. The
functions here know nothing about torch modules: :mod:`veil.obfuscation.engine` walks the model and
calls them, and attacks can call them with their own keys (an attacker simulates the defence).

Attention head dims follow Hugging Face ``rotate_half``: RoPE pair p is (p, p + d_h/2), not
adjacent dims.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from veil.obfuscation.key_matrices import (
    Rng,
    inverse_permutation,
    log_uniform,
    random_permutation,
    well_conditioned_matrix,
)

# ------------------------------------------------------------------------------------ RoPE pairs


def rope_pair_rotation(angles: np.ndarray) -> np.ndarray:
    """R (d_h x d_h): a 2x2 rotation per RoPE pair. Commutes with RoPE, so q R . k R is exact."""
    half = len(angles)
    m = np.zeros((2 * half, 2 * half))
    c, s = np.cos(angles), np.sin(angles)
    p = np.arange(half)
    m[p, p] = c
    m[p, p + half] = s
    m[p + half, p] = -s
    m[p + half, p + half] = c
    return m


def rope_pair_scale(scales: np.ndarray) -> np.ndarray:
    """H (d_h x d_h): scale s_p on both dims of pair p (q gets H, k gets H^-1: exact)."""
    return np.diag(np.concatenate([scales, scales]))


def rope_pair_permutation(perm: np.ndarray) -> np.ndarray:
    """Zb (d_h x d_h): old pair p moves to position perm[p] (lossy: it rotates at another speed)."""
    half = len(perm)
    m = np.zeros((2 * half, 2 * half))
    p = np.arange(half)
    m[p, perm] = 1.0
    m[p + half, perm + half] = 1.0
    return m


def windowed_pair_permutation(n_pairs: int, window: int, keep: int | None, rng: Rng
                              ) -> np.ndarray:
    """Permutation of RoPE pairs inside windows of ``window`` pairs; the first ``keep`` pairs
    (highest frequencies, where a move costs most) stay in place.

    ``keep=None`` moves only the lowest-frequency window: pair p rotates at theta^(-2p/d_h), so
    the phase error of a move grows with the frequency. On SmolLM2 (32 pairs, window 8) moving
    pairs 16-31 costs 4 points of top-1 agreement, moving 24-31 costs 0.2.
    """
    if keep is None:
        keep = max(n_pairs - max(window, 1), 0)
    perm = np.arange(n_pairs, dtype=np.int64)
    for start in range(min(keep, n_pairs), n_pairs, max(window, 1)):
        idx = np.arange(start, min(start + window, n_pairs))
        perm[idx] = idx[rng.permutation(len(idx))]
    return perm


# ------------------------------------------------------------------------------------ attention


@dataclass
class AttentionKey:
    """Secret per-layer attention transforms (indexed by ORIGINAL kv head)."""

    q_maps: np.ndarray  # (n_kv, d_h, d_h)  R H Zb
    k_maps: np.ndarray  # (n_kv, d_h, d_h)  R H^-1 Zb
    v_maps: np.ndarray  # (n_kv, d_h, d_h)  U_vo
    kv_perm: np.ndarray  # (n_kv,) new kv slot s holds old kv head kv_perm[s]
    # (n_kv, rep): inside group g, new slot r holds old q head group_perm[g, r]
    group_perm: np.ndarray

    def q_head_order(self) -> np.ndarray:
        """New q slot -> old q head, following the kv permutation and the in-group permutation."""
        n_kv, rep = self.group_perm.shape
        return np.array(
            [self.kv_perm[s] * rep + self.group_perm[self.kv_perm[s], r]
             for s in range(n_kv) for r in range(rep)],
            dtype=np.int64,
        )


def attention_key(
    n_heads: int,
    n_kv: int,
    d_h: int,
    rng: Rng,
    *,
    rotation: bool,
    scale: float,
    block_perm: bool,
    block_window: int,
    block_keep: int | None,
    vo_mixing: bool,
    vo_scale: float,
    head_perm: bool,
) -> AttentionKey:
    half = d_h // 2
    rep = n_heads // n_kv
    qm, km, vm = [], [], []
    for _ in range(n_kv):
        r = rope_pair_rotation(rng.uniform(0, 2 * np.pi, half)) if rotation else np.eye(d_h)
        s = log_uniform(rng, half, scale)
        perm = (windowed_pair_permutation(half, block_window, block_keep, rng)
                if block_perm else np.arange(half))
        zb = rope_pair_permutation(perm)
        qm.append(r @ rope_pair_scale(s) @ zb)
        km.append(r @ rope_pair_scale(1.0 / s) @ zb)
        vm.append(well_conditioned_matrix(d_h, rng, vo_scale) if vo_mixing else np.eye(d_h))
    kv_perm = random_permutation(n_kv, rng) if head_perm else np.arange(n_kv)
    group_perm = np.stack(
        [random_permutation(rep, rng) if head_perm else np.arange(rep) for _ in range(n_kv)]
    )
    return AttentionKey(np.stack(qm), np.stack(km), np.stack(vm), kv_perm, group_perm)


def _per_head(w: np.ndarray, maps: np.ndarray, head_to_map: np.ndarray, d_h: int) -> np.ndarray:
    """Right-multiply each head's column block of w (... x n*d_h) by its map."""
    lead = w.shape[:-1]
    blocks = w.reshape(*lead, -1, d_h)
    out = np.einsum("...nd,nde->...ne", blocks, maps[head_to_map])
    return out.reshape(*lead, -1)


def _reorder_heads(w: np.ndarray, order: np.ndarray, d_h: int, axis: int) -> np.ndarray:
    idx = (order[:, None] * d_h + np.arange(d_h)[None, :]).reshape(-1)
    return np.take(w, idx, axis=axis)


def transform_q(w: np.ndarray, key: AttentionKey, d_h: int) -> np.ndarray:
    """Columns of W_q (or a bias row) -> per-head R H Zb, then head permutation."""
    n_kv, rep = key.group_perm.shape
    head_group = np.repeat(np.arange(n_kv), rep)
    return _reorder_heads(_per_head(w, key.q_maps, head_group, d_h), key.q_head_order(), d_h, -1)


def transform_k(w: np.ndarray, key: AttentionKey, d_h: int) -> np.ndarray:
    n_kv = key.kv_perm.shape[0]
    return _reorder_heads(_per_head(w, key.k_maps, np.arange(n_kv), d_h), key.kv_perm, d_h, -1)


def transform_v(w: np.ndarray, key: AttentionKey, d_h: int) -> np.ndarray:
    n_kv = key.kv_perm.shape[0]
    return _reorder_heads(_per_head(w, key.v_maps, np.arange(n_kv), d_h), key.kv_perm, d_h, -1)


def transform_o(w: np.ndarray, key: AttentionKey, d_h: int) -> np.ndarray:
    """Rows of W_o (n_heads*d_h x d) -> U_vo^-1 per head, then the q head permutation."""
    n_kv, rep = key.group_perm.shape
    head_group = np.repeat(np.arange(n_kv), rep)
    inv = np.linalg.inv(key.v_maps)
    blocks = w.reshape(-1, d_h, w.shape[-1])  # (n_heads, d_h, d)
    blocks = np.einsum("nde,nef->ndf", inv[head_group], blocks)
    return _reorder_heads(blocks.reshape(-1, w.shape[-1]), key.q_head_order(), d_h, 0)


# ------------------------------------------------------------------------------------------ FFN


@dataclass
class FFNKey:
    perm: np.ndarray  # new neuron slot s holds old neuron perm[s]
    scale: np.ndarray  # Hf, per OLD neuron, on the up projection


def ffn_key(f: int, rng: Rng, *, perm: bool, scale: float) -> FFNKey:
    return FFNKey(random_permutation(f, rng) if perm else np.arange(f), log_uniform(rng, f, scale))


def transform_gate(w: np.ndarray, key: FFNKey) -> np.ndarray:
    return w[..., key.perm]


def transform_up(w: np.ndarray, key: FFNKey) -> np.ndarray:
    return (w * key.scale)[..., key.perm]


def transform_down(w: np.ndarray, key: FFNKey) -> np.ndarray:
    """Rows of W_down (f x d) -> Zf^-1 Hf^-1 W_down."""
    return (w / key.scale[:, None])[key.perm]


# ------------------------------------------------------------------------ embedding and LM head


def add_noise(w: np.ndarray, alpha: float, rng: Rng) -> np.ndarray:
    """W* = W + alpha * std(W) * N(0, 1), sampled once (the privacy noise)."""
    if alpha == 0.0:
        return w
    noise = rng.standard_normal(w.shape, dtype=np.float32).astype(w.dtype)
    return w + (alpha * float(w.std())) * noise


def permute_rows(w: np.ndarray, tau: np.ndarray) -> np.ndarray:
    """Row tau[i] of the result holds row i of w (Pi W for the embedding, head rows likewise)."""
    out = np.empty_like(w)
    out[tau] = w
    return out


def map_ids(ids: np.ndarray, tau: np.ndarray) -> np.ndarray:
    return tau[ids]


def unmap_ids(ids: np.ndarray, tau: np.ndarray) -> np.ndarray:
    return inverse_permutation(tau)[ids]


__all__ = [
    "AttentionKey",
    "FFNKey",
    "add_noise",
    "attention_key",
    "ffn_key",
    "map_ids",
    "permute_rows",
    "rope_pair_permutation",
    "rope_pair_rotation",
    "rope_pair_scale",
    "transform_down",
    "transform_gate",
    "transform_k",
    "transform_o",
    "transform_q",
    "transform_up",
    "transform_v",
    "unmap_ids",
    "windowed_pair_permutation",
]
