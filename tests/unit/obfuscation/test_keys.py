"""Rung 1 of the ladder: key matrices (Algorithm 1) and the per-component building blocks."""

from __future__ import annotations

import numpy as np
import pytest

from veil.obfuscation.key_matrices import (
    haar_orthogonal,
    inverse_permutation,
    key_basis,
    random_permutation,
)
from veil.obfuscation.transforms import (
    rope_pair_permutation,
    rope_pair_rotation,
    rope_pair_scale,
    windowed_pair_permutation,
)


@pytest.mark.parametrize("d,h,lam,pad", [(24, 0, 0.0, 0), (24, 8, 0.3, 0), (30, 16, 1.0, 3),
                                         (16, 4, 3.0, 1)])
def test_every_p_times_every_q_is_identity(d: int, h: int, lam: float, pad: int) -> None:
    rng = np.random.default_rng(0)
    basis = key_basis(d, h, lam, rng, pad=pad)
    assert basis.d_prime == d + 2 * h + pad
    ps = [basis.make_p(rng) for _ in range(3)]
    qs = [basis.make_q(rng) for _ in range(3)] + [basis.make_q(None)]
    for p in ps:
        assert p.shape == (d, basis.d_prime)
        for q in qs:
            assert np.abs(p @ q - np.eye(d)).max() < 1e-10
    if h:
        # Q P is not the identity (d' > d) and distinct draws really differ
        assert np.abs(qs[0] @ ps[0] - np.eye(basis.d_prime)).max() > 1e-3
        assert np.abs(ps[0] - ps[1]).max() > 1e-3


def test_exact_basis_is_orthogonal_and_lambda_is_not() -> None:
    rng = np.random.default_rng(1)
    p = key_basis(20, 0, 0.0, rng).make_p(rng)
    assert np.allclose(p @ p.T, np.eye(20), atol=1e-12)
    p2 = key_basis(20, 0, 0.3, rng).make_p(rng)
    assert not np.allclose(p2 @ p2.T, np.eye(20), atol=1e-3)


def test_haar_orthogonal_and_permutations() -> None:
    rng = np.random.default_rng(2)
    u = haar_orthogonal(12, rng)
    assert np.allclose(u.T @ u, np.eye(12), atol=1e-12)
    perm = random_permutation(50, rng, fixed=[0, 1, 2])
    assert sorted(perm.tolist()) == list(range(50)) and perm[:3].tolist() == [0, 1, 2]
    assert (perm[inverse_permutation(perm)] == np.arange(50)).all()


def test_rope_pair_ops_commute_with_rope_rotation() -> None:
    """HF rotate_half pairs dim p with p + d_h/2: R and H commute with RoPE, Zb does not."""
    rng = np.random.default_rng(3)
    d_h, half = 16, 8
    freqs = 1.0 / (10000 ** (np.arange(half) * 2 / d_h))

    def rope(x: np.ndarray, pos: int) -> np.ndarray:  # HF: x*cos + rotate_half(x)*sin
        cos = np.cos(np.concatenate([freqs, freqs]) * pos)
        sin = np.sin(np.concatenate([freqs, freqs]) * pos)
        rot = np.concatenate([-x[half:], x[:half]])
        return x * cos + rot * sin

    q, k = rng.standard_normal(d_h), rng.standard_normal(d_h)
    r = rope_pair_rotation(rng.uniform(0, 6.3, half))
    s = rng.uniform(0.5, 2, half)
    hq, hk = rope_pair_scale(s), rope_pair_scale(1 / s)
    want = rope(q, 7) @ rope(k, 3)
    assert np.isclose(rope(q @ r @ hq, 7) @ rope(k @ r @ hk, 3), want, atol=1e-12)
    perm = windowed_pair_permutation(half, 4, 0, rng)
    zb = rope_pair_permutation(perm)
    assert np.allclose(zb @ zb.T, np.eye(d_h))
    if (perm != np.arange(half)).any():
        assert not np.isclose(rope(q @ zb, 7) @ rope(k @ zb, 3), want, atol=1e-6)


def test_windowed_permutation_keeps_high_frequency_pairs() -> None:
    rng = np.random.default_rng(4)
    perm = windowed_pair_permutation(32, 8, 8, rng)
    assert perm[:8].tolist() == list(range(8))
    for start in range(8, 32, 8):  # moves stay inside their window
        assert sorted(perm[start:start + 8].tolist()) == list(range(start, start + 8))
    assert (perm != np.arange(32)).any()
