"""Sanitizers on a toy embedding space (exact distributions) and on MiniLM (slow)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from scipy import stats

from veil.dp import (
    CusText,
    CusTextPlus,
    RanText,
    SanText,
    SanTextPlus,
    get_sanitizer,
    perturb_free_text,
)
from veil.errors import DPError, InputError, InvalidEpsilonError

TEXT = "My flu and the fever of Paris, my salary!"


def test_santext_distribution_is_the_papers(toy_space) -> None:
    san = SanText(toy_space)
    ids, p = san.probabilities("flu", epsilon=2.0)
    d = np.linalg.norm(toy_space.vectors - toy_space.vectors[toy_space.index("flu")], axis=1)
    expected = np.exp(-2.0 * d / 2)
    np.testing.assert_allclose(p, expected / expected.sum(), rtol=1e-4)
    rng = np.random.default_rng(0)
    draws = [toy_space.index(san.perturb_word("flu", epsilon=2.0, rng=rng)) for _ in range(5000)]
    counts = np.bincount(draws, minlength=toy_space.size)
    mask = p * 5000 > 5  # chi-square on the cells with enough mass
    f_exp = p[mask] / p[mask].sum() * counts[mask].sum()
    assert stats.chisquare(counts[mask], f_exp).pvalue > 1e-3


def test_santext_satisfies_metric_dp(toy_space) -> None:
    san, eps = SanText(toy_space), 1.5
    for a, b in itertools.combinations(["flu", "cold", "salary", "paris", "the"], 2):
        _, pa = san.probabilities(a, epsilon=eps)
        _, pb = san.probabilities(b, epsilon=eps)
        dist = float(np.linalg.norm(toy_space.embed(a) - toy_space.embed(b)))
        assert np.max(np.abs(np.log(pa / pb))) <= eps * dist + 1e-9


def test_custext_partitions_the_vocabulary_into_mapping_sets(toy_space) -> None:
    cus = CusText(toy_space, top_k=5)
    seen: set[int] = set()
    for w in toy_space.words:
        group = set(cus.mapping_set(w).tolist())
        assert toy_space.index(w) in group and len(group) >= 2
        for other in group:  # a set maps onto itself: the same set for every member
            assert set(cus.mapping_set(toy_space.words[other]).tolist()) == group
        seen |= group
    assert seen == set(range(toy_space.size))
    assert {toy_space.words[i] for i in cus.mapping_set("flu")} == {
        "flu", "cold", "fever", "cough", "virus"}


def test_custext_is_eps_dp_inside_a_mapping_set(toy_space) -> None:
    cus, eps = CusText(toy_space, top_k=5), 2.0
    members = [toy_space.words[i] for i in cus.mapping_set("salary")]
    for a, b in itertools.combinations(members, 2):
        ia, pa = cus.probabilities(a, epsilon=eps)
        ib, pb = cus.probabilities(b, epsilon=eps)
        assert np.array_equal(ia, ib)
        assert np.max(np.abs(np.log(pa / pb))) <= eps + 1e-9
    rng = np.random.default_rng(1)
    outs = {cus.perturb_word("salary", epsilon=eps, rng=rng) for _ in range(300)}
    assert outs <= set(members) and len(outs) >= 3


def test_custext_plus_releases_stop_words_and_charges_only_the_rest(toy_space) -> None:
    r = CusTextPlus(toy_space, top_k=5).sanitize(TEXT, epsilon=1.0, rng=0)
    # words: my flu and the fever of paris my salary -> stop words: my and the of my
    assert (r.n_words, r.n_public, r.n_perturbed) == (9, 5, 4)
    assert r.epsilon_total == pytest.approx(4.0)
    low = r.text.lower()
    assert low.startswith("my ") and " and the " in low and " of " in low


def test_santext_plus_sensitive_words_always_change_domain(toy_space) -> None:
    never = SanTextPlus(toy_space, p=0.0, sensitive_words=["flu"])
    r = never.sanitize("the flu of my", epsilon=1.0, rng=3)
    assert r.text.lower().split()[0] == "the" and r.n_public == 3 and r.n_perturbed == 1
    always = SanTextPlus(toy_space, p=1.0)
    r = always.sanitize("the flu of my", epsilon=1.0, rng=3)
    assert r.n_public == 0 and r.n_perturbed == 4
    # Outputs come from the sensitive vocabulary only (never a stop word).
    rng = np.random.default_rng(4)
    outs = {always.perturb_word("the", epsilon=0.1, rng=rng) for _ in range(200)}
    assert not outs & {"the", "a", "of", "my", "is"}


def test_santext_plus_frequency_table_sets_the_sensitive_words(toy_space) -> None:
    counts = {w: 100 - i for i, w in enumerate(toy_space.words)}  # "flu" most frequent
    san = SanTextPlus(toy_space, word_counts=counts, sensitive_fraction=0.9)
    assert not san.is_sensitive("flu") and not san.is_sensitive("cold")
    assert san.is_sensitive("is")  # least frequent


def test_rantext_adjacency_contains_the_word_and_shrinks_with_epsilon(toy_space) -> None:
    ran = RanText(toy_space)
    rng = np.random.default_rng(5)
    sizes = {}
    for eps in (0.5, 5000.0):
        lists = [ran.adjacency("salary", epsilon=eps, rng=rng)[0] for _ in range(200)]
        assert all(toy_space.index("salary") in ids for ids in lists)
        sizes[eps] = np.mean([ids.size for ids in lists])
    assert sizes[5000.0] < sizes[0.5]
    assert sizes[5000.0] < 1.5  # nearly the word alone at a huge epsilon


@pytest.mark.parametrize("name", ["santext", "santext+", "custext", "custext+", "rantext"])
def test_noise_scales_with_epsilon(toy_space, name: str) -> None:
    opts = {"top_k": 5} if name.startswith("custext") else {}
    san = get_sanitizer(name, toy_space, **opts)
    words = ["flu", "cold", "salary", "wage", "paris", "rome"] * 40

    def kept(eps: float) -> float:
        rng = np.random.default_rng(6)
        return float(np.mean([san.perturb_word(w, epsilon=eps, rng=rng) == w for w in words]))

    low, high = kept(0.05), kept(5000.0)
    assert high > 0.95  # huge epsilon: (almost) the identity
    assert low < 0.6  # tiny epsilon: most words replaced; fails if the noise were disabled


def test_free_text_keeps_spans_layout_and_accounts(toy_space) -> None:
    text = "My flu <PERSON_1> and  the fever,\nof <LOCATION_2>!"
    keep = [(7, 17), (37, 49)]
    r = perturb_free_text(text, keep_spans=keep, sanitizer=SanText(toy_space), epsilon=2.0,
                          rng=7)
    assert "<PERSON_1>" in r.text and "<LOCATION_2>" in r.text
    assert r.n_kept == 4  # PERSON, 1, LOCATION, 2
    assert r.n_perturbed == r.n_words == 6
    assert r.epsilon_total == pytest.approx(12.0) and r.epsilon_per_token == 2.0
    # separators survive byte for byte
    import re

    assert re.sub(r"[A-Za-z0-9]+", "W", r.text) == re.sub(r"[A-Za-z0-9]+", "W", text)


def test_out_of_vocabulary_words_are_perturbed_not_leaked(toy_space) -> None:
    r = SanText(toy_space).sanitize("zanzibar qwertyuiop", epsilon=1.0, rng=8)
    assert r.n_perturbed == 2
    assert set(r.text.lower().split()) <= set(toy_space.words)


def test_seeded_runs_repeat_and_unseeded_runs_vary(toy_space) -> None:
    san = SanText(toy_space)
    text = " ".join(["flu salary paris"] * 10)
    assert san.sanitize(text, epsilon=0.5, rng=9).text == san.sanitize(text, epsilon=0.5,
                                                                       rng=9).text
    outs = {san.sanitize(text, epsilon=0.5).text for _ in range(3)}
    assert len(outs) > 1


def test_result_repr_carries_no_text(toy_space) -> None:
    r = SanText(toy_space).sanitize("salary flu", epsilon=100.0, rng=0)
    assert "salary" in r.text.lower()
    assert "salary" not in repr(r).lower() and "flu" not in repr(r).lower()


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_empty_text_is_refused(toy_space, text: str) -> None:
    with pytest.raises(InputError):
        SanText(toy_space).sanitize(text, epsilon=1.0)


@pytest.mark.parametrize("eps", [0, -2, float("nan"), float("inf")])
def test_bad_epsilon_is_refused(toy_space, eps: float) -> None:
    with pytest.raises(InvalidEpsilonError):
        CusText(toy_space, top_k=5).sanitize("flu", epsilon=eps)


def test_bad_options_are_refused(toy_space) -> None:
    with pytest.raises(DPError):
        get_sanitizer("nope", toy_space)
    with pytest.raises(DPError):
        CusText(toy_space, top_k=1)
    with pytest.raises(DPError):
        SanTextPlus(toy_space, p=1.5)
    with pytest.raises(InputError):
        perturb_free_text("flu", keep_spans=[(2, 10)], sanitizer=SanText(toy_space), epsilon=1.0)


@pytest.mark.slow
def test_minilm_sanitizers_end_to_end(minilm_space) -> None:
    text = "Patient Okonkwo was diagnosed with diabetes and depression after losing his job."
    for name in ("santext+", "custext+", "rantext"):
        san = get_sanitizer(name, minilm_space)
        strong = [san.sanitize(text, epsilon=1.0, rng=i) for i in range(5)]
        # fail closed: the out-of-vocabulary surname never survives
        assert all("okonkwo" not in r.text.lower() for r in strong)
        changed = np.mean([sum(o != text[s:e].lower()
                                for (s, e), o in zip(r.spans, r.outputs, strict=True))
                            for r in strong])
        assert changed >= 3  # at eps=1 most sensitive words are replaced
        weak = san.sanitize(text, epsilon=1000.0, rng=0)
        assert "diabetes" in weak.text.lower()


def test_a_word_cut_by_a_kept_span_is_perturbed_outside_it(toy_space) -> None:
    text = "salaryflu paris"  # keep "flu" only: "salary" touches it and must still be perturbed
    r = perturb_free_text(text, keep_spans=[(6, 9), (7, 8)], sanitizer=SanText(toy_space),
                          epsilon=1e-3, rng=11)
    assert r.n_kept == 1 and r.n_perturbed == 2
    assert r.text[len(r.text) - len(" paris") - 3:].startswith("flu")
    assert [text[s:e] for s, e in r.spans] == ["salary", "paris"]


@pytest.mark.slow
def test_smollm2_space_has_meaningful_neighbours() -> None:
    pytest.importorskip("transformers")
    pytest.importorskip("veil.models.smollm2")
    from veil.dp import load_space

    space = load_space("smollm2")
    assert space.dim == 576 and space.size > 20_000 and not space.lowercase
    near = {space.words[i] for i in space.nearest(space.embed("salary"), 6)}
    assert near & {"salaries", "wages", "wage", "earnings"}
    r = get_sanitizer("custext+", space).sanitize("My salary was cut.", epsilon=1.0, rng=0)
    assert r.n_perturbed == 2 and r.text.endswith(".")
