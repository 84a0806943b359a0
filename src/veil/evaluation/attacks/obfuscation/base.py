"""What an attacker on the obfuscated-mode host sees, and how an attack is scored.

Threat model (AloePri §7): the host is honest-but-curious. It holds the obfuscated checkpoint, the
obfuscated token ids of every request, and every hidden state and attention map the model computes.
It also knows the public plaintext model (the obfuscated one is derived from it). The secret
permutation ``tau`` is NEVER part of :class:`HostView`; it is only given to :func:`score_recovery`
to grade an attack's guesses.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedModel, PreTrainedTokenizerBase


@dataclass
class HostView:
    """Everything the host can observe: the obfuscated model (weights, and the forward passes it
    runs, hence hidden states and attention maps) and the obfuscated id sequences it served."""

    model: PreTrainedModel
    observed: list[torch.Tensor]  # 1-D int64 tensors of obfuscated ids, one per request


@dataclass
class PublicKnowledge:
    """What any attacker has: the public plaintext model, its tokenizer, and optionally a public
    corpus (plaintext id sequences) for frequency statistics or training."""

    model: PreTrainedModel
    tokenizer: PreTrainedTokenizerBase | None = None
    corpus: list[torch.Tensor] = field(default_factory=list)


@dataclass
class AttackOutput:
    """An attack's guesses. Either a vocabulary mapping (``mapping[o]`` = guessed plaintext id of
    obfuscated id ``o``, -1 for no guess) or per-position guesses aligned with ``HostView.observed``
    (ISA guesses positions, not vocabulary entries)."""

    mapping: np.ndarray | None = None
    per_position: list[np.ndarray] | None = None
    applicable: bool = True
    note: str = ""
    info: dict[str, Any] = field(default_factory=dict)

    def guesses_for(self, observed: Sequence[torch.Tensor]) -> list[np.ndarray]:
        if self.per_position is not None:
            return [np.asarray(p, dtype=np.int64) for p in self.per_position]
        if self.mapping is None:
            return [np.full(len(o), -1, dtype=np.int64) for o in observed]
        return [self.mapping[np.asarray(o, dtype=np.int64)] for o in observed]


@dataclass
class RecoveryScore:
    """Token recovery on the observed text. Rates are fractions in [0, 1]; no token values."""

    attack: str
    token_recovery: float  # over token occurrences (the paper's TTRSR)
    distinct_recovery: float  # over distinct plaintext tokens that occurred
    pii_recovery: float | None  # over occurrences flagged as PII (None: no PII in the text)
    n_tokens: int
    n_pii: int
    applicable: bool = True
    note: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class Attack(ABC):
    """An attack on obfuscated mode. Subclasses read only ``view`` and ``public``."""

    name: str = "attack"

    @abstractmethod
    def run(self, view: HostView, public: PublicKnowledge) -> AttackOutput:
        """Guess plaintext tokens from what the host sees."""


def plaintext_truth(observed: Sequence[torch.Tensor], tau: torch.Tensor) -> list[np.ndarray]:
    """Plaintext ids of the observed obfuscated sequences (uses the secret key: scoring only)."""
    t = np.asarray(tau, dtype=np.int64)
    inv = np.empty_like(t)
    inv[t] = np.arange(len(t), dtype=np.int64)
    return [inv[np.asarray(o, dtype=np.int64)] for o in observed]


def score_recovery(
    name: str,
    output: AttackOutput,
    observed: Sequence[torch.Tensor],
    tau: torch.Tensor,
    *,
    pii_masks: Sequence[np.ndarray] | None = None,
    seconds: float = 0.0,
) -> RecoveryScore:
    """Grade ``output`` against the truth. ``pii_masks[i][j]`` flags position j of request i."""
    truth = plaintext_truth(observed, tau)
    guesses = output.guesses_for(observed)
    hits = np.concatenate([g == t for g, t in zip(guesses, truth, strict=True)])
    flat_truth = np.concatenate(truth)
    distinct = np.unique(flat_truth)
    hit_tokens = np.unique(flat_truth[hits])
    n_pii, pii_rate = 0, None
    if pii_masks is not None:
        pm = np.concatenate([np.asarray(m, dtype=bool) for m in pii_masks])
        n_pii = int(pm.sum())
        pii_rate = float(hits[pm].mean()) if n_pii else None
    return RecoveryScore(
        attack=name,
        token_recovery=float(hits.mean()) if hits.size else 0.0,
        distinct_recovery=float(len(hit_tokens) / max(len(distinct), 1)),
        pii_recovery=pii_rate,
        n_tokens=int(hits.size),
        n_pii=n_pii,
        applicable=output.applicable,
        note=output.note,
        seconds=seconds,
    )


def target_ids(view: HostView) -> np.ndarray:
    """Distinct obfuscated ids the host has seen (the rows an attack has to explain)."""
    return np.unique(np.concatenate([np.asarray(o, dtype=np.int64) for o in view.observed]))
