"""Attacks are picked from the registry by mode and name, in registration order."""

from __future__ import annotations

import pytest

from veil.errors import InputError
from veil.evaluation.attacks import AttackContext, attack_names, build_attack, build_attacks
from veil.evaluation.attacks.dp import NearestNeighbourInversion
from veil.evaluation.attacks.obfuscation import (
    InternalStateInversion,
    LearnedInversionAttack,
    VocabularyMatchingAttack,
)
from veil.evaluation.obfuscation_eval import default_attacks

QUICK = ["vma_single", "vma_vote", "nn", "ia_gate", "ia_rope", "tfma", "isa_hidden"]


def test_the_sweep_runs_the_registered_defaults_in_order() -> None:
    assert [a.name for a in default_attacks(quick=True, cache_dir=None)] == QUICK
    full = default_attacks(quick=False, cache_dir=None)
    assert [a.name for a in full] == [*QUICK, "isa_attention"]
    isa = next(a for a in full if a.name == "isa_hidden")
    assert isinstance(isa, InternalStateInversion) and isa.steps == 80


def test_attacks_outside_the_default_run_are_built_by_name() -> None:
    assert "ima" in attack_names("obfuscation")
    assert "ima" not in attack_names("obfuscation", default_only=True)
    ima = build_attack("obfuscation", "ima", AttackContext(alpha_e=0.3, alpha_h=0.1))
    assert isinstance(ima, LearnedInversionAttack)
    assert (ima.alpha_e, ima.alpha_h) == (0.3, 0.1)


def test_named_selection_keeps_the_given_order() -> None:
    built = build_attacks("obfuscation", AttackContext(), names=["vma_vote", "vma_single"])
    assert [a.name for a in built] == ["vma_vote", "vma_single"]
    assert all(isinstance(a, VocabularyMatchingAttack) for a in built)


def test_dp_attacks_live_in_their_own_mode() -> None:
    assert set(attack_names("dp")) == {"identity", "nn_inversion", "channel_map_uniform",
                                       "channel_map_frequency", "context_lm"}
    attack = build_attack("dp", "nn_inversion", AttackContext(top_k=3))
    assert isinstance(attack, NearestNeighbourInversion) and attack.k == 3
    # The language-model attack sits quick runs out; the channel attacks never do.
    quick = [a.name for a in build_attacks("dp", AttackContext(quick=True))]
    assert "context_lm" not in quick and "channel_map_frequency" in quick


def test_unknown_names_and_modes_say_what_exists() -> None:
    with pytest.raises(InputError, match="registered: .*vma_vote"):
        build_attack("obfuscation", "nope", AttackContext())
    with pytest.raises(InputError, match="obfuscation"):
        attack_names("crypto")
