"""Every attack must recover (nearly) everything where nothing protects the tokens, so that a
broken attack cannot pass as a strong defence; and it must get less under noise."""

from __future__ import annotations

import pytest

from veil.evaluation.attacks.obfuscation import (
    FrequencyMatchingAttack,
    HostView,
    InternalStateInversion,
    InvariantAttack,
    NearestNeighbourAttack,
    score_recovery,
)

from .conftest import DEFENCES, make_view


def _score(attack, view, tau):
    out = attack.run(HostView(model=view.model, observed=view.observed), PUBLIC[0])
    return score_recovery(attack.name, out, view.observed, tau)


PUBLIC: list = []


@pytest.fixture(autouse=True)
def _public(public):
    PUBLIC[:] = [public]


@pytest.mark.parametrize("defence", ["unprotected", "permutation"])
def test_nn_recovers_unkeyed_models(tiny_model, observed_plain, defence):
    view, tau = make_view(tiny_model, observed_plain, DEFENCES[defence])
    assert _score(NearestNeighbourAttack(), view, tau).token_recovery >= 0.97


def test_nn_fails_against_key_matrices_and_degrades_under_noise(tiny_model, observed_plain):
    view, tau = make_view(tiny_model, observed_plain, DEFENCES["keyed"])
    assert _score(NearestNeighbourAttack(), view, tau).token_recovery < 0.2
    view, tau = make_view(tiny_model, observed_plain, DEFENCES["very_noisy"])
    assert _score(NearestNeighbourAttack(), view, tau).token_recovery < 0.8


@pytest.mark.parametrize("invariant", ["gate", "rope"])
@pytest.mark.parametrize("defence", ["unprotected", "permutation", "keyed"])
def test_invariant_attacks_see_through_exact_transforms(tiny_model, observed_plain, invariant,
                                                        defence):
    view, tau = make_view(tiny_model, observed_plain, DEFENCES[defence])
    assert _score(InvariantAttack(invariant), view, tau).token_recovery >= 0.9


@pytest.mark.parametrize("invariant", ["gate", "rope"])
def test_invariant_attacks_degrade_under_noise(tiny_model, observed_plain, invariant):
    view, tau = make_view(tiny_model, observed_plain, DEFENCES["noisy"])
    assert _score(InvariantAttack(invariant), view, tau).token_recovery < 0.8


def test_frequency_matching_recovers_frequent_tokens(tiny_model, observed_plain):
    view, tau = make_view(tiny_model, observed_plain, DEFENCES["permutation"])
    s = _score(FrequencyMatchingAttack(), view, tau)
    # Zipf text: the most frequent ranks are stable, the tail is a coin toss.
    assert s.token_recovery >= 0.2, s
    assert s.distinct_recovery < s.token_recovery


def test_frequency_matching_needs_a_corpus(tiny_model, observed_plain):
    from veil.evaluation.attacks.obfuscation import PublicKnowledge

    view, tau = make_view(tiny_model, observed_plain, DEFENCES["permutation"])
    out = FrequencyMatchingAttack().run(view, PublicKnowledge(model=tiny_model))
    assert not out.applicable


def _isa_view(tiny_model, observed_plain, defence):
    view, tau = make_view(tiny_model, observed_plain[:3], DEFENCES[defence])
    return HostView(model=view.model, observed=[o[:12] for o in view.observed]), tau


def test_isa_inverts_hidden_states_of_an_unprotected_model(tiny_model, observed_plain):
    view, tau = _isa_view(tiny_model, observed_plain, "permutation")
    s = _score(InternalStateInversion("hidden", layer=1, steps=100), view, tau)
    assert s.token_recovery >= 0.9, s


def test_isa_hidden_is_defeated_by_a_key(tiny_model, observed_plain):
    view, tau = _isa_view(tiny_model, observed_plain, "keyed")
    s = _score(InternalStateInversion("hidden", layer=1, steps=100), view, tau)
    assert s.token_recovery < 0.3, s
