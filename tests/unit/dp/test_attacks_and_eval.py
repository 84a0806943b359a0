"""The inversion attack, the report writer, the CLI wiring, extraction, and the privacy rule."""

from __future__ import annotations

import json
import logging

import pytest
from typer.testing import CliRunner

from veil.dp import CusTextPlus, SanText
from veil.dp.evaluation import sensitive_prompts, write_reports
from veil.errors import InputError
from veil.evaluation.attacks.dp.nearest_neighbour import nearest_neighbour_inversion


def test_inversion_counts_recovered_words(toy_space) -> None:
    text = "the flu of paris"
    weak = SanText(toy_space).sanitize(text, epsilon=1e4, rng=0)  # identity
    out = nearest_neighbour_inversion(text, weak, toy_space, k=3)
    assert (out.n_words, out.top1, out.n_perturbed, out.top1_perturbed) == (4, 4, 4, 4)
    strong = SanText(toy_space).sanitize(" ".join(["flu salary paris"] * 30), epsilon=0.01, rng=1)
    out = nearest_neighbour_inversion(" ".join(["flu salary paris"] * 30), strong, toy_space, k=1)
    assert out.top1 / out.n_words < 0.3  # near-uniform output: the attacker mostly fails


def test_inversion_counts_public_words_as_recovered(toy_space) -> None:
    text = "the flu of my salary"
    r = CusTextPlus(toy_space, top_k=5).sanitize(text, epsilon=0.01, rng=2)
    out = nearest_neighbour_inversion(text, r, toy_space, k=5)
    assert out.n_words == 5 and out.n_perturbed == 2
    assert out.top1 >= 3  # the, of, my are released as they are
    assert out.topk_perturbed == 2  # top-5 covers the whole 5-word mapping set


def test_content_words_are_counted_on_their_own(toy_space) -> None:
    from veil.dp.policy import SelectiveSanitizer
    from veil.evaluation.attacks.dp import score_guesses

    text = "the flu of my salary"
    r = SelectiveSanitizer(CusTextPlus(toy_space, top_k=5), policy="terms",
                           terms=["flu"]).sanitize(text, epsilon=0.01, rng=3)
    right = [[text[s:e]] for s, e in r.spans]
    flags = [False, True, False, False, True]  # flu, salary: content; salary released public
    out = score_guesses(text, r, toy_space, right, 1, content=flags)
    assert (out.n_content, out.top1_content) == (2, 2)
    wrong = [["paris"]] * len(r.spans)
    out = score_guesses(text, r, toy_space, wrong, 1, content=flags)
    assert (out.n_content, out.top1_content, out.top1_perturbed) == (2, 1, 0)  # salary is public
    with pytest.raises(ValueError, match="content flag"):
        score_guesses(text, r, toy_space, right, 1, content=[True])


def test_hits_ignore_case_in_a_cased_space() -> None:
    import numpy as np

    from veil.dp.embeddings import EmbeddingSpace
    from veil.dp.sanitizers import SanText
    from veil.evaluation.attacks.dp import score_guesses

    words = ("Paris", "paris", "flu", "Flu")
    cased = EmbeddingSpace(name="cased", words=words, lowercase=False,
                           vectors=np.array([[1, 0], [1, 0.1], [0, 1], [0.1, 1]], np.float32))
    text = "Paris flu"
    r = SanText(cased).sanitize(text, epsilon=0.01, rng=0)
    out = score_guesses(text, r, cased, [["paris"], ["Flu"]], 1)
    assert (out.n_perturbed, out.top1_perturbed) == (2, 2)
    # case variants are one guess: "FLU" after "flu" still leaves room for "paris" in a top-2
    out = score_guesses(text, r, cased, [["flu", "FLU", "paris"], ["flu"]], 2)
    assert (out.topk_perturbed, out.top1_perturbed) == (2, 1)


def test_merging_runs_adds_attacks_and_recomputes_the_strongest() -> None:
    from veil.dp.evaluation import merge_reports, strongest
    from veil.errors import DPError

    def row(seed: int, attacks: dict) -> dict:
        return {"mechanism": "rantext", "epsilon": 8.0, "seed": seed, "prompt_cosine": 0.87,
                "perturbed_share": 1.0, "epsilon_per_prompt": 200.0, "words_changed": 0.4,
                "attacks": attacks, **strongest(attacks)}

    def att(p: float, c: float) -> dict:
        return {"top1": p, "top1_perturbed": p, "top1_content": c}

    cfg = {"n": 20, "prompt_seed": 0, "space": "minilm"}
    base = {"config": cfg, "commands": ["veil eval dp a"],
            "results": [row(0, {"channel_map_frequency": att(0.6, 0.7)})]}
    extra = {"config": cfg, "commands": ["veil eval dp b"],
             "results": [row(0, {"context_lm": att(0.65, 0.68)}),
                         row(1, {"channel_map_frequency": att(0.62, 0.71)})]}
    merged = merge_reports(base, extra)
    first = merged["results"][0]
    assert set(first["attacks"]) == {"channel_map_frequency", "context_lm"}
    assert (first["best_attack"], first["recovery_perturbed"]) == ("context_lm", 0.65)
    assert (first["best_attack_content"], first["recovery_content"]) == (
        "channel_map_frequency", 0.7)
    assert len(merged["results"]) == 2 and merged["summary"][0]["seeds"] == 2
    assert merged["commands"] == ["veil eval dp a", "veil eval dp b"]
    assert base["results"][0]["best_attack"] == "channel_map_frequency"  # inputs untouched
    with pytest.raises(DPError, match="'n'"):
        merge_reports(base, {**extra, "config": {**cfg, "n": 40}})


def test_prompts_are_synthetic_varied_and_reproducible() -> None:
    a, b = sensitive_prompts(9, seed=1), sensitive_prompts(9, seed=1)
    assert a == b and len({p for _, p in a}) == 9
    assert {d for d, _ in a} == {"medical", "financial", "hr"}


def test_reports_hold_metrics_and_no_prompt_text(tmp_path) -> None:
    from veil.dp.evaluation import INFERDPT_PUBLISHED, strongest, summarize

    rows = []
    for m, base in (("santext", 0.1), ("rantext", 0.5), ("rantext@content", 0.2)):
        for e in (1.0, 4.0):
            for seed in (0, 1):
                attacks = {"identity": {"top1": base, "topk": base, "top1_perturbed": base,
                                        "topk_perturbed": base, "top1_content": 0.3 + base,
                                        "k": 1.0},
                           "channel_map_frequency": {"top1": base + 0.1, "topk": 0.9,
                                                     "top1_perturbed": base + 0.05 * seed,
                                                     "topk_perturbed": 0.9,
                                                     "top1_content": base, "k": 5.0}}
                rows.append({"mechanism": m, "epsilon": e, "seed": seed,
                             "prompt_cosine": 0.5 + e / 10, "prompt_cosine_std": 0.1,
                             "words_changed": 0.4, "perturbed_share": 0.5,
                             "epsilon_per_prompt": 20 * e, "ms_per_prompt": 3.0,
                             "attacks": attacks, **strongest(attacks), "answer_cosine": 0.6})
    report = {"config": {"top_k": 5, "n": 4, "shadow_n": 2, "seeds": [0, 1]},
              "space": {"name": "toy", "words": 20, "dim": 2}, "created": "now",
              "utility_floor": {"answer_cosine_floor": 0.57, "answer_cosine_floor_std": 0.1},
              "inferdpt_published": INFERDPT_PUBLISHED, "results": rows,
              "summary": summarize(rows)}
    paths = write_reports(report, tmp_path / "dp")
    assert [p.name for p in paths] == ["dp.json", "dp.md", "dp.png"]
    assert json.loads(paths[0].read_text())["results"] == rows
    md = paths[1].read_text()
    # summary + per-attack rows per epsilon, and eps 4 (cosine 0.9) in the RANTEXT comparison
    assert md.count("| santext |") == 5
    assert "noise floor" in md and "0.570" in md and "InferDPT" in md
    assert "0.525 ± 0.025" in md  # rantext mean and spread over the two seeds
    # content-word recovery: its own strongest attack (identity here), named beside it
    assert "recovered (content words)" in md and "0.800 ± 0.000 (identity)" in md
    assert paths[2].stat().st_size > 10_000


def test_cli_lists_the_command_and_refuses_bad_input() -> None:
    from veil.cli.app import app

    runner = CliRunner()
    res = runner.invoke(app, ["eval", "dp", "--help"])
    assert res.exit_code == 0 and "--epsilons" in res.output and "--no-answers" in res.output
    assert "--shadow-n" in res.output and "--seeds" in res.output
    res = runner.invoke(app, ["eval", "dp", "--mechanisms", "nope"])
    assert res.exit_code != 0
    res = runner.invoke(app, ["eval", "dp", "--mechanisms", "rantext@everything"])
    assert res.exit_code != 0
    res = runner.invoke(app, ["eval", "dp", "--epsilons", "1,-2"])
    assert res.exit_code != 0


def test_extract_answer_refuses_empty_input_before_loading_a_model() -> None:
    from veil.dp.extraction import extract_answer

    with pytest.raises(InputError):
        extract_answer("", "some answer")
    with pytest.raises(InputError):
        extract_answer("a question?", "  ")


def test_no_prompt_text_reaches_the_logs(toy_space, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "salary flu paris"
    for eps in (0.1, 100.0):
        SanText(toy_space).sanitize(secret, epsilon=eps, rng=0)
        CusTextPlus(toy_space, top_k=5).sanitize(secret, epsilon=eps, rng=0)
    logged = " ".join(r.getMessage() for r in caplog.records).lower()
    assert not any(w in logged for w in secret.split())


@pytest.mark.slow
def test_extract_answer_with_the_embedded_model() -> None:
    pytest.importorskip("transformers")
    from veil.dp.extraction import extract_answer

    out = extract_answer("What should I eat with type 2 diabetes?",
                         "With gene and flu, eat vegetables and whole grains; avoid sugar.",
                         max_new_tokens=12)
    assert isinstance(out, str) and out.strip()


def test_answer_utility_is_paired_with_the_floor_per_prompt_and_pooled_over_seeds() -> None:
    import numpy as np

    from veil.dp.evaluation import _answer_fields, strongest, summarize

    floor = np.array([0.2, 0.6, 0.4, 0.8])  # wide spread over prompts
    att = {"identity": {"top1": 0.5, "top1_perturbed": 0.5, "top1_content": 0.5}}
    rows = []
    for seed, shift in ((0, -0.10), (1, -0.20)):
        fields = _answer_fields(floor + shift + np.array([0.0, 0.02, -0.02, 0.0]), floor)
        rows.append({"mechanism": "rantext", "epsilon": 8.0, "seed": seed,
                     "prompt_cosine": 0.87, "perturbed_share": 1.0, "epsilon_per_prompt": 200.0,
                     "words_changed": 0.4, "attacks": att, **strongest(att), **fields})
    assert rows[0]["answer_vs_floor"] == pytest.approx(-0.10)
    s = summarize(rows)[0]
    # the paired difference sees the -0.15 shift although the floor's own std is 0.22
    assert s["answer_vs_floor"] == pytest.approx(-0.15)
    assert 0 < s["answer_vs_floor_se"] < 0.02
    assert s["answer_cosine_spread"] == pytest.approx(0.05) and s["answer_seeds"] == 2


def test_runs_in_another_embedding_space_merge_as_their_own_settings(tmp_path) -> None:
    from veil.dp.evaluation import merge_reports, setting_label, strongest

    assert setting_label("rantext@content", "minilm") == "rantext@content"
    assert setting_label("rantext@content", "smollm2") == "rantext@content[smollm2]"
    att = {"identity": {"top1": 0.5, "top1_perturbed": 0.5, "top1_content": 0.5}}

    def report(space: str, dim: int) -> dict:
        row = {"mechanism": setting_label("rantext", space), "epsilon": 8.0, "seed": 0,
               "prompt_cosine": 0.87, "perturbed_share": 1.0, "epsilon_per_prompt": 200.0,
               "words_changed": 0.4, "attacks": att, **strongest(att)}
        return {"config": {"n": 20, "prompt_seed": 0, "space": space, "shadow_n": 20},
                "space": {"name": space, "words": 10, "dim": dim}, "created": "now",
                "results": [row]}

    merged = merge_reports(report("minilm", 384), report("smollm2", 576))
    assert [s["mechanism"] for s in merged["summary"]] == ["rantext", "rantext[smollm2]"]
    md = write_reports(merged, tmp_path / "dp")[1].read_text()
    assert "minilm (10 words, 384-d)" in md
    assert "smollm2 (10 words, 576-d; rows tagged [smollm2])" in md
