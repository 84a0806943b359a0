"""Checkpoints of central training (veil.train.checkpoint, central.fit): a run interrupted
after a few steps and resumed ends with the same weights and losses as one that never stopped.

Tiny model (one layer, 64 wide) and a few dozen sentences: the bookkeeping is under test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from veil.train import central, data  # noqa: E402
from veil.train import model as M  # noqa: E402,N812
from veil.train.checkpoint import CheckpointDir, CheckpointError  # noqa: E402

pytestmark = pytest.mark.slow  # reads the MiniLM tokenizer and embeddings

CFG = central.CentralConfig(layers=1, epochs=2, batch_size=8, lr=1e-3, max_length=40)


class Interrupted(Exception):
    pass


@pytest.fixture(scope="module")
def tokenizer() -> object:
    return M.load_tokenizer()


@pytest.fixture(scope="module")
def sentences() -> list[data.TaggedSentence]:
    return data.generate_mixed(40, seed=3)  # 5 batches of 8 per epoch, 10 steps in all


def _model(seed: int = 0) -> M.TokenClassifier:
    return M.build_model(base="tiny", layers=1, hidden=64, seed=seed)


def _stop_at(step: int):  # type: ignore[no-untyped-def]
    def hook(at: int, loss: float) -> None:
        if at == step:
            raise Interrupted

    return hook


def test_a_resumed_run_ends_where_an_uninterrupted_one_does(
    tmp_path: Path, tokenizer: object, sentences: list[data.TaggedSentence]
) -> None:
    ref = _model()
    ref_losses = central.fit(ref, sentences, tokenizer, CFG, progress=False)

    ck = tmp_path / "ck"
    broken = _model()
    with pytest.raises(Interrupted):  # killed in the second epoch, after the step-6 checkpoint
        central.fit(broken, sentences, tokenizer, CFG, progress=False, checkpoints=ck,
                    checkpoint_every=3, on_step=_stop_at(8))
    assert [p.name for p in CheckpointDir(ck).steps()] == ["step-00000006"]  # older ones gone

    torch.manual_seed(99)  # another RNG state: dropout must continue from the saved one
    resumed = _model(seed=7)  # other weights: they must come from the checkpoint
    steps: list[int] = []
    losses = central.fit(resumed, sentences, tokenizer, CFG, progress=False, checkpoints=ck,
                         checkpoint_every=3, resume=True, on_step=lambda s, _: steps.append(s))
    assert steps == [7, 8, 9, 10]
    assert losses == pytest.approx(ref_losses, rel=1e-6)
    want, got = ref.state_dict(), resumed.state_dict()
    assert want.keys() == got.keys()
    for k in want:
        assert torch.allclose(want[k], got[k], atol=1e-6, rtol=0), k
    assert (want["classifier.weight"] != _model().state_dict()["classifier.weight"]).any()

    # the last checkpoint is a model folder: M.load (and --teacher) read it
    last = CheckpointDir(ck).latest()
    assert last is not None and last.name == "step-00000010"
    enc = M.encode(["Dr. Ana Silva lives in Porto."], tokenizer)
    assert "labels" not in enc
    with torch.no_grad():
        assert torch.allclose(M.load(last)(**enc), resumed.eval()(**enc))

    # resuming a finished run trains nothing and returns its losses
    again = _model()
    steps.clear()
    assert central.fit(again, sentences, tokenizer, CFG, progress=False, checkpoints=ck,
                       resume=True, on_step=lambda s, _: steps.append(s)) == losses
    assert steps == []


def test_resume_refuses_another_runs_checkpoint_and_a_fresh_run_replaces_it(
    tmp_path: Path, tokenizer: object, sentences: list[data.TaggedSentence]
) -> None:
    ck = tmp_path / "ck"
    with pytest.raises(Interrupted):
        central.fit(_model(), sentences, tokenizer, CFG, progress=False, checkpoints=ck,
                    checkpoint_every=2, on_step=_stop_at(3))
    # a kill while writing leaves a temporary folder: never taken for a checkpoint
    (ck / ".tmp-step-00000004-123").mkdir()
    assert CheckpointDir(ck).latest() == ck / "step-00000002"

    longer = central.CentralConfig(**{**CFG.as_dict(), "epochs": 3})
    with pytest.raises(CheckpointError, match=r"epochs=2 \(now 3\)"):
        central.fit(_model(), sentences, tokenizer, longer, progress=False, checkpoints=ck,
                    resume=True)

    # without --resume the old checkpoints go: the new run's are the only ones
    steps: list[int] = []
    central.fit(_model(), sentences, tokenizer, CFG, progress=False, checkpoints=ck,
                checkpoint_every=0, on_step=lambda s, _: steps.append(s))
    assert steps[0] == 1 and steps[-1] == 10
    assert [p.name for p in CheckpointDir(ck).steps()] == ["step-00000010"]


def test_length_grouped_batches_cover_every_sentence_once_with_less_padding() -> None:
    gen = torch.Generator().manual_seed(0)
    lengths = [int(x) for x in torch.randint(5, 60, (203,), generator=gen)]
    sampler = M.LengthGroupedBatches(lengths, 16, generator=torch.Generator().manual_seed(1),
                                     window=4)
    epochs = [list(sampler), list(sampler)]
    assert len(sampler) == 13 == len(epochs[0])
    for batches in epochs:
        assert sorted(i for b in batches for i in b) == list(range(203))
    assert epochs[0] != epochs[1]  # a new order every epoch

    def padding(batches: list[list[int]]) -> int:
        return sum(max(lengths[i] for i in b) * len(b) - sum(lengths[i] for i in b)
                   for b in batches)

    perm = torch.randperm(203, generator=torch.Generator().manual_seed(2)).tolist()
    random_batches = [perm[k : k + 16] for k in range(0, 203, 16)]
    assert padding(epochs[0]) < padding(random_batches) / 3
    same = M.LengthGroupedBatches(lengths, 16, generator=torch.Generator().manual_seed(1), window=4)
    assert list(same) == epochs[0]  # the seed fixes the order


def test_train_detector_resume_continues_from_the_teachers_checkpoint(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from veil.cli.app import app

    pytest.importorskip("onnxruntime")
    ck = tmp_path / "ck"
    args = ["train", "detector", "--arch", "minilm", "--teacher-layers", "1",
            "--student-layers", "1", "--student-hidden", "64", "--export", "student",
            "--sentences", "24", "--epochs", "1", "--batch-size", "8", "--held-out", "8",
            "--unseen", "0", "--out", str(tmp_path / "det"), "--checkpoint-dir", str(ck),
            "--checkpoint-every", "2", "--no-progress"]
    first = CliRunner().invoke(app, [*args, "--results", str(tmp_path / "a.json")])
    assert first.exit_code == 0, first.output
    assert [p.name for p in CheckpointDir(ck / "teacher").steps()] == ["step-00000003"]
    assert [p.name for p in CheckpointDir(ck / "student").steps()] == ["step-00000003"]
    again = CliRunner().invoke(app, [*args, "--resume", "--results", str(tmp_path / "b.json")])
    assert again.exit_code == 0, again.output
    a, b = (json.loads((tmp_path / f"{n}.json").read_text())["run"] for n in "ab")
    assert a["resumed_from"] is None and b["resumed_from"] == "step-00000003"
    assert b["student_resumed_from"] == "step-00000003"
    assert b["epoch_losses"] == a["epoch_losses"] and len(a["epoch_losses"]) == 1
    assert b["distill_losses"] == a["distill_losses"] and len(a["distill_losses"]) == 1
    other = CliRunner().invoke(app, [*args, "--resume", "--epochs", "2"])
    assert other.exit_code != 0 and isinstance(other.exception, CheckpointError)
