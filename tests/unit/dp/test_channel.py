"""The mechanisms as channels: likelihoods match sampling, posteriors are distributions, and the
Bayes attacker beats the identity guess where it must."""

from __future__ import annotations

import numpy as np
import pytest

from veil.dp import CusText, RanText, SanText, SanTextPlus
from veil.dp.channel import channel_for, log_prior
from veil.errors import DPError
from veil.evaluation.attacks.dp import ChannelMAP, IdentityAttack


def _empirical(san, word: str, eps: float, n: int, seed: int) -> dict[str, float]:
    rng = np.random.default_rng(seed)
    out: dict[str, float] = {}
    for _ in range(n):
        y = san.perturb_word(word, epsilon=eps, rng=rng)
        out[y] = out.get(y, 0.0) + 1.0 / n
    return out


@pytest.mark.parametrize("make", [lambda s: SanText(s), lambda s: CusText(s, top_k=5),
                                  lambda s: RanText(s)])
def test_likelihoods_match_the_sampled_mechanism(toy_space, make) -> None:
    san, eps, x = make(toy_space), 1.5, "flu"
    freq = _empirical(san, x, eps, 3000, seed=1)
    ch = channel_for(san, epsilon=eps, samples=400, seed=2)
    xi = toy_space.index(x)
    for y, f in freq.items():
        if f < 0.05:
            continue
        ids, ll = ch.log_likelihood(toy_space.index(y))
        p = float(np.exp(ll[np.flatnonzero(ids == xi)[0]]))
        # 3000 draws: sampling error ~0.01; the RANTEXT estimate adds Monte Carlo error
        assert abs(p - f) < 0.05, (y, p, f)


@pytest.mark.parametrize("prior", ["uniform", "frequency"])
def test_posteriors_are_distributions(toy_space, prior) -> None:
    for san in (SanText(toy_space), SanTextPlus(toy_space, p=0.3), CusText(toy_space, top_k=5),
                RanText(toy_space)):
        ch = channel_for(san, epsilon=2.0)
        for y in ("flu", "pay", "the", "rome"):
            post = ch.posterior(y, prior)
            assert post is not None
            assert post.probs.sum() == pytest.approx(1.0, abs=1e-9)
            assert np.all(post.probs >= 0) and np.all(np.diff(post.probs) <= 1e-12)
    assert np.exp(log_prior(toy_space, "frequency")).sum() == pytest.approx(1.0)
    # an out-of-vocabulary release can only have been released as it is
    assert channel_for(CusText(toy_space, top_k=5), epsilon=1.0).posterior("zzz") is None
    with pytest.raises(DPError):
        log_prior(toy_space, "zipf")  # type: ignore[arg-type]


def test_channel_map_beats_identity_under_heavy_noise_and_a_skewed_prior(toy_space) -> None:
    # Originals drawn from the (skewed) word-frequency prior, a high-noise mechanism: the identity
    # guess is right about as often as the mechanism keeps a word; the Bayes attacker guesses the
    # likeliest original of the mapping set and must do much better.
    words = [w for w in toy_space.words if w not in {"the", "a", "of", "my", "is"}]
    lp = log_prior(toy_space, "frequency")
    p = np.exp(np.array([lp[toy_space.index(w)] for w in words]))
    rng = np.random.default_rng(0)
    text = " ".join(rng.choice(words, size=400, p=p / p.sum()))
    san = CusText(toy_space, top_k=5)
    result = san.sanitize(text, epsilon=0.5, rng=1)
    scores = {}
    for attack in (IdentityAttack(), ChannelMAP(prior="uniform", k=1),
                   ChannelMAP(prior="frequency", k=1)):
        attack.prepare(san, epsilon=0.5, shadow=[], rng=np.random.default_rng(2))
        out = attack.run(text, result, toy_space)
        scores[attack.name] = out.top1_perturbed / out.n_perturbed
    assert scores["channel_map_frequency"] > scores["identity"] + 0.15, scores
    assert scores["identity"] < 0.4  # the noise really is heavy
    # without the prior, the exponential mechanism's own peak is the identity
    assert scores["channel_map_uniform"] == pytest.approx(scores["identity"], abs=0.02)
