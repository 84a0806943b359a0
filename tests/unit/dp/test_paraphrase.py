"""DP paraphrasing (DP-Prompt): its epsilon accounting, the clipped sampler's DP bound, and the
position-free attack that scores paraphrases."""

from __future__ import annotations

import math

import pytest

from veil.dp.evaluation import bag_recovery, merge_reports, strongest
from veil.dp.paraphrase import (
    DPParaphraser,
    _Clip,
    dp_prompt_epsilon,
    dp_prompt_temperature,
)
from veil.errors import DPError


def test_epsilon_is_twice_tokens_times_clip_range_over_temperature() -> None:
    assert dp_prompt_epsilon(temperature=2.0, clip=(5.0, 25.0), tokens=10) == 200.0
    t = dp_prompt_temperature(epsilon_per_token=40.0, clip=(5.0, 25.0))
    assert t == 1.0 and dp_prompt_epsilon(temperature=t, clip=(5.0, 25.0)) == 40.0
    for bad in ((1.0, 1.0), (2.0, 1.0), (0.0, math.inf)):
        with pytest.raises(DPError):
            dp_prompt_epsilon(temperature=1.0, clip=bad)
    with pytest.raises(DPError):
        dp_prompt_epsilon(temperature=0.0)
    with pytest.raises(DPError):
        DPParaphraser(max_new_tokens=0)
    with pytest.raises(ValueError):
        dp_prompt_temperature(epsilon_per_token=-1.0)


def test_the_clipped_sampler_meets_its_epsilon_on_any_two_inputs() -> None:
    """Any two logit vectors (two different prompts) give token probabilities within a factor
    exp(eps); without the clip the same pair breaks the bound (so the check can fail)."""
    torch = pytest.importorskip("torch")
    gen = torch.Generator().manual_seed(0)
    clip, eps = (5.0, 25.0), 40.0
    proc = _Clip(clip, dp_prompt_temperature(epsilon_per_token=eps, clip=clip))
    a = torch.randn(64, 500, generator=gen) * 15 + 5
    b = torch.randn(64, 500, generator=gen) * 15 + 5
    lp_a = torch.log_softmax(proc(None, a), dim=-1)
    lp_b = torch.log_softmax(proc(None, b), dim=-1)
    worst = float((lp_a - lp_b).abs().max())
    assert 0.5 * eps < worst <= eps + 1e-4
    raw = torch.log_softmax(a / proc.temperature, -1) - torch.log_softmax(b / proc.temperature,
                                                                         -1)
    assert float(raw.abs().max()) > eps


def test_bag_of_words_attack_counts_words_wherever_they_reappear() -> None:
    original = "I take lithium for bipolar disorder"
    flags = [False, False, True, False, True, True]
    assert bag_recovery(original, "Lithium treats my disorder.", flags) == (6, 2, 3, 2)
    assert bag_recovery(original, "", flags) == (6, 0, 3, 0)


def test_merging_keeps_the_answer_cosine_of_the_later_run() -> None:
    att = {"channel_map_frequency": {"top1": 0.5, "top1_perturbed": 0.5, "top1_content": 0.5}}
    row = {"mechanism": "rantext", "epsilon": 8.0, "seed": 0, "prompt_cosine": 0.87,
           "perturbed_share": 1.0, "epsilon_per_prompt": 200.0, "words_changed": 0.4,
           "attacks": att, **strongest(att)}
    cfg = {"n": 20, "prompt_seed": 0, "space": "minilm"}
    merged = merge_reports({"config": cfg, "results": [row]},
                           {"config": cfg, "results": [{**row, "answer_cosine": 0.41}],
                            "utility_floor": {"answer_cosine_floor": 0.5}})
    assert merged["results"][0]["answer_cosine"] == 0.41
    assert merged["summary"][0]["answer_cosine"] == 0.41
    assert merged["utility_floor"] == {"answer_cosine_floor": 0.5}


@pytest.mark.slow
def test_paraphrases_are_reproducible_with_a_seed_and_charged_for_the_longest_output() -> None:
    pytest.importorskip("transformers")
    para = DPParaphraser(max_new_tokens=3)
    texts = ["I was diagnosed with diabetes.", "My bank account is overdrawn."]
    one = para.paraphrase_many(texts, epsilon=60.0, seed=1)
    two = para.paraphrase_many(texts, epsilon=60.0, seed=1)
    assert [r.text for r in one] == [r.text for r in two]
    assert all(r.epsilon_total == 180.0 and 0 < r.n_tokens <= 3 for r in one)
    assert "diabetes" not in repr(one[0])
