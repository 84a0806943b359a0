"""Attacks on obfuscated mode (AloePri §7), each given only what the host sees plus the public
plaintext model, and scored against the secret key. See docs/attacks.md.

Importing this package registers every attack below under mode ``"obfuscation"`` (see
:mod:`veil.evaluation.attacks.registry`), in the order the sweep runs them. To add one, copy
``frequency.py`` (the shortest: an :class:`Attack` subclass plus its ``@register_attack``
factory) and add the new module to ``ATTACK_MODULES`` here.
"""

import importlib

from veil.evaluation.attacks.obfuscation.base import (
    Attack,
    AttackOutput,
    HostView,
    PublicKnowledge,
    RecoveryScore,
    plaintext_truth,
    score_recovery,
)

#: Attack modules in the order the sweep runs and reports their attacks; importing one registers
#: them, so this loop (not the sorted imports below) fixes the order.
ATTACK_MODULES = ("vma", "nn", "invariant", "frequency", "isa", "learned")
for _module in ATTACK_MODULES:
    importlib.import_module(f"{__name__}.{_module}")

from veil.evaluation.attacks.obfuscation.frequency import FrequencyMatchingAttack  # noqa: E402
from veil.evaluation.attacks.obfuscation.invariant import InvariantAttack  # noqa: E402
from veil.evaluation.attacks.obfuscation.isa import InternalStateInversion  # noqa: E402
from veil.evaluation.attacks.obfuscation.learned import LearnedInversionAttack  # noqa: E402
from veil.evaluation.attacks.obfuscation.nn import NearestNeighbourAttack  # noqa: E402
from veil.evaluation.attacks.obfuscation.simulate import (  # noqa: E402
    SimulatedDefence,
    simulate_obfuscation,
)
from veil.evaluation.attacks.obfuscation.vma import VocabularyMatchingAttack  # noqa: E402

__all__ = [
    "ATTACK_MODULES",
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
