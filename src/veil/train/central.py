"""Central (non-federated, non-private) fine-tuning of the detector on synthetic data.

Synthetic text is public by construction, so this is the non-private pre-training step that the
DP and federated trainers start from (DP-SGD from scratch needs far more data for the same F1).
"""

from __future__ import annotations

import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import torch

from veil.train import data
from veil.train.model import (
    MAX_LENGTH,
    TokenClassifier,
    build_model,
    evaluate,
    make_loader,
    train_epoch,
)


@dataclass(frozen=True)
class CentralConfig:
    """Sizes of one training run (defaults fit a shared 2-core machine in minutes)."""

    sentences: int = 3000  # training sentences, spread over the four domains, mixed locales
    epochs: int = 2
    batch_size: int = 16
    lr: float = 1e-4
    warmup: float = 0.1  # fraction of the steps with a rising learning rate
    layers: int | None = None  # None: all six MiniLM layers (the teacher)
    max_length: int = MAX_LENGTH
    # the 30k x 384 word-embedding table is most of the weights: frozen, a step costs far less
    # and the few thousand synthetic sentences cannot overwrite what pre-training learned
    freeze_embeddings: bool = True
    seed: int = 0
    locale: str = "mixed"
    held_out_sentences: int = 400  # from the held-out template families
    unseen_sentences: int = 300  # from presidio-evaluator's generator (0: skip, it is slow)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def training_set(cfg: CentralConfig) -> list[data.TaggedSentence]:
    return data.generate_mixed(cfg.sentences, seed=cfg.seed, locale=cfg.locale, split="train")


def held_out_set(cfg: CentralConfig) -> list[data.TaggedSentence]:
    # another seed than training: new fillers as well as new skeletons
    return data.generate_mixed(
        cfg.held_out_sentences, seed=cfg.seed + 10_000, locale=cfg.locale, split="held_out"
    )


def unseen_set(cfg: CentralConfig) -> list[data.TaggedSentence]:
    return data.generate_unseen(cfg.unseen_sentences, seed=cfg.seed) if cfg.unseen_sentences else []


def freeze_word_embeddings(model: TokenClassifier) -> None:
    enc: Any = model.encoder
    enc.embeddings.word_embeddings.weight.requires_grad_(False)


def linear_schedule(optimizer: torch.optim.Optimizer, total: int, warmup: float) -> Any:
    """Linear warm-up then linear decay to zero (the usual BERT fine-tuning schedule)."""
    warm = max(1, int(total * warmup))

    def factor(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        return max(0.0, (total - step) / max(1, total - warm))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def fit(
    model: TokenClassifier,
    sentences: Sequence[data.TaggedSentence],
    tokenizer: Any,
    cfg: CentralConfig,
    *,
    progress: bool = True,
    desc: str = "train",
) -> list[float]:
    """Fine-tune ``model`` on ``sentences``; returns the mean loss of every epoch."""
    loader = make_loader(
        sentences, tokenizer, batch_size=cfg.batch_size, seed=cfg.seed, max_length=cfg.max_length
    )
    if cfg.freeze_embeddings:
        freeze_word_embeddings(model)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=cfg.lr, weight_decay=0.01)
    scheduler = linear_schedule(optimizer, cfg.epochs * len(loader), cfg.warmup)
    losses = []
    for epoch in range(cfg.epochs):
        bar = _bar(len(loader), f"{desc} epoch {epoch + 1}/{cfg.epochs}", progress)
        losses.append(
            train_epoch(
                model,
                loader,
                optimizer,
                scheduler=scheduler,
                max_grad_norm=1.0,
                progress=lambda loss, bar=bar: _tick(bar, loss),
            )
        )
        if bar is not None:
            bar.close()
    return losses


def train_central(
    cfg: CentralConfig, tokenizer: Any, *, progress: bool = True
) -> tuple[TokenClassifier, dict[str, Any]]:
    """Build, fine-tune and score a model; returns it with a record of the run."""
    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    t0 = time.perf_counter()
    train = training_set(cfg)
    model = build_model(layers=cfg.layers, seed=cfg.seed)
    losses = fit(model, train, tokenizer, cfg, progress=progress)
    record: dict[str, Any] = {
        "config": cfg.as_dict(),
        "layers": model.num_layers,
        "train_sentences": len(train),
        "epoch_losses": losses,
        "train_seconds": round(time.perf_counter() - t0, 1),
    }
    return model, record


def score(
    model: TokenClassifier,
    tokenizer: Any,
    sets: Mapping[str, Sequence[data.TaggedSentence]],
) -> dict[str, dict[str, float]]:
    """Exact-span scores of ``model`` on each named evaluation set."""
    return {name: evaluate(model, s, tokenizer) for name, s in sets.items() if s}


def _bar(total: int, desc: str, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="batch", leave=False)


def _tick(bar: Any, loss: float) -> None:
    if bar is not None:
        bar.update(1)
        bar.set_postfix(loss=f"{loss:.3f}")
