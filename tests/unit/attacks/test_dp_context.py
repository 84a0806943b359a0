"""The context attack: a real language model re-scores channel candidates, with its weight tuned
on shadow texts only."""

from __future__ import annotations

import numpy as np
import pytest

from veil.dp import CusText
from veil.dp.embeddings import EmbeddingSpace

pytestmark = pytest.mark.slow

WORDS = {"paris": (-10.0, 0.0), "rome": (-10.3, 0.4), "flu": (10.0, 0.0), "cold": (10.5, 0.3),
         "i": (0.0, 10.0), "live": (0.3, 10.2), "in": (0.1, 9.8), "caught": (-0.3, 10.1),
         "a": (0.2, 9.6), "bad": (-0.1, 10.3)}


@pytest.fixture(scope="module")
def scorer(tmp_path_factory):
    pytest.importorskip("transformers")
    from veil.evaluation.attacks.dp.lm import LMScorer

    return LMScorer(cache_dir=tmp_path_factory.mktemp("lm"))


def test_the_language_model_prefers_the_word_that_fits(scorer) -> None:
    text = "I live in the city of paris and I caught a bad flu"
    spans = [(22, 27), (47, 50)]
    cands = [["paris", "flu"], ["flu", "paris"]]
    first = scorer.score([(text, spans, cands)])[0]
    assert first[0][0] > first[0][1]  # "city of paris" over "city of flu"
    assert first[1][0] > first[1][1]  # "a bad flu" over "a bad paris"
    again = scorer.score([(text, spans, cands)])[0]  # served from the cache, same numbers
    assert all(np.allclose(a, b) for a, b in zip(first, again, strict=True))


def test_weight_is_tuned_on_shadow_texts_and_guesses_keep_the_layout(scorer, tmp_path) -> None:
    from veil.evaluation.attacks.dp import ContextAttack

    words = tuple(WORDS)
    space = EmbeddingSpace(name="ctx", words=words,
                           vectors=np.array([WORDS[w] for w in words], dtype=np.float32),
                           cache_dir=tmp_path)
    san = CusText(space, top_k=2)  # {paris, rome}, {flu, cold}, ...: the LM must pick
    attack = ContextAttack(k=2, candidates=2, scorer=scorer)
    shadow = ["I live in paris", "I caught a bad flu", "I live in rome"]
    attack.prepare(san, epsilon=0.5, shadow=shadow, rng=np.random.default_rng(0))
    assert attack.weight in attack.weights and attack.shadow_recovery is not None
    text = "I caught a bad cold in rome"
    result = san.sanitize(text, epsilon=0.5, rng=3)
    guesses = attack.guess(result, space)
    assert len(guesses) == len(result.outputs) and all(1 <= len(g) <= 2 for g in guesses)
    out = attack.run(text, result, space)
    assert out.n_words == 7 and 0 <= out.top1_perturbed <= out.topk_perturbed <= 7
    assert out.topk_perturbed == 7  # every mapping set has two words: top-2 always covers it
