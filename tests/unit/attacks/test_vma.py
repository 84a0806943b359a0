from __future__ import annotations

import pytest

from veil.evaluation.attacks import VocabularyMatchingAttack, score_recovery

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
    single = score_recovery("s", VocabularyMatchingAttack(vote=False).run(view, public), view.observed, tau)
    assert single.token_recovery < 0.8, single
