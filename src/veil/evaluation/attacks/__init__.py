"""Attacks on obfuscated mode (AloePri §7), each given only what the host sees plus the public
plaintext model, and scored against the secret key. See docs/attacks.md."""

from veil.evaluation.attacks.base import (
    Attack,
    AttackOutput,
    HostView,
    PublicKnowledge,
    RecoveryScore,
    plaintext_truth,
    score_recovery,
)
from veil.evaluation.attacks.frequency import FrequencyMatchingAttack
from veil.evaluation.attacks.invariant import InvariantAttack
from veil.evaluation.attacks.isa import InternalStateInversion
from veil.evaluation.attacks.learned import LearnedInversionAttack
from veil.evaluation.attacks.nn import NearestNeighbourAttack
from veil.evaluation.attacks.simulate import SimulatedDefence, simulate_obfuscation
from veil.evaluation.attacks.vma import VocabularyMatchingAttack

__all__ = [
    "Attack",
    "AttackOutput",
    "FrequencyMatchingAttack",
    "HostView",
    "InternalStateInversion",
    "InvariantAttack",
    "LearnedInversionAttack",
    "NearestNeighbourAttack",
    "PublicKnowledge",
    "RecoveryScore",
    "SimulatedDefence",
    "VocabularyMatchingAttack",
    "plaintext_truth",
    "score_recovery",
    "simulate_obfuscation",
]
