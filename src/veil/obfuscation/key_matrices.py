"""Key matrices of covariant obfuscation (AloePri, paper Algorithm 1), in float64 numpy.

Row-vector convention: a hidden state ``x`` (1 x d) enters the obfuscated residual stream as
``x P`` (1 x d'), and any reader recovers it as ``(x P) Q = x``. One :class:`KeyBasis` (one INIT)
yields any number of ``P_i`` and ``Q_j`` with ``P_i Q_j = I_d``, so every component that writes
to the residual stream (embedding, attention output, FFN down projection) and every component that
reads it (q/k/v, gate/up, LM head) can draw its own matrix:

    P = [B  C  E] Z        (d x d')     C F = 0
    Q = Z^T [B^-1; F; D]   (d' x d)     E D = 0      =>  P Q = B B^-1 + C F + E D = I

B = U + lambda V (U Haar orthogonal, V ~ N(0, 1/d)); E = E1 E2 and F = F1 F2 are low rank; Z is a
Haar orthogonal d' x d' mixing. C lives in the left null space of F and D in the null space of E;
their scales (``c_scale``, ``d_scale``) are not fixed by the paper: C changes ||x P|| and so the
RMSNorm error; D only changes what the host sees. ``h_c``/``h_e`` (columns of the C and E blocks)
are ``h`` each, plus padding on C so that d' is a multiple of the attention head count
(transformers >= 5 validates ``hidden_size % num_attention_heads == 0``).

These functions take and return plain arrays so attacks can reuse them to simulate the defence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Rng = np.random.Generator


def haar_orthogonal(n: int, rng: Rng) -> np.ndarray:
    """A Haar-distributed random orthogonal n x n matrix (QR of a Gaussian with sign fix)."""
    if n == 0:
        return np.zeros((0, 0))
    a = rng.standard_normal((n, n))
    q, r = np.linalg.qr(a)
    return q * np.sign(np.diag(r))


def _null_rows(a: np.ndarray) -> np.ndarray:
    """Orthonormal rows N (k x m) with N a = 0, for a (m x r) of full column rank r; k = m - r."""
    m, r = a.shape
    q, _ = np.linalg.qr(a, mode="complete")
    return q[:, r:].T.copy()


@dataclass(frozen=True)
class KeyBasis:
    """One INIT of Algorithm 1: the shared parts every P_i / Q_j of a model is built from."""

    d: int
    h_c: int
    h_e: int
    B: np.ndarray  # d x d
    B_inv: np.ndarray  # d x d
    E: np.ndarray  # d x h_e, rank <= h_e/2
    F: np.ndarray  # h_c x d, rank <= h_c/2
    C_null: np.ndarray  # k_c x h_c orthonormal rows with C_null F = 0
    D_null: np.ndarray  # h_e x k_e orthonormal columns with E D_null = 0
    Z: np.ndarray  # d' x d' orthogonal
    c_scale: float
    d_scale: float
    #: d x k_c part of the C block shared by every P (fitted on activations so that ||x P||
    #: tracks ||x||, see engine.fit_norm_block); the random per-component part is added to it.
    c_fit: np.ndarray | None = None

    @property
    def d_prime(self) -> int:
        return self.d + self.h_c + self.h_e

    def __post_init__(self) -> None:
        # P = B Z_b + C Z_c + E Z_e and Q = Z_b^T B^-1 + Z_c^T F + Z_e^T D: the parts shared by
        # every P / Q are computed once, so drawing one per component stays cheap.
        d, hc = self.d, self.h_c
        zb, zc, ze = self.Z[:d], self.Z[d:d + hc], self.Z[d + hc:]
        object.__setattr__(self, "_p0", self.B @ zb + self.E @ ze)
        object.__setattr__(self, "_c_z", self.C_null @ zc)  # k_c x d'
        object.__setattr__(self, "_q0", zb.T @ self.B_inv + zc.T @ self.F)
        object.__setattr__(self, "_ze_d", ze.T @ self.D_null if self.h_e else None)  # d' x k_e

    def make_p(self, rng: Rng) -> np.ndarray:
        """A fresh P (d x d') with P Q = I for every Q of this basis."""
        p0: np.ndarray = self._p0  # type: ignore[attr-defined]
        if not self.h_c:
            return p0.copy()
        g = rng.standard_normal((self.d, self.C_null.shape[0])) * (self.c_scale / np.sqrt(self.d))
        if self.c_fit is not None:
            g = g + self.c_fit
        return p0 + g @ self._c_z  # type: ignore[attr-defined]

    @property
    def c_rank(self) -> int:
        """Columns of the free C part (its rank bound): h_c minus the rank of F."""
        return int(self.C_null.shape[0])

    def gram0(self) -> np.ndarray:
        """B B^T + E E^T: x (this) x^T = ||x P||^2 for every P of the basis with no C part."""
        return self.B @ self.B.T + self.E @ self.E.T

    def make_q(self, rng: Rng | None) -> np.ndarray:
        """A fresh Q (d' x d); ``rng=None`` gives the canonical one with D = 0 (for decoding)."""
        q0: np.ndarray = self._q0  # type: ignore[attr-defined]
        if not self.h_e or rng is None:
            return q0.copy()
        k = rng.standard_normal((self.D_null.shape[1], self.d)) * (self.d_scale / np.sqrt(self.d))
        return q0 + self._ze_d @ k  # type: ignore[attr-defined]


def key_basis(
    d: int,
    h: int,
    lam: float,
    rng: Rng,
    *,
    pad: int = 0,
    c_scale: float = 1.0,
    d_scale: float = 1.0,
    e_scale: float = 1.0,
    identity: bool = False,
) -> KeyBasis:
    """INIT(d, h, lambda) of Algorithm 1; ``pad`` extra columns join the C block.

    ``identity=True`` (tests and ablations only) makes U and Z identities: with h = 0 and
    lambda = 0 then P = Q = I.
    """
    if h < 0 or h % 2:
        raise ValueError("h must be a non-negative even number")
    u = np.eye(d) if identity else haar_orthogonal(d, rng)
    v = rng.standard_normal((d, d)) / np.sqrt(d)
    b = u + lam * v if lam else u
    b_inv = np.linalg.inv(b)
    h_c, h_e = h + pad, h
    sd = 1.0 / np.sqrt(d)
    # E = E1 E2 (rank h/2); D must satisfy E D = 0, i.e. E2 D = 0.
    if h_e:
        e1 = rng.standard_normal((d, h_e // 2)) * sd
        e2 = rng.standard_normal((h_e // 2, h_e)) * sd
        e = (e1 @ e2) * e_scale
        d_null = _null_rows(e2.T).T  # h_e x (h_e/2), e2 @ d_null = 0
    else:
        e = np.zeros((d, 0))
        d_null = np.zeros((0, 0))
    # F = F1 F2 (rank floor(h_c/2)); C must satisfy C F = 0, i.e. C F1 = 0.
    if h_c:
        r = max(h_c // 2, 1) if h_c > 1 else 0
        f1 = rng.standard_normal((h_c, r)) * sd
        f2 = rng.standard_normal((r, d)) * sd
        f = f1 @ f2
        c_null = _null_rows(f1) if r else np.eye(h_c)
    else:
        f = np.zeros((0, d))
        c_null = np.zeros((0, 0))
    z = np.eye(d + h_c + h_e) if identity else haar_orthogonal(d + h_c + h_e, rng)
    return KeyBasis(d, h_c, h_e, b, b_inv, e, f, c_null, d_null, z, c_scale, d_scale)


def random_permutation(n: int, rng: Rng, *, fixed: tuple[int, ...] | list[int] = ()) -> np.ndarray:
    """A uniform permutation of range(n) (int64) that leaves the ``fixed`` indices in place."""
    perm = np.arange(n, dtype=np.int64)
    fixed_set = {int(i) for i in fixed}
    movable = np.array([i for i in range(n) if i not in fixed_set], dtype=np.int64)
    perm[movable] = movable[rng.permutation(len(movable))]
    return perm


def inverse_permutation(perm: np.ndarray) -> np.ndarray:
    inv = np.empty_like(perm)
    inv[perm] = np.arange(len(perm), dtype=perm.dtype)
    return inv


def log_uniform(rng: Rng, size: int | tuple[int, ...], ratio: float) -> np.ndarray:
    """Positive factors drawn log-uniformly in [1/ratio, ratio] (all ones for ratio <= 1)."""
    if ratio <= 1.0:
        return np.ones(size)
    lr = np.log(ratio)
    return np.exp(rng.uniform(-lr, lr, size))


def well_conditioned_matrix(n: int, rng: Rng, ratio: float) -> np.ndarray:
    """Random invertible n x n matrix O1 diag(s) O2 with singular values in [1/ratio, ratio]."""
    return (haar_orthogonal(n, rng) * log_uniform(rng, n, ratio)) @ haar_orthogonal(n, rng)


def component_rng(seed: int, *path: int) -> Rng:
    """An independent, reproducible stream for one component (e.g. (layer, kind))."""
    return np.random.default_rng(np.random.SeedSequence(entropy=seed, spawn_key=tuple(path)))


__all__ = [
    "KeyBasis",
    "component_rng",
    "haar_orthogonal",
    "inverse_permutation",
    "key_basis",
    "log_uniform",
    "random_permutation",
    "well_conditioned_matrix",
]
