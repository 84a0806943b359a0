"""Statistical tests of the mechanisms against their distributions (fixed seeds).

Each test has a second assertion that would fail if the noise were disabled or mis-scaled.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from veil.dp import mechanisms as m
from veil.errors import InvalidEpsilonError

N = 20_000
BAD_EPSILONS = [0.0, -1.0, float("nan"), float("inf"), float("-inf"), "abc", None]


def test_laplace_matches_its_distribution() -> None:
    x = m.laplace(np.full(N, 3.0), epsilon=0.5, sensitivity=2.0, rng=1)
    scale = 2.0 / 0.5
    assert stats.kstest(x, stats.laplace(loc=3.0, scale=scale).cdf).pvalue > 1e-3
    # Mis-scaled by 1.5x or no noise at all would be rejected.
    assert stats.kstest(x, stats.laplace(loc=3.0, scale=1.5 * scale).cdf).pvalue < 1e-6
    assert stats.kstest(x, stats.laplace(loc=3.0, scale=scale / 1.5).cdf).pvalue < 1e-6
    assert np.std(x) > 0.9 * math.sqrt(2) * scale


def test_laplace_keeps_shape_and_is_seedable() -> None:
    v = np.zeros((4, 3))
    a = m.laplace(v, epsilon=1.0, rng=7)
    assert a.shape == (4, 3)
    assert np.array_equal(a, m.laplace(v, epsilon=1.0, rng=7))


def test_unseeded_noise_differs_between_calls() -> None:
    a = m.laplace(np.zeros(8), epsilon=1.0)
    b = m.laplace(np.zeros(8), epsilon=1.0)
    assert not np.array_equal(a, b)


def _exact_delta(sigma: float, eps: float, sens: float) -> float:
    # Independent implementation of Balle & Wang's Theorem 8 with scipy.
    a, b = sens / (2 * sigma), eps * sigma / sens
    return stats.norm.cdf(a - b) - math.exp(eps) * stats.norm.cdf(-a - b)


@pytest.mark.parametrize(("eps", "delta", "sens"), [(0.5, 1e-5, 1.0), (1.0, 1e-5, 1.0),
                                                     (4.0, 1e-6, 3.0)])
def test_analytic_gaussian_sigma_is_tight(eps: float, delta: float, sens: float) -> None:
    sigma = m.analytic_gaussian_sigma(epsilon=eps, delta=delta, sensitivity=sens)
    assert _exact_delta(sigma, eps, sens) <= delta * (1 + 1e-6)
    assert _exact_delta(0.99 * sigma, eps, sens) > delta  # any smaller sigma breaks the guarantee


def test_analytic_beats_classic_calibration() -> None:
    classic = m.classic_gaussian_sigma(epsilon=0.5, delta=1e-5)
    assert classic == pytest.approx(math.sqrt(2 * math.log(1.25e5)) / 0.5)
    assert m.analytic_gaussian_sigma(epsilon=0.5, delta=1e-5) < classic
    with pytest.raises(InvalidEpsilonError):
        m.classic_gaussian_sigma(epsilon=2.0, delta=1e-5)  # the classic bound needs eps < 1


@pytest.mark.parametrize("calibration", ["analytic", "classic"])
def test_gaussian_matches_its_distribution(calibration: str) -> None:
    sigma = (m.analytic_gaussian_sigma if calibration == "analytic"
             else m.classic_gaussian_sigma)(epsilon=0.8, delta=1e-5)
    x = m.gaussian(np.zeros(N), epsilon=0.8, delta=1e-5, calibration=calibration, rng=2)
    assert stats.kstest(x, stats.norm(scale=sigma).cdf).pvalue > 1e-3
    assert stats.kstest(x, stats.norm(scale=1.2 * sigma).cdf).pvalue < 1e-6


def test_exponential_mechanism_matches_its_distribution() -> None:
    scores = np.array([0.0, -0.25, -0.5, -1.0, -2.0])
    eps, sens = 3.0, 0.5
    expected = np.exp(eps * scores / (2 * sens))
    expected /= expected.sum()
    rng = np.random.default_rng(3)
    draws = [m.exponential(scores, epsilon=eps, sensitivity=sens, rng=rng) for _ in range(N)]
    counts = np.bincount(np.asarray(draws), minlength=scores.size)
    assert stats.chisquare(counts, expected * N).pvalue > 1e-3
    # A uniform choice (noise "disabled" the other way) or a mis-scaled epsilon is rejected.
    assert stats.chisquare(counts, np.full(scores.size, N / scores.size)).pvalue < 1e-6
    wrong = np.exp(2 * eps * scores / (2 * sens))
    assert stats.chisquare(counts, wrong / wrong.sum() * N).pvalue < 1e-6


def test_exponential_returns_candidates_and_respects_the_dp_ratio() -> None:
    assert m.exponential([0.0, -1.0], epsilon=1.0, candidates=["a", "b"], rng=0) in {"a", "b"}
    u1 = np.array([0.0, -0.3, -1.0])
    u2 = np.array([-1.0, 0.0, -0.2])  # neighbouring input: every score moved by at most 1
    p1 = m.exponential_probabilities(u1, epsilon=2.0)
    p2 = m.exponential_probabilities(u2, epsilon=2.0)
    assert np.max(np.abs(np.log(p1 / p2))) <= 2.0 + 1e-12


@pytest.mark.parametrize("bad", BAD_EPSILONS)
def test_bad_epsilon_is_refused_everywhere(bad: object) -> None:
    with pytest.raises(InvalidEpsilonError):
        m.laplace(1.0, epsilon=bad)  # type: ignore[arg-type]
    with pytest.raises(InvalidEpsilonError):
        m.gaussian(1.0, epsilon=bad, delta=1e-5)  # type: ignore[arg-type]
    with pytest.raises(InvalidEpsilonError):
        m.exponential([0.0, 1.0], epsilon=bad)  # type: ignore[arg-type]


def test_privacy_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        m.laplace(1.0, 1.0)  # type: ignore[misc]
