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


def test_prompts_are_synthetic_varied_and_reproducible() -> None:
    a, b = sensitive_prompts(9, seed=1), sensitive_prompts(9, seed=1)
    assert a == b and len({p for _, p in a}) == 9
    assert {d for d, _ in a} == {"medical", "financial", "hr"}


def test_reports_hold_metrics_and_no_prompt_text(tmp_path) -> None:
    rows = [{"mechanism": m, "epsilon": e, "prompt_cosine": 0.5, "prompt_cosine_std": 0.1,
             "words_changed": 0.4, "recovery_top1": 0.3, "recovery_top5": 0.4,
             "recovery_top1_perturbed": 0.2, "recovery_top5_perturbed": 0.3,
             "epsilon_per_prompt": 20 * e, "ms_per_prompt": 3.0, "answer_cosine": 0.6}
            for m in ("santext", "rantext") for e in (1.0, 4.0)]
    report = {"config": {"top_k": 5, "n": 4, "seed": 0, "answers_n": 2, "max_new_tokens": 8},
              "space": {"name": "toy", "words": 20, "dim": 2}, "created": "now", "results": rows}
    paths = write_reports(report, tmp_path / "dp")
    assert [p.name for p in paths] == ["dp.json", "dp.md", "dp.png"]
    assert json.loads(paths[0].read_text())["results"] == rows
    md = paths[1].read_text()
    assert md.count("| santext |") == 2 and "answer cos" in md
    assert paths[2].stat().st_size > 10_000


def test_cli_lists_the_command_and_refuses_bad_input() -> None:
    from veil.cli.app import app

    runner = CliRunner()
    res = runner.invoke(app, ["eval", "dp", "--help"])
    assert res.exit_code == 0 and "--epsilons" in res.output and "--no-answers" in res.output
    res = runner.invoke(app, ["eval", "dp", "--mechanisms", "nope"])
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
