from __future__ import annotations

import pytest

from veil.evaluation.attacks.obfuscation import VocabularyMatchingAttack, score_recovery

from .conftest import DEFENCES, make_view


@pytest.mark.parametrize("vote", [False, True])
@pytest.mark.parametrize("defence", ["unprotected", "permutation", "keyed"])
def test_vma_recovers_everything_without_noise(tiny_model, observed_plain, public, defence, vote):
    view, tau = make_view(tiny_model, observed_plain, DEFENCES[defence])
    out = VocabularyMatchingAttack(vote=vote).run(view, public)
    s = score_recovery("vma", out, view.observed, tau)
    assert s.token_recovery >= 0.97, s


def test_vma_degrades_under_noise(tiny_model, observed_plain, public):
    view, tau = make_view(tiny_model, observed_plain, DEFENCES["noisy"])
    out = VocabularyMatchingAttack(vote=False).run(view, public)
    single = score_recovery("s", out, view.observed, tau)
    assert single.token_recovery < 0.8, single


def test_learned_inversion_recovers_unprotected_and_learns_to_denoise(tiny_model, observed_plain,
                                                                     public):
    from veil.evaluation.attacks.obfuscation import LearnedInversionAttack, SimulatedDefence

    from .conftest import make_view as mv

    view, tau = mv(tiny_model, observed_plain, DEFENCES["permutation"])
    clean = LearnedInversionAttack(alpha_e=0.0, alpha_h=0.0, train_rows=256).run(view, public)
    assert score_recovery("ima", clean, view.observed, tau).token_recovery >= 0.97
    view, tau = mv(tiny_model, observed_plain, SimulatedDefence(alpha_e=0.5, alpha_h=0.5, seed=9))
    ima = LearnedInversionAttack(alpha_e=0.5, alpha_h=0.5, train_rows=256).run(view, public)
    single = VocabularyMatchingAttack(vote=False).run(view, public)
    s_ima = score_recovery("ima", ima, view.observed, tau).token_recovery
    s_single = score_recovery("s", single, view.observed, tau).token_recovery
    assert s_single < s_ima < 1.0, (s_single, s_ima)
