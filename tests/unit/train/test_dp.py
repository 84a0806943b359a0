"""DP-SGD settings, accounting and Opacus wrapping (veil.train.dp)."""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("opacus")  # the `train` extra (installed by make install)

import torch  # noqa: E402
from torch.utils.data import DataLoader, TensorDataset  # noqa: E402

from veil.errors import DPError, InvalidEpsilonError  # noqa: E402
from veil.train import dp  # noqa: E402


def test_secure_setting_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert dp.check_privacy(epsilon=8.0, delta=1e-5, n=1000, max_grad_norm=1.0) == []


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"epsilon": 12.0, "delta": 1e-5, "n": 1000, "max_grad_norm": 1.0}, "epsilon=12"),
        ({"epsilon": 8.0, "delta": 1e-2, "n": 1000, "max_grad_norm": 1.0}, "1/n"),
        ({"epsilon": 8.0, "delta": 1e-5, "n": 1000, "max_grad_norm": None}, "clipping"),
    ],
)
def test_insecure_settings_warn_and_say_what_to_do(kwargs: dict, needle: str) -> None:
    with pytest.warns(dp.InsecurePrivacyWarning, match=needle):
        problems = dp.check_privacy(**kwargs)
    assert len(problems) == 1


def test_invalid_settings_raise() -> None:
    with pytest.raises(InvalidEpsilonError):
        dp.check_privacy(epsilon=0.0, delta=1e-5, n=10, max_grad_norm=1.0)
    with pytest.raises(DPError):
        dp.check_privacy(epsilon=1.0, delta=1.5, n=10, max_grad_norm=1.0)
    with pytest.raises(DPError):
        dp.make_private(None, None, None, noise_multiplier=1.0, max_grad_norm=0.0)


def test_privacy_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        dp.check_privacy(8.0, 1e-5, 100, 1.0)  # type: ignore[misc]


def test_noise_is_sized_for_the_whole_budget() -> None:
    z = dp.noise_multiplier_for(epsilon=8.0, delta=1e-5, sample_rate=0.05, steps=200)
    spent = dp.spent_epsilon(noise_multiplier=z, sample_rate=0.05, steps=200, delta=1e-5)
    assert 7.0 < spent <= 8.0 + 1e-6  # reached, not exceeded
    half = dp.spent_epsilon(noise_multiplier=z, sample_rate=0.05, steps=100, delta=1e-5)
    assert 0 < half < spent  # a round reports what it has used so far
    # less budget needs more noise
    assert dp.noise_multiplier_for(epsilon=1.0, delta=1e-5, sample_rate=0.05, steps=200) > z
    # client-level accounting of central DP: one step per round, every client sampled
    assert dp.client_level_epsilon(noise_multiplier=1.0, rounds=5, sample_rate=1.0,
                                   delta=1e-5) > dp.client_level_epsilon(
        noise_multiplier=2.0, rounds=5, sample_rate=1.0, delta=1e-5)


def test_prv_accountant_needs_less_noise_for_the_same_budget() -> None:
    # The headline setting: 12,000 sentences per client, batches of 1,024, 12 rounds.
    kw = {"sample_rate": 1024 / 12000, "steps": 12 * 12}
    z_rdp = dp.noise_multiplier_for(epsilon=8.0, delta=1e-5, **kw)
    z_prv = dp.noise_multiplier_for(epsilon=8.0, delta=1e-5, accountant="prv", **kw)
    assert 0.9 * z_rdp < z_prv < 0.97 * z_rdp
    # each noise reaches its budget under its own accountant and does not exceed it
    spent = dp.spent_epsilon(noise_multiplier=z_prv, delta=1e-5, accountant="prv", **kw)
    assert 7.9 < spent <= 8.0
    # RDP's bound is looser: the PRV noise would not pass under RDP
    assert dp.spent_epsilon(noise_multiplier=z_prv, delta=1e-5, **kw) > 8.0
    # and PRV never reports more than RDP for the same noise
    assert dp.spent_epsilon(noise_multiplier=z_rdp, delta=1e-5, accountant="prv", **kw) \
        <= dp.spent_epsilon(noise_multiplier=z_rdp, delta=1e-5, **kw)


def test_prv_agrees_with_opacus_own_accountant() -> None:
    from opacus.accountants import PRVAccountant

    acc = PRVAccountant()
    acc.history = [(1.1, 0.05, 200)]
    ours = dp.spent_epsilon(noise_multiplier=1.1, sample_rate=0.05, steps=200, delta=1e-5,
                            accountant="prv")
    assert ours == pytest.approx(acc.get_epsilon(delta=1e-5), rel=1e-6)
    # client-level accounting of central DP (every client each round) works under PRV too
    assert dp.client_level_epsilon(noise_multiplier=1.0, rounds=5, sample_rate=1.0, delta=1e-5,
                                   accountant="prv") > 0


def test_prv_noise_never_spends_more_than_the_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # where PRV's error bound reads above RDP at the RDP noise, the search adds noise
    def looser(**kw: float) -> float:
        return 1.02 * dp.rdp_epsilon(**kw)

    monkeypatch.setattr(dp, "prv_epsilon", looser)
    dp._noise_for.cache_clear()
    kw = {"sample_rate": 0.05, "steps": 150}
    z = dp.noise_multiplier_for(epsilon=3.0, delta=1e-5, accountant="prv", **kw)
    dp._noise_for.cache_clear()
    assert looser(noise_multiplier=z, delta=1e-5, **kw) <= 3.0
    assert z > dp.noise_multiplier_for(epsilon=3.0, delta=1e-5, **kw)


def test_unknown_accountant_is_refused() -> None:
    from veil.errors import ConfigError
    from veil.train.federated import FederatedConfig

    with pytest.raises(ConfigError, match="rdp"):
        dp.spent_epsilon(noise_multiplier=1.0, sample_rate=0.1, steps=10, delta=1e-5,
                         accountant="gdp")
    with pytest.raises(ConfigError, match="accountant"):
        FederatedConfig(dp_epsilon=8.0, dp_accountant="moments")


def test_a_prv_failure_says_what_to_use(monkeypatch: pytest.MonkeyPatch) -> None:
    from opacus.accountants import PRVAccountant

    def fail(self: object, **_: object) -> float:
        raise ValueError("f(a) and f(b) must have different signs")

    monkeypatch.setattr(PRVAccountant, "get_epsilon", fail)
    with pytest.raises(DPError, match="use the rdp accountant"):
        dp.spent_epsilon(noise_multiplier=1.0, sample_rate=0.1, steps=10, delta=1e-5,
                         accountant="prv")


def test_make_private_clips_each_sample_and_adds_noise() -> None:
    torch.manual_seed(0)
    model = torch.nn.Linear(4, 1, bias=False)
    torch.nn.init.zeros_(model.weight)
    x = torch.ones(64, 4) * 100.0  # huge per-sample gradients
    loader = DataLoader(TensorDataset(x, torch.zeros(64, 1)), batch_size=64)
    opt = torch.optim.SGD(model.parameters(), lr=1.0)

    def step(noise: float) -> torch.Tensor:
        m, o, ld = dp.make_private(model, opt, loader, noise_multiplier=noise, max_grad_norm=1.0)
        batch_x, batch_y = next(iter(ld))
        o.zero_grad()
        torch.nn.functional.mse_loss(m(batch_x) - 1.0, batch_y).backward()
        assert o.pre_step()
        grad = model.weight.grad.detach().clone()
        m._close()
        return grad

    # no noise: the mean of per-sample gradients clipped to norm 1 has norm <= 1 (unclipped: ~800)
    assert 0.5 < float(step(1e-9).norm()) <= 1.0 + 1e-4
    # noise 1.0 on a batch of ~64: std ~1/64 per coordinate; the gradient is no longer exact
    diffs = [float((step(1.0) - step(1e-9)).norm()) for _ in range(3)]
    assert all(d > 1e-3 for d in diffs) and max(diffs) < 1.0


def test_noise_search_gives_opacus_noise_and_epsilon() -> None:
    # the fast search (integer orders, then the fractional ones near the best) must land where
    # Opacus' own search over all its default orders lands, and never spend more than asked
    from opacus.accountants import RDPAccountant
    from opacus.accountants.utils import get_noise_multiplier

    kw = {"sample_rate": 0.05, "steps": 200}
    z = dp.noise_multiplier_for(epsilon=2.0, delta=1e-5, **kw)
    ref = get_noise_multiplier(target_epsilon=2.0, target_delta=1e-5, accountant="rdp", **kw)
    assert abs(z - ref) <= 1e-3 * ref
    acc = RDPAccountant()
    acc.history = [(z, kw["sample_rate"], kw["steps"])]
    full = acc.get_epsilon(delta=1e-5)
    assert 1.98 <= full <= 2.0
    assert dp.spent_epsilon(noise_multiplier=z, delta=1e-5, **kw) == pytest.approx(full, abs=1e-9)


class _Tiny(torch.nn.Module):
    """The parameter names of Veil's token classifier, in miniature."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = torch.nn.ModuleDict({
            "embeddings": torch.nn.Embedding(10, 4),
            "layer": torch.nn.ModuleDict({"dense": torch.nn.Linear(4, 4),
                                          "LayerNorm": torch.nn.LayerNorm(4)})})
        self.classifier = torch.nn.Linear(4, 3)


@pytest.mark.parametrize(("trainable", "left"), [
    ("all", {"encoder.layer.dense.weight", "encoder.layer.dense.bias",
             "encoder.layer.LayerNorm.weight", "encoder.layer.LayerNorm.bias",
             "classifier.weight", "classifier.bias"}),
    ("bitfit", {"encoder.layer.dense.bias", "encoder.layer.LayerNorm.weight",
                "encoder.layer.LayerNorm.bias", "classifier.weight", "classifier.bias"}),
    ("head", {"classifier.weight", "classifier.bias"}),
])
def test_freeze_for_dp_leaves_the_chosen_set(trainable: str, left: set[str]) -> None:
    model = _Tiny()
    n = dp.freeze_for_dp(model, trainable)
    assert {k for k, p in model.named_parameters() if p.requires_grad} == left
    assert n == sum(p.numel() for k, p in model.named_parameters() if k in left)


def test_freeze_for_dp_on_a_conv_tagger_keeps_words_frozen_and_case_trainable() -> None:
    from veil.train.model import ConvTagger

    model = ConvTagger(layers=1, hidden=16, embed=8, case_dim=4, init=False)
    dp.freeze_for_dp(model, "all")
    trained = {k for k, p in model.named_parameters() if p.requires_grad}
    assert "words.weight" not in trained and "case.weight" in trained
    assert {"convs.0.weight", "norms.0.weight", "classifier.weight"} <= trained
    model = ConvTagger(layers=1, hidden=16, embed=8, case_dim=4, init=False)
    dp.freeze_for_dp(model, "bitfit")
    assert {k for k, p in model.named_parameters() if p.requires_grad} == {
        "project.bias", "convs.0.bias", "norms.0.weight", "norms.0.bias", "classifier.weight",
        "classifier.bias"}


def test_unknown_trainable_set_is_refused() -> None:
    from veil.errors import ConfigError
    from veil.train.federated import FederatedConfig

    with pytest.raises(ConfigError, match="bitfit"):
        dp.freeze_for_dp(_Tiny(), "lora")
    with pytest.raises(ConfigError, match="bitfit"):
        FederatedConfig(trainable="lora")
    # a flat scalar: it travels in Flower's run_config and comes back the same
    cfg = FederatedConfig(trainable="bitfit")
    assert FederatedConfig.from_run_config(cfg.to_run_config()) == cfg
