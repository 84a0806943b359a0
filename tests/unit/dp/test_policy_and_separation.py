"""Selective perturbation by policy, and the shadow/evaluation separation of tuned attacks."""

from __future__ import annotations

import numpy as np
import pytest

from veil.dp import CusText
from veil.dp.evaluation import (
    check_separation,
    frontier_check,
    sensitive_prompts,
    shadow_prompts,
)
from veil.dp.policy import SelectiveSanitizer
from veil.errors import DPError


def test_terms_policy_perturbs_only_protected_words(toy_space) -> None:
    san = SelectiveSanitizer(CusText(toy_space, top_k=5), policy="terms", terms=["flu"])
    r = san.sanitize("my flu of paris 42", epsilon=0.01, rng=0)
    assert r.n_words == 5 and r.n_perturbed == 2  # "flu" and the digits
    assert r.epsilon_total == pytest.approx(0.02)
    kept = [o for o, pert in zip(r.outputs, r.perturbed, strict=True) if not pert]
    assert kept == ["my", "of", "paris"]
    with pytest.raises(DPError):
        SelectiveSanitizer(CusText(toy_space), policy="terms")


def test_content_policy_perturbs_nouns_not_function_words(toy_space) -> None:
    san = SelectiveSanitizer(CusText(toy_space, top_k=5), policy="content")
    text = "My doctor said that the flu is common in Paris"
    public = {text[s:e] for s, e in san.public_spans(text)}
    assert {"My", "said", "that", "the", "is", "in"} <= public
    assert not {"doctor", "flu", "Paris"} & public


def test_content_flags_are_the_content_policys_words(toy_space) -> None:
    from veil.dp.policy import content_flags
    from veil.dp.text import word_spans

    text = "My doctor said that the flu is common in Paris since 2019"
    spans = word_spans(text)
    content = {text[s:e] for (s, e), c in zip(spans, content_flags(text, spans), strict=True) if c}
    assert {"doctor", "flu", "Paris", "2019"} <= content
    assert not {"My", "said", "that", "the", "is", "in", "since"} & content
    # the policy perturbs exactly these words: one definition for both
    san = SelectiveSanitizer(CusText(toy_space, top_k=5), policy="content")
    public = set(san.public_spans(text))
    assert {sp for sp in spans if sp not in public} == {
        sp for sp, c in zip(spans, content_flags(text, spans), strict=True) if c}


def test_shadow_prompts_never_touch_the_evaluation_prompts() -> None:
    evaluation = [p for _, p in sensitive_prompts(40, seed=0)]
    shadow = shadow_prompts(20)
    check_separation(shadow, evaluation)  # own templates: accepted
    with pytest.raises(DPError, match="overlap"):
        check_separation([*shadow, evaluation[3]], evaluation)
    with pytest.raises(DPError, match="template"):
        check_separation([p for _, p in sensitive_prompts(3, seed=99)], evaluation)


def test_frontier_check_needs_a_margin_beyond_the_spread() -> None:
    base = [{"mechanism": "rantext", "prompt_cosine": c, "recovery_content": r,
             "recovery_content_spread": 0.02} for c, r in ((0.8, 0.6), (0.95, 0.9))]
    ours = [{"mechanism": "x@content", "epsilon": 1.0, "prompt_cosine": 0.9,
             "recovery_content": 0.5, "recovery_content_spread": 0.03},
            {"mechanism": "x@terms", "epsilon": 1.0, "prompt_cosine": 0.9,
             "recovery_content": 0.78, "recovery_content_spread": 0.03},
            {"mechanism": "y", "epsilon": 1.0, "prompt_cosine": 0.5,
             "recovery_content": 0.0, "recovery_content_spread": 0.0}]
    checks = {c["mechanism"]: c for c in frontier_check(base + ours)}
    assert set(checks) == {"x@content", "x@terms"}  # cosine < 0.85 is not compared
    assert checks["x@content"]["baseline_recovery"] == pytest.approx(0.8)
    assert checks["x@content"]["beats"] and not checks["x@terms"]["beats"]
    assert np.isclose(checks["x@terms"]["margin"], 0.02)
    # the comparison is on content words: another metric has to be asked for by name
    with pytest.raises(KeyError):
        frontier_check(base + ours, metric="recovery_perturbed")

