"""The token classifier (veil.train.model): inputs, a few real training steps, FedProx, scores.

Tiny configuration: one MiniLM layer, a few dozen sentences.
"""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from veil.train import data  # noqa: E402
from veil.train import model as M  # noqa: E402,N812

pytestmark = pytest.mark.slow  # loads the MiniLM weights


@pytest.fixture(scope="module")
def tokenizer() -> object:
    return M.load_tokenizer()


def test_encode_passes_explicit_positions_and_bio_labels(tokenizer: object) -> None:
    sents = data.generate("legal", 4, seed=2)
    enc = M.encode(sents, tokenizer, max_length=32)
    assert set(enc) == {"input_ids", "attention_mask", "token_type_ids", "position_ids", "labels"}
    n, width = enc["input_ids"].shape
    assert (enc["position_ids"] == torch.arange(width).expand(n, width)).all()
    # token types carry the case classes: 0 exactly on specials and padding
    from veil.train.casing import CASE_CLASSES, SPECIAL

    specials = (enc["input_ids"] < 1000) & (enc["input_ids"] != 100)  # [CLS], [SEP], [PAD]
    assert ((enc["token_type_ids"] == SPECIAL) == specials).all()
    assert int(enc["token_type_ids"].max()) < CASE_CLASSES
    # every labelled token lies inside the attention mask, specials/padding are ignored
    assert ((enc["labels"] != -100) <= (enc["attention_mask"] == 1)).all()
    assert (enc["labels"][:, 0] == -100).all()
    assert (enc["labels"] > 0).any()  # some B-/I- tags
    assert set(M.encode(["plain text"], tokenizer)) == {
        "input_ids",
        "attention_mask",
        "token_type_ids",
        "position_ids",
    }


def test_training_lowers_the_loss_and_prox_pulls_towards_the_reference(tokenizer: object) -> None:
    sents = data.generate_mixed(20, seed=1)
    loader = M.make_loader(sents, tokenizer, batch_size=10, max_length=40)
    model = M.build_model(layers=1, seed=0)
    assert model.num_layers == 1
    reference = [p.detach().clone() for p in model.parameters()]
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    first = M.train_epoch(model, loader, opt)
    later = [M.train_epoch(model, loader, opt) for _ in range(2)]
    assert later[-1] < first * 0.8

    def drift(m: torch.nn.Module) -> float:
        return float(
            sum(((p - r) ** 2).sum() for p, r in zip(m.parameters(), reference, strict=True))
        )

    free = M.build_model(layers=1, seed=0)
    held = M.build_model(layers=1, seed=0)
    for m, prox in ((free, None), (held, M.Prox(mu=5.0, reference=reference))):
        # lr * mu < 1: the proximal step contracts towards the reference instead of overshooting
        M.train_epoch(m, loader, torch.optim.SGD(m.parameters(), lr=0.05), prox=prox)
    assert drift(held) < drift(free)

    scores = M.evaluate(model, sents, tokenizer)
    for key in ("micro_f1", "f1_PERSON", "f1_LOCATION", "f1_ORGANIZATION", "f2_PERSON"):
        assert 0.0 <= scores[key] <= 1.0
    assert scores["micro_f1"] > 0.0  # three epochs on these sentences find some of them


def test_build_model_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError, match="between 1 and 6"):
        M.build_model(base="random", layers=7)
    with pytest.raises(ValueError, match="minilm"):
        M.build_model(base="bert-large")


def test_save_and_load_round_trip(tmp_path: object, tokenizer: object) -> None:
    from pathlib import Path

    model = M.build_model(base="random", layers=1, seed=3).eval()
    folder = M.save(model, Path(str(tmp_path)) / "m")
    again = M.load(folder)
    enc = M.encode(["Dr. Ana Silva lives in Porto."], tokenizer)
    enc.pop("labels", None)
    with torch.no_grad():
        assert torch.allclose(model(**enc), again(**enc))


def test_tiny_student_starts_from_minilm_embeddings_and_round_trips(
    tmp_path: object, tokenizer: object
) -> None:
    from pathlib import Path

    tiny = M.build_model(base="tiny", layers=2, hidden=128, seed=0).eval()
    enc_cfg = tiny.encoder.config
    assert (enc_cfg.hidden_size, enc_cfg.num_hidden_layers, enc_cfg.num_attention_heads) == (
        128, 2, 2)
    # the word embeddings are MiniLM's projected: related words stay closer than unrelated ones
    ids = tokenizer.convert_tokens_to_ids(["doctor", "nurse", "banana"])
    e = torch.nn.functional.normalize(tiny.encoder.embeddings.word_embeddings.weight[ids], dim=-1)
    assert float(e[0] @ e[1]) > float(e[0] @ e[2])
    again = M.load(M.save(tiny, Path(str(tmp_path)) / "tiny"))
    enc = M.encode(["Dr. Ana Silva lives in Porto."], tokenizer)
    enc.pop("labels", None)
    with torch.no_grad():
        assert torch.allclose(tiny(**enc), again(**enc))
    with pytest.raises(ValueError, match="multiple of 64"):
        M.build_model(base="tiny", hidden=100)
