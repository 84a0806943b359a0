"""Federated training on Flower's simulation engine (veil.train.federated).

One tiny run (1-layer MiniLM, 2 clients, 1 round) covers the whole path: non-IID client data,
FedProx, DP-SGD per client with its accounting, SecAgg+, server-side evaluation and the canary
audit. The deployment engine (SuperLink + SuperNodes) runs the same apps: scripts/flower-*.sh.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

pytest.importorskip("flwr")  # the `train` extra: make install puts flwr in the venv
pytest.importorskip("opacus")

from veil.errors import ConfigError  # noqa: E402
from veil.train import federated as fed  # noqa: E402


def test_config_travels_as_flat_run_config() -> None:
    cfg = fed.FederatedConfig(clients=3, dp_epsilon=4.0, strategy="fedprox", secagg=False,
                              dp_accountant="prv")
    raw = {k: str(v) if isinstance(v, float) else v for k, v in cfg.to_run_config().items()}
    raw["unrelated-flower-key"] = 1
    assert fed.FederatedConfig.from_run_config(raw) == cfg
    with pytest.raises(ConfigError, match="strategy"):
        fed.FederatedConfig(strategy="fedsgd")
    with pytest.raises(ConfigError, match="not both"):
        fed.FederatedConfig(dp_epsilon=8.0, central_noise=1.0)


def test_clients_are_non_iid() -> None:
    cfg = fed.FederatedConfig(clients=4, n_per_client=12)
    data = [fed.client_data(cfg, pid) for pid in range(4)]
    assert len({(d[0].domain, d[0].locale) for d in data}) == 4  # one domain/locale each
    assert all(len({(s.domain, s.locale) for s in d}) == 1 for d in data)


def test_the_development_set_is_the_held_out_families_with_other_sentences() -> None:
    sets = fed.eval_sets(fed.FederatedConfig(eval_n=60, seed=3))
    dev, held = sets["dev"], sets["held_out"]
    assert len(dev) == len(held) == 60
    from veil.train import data

    held_families = {t.family for d in data.DOMAINS for t in data.split_templates(d)[1]}
    assert {s.family for s in dev} <= held_families and {s.domain for s in dev} == set(data.DOMAINS)
    # other fillers: the choice of a round never sees a sentence it reports on
    assert len({s.text for s in dev} & {s.text for s in held}) <= 2


@pytest.mark.slow
def test_simulation_fedprox_dp_secagg_round() -> None:
    cfg = fed.FederatedConfig(
        clients=2, rounds=1, layers=1, n_per_client=16, eval_n=8, batch_size=8,
        strategy="fedprox", secagg=True, dp_epsilon=8.0, dp_delta=1e-3, canaries=1,
        canary_repeats=2, dp_accountant="prv")
    report = fed.run_simulation(cfg)

    assert [r["round"] for r in report["rounds"]] == [0, 1]  # initial + after round 1
    for r in report["rounds"]:
        assert all(0.0 <= r[f"f1_{k}"] <= 1.0 for k in ("held_out", "unseen", "dev"))
    # per-client accounting: each client spent its whole budget in its only round, not more
    clients = report["clients"]
    assert sorted(c["client"] for c in clients) == [0, 1]
    assert {c["domain"] for c in clients} == {"medical", "banking"}
    for c in clients:
        assert 4.0 < c["epsilon"] <= 8.0 + 1e-6 and c["delta"] == 1e-3 and c["n"] == 16
    assert report["privacy"]["epsilon"] == max(c["epsilon"] for c in clients)
    assert report["privacy"]["accountant"] == "prv"
    # SecAgg+: the aggregation only ever received the sum, never one client's update
    assert report["distinct_updates_seen_per_round"] == [1]
    (exposure,) = report["canary_exposure"]
    assert 0.0 <= exposure <= 8.0 and math.isfinite(exposure)


def test_cosine_schedule_spans_the_rounds_and_central_its_epochs() -> None:
    cfg = fed.FederatedConfig(rounds=12, lr=4e-3, lr_schedule="cosine")
    lrs = [fed.round_lr(cfg, r) for r in range(1, 13)]
    assert lrs[0] == pytest.approx(4e-3) and lrs[-1] == pytest.approx(4e-4)
    assert all(a > b for a, b in zip(lrs, lrs[1:], strict=False))
    assert fed.round_lr(fed.FederatedConfig(rounds=12, lr=4e-3), 12) == 4e-3  # constant
    with pytest.raises(ConfigError, match="schedule"):
        fed.FederatedConfig(lr_schedule="step")
    with pytest.raises(ConfigError, match="aug_multiplicity"):
        fed.FederatedConfig(aug_multiplicity=0)


def test_augmentation_multiplicity_gives_one_gradient_per_sentence_on_its_scale() -> None:
    # with dropout off and no context noise, k identical copies of each sentence must give
    # exactly the per-sample gradients of one copy: same rows, same scale (what Opacus clips)
    import torch

    from veil.train import dp
    from veil.train.model import INPUT_NAMES, make_loader, token_loss

    cfg = fed.FederatedConfig(clients=2, n_per_client=12, base="conv", layers=1)
    loader = make_loader(fed.client_data(cfg, 0), fed.tokenizer(), batch_size=6,
                         shuffle=False, seed=0)
    batch = next(iter(loader))

    def per_sample(copies: int) -> list[torch.Tensor]:
        model = fed.new_model(cfg)
        for mod in model.modules():
            if isinstance(mod, torch.nn.Dropout):
                mod.p = 0.0
        opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.1)
        pmodel, _, _ = dp.make_private(model, opt, loader, noise_multiplier=1.0,
                                       max_grad_norm=1.0)
        inputs = {k: v.repeat_interleave(copies, dim=0)
                  for k, v in zip(INPUT_NAMES, batch[:4], strict=True)}
        token_loss(pmodel(**inputs), batch[4].repeat_interleave(copies, dim=0)).backward()
        if copies > 1:
            fed._merge_copies(model, copies)
        grads = [p.grad_sample.clone() for p in model.parameters() if p.requires_grad]
        pmodel._close()
        return grads

    one, three = per_sample(1), per_sample(3)
    assert [g.shape[0] for g in three] == [6] * len(one)
    for a, b in zip(one, three, strict=True):
        assert torch.allclose(a, b, atol=1e-6), float((a - b).abs().max())


def test_the_release_is_an_exponential_average_of_the_rounds_models() -> None:
    import numpy as np

    last = fed.Release(0.0)
    assert last.update([np.ones(2)])[0].tolist() == [1.0, 1.0]
    assert last.update([np.zeros(2)])[0].tolist() == [0.0, 0.0]
    avg = fed.Release(0.5)
    first = [np.array([4.0, 0.0])]
    assert avg.update(first)[0].tolist() == [4.0, 0.0]  # the first round's model as it is
    first[0][0] = 99.0  # the caller's arrays are not kept
    assert avg.update([np.array([0.0, 2.0])])[0].tolist() == [2.0, 1.0]
    assert avg.update([np.array([0.0, 2.0])])[0].tolist() == [1.0, 1.5]
    with pytest.raises(ConfigError, match="ema"):
        fed.FederatedConfig(ema=1.0)


def test_a_rounds_row_keeps_per_sentence_counts_of_the_reported_sets() -> None:
    from veil.train.model import build_model

    cfg = fed.FederatedConfig(eval_n=12, base="conv", layers=1, ema=0.5, seed=2)
    sets = fed.eval_sets(cfg)
    model = build_model(base="conv", layers=1, seed=2)
    arrays = fed.get_trainable(model)
    released = [a * 0.5 for a in arrays]
    row, scores = fed.score_round(cfg, model, sets, 3, arrays, released)
    for prefix in ("", "raw_"):
        assert f"{prefix}counts_dev" not in row  # the development set only chooses a round
        for k in fed.REPORTED_SETS:
            counts = row[f"{prefix}counts_{k}"]
            assert len(counts) == len(sets[k]) == 12
            m, p, g = (sum(c[i] for c in counts) for i in range(3))
            assert g == sum(len(s.spans) for s in sets[k])
            assert row[f"{prefix}f1_{k}"] == pytest.approx(2 * m / (p + g) if p + g else 0.0)
    assert scores["held_out"]["micro_f1"] == row["f1_held_out"]
    metrics = fed.scalar_metrics(row)  # what Flower's metric records take
    assert "round" not in metrics and "f1_dev" in metrics
    assert not any(isinstance(v, list) for v in metrics.values())


# ---- clients on their own documents -----------------------------------------------------------

_DOCS = [
    {"text": "Dr. Amara Okafor reviewed the scan at Riverside Clinic in Leeds.",
     "spans": [{"start": 4, "end": 16, "label": "PERSON"},
               {"start": 38, "end": 54, "label": "HOSPITAL"},
               {"start": 58, "end": 63, "label": "CITY"}]},
    {"text": "Follow-up booked for Jonas Weber next Tuesday.", "label": [[21, 32, "PER"]]},
    {"text": "No names in this note, only a blood pressure of 120/80.", "spans": []},
]


def _write_docs(path: Path, docs: list[dict[str, object]] | None = None) -> Path:
    path.write_text("\n".join(json.dumps(d) for d in docs or _DOCS) + "\n", encoding="utf-8")
    return path


def test_a_client_with_a_data_file_trains_on_its_own_documents(tmp_path: Path) -> None:
    path = _write_docs(tmp_path / "clinic.jsonl")
    sents = fed.client_data(fed.FederatedConfig(), 0, path)
    assert [s.text for s in sents] == [d["text"] for d in _DOCS]
    assert {s.domain for s in sents} == {"own"}
    assert [[(sp.label, s.text[sp.start:sp.end]) for sp in s.spans] for s in sents] == [
        [("PERSON", "Amara Okafor"), ("ORGANIZATION", "Riverside Clinic"),
         ("LOCATION", "Leeds")],
        [("PERSON", "Jonas Weber")],
        [],
    ]
    # the audit's canaries are synthetic names in synthetic data: never mixed into own data
    with pytest.raises(ConfigError, match="canaries"):
        fed.client_data(fed.FederatedConfig(canaries=2), 0, path)


def test_data_files_are_checked_before_anything_starts(tmp_path: Path) -> None:
    a, b = _write_docs(tmp_path / "a.jsonl"), _write_docs(tmp_path / "b.jsonl")
    cfg = fed.FederatedConfig(clients=2)
    assert fed.check_data_files(cfg, None) is None
    assert fed.check_data_files(cfg, [a, b]) == [str(a.resolve()), str(b.resolve())]
    with pytest.raises(ConfigError, match="2 clients"):
        fed.check_data_files(cfg, [a])
    with pytest.raises(ConfigError, match="does not exist"):
        fed.check_data_files(cfg, [a, tmp_path / "missing.jsonl"])
    with pytest.raises(ConfigError, match="canaries"):
        fed.check_data_files(fed.FederatedConfig(clients=2, canaries=1), [a, b])


def test_a_clients_report_line_states_the_guarantee_per_document() -> None:
    own = fed._client_row(1, {"own_data": True, "document_pieces_max": 3, "epsilon": 2.5,
                              "delta": 1e-5, "n": 40})
    assert own == {"client": 1, "domain": "own documents", "locale": "",
                   "document_pieces_max": 3, "document_epsilon": 7.5, "n": 40,
                   "epsilon": 2.5, "delta": 1e-5}
    synthetic = fed._client_row(1, {"epsilon": 0.0, "n": 12})
    assert synthetic["domain"] == "banking" and "document_epsilon" not in synthetic


@pytest.mark.slow
def test_simulation_on_own_documents_exports_a_servable_detector(tmp_path: Path) -> None:
    from veil.detect.learned import _Runtime

    files = [_write_docs(tmp_path / f"org{i}.jsonl", _DOCS * 4) for i in range(2)]
    out = tmp_path / "detector"
    cfg = fed.FederatedConfig(clients=2, rounds=1, base="conv", eval_n=8, batch_size=4,
                              lr=4e-3, dp_epsilon=8.0, dp_delta=1e-3, secagg=True,
                              detector_path=str(out))
    report = fed.run_simulation(cfg, data_files=files)

    assert [c["domain"] for c in report["clients"]] == ["own documents"] * 2
    assert all(c["n"] == 12 and c["document_pieces_max"] == 1 for c in report["clients"])
    assert report["privacy"]["kind"] == "dp-sgd per client (piece level)"
    assert report["privacy"]["document_epsilon"] == pytest.approx(report["privacy"]["epsilon"])
    assert report["detector"] == str(out.resolve())
    card = json.loads((out / "card.json").read_text())
    assert card["privacy"]["epsilon"] <= 8.0 + 1e-6 and card["exported"] == "federated"
    assert [c["n"] for c in card["data"]["clients"]] == [12, 12]
    text = (out / "card.md").read_text()
    assert "own annotated documents" in text and "Okafor" not in text  # counts, never text
    found = _Runtime(out).spans(["Dr. Amara Okafor reviewed the scan in Leeds."])
    assert len(found) == 1  # the folder serves: the learned backend loads and runs it


def test_a_federation_starts_from_a_detectors_weights(tmp_path: Path) -> None:
    import torch

    from veil.train import model as M  # noqa: N812

    trained = M.build_model(base="conv", layers=1, seed=5)
    with torch.no_grad():  # stands for training: every trainable weight moved
        for name, p in trained.named_parameters():
            if name != "words.weight":
                p.add_(0.5)
    M.save(trained, tmp_path / "det" / "torch")
    cfg = fed.FederatedConfig(base="conv", layers=1, start_from=str(tmp_path / "det"))
    start = fed.start_model(cfg)
    for got, want in zip(fed.get_trainable(start), fed.get_trainable(fed.new_model(cfg)),
                         strict=True):
        assert not (got == want).all()  # not the fresh model ...
    fresh_start = M.load(tmp_path / "det" / "torch")
    from veil.train.dp import freeze_for_dp

    freeze_for_dp(fresh_start)
    for got, want in zip(fed.get_trainable(start), fed.get_trainable(fresh_start), strict=True):
        assert (got == want).all()  # ... but the detector's weights, which travel in round 1

    with pytest.raises(ConfigError, match="--layers 1"):
        fed.start_model(fed.FederatedConfig(base="conv", layers=2, start_from=cfg.start_from))
    with pytest.raises(ConfigError, match="trainable all"):  # frozen weights never travel
        fed.start_model(fed.FederatedConfig(base="conv", layers=1, trainable="bitfit",
                                            start_from=cfg.start_from))
    with pytest.raises(ConfigError, match="no trained weights"):
        fed.start_model(fed.FederatedConfig(base="conv", start_from=str(tmp_path / "none")))
    with torch.no_grad():  # a word table the clients could not rebuild: refused
        trained.words.weight.mul_(2.0)
    M.save(trained, tmp_path / "tuned" / "torch")
    with pytest.raises(ConfigError, match="word table"):
        fed.start_model(fed.FederatedConfig(base="conv", layers=1,
                                            start_from=str(tmp_path / "tuned")))


def test_a_node_whose_library_negated_table_columns_is_aligned_to_the_server() -> None:
    import torch

    cfg = fed.FederatedConfig(base="conv", layers=1)
    server, node = fed.new_model(cfg), fed.new_model(cfg)
    signature = fed.table_signature(server)
    assert len(signature) == server.word_embeddings.weight.shape[1]
    with torch.no_grad():  # another LAPACK chose other signs for some principal directions
        node.word_embeddings.weight[:, [0, 5, 77]] *= -1
    assert fed.table_signature(node) != signature
    fed.align_table(node, signature)
    assert torch.equal(node.word_embeddings.weight, server.word_embeddings.weight)
    fed.align_table(node, "")  # an older server sends none: nothing to align
    with pytest.raises(ConfigError, match="not the server's"):
        fed.align_table(node, signature[:-1])
