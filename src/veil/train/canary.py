"""Canary audit of memorisation (Carlini et al., "The Secret Sharer", USENIX Security 2019).

A *canary* is a random, made-up name planted in one client's training sentences (in place of a
real person's name, a few times). After training, the model scores the canary and many
*reference* names drawn from the same random space but never trained on, each put into the same
sentences. If the model memorised the canary, it is more confident about it than about the
references. Rank-based exposure:

    exposure = log2(|R| + 1) - log2(rank of the canary among R and itself)

0 bit (canary ranked last) to log2(|R| + 1) bits (ranked first). A model that learned nothing
specific to the canary ranks it uniformly: its exposure is then -log2 of a uniform variable,
1/ln 2 = 1.44 bits on average with a standard deviation of as much again. One canary therefore
says little; many canaries planted once each (:func:`summarize`) give a mean with a standard
error and a p-value against that chance level.

DP-SGD at epsilon bounds what one sentence can change; a canary repeated k times is protected
only at the group level, k * epsilon (:func:`group_epsilon`). So a DP model's exposure should
stay at chance for canaries planted once, while a non-private model's may rise above it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from veil.train.data import Span, TaggedSentence

#: fresh random names each canary is ranked against (exposure at most log2(256) = 8 bits)
N_REFERENCES = 255

_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "kr",
           "tr", "qu", "th", "gl")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "ae", "io", "ou")
_CODAS = ("", "", "n", "r", "s", "x", "l", "th")


def random_name(rng: random.Random) -> str:
    """A pronounceable two-word name from a space of ~10^10 (no real name list involved)."""

    def word() -> str:
        parts = [rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3))]
        return ("".join(parts) + rng.choice(_CODAS)).capitalize()

    return f"{word()} {word()}"


@dataclass(frozen=True)
class Canary:
    """One planted name and the sentences (already carrying it) used to probe the model."""

    name: str
    probes: tuple[TaggedSentence, ...]


def _swap_person(s: TaggedSentence, name: str) -> TaggedSentence | None:
    """``s`` with its first PERSON span replaced by ``name`` (spans after it shifted)."""
    hit = next((sp for sp in s.spans if sp.label == "PERSON"), None)
    if hit is None:
        return None
    shift = len(name) - (hit.end - hit.start)
    text = s.text[: hit.start] + name + s.text[hit.end :]
    spans = []
    for sp in s.spans:
        if sp is hit:
            spans.append(Span(hit.start, hit.start + len(name), "PERSON"))
        elif sp.start >= hit.end:
            spans.append(Span(sp.start + shift, sp.end + shift, sp.label))
        else:
            spans.append(sp)
    return replace(s, text=text, spans=tuple(spans))


def plant(
    sentences: Sequence[TaggedSentence], *, n_canaries: int, repeats: int, seed: int
) -> tuple[list[TaggedSentence], list[Canary]]:
    """Copy of ``sentences`` where ``n_canaries`` random names each replace the person name of
    ``repeats`` sentences. Returns (planted data, canaries)."""
    rng = random.Random(seed)
    out = list(sentences)
    slots = [i for i, s in enumerate(out) if any(sp.label == "PERSON" for sp in s.spans)]
    if len(slots) < n_canaries * repeats:
        raise ValueError(f"need {n_canaries * repeats} sentences with a person name to plant "
                         f"the canaries, the data has {len(slots)}")
    rng.shuffle(slots)
    canaries: list[Canary] = []
    for c in range(n_canaries):
        name = random_name(rng)
        probes = []
        for i in slots[c * repeats : (c + 1) * repeats]:
            planted = _swap_person(out[i], name)
            assert planted is not None  # slots hold sentences with a PERSON span
            out[i] = planted
            probes.append(planted)
        canaries.append(Canary(name, tuple(probes)))
    return out, canaries


def exposure_from_rank(rank: int, n_references: int) -> float:
    """Rank-based exposure in bits (rank 1 = the canary scored best of all)."""
    if not 1 <= rank <= n_references + 1:
        raise ValueError("rank must lie in [1, n_references + 1]")
    return math.log2(n_references + 1) - math.log2(rank)


def exposure(
    canary: Canary,
    loss_fn: Callable[[list[TaggedSentence]], Sequence[float]],
    *,
    n_references: int,
    seed: int,
    max_probes: int = 2,
) -> float:
    """Exposure of ``canary`` under ``loss_fn`` (per-sentence loss; lower = more confident).

    Every candidate name (the canary and ``n_references`` fresh random names) is scored by its
    mean loss over the same probe sentences; ties count against the canary.
    """
    rng = random.Random(seed)
    refs: list[str] = []
    while len(refs) < n_references:
        name = random_name(rng)
        if name != canary.name:
            refs.append(name)
    probes = canary.probes[:max_probes]
    batch: list[TaggedSentence] = []
    for name in [canary.name, *refs]:
        for p in probes:
            swapped = _swap_person(p, name)
            assert swapped is not None
            batch.append(swapped)
    losses = list(loss_fn(batch))
    k = len(probes)
    scores = [sum(losses[i * k : (i + 1) * k]) / k for i in range(n_references + 1)]
    rank = 1 + sum(1 for s in scores[1:] if s <= scores[0])
    return exposure_from_rank(rank, n_references)


def chance_exposure(n_references: int = N_REFERENCES) -> float:
    """Mean exposure of a canary the model knows nothing about (its rank uniform)."""
    n = n_references + 1
    return math.log2(n) - sum(math.log2(k) for k in range(1, n + 1)) / n


def group_epsilon(epsilon: float, repeats: int) -> float:
    """The epsilon that covers a canary planted in ``repeats`` sentences when each sentence is
    protected at ``epsilon`` (group privacy)."""
    return epsilon * repeats


@dataclass(frozen=True)
class ExposureSummary:
    """Many canaries' exposures against the chance level."""

    n: int
    mean: float
    stderr: float
    chance: float
    #: one-sided: the chance of a mean at least this high if the model knew no canary
    p_above_chance: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _null_means(n: int, n_references: int, draws: int, seed: int) -> list[float]:
    """``draws`` mean exposures of ``n`` canaries ranked uniformly (a model that learned none)."""
    rng = random.Random(seed)
    top = math.log2(n_references + 1)
    return [sum(top - math.log2(rng.randint(1, n_references + 1)) for _ in range(n)) / n
            for _ in range(draws)]


def summarize(exposures: Sequence[float], n_references: int = N_REFERENCES, *,
              draws: int = 20_000, seed: int = 0) -> ExposureSummary:
    """Mean exposure, its standard error and a Monte Carlo p-value against chance: the mean of
    ``len(exposures)`` canaries ranked uniformly, drawn ``draws`` times."""
    n = len(exposures)
    if n == 0:
        raise ValueError("no exposures to summarize: plant canaries (--canaries > 0)")
    mean = sum(exposures) / n
    var = sum((x - mean) ** 2 for x in exposures) / (n - 1) if n > 1 else 0.0
    at_least = sum(null >= mean - 1e-12 for null in _null_means(n, n_references, draws, seed))
    return ExposureSummary(n=n, mean=mean, stderr=math.sqrt(var / n),
                           chance=chance_exposure(n_references),
                           p_above_chance=(at_least + 1) / (draws + 1))


def detectable_mean(n: int, n_references: int = N_REFERENCES, *, alpha: float = 0.05,
                    draws: int = 20_000, seed: int = 0) -> float:
    """The mean exposure ``n`` canaries must reach for p < ``alpha`` against chance: what an
    audit of that size can tell at all. A few canaries need several bits (4: about 2.7), so a
    model that memorised a little reads as chance; 32 tell 0.4 bits above chance (1.85)."""
    if n < 1 or not 0.0 < alpha < 1.0:
        raise ValueError("need n >= 1 canaries and 0 < alpha < 1")
    means = sorted(_null_means(n, n_references, draws, seed))
    return means[min(len(means) - 1, math.ceil((1.0 - alpha) * len(means)))]
