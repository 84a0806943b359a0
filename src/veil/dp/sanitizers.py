"""Token-level text sanitizers under local differential privacy.

Each sanitizer replaces every word of a text by a word sampled from an embedding space
(:mod:`veil.dp.embeddings`) with a mechanism that spends ``epsilon`` per word:

* :class:`SanText` (Yue et al., ACL 2021): exponential mechanism over the whole vocabulary with
  ``Pr[y|x] ∝ exp(-eps * d(x, y) / 2)`` (Euclidean distance): eps·d_X-privacy per word.
* :class:`SanTextPlus`: sensitive words (the rarest ``sensitive_fraction`` of a frequency table,
  or every non-stop word when no table is given) are always sanitized into the sensitive
  vocabulary; non-sensitive words are sanitized with probability ``p`` and otherwise released
  as they are (public, outside the guarantee).
* :class:`CusText` (Chen et al., ACL 2023): the vocabulary is partitioned into customized mapping
  sets of ``top_k`` mutual neighbours; a word is replaced inside its set with the exponential
  mechanism on a distance normalised to [-1, 0] (eps-DP among the words of one set).
* :class:`CusTextPlus`: CusText that leaves stop words unchanged (public).
* :class:`RanText` (InferDPT, Tong et al.): a *random adjacency list* (every word at least as
  similar to ``x`` as a Laplace-noised copy of ``x``'s embedding) and the exponential mechanism on
  cosine similarity (Δu = 2) inside it.

Words outside the vocabulary are embedded from their sub-words and perturbed like any other word
(fail closed: nothing leaves unperturbed unless it is a declared public word or a kept span).
"""

from __future__ import annotations

import hashlib
import math
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from threading import Lock
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from veil.dp.embeddings import EmbeddingSpace, load_space
from veil.dp.mechanisms import check_epsilon, exponential_probabilities, make_rng
from veil.dp.text import splice, stop_words, word_spans
from veil.errors import DPError, InputError

__all__ = [
    "SANITIZERS",
    "CusText",
    "CusTextPlus",
    "DPResult",
    "RanText",
    "SanText",
    "SanTextPlus",
    "Sanitizer",
    "get_sanitizer",
    "perturb_free_text",
]


@dataclass(frozen=True)
class DPResult:
    """A sanitized text and the privacy it cost.

    ``epsilon_total`` is the basic composition (sum) over the words that went through the
    mechanism: the text is ``epsilon_total``-indistinguishable from any text of the same layout,
    and each word is ``epsilon_per_token``-protected on its own. Text-bearing fields are left out
    of ``repr`` so a logged result never carries prompt text.
    """

    text: str = field(repr=False)
    mechanism: str
    epsilon_per_token: float
    epsilon_total: float
    n_words: int  #: words in the text outside kept spans
    n_perturbed: int  #: words sampled by the mechanism (each spent epsilon_per_token)
    n_public: int  #: non-sensitive words released unchanged (stop words): outside the guarantee
    n_kept: int  #: words inside kept spans (placeholders inserted by the masker)
    #: input spans of the words sampled by the mechanism, and what each became
    spans: tuple[tuple[int, int], ...] = field(repr=False, default=())
    outputs: tuple[str, ...] = field(repr=False, default=())
    #: per span: True if the word went through the mechanism, False if released as public
    perturbed: tuple[bool, ...] = field(repr=False, default=())


class Sanitizer(ABC):
    """A word-level sanitizer over an embedding space. Subclasses implement :meth:`perturb_word`.

    ``epsilon`` is given per call (keyword-only) so one sanitizer serves every privacy level.
    """

    name: ClassVar[str]

    def __init__(self, space: EmbeddingSpace | None = None) -> None:
        self._space = space

    @property
    def space(self) -> EmbeddingSpace:
        if self._space is None:
            self._space = load_space("minilm")
        return self._space

    def is_public(self, word: str) -> bool:
        """True if ``word`` is declared non-sensitive and may be released unchanged."""
        return False

    @abstractmethod
    def perturb_word(self, word: str, *, epsilon: float, rng: np.random.Generator) -> str:
        """Sample the replacement of one (non-public) word."""

    def probabilities(self, word: str, *, epsilon: float) -> tuple[NDArray[np.int64],
                                                                   NDArray[np.float64]]:
        """(candidate indices, probabilities) of the output for ``word``, when closed-form."""
        raise NotImplementedError(f"{self.name} has no closed-form output distribution")

    def sanitize(self, text: str, *, epsilon: float,
                 rng: np.random.Generator | int | None = None) -> DPResult:
        """Sanitize every word of ``text``."""
        return perturb_free_text(text, keep_spans=[], sanitizer=self, epsilon=epsilon, rng=rng)

    def _release(self, word: str, *, epsilon: float, rng: np.random.Generator) -> tuple[str, bool]:
        """(output, went-through-mechanism) for one word."""
        if self.is_public(word):
            return self.space.normalize(word), False
        return self.perturb_word(word, epsilon=epsilon, rng=rng), True


def perturb_free_text(
    text: str,
    *,
    keep_spans: Sequence[tuple[int, int]],
    sanitizer: Sanitizer,
    epsilon: float,
    rng: np.random.Generator | int | None = None,
    public_spans: Sequence[tuple[int, int]] = (),
) -> DPResult:
    """Perturb the words of ``text`` outside ``keep_spans`` (the placeholders a masker inserted).

    Composes entity masking with DP: entities are masked first, and this perturbs the remaining
    free text. Kept spans are copied byte for byte and cost no epsilon. Words lying wholly inside
    ``public_spans`` (a policy's non-sensitive words) are released lower-cased, unperturbed, and
    counted as public: outside the guarantee.
    """
    if not isinstance(text, str):
        raise InputError("text must be a str")
    if not text.strip():
        raise InputError("cannot perturb an empty text; send at least one word")
    eps = check_epsilon(epsilon)
    for s, e in keep_spans:
        if not 0 <= s <= e <= len(text):
            raise InputError("keep_spans must be (start, end) offsets inside the text")
    gen = make_rng(rng)
    merged: list[list[int]] = []
    for s, e in sorted(keep_spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    # Kept spans act as word boundaries: a word cut by a span edge is perturbed outside the span
    # (fail closed) instead of being kept whole.
    free: list[tuple[int, int]] = []
    last = 0
    for s, e in merged:
        free.append((last, s))
        last = e
    free.append((last, len(text)))
    n_kept = sum(len(word_spans(text[s:e])) for s, e in merged)

    spans: list[tuple[int, int]] = []
    outputs: list[str] = []
    flags: list[bool] = []
    n_words = n_public = n_perturbed = 0
    for a, b in free:
        for s, e in ((a + s0, a + e0) for s0, e0 in word_spans(text[a:b])):
            n_words += 1
            if any(ps <= s and e <= pe for ps, pe in public_spans):
                out, perturbed = sanitizer.space.normalize(text[s:e]), False
            else:
                out, perturbed = sanitizer._release(text[s:e], epsilon=eps, rng=gen)
            if perturbed:
                n_perturbed += 1
            else:
                n_public += 1
            spans.append((s, e))
            outputs.append(out)
            flags.append(perturbed)
    return DPResult(
        text=splice(text, spans, outputs),
        mechanism=sanitizer.name,
        epsilon_per_token=eps,
        epsilon_total=eps * n_perturbed,
        n_words=n_words,
        n_perturbed=n_perturbed,
        n_public=n_public,
        n_kept=n_kept,
        spans=tuple(spans),
        outputs=tuple(outputs),
        perturbed=tuple(flags),
    )


def _sample(rng: np.random.Generator, candidates: NDArray[np.int64],
            p: NDArray[np.float64]) -> int:
    return int(candidates[rng.choice(p.size, p=p)])


class SanText(Sanitizer):
    """SANTEXT: ``Pr[y|x] ∝ exp(-eps * ||φ(x) - φ(y)|| / 2)`` over the whole vocabulary."""

    name = "santext"

    def _output_ids(self) -> NDArray[np.int64]:
        return np.arange(self.space.size)

    def probabilities(self, word: str, *, epsilon: float) -> tuple[NDArray[np.int64],
                                                                   NDArray[np.float64]]:
        ids = self._output_ids()
        d = self.space.distances(self.space.embed(word))[ids]
        return ids, exponential_probabilities(-d, epsilon=epsilon, sensitivity=1.0)

    def perturb_word(self, word: str, *, epsilon: float, rng: np.random.Generator) -> str:
        ids, p = self.probabilities(word, epsilon=epsilon)
        return self.space.words[_sample(rng, ids, p)]


class SanTextPlus(SanText):
    """SANTEXT+: sensitive words always sanitized, non-sensitive ones with probability ``p``.

    The paper takes the rarest ``sensitive_fraction`` (w) of the corpus vocabulary as sensitive;
    pass ``word_counts`` to do the same. Without counts every non-stop word is sensitive.
    ``sensitive_words`` are always added. Outputs are drawn from the sensitive vocabulary.
    """

    name = "santext+"

    def __init__(self, space: EmbeddingSpace | None = None, *, p: float = 0.3,
                 sensitive_fraction: float = 0.9, word_counts: Mapping[str, int] | None = None,
                 sensitive_words: Iterable[str] = ()) -> None:
        super().__init__(space)
        if not 0.0 <= p <= 1.0:
            raise DPError("p (probability of sanitizing a non-sensitive word) must be in [0, 1]")
        if not 0.0 < sensitive_fraction <= 1.0:
            raise DPError("sensitive_fraction must be in (0, 1]")
        self.p = p
        self.sensitive_fraction = sensitive_fraction
        self._counts = dict(word_counts) if word_counts else None
        self._extra = {w.lower() for w in sensitive_words}
        self._nonsensitive: frozenset[str] | None = None
        self._out: NDArray[np.int64] | None = None

    def _non_sensitive(self) -> frozenset[str]:
        if self._nonsensitive is None:
            if self._counts:
                ranked = sorted(self._counts, key=lambda w: -self._counts[w])  # type: ignore[index]
                n_public = int(round(len(ranked) * (1.0 - self.sensitive_fraction)))
                public = {self.space.normalize(w) for w in ranked[:n_public]}
            else:
                public = set(stop_words())
            self._nonsensitive = frozenset(public - self._extra)
        return self._nonsensitive

    def is_sensitive(self, word: str) -> bool:
        return self.space.normalize(word) not in self._non_sensitive()

    def _output_ids(self) -> NDArray[np.int64]:
        if self._out is None:
            public = self._non_sensitive()
            out = np.array([i for i, w in enumerate(self.space.words) if w not in public])
            self._out = out if out.size else np.arange(self.space.size)
        return self._out

    def _release(self, word: str, *, epsilon: float, rng: np.random.Generator) -> tuple[str, bool]:
        if not self.is_sensitive(word) and rng.random() >= self.p:
            return self.space.normalize(word), False
        return self.perturb_word(word, epsilon=epsilon, rng=rng), True


class CusText(Sanitizer):
    """CUSTEXT: exponential mechanism inside a customized mapping set of ``top_k`` neighbours.

    The vocabulary is partitioned greedily (in vocabulary order, or by descending frequency when
    ``word_counts`` is given): the first unassigned word and its ``top_k - 1`` nearest unassigned
    words form a set that maps onto itself. A word outside the vocabulary uses the set of its
    nearest vocabulary word. Score: ``u(x, y) = -(d(x,y) - d_min) / (d_max - d_min)`` in [-1, 0],
    so Δu = 1 and ``Pr[y|x] ∝ exp(eps * u / 2)``.
    """

    name = "custext"

    def __init__(self, space: EmbeddingSpace | None = None, *, top_k: int = 20,
                 word_counts: Mapping[str, int] | None = None) -> None:
        super().__init__(space)
        if top_k < 2:
            raise DPError("top_k must be >= 2 (a mapping set of one word would leak it)")
        self.top_k = top_k
        self._counts = dict(word_counts) if word_counts else None
        self._group_of: NDArray[np.int32] | None = None
        self._groups: list[NDArray[np.int64]] = []
        self._lock = Lock()

    def _build_groups(self) -> None:
        from veil.dp.embeddings import NEIGHBOURS

        space = self.space
        n = space.size
        k = min(self.top_k, n)
        if k > NEIGHBOURS:
            raise DPError(f"top_k must be <= {NEIGHBOURS}")
        order: Iterable[int] = range(n)
        tag = "vocab"
        if self._counts:
            counts = self._counts
            order = sorted(range(n), key=lambda i: -counts.get(space.words[i], 0))
            tag = hashlib.sha256(np.asarray(list(order), dtype=np.int64).tobytes()).hexdigest()[:12]
        cache = (space.cache_dir / f"{space.name}-{space.fingerprint()}-custext-k{k}-{tag}.npy"
                 if space.cache_dir is not None else None)
        if cache is not None and cache.exists():
            try:
                group_of = np.load(cache)
                if group_of.shape == (n,) and group_of.min() >= 0:
                    self._group_of = group_of
                    self._groups = [np.flatnonzero(group_of == g)
                                    for g in range(int(group_of.max()) + 1)]
                    return
            except (OSError, ValueError):
                pass
        nbr_ids, _ = space.neighbours()
        group_of = np.full(n, -1, dtype=np.int32)
        groups: list[NDArray[np.int64]] = []
        for seed in order:
            if group_of[seed] >= 0:
                continue
            cand = nbr_ids[seed]
            g = cand[group_of[cand] < 0][:k].astype(np.int64)
            if g.size < k:  # neighbour table exhausted: one exact search over the free words
                d = space.distances(space.vectors[seed])
                d[group_of >= 0] = np.inf
                m = min(k, int(np.count_nonzero(group_of < 0)))
                g = np.argpartition(d, m - 1)[:m].astype(np.int64)
            group_of[g] = len(groups)
            groups.append(g)
        # A short last set (fewer than 2 words) would release its word: merge it into the previous.
        if len(groups) > 1 and groups[-1].size < 2:
            last = groups.pop()
            groups[-1] = np.concatenate([groups[-1], last])
            group_of[last] = len(groups) - 1
        self._group_of, self._groups = group_of, groups
        if cache is not None:
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                np.save(cache, group_of)
            except OSError:
                pass  # a cache only; rebuilt next time

    def mapping_set(self, word: str) -> NDArray[np.int64]:
        """Vocabulary indices of the customized mapping set that ``word`` is replaced within."""
        with self._lock:
            if self._group_of is None:
                self._build_groups()
        assert self._group_of is not None  # nosec B101 # an internal invariant, not a security check
        i = self.space.index(word)
        if i is None:
            i = int(self.space.nearest(self.space.embed(word), 1)[0])
        return self._groups[int(self._group_of[i])]

    def probabilities(self, word: str, *, epsilon: float) -> tuple[NDArray[np.int64],
                                                                   NDArray[np.float64]]:
        ids = self.mapping_set(word)
        vec = self.space.embed(word)
        d = np.linalg.norm(self.space.vectors[ids] - vec, axis=1).astype(np.float64)
        span = float(d.max() - d.min())
        u = -(d - d.min()) / (span if span > 0 else 1.0)
        return ids, exponential_probabilities(u, epsilon=epsilon, sensitivity=1.0)

    def perturb_word(self, word: str, *, epsilon: float, rng: np.random.Generator) -> str:
        ids, p = self.probabilities(word, epsilon=epsilon)
        return self.space.words[_sample(rng, ids, p)]


class CusTextPlus(CusText):
    """CUSTEXT+: CUSTEXT that releases stop words unchanged (the paper's non-sensitive words)."""

    name = "custext+"

    def __init__(self, space: EmbeddingSpace | None = None, *, top_k: int = 20,
                 word_counts: Mapping[str, int] | None = None,
                 public_words: Iterable[str] | None = None) -> None:
        super().__init__(space, top_k=top_k, word_counts=word_counts)
        self._public = frozenset(w.lower() for w in public_words) if public_words is not None \
            else None

    def is_public(self, word: str) -> bool:
        public = self._public if self._public is not None else stop_words()
        return word.lower() in public


class RanText(Sanitizer):
    """RANTEXT (InferDPT): exponential mechanism over a random adjacency list.

    For a word x: draw a noisy embedding ``φ(x) + Lap(b)`` with per-dimension scale
    ``b_j = radius_scale * Δ_j / eps`` (Δ_j: the range of dimension j over the vocabulary, the
    paper's sensitivity); the adjacency list is every word whose cosine similarity to ``φ(x)`` is at
    least that of the noisy copy (x itself is always in it); then sample inside it with
    ``Pr[y|x] ∝ exp(eps * cos(x, y) / (2 * Δu))``, Δu = 2 (the range of cosine similarity).

    ``radius_scale`` only sets the size of the adjacency list (utility), not the guarantee.
    InferDPT fits a factor to its embedding (ada-002); the default 1.0 is the plain ``Δ_j / eps``
    Laplace scale, which on MiniLM gives median lists of ~2,200 words at eps=1, ~270 at 2, ~10 at
    4 and ~2 at 8.
    """

    name = "rantext"

    def __init__(self, space: EmbeddingSpace | None = None, *, radius_scale: float = 1.0) -> None:
        super().__init__(space)
        if not (math.isfinite(radius_scale) and radius_scale > 0):
            raise DPError("radius_scale must be finite and > 0")
        self.radius_scale = radius_scale
        self._range: NDArray[np.float32] | None = None

    def _dim_range(self) -> NDArray[np.float32]:
        if self._range is None:
            v = self.space.vectors
            self._range = (v.max(axis=0) - v.min(axis=0)).astype(np.float32)
        return self._range

    def adjacency(self, word: str, *, epsilon: float,
                  rng: np.random.Generator) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """(candidate indices, their cosine similarity to ``word``) of one random adjacency list."""
        vec = self.space.embed(word).astype(np.float64)
        b = self.radius_scale * self._dim_range() / epsilon
        noisy = vec + rng.laplace(0.0, 1.0, size=vec.shape) * b
        norms = float(np.linalg.norm(vec) * np.linalg.norm(noisy))
        cos_noisy = float(vec @ noisy) / max(norms, 1e-12)
        sims = self.space.cosine(vec.astype(np.float32)).astype(np.float64)
        ids = np.flatnonzero(sims >= min(cos_noisy, float(sims.max())))
        return ids, sims[ids]

    def perturb_word(self, word: str, *, epsilon: float, rng: np.random.Generator) -> str:
        ids, sims = self.adjacency(word, epsilon=epsilon, rng=rng)
        p = exponential_probabilities(sims, epsilon=epsilon, sensitivity=2.0)
        return self.space.words[_sample(rng, ids, p)]


SANITIZERS: dict[str, type[Sanitizer]] = {
    c.name: c for c in (SanText, SanTextPlus, CusText, CusTextPlus, RanText)
}


def get_sanitizer(name: str, space: EmbeddingSpace | None = None, **options: object) -> Sanitizer:
    """A sanitizer by name: ``santext``, ``santext+``, ``custext``, ``custext+`` or ``rantext``."""
    try:
        cls = SANITIZERS[name.lower()]
    except KeyError:
        raise DPError(
            f"unknown DP mechanism {name!r}; choose one of {sorted(SANITIZERS)}") from None
    return cls(space, **options)
