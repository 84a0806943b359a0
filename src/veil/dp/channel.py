"""The sanitizers seen as noisy channels: ``Pr[released word y | original word x]``.

An attacker who knows the mechanism (Kerckhoffs: the mechanism and the embedding space are
public) and has a prior over words computes the posterior ``Pr[x | y] ∝ prior(x) Pr[y | x]`` and
guesses its argmax (channel MAP). That is the Bayes-optimal single-word attack, so it — not the
nearest-neighbour guess, which on these spaces is the identity — is what epsilon must be judged
against.

* SANTEXT(+): exact. ``Pr[y|x] = exp(-eps d(x,y)/2) / Z_eps(x)``, ``Z`` summed over the whole
  output vocabulary, for the ``candidates`` words nearest to ``y``.
* CUSTEXT(+): exact. Only the words of ``y``'s mapping set can produce ``y``.
* RANTEXT: Monte Carlo. The adjacency list depends on fresh Laplace noise, so
  ``Pr[y|x] = E_c[1{cos(x,y) >= c} exp(eps cos(x,y)/4) / S(x,c)]`` is estimated from ``samples``
  draws of the noisy threshold ``c`` per candidate ``x``; candidates are the ``candidates`` words
  most cosine-similar to ``y`` (words further away almost never put ``y`` in their list).

Priors: ``uniform`` or ``frequency`` (``wordfreq``'s English frequencies, an offline list).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from veil.dp.embeddings import EmbeddingSpace
from veil.dp.mechanisms import check_epsilon
from veil.dp.sanitizers import CusText, CusTextPlus, RanText, Sanitizer, SanText, SanTextPlus
from veil.errors import ConfigError, DPError

__all__ = ["Channel", "Posterior", "Prior", "channel_for", "log_prior"]

Prior = Literal["uniform", "frequency"]
#: Frequency floor for words wordfreq does not know (about one in a billion words).
_FREQ_FLOOR = 1e-9


@dataclass(frozen=True)
class Posterior:
    """Candidate originals (vocabulary indices) and their posterior probabilities (sum to 1),
    most probable first."""

    ids: NDArray[np.int64]
    probs: NDArray[np.float64]

    def top(self, k: int) -> NDArray[np.int64]:
        return self.ids[:k]


_PRIORS: dict[tuple[str, str], NDArray[np.float64]] = {}


def log_prior(space: EmbeddingSpace, kind: Prior) -> NDArray[np.float64]:
    """Log prior over the vocabulary of ``space`` (normalised)."""
    if kind == "uniform":
        return np.full(space.size, -math.log(space.size))
    if kind != "frequency":
        raise DPError("prior must be 'uniform' or 'frequency'")
    key = (space.fingerprint(), kind)
    if key not in _PRIORS:
        try:
            from wordfreq import word_frequency
        except ImportError:
            raise ConfigError("the frequency prior needs wordfreq: pip install 'veil[eval]'"
                              ) from None
        f = np.array([max(word_frequency(w.lower(), "en"), _FREQ_FLOOR) for w in space.words])
        lp = np.log(f)
        _PRIORS[key] = lp - np.logaddexp.reduce(lp)
    return _PRIORS[key]


def _normalise(ids: NDArray[np.int64], logits: NDArray[np.float64]) -> Posterior:
    keep = np.isfinite(logits)
    ids, logits = ids[keep], logits[keep]
    if ids.size == 0:
        raise DPError("no candidate original can produce this output under the mechanism")
    p = np.exp(logits - logits.max())
    p /= p.sum()
    order = np.argsort(-p, kind="stable")
    return Posterior(ids[order], p[order])


class Channel:
    """``Pr[y|x]`` of one sanitizer at one epsilon; :meth:`posterior` combines it with a prior."""

    def __init__(self, sanitizer: Sanitizer, *, epsilon: float) -> None:
        self.sanitizer = sanitizer
        self.space = sanitizer.space
        self.epsilon = check_epsilon(epsilon)
        self._ll: dict[int, tuple[NDArray[np.int64], NDArray[np.float64]]] = {}

    def log_likelihood(self, y: int) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """(candidate originals, ``log Pr[y | x]`` for each) for the released vocabulary word
        ``y``; candidates left out have (approximately) zero likelihood."""
        raise NotImplementedError

    def posterior(self, released: str, prior: Prior = "frequency") -> Posterior | None:
        """Posterior over originals of one released word, or None if the released word is not in
        the vocabulary (then it can only have been released unchanged)."""
        y = self.space.index(released)
        if y is None:
            return None
        if y not in self._ll:
            self._ll[y] = self.log_likelihood(y)
        ids, ll = self._ll[y]
        return _normalise(ids, ll + log_prior(self.space, prior)[ids])


class _SanTextChannel(Channel):
    """Exact likelihoods over the ``candidates`` words nearest to ``y`` (a farther original
    produces ``y`` with probability at most ``exp(-eps d/2)`` of a nearer one's: negligible where
    recovery is possible, and where it is not the posterior is flat anyway)."""

    sanitizer: SanText

    def __init__(self, sanitizer: SanText, *, epsilon: float, candidates: int = 32) -> None:
        super().__init__(sanitizer, epsilon=epsilon)
        self.candidates = candidates
        out = sanitizer._output_ids()
        self._vo = self.space.vectors[out]
        self._sq_o = np.einsum("ij,ij->i", self._vo, self._vo)
        self._out_mask = np.zeros(self.space.size, dtype=bool)
        self._out_mask[out] = True
        self._log_z: dict[int, float] = {}
        self._plus = isinstance(sanitizer, SanTextPlus)
        if self._plus:
            assert isinstance(sanitizer, SanTextPlus)  # nosec B101 # an internal invariant, not a security check
            self._sensitive = np.array([sanitizer.is_sensitive(w) for w in self.space.words])

    def _normaliser(self, xs: NDArray[np.int64]) -> NDArray[np.float64]:
        todo = [int(x) for x in xs if int(x) not in self._log_z]
        if todo:
            v = self.space.vectors[todo]
            d2 = np.einsum("ij,ij->i", v, v)[:, None] - 2.0 * (v @ self._vo.T) + self._sq_o
            a = (-self.epsilon / 2.0) * np.sqrt(np.maximum(d2, 0.0)).astype(np.float64)
            m = a.max(axis=1, keepdims=True)
            z = (m + np.log(np.exp(a - m).sum(axis=1, keepdims=True)))[:, 0]
            self._log_z.update(zip(todo, z.tolist(), strict=True))
        return np.array([self._log_z[int(x)] for x in xs])

    def log_likelihood(self, y: int) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        if not self._out_mask[y]:  # outside the output vocabulary: released unchanged
            return np.array([y]), np.array([0.0])
        nbr_ids, nbr_d = self.space.neighbours()
        ids = nbr_ids[y, :self.candidates].astype(np.int64)
        ll = (-self.epsilon * nbr_d[y, :self.candidates].astype(np.float64) / 2.0
              - self._normaliser(ids))
        if self._plus:
            assert isinstance(self.sanitizer, SanTextPlus)  # nosec B101 # an internal invariant, not a security check
            p = self.sanitizer.p
            sens = self._sensitive[ids]
            ll = np.where(sens, ll, ll + math.log(max(p, 1e-300)))
            if not self._sensitive[y]:  # x = y released as a public word with prob. 1 - p
                j = int(np.flatnonzero(ids == y)[0])
                ll[j] = np.logaddexp(ll[j], math.log(max(1.0 - p, 1e-300)))
        return ids, ll


class _CusTextChannel(Channel):
    sanitizer: CusText

    def log_likelihood(self, y: int) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        san = self.sanitizer
        words = self.space.words
        group = san.mapping_set(words[y])
        plus = isinstance(san, CusTextPlus)
        ll = np.full(group.size, -np.inf)
        for j, x in enumerate(group):
            if plus and san.is_public(words[x]):
                ll[j] = 0.0 if x == y else -np.inf
                continue
            ids, p = san.probabilities(words[x], epsilon=self.epsilon)
            hit = np.flatnonzero(ids == y)
            if hit.size:
                ll[j] = math.log(max(float(p[hit[0]]), 1e-300))
        if plus and san.is_public(words[y]) and y not in group:
            return np.append(group, y), np.append(ll, 0.0)
        return group.astype(np.int64), ll


class _RanTextChannel(Channel):
    sanitizer: RanText

    def __init__(self, sanitizer: RanText, *, epsilon: float, samples: int = 48,
                 candidates: int = 32, seed: int = 0) -> None:
        super().__init__(sanitizer, epsilon=epsilon)
        self.samples = samples
        self.candidates = min(candidates, self.space.size)
        self._rng = np.random.default_rng(seed)
        self._cache: dict[int, tuple[NDArray[np.float64], NDArray[np.float64]]] = {}

    def _thresholds(self, xs: NDArray[np.int64]) -> None:
        """Cache (thresholds c_m, log S(x, c_m)) for ``samples`` draws of each x's adjacency
        list (S: the exponential mechanism's normaliser over the list)."""
        todo = [int(x) for x in xs if int(x) not in self._cache]
        if not todo:
            return
        san, space, eps = self.sanitizer, self.space, self.epsilon
        b = san.radius_scale * san._dim_range().astype(np.float64) / eps
        unit = space._unit
        sims_all = unit[todo] @ unit.T  # (len(todo), V) cosine rows
        for row, x in zip(sims_all, todo, strict=True):
            vec = space.vectors[x].astype(np.float64)
            noisy = vec[None, :] + self._rng.laplace(0.0, 1.0, size=(self.samples, vec.size)) * b
            cos_noisy = (noisy @ vec) / np.maximum(np.linalg.norm(noisy, axis=1)
                                                   * np.linalg.norm(vec), 1e-12)
            desc = -np.sort(-row)
            c = np.minimum(cos_noisy, float(desc[0]))
            # log S(x, c): log-sum of exp(eps*sim/4) over the words with sim >= c
            cum = np.logaddexp.accumulate((eps / 4.0) * desc.astype(np.float64))
            n_in = np.searchsorted(-desc, -c.astype(np.float32), side="right")
            self._cache[x] = (c, cum[np.maximum(n_in, 1) - 1])

    def log_likelihood(self, y: int) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        space, eps = self.space, self.epsilon
        sims_y = space.cosine(space.vectors[y]).astype(np.float64)
        k = self.candidates
        ids = np.argpartition(-sims_y, k - 1)[:k].astype(np.int64)
        self._thresholds(ids)
        ll = np.full(ids.size, -np.inf)
        for j, x in enumerate(ids):
            c, log_s = self._cache[int(x)]
            s_xy = sims_y[x]
            inside = s_xy >= c
            if inside.any():
                terms = (eps / 4.0) * s_xy - log_s[inside]
                ll[j] = np.logaddexp.reduce(terms) - math.log(c.size)
        return ids, ll


def channel_for(sanitizer: Sanitizer, *, epsilon: float, samples: int = 48,
                candidates: int = 32, seed: int = 0) -> Channel:
    """The channel of ``sanitizer`` at ``epsilon`` (``samples``/``candidates``/``seed`` tune the
    RANTEXT Monte Carlo estimate). Wrapped sanitizers (:mod:`veil.dp.policy`) use their inner
    mechanism: the attacker assumes a word may have been perturbed."""
    inner = getattr(sanitizer, "inner", None)
    if inner is not None:
        return channel_for(inner, epsilon=epsilon, samples=samples, candidates=candidates,
                           seed=seed)
    key = (id(sanitizer), float(epsilon), samples, candidates, seed)
    hit = _CHANNELS.get(key)
    if hit is not None and hit.sanitizer is sanitizer:
        return hit
    ch = _make_channel(sanitizer, epsilon=epsilon, samples=samples, candidates=candidates,
                       seed=seed)
    if len(_CHANNELS) >= 64:  # one run's settings; the likelihoods are shared by all priors
        _CHANNELS.pop(next(iter(_CHANNELS)))
    _CHANNELS[key] = ch
    return ch


_CHANNELS: dict[tuple[int, float, int, int, int], Channel] = {}


def _make_channel(sanitizer: Sanitizer, *, epsilon: float, samples: int, candidates: int,
                  seed: int) -> Channel:
    if isinstance(sanitizer, SanText):
        return _SanTextChannel(sanitizer, epsilon=epsilon, candidates=candidates)
    if isinstance(sanitizer, CusText):
        return _CusTextChannel(sanitizer, epsilon=epsilon)
    if isinstance(sanitizer, RanText):
        return _RanTextChannel(sanitizer, epsilon=epsilon, samples=samples,
                               candidates=candidates, seed=seed)
    raise DPError(f"no channel model for mechanism {sanitizer.name!r}")
