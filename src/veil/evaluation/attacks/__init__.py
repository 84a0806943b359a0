"""Attacks on every protection mode, grouped by the mode they attack, and a registry keyed by
(mode, name) that evaluations pick them from.

* :mod:`veil.evaluation.attacks.obfuscation`: attacks on the obfuscated checkpoint and token ids.
* :mod:`veil.evaluation.attacks.dp`: attacks on DP-sanitized text.

Only the registry is imported here; a mode's package (and its heavy dependencies, torch for
obfuscation) loads when its attacks are first asked for.
"""

from veil.evaluation.attacks.registry import (
    MODES,
    AttackContext,
    Mode,
    RegisteredAttack,
    attack_names,
    build_attack,
    build_attacks,
    register_attack,
)

__all__ = ["MODES", "AttackContext", "Mode", "RegisteredAttack", "attack_names", "build_attack",
           "build_attacks", "register_attack"]
